"""`briefings new`: the skeleton of a new briefing, ready to fill in."""

from __future__ import annotations

import datetime as dt
import json

from ..text.words import slugify

TEMPLATE = """\
# yaml-language-server: $schema=../schema/briefing.schema.json
# A new briefing. Fill in every field, run `briefings check`, then set status: published.
title: {title}
date: {date}
status: draft
sources:
  - publication: Publication name
    title: Headline of the article
    url: https://example.org/article
    # text: sources/{bid}.txt   # the article's text, to check quotes against
summary: >-
  Bottom line up front, in a sentence or two (Markdown allowed).
key_points:
  - First key point.
actors: []
  # - actor: an-actor-id        # an id from briefings/actors.yaml
  #   role: their role in this story
quotes: []
  # - text: The words, verbatim.
  #   speaker: an-actor-id
events: []
  # - an-event-id               # an id from briefings/events.yaml, or define one here
places: []
topics: []
"""


def briefing_id(title: str, date: dt.date) -> str:
    """A date-prefixed id from a title: '2024-06-19-putin-visits-pyongyang'."""
    words = slugify(title).split("-")[:8]
    return f"{date.isoformat()}-{'-'.join(words)}"


def scaffold(title: str, date: dt.date, bid: str) -> str:
    """The YAML text of a new draft briefing."""
    return TEMPLATE.format(title=json.dumps(title, ensure_ascii=False), date=date.isoformat(), bid=bid)
