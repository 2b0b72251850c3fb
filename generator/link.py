"""Cross-check the records and link them into a corpus: actors, events, quotes, briefings."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from .errors import BriefingsError, Problem, display_path
from .load import ACTORS_FILE, Inputs
from .model import RESERVED_IDS, Actor, Briefing, Event, Quote, date_key

R = TypeVar("R", Actor, Event)
_QUOTE_MARKS = str.maketrans(dict.fromkeys("'\"‘’‚‛“”„‟«»‹›′″`´", '"'))


@dataclass(frozen=True, slots=True)
class QuoteRef:
    """A quote together with the briefing it appears in."""

    quote: Quote
    briefing: str
    index: int


@dataclass(slots=True)
class Corpus:
    """Linked records, ready to render. Ordering here is the ordering on the site."""

    actors: dict[str, Actor]
    events: dict[str, Event]
    briefings: dict[str, Briefing]  # newest first
    briefing_events: dict[str, list[Event]] = field(default_factory=dict)  # in date order
    event_briefings: dict[str, list[str]] = field(default_factory=dict)  # newest first
    actor_briefings: dict[str, list[str]] = field(default_factory=dict)  # newest first
    actor_quotes: dict[str, list[QuoteRef]] = field(default_factory=dict)
    actor_events: dict[str, list[str]] = field(default_factory=dict)  # in date order
    digests: dict[str, str] = field(default_factory=dict)  # content digest of each input file, by path
    views: dict[str, object] = field(default_factory=dict)  # derived views, worked out once (views.py)

    def digest_of(self, bid: str) -> str:
        """The content digest of a briefing's file ('' when unknown)."""
        lines, _ = self.briefings[bid].where()
        return self.digests.get(str(lines.path), "")


def normalise(text: str) -> str:
    """Text compared for quote checks: one kind of quote mark, single spaces."""
    return re.sub(r"\s+", " ", text.translate(_QUOTE_MARKS)).strip()


def link(inputs: Inputs, *, drafts: bool = False) -> Corpus:
    """Check every reference and every quote; build the corpus of what will be published."""
    problems: list[Problem] = list(inputs.problems)  # from loading, when it ran with partial=True
    actors = _unique("actor", inputs.actors.actors, problems)
    events = _unique("event", [*inputs.events.events, *_inline_events(inputs)], problems)
    named = any(b.actors or b.quotes for b in inputs.briefings.values()) or any(e.actors for e in events.values())
    if inputs.actors_missing and named:  # one problem, not one per actor named
        where = display_path(inputs.root / ACTORS_FILE)
        problems.append(Problem(where, 0, "", "no actor registry: the briefings name actors, so they need this file"))
    complete = inputs.actors_complete and not inputs.actors_missing
    known = Known(actors, events, complete, inputs.events_complete, inputs.unvalidated_event_ids)
    for event in events.values():
        for i, ref in enumerate(event.actors):
            if not known.actor(ref):
                problems.append(
                    event_problem(event, ("actors", i), f"unknown actor '{ref}'{_did_you_mean(ref, actors)}")
                )
    for briefing in inputs.briefings.values():
        _check_briefing(briefing, known, inputs.texts, problems)
    if problems:
        raise BriefingsError(problems)
    chosen = {
        bid: b
        for bid, b in sorted(inputs.briefings.items(), key=lambda kv: (kv[1].date, kv[0]), reverse=True)
        if drafts or b.status == "published"
    }
    corpus = _index(actors, events, chosen)
    corpus.digests = dict(inputs.digests)
    return corpus


def event_problem(event: Event, sub: tuple[str | int, ...], message: str) -> Problem:
    """A problem at a part of an event, wherever the event was defined."""
    lines, key = event.where(*sub)
    return lines.problem(key, message)


def _inline_events(inputs: Inputs) -> list[Event]:
    return [e for b in inputs.briefings.values() for e in b.events if isinstance(e, Event)]


