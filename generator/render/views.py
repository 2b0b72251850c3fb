"""Derived views of the corpus: places, topics, listings, maps, and the small helpers pages
share (dates, slugs, figures). Related briefings and co-appearing actors are in related.py.

Each view is computed once per build (`once`) in time that grows with the corpus.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from markupsafe import Markup

from ..link.corpus import Corpus, QuoteRef
from ..load.history import History, day_history
from ..model import dates
from ..model.fields import RESERVED_IDS
from ..model.records import Briefing, Estimate, Place
from ..text.escape import html_text
from ..text.messages import ENGLISH, Messages
from ..text.words import shorten, slugify
from . import mapsvg, wording
from .paging import Period, periods

T = TypeVar("T")
KIND_ORDER = ("briefing", "quote", "event")
RESERVED_SLUGS = RESERVED_IDS | {"az"}  # the list pages inside each folder


def briefing_dates(corpus: Corpus) -> dict[str, History]:
    """When each briefing was first published and last changed: from its history when the project
    is in git (corpus.history), else its own day."""
    return {bid: corpus.history.get(bid) or day_history(b.date) for bid, b in corpus.briefings.items()}


def unique_slugs(names: Iterable[str], taken: set[str] | None = None) -> dict[str, str]:
    """A unique, stable slug for each name (a later name that slugs the same gets -2, -3, ...);
    slugs in `taken` are not given out."""
    out: dict[str, str] = {}
    used: set[str] = set(taken or ())
    for name in sorted(set(names)):
        base = slug = slugify(name)
        n = 1
        while slug in used or slug in RESERVED_SLUGS:
            n += 1
            slug = f"{base}-{n}"
        used.add(slug)
        out[name] = slug
    return out


def once(view: Callable[[Corpus], T]) -> Callable[[Corpus], T]:
    """Work a view of a corpus out once; it is kept with the corpus (and in its snapshot)."""

    @functools.wraps(view)
    def cached(corpus: Corpus) -> T:
        if view.__name__ not in corpus.views:
            corpus.views[view.__name__] = view(corpus)
        return corpus.views[view.__name__]  # type: ignore[return-value]

    return cached


@dataclass(slots=True)
class Term:
    """A place or a topic: its page's slug, and the briefings and events that name it."""

    name: str
    slug: str
    briefings: list[str] = field(default_factory=list)  # newest first
    events: list[str] = field(default_factory=list)  # in date order
    place: Place | None = None  # the registry record of a place, when it has one
    inside: dict[str, str] = field(default_factory=dict)  # events at places within it: event id -> place id


@once
def places(corpus: Corpus) -> dict[str, Term]:
    """The page of every place name used by a published briefing or an event, keyed by the name
    as written: the names of one registry place (its id, name, aliases) share one Term.

    Registry places that are not named but hold a named place (a country, a region) have a Term
    too, keyed by their id. A registry place's slug is its id; other names get a slug of their own.
    """
    Key = tuple[bool, str]  # (True, registry id) or (False, the name as written)
    found: dict[Key, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))

    def key(name: str) -> Key:
        pid = corpus.place_refs.get(name)
        return (True, pid) if pid is not None else (False, name)

    def shown(k: Key) -> str:
        return corpus.places[k[1]].name if k[0] else k[1]

    for bid, b in corpus.briefings.items():
        for k in dict.fromkeys(map(key, b.places)):
            found[k][0].append(bid)
    for eid, e in corpus.events.items():
        for k in dict.fromkeys(map(key, e.places)):
            found[k][1].append(eid)
    for pid in corpus.places:
        found[True, pid]  # a place that holds named places gets a page too
    bare = unique_slugs((k[1] for k in found if not k[0]), taken=set(corpus.places))
    terms: dict[Key, Term] = {}
    for k in sorted(found, key=lambda k: (shown(k).casefold(), k)):
        place = corpus.places[k[1]] if k[0] else None
        terms[k] = Term(shown(k), k[1] if k[0] else bare[k[1]], *found[k], place=place)
    for eid, e in corpus.events.items():  # an event shows on the pages of every place that holds its places
        for name in e.places:
            where = corpus.place_refs.get(name)
            up = corpus.places[where].parent if where is not None else None
            seen: set[str] = set()
            while up is not None and up in corpus.places and up not in seen:
                seen.add(up)
                term = terms[True, up]
                if eid not in term.inside and eid not in found[True, up][1]:
                    term.inside[eid] = where  # type: ignore[assignment]
                up = corpus.places[up].parent
    out = {k[1]: terms[k] for k in sorted(found) if not k[0]}
    out.update((name, terms[True, pid]) for name, pid in corpus.place_refs.items())
    out.update((pid, terms[True, pid]) for pid in corpus.places)
    return out


def unique_terms(terms: dict[str, Term]) -> dict[str, Term]:
    """Each Term once (several names may share one), in name order, keyed by slug."""
    out = {t.slug: t for t in terms.values()}
    return {t.slug: t for t in sorted(out.values(), key=lambda t: (t.name.casefold(), t.name, t.slug))}


