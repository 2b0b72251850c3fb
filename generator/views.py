"""Derived views of the corpus: related briefings, co-appearing actors, places, topics, listings.

Each view is computed once per build in time that grows with the corpus (no pairwise loops
over briefings): posting lists of very common terms are skipped when ranking related items.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import html
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TypeVar

from .escape import render_markdown_html
from .link import Corpus, QuoteRef
from .model import Briefing, date_key
from .paging import MONTHS, Period, periods

# How much one shared item counts when ranking related briefings (times its rarity, see below).
WEIGHTS = {"event": 3.0, "actor": 2.0, "topic": 1.0}
RELATED_MAX = 5
RELATED_DF_MAX = 100  # an item in more briefings than this says little about relatedness: skipped
CO_ACTORS_MAX = 10
T = TypeVar("T")
KIND_ORDER = ("briefing", "quote", "event")
KIND_TITLES = {"briefing": "Briefings", "quote": "Quotes", "event": "Events"}


@dataclass(frozen=True, slots=True)
class Related:
    """Another briefing and what it shares with this one."""

    briefing: str
    score: float
    events: int
    actors: int
    topics: int

    @property
    def shares(self) -> str:
        """'2 events, 1 actor' -- what this briefing has in common with the other."""
        parts = [(self.events, "event"), (self.actors, "actor"), (self.topics, "topic")]
        return ", ".join(f"{n} {word}{'s' if n > 1 else ''}" for n, word in parts if n)


@functools.lru_cache(maxsize=100_000)
def human_date(date: str) -> str:
    """'2024-06-19' -> '19 June 2024'; '2024-06' -> 'June 2024'; '2024' -> '2024'."""
    year, month, day = date_key(date)
    if not month:
        return str(year)
    if not day:
        return f"{MONTHS[month - 1]} {year}"
    return f"{day} {MONTHS[month - 1]} {year}"


def slugify(text: str) -> str:
    """A path- and anchor-safe slug of free text (ASCII letters, digits, hyphens).

    Text with no ASCII letters or digits (a name in Cyrillic, Arabic or Chinese) gets a short
    digest of itself, so different names never share a slug.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")
    return slug or "x-" + hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]


def unique_slugs(names: Iterable[str]) -> dict[str, str]:
    """A unique, stable slug for each name (a later name that slugs the same gets -2, -3, ...)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for name in sorted(set(names)):
        base = slug = slugify(name)
        n = 1
        while slug in used:
            n += 1
            slug = f"{base}-{n}"
        used.add(slug)
        out[name] = slug
    return out


def briefing_items(corpus: Corpus, bid: str) -> dict[str, set[str]]:
    b = corpus.briefings[bid]
    return {
        "event": {e.id for e in corpus.briefing_events[bid]},
        "actor": {a.actor for a in b.actors},
        "topic": set(b.topics),
    }


def _once(view: Callable[[Corpus], T]) -> Callable[[Corpus], T]:
    """Work a view of a corpus out once; it is kept with the corpus (and in its snapshot)."""

    @functools.wraps(view)
    def cached(corpus: Corpus) -> T:
        if view.__name__ not in corpus.views:
            corpus.views[view.__name__] = view(corpus)
        return corpus.views[view.__name__]  # type: ignore[return-value]

    return cached


@_once
def related_briefings(corpus: Corpus) -> dict[str, list[Related]]:
    """For each briefing, the others that share the rarest events, actors and topics with it.

    A shared item scores its kind's weight times its inverse document frequency; items in more
    than RELATED_DF_MAX briefings are skipped, which keeps the work linear in the corpus.
    """
    index: dict[tuple[str, str], list[str]] = defaultdict(list)
    items = {bid: briefing_items(corpus, bid) for bid in corpus.briefings}
    for bid, kinds in items.items():
        for kind, values in kinds.items():
            for value in values:
                index[kind, value].append(bid)
    n = max(len(items), 1)
    weight = {
        key: WEIGHTS[key[0]] * math.log(1 + n / len(bids))
        for key, bids in index.items()
        if 1 < len(bids) <= RELATED_DF_MAX
    }
    out: dict[str, list[Related]] = {}
    for bid, kinds in items.items():
        score: dict[str, float] = defaultdict(float)
        for kind, values in kinds.items():
            for value in sorted(values):  # a fixed order, so ties fall the same way in every run
                w = weight.get((kind, value))
                if w is not None:
                    for other in index[kind, value]:
                        score[other] += w
        score.pop(bid, None)
        # Ties go to the briefing met first: deterministic, as the posting lists are newest first.
        top = heapq.nlargest(RELATED_MAX, score.items(), key=itemgetter(1))
        out[bid] = [Related(o, s, *(len(kinds[k] & items[o][k]) for k in ("event", "actor", "topic"))) for o, s in top]
    return out


def also_in(corpus: Corpus, bid: str, event_id: str, limit: int) -> tuple[list[str], int]:
    """Up to `limit` other briefings (newest first) that share an event, and how many more there are."""
    everyone = corpus.event_briefings[event_id]
    others = [o for o in everyone[: limit + 1] if o != bid][:limit]
    return others, len(everyone) - 1 - len(others)


@dataclass(frozen=True, slots=True)
class CoActor:
    """Another actor and how often the two appear together."""

    actor: str
    briefings: int
    events: int


@_once
def co_actors(corpus: Corpus) -> dict[str, list[CoActor]]:
    """For each actor, the actors they share most briefings and events with."""
    in_briefings: dict[str, Counter[str]] = defaultdict(Counter)
    in_events: dict[str, Counter[str]] = defaultdict(Counter)
    for b in corpus.briefings.values():
        ids = [a.actor for a in b.actors]
        for a in ids:
            in_briefings[a].update(ids)
    for e in corpus.events.values():
        ids = list(dict.fromkeys(e.actors))
        for a in ids:
            in_events[a].update(ids)
    out: dict[str, list[CoActor]] = {}
    for aid in in_briefings.keys() | in_events.keys():
        bc, ec = in_briefings.get(aid, Counter()), in_events.get(aid, Counter())
        others = (bc.keys() | ec.keys()) - {aid}
        top = heapq.nsmallest(
            CO_ACTORS_MAX,
            others,
            key=lambda o: (-(bc[o] + ec[o]), -bc[o], corpus.actors[o].name.casefold(), o),
        )
        out[aid] = [CoActor(o, bc[o], ec[o]) for o in top]
    return out


@dataclass(slots=True)
class Term:
    """A place or a topic: its page's slug, and the briefings and events that name it."""

    name: str
    slug: str
    briefings: list[str] = field(default_factory=list)  # newest first
    events: list[str] = field(default_factory=list)  # in date order


