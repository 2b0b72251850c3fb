"""Derived views of the corpus: related briefings, co-appearing actors, places, topics, listings.

Each view is computed once per build in time that grows with the corpus (no pairwise loops
over briefings): posting lists of very common terms are skipped when ranking related items.
"""

from __future__ import annotations

import functools
import heapq
import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TypeVar

from markupsafe import Markup

from ..link.corpus import Corpus, QuoteRef
from ..load.history import History, day_history
from ..model import dates
from ..model.records import RESERVED_IDS, Briefing, Estimate, Place
from ..text.escape import html_text
from ..text.words import plural, slugify
from . import mapsvg
from .paging import Period, periods

# How much one shared item counts when ranking related briefings (times its rarity, see below).
WEIGHTS = {"event": 3.0, "actor": 2.0, "topic": 1.0}
RELATED_MAX = 5
RELATED_DF_MAX = 100  # an item in more briefings than this says little about relatedness: skipped
CO_ACTORS_MAX = 10
T = TypeVar("T")
KIND_ORDER = ("briefing", "quote", "event")
RESERVED_SLUGS = RESERVED_IDS | {"az"}  # the list pages inside each folder
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


def briefing_dates(corpus: Corpus) -> dict[str, History]:
    """When each briefing was first published and last changed: from its history when the project
    is in git (corpus.history), else its own day."""
    return {bid: corpus.history.get(bid) or day_history(b.date) for bid, b in corpus.briefings.items()}


def human_date(date: str) -> str:
    """'2024-06-19' -> '19 June 2024'; intervals and approximate dates in words (see dates.py)."""
    return dates.human(date)


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


def briefing_items(corpus: Corpus, bid: str) -> dict[str, set[str]]:
    b = corpus.briefings[bid]
    return {
        "event": {e.id for e in corpus.briefing_events[bid]},
        "actor": {a.actor for a in b.actors},
        "topic": set(b.topics),
    }


def once(view: Callable[[Corpus], T]) -> Callable[[Corpus], T]:
    """Work a view of a corpus out once; it is kept with the corpus (and in its snapshot)."""

    @functools.wraps(view)
    def cached(corpus: Corpus) -> T:
        if view.__name__ not in corpus.views:
            corpus.views[view.__name__] = view(corpus)
        return corpus.views[view.__name__]  # type: ignore[return-value]

    return cached


def _holders(corpus: Corpus) -> Callable[[str, str], list[str]]:
    """The briefings that hold an event, actor or topic, in corpus order (newest first)."""
    terms = topics(corpus)

    def holders(kind: str, value: str) -> list[str]:
        if kind == "event":
            return corpus.event_briefings.get(value, [])
        if kind == "actor":
            return corpus.actor_briefings.get(value, [])
        term = terms.get(value)
        return term.briefings if term is not None else []

    return holders


def _weight(kind: str, holders: int, n: int) -> float | None:
    """What sharing an item counts, by its rarity: None for an item in one briefing or in more
    than RELATED_DF_MAX."""
    return WEIGHTS[kind] * math.log(1 + n / holders) if 1 < holders <= RELATED_DF_MAX else None


def _related_of(
    corpus: Corpus, bid: str, holders: Callable[[str, str], list[str]], items: dict[str, dict[str, set[str]]]
) -> list[Related]:
    """The briefings most related to `bid` (`items` memoises briefing_items)."""

    def items_of(other: str) -> dict[str, set[str]]:
        if other not in items:
            items[other] = briefing_items(corpus, other)
        return items[other]

    n = max(len(corpus.briefings), 1)
    kinds = items_of(bid)
    score: dict[str, float] = defaultdict(float)
    for kind, values in kinds.items():
        for value in sorted(values):  # a fixed order, so ties fall the same way in every run
            others = holders(kind, value)
            w = _weight(kind, len(others), n)
            if w is not None:
                for other in others:
                    score[other] += w
    score.pop(bid, None)
    # Ties go to the briefing met first: deterministic, as the posting lists are newest first.
    top = heapq.nlargest(RELATED_MAX, score.items(), key=itemgetter(1))
    return [Related(o, s, *(len(kinds[k] & items_of(o)[k]) for k in ("event", "actor", "topic"))) for o, s in top]


@once
def related_briefings(corpus: Corpus) -> dict[str, list[Related]]:
    """For each briefing, the others that share the rarest events, actors and topics with it.

    A shared item scores its kind's weight times its inverse document frequency; items in more
    than RELATED_DF_MAX briefings are skipped, which keeps the work linear in the corpus.
    """
    holders, items = _holders(corpus), {bid: briefing_items(corpus, bid) for bid in corpus.briefings}
    return {bid: _related_of(corpus, bid, holders, items) for bid in corpus.briefings}


