"""`briefings import`: tables of events and actors into registry files that build."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.link.corpus import link
from generator.load.files import load
from generator.render.workers import render_pages

from .conftest import run_cli, write
from .realworld import readable, real_world

CSV = """\
id,date_start,date_end,where,country,latitude,longitude,side_a,side_b,best,low,high,source_article,mentions
101,2015-09-01,2015-09-14,Kyiv,Ukraine,50.45,30.52,Red Brigade,Government of Ukraine;Ann Example,12,8,20,Field report,
102,2015-10-02,,Kharkiv,Ukraine,49.99,36.23,Red Brigade,Government of Ukraine,3,3,5,,Blue Party
103,2016-01,,Tbilisi,Georgia,41.69,44.83,Red Brigade,,0,,,,
"""


def test_import_events_writes_valid_files_that_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = real_world(tmp_path / "project" / "briefings")
    table = write(tmp_path, "ged-sample.csv", CSV)
    code, out, err = run_cli(capsys, "--root", str(tmp_path / "project"), "import", "events", str(table))
    assert (code, err) == (0, "")
    assert "Imported 3 events, 3 places, 1 actors" in out
    events = (root / "events/ged-sample.yaml").read_text(encoding="utf-8")
    assert "date: 2015-09-01/2015-09-14" in events
    assert "places:\n  - kyiv" in events  # the registry's Kyiv, not a new place
    assert "part: side A" in events
    assert "fatalities:\n    best: 12\n    low: 8\n    high: 20" in events
    new_places = (root / "places/ged-sample.yaml").read_text(encoding="utf-8")
    assert "id: kharkiv" in new_places
    assert "lat: 49.99" in new_places
    assert "id: georgia" in new_places
    assert "name: Government of Ukraine\n  kind: state" in (root / "actors/ged-sample.yaml").read_text(encoding="utf-8")
    assert "mentions:\n  - blue-party" in events  # the registry's Blue Party, named without taking part
    corpus = link(load(root))
    assert corpus.events["ged-sample-101"].parts == {
        "red-brigade": "side A",
        "government-of-ukraine": "side B",
        "ann": "side B",
    }
    pages = readable(render_pages(corpus))
    assert "<title>Kharkiv</title>" in pages["places/index.md"]
    assert "[Kharkiv](../places/kharkiv.md)" in pages["timeline/2015.md"]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        # Excel in many languages saves ';' between cells, a ',' inside them
        (
            "semicolons.csv",
            CSV.replace(",", ";")
            .replace("Government of Ukraine;Ann Example", '"Government of Ukraine;Ann Example"')
            .replace("Field report", '"Field report, page 2"'),
        ),
        ("tabs.tsv", CSV.replace(",", "\t")),
        # ',' between cells and cells full of ';' (a guess from the rows would take ';')
        # (as UCDP writes its citations: each quoted, ';' between them)
        ("commas.csv", CSV.replace("Field report", '"""Wire,2015-09-02,A"";""Agency,2015-09-03,B"""')),
    ],
)
def test_import_reads_the_delimiter_from_the_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str
) -> None:
    root = real_world(tmp_path / "project" / "briefings")
    table = write(tmp_path, name, text)
    code, out, err = run_cli(capsys, "--root", str(tmp_path / "project"), "import", "events", str(table))
    assert (code, err) == (0, "")
    assert "Imported 3 events, 3 places, 1 actors" in out
    events = (root / f"events/{Path(name).stem}.yaml").read_text(encoding="utf-8")
    assert "fatalities:\n    best: 12\n    low: 8\n    high: 20" in events
    link(load(root))


def test_import_reports_bad_rows_by_line_and_column_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = real_world(tmp_path / "project" / "briefings")
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    bad = CSV.replace("2015-10-02", "2015-13-02").replace("49.99", "north").replace(",3,3,5,", ",-3,3,5,")
    table = write(tmp_path, "bad.csv", bad)
    code, _, err = run_cli(capsys, "--root", str(tmp_path / "project"), "import", "events", str(table))
    assert code == 1
    assert "bad.csv:3: date_start: no month 13 in '2015-13-02'" in err
    assert "bad.csv:3: latitude: expected degrees between -90 and 90, got 'north'" in err
    assert "bad.csv:3: best: expected a whole number of 0 or more, got '-3'" in err
    assert "nothing was written" in err
    assert "Traceback" not in err
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_import_refuses_to_overwrite_and_maps_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = real_world(tmp_path / "project" / "briefings")
    table = write(tmp_path, "mine.csv", "when,what,who\n2020-02-02,Talks,Ann Example\n")
    args = ["--root", str(tmp_path / "project"), "import", "events", str(table)]
    code, _, err = run_cli(capsys, *args, "--map", "date=when", "--map", "title=what", "--map", "actors=who")
    assert (code, err) == (0, "")
    mine = (root / "events/mine.yaml").read_text(encoding="utf-8")
    assert "actors:\n  - ann\n" in mine
    assert "title: Talks\n" in mine
    code, _, err = run_cli(capsys, *args, "--map", "date=when")
    assert code == 1
    assert "events/mine.yaml: already exists; choose another --name" in err
    code, _, err = run_cli(capsys, *args, "--name", "other", "--map", "date=missing")
    assert code == 1
    assert "mine.csv:1: date: no column 'missing' (columns: when, what, who)" in err


def test_import_actors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = real_world(tmp_path / "project" / "briefings")
    table = write(tmp_path, "people.csv", "name,kind,aliases\nBo Smith,person,B. Smith;Bo\nWire Co,media,\nX,alien,\n")
    code, _, err = run_cli(capsys, "--root", str(tmp_path / "project"), "import", "actors", str(table))
    assert code == 1
    assert "people.csv:4: kind: unknown kind 'alien'" in err
    table.write_text("name,kind,aliases\nBo Smith,person,B. Smith;Bo\nWire Co,media,\n", encoding="utf-8")
    code, _, _ = run_cli(capsys, "--root", str(tmp_path / "project"), "import", "actors", str(table))
    assert code == 0
    text = (root / "actors/people.yaml").read_text(encoding="utf-8")
    assert "aliases:\n  - B. Smith\n  - Bo" in text
    link(load(root))