@once
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
    at: str | None = None  # an event at a place inside the page's place: that place's id


@dataclass(slots=True)
class Listing:
    """Dated entries of one page, grouped into periods; split over pages of their own when long."""

    base: str  # the page's path without .md; a split listing's periods are at {base}/{key}.md
    periods: list[Period[Entry]]
    split: bool
    counts: dict[str, int]

    def page(self, period: Period[Entry]) -> str:
        return f"{self.base}/{period.key}.md"

    def tally(self, period: Period[Entry]) -> Counter[str]:
        """How many entries of each kind the period holds."""
        return Counter(e.kind for e in period.items)


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
    """A place's or topic's entries: its briefings and events, and the events at places inside it."""
    return (
        [Entry("briefing", corpus.briefings[bid].date, bid) for bid in term.briefings]
        + [Entry("event", corpus.events[eid].date, eid) for eid in term.events]
        + [Entry("event", corpus.events[eid].date, eid, at=pid) for eid, pid in term.inside.items()]
    )


def inside_note(corpus: Corpus, term: Term, messages: Messages = ENGLISH) -> str:
    """How many events happened at places inside a place, by kind of place: '41 events (37 in
    towns, 3 in regions, 1 in a village)'."""
    counts = Counter(corpus.places[pid].kind or "other" for pid in term.inside.values())
    inside = wording.inside_places(messages)
    parts = [inside(kind, n) for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    events = wording.counted(messages)(len(term.inside), "event")
    return messages.gettext("%(events)s (%(places)s)", events=events, places=", ".join(parts))


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
    return shorten(b.summary_text, limit)


@once
def place_children(corpus: Corpus) -> dict[str, list[str]]:
    """For each registry place with a page, the places with a page that lie directly in it."""
    out: dict[str, list[str]] = defaultdict(list)
    for pid, place in corpus.places.items():
        if place.parent is not None and place.parent in corpus.places:
            out[place.parent].append(pid)
    return {pid: sorted(kids, key=lambda k: corpus.places[k].name.casefold()) for pid, kids in out.items()}


def map_points(corpus: Corpus, names: Iterable[str]) -> list[mapsvg.MapPoint]:
    """Points for the places named (as written) that the registry gives coordinates, each once;
    a place weighs as much as it is mentioned on the site."""
    terms = places(corpus)
    out: dict[str, mapsvg.MapPoint] = {}
    for name in names:
        term = terms.get(name)
        p = term.place if term is not None else None
        if term is not None and p is not None and p.lat is not None and p.lon is not None and p.id not in out:
            out[p.id] = mapsvg.MapPoint(p.name, p.lat, p.lon, len(term.briefings) + len(term.events), p.precision)
    return list(out.values())


def place_map(
    corpus: Corpus,
    names: Iterable[str],
    label: str,
    world: bool = False,
    basemap: str | None = None,
    focus: str | None = None,
    messages: Messages = ENGLISH,
) -> Markup:
    """A figure with a map of the named places that have coordinates (the one named `focus`
    always labelled), or nothing."""
    names = list(dict.fromkeys(names))
    points = map_points(corpus, names)
    if not points:
        return Markup("")
    svg = mapsvg.draw(points, label, mapsvg.WORLD if world else None, basemap, focus)
    terms = places(corpus)
    missing = len({terms[n].slug for n in names if n in terms}) - len(points)
    m, count = messages, wording.counted(messages)
    caption = m.gettext("%(map)s: %(places)s with coordinates.", map=label, places=count(len(points), "place"))
    if missing > 0:
        caption += " " + m.gettext("%(places)s without coordinates not shown.", places=count(missing, "place"))
    caption += " " + m.gettext("Outlines: Natural Earth.")
    return Markup(f'\n<figure class="bf-map">\n{svg}\n<figcaption>{html_text(caption)}</figcaption>\n</figure>\n')


def figure_text(value: int | Estimate, messages: Messages = ENGLISH) -> str:
    """'12'; an estimate as '12 (8–20)', or '8–20' with no best estimate; a range of one number
    ('17 (17–17)') as that number."""
    number = messages.number
    if isinstance(value, int):
        return number(value)
    low, best, high = value.low, value.best, value.high
    if low is not None and low == high and best in (None, low):
        low = high = None
        best = value.low
    if low is not None and high is not None:
        span = f"{number(low)}{dates.DASH}{number(high)}"
    elif low is not None:
        span = messages.gettext("at least %(n)s", n=number(low))
    elif high is not None:
        span = messages.gettext("at most %(n)s", n=number(high))
    else:
        span = ""
    shown = "" if best is None else number(best)
    text = f"{shown} ({span})" if shown and span else shown or span
    return text + (f"; {value.note}" if value.note else "")


def coordinates(place: Place) -> str:
    """'50.45° N, 30.52° E'."""
    assert place.lat is not None
    assert place.lon is not None
    ns, ew = ("N" if place.lat >= 0 else "S"), ("E" if place.lon >= 0 else "W")
    return f"{abs(place.lat):.4g}° {ns}, {abs(place.lon):.4g}° {ew}"