def related_after_edit(old: Corpus, new: Corpus, changed: set[str]) -> set[str]:
    """Work out the related briefings of `new` from those of `old` (the same briefings, those in
    `changed` edited): only the briefings whose ranking can move are ranked again. The view is
    kept with `new`; the briefings ranked again are returned.

    A briefing's ranking can move when it is edited, or holds an item (event, actor, topic)
    that an edited briefing holds before or after the edit and that counts in either corpus
    (its count of holders is what weighs it). When `new` has its ranking already, every
    briefing is returned.
    """
    if related_briefings.__name__ in new.views:
        return set(new.briefings)
    before = related_briefings(old)
    held_before, held_now = _holders(old), _holders(new)
    n_old, n_new = max(len(old.briefings), 1), max(len(new.briefings), 1)
    ranked = set(changed)
    for bid in changed:
        for kinds in (briefing_items(old, bid), briefing_items(new, bid)):
            for kind, values in kinds.items():
                for value in values:
                    was, now = held_before(kind, value), held_now(kind, value)
                    if _weight(kind, len(was), n_old) is not None or _weight(kind, len(now), n_new) is not None:
                        ranked.update(was)
                        ranked.update(now)
    items: dict[str, dict[str, set[str]]] = {}
    after = dict(before)
    for bid in ranked:
        after[bid] = _related_of(new, bid, held_now, items)
    new.views[related_briefings.__name__] = after
    return ranked


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


def co_actors(corpus: Corpus, aid: str) -> list[CoActor] | None:
    """The actors `aid` shares most briefings and events with (None: it is in neither)."""
    if aid not in corpus.actor_briefings and aid not in corpus.actor_events:
        return None
    bc: Counter[str] = Counter()
    ec: Counter[str] = Counter()
    for bid in corpus.actor_briefings.get(aid, []):
        bc.update(a.actor for a in corpus.briefings[bid].actors)
    for eid in corpus.actor_events.get(aid, []):
        ec.update(corpus.events[eid].actor_ids)
    others = (bc.keys() | ec.keys()) - {aid}
    top = heapq.nsmallest(
        CO_ACTORS_MAX,
        others,
        key=lambda o: (-(bc[o] + ec[o]), -bc[o], corpus.actors[o].name.casefold(), o),
    )
    return [CoActor(o, bc[o], ec[o]) for o in top]


@dataclass(slots=True)
class Term:
    """A place or a topic: its page's slug, and the briefings and events that name it."""

    name: str
    slug: str
    briefings: list[str] = field(default_factory=list)  # newest first
    events: list[str] = field(default_factory=list)  # in date order
    place: Place | None = None  # the registry record of a place, when it has one


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
    return shorten(b.summary_text, limit)


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word to at most `limit` characters, with '…' where it was cut."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


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
            out[p.id] = mapsvg.MapPoint(p.name, p.lat, p.lon, len(term.briefings) + len(term.events))
    return list(out.values())


def place_map(
    corpus: Corpus, names: Iterable[str], label: str, world: bool = False, basemap: str | None = None
) -> Markup:
    """A figure with a map of the named places that have coordinates, or nothing."""
    names = list(dict.fromkeys(names))
    points = map_points(corpus, names)
    if not points:
        return Markup("")
    svg = mapsvg.draw(points, label, mapsvg.WORLD if world else None, basemap)
    terms = places(corpus)
    missing = len({terms[n].slug for n in names if n in terms}) - len(points)
    note = f" {plural(missing, 'place')} without coordinates not shown." if missing > 0 else ""
    caption = f"{label}: {plural(len(points), 'place')} with coordinates.{note} Outlines: Natural Earth."
    return Markup(f'\n<figure class="bf-map">\n{svg}\n<figcaption>{html_text(caption)}</figcaption>\n</figure>\n')


def figure_text(value: int | Estimate) -> str:
    """'12'; an estimate as '12 (8–20)', or '8–20' with no best estimate."""
    if isinstance(value, int):
        return f"{value:,}"
    low, high = value.low, value.high
    if low is not None and high is not None:
        span = f"{low:,}{dates.DASH}{high:,}"
    elif low is not None:
        span = f"at least {low:,}"
    elif high is not None:
        span = f"at most {high:,}"
    else:
        span = ""
    best = "" if value.best is None else f"{value.best:,}"
    text = f"{best} ({span})" if best and span else best or span
    return text + (f"; {value.note}" if value.note else "")


def coordinates(place: Place) -> str:
    """'50.45° N, 30.52° E'."""
    assert place.lat is not None
    assert place.lon is not None
    ns, ew = ("N" if place.lat >= 0 else "S"), ("E" if place.lon >= 0 else "W")
    return f"{abs(place.lat):.4g}° {ns}, {abs(place.lon):.4g}° {ew}"