@_once
def places(corpus: Corpus) -> dict[str, Term]:
    """Every place named by a published briefing or its events, in name order."""
    found: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for bid, b in corpus.briefings.items():
        for name in dict.fromkeys(b.places):
            found[name][0].append(bid)
    for eid, e in corpus.events.items():
        for name in dict.fromkeys(e.places):
            found[name][1].append(eid)
    return _terms(found)


@_once
def topics(corpus: Corpus) -> dict[str, Term]:
    """Every topic of a published briefing, with the briefings and the events they cite."""
    found: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for bid, b in corpus.briefings.items():
        for name in dict.fromkeys(b.topics):
            found[name][0].append(bid)
    order = {eid: i for i, eid in enumerate(corpus.events)}
    for _, (bids, eids) in found.items():
        cited = {e.id for bid in bids for e in corpus.briefing_events[bid]}
        eids.extend(sorted(cited, key=order.__getitem__))
    return _terms(found)


def _terms(found: dict[str, tuple[list[str], list[str]]]) -> dict[str, Term]:
    slugs = unique_slugs(found)
    return {name: Term(name, slugs[name], *found[name]) for name in sorted(found, key=lambda n: (n.casefold(), n))}


@dataclass(frozen=True, slots=True)
class Entry:
    """One dated line of a listing: a briefing (with a role), a quote, or an event."""

    kind: str  # "briefing", "quote" or "event"
    date: str
    ref: str  # briefing id or event id
    role: str | None = None
    quote: QuoteRef | None = None


@dataclass(slots=True)
class Listing:
    """Dated entries of one page, grouped into periods; split over pages of their own when long."""

    base: str  # the page's path without .md; a split listing's periods are at {base}/{key}.md
    periods: list[Period[Entry]]
    split: bool
    counts: dict[str, int]

    def page(self, period: Period[Entry]) -> str:
        return f"{self.base}/{period.key}.md"


def listing(base: str, entries: list[Entry], limit: int) -> Listing:
    """Entries grouped by year (or finer), inline on the page when they fit, else split."""
    counts = Counter(e.kind for e in entries)
    split = len(entries) > limit
    groups = periods(entries, lambda e: e.date, limit if split else max(len(entries), 1))
    return Listing(base, groups, split, {k: counts[k] for k in KIND_ORDER if counts[k]})


def by_kind(entries: list[Entry]) -> list[tuple[str, list[Entry]]]:
    """Entries in sections: briefings, quotes, events (only those present)."""
    groups: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        groups[e.kind].append(e)
    return [(k, groups[k]) for k in KIND_ORDER if k in groups]


def actor_entries(corpus: Corpus, aid: str) -> list[Entry]:
    out: list[Entry] = []
    for bid in corpus.actor_briefings.get(aid, []):
        b = corpus.briefings[bid]
        role = next((a.role for a in b.actors if a.actor == aid), None)
        out.append(Entry("briefing", b.date, bid, role=role))
    for ref in corpus.actor_quotes.get(aid, []):
        out.append(Entry("quote", corpus.briefings[ref.briefing].date, ref.briefing, quote=ref))
    for eid in corpus.actor_events.get(aid, []):
        out.append(Entry("event", corpus.events[eid].date, eid))
    return out


def term_entries(corpus: Corpus, term: Term) -> list[Entry]:
    return [Entry("briefing", corpus.briefings[bid].date, bid) for bid in term.briefings] + [
        Entry("event", corpus.events[eid].date, eid) for eid in term.events
    ]


def event_entries(corpus: Corpus, eid: str) -> list[Entry]:
    return [Entry("briefing", corpus.briefings[bid].date, bid) for bid in corpus.event_briefings[eid]]


def initial(name: str) -> str:
    """The A-Z group of a name: its first letter without accents, '0-9', or 'other'."""
    first = unicodedata.normalize("NFKD", name.strip()[:1]).encode("ascii", "ignore").decode().lower()
    if first.isascii() and first.isalpha():
        return first
    return "0-9" if first.isdigit() else "other"


def plain_summary(b: Briefing, limit: int = 200) -> str:
    """The summary as one line of plain text, for descriptions and lists."""
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", render_markdown_html(b.summary))).split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
