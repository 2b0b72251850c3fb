"""Real-world shaped data for tests (synthetic: made up here): actors with kinds and relations,
stand-alone events with figures and parts, a place registry with a hierarchy, and a briefing that
covers a period; and helpers to load, link and read it."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from generator.core.errors import BriefingsError
from generator.link.corpus import link
from generator.load.files import load

from .conftest import write

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
