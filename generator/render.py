"""Render the linked corpus into Markdown pages (a pure function: corpus in, files out).

Every list that grows with the corpus is split (see paging.py), so no page grows without bound.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from markupsafe import Markup

from . import export, feeds, grading, history, mapsvg, marking, structured, views
from .dates import MONTHS
from .escape import anchor, html_attr, html_text, md_link, md_text, render_markdown, render_markdown_inline
from .link import Corpus, QuoteRef
from .model import EVENT_KINDS, FIGURES, Event, KeyPoint, date_key
from .paging import Period, periods, plural
from .project import DEFAULT_SITE_URL
from .templating import environment, render

PDF_DIR = "pdf"  # site folder the PDFs are published under (see pdf.py)
BASEMAP = "assets/basemap.svg"  # the country outlines under every map, one file for the whole site
ALSO_IN_MAX = 5  # other briefings listed under each related event on a briefing page
TIMELINE_BRIEFINGS_MAX = 3  # briefings listed under an event on the timeline (its page lists all)
# Most items on one page before it is split (by year, month, then parts).
LIST_MAX = 300  # dated entries of an actor, place, topic or event page; briefings by year
TIMELINE_MAX = 200  # events on one timeline page (each with its description)
QUOTES_MAX = 200  # quotes on one page of the quote index
INDEX_MAX = 2000  # names on an A-Z index before each letter gets a page of its own


@dataclass(frozen=True, slots=True)
class Options:
    """What the rendered pages depend on besides the corpus."""

    templates: Path | None = None
    pdf_links: bool = False
    latest: int = 10
    # Addresses in raw HTML (the maps' basemap): MkDocs leaves them as they are, so they are
    # written relative to the page's URL; Zensical rewrites them as it does Markdown links.
    engine: str = "mkdocs"
    marking: str = "TLP:CLEAR"  # a briefing's marking when it gives none (briefings.toml)
    site_url: str = DEFAULT_SITE_URL  # feeds and structured data give full addresses
    publisher: str = "Briefings"
    exports: bool = True  # the export's tables (the live preview keeps those of the last build)


@dataclass(frozen=True, slots=True)
class IndexItem:
    """One name on an A-Z index."""

    name: str
    target: str
    note: str
    counts: str


Job = tuple[str, str, dict[str, Any]]  # page path, template name (or FEED_ATOM, FEED_JSON), context
FEED_ATOM, FEED_JSON = "feed:atom", "feed:json"
EXPORT = "export"  # a table of the export (export.py), or its data package descriptor
EXPORT_DIR = "export"
PARALLEL_PAGES = 200  # below this many pages, one process is faster than two
PAGES_PER_BRIEFING = 5  # about how many files a corpus has for each briefing
CHUNK = 500  # pages a render worker hands on at a time


@dataclass(frozen=True, slots=True)
class _Work:
    """What the forked render workers share: the pages as jobs worked out already, or what they
    need to work out each its own part of every page (see iter_pages)."""

    corpus: Corpus
    options: Options
    env: jinja2.Environment
    consume: Callable[[list[tuple[str, str]]], Any]
    jobs: list[Job] | None = None
    prepared: Prepared | None = None


_WORK: list[_Work] = []  # set while the workers run (they are forked: nothing is pickled)


@views.once
def timeline_periods(corpus: Corpus) -> list[Period[Event]]:
    """The events in the periods of the timeline's pages."""
    return periods(list(corpus.events.values()), lambda e: e.date, TIMELINE_MAX)


@views.once
def quotes_periods(corpus: Corpus) -> list[Period[QuoteRef]]:
    """The quotes in the periods of the quote index's pages."""
    refs = [ref for refs in corpus.actor_quotes.values() for ref in refs]
    return periods(refs, lambda r: corpus.briefings[r.briefing].date, QUOTES_MAX)


