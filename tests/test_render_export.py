"""The export: every table loads in pandas in one line, joins on its ids, and matches what the
data package descriptor says; the command line writes CSV, JSON and JSON Lines alike."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from .conftest import SAMPLE_ID, run_cli

TABLES = [
    "briefings",
    "actors",
    "events",
    "places",
    "quotes",
    "sources",
    "key_points",
    "appearances",
    "briefing_topics",
    "briefing_places",
    "briefing_events",
    "event_actors",
    "event_places",
]
PANDAS_TYPES = {
    "string": ("object", "str"),
    "integer": ("int64", "Int64", "float64"),
    "number": "float64",
    "boolean": "bool",
}


@pytest.fixture(scope="module")
def exported(built_sample: Path) -> Path:
    return built_sample / "site/generated/export"


def test_the_site_publishes_every_table_and_a_descriptor(exported: Path) -> None:
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert [r["path"] for r in package["resources"]] == [f"{t}.csv" for t in TABLES]
    for resource in package["resources"]:
        assert resource["profile"] == "tabular-data-resource"
        frame = pd.read_csv(exported / resource["path"], keep_default_na=False, na_values=[""])
        assert list(frame.columns) == [f["name"] for f in resource["schema"]["fields"]], resource["name"]
        for f in resource["schema"]["fields"]:
            want = PANDAS_TYPES.get(f["type"])
            if want and len(frame) and frame[f["name"]].notna().any():
                assert str(frame[f["name"]].dtype) in (want if isinstance(want, tuple) else (want,)), f
        names = {r["name"] for r in package["resources"]}
        for fk in resource["schema"]["foreignKeys"]:
            assert fk["reference"]["resource"] in names


def test_pandas_reads_the_sample_and_the_tables_join(exported: Path) -> None:
    briefings = pd.read_csv(exported / "briefings.csv", parse_dates=["date"])
    assert briefings.loc[0, "id"] == SAMPLE_ID
    assert str(briefings.loc[0, "date"].date()) == "2024-06-19"
    assert briefings.loc[0, "quotes"] == 9
    quotes = pd.read_csv(exported / "quotes.csv")
    actors = pd.read_csv(exported / "actors.csv")
    said = quotes.merge(actors, left_on="speaker", right_on="id")
    assert len(said) == 9
    assert said.loc[said["text"] == "unconditional", "name"].tolist() == ["Kim Jong Un"]
    assert said.loc[said["name"] == "Philip Ingram", "text"].str.len().gt(0).sum() == 3
    events = pd.read_csv(exported / "events.csv")
    assert events["id"].is_unique
    pact = events.set_index("id").loc["russia-north-korea-defence-pact-signed"]
    assert (pact["start"], pact["end"]) == ("2024-06", "2024-06")
    places = pd.read_csv(exported / "places.csv")
    pyongyang = places.set_index("slug").loc["pyongyang"]
    assert pyongyang["lat"] == pytest.approx(39.0339)
    points = pd.read_csv(exported / "key_points.csv")
    assert points["credibility"].value_counts().to_dict() == {3: 1, 2: 1}  # the two graded key points
    assert pd.read_csv(exported / "sources.csv").loc[0, "reliability"] == "F"
    links = pd.read_csv(exported / "event_places.csv").merge(places, left_on="place", right_on="slug")
    assert len(links) == len(pd.read_csv(exported / "event_places.csv"))  # every place of an event has a row


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl"])
def test_the_export_command_writes_each_format(project: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    out = project / "out"
    (out / "keep.txt").parent.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    code, stdout, err = run_cli(capsys, "--root", str(project), "export", "--format", fmt, "--out", str(out))
    assert (code, err) == (0, "")
    assert stdout.strip().endswith(f"as 13 {fmt.upper()} tables and datapackage.json")
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"  # nothing else in the folder is touched
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["format"] for r in package["resources"]] == [fmt] * 13
    read = {"csv": pd.read_csv, "json": pd.read_json, "jsonl": lambda p: pd.read_json(p, lines=True)}[fmt]
    quotes = read(out / f"quotes.{fmt}")
    assert len(quotes) == 9
    assert "new multipolar world" in " ".join(quotes["text"])
    assert set(read(out / f"actors.{fmt}")["id"]) >= {"kim-jong-un", "vladimir-putin"}


def test_export_refuses_bad_input_like_every_command(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / f"briefings/{SAMPLE_ID}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("speaker: kim-jong-un", "speaker: kim", 1), "utf-8")
    code, _, err = run_cli(capsys, "--root", str(project), "export")
    assert code == 1
    assert "unknown actor 'kim'" in err
    assert not (project / "build/export").exists()
