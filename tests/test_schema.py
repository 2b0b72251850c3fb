"""The JSON Schemas shipped in schema/ are generated from the model and accept the sample files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from generator.schema import schemas, stale_schemas
from generator.yamlfile import load_yaml

from .conftest import REPO


def test_shipped_schemas_are_up_to_date() -> None:
    assert stale_schemas(REPO / "schema") == [], "run: briefings schema"


@pytest.mark.parametrize("path", sorted((REPO / "briefings").glob("*.yaml")), ids=lambda p: p.name)
def test_sample_files_validate_against_their_schema_and_point_at_it(path: Path) -> None:
    name = {"actors.yaml": "actors", "events.yaml": "events", "places.yaml": "places"}.get(path.name, "briefing")
    name += ".schema.json"
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=../schema/{name}"
    data, _ = load_yaml(path)
    jsonschema.validate(data, json.loads(schemas()[name]))


def test_schema_rejects_unknown_fields_and_bad_ids() -> None:
    schema = json.loads(schemas()["briefing.schema.json"])
    base = {"title": "t", "date": "2024-01-01", "sources": [{"title": "s"}], "summary": "s"}
    jsonschema.validate(base, schema)
    with pytest.raises(jsonschema.ValidationError, match="Additional properties"):
        jsonschema.validate({**base, "titel": "x"}, schema)
    with pytest.raises(jsonschema.ValidationError, match="does not match"):
        jsonschema.validate({**base, "quotes": [{"text": "q", "speaker": "Not An Id"}]}, schema)