def render_pages(
    corpus: Corpus, options: Options | None = None, only: Callable[[str], bool] | None = None
) -> dict[str, str]:
    """Every generated page (or those `only` accepts), keyed by its path inside the generated folder."""
    return {path: text for part in render_into(corpus, list, options, only) for path, text in part}


T = TypeVar("T")


def render_into(
    corpus: Corpus,
    consume: Callable[[list[tuple[str, str]]], T],
    options: Options | None = None,
    only: Callable[[str], bool] | None = None,
) -> list[T]:
    """Render every page (or those `only` accepts) and hand them, a slice at a time, as (path
    inside the generated folder, text) pairs to `consume`; what it returns for each slice.

    Large corpora are rendered on two cores: forked workers share the corpus and the jobs, and
    each hands its own slices to `consume`, so the pages themselves never cross processes.
    """
    options = options or Options()
    env = environment(options.templates)
    workers = min(2, os.cpu_count() or 1)
    two = workers > 1 and "fork" in multiprocessing.get_all_start_methods()
    if only is None and two and len(corpus.briefings) * PAGES_PER_BRIEFING >= PARALLEL_PAGES:
        # Every page: each worker works out the contexts of its own part of the pages too.
        views.related_briefings(corpus)  # once, here: it is kept with the corpus (and its snapshot)
        work = _Work(corpus, options, env, consume, prepared=prepare(corpus, options))
        return _in_workers(work, workers, workers * 8)
    jobs = [job for job in iter_pages(corpus, options, env, only) if only is None or only(job[0])]
    table = len(corpus.briefings) // 20  # a table of the export costs about as much as this many pages
    weight = sum(table if template == EXPORT else 1 for _, template, _ in jobs)
    if weight < PARALLEL_PAGES or not two:
        return [consume([(path, _render_job(env, template, context)) for path, template, context in jobs])]
    # small slices, so the worker that finishes first waits little for the other
    return _in_workers(_Work(corpus, options, env, consume, jobs=jobs), workers, workers * 16)


def _in_workers(work: _Work, workers: int, parts: int) -> list[Any]:
    """Render in forked workers; part k takes units (or jobs) k, k + parts, ...: a share of
    every kind of page."""
    _WORK[:] = [work]
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            running = [pool.submit(_render_part, k, parts) for k in range(parts)]
            return [done for part in running for done in part.result()]
    finally:
        _WORK.clear()


def _render_part(k: int, parts: int) -> list[Any]:
    """Render part k of the pages, handing them to `consume` a chunk at a time; what it
    returned for each."""
    w = _WORK[0]
    jobs = (
        w.jobs[k::parts] if w.jobs is not None else iter_pages(w.corpus, w.options, w.env, None, (k, parts), w.prepared)
    )
    done, chunk = [], []
    for path, template, context in jobs:
        chunk.append((path, _render_job(w.env, template, context)))
        if len(chunk) == CHUNK:
            done.append(w.consume(chunk))
            chunk = []
    if chunk:
        done.append(w.consume(chunk))
    return done


FEED_WRITERS = {FEED_ATOM: feeds.atom, FEED_JSON: feeds.json_feed}


def _render_job(env: jinja2.Environment, template: str, context: dict[str, Any]) -> str:
    """A page from its template, a feed from its writer, or a file of the export."""
    if template == EXPORT:
        if context["table"] is None:
            return export.datapackage("csv", context["publisher"], context["site_url"])
        return export.table_file(context["corpus"], context["table"], "csv", context["site_url"])
    if template in FEED_WRITERS:
        return FEED_WRITERS[template](
            context["corpus"],
            context["feed"],
            context["site_url"],
            context["dates"],
            context["marking"],
            context["publisher"],
        )
    return render(env, template, **context)


@dataclass(frozen=True, slots=True)
class Prepared:
    """What every page's context draws on, worked out once (before the render workers fork)."""

    places: dict[str, views.Term]
    topics: dict[str, views.Term]
    event_facets: dict[str, dict[str, str]]
    timeline: list[Period[Event]]
    shared: dict[str, Any]
    links: _Links


