"""One actor across sources: `same_as` joins records into one actor; records that share a
Wikidata item without being joined are warned about."""

from __future__ import annotations

from pathlib import Path

from generator.link.corpus import link
from generator.load.files import load
from generator.render.workers import render_pages

from .conftest import write
from .realworld import MORE_ACTORS, briefing, problems, readable, real_world

TWO_SOURCES = """
    actors:
      - id: taliban
        name: Taliban
        kind: armed-group
        wikidata: Q42548
        same_as: [taleban]
      - id: taleban
        name: Taleban
        kind: armed-group
        aliases: [Islamic Emirate of Afghanistan]
        links:
          - title: UCDP actor 303
            url: https://ucdp.uu.se/actor/303
      - id: isis
        name: ISIS
        kind: armed-group
        wikidata: Q2429253
      - id: isil
        name: Islamic State in Iraq and the Levant
        kind: armed-group
        wikidata: Q2429253
"""


def test_records_listed_as_the_same_are_one_actor_with_one_page(tmp_path: Path) -> None:
    root = real_world(tmp_path)
    write(root, "actors/sources.yaml", TWO_SOURCES)
    clash = "events:\n  - id: clash\n    date: 2016-01-02\n    title: A clash\n    actors: [taleban, isis]\n"
    write(root, "events/more.yaml", clash)
    write(root, "2016-01-03-clash.yaml", briefing().replace("- actor: ann", "- actor: taleban"))
    corpus = link(load(root))
    assert "taleban" not in corpus.actors
    taliban = corpus.actors["taliban"]
    assert taliban.aliases == ["Taleban", "Islamic Emirate of Afghanistan"]
    assert taliban.links[0].url == "https://ucdp.uu.se/actor/303"
    assert corpus.events["clash"].actor_ids == ["taliban", "isis"]
    assert corpus.actor_briefings["taliban"] == ["2016-01-03-clash"]
    pages = readable(render_pages(corpus))
    assert "actors/taleban.md" not in pages
    assert "Also known as: Taleban; Islamic Emirate of Afghanistan" in pages["actors/taliban.md"]
    assert "[Taliban](../actors/taliban.md)" in pages["events/clash.md"]
    warnings = [f"{Path(w.path).name}:{w.line}: {w.message}" for w in corpus.warnings]
    assert any(
        w.startswith("sources.yaml:21: actor 'isis' has the same Wikidata item (Q2429253): if they are one actor,")
        for w in warnings
    ), warnings
    assert not any("Q42548" in w for w in warnings)


def test_a_bad_same_as_names_its_line(tmp_path: Path) -> None:
    root = real_world(tmp_path)
    joined = "        kind: armed-group\n        same_as: [red-brigade, blue-partyy]\n"
    write(root, "actors/more.yaml", MORE_ACTORS.replace("        kind: armed-group\n", joined))
    found = problems(root)
    assert "more.yaml:10: actors[1].same_as[0]: an actor is not 'the same as' itself" in found
    assert any(p.startswith("more.yaml:10: actors[1].same_as[1]: unknown actor 'blue-partyy'") for p in found), found


def test_an_event_keeps_the_actors_it_mentions_apart_from_those_that_took_part(tmp_path: Path) -> None:
    root = real_world(tmp_path)
    mentioned = (
        "  - id: talks-2\n    date: 2015-04-01\n    title: Talks\n    actors: [ann]\n    mentions: [blue-party]\n"
    )
    write(root, "events/more.yaml", "events:\n" + mentioned)
    corpus = link(load(root))
    assert corpus.events["talks-2"].actor_ids == ["ann"]
    assert "talks-2" not in corpus.actor_events.get("blue-party", [])
    page = readable(render_pages(corpus))["events/talks-2.md"]
    assert "- Actors: [Ann Example](../actors/ann.md)" in page
    assert "- Mentioned: Blue Party\n" in page  # (no page of its own: nothing it took part in)
    write(root, "events/more.yaml", "events:\n" + mentioned.replace("[blue-party]", "[blue-partie]"))
    assert any("events[0].mentions[0]: unknown actor 'blue-partie'" in p for p in problems(root))
