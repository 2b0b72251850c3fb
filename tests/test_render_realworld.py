"""Real-world data through the pages: stand-alone events with figures, actor kinds and relations,
the place registry and its maps, free topic labels, any script; and where its problems point."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.link.corpus import link
from generator.load.files import load
from generator.render.workers import render_pages
from generator.text.words import slugify

from .conftest import write
from .realworld import ACTORS, EVENTS, MORE_ACTORS, PLACES, briefing, problems, readable, real_world


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return readable(render_pages(link(load(real_world(tmp_path_factory.mktemp("rw"))))))


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
    assert "Sources for this record:\n\n- *Electoral commission list*\n" in pages["actors/blue-party.md"]


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


def test_each_relation_is_its_own_bullet_and_a_records_sources_are_a_list(tmp_path: Path) -> None:
    root = real_world(tmp_path)
    unsourced = "        relations:\n          - type: opposed-to\n            actor: red-brigade\n"
    write(root, "actors.yaml", ACTORS.replace("        relations:\n", unsourced))
    more = MORE_ACTORS.replace(
        "          - title: Electoral commission list\n",
        "          - title: Electoral commission list\n            note: Checked in May.\n          - title: Gazette\n",
    )
    write(root, "actors/more.yaml", more)
    write(root, "2015-09-16-party.yaml", briefing().replace("- actor: ann", "- actor: blue-party"))
    pages = readable(render_pages(link(load(root))))
    ann = pages["actors/ann.md"].splitlines()
    assert "- Opposed to [Red Brigade](../actors/red-brigade.md)" in ann
    assert "- Member of [Blue Party](../actors/blue-party.md) (since May 2019): a founding member" in ann
    assert "    - Source: *Party register*" in ann
    party = pages["actors/blue-party.md"]
    assert "- *Electoral commission list*. Checked in May.\n- *Gazette*\n" in party
    assert ".;" not in party


def test_a_figure_whose_range_is_one_number_is_that_number(tmp_path: Path) -> None:
    root = real_world(tmp_path)
    write(root, "events/2015.yaml", EVENTS.replace("{best: 12, low: 8, high: 20}", "{best: 17, low: 17, high: 17}"))
    pages = readable(render_pages(link(load(root))))
    assert "- Fatalities: 17\n" in pages["events/siege.md"]
    write(root, "events/2015.yaml", EVENTS.replace("{best: 12, low: 8, high: 20}", "{low: 5, high: 5}"))
    assert "- Fatalities: 5\n" in readable(render_pages(link(load(root))))["events/siege.md"]


def test_the_home_pages_latest_list_shows_a_period_and_no_colon_without_a_summary(pages: dict[str, str]) -> None:
    latest = pages["snippets/latest.md"]
    assert "**15 September 2015** · covers 7–13 September 2015\n" in latest
    assert "2015**:" not in latest


def test_an_untitled_events_first_sentence_heads_it_once(pages: dict[str, str]) -> None:
    for page in (pages["timeline/2015.md"], pages["events/siege.md"]):
        page = page.split("\n---\n", 1)[1]  # the page, not its front matter's structured data
        assert "A two-week siege of the city." in page
        assert "Shelling went on at night." in page
        assert "A two-week siege of the city. Shelling" not in page
    assert "[Talks in Lviv]" in pages["timeline/2015.md"]  # titled events keep their description whole


def test_a_busy_years_jump_bar_has_its_years_and_its_months_apart(tmp_path: Path) -> None:
    root = real_world(tmp_path)
    many = "".join(
        f"  - id: e{i}\n    date: 2016-{1 + i % 3:02d}-{1 + i % 28:02d}\n    title: Event {i}\n" for i in range(240)
    )
    write(root, "events/2016.yaml", "events:\n" + many)
    pages = readable(render_pages(link(load(root))))
    bar = pages["timeline/2016-03.md"].split('<nav class="bf-jump" aria-label="Years" markdown>')[1].split("</nav>")[0]
    years, months = [line for line in bar.split("\n\n") if line.strip()]
    assert "**2016**" in years
    assert "[2015](../timeline/2015.md)" in years
    assert "**March 2016**" in months
    assert "[January 2016](../timeline/2016-01.md)" in months


def test_a_countrys_page_lists_the_events_at_the_places_inside_it(pages: dict[str, str]) -> None:
    country = pages["places/ukraine.md"]
    assert "Events at places inside Ukraine: 2 events (2 in cities), listed below with their place." in country
    assert "[A two-week siege of the city.](../events/siege.md) · in [Kyiv](../places/kyiv.md)" in country
    assert "[Talks in Lviv](../events/talks.md) · in [Lviv](../places/lviv.md)" in country
    assert '<div class="bf-filter" hidden>' in country
    assert "Events at places inside" not in pages["places/kyiv.md"]  # nothing lies inside Kyiv


def test_how_closely_a_place_is_located_shows_in_text_and_on_its_map(tmp_path: Path) -> None:
    root = real_world(tmp_path)
    write(
        root,
        "places/ukraine.yaml",
        PLACES.replace("        lat: 49.84\n", "        precision: near\n        lat: 49.84\n"),
    )
    write(
        root,
        "events/2015.yaml",
        EVENTS.replace("        places: [lviv]\n", "        places: [lviv]\n        precision: area\n"),
    )
    pages = readable(render_pages(link(load(root))))
    lviv = pages["places/lviv.md"]
    assert "Coordinates: 49.84° N, 24.03° E (near (within a few kilometres))" in lviv
    assert 'class="bf-near"' in lviv
    assert "<title>Lviv (near)</title>" in lviv
    assert 'class="bf-near"' not in pages["places/kyiv.md"]
    assert "- Places: [Lviv](../places/lviv.md) (somewhere in the area)" in pages["events/talks.md"]


def test_the_places_index_names_a_country_given_as_a_place_id(tmp_path: Path) -> None:
    root = real_world(tmp_path)
    write(root, "places/ukraine.yaml", PLACES.replace("        country: Ukraine\n", "        country: ukraine\n"))
    index = readable(render_pages(link(load(root))))["places/index.md"]
    assert "[Kyiv](../places/kyiv.md) · city, Ukraine: 1 briefing, 1 event" in index
    assert "city, ukraine" not in index