def _unique(what: str, records: list[R], problems: list[Problem]) -> dict[str, R]:
    out: dict[str, R] = {}
    for record in records:
        if record.id in RESERVED_IDS:
            lines, key = record.where("id")
            problems.append(lines.problem(key, f"'{record.id}' is reserved; choose another {what} id"))
            continue
        first = out.get(record.id)
        if first is not None:
            flines, fkey = first.where("id")
            lines, key = record.where("id")
            problems.append(
                lines.problem(
                    key, f"duplicate {what} id '{record.id}' (first defined at {flines.shown}:{flines.line(fkey)})"
                )
            )
        else:
            out[record.id] = record
    return out


@dataclass(frozen=True, slots=True)
class Known:
    """The ids references may point at; a registry that failed to load accepts any reference."""

    actors: dict[str, Actor]
    events: dict[str, Event]
    actors_complete: bool
    events_complete: bool
    unvalidated_event_ids: set[str]

    def actor(self, ref: str) -> bool:
        return ref in self.actors or not self.actors_complete

    def event(self, ref: str) -> bool:
        return ref in self.events or ref in self.unvalidated_event_ids or not self.events_complete


def _check_briefing(b: Briefing, known: Known, texts: dict[str, str], problems: list[Problem]) -> None:
    def err(sub: tuple[str | int, ...], message: str) -> None:
        lines, key = b.where(*sub)
        problems.append(lines.problem(key, message))

    actors, events = known.actors, known.events
    present: set[str] = set()
    for i, appearance in enumerate(b.actors):
        if not known.actor(appearance.actor):
            err(("actors", i, "actor"), f"unknown actor '{appearance.actor}'{_did_you_mean(appearance.actor, actors)}")
        elif appearance.actor in present:
            err(("actors", i, "actor"), f"actor '{appearance.actor}' is listed twice")
        present.add(appearance.actor)
    for i, quote in enumerate(b.quotes):
        if not known.actor(quote.speaker):
            err(("quotes", i, "speaker"), f"unknown actor '{quote.speaker}'{_did_you_mean(quote.speaker, actors)}")
        elif quote.speaker not in present:
            err(("quotes", i, "speaker"), f"speaker '{quote.speaker}' is not among this briefing's actors")
    seen: set[str] = set()
    for i, entry in enumerate(b.events):
        eid = entry if isinstance(entry, str) else entry.id
        if isinstance(entry, str) and not known.event(entry):
            err(("events", i), f"unknown event '{entry}'{_did_you_mean(entry, events)}")
        elif eid in seen:
            err(("events", i), f"event '{eid}' is listed twice")
        seen.add(eid)
    stored = " ".join(normalise(texts[s.text]) for s in b.sources if s.text is not None and s.text in texts)
    if stored:
        for i, quote in enumerate(b.quotes):
            if normalise(quote.text) not in stored:
                err(("quotes", i, "text"), "not found verbatim in the stored source text (misquote?)")


def _did_you_mean(name: str, known: Mapping[str, object]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _index(actors: dict[str, Actor], events: dict[str, Event], briefings: dict[str, Briefing]) -> Corpus:
    corpus = Corpus(actors={}, events={}, briefings=briefings)
    used_actors: set[str] = set()
    for bid, b in briefings.items():
        evs = [events[e] if isinstance(e, str) else e for e in b.events]
        corpus.briefing_events[bid] = sorted(evs, key=lambda e: (date_key(e.date), e.id))
        for e in evs:
            corpus.event_briefings.setdefault(e.id, []).append(bid)
        for appearance in b.actors:
            corpus.actor_briefings.setdefault(appearance.actor, []).append(bid)
            used_actors.add(appearance.actor)
        for i, q in enumerate(b.quotes):
            corpus.actor_quotes.setdefault(q.speaker, []).append(QuoteRef(q, bid, i))
    timeline = sorted((events[eid] for eid in corpus.event_briefings), key=lambda e: (date_key(e.date), e.id))
    corpus.events = {e.id: e for e in timeline}
    for e in timeline:
        for a in e.actors:
            corpus.actor_events.setdefault(a, []).append(e.id)
            used_actors.add(a)
    corpus.actors = {aid: actors[aid] for aid in sorted(used_actors, key=lambda a: (actors[a].name.casefold(), a))}
    return corpus
