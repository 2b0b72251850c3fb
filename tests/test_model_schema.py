"""The JSON Schemas shipped in schema/ are generated from the model and accept the sample files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from generator.core.errors import Problem
from generator.core.yamlfile import load_yaml
from generator.model.records import ActorFile, Briefing, EventFile, PlaceFile
from generator.model.schema import schemas, stale_schemas
from generator.model.validate import validate

from .conftest import REPO

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


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


# Each case: the schema file, a label, the YAML text, and whether it is valid. The validator
# (briefings check) and check-jsonschema (default settings: ECMA-262 regexes, as editors use)
# must agree on every one. Out of the set, by design: calendar checks (30 February), the order
# of an interval's ends and of low/best/high, and cross-file references, which no schema sees.
BRIEFING = "title: T\ndate: 2024-06-19\nsources:\n  - title: S\n"
CASES: list[tuple[str, str, str, bool]] = [
    ("briefing", "minimal", BRIEFING, True),
    ("briefing", "period-and-labels", BRIEFING + "period: 2024-06-10/16\ntopics: [U.S., 9/11, Москва]\n", True),
    ("briefing", "role-optional", BRIEFING + "actors:\n  - actor: ann\n", True),
    ("briefing", "unknown-field", BRIEFING + "titel: x\n", False),
    ("briefing", "no-title", "date: 2024-06-19\nsources:\n  - title: S\n", False),
    ("briefing", "script-url", BRIEFING.replace("title: S", "title: S\n    url: javascript:alert(1)"), False),
    ("briefing", "topic-two-lines", BRIEFING + 'topics: ["a\\nb"]\n', False),
    ("briefing", "short-date", "title: T\ndate: 2024-6-19\nsources:\n  - title: S\n", False),
    ("briefing", "day-needed", "title: T\ndate: 2024-06\nsources:\n  - title: S\n", False),
    ("briefing", "speaker-not-an-id", BRIEFING + "quotes:\n  - text: q\n    speaker: Not An Id\n", False),
    (
        "briefing",
        "graded",
        BRIEFING.replace("title: S", "title: S\n    reliability: B")
        + "marking: TLP:AMBER+STRICT\nkey_points:\n  - plain\n  - {text: graded, credibility: 2}\n",
        True,
    ),
    ("briefing", "reliability-G", BRIEFING.replace("title: S", "title: S\n    reliability: G"), False),
    ("briefing", "credibility-7", BRIEFING + "key_points:\n  - {text: t, credibility: 7}\n", False),
    ("briefing", "point-without-text", BRIEFING + "key_points:\n  - {credibility: 2}\n", False),
    ("briefing", "marking-unknown", BRIEFING + "marking: SECRET\n", False),
    (
        "events",
        "interval-about-figures",
        "events:\n  - id: e\n    date: 2015-09-01/14~\n    title: T\n"
        "    fatalities: {best: 3, low: 1, high: 9}\n    displaced: 40\n",
        True,
    ),
    ("events", "description-only", "events:\n  - id: e\n    date: 2015\n    description: A thing happened.\n", True),
    (
        "events",
        "actor-part",
        "events:\n  - id: e\n    date: 2015-03~\n    title: T\n    actors:\n"
        "      - ann\n      - {actor: bob, part: side A}\n",
        True,
    ),
    ("events", "untitled", "events:\n  - id: e\n    date: 2015\n", False),
    ("events", "credibility-0", "events:\n  - id: e\n    date: 2015\n    title: T\n    credibility: 0\n", False),
    ("events", "negative-figure", "events:\n  - id: e\n    date: 2015\n    title: T\n    fatalities: -1\n", False),
    ("events", "bad-short-end", "events:\n  - id: e\n    date: 2015-09-01/1\n    title: T\n", False),
    ("events", "unknown-kind", "events:\n  - id: e\n    date: 2015\n    title: T\n    kind: riot\n", False),
    ("places", "with-coordinates", "places:\n  - id: p\n    name: P\n    lat: 50.4\n    lon: 30\n", True),
    ("places", "parent-aliases", "places:\n  - id: p\n    name: P\n    parent: q\n    aliases: [Pe]\n", True),
    ("places", "lat-only", "places:\n  - id: p\n    name: P\n    lat: 50\n", False),
    ("places", "lat-out-of-range", "places:\n  - id: p\n    name: P\n    lat: 91\n    lon: 0\n", False),
    (
        "actors",
        "relation",
        "actors:\n  - id: a\n    name: A\n    kind: armed-group\n    relations:\n"
        "      - {type: member-of, actor: b, since: 2019-05}\n",
        True,
    ),
    (
        "actors",
        "unknown-relation",
        "actors:\n  - id: a\n    name: A\n    kind: person\n    relations:\n      - {type: friend-of, actor: b}\n",
        False,
    ),
    ("actors", "unknown-kind", "actors:\n  - id: a\n    name: A\n    kind: country\n", False),
]


def test_every_schema_is_valid_under_check_jsonschema_defaults() -> None:
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--check-metaschema", *sorted(str(p) for p in (REPO / "schema").glob("*.json"))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("kind", sorted({c[0] for c in CASES}))
def test_schema_and_validator_agree_on_good_and_bad_files(tmp_path: Path, kind: str) -> None:
    cases = [c for c in CASES if c[0] == kind]
    model = {"briefing": Briefing, "events": EventFile, "places": PlaceFile, "actors": ActorFile}[kind]
    files = {}
    for _, label, text, valid in cases:
        path = tmp_path / f"{label}.yaml"
        path.write_text(text, encoding="utf-8")
        files[label] = (path, valid)
    schema = REPO / "schema" / f"{kind}.schema.json"
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), *(str(p) for p, _ in files.values())],
        capture_output=True,
        text=True,
    )
    refused_by_schema = {label for label, (path, _) in files.items() if str(path) in result.stdout}
    for label, (path, valid) in files.items():
        data, lines = load_yaml(path)
        problems: list[Problem] = []
        accepted = validate(model, data, lines, problems) is not None
        assert accepted == valid, (label, problems)
        assert (label not in refused_by_schema) == valid, (label, result.stdout)
