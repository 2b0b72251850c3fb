"""Real-world data: date intervals and 'about', stand-alone events with figures, actor kinds and
relations, the place registry and its maps, free topic labels, any script, and CSV import."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from generator.core.errors import BriefingsError
from generator.link.corpus import link
from generator.load.files import load
from generator.model import dates
from generator.render.workers import render_pages
from generator.text.words import slugify

from .conftest import run_cli, write

ACTORS = """
    actors:
      - id: ann
        name: Ann Example
        kind: person
        relations:
          - type: member-of
            actor: blue-party
            since: 2019-05
            note: a founding member
            sources:
              - title: Party register
"""
MORE_ACTORS = """
    actors:
      - id: blue-party
        name: Blue Party
        kind: political-party
        sources:
          - title: Electoral commission list
      - id: red-brigade
        name: Red Brigade
        kind: armed-group
"""
PLACES = """
    places:
      - id: ukraine
        name: Ukraine
        kind: country
      - id: kyiv
        name: Kyiv
        aliases: [Kiev, Київ]
        kind: city
        country: Ukraine
        parent: ukraine
        lat: 50.45
        lon: 30.52
      - id: lviv
        name: Lviv
        kind: city
        parent: ukraine
        lat: 49.84
        lon: 24.03
"""
EVENTS = """
    events:
      - id: siege
        date: 2015-09-01/14
        kind: armed-clash
        description: A two-week siege of the city. Shelling went on at night.
        places: [Kiev]
        actors:
          - actor: red-brigade
            part: side A
          - ann
        fatalities: {best: 12, low: 8, high: 20}
        displaced: 1500
        sources:
          - title: Field report
        notes: Figures from **one** field report.
      - id: talks
        date: 2015-03~
        title: Talks in Lviv
        places: [lviv]
"""
MORE_EVENTS = """
    events:
      - id: campaign
        date: 2014/2016
        title: A long campaign
"""


def briefing(extra: str = "") -> str:
    return f"""
title: A weekly round-up
date: 2015-09-15
period: 2015-09-07/2015-09-13
sources:
  - title: An article
actors:
  - actor: ann
