"""Put the stages together: from a source file and the project's registries to the draft's
files (as bytes, by path under briefings/) and the --json report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..load.files import SOURCES_DIR, load
from ..tools.scaffold import briefing_id
from . import compose, events
from .analyse import analyse
from .names import Registry
from .source import read
from .text import Span


@dataclass(frozen=True, slots=True)
class Draft:
    """The files of a draft (path under briefings/ -> content) and what was found."""

    bid: str
    files: dict[str, bytes]
    report: dict[str, Any]
    quotes: int
    attributed: int
    actors: int
    proposed: int
    events: int
    places: int


def registry(root: Path) -> tuple[Registry, set[str]]:
    """The names the project's registries know (whatever of them loads), and the actor ids."""
    out, ids = Registry(), set()
    if root.is_dir():
        inputs = load(root, partial=True)
        for a in inputs.actors:
            out.add_actor(a.id, a.name, a.kind, list(a.aliases))
            ids.add(a.id)
        for p in inputs.places:
            out.add_place(p.name, list(p.aliases))
    return out, ids


def make(root: Path, source: Path, *, bid: str | None, date: dt.date | None, today: dt.date) -> Draft:
    """The draft of the article in `source` for the project whose briefings are in `root`."""
    article = read(source)
    known, ids = registry(root)
    day = date or article.date or today
    bid = bid or briefing_id(article.title or source.stem, day)
    analysis = analyse(article.text, known)
    dated = events.find(
        article.text,
        analysis.sentences,
        article.date or date,
        [Span(f.quoted.start, f.quoted.end) for f in analysis.quotes],
    )
    who = compose.cast(analysis, ids)
    stored = f"{SOURCES_DIR}/{bid}.txt"
    briefing = f"{bid}.yaml"
    proposals = f"actors/drafted-{bid}.yaml"
    files = {stored: article.text.encode("utf-8")}
    if who.proposed:
        files[proposals] = compose.actors_yaml(bid, who, stored).encode("utf-8")
    files[briefing] = compose.briefing_yaml(
        bid, article, analysis, who, dated, source_path=source.name, stored=stored, date=day, made=today
    ).encode("utf-8")
    report = compose.report(
        bid,
        article,
        analysis,
        who,
        dated,
        files={"briefing": briefing, "text": stored, **({"actors": proposals} if who.proposed else {})},
    )
    return Draft(
        bid,
        files,
        report,
        quotes=len(analysis.quotes),
        attributed=sum(1 for f in analysis.quotes if who.of(f.speaker)),
        actors=len(who.ids),
        proposed=len(who.proposed),
        events=len(dated),
        places=len(compose.places_of(analysis)),
    )