def prepare(corpus: Corpus, options: Options) -> Prepared:
    """The views and the shared context of every page."""
    places, topics = views.places(corpus), views.topics(corpus)
    place_slug = {name: t.slug for name, t in places.items()}
    topic_slug = {name: t.slug for name, t in topics.items()}
    dates = views.briefing_dates(corpus)
    timeline = timeline_periods(corpus)
    shared: dict[str, Any] = {
        "corpus": corpus,
        "briefings": corpus.briefings,
        "actors": corpus.actors,
        "events": corpus.events,
        "place_slug": place_slug,
        "topic_slug": topic_slug,
        "pdf_links": options.pdf_links,
        "pdf_dir": PDF_DIR,
        "also_in": lambda bid, eid: views.also_in(corpus, bid, eid, ALSO_IN_MAX),
        "by_kind": views.by_kind,
        "kind_titles": views.KIND_TITLES,
        "plural": plural,
        "timeline_briefings_max": TIMELINE_BRIEFINGS_MAX,
        "months_of": _months,
        "timeline_key": {e.id: p.key for p in timeline for e in p.items},
        "places": places,
        "children": views.place_children(corpus),
        "names": corpus.names,
        "ties": defaultdict(list, corpus.ties),
        "figures": FIGURES,
        "figure": views.figure_text,
        "coordinates": views.coordinates,
        "tlp_banner": lambda b: marking.banner(b.marking or options.marking),
        "reliability_badge": grading.reliability_badge,
        "credibility_badge": grading.credibility_badge,
        "grading_summary": grading.briefing_summary,
        "grading_legend": lambda: grading.legend(web=True),
        "site_url": options.site_url,
        "marking": options.marking,
        "dates": dates,
        "feed_links": [],
        "revisions_max": history.REVISIONS_MAX,
        "publisher": options.publisher,
        "structured": structured.Structured(corpus, options.site_url, options.publisher, places, dates).meta,
    }
    links = _Links(corpus, place_slug, topic_slug, source_relative=options.engine == "zensical")
    return Prepared(places, topics, _event_facets(corpus, place_slug, topic_slug), timeline, shared, links)


