"""What the timeline's pages show besides their events: the chart of counts per year and
month, the months of a page, and the filter by actor, topic, place and kind."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..link.corpus import Corpus
from ..model.dates import MONTHS
from ..model.records import EVENT_KINDS, date_key
from ..text.messages import ENGLISH, Messages
from . import views, wording
from .paging import Period


@dataclass(frozen=True, slots=True)
class Month:
    """Events of one month on a timeline page (month 0: dated only by year)."""

    label: str
    items: list[Any]
    span: str = ""  # "2024-06", or "2024" for the events dated only by year (see wording.period_label)
    unknown: str = ""
    part: None = None


def months(items: list[Any]) -> list[Month]:
    """The items of a timeline page by month, in their order (the template's `months_of`)."""
    groups: dict[tuple[int, int], list[Any]] = {}
    for item in items:
        year, month, _ = date_key(item.date)
        groups.setdefault((year, month), []).append(item)
    return [
        Month(f"{MONTHS[m - 1]} {y}", group, f"{y}-{m:02d}")
        if m
        else Month(f"{y}, month not given", group, str(y), "month")
        for (y, m), group in groups.items()
    ]


def event_facets(corpus: Corpus, place_slug: dict[str, str], topic_slug: dict[str, str]) -> dict[str, dict[str, str]]:
    """Per event, the values the timeline filter matches on, as space-separated ids."""
    out: dict[str, dict[str, str]] = {}
    for eid, e in corpus.events.items():
        topic_ids = {topic_slug[t] for bid in corpus.event_briefings[eid] for t in corpus.briefings[bid].topics}
        out[eid] = {
            "kind": e.kind or "",
            "actors": " ".join(e.actor_ids),
            "places": " ".join(dict.fromkeys(place_slug[p] for p in e.places)),
            "topics": " ".join(sorted(topic_ids)),
        }
    return out


@dataclass(frozen=True, slots=True)
class Filter:
    """One drop-down of the timeline filter: the facet and its choices, most frequent first."""

    facet: str
    label: str
    options: list[tuple[str, str, int]]  # value, label, events on this page


def facet_names(
    corpus: Corpus, places: dict[str, views.Term], topics: dict[str, views.Term], messages: Messages = ENGLISH
) -> dict[str, dict[str, str]]:
    """What each value of a timeline filter is called, by facet: worked out once for all the
    timeline's pages (there are hundreds at 100,000 briefings, and the registries are big)."""
    term = wording.terms(messages)
    return {
        "actors": {aid: a.name for aid, a in corpus.actors.items()},
        "places": {t.slug: t.name for t in places.values()},
        "topics": {t.slug: t.name for t in topics.values()},
        "kind": {k: term(k) for k in EVENT_KINDS},
    }


def filters(
    events: list[Any], facets: dict[str, dict[str, str]], names: dict[str, dict[str, str]], messages: Messages = ENGLISH
) -> list[Filter]:
    """The drop-downs of a timeline page's filter, from the facets of its events (`names`: see
    facet_names)."""
    m = messages
    out = []
    labels = {
        "actors": m.gettext("Actor"),
        "topics": m.gettext("Topic"),
        "places": m.gettext("Place"),
        "kind": m.gettext("Kind"),
    }
    for facet, label in labels.items():
        counts: dict[str, int] = {}
        for e in events:
            for value in facets[e.id][facet].split():
                counts[value] = counts.get(value, 0) + 1
        options = sorted(counts.items(), key=lambda kv: (-kv[1], names[facet][kv[0]].casefold()))
        if options:
            out.append(Filter(facet, label, [(v, names[facet][v], n) for v, n in options]))
    return out


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of the timeline chart."""

    label: str
    key: str
    count: int
    percent: int
    months: list[tuple[Period[Any], str, int, int]]  # period, page key, count, percent


def chart(timeline: list[Period[Any]]) -> list[Bar]:
    """Counts per year, and per month for the years split by month, as bars scaled to the largest."""
    by_year: dict[int, list[Period[Any]]] = {}
    for p in timeline:
        by_year.setdefault(p.year, []).append(p)
    totals = {y: sum(len(p.items) for p in ps) for y, ps in by_year.items()}
    top = max(totals.values(), default=1)
    bars = []
    for year, ps in by_year.items():
        months: list[tuple[Period[Any], str, int, int]] = []
        if len(ps) > 1 or ps[0].key != str(year):
            mtop = max(len(p.items) for p in ps)
            months = [(p, p.key, len(p.items), round(100 * len(p.items) / mtop)) for p in ps]
        bars.append(Bar(str(year), ps[0].key, totals[year], max(1, round(100 * totals[year] / top)), months))
    return bars