events: [siege]
places: [Kyiv, Москва, 北京]
topics: [U.S., 9/11, COVID-19]
{extra}"""


def real_world(root: Path) -> Path:
    write(root, "actors.yaml", ACTORS)
    write(root, "actors/more.yaml", MORE_ACTORS)
    write(root, "places/ukraine.yaml", PLACES)
    write(root, "events/2015.yaml", EVENTS)
    write(root, "events/nested/older.yml", MORE_EVENTS)
    write(root, "2015-09-15-round-up.yaml", briefing())
    return root


def problems(root: Path) -> list[str]:
    with pytest.raises(BriefingsError) as exc:
        link(load(root, partial=True))
    return [f"{Path(p.path).name}:{p.line}: {p.field}: {p.message}" for p in exc.value.problems]


def readable(pages: dict[str, str]) -> dict[str, str]:
    """Pages with the entities that keep text inert in Markdown decoded, to compare with text."""
    return {path: html.unescape(text) for path, text in pages.items()}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return readable(render_pages(link(load(real_world(tmp_path_factory.mktemp("rw"))))))


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("2024-06-19", "19 June 2024"),
        ("2015-09-01/2015-09-14", "1–14 September 2015"),
        ("2015-09-01/14", "1–14 September 2015"),
        ("2015-08-30/09-02", "30 August – 2 September 2015"),
        ("2014-12-30/2015-01-02", "30 December 2014 – 2 January 2015"),
        ("2015-09/2015-10", "September–October 2015"),
        ("2015-03~", "about March 2015"),
        ("2014/2016", "2014–2016"),
        ("2014~/2016", "about 2014 – 2016"),
    ],
)
def test_dates_read_as_people_write_them(written: str, shown: str) -> None:
    assert dates.human(written) == shown


@pytest.mark.parametrize(
    ("written", "error"),
    [
        ("2015-09-14/2015-09-01", "ends before it starts"),
        ("2015-09-01/1", "last parts"),
        ("2015-02-30", "no such day"),
        ("2015-13", "no month 13"),
        ("about 2015", "expected a date"),
    ],
)
def test_bad_dates_say_what_is_wrong(written: str, error: str) -> None:
    with pytest.raises(dates.DateError, match=error):
        dates.parse(written)


def test_intervals_sort_by_start_then_end() -> None:
    written = ["2015-09-01/14", "2015-09", "2015-09-01", "2014/2016", "2015-09-01/02"]
    assert sorted(written, key=dates.sort_key) == [
        "2014/2016",
        "2015-09",
        "2015-09-01",
        "2015-09-01/02",
        "2015-09-01/14",
    ]


def test_registry_files_may_be_split_and_events_stand_alone(tmp_path: Path) -> None:
    corpus = link(load(real_world(tmp_path)))
    assert set(corpus.actors) == {"ann", "red-brigade"}  # blue-party is named only in a relation
    assert list(corpus.events) == ["campaign", "talks", "siege"]  # by start date; two cited by no briefing
    assert corpus.event_briefings["talks"] == []


def test_event_page_shows_figures_parts_notes_and_reads_without_a_title(pages: dict[str, str]) -> None:
    page = pages["events/siege.md"]
    assert "# A two-week siege of the city." in page
    assert "**1–14 September 2015** · Armed clash" in page
    assert "[Red Brigade](../actors/red-brigade.md) (side A), [Ann Example](../actors/ann.md)" in page
    assert "- Fatalities: 12 (8–20)" in page
    assert "- Displaced: 1,500" in page
    assert "Figures from <strong>one</strong> field report." in page
    assert "- Source: *Field report*" in page
    uncited = pages["events/talks.md"]
    assert "**about March 2015**" in uncited
    assert "No briefing cites this event yet." in uncited


def test_sources_without_publication_or_url_never_print_none_or_a_dead_link(pages: dict[str, str]) -> None:
    for path, text in pages.items():
        assert "None" not in text, path
        assert "](#)" not in text, path


def test_timeline_places_events_under_their_start_and_keeps_uncited_ones(pages: dict[str, str]) -> None:
    assert "A long campaign" in pages["timeline/2014.md"]
    page = pages["timeline/2015.md"]
    assert "### 1–14 September 2015: [A two-week siege of the city.](../events/siege.md)" in page
    assert "### about March 2015: [Talks in Lviv](../events/talks.md)" in page


def test_briefing_covers_a_period_and_reads_without_summary_or_roles(pages: dict[str, str]) -> None:
    page = pages["briefings/2015-09-15-round-up.md"]
    assert "**15 September 2015** · covers 7–13 September 2015" in page
    assert "Bottom line" not in page
    assert "| [Ann Example](../actors/ann.md) | person |  |" in page


def test_relations_show_on_both_actors_pages(pages: dict[str, str]) -> None:
    ann = pages["actors/ann.md"]
    assert "- Member of Blue Party (since May 2019): a founding member" in ann
    assert "    - Source: *Party register*" in ann
    # Blue Party has no page (nothing names it but the relation), so its name is not a link.
    assert "actors/blue-party.md" not in ann
    assert "actors/blue-party.md" not in pages


def test_relation_to_an_actor_with_a_page_links_both_ways(tmp_path: Path) -> None:
    root = real_world(tmp_path)
    write(root, "2015-09-16-party.yaml", briefing().replace("- actor: ann", "- actor: blue-party\n    role: ruling"))
    pages = readable(render_pages(link(load(root))))
    assert "- Member of [Blue Party](../actors/blue-party.md) (since May 2019)" in pages["actors/ann.md"]
    assert "- Has member [Ann Example](../actors/ann.md) (since May 2019)" in pages["actors/blue-party.md"]
    assert "**Political party**" in pages["actors/blue-party.md"]
    assert "Sources for this record: *Electoral commission list*" in pages["actors/blue-party.md"]


def test_alias_and_id_lead_to_one_place_page_with_its_hierarchy_and_map(pages: dict[str, str]) -> None:
    kyiv = pages["places/kyiv.md"]
    assert "City in [Ukraine](../places/ukraine.md)" in kyiv
    assert "Also written: Kiev; Київ" in kyiv
    assert "Coordinates: 50.45° N, 30.52° E" in kyiv
    assert "1 briefing, 1 event" in kyiv  # "Kyiv" in the briefing and "Kiev" in the event
    assert '<svg class="bf-map-svg"' in kyiv
    assert "places/kiev.md" not in pages
    country = pages["places/ukraine.md"]  # named by nothing, but it holds named places
    assert "Places in Ukraine: [Kyiv](../places/kyiv.md) · [Lviv](../places/lviv.md)" in country
    assert "<title>Kyiv</title>" in country
    assert "<title>Lviv</title>" in country


def test_briefing_and_places_index_have_maps_and_unplaced_names_are_counted(pages: dict[str, str]) -> None:
    page = pages["briefings/2015-09-15-round-up.md"]
    assert '<figure class="bf-map">' in page
    assert "Map of this briefing: 1 place with coordinates. 2 places without coordinates not shown." in page
    assert "<title>Kyiv</title>" in page
    assert '<svg class="bf-map-svg"' in pages["places/index.md"]


def test_names_in_any_script_get_transliterated_slugs_and_topics_take_any_label(pages: dict[str, str]) -> None:
    assert slugify("Москва") == "moskva"
    assert slugify("北京") == "beijing"
    assert "places/moskva.md" in pages
    assert "places/beijing.md" in pages
    assert {"topics/u-s.md", "topics/9-11.md", "topics/covid-19.md"} <= set(pages)
    assert "# U.S." in pages["topics/u-s.md"]


def test_map_text_is_escaped(tmp_path: Path) -> None:
    root = real_world(tmp_path)
    hostile = '<script>alert(1)</script>"'
    (root / "places/ukraine.yaml").write_text(
        (root / "places/ukraine.yaml").read_text(encoding="utf-8").replace("name: Lviv", f"name: '{hostile}'"),
        encoding="utf-8",
    )
    page = render_pages(link(load(root)))["places/ukraine.md"]
    assert "<script>" not in page
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;&quot;</title>" in page  # the point's name, as text


def test_place_registry_problems_name_file_line_and_field(tmp_path: Path) -> None:
    root = real_world(tmp_path)
    write(
        root,
        "places/bad.yaml",
        """
        places:
          - id: georgia
            name: Georgia
            kind: country
          - id: georgia-us
            name: Georgia
            kind: region
            parent: united-states
          - id: loop-a
            name: A
            parent: loop-b
          - id: loop-b
            name: B
            parent: loop-a
        """,
    )
    write(root, "places/half.yaml", "places:\n  - id: half\n    name: Half\n    lat: 10\n")
    write(root, "2015-09-17-georgia.yaml", briefing().replace("places: [Kyiv, Москва, 北京]", "places: [Georgia]"))
    found = problems(root)
    assert "half.yaml:2: places[0]: give both lat and lon, or neither" in found
    assert "bad.yaml:8: places[1].parent: unknown place 'united-states'" in found
    assert any(p.startswith("bad.yaml:11: places[2].parent: place 'loop-a' lies inside itself") for p in found)
    assert (
        "2015-09-17-georgia.yaml:9: places[0]: place 'Georgia' could mean georgia or georgia-us; "
        "write the id of the one you mean"
    ) in found


def test_event_and_relation_problems_point_into_their_files(tmp_path: Path) -> None:
    root = real_world(tmp_path)
    write(
        root,
        "events/bad.yaml",
        """
        events:
          - id: nameless
            date: 2015
          - id: odd-figures
            date: 2015
            title: Odd
            fatalities: {best: 30, low: 40}
            actors: [{actor: nobody}]
        """,
    )
    (root / "actors.yaml").write_text(
        (root / "actors.yaml").read_text(encoding="utf-8").replace("actor: blue-party", "actor: ann"), encoding="utf-8"
    )
    found = problems(root)
    assert "bad.yaml:2: events[0]: an event needs a title or a description" in found
    assert "bad.yaml:7: events[1].fatalities: expected low <= best <= high" in found
    assert "actors.yaml:7: actors[0].relations[0].actor: an actor cannot be related to itself" in found


CSV = """\
id,date_start,date_end,where,country,latitude,longitude,side_a,side_b,best,low,high,source_article
101,2015-09-01,2015-09-14,Kyiv,Ukraine,50.45,30.52,Red Brigade,Government of Ukraine;Ann Example,12,8,20,Field report
102,2015-10-02,,Kharkiv,Ukraine,49.99,36.23,Red Brigade,Government of Ukraine,3,3,5,
103,2016-01,,Tbilisi,Georgia,41.69,44.83,Red Brigade,,0,,,
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
    assert "name: Government of Ukraine" in (root / "actors/ged-sample.yaml").read_text(encoding="utf-8")
    corpus = link(load(root))
    assert corpus.events["ged-sample-101"].parts == {
        "red-brigade": "side A",
        "government-of-ukraine": "side B",
        "ann": "side B",
    }
    pages = readable(render_pages(corpus))
    assert "<title>Kharkiv</title>" in pages["places/index.md"]
    assert "[Kharkiv](../places/kharkiv.md)" in pages["timeline/2015.md"]


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


def test_places_suggest_proposes_coordinates_from_the_gazetteer(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "briefings/places.yaml").unlink()
    code, out, _ = run_cli(capsys, "--root", str(project), "places", "suggest")
    assert code == 0
    assert "- id: pyongyang\n  name: Pyongyang\n  kind: city\n  country: North Korea\n  lat: 39.0339" in out
    assert "# Not found in the gazetteer: Kim Il Sung Square" in out