def iter_pages(
    corpus: Corpus,
    options: Options,
    env: jinja2.Environment,
    only: Callable[[str], bool] | None = None,
    part: tuple[int, int] | None = None,
    prepared: Prepared | None = None,
) -> Iterator[Job]:
    """(path, template, context) of every generated page; each path once.

    The page of a briefing, actor, event, place or topic that `only` refuses is skipped before
    its context is worked out (with the pages of its years). `part` (k, n): only the k-th of
    every n units (a briefing, an actor with the pages of its years and its feeds, an index, a
    table of the export, ...), whose contexts alone are worked out: each render worker takes
    its own part.
    """

    def wanted(path: str) -> bool:
        return only is None or only(path)

    unit = -1

    def mine() -> bool:
        """The next unit is this part's (every part counts the same units in the same order)."""
        nonlocal unit
        unit += 1
        return part is None or unit % part[1] == part[0]

    pre = prepared or prepare(corpus, options)
    places, topics, event_facets, timeline, shared, links = (
        pre.places,
        pre.topics,
        pre.event_facets,
        pre.timeline,
        pre.shared,
        pre.links,
    )
    seen: set[str] = set()  # (in a part: the paths of its own units)

    def page(path: str, template: str, **context: Any) -> Job:
        if path in seen:  # ids are checked (link.py); this guards the page layout itself
            raise ValueError(f"two pages would be written to {path}")
        seen.add(path)
        return path, template, {**shared, **links.for_page(path), **context}

    def listed(
        base: str, title: str, back: str, listing: views.Listing, template: str, **context: Any
    ) -> Iterator[Job]:
        """The page itself, then one page per period when its listing is split."""
        yield page(f"{base}.md", template, listing=listing, **context)
        if listing.split:
            for period in listing.periods:
                yield page(listing.page(period), "period.md.j2", title=title, back=back, listing=listing, p=period)

    def feed(path: str, title: str, home: str, bids: list[str], full: bool = False) -> Iterator[Job]:
        """A feed of the newest briefings of `bids`, as Atom and as JSON Feed (`full`: with their
        bottom line and key points, as the feed of all briefings; else their summaries)."""
        spec = feeds.Feed(title, path, home, bids[: feeds.FEED_MAX if full else feeds.ENTITY_FEED_MAX], full)
        yield page(path + feeds.ATOM, FEED_ATOM, feed=spec)
        yield page(path + feeds.JSON, FEED_JSON, feed=spec)

    related: dict[str, list[views.Related]] | None = None  # worked out for the first page that shows it
    for bid, b in corpus.briefings.items():
        if not wanted(f"briefings/{bid}.md") or not mine():
            continue
        if related is None:
            related = views.related_briefings(corpus)
        yield page(
            f"briefings/{bid}.md",
            "briefing.md.j2",
            b=b,
            bid=bid,
            timeline_events=corpus.briefing_events[bid],
            related=related[bid],
        )
    del related
    if mine():  # the list of briefings, by year when long, and their feed
        every = [views.Entry("briefing", b.date, bid) for bid, b in corpus.briefings.items()]
        briefing_list = views.listing("briefings/year", every, LIST_MAX)
        yield page(
            "briefings/index.md",
            "briefings.md.j2",
            listing=briefing_list,
            feed_links=feeds.links("briefings", "Briefings"),
        )
        yield from feed("briefings", "Briefings", "briefings/index.md", list(corpus.briefings)[: feeds.FEED_MAX], True)
        if briefing_list.split:
            for period in briefing_list.periods:
                yield page(
                    briefing_list.page(period),
                    "period.md.j2",
                    title="Briefings",
                    back="briefings/index.md",
                    listing=briefing_list,
                    p=period,
                )

    for aid, actor in corpus.actors.items():
        base = f"actors/{aid}"
        if not wanted(f"{base}.md") or not mine():
            continue
        entries = views.listing(base, views.actor_entries(corpus, aid), LIST_MAX)
        cited = corpus.actor_briefings.get(aid, [])
        title = f"Briefings: {actor.name}"
        yield from listed(
            base,
            actor.name,
            f"{base}.md",
            entries,
            "actor.md.j2",
            actor=actor,
            aid=aid,
            co=views.co_actors(corpus, aid),
            feed_links=feeds.links(base, title) if cited else [],
        )
        if cited:
            yield from feed(base, title, f"{base}.md", cited)
    if mine():
        yield from _index(
            page,
            "actors",
            "Actors",
            "People, organisations and states in the briefings.",
            [
                IndexItem(
                    a.name,
                    f"actors/{aid}.md",
                    a.kind.replace("-", " ") + (f"; {a.role}" if a.role else ""),
                    _counts(
                        briefing=len(corpus.actor_briefings.get(aid, [])),
                        quote=len(corpus.actor_quotes.get(aid, [])),
                        event=len(corpus.actor_events.get(aid, [])),
                    ),
                )
                for aid, a in corpus.actors.items()
            ],
        )

    for eid, event in corpus.events.items():
        base = f"events/{eid}"
        if not wanted(f"{base}.md") or not mine():
            continue
        entries = views.listing(base, views.event_entries(corpus, eid), LIST_MAX)
        yield from listed(base, event.headline, f"{base}.md", entries, "event.md.j2", e=event, facets=event_facets[eid])

    for folder, title, about, terms in (
        ("places", "Places", "Every place named in a briefing or an event.", views.unique_terms(places)),
        ("topics", "Topics", "Every topic of the briefings, with their briefings and events.", topics),
    ):
        for term in terms.values():
            base = f"{folder}/{term.slug}"
            if not wanted(f"{base}.md") or not mine():
                continue
            entries = views.listing(base, views.term_entries(corpus, term), LIST_MAX)
            feed_title = f"Briefings: {term.name}"
            yield from listed(
                base,
                term.name,
                f"{base}.md",
                entries,
                "term.md.j2",
                term=term,
                folder=folder,
                what=title,
                feed_links=feeds.links(base, feed_title) if term.briefings else [],
            )
            if term.briefings:
                yield from feed(base, feed_title, f"{base}.md", term.briefings)
        if not mine():
            continue
        world = (
            views.place_map(
                corpus, list(places), "Map of all places", world=True, basemap=links.basemap("places/index.md")
            )
            if folder == "places"
            else ""
        )
        yield from _index(
            page,
            folder,
            title,
            about,
            [
                IndexItem(
                    t.name,
                    f"{folder}/{t.slug}.md",
                    _place_note(t),
                    _counts(briefing=len(t.briefings), event=len(t.events)),
                )
                for t in terms.values()
            ],
            map=world,
        )

    if mine():
        yield page("timeline/index.md", "timeline.md.j2", periods=timeline, chart=_chart(timeline))
    for year in timeline:
        if not wanted(f"timeline/{year.key}.md") or not mine():
            continue  # its filter is costly to work out
        yield page(
            f"timeline/{year.key}.md",
            "timeline_period.md.j2",
            p=year,
            periods=timeline,
            facets=event_facets,
            filters=_filters(year.items, event_facets, corpus, places, topics),
        )

    quote_periods = quotes_periods(corpus)
    if mine():
        speakers = [
            IndexItem(
                corpus.actors[aid].name,
                f"actors/{aid}.md",
                corpus.actors[aid].role or "",
                plural(len(corpus.actor_quotes[aid]), "quote"),
            )
            for aid in corpus.actors
            if aid in corpus.actor_quotes
        ]
        total = sum(len(p.items) for p in quote_periods)
        yield page("quotes/index.md", "quotes.md.j2", periods=quote_periods, total=total)
        yield from _index(page, "quotes/speakers", "Speakers", "Everyone quoted in the briefings.", speakers)
    for quotes in quote_periods:
        if mine():
            yield page(f"quotes/{quotes.key}.md", "quotes_period.md.j2", p=quotes, periods=quote_periods)

    if mine():
        yield page("snippets/latest.md", "latest.md.j2", latest=list(corpus.briefings)[: options.latest])
    if mine():
        yield page(f"{EXPORT_DIR}/index.md", "export.md.j2", tables=export.TABLES)
    if options.exports:
        for table in export.TABLES:
            if mine():
                yield page(f"{EXPORT_DIR}/{table.name}.csv", EXPORT, table=table.name)
        if mine():
            yield page(f"{EXPORT_DIR}/datapackage.json", EXPORT, table=None)
    if mine():
        yield BASEMAP, "basemap.svg.j2", {"svg": Markup(mapsvg.world_svg())}


