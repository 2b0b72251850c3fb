"""`briefings new`: the skeleton of a new briefing, ready to fill in."""

from __future__ import annotations

import datetime as dt
import json

from ..model.skeleton import PLACEHOLDERS
from ..text.words import slugify

# Every commented line stands alone: uncomment any of them, in any number, and the file is still
# valid YAML (a list key with nothing under it is an empty list). The placeholders come from
# model/skeleton.py, so `briefings check` finds any left in a published briefing.
TEMPLATE = """\
# yaml-language-server: $schema=../schema/briefing.schema.json
# A new briefing. Replace each placeholder; to use a commented line, delete the "# " at its
# start. Run `briefings check`, then set status: published.
title: {title}
date: {date}
status: draft
sources:
  - publication: {publication}
    title: {headline}
    url: {url}
    # text: sources/{bid}.txt   # the article's text, to check quotes against
summary: >-
  {summary}
key_points:
  - {key_point}
actors:
  # - {{actor: {actor}, role: {role}}}   # an id from briefings/actors.yaml
quotes:
  # - {{text: "{quote}", speaker: {actor}}}
events:
  # - {event}   # an id from briefings/events.yaml
places:
  # - {place}
topics:
  # - {topic}
"""


def briefing_id(title: str, date: dt.date) -> str:
    """A date-prefixed id from a title: '2024-06-19-putin-visits-pyongyang'."""
    words = slugify(title).split("-")[:8]
    return f"{date.isoformat()}-{'-'.join(words)}"


def scaffold(title: str, date: dt.date, bid: str) -> str:
    """The YAML text of a new draft briefing."""
    return TEMPLATE.format(title=json.dumps(title, ensure_ascii=False), date=date.isoformat(), bid=bid, **PLACEHOLDERS)
