"""JSON Schemas for the YAML files, generated from the model (never edited by hand)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .records import ActorFile, Briefing, EventFile, PlaceFile

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "briefing.schema.json": (Briefing, "A briefing: one YAML file per briefing under briefings/."),
    "actors.schema.json": (ActorFile, "briefings/actors.yaml or briefings/actors/*.yaml: actor records."),
    "events.schema.json": (EventFile, "briefings/events.yaml or briefings/events/*.yaml: events on their own."),
    "places.schema.json": (PlaceFile, "briefings/places.yaml or briefings/places/*.yaml: the place registry."),
}


def schema_text(cls: type[BaseModel], description: str) -> str:
    """The JSON Schema of `cls` as stable, pretty-printed text."""
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **cls.model_json_schema(mode="validation"),
        "description": description,
    }
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def schemas() -> dict[str, str]:
    """File name -> schema text, for every schema the project ships."""
    return {name: schema_text(cls, desc) for name, (cls, desc) in SCHEMAS.items()}


def stale_schemas(folder: Path) -> list[str]:
    """Names of the schema files in `folder` that are missing or differ from the model."""
    return [
        name
        for name, text in schemas().items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]