PageFn = Callable[..., Job]


def _index(
    page: PageFn, folder: str, title: str, about: str, items: list[IndexItem], map: Markup | str = ""
) -> Iterator[Job]:
    """An A-Z index with counts and a filter box; one page per letter when it is long."""
    groups = _az(items)
    split = len(items) > INDEX_MAX
    letters = [(letter, f"{folder}/az/{letter}.md" if split else None, len(group)) for letter, group in groups]
    yield page(
        f"{folder}/index.md",
        "az.md.j2",
        title=title,
        about=about,
        groups=[] if split else groups,
        letters=letters,
        total=len(items),
        letter=None,
        map=map,
    )
    if split:
        for letter, group in groups:
            yield page(
                f"{folder}/az/{letter}.md",
                "az.md.j2",
                title=title,
                about=about,
                groups=[(letter, group)],
                letters=letters,
                total=len(items),
                letter=letter,
                index=f"{folder}/index.md",
                map="",
            )


def _az(items: list[IndexItem]) -> list[tuple[str, list[IndexItem]]]:
    groups: dict[str, list[IndexItem]] = {}
    for item in sorted(items, key=lambda i: (i.name.casefold(), i.name)):
        groups.setdefault(views.initial(item.name), []).append(item)
    order = sorted(groups, key=lambda g: (len(g) > 1, g))  # 0-9 first, then a-z, then other
    order = [g for g in order if g == "0-9"] + [g for g in order if len(g) == 1] + [g for g in order if g == "other"]
    return [(g, groups[g]) for g in order]


