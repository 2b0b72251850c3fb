"""Derived views of the corpus: related briefings, co-appearing actors, the timeline's groups, places."""

from __future__ import annotations

import heapq
import html
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from .escape import render_markdown_html
from .link import Corpus
from .model import Briefing, Event, date_key

# How much one shared item counts when ranking related briefings.
WEIGHTS = {"event": 3, "actor": 2, "topic": 1}
RELATED_MAX = 5
CO_ACTORS_MAX = 10
MONTHS = "January February March April May June July August September October November December".split()  # noqa: SIM905


@dataclass(frozen=True, slots=True)
class Related:
    """Another briefing and what it shares with this one."""

    briefing: str
    score: int
    events: int
    actors: int
    topics: int

    @property
    def shares(self) -> str:
        """'2 events, 1 actor' -- what this briefing has in common with the other."""
        parts = [(self.events, "event"), (self.actors, "actor"), (self.topics, "topic")]
        return ", ".join(f"{n} {word}{'s' if n > 1 else ''}" for n, word in parts if n)


def human_date(date: str) -> str:
    """'2024-06-19' -> '19 June 2024'; '2024-06' -> 'June 2024'; '2024' -> '2024'."""
    year, month, day = date_key(date)
    if not month:
        return str(year)
    if not day:
        return f"{MONTHS[month - 1]} {year}"
    return f"{day} {MONTHS[month - 1]} {year}"


def slugify(text: str) -> str:
    """An anchor-safe slug of free text (ASCII letters, digits, hyphens)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def briefing_items(corpus: Corpus, bid: str) -> dict[str, set[str]]:
    b = corpus.briefings[bid]
    return {
        "event": {e.id for e in corpus.briefing_events[bid]},
        "actor": {a.actor for a in b.actors},
        "topic": set(b.topics),
    }


def related_briefings(corpus: Corpus) -> dict[str, list[Related]]:
    """For each briefing, the others ranked by shared events, actors and topics (weighted)."""
    index: dict[tuple[str, str], list[str]] = defaultdict(list)
    items = {bid: briefing_items(corpus, bid) for bid in corpus.briefings}
    for bid, kinds in items.items():
        for kind, values in kinds.items():
            for value in values:
                index[kind, value].append(bid)
    order = {bid: i for i, bid in enumerate(corpus.briefings)}  # newest first
    out: dict[str, list[Related]] = {}
    for bid, kinds in items.items():
        score: Counter[str] = Counter()
        for kind, values in kinds.items():
            for value in values:
                for _ in range(WEIGHTS[kind]):  # Counter.update runs in C: weights by repetition
                    score.update(index[kind, value])
        del score[bid]
        if not score:
            out[bid] = []
            continue
        cut = heapq.nlargest(RELATED_MAX, score.values())[-1]
        top = sorted((o for o, s in score.items() if s >= cut), key=lambda o: (-score[o], order[o]))[:RELATED_MAX]
        out[bid] = [
            Related(o, score[o], *(len(kinds[k] & items[o][k]) for k in ("event", "actor", "topic"))) for o in top
        ]
    return out


def also_in(corpus: Corpus, bid: str, event_id: str, limit: int) -> tuple[list[str], int]:
    """Up to `limit` other briefings (newest first) that share an event, and how many more there are."""
    everyone = corpus.event_briefings[event_id]
    others = [o for o in everyone[: limit + 1] if o != bid][:limit]
    return others, len(everyone) - 1 - len(others)


def co_actors(corpus: Corpus) -> dict[str, list[tuple[str, int]]]:
    """For each actor, the actors they share most briefings with."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for b in corpus.briefings.values():
        ids = [a.actor for a in b.actors]
        for a in ids:
            counts[a].update(x for x in ids if x != a)
    return {
        aid: sorted(c.items(), key=lambda kv: (-kv[1], corpus.actors[kv[0]].name.casefold(), kv[0]))[:CO_ACTORS_MAX]
        for aid, c in counts.items()
    }


@dataclass(frozen=True, slots=True)
class Month:
    """Events of one month (month 0 holds events dated only by year)."""

    year: int
    month: int
    events: list[Event]

    @property
    def label(self) -> str:
        return f"{MONTHS[self.month - 1]} {self.year}" if self.month else f"{self.year}, month not given"


def timeline(corpus: Corpus) -> list[tuple[int, list[Month]]]:
    """Events grouped by year, then month, in date order; partial dates first in their group."""
    years: dict[int, dict[int, list[Event]]] = defaultdict(lambda: defaultdict(list))
    for event in corpus.events.values():  # already in date order
        year, month, _ = date_key(event.date)
        years[year][month].append(event)
    return [(y, [Month(y, m, evs) for m, evs in months.items()]) for y, months in years.items()]


def places(corpus: Corpus) -> list[tuple[str, str, list[str]]]:
    """Every place named by a briefing or its events: (name, anchor, briefing ids newest first)."""
    found: dict[str, list[str]] = {}
    for bid, b in corpus.briefings.items():
        names = [*b.places, *(p for e in corpus.briefing_events[bid] for p in e.places)]
        for name in dict.fromkeys(names):
            found.setdefault(name, []).append(bid)
    anchors = place_anchors(found)
    return [(name, anchors[name], bids) for name, bids in sorted(found.items(), key=lambda kv: kv[0].casefold())]


def place_anchors(names: object) -> dict[str, str]:
    """A unique, stable anchor for each place name."""
    out: dict[str, str] = {}
    used: Counter[str] = Counter()
    for name in sorted(names, key=str):  # type: ignore[call-overload]
        slug = "place-" + slugify(name)
        used[slug] += 1
        out[name] = slug if used[slug] == 1 else f"{slug}-{used[slug]}"
    return out


def quotes_by_speaker(corpus: Corpus) -> list[str]:
    """Speakers in name order (only those with quotes)."""
    return [aid for aid in corpus.actors if aid in corpus.actor_quotes]


def plain_summary(b: Briefing, limit: int = 200) -> str:
    """The summary as one line of plain text, for descriptions and lists."""
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", render_markdown_html(b.summary))).split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
