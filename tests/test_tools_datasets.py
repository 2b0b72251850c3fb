"""`briefings import events` on public data sets as downloaded (UCDP GED, ACLED): every column
with a home in the model kept, what has none said, bad rows skipped on request, re-imports that
update. The rows are SYNTHETIC, made up here in the data sets' documented column layouts."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from generator.link.corpus import link
from generator.load.files import load
from generator.render.workers import render_pages
from generator.tools.datasets import ACLED, ACLED_COLUMNS, UCDP_GED, UCDP_GED_COLUMNS, citations

from .conftest import run_cli, write
from .realworld import readable, real_world


def table(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    return out.getvalue()


def ged(ident: int, **cells: str) -> dict[str, str]:
    """A SYNTHETIC UCDP GED row: a state-based clash in a made-up town of Syria, exact location."""
    row = {
        "id": str(ident),
        "relid": f"SYR-2016-1-{ident}",
        "year": "2016",
        "active_year": "1",
        "code_status": "Clear",
        "type_of_violence": "1",
        "conflict_new_id": "299",
        "conflict_name": "Syria: Government",
        "dyad_new_id": "11111",
        "dyad_name": "Government of Syria - Synthetic Front",
        "side_a_new_id": "90",
        "side_a": "Government of Syria",
        "side_b_new_id": "9001",
        "side_b": "Synthetic Front",
        "number_of_sources": "2",
        "source_article": (  # each citation quoted, as newer releases write them
            '"Synthetic Wire,2016-03-02,Clashes near Tal Synth";"Other Synthetic Agency,2016-03-03,Fighting"'
        ),
        "source_office": "Synthetic Wire",
        "source_date": "2016-03-02",
        "source_headline": "Clashes near Tal Synth",
        "source_original": "local residents",
        "where_prec": "1",
        "where_coordinates": "Tal Synth town",
        "where_description": "Tal Synth, north of the river",
        "adm_1": "Synth governorate",
        "adm_2": "Synth district",
        "latitude": "36.2",
        "longitude": "37.1",
        "geom_wkt": "POINT (37.1 36.2)",
        "priogrid_gid": "180000",
        "country": "Syria",
        "country_id": "652",
        "region": "Middle East",
        "event_clarity": "1",
        "date_prec": "1",
        "date_start": "2016-03-02 00:00:00.000",
        "date_end": "2016-03-02 00:00:00.000",
        "deaths_a": "3",
        "deaths_b": "5",
        "deaths_civilians": "1",
        "deaths_unknown": "0",
        "best": "9",
        "high": "12",
        "low": "9",
        "gwnoa": "652",
        "gwnob": "",
    }
    return row | cells


def acled(ident: str, **cells: str) -> dict[str, str]:
    """A SYNTHETIC ACLED row: a protest in a made-up town."""
    row = {
        "event_id_cnty": ident,
        "event_date": "2023-05-04",
        "year": "2023",
        "time_precision": "1",
        "disorder_type": "Demonstrations",
        "event_type": "Protests",
        "sub_event_type": "Peaceful protest",
        "actor1": "Protesters (Synthland)",
        "assoc_actor_1": "Synthetic Teachers Union; Students (Synthland)",
        "inter1": "Protesters",
        "actor2": "",
        "inter2": "",
        "interaction": "Protesters only",
        "civilian_targeting": "",
        "iso": "999",
        "region": "Synthetic Region",
        "country": "Synthland",
        "admin1": "North Synth",
        "admin2": "Synth Valley",
        "admin3": "",
        "location": "Synthville",
        "latitude": "10.5",
        "longitude": "20.25",
        "geo_precision": "1",
        "source": "Synthetic Daily; Synthetic Radio",
        "source_scale": "National",
        "notes": "On 4 May 2023, teachers protested in Synthville over pay.",
        "fatalities": "0",
        "tags": "crowd size=hundreds",
        "timestamp": "1683200000",
    }
    return row | cells


@pytest.fixture
def project(tmp_path: Path) -> Path:
    real_world(tmp_path / "project" / "briefings")
    return tmp_path / "project"


def imported(project: Path, name: str) -> dict[str, list[dict[str, object]]]:
    out: dict[str, list[dict[str, object]]] = {}
    for key in ("events", "places", "actors"):
        path = project / "briefings" / key / f"{name}.yaml"
        out[key] = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(key, []) if path.exists() else []
    return out


def test_a_ged_table_as_downloaded_is_read_whole(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        ged(1),
        ged(2, type_of_violence="3", side_b="Civilians", side_b_new_id="1", dyad_name="Synthetic Front - Civilians"),
        ged(3, where_prec="6", where_coordinates="Syria", adm_1="", adm_2="", best="2", low="2", high="2"),
        ged(4, where_prec="4", where_coordinates="Synth governorate", adm_2="", date_prec="4",
            date_start="2016-04-01", date_end="2016-04-30"),
    ]  # fmt: skip
    path = write(tmp_path, "ged.csv", table(UCDP_GED_COLUMNS, rows))
    code, out, err = run_cli(capsys, "--root", str(project), "import", "events", str(path))
    assert (code, err) == (0, "")
    assert "Imported 4 events" in out
    dropped = "Columns with no home in the model, not imported: relid, year, active_year, code_status"
    assert dropped in out
    text = (project / "briefings/events/ged.yaml").read_text(encoding="utf-8")
    assert "# Imported from ged.csv (UCDP Georeferenced Event Dataset (GED))" in text
    assert f"# {dropped}" in text
    data = imported(project, "ged")
    first, one_sided, country_level, area = data["events"]
    assert first["id"] == "ged-1"
    assert first["title"] == "State-based conflict: Government of Syria – Synthetic Front, Tal Synth, Synth district"
    assert first["kind"] == "armed-clash"
    assert first["date"] == "2016-03-02"
    assert first["fatalities"] == {
        "best": 9,
        "low": 9,
        "high": 12,
        "note": "Deaths by side: side A 3, side B 5, civilians 1, unknown 0",
    }
    assert first["sources"][0] == {
        "title": "Clashes near Tal Synth",
        "publication": "Synthetic Wire",
        "published": "2016-03-02",
        "note": "Original source: local residents",
    }
    assert len(first["sources"]) == 2
    assert "Conflict: [Syria: Government](https://ucdp.uu.se/conflict/299)" in first["notes"]
    assert "Dyad: Government of Syria - Synthetic Front" in first["notes"]
    assert one_sided["title"].startswith("One-sided violence: Government of Syria against civilians")
    assert one_sided["kind"] == "attack"
    assert {"actor": "civilians", "part": "target"} in one_sided["actors"]
    assert country_level["places"] == ["syria"]  # the country itself, never a 'Syria' inside Syria
    assert (first["precision"], country_level["precision"], area["precision"]) == ("exact", "country", "area")
    assert country_level["fatalities"]["best"] == 2
    assert area["places"] == ["synth-governorate"]
    assert area["date"] == "2016-04-01/2016-04-30"
    assert "within 8–30 days, or the month (UCDP date_prec 4)" in area["notes"]
    places = {p["id"]: p for p in data["places"]}
    assert places["syria"] == {"id": "syria", "name": "Syria", "kind": "country"}
    assert places["synth-governorate"]["parent"] == "syria"
    assert places["synth-district"]["parent"] == "synth-governorate"
    town = places["tal-synth"]
    assert (town["name"], town["kind"], town["aliases"], town["parent"]) == (
        "Tal Synth",
        "town",
        ["Tal Synth town"],
        "synth-district",
    )
    assert (town["lat"], town["lon"]) == (36.2, 37.1)
    assert "lat" not in places["synth-governorate"]  # an area's centre is not drawn as a point
    actors = {a["id"]: a for a in data["actors"]}
    assert actors["government-of-syria"]["kind"] == "state"
    assert actors["synthetic-front"]["kind"] == "armed-group"
    assert actors["synthetic-front"]["links"] == [{"title": "UCDP actor 9001", "url": "https://ucdp.uu.se/actor/9001"}]
    assert actors["civilians"]["kind"] == "civilians"
    corpus = link(load(project / "briefings"))
    pages = readable(render_pages(corpus))
    assert "Deaths by side: side A 3, side B 5" in pages["events/ged-1.md"]


@pytest.mark.parametrize(
    ("cell", "sources"),
    [
        (  # newer releases: each citation quoted, ';' between, a comma in the publication's name
            '"Synthetic Ministry of Records, Archives and Culture,2016-03-02,Report on Tal Synth";'
            '"Synthetic Wire,2016-03-03, Tuesday 3 March"',
            [
                {"title": "Report on Tal Synth", "publication": "Synthetic Ministry of Records, Archives and Culture",
                 "published": "2016-03-02"},
                {"title": "Tuesday 3 March", "publication": "Synthetic Wire", "published": "2016-03-03"},
            ],
        ),
        (  # a headline that is only punctuation; a tab inside a headline
            '"Synthetic Times,1997-09-06,.";"Synthetic Tracker,2012-04-08,Name\tSynth Person"',
            [
                {"title": "Synthetic Times", "publication": "Synthetic Times", "published": "1997-09-06"},
                {"title": "Name Synth Person", "publication": "Synthetic Tracker", "published": "2012-04-08"},
            ],
        ),
        (  # older releases: free text, a headline in an unclosed quote, a ';' inside it
            'Synthetic Press, 2008-05-29, "3 killed in Synthville; 2 hurt',
            [{"title": "3 killed in Synthville; 2 hurt", "publication": "Synthetic Press", "published": "2008-05-29"}],
        ),
        (
            'Synthetic Wire 1989-05-17 "REBELS BLOW UP POWER LINES',
            [{"title": "REBELS BLOW UP POWER LINES", "publication": "Synthetic Wire", "published": "1989-05-17"}],
        ),
        (  # a month/day/year date glued to the agency's name
            "Synthetic Wire7/15/1992 THREE KILLED IN SYNTH.",
            [{"title": "THREE KILLED IN SYNTH.", "publication": "Synthetic Wire", "published": "1992-07-15"}],
        ),
        (  # no date to split on: kept whole, never cut at its ';'
            "Synthetic Radio 30/8-03; Synthetic Voice in Synthish 29 Aug 03",
            [{"title": "Synthetic Radio 30/8-03; Synthetic Voice in Synthish 29 Aug 03"}],
        ),
        ("Synthetic Wire 2001-03-30", [{"title": "Synthetic Wire 2001-03-30"}]),
    ],
)  # fmt: skip
def test_a_ged_citation_is_read_in_each_shape_the_releases_write(cell: str, sources: list[dict[str, str]]) -> None:
    assert citations(cell) == sources


def test_an_area_written_with_its_level_is_the_registrys_area_of_that_name(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        project / "briefings",
        "places/syria.yaml",
        "places:\n  - {id: syria, name: Syria, kind: country}\n"
        "  - {id: synth, name: Synth, kind: region, parent: syria}\n"
        "  - {id: synth-river, name: Synth, kind: water}\n",
    )
    rows = [ged(1), ged(2, where_prec="4", where_coordinates="Synth governorate", adm_2="")]
    path = write(tmp_path, "ged.csv", table(UCDP_GED_COLUMNS, rows))
    assert run_cli(capsys, "--root", str(project), "import", "events", str(path))[0] == 0
    data = imported(project, "ged")
    places = {p["id"]: p for p in data["places"]}
    assert "synth-governorate" not in places  # 'Synth governorate' is the registry's region 'Synth'
    assert places["synth-district"]["parent"] == "synth"
    assert data["events"][1]["places"] == ["synth"]
    link(load(project / "briefings"))


def test_figures_out_of_order_in_the_data_and_long_citations_are_kept_and_said(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long_citation = "Synthetic Wire,2016-03-02," + "word " * 300
    rows = [ged(1, best="5", low="7", high="6"), ged(2, source_article=long_citation), ged(3)]
    path = write(tmp_path, "ged.csv", table(UCDP_GED_COLUMNS, rows))
    code, out, err = run_cli(capsys, "--root", str(project), "import", "events", str(path))
    assert (code, err) == (0, "")
    assert "1 row: low, best and high out of order in the data: best kept, the three given in the figure's" in out
    assert "note (line 2)." in out
    assert "1 row: a citation over 1,000 characters cut (the data set has it whole) (line 3)." in out
    first, second, _ = imported(project, "ged")["events"]
    assert first["fatalities"]["best"] == 5
    assert "The data gives low 7, best 5 and high 6, out of order." in first["fatalities"]["note"]
    assert len(second["sources"][0]["title"]) <= 1000
    assert second["sources"][0]["title"].endswith("…")
    link(load(project / "briefings"))  # passes check


def test_bad_rows_fail_the_import_or_are_skipped_with_their_line_and_column(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [ged(1), ged(2, date_start="1457049600"), ged(3, type_of_violence="9"), ged(4, latitude="north")]
    path = write(tmp_path, "ged.csv", table(UCDP_GED_COLUMNS, rows))
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    code, _, err = run_cli(capsys, "--root", str(project), "import", "events", str(path))
    assert code == 1
    assert "ged.csv:3: date_start: not a date: '1457049600' (it looks like seconds since 1970, which is" in err
    assert "2016-03-04: export dates as YYYY-MM-DD)" in err
    assert "ged.csv:4: type_of_violence: expected 1, 2 or 3" in err
    assert "ged.csv:5: latitude: expected degrees between -90 and 90, got 'north'" in err
    assert "Traceback" not in err
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before
    code, out, err = run_cli(capsys, "--root", str(project), "import", "events", str(path), "--skip-bad")
    assert code == 0
    assert "3 rows skipped with --skip-bad (lines 3, 4, 5)" in out
    assert "skipped: " in err
    assert "ged.csv:4: type_of_violence" in err
    assert [e["id"] for e in imported(project, "ged")["events"]] == ["ged-1"]


def test_a_newer_version_of_the_data_set_updates_by_its_own_ids(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "ged.csv", table(UCDP_GED_COLUMNS, [ged(1), ged(2), ged(3)]))
    assert run_cli(capsys, "--root", str(project), "import", "events", str(path))[0] == 0
    actors = project / "briefings/actors/ged.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("kind: armed-group", "kind: organisation"))
    code, _, err = run_cli(capsys, "--root", str(project), "import", "events", str(path))
    assert code == 1
    assert "already exists; choose another --name, or --update it" in err
    newer = [ged(1), ged(2, best="10", high="12"), ged(4)]
    path = write(tmp_path, "ged.csv", table(UCDP_GED_COLUMNS, newer))
    code, out, err = run_cli(capsys, "--root", str(project), "import", "events", str(path), "--update")
    assert (code, err) == (0, "")
    assert "Updated with --update: 1 changed, 1 added, 1 unchanged, 1 kept from before" in out
    data = imported(project, "ged")
    assert [e["id"] for e in data["events"]] == ["ged-1", "ged-2", "ged-4", "ged-3"]
    assert data["events"][1]["fatalities"]["best"] == 10
    assert {a["id"]: a["kind"] for a in data["actors"]}["synthetic-front"] == "organisation"  # the analyst's edit
    assert len({p["id"] for p in data["places"]}) == len(data["places"]) == 4
    link(load(project / "briefings"))


def test_an_acled_table_as_downloaded_is_read_whole(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        acled("SYN1"),
        acled("SYN2", event_date="12 May 2023", time_precision="3", event_type="Battles", sub_event_type="Armed clash",
              actor1="Military Forces of Synthland (2020-)", inter1="1", actor2="Synthetic Militia", inter2="3",
              assoc_actor_1="", location="North Synth", geo_precision="3", fatalities="4"),
    ]  # fmt: skip
    path = write(tmp_path, "acled.csv", table(ACLED_COLUMNS, rows))
    code, out, err = run_cli(capsys, "--root", str(project), "import", "events", str(path))
    assert (code, err) == (0, "")
    assert "not imported: year, interaction, iso, region, timestamp" in out
    protest, clash = imported(project, "acled")["events"]
    assert protest["id"] == "acled-syn1"
    assert protest["kind"] == "protest"
    assert protest["title"] == "Peaceful protest: Protesters (Synthland), Synthville, Synth Valley"
    assert protest["description"] == "On 4 May 2023, teachers protested in Synthville over pay."
    assert protest["fatalities"] == 0
    assert {"actor": "synthetic-teachers-union", "part": "with actor 1"} in protest["actors"]
    assert [s["publication"] for s in protest["sources"]] == ["Synthetic Daily", "Synthetic Radio"]
    assert "Tags: crowd size=hundreds" in protest["notes"]
    assert clash["date"] == "2023-05"  # known to the month
    assert clash["places"] == ["north-synth"]  # the region, not a town named like it
    data = imported(project, "acled")
    actors = {a["id"]: a for a in data["actors"]}
    assert actors["military-forces-of-synthland-2020"]["kind"] == "government-body"
    assert actors["military-forces-of-synthland-2020"]["role"] == "State forces"
    assert actors["synthetic-militia"]["kind"] == "armed-group"
    assert actors["protesters-synthland"]["role"] == "Protesters"
    town = {p["id"]: p for p in data["places"]}["synthville"]
    assert (town["parent"], town["lat"], town["lon"]) == ("synth-valley", 10.5, 20.25)
    link(load(project / "briefings"))


def test_every_column_a_profile_uses_is_documented() -> None:
    assert UCDP_GED.used <= set(UCDP_GED_COLUMNS)
    assert ACLED.used <= set(ACLED_COLUMNS)
    assert set(UCDP_GED.fields.values()) <= UCDP_GED.used
    assert set(ACLED.fields.values()) <= ACLED.used