@dataclass(frozen=True, slots=True)
class Month:
    """Events of one month on a timeline page (month 0: dated only by year)."""

    label: str
    items: list[Any]


def _months(items: list[Any]) -> list[Month]:
    groups: dict[tuple[int, int], list[Any]] = {}
    for item in items:
        year, month, _ = date_key(item.date)
        groups.setdefault((year, month), []).append(item)
    return [Month(f"{MONTHS[m - 1]} {y}" if m else f"{y}, month not given", group) for (y, m), group in groups.items()]


def _place_note(term: views.Term) -> str:
    """'city, Ukraine' for a registry place; nothing for a topic or a bare place name."""
    p = term.place
    return ", ".join(x for x in (p.kind, p.country) if x) if p is not None else ""


def _counts(**counts: int) -> str:
    return ", ".join(plural(n, kind) for kind, n in counts.items() if n)


def _event_facets(corpus: Corpus, place_slug: dict[str, str], topic_slug: dict[str, str]) -> dict[str, dict[str, str]]:
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


def _filters(
    events: list[Any],
    facets: dict[str, dict[str, str]],
    corpus: Corpus,
    places: dict[str, views.Term],
    topics: dict[str, views.Term],
) -> list[Filter]:
    names = {
        "actors": {aid: a.name for aid, a in corpus.actors.items()},
        "places": {t.slug: t.name for t in places.values()},
        "topics": {t.slug: t.name for t in topics.values()},
        "kind": {k: k.replace("-", " ") for k in EVENT_KINDS},
    }
    out = []
    for facet, label in (("actors", "Actor"), ("topics", "Topic"), ("places", "Place"), ("kind", "Kind")):
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
    months: list[tuple[str, str, int, int]]  # label, page key (or ""), count, percent


def _chart(timeline: list[Period[Any]]) -> list[Bar]:
    """Counts per year, and per month for the years split by month, as bars scaled to the largest."""
    by_year: dict[int, list[Period[Any]]] = {}
    for p in timeline:
        by_year.setdefault(p.year, []).append(p)
    totals = {y: sum(len(p.items) for p in ps) for y, ps in by_year.items()}
    top = max(totals.values(), default=1)
    bars = []
    for year, ps in by_year.items():
        months: list[tuple[str, str, int, int]] = []
        if len(ps) > 1 or ps[0].key != str(year):
            mtop = max(len(p.items) for p in ps)
            months = [(p.label, p.key, len(p.items), round(100 * len(p.items) / mtop)) for p in ps]
        bars.append(Bar(str(year), ps[0].key, totals[year], max(1, round(100 * totals[year] / top)), months))
    return bars


