"""The editor's configuration, made from the model: every field in a form, references as pickers,
the schema's rules as the form's; and the registry in the layout the editor reads."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.link.corpus import link
from generator.load.files import load
from generator.model.records import Actor, Briefing, Event, Place
from generator.render.cms_config import REFERENCES, SEARCH, config, config_yaml, shapes

from .conftest import copy_project, run_cli, write

SETTINGS = {"repo": "team/briefings", "branch": "main", "max_marking": "TLP:AMBER", "site_url": "https://example.org/"}


def _collection(name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(c for c in config(**SETTINGS)["collections"] if c["name"] == name)
    return found


def _names(fields: list[dict[str, Any]], prefix: str = "") -> set[str]:
    out = set()
    for f in fields:
        out.add(prefix + f["name"])
        out |= _names(f.get("fields", []), prefix + f["name"] + ".")
    return out


@pytest.mark.parametrize(
    ("collection", "model"),
    [("briefings", Briefing), ("drafts", Briefing), ("actors", Actor), ("events", Event), ("places", Place)],
)
def test_every_field_of_the_model_is_in_its_form(collection: str, model: type) -> None:
    fields = _collection(collection)["fields"]
    assert {f["name"] for f in fields} == set(model.model_json_schema()["properties"])
    required = {f["name"] for f in fields if f["required"]}
    assert required == set(model.model_json_schema().get("required", []))


def test_references_are_pickers_that_store_the_id_and_search_names_and_aliases() -> None:
    briefing = {f["name"]: f for f in _collection("briefings")["fields"]}
    actor = next(f for f in briefing["actors"]["fields"] if f["name"] == "actor")
    assert (actor["widget"], actor["collection"], actor["value_field"]) == ("relation", "actors", "id")
    assert actor["search_fields"] == ["name", "aliases.*", "id"]
    speaker = next(f for f in briefing["quotes"]["fields"] if f["name"] == "speaker")
    assert speaker["collection"] == "actors"
    assert (briefing["events"]["widget"], briefing["events"]["multiple"]) == ("relation", True)
    assert briefing["places"]["collection"] == "places"
    event = {f["name"]: f for f in _collection("events")["fields"]}
    assert next(f for f in event["actors"]["fields"] if f["name"] == "actor")["collection"] == "actors"
    assert event["mentions"]["collection"] == "actors"
    assert len(REFERENCES) == 10


def test_the_schemas_rules_are_the_forms() -> None:
    briefing = {f["name"]: f for f in _collection("drafts")["fields"]}
    assert briefing["status"]["default"] == "draft"
    assert {f["name"]: f for f in _collection("briefings")["fields"]}["status"]["default"] == "published"
    assert briefing["marking"]["options"] == ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER"]  # no more than the site allows
    assert briefing["date"]["widget"] == "datetime"
    assert briefing["summary"]["widget"] == "text"  # Markdown, as written
    assert briefing["sources"]["min"] == 1
    title, message = briefing["title"]["pattern"]
    assert re.search(title, "A title")
    assert not re.search(title, "   ")
    assert not re.search(title, "x" * 1001)
    assert message == "not blank; at most 1,000 characters."
    event = {f["name"]: f for f in _collection("events")["fields"]}
    when = event["date"]["pattern"][0]
    for good in ("2024", "2024-06", "2015-09-01/14", "2015-03~", "2015-09-01/2015-10-02"):
        assert re.search(when, good), good
    assert not re.search(when, "June 2024")
    fatalities = {f["name"]: f for f in event["fatalities"]["fields"]}
    assert fatalities["best"]["widget"] == "number"
    assert fatalities["best"]["value_type"] == "int"


def test_every_pattern_reads_the_same_in_python() -> None:
    """The form's patterns are JavaScript's; the ones made here use the subset both read alike."""
    text = config_yaml(**SETTINGS)
    patterns = re.findall(r"^\s*pattern:\n\s*- (.*)$", text, re.M)
    assert len(patterns) > 50  # (the config holds them: this is not a loop over nothing)
    for pattern in patterns:
        re.compile(yaml.safe_load(pattern))


def test_the_short_forms_a_file_may_use_are_known_to_the_editor() -> None:
    found = shapes()
    assert found["events"]["fields"]["actors"] == {"short": "actor"}
    assert found["events"]["fields"]["fatalities"] == {"short": "best"}
    assert found["briefings"]["fields"]["key_points"] == {"short": "text"}
    assert found["briefings"]["fields"]["events"] == {"ids": True}


def test_the_built_site_has_the_editor_and_its_configuration(built_sample: Path) -> None:
    site = built_sample / "site"
    assert "decap/decap-cms.js" in (site / "admin/index.html").read_text(encoding="utf-8")
    made = yaml.safe_load((site / "generated/admin/config.yml").read_text(encoding="utf-8"))
    assert made["backend"]["name"] == "github"
    assert made["publish_mode"] == "editorial_workflow"
    assert (site / "admin/decap/decap-cms.js").stat().st_size > 1_000_000
    assert (site / "generated/admin/shapes.json").is_file()


def test_the_pickers_index_holds_the_records_the_site_shows_and_only_what_they_search(built_sample: Path) -> None:
    index = built_sample / "site/generated/admin/index"
    actors = {e["slug"]: e["data"] for e in json.loads((index / "actors.json").read_text(encoding="utf-8"))}
    assert actors["vladimir-putin"] == {"id": "vladimir-putin", "name": "Vladimir Putin", "aliases": ["Putin"]}
    events = json.loads((index / "events.json").read_text(encoding="utf-8"))
    signed = next(e["data"] for e in events if e["slug"] == "russia-north-korea-defence-pact-signed")
    assert set(signed) == {"id", "date", "title"}
    places = {e["slug"] for e in json.loads((index / "places.json").read_text(encoding="utf-8"))}
    assert "pyongyang" in places
    for collection, fields in SEARCH.items():  # the picker searches what the index holds
        entry = json.loads((index / f"{collection}.json").read_text(encoding="utf-8"))[0]
        assert {f.removesuffix(".*") for f in fields} <= set(entry["data"])


def test_the_repository_and_branch_settings_reach_the_configuration(tmp_path: Path) -> None:
    from generator.cli import main

    project = copy_project(tmp_path / "p")
    (project / "briefings.toml").write_text('repository = "team/briefings"\nbranch = "live"\n', encoding="utf-8")
    assert main(["--root", str(project), "build", "--no-pdf", "--no-site"]) == 0
    made = yaml.safe_load((project / "docs/generated/admin/config.yml").read_text(encoding="utf-8"))
    assert made["backend"] == {"name": "github", "repo": "team/briefings", "branch": "live"}


def test_a_bad_repository_setting_names_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "p")
    (project / "briefings.toml").write_text('publisher = "Us"\nrepository = "not a repo"\n', encoding="utf-8")
    code, _, err = run_cli(capsys, "--root", str(project), "check")
    assert code == 1
    assert "briefings.toml:2: repository: expected owner/name of a GitHub repository, got 'not a repo'" in err


def test_registry_split_writes_one_record_per_file_and_the_project_checks_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "p")
    before = link(load(project / "briefings"))
    code, out, _ = run_cli(capsys, "--root", str(project), "registry", "split")
    assert code == 0
    assert "Wrote 30 records, one per file" in out
    assert not (project / "briefings/actors.yaml").exists()
    kim = yaml.safe_load((project / "briefings/actors/kim-jong-un.yaml").read_text(encoding="utf-8"))
    assert list(kim)[:3] == ["id", "name", "kind"]
    after = link(load(project / "briefings"))

    def dumped(records: dict[str, Any]) -> dict[str, Any]:
        return {k: r.model_dump() for k, r in records.items()}

    assert dumped(after.actors) == dumped(before.actors)
    assert dumped(after.events) == dumped(before.events)
    assert dumped(after.places) == dumped(before.places)
    write(project / "briefings", "actors/more.yaml", "actors:\n  - id: kim-jong-un\n    name: Kim\n    kind: person\n")
    code, _, err = run_cli(capsys, "--root", str(project), "registry", "split")
    assert code == 1
    assert "duplicate actor id 'kim-jong-un'" in err  # check runs first: nothing is split