class _Links:
    """Links to the corpus's pages from pages at one depth; link texts are escaped once per build."""

    def __init__(
        self, corpus: Corpus, place_slug: dict[str, str], topic_slug: dict[str, str], source_relative: bool = False
    ) -> None:
        self.corpus, self.place_slug, self.topic_slug = corpus, place_slug, topic_slug
        self.source_relative = source_relative
        self.helpers: dict[tuple[str, str], dict[str, Any]] = {}

    def for_page(self, path: str) -> dict[str, Any]:
        """Functions templates call; links are made relative to the page being rendered.

        The home page includes snippets/latest.md from docs/index.md, so its links start at docs/.
        """
        up = "generated/" if path.startswith("snippets/") else "../" * path.count("/")
        basemap = self.basemap(path)
        if (up, basemap) not in self.helpers:
            self.helpers[up, basemap] = self._make(up, basemap)
        return self.helpers[up, basemap]

    def basemap(self, path: str) -> str:
        """The basemap's address from the page at `path`. Raw HTML is not rewritten by MkDocs: its
        addresses are relative to the page's URL, one folder deeper than its Markdown file unless
        it is an index page (directory URLs). Zensical rewrites them from the Markdown file."""
        deeper = 0 if path == "index.md" or path.endswith("/index.md") or self.source_relative else 1
        return "../" * (path.count("/") + deeper) + BASEMAP

    def _make(self, up: str, basemap: str) -> dict[str, Any]:
        corpus, topic_slug = self.corpus, self.topic_slug
        place_terms = views.places(corpus)

        def place_map(names: list[str], label: str, world: bool = False) -> Markup:
            return views.place_map(corpus, names, label, world, basemap=basemap)

        def link(text: object, target: str) -> Markup:
            return Markup(f"[{md_text(text)}]({up}{target})")

        def actor_link(aid: str) -> Markup:
            return Markup(f"[{md_text(corpus.actors[aid].name)}]({up}actors/{aid}.md)")

        def briefing_link(bid: str) -> Markup:
            return Markup(f"[{md_text(corpus.briefings[bid].title)}]({up}briefings/{bid}.md)")

        def event_link(event: Event | str) -> Markup:
            e = corpus.events[event] if isinstance(event, str) else event
            return Markup(f"[{md_text(e.headline)}]({up}events/{e.id}.md)")

        def place_link(name: str) -> Markup:
            term = place_terms[name]
            return Markup(f"[{md_text(term.name)}]({up}places/{term.slug}.md)")

        def topic_link(name: str) -> Markup:
            return Markup(f"[{md_text(name)}]({up}topics/{topic_slug[name]}.md)")

        return {
            "link": link,
            "actor_link": actor_link,
            "briefing_link": briefing_link,
            "event_link": event_link,
            "place_link": place_link,
            "topic_link": topic_link,
            "place_map": place_map,
            "anchor": anchor,
            "attr": html_attr,
            "external": md_link,
            "front_matter": front_matter,
            "human_date": views.human_date,
            "plain_summary": views.plain_summary,
            "markdown": render_markdown,
            "markdown_list": markdown_list,
            "graded_list": graded_list,
        }


def front_matter(
    title: str, description: str = "", date: str = "", tags: list[str] | None = None, **extra: Any
) -> Markup:
    """YAML front matter; title and description are HTML-escaped because the theme prints them raw."""
    data: dict[str, Any] = {"title": html_text(title)}
    if description:
        data["description"] = html_text(description)
    if date:
        data["date"] = date
    if tags:
        data["tags"] = list(tags)
    data["search"] = {"exclude": True}  # Pagefind indexes the site; Material's index keeps the hand-written pages
    data.update((key, value) for key, value in extra.items() if value not in (None, "", []))
    # JSON is YAML: each value as ASCII JSON can hold no YAML syntax of its own (and is fast).
    body = "".join(f"{key}: {json.dumps(value, ensure_ascii=True)}\n" for key, value in data.items())
    return Markup(f"---\n{body}---\n")


def graded_list(points: list[KeyPoint]) -> Markup:
    """Key points as one HTML list, each with its credibility badge when it has one."""
    lis = "\n".join(
        f"<li>{render_markdown_inline(p.text)}"
        + (f" {grading.credibility_badge(p.credibility)}" if p.credibility else "")
        + "</li>"
        for p in points
    )
    return Markup(f'<div class="briefing-md">\n<ul>\n{lis}\n</ul>\n</div>')


def markdown_list(items: list[str]) -> Markup:
    """A list of one-paragraph Markdown fields as one HTML block."""
    lis = "\n".join(f"<li>{render_markdown_inline(item)}</li>" for item in items)
    return Markup(f'<div class="briefing-md">\n<ul>\n{lis}\n</ul>\n</div>')
