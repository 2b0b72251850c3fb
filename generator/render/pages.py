"""Which pages the corpus makes (briefings, actors, events, places, topics, the timeline, the
quotes, the export's tables, the feeds), each as (path, template, context); workers.py renders them.

Every list that grows with the corpus is split (see paging.py), so no page grows without bound.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..link.corpus import Corpus, QuoteRef
from ..load import history
from ..load.project import DEFAULT_SITE_URL
from ..model.records import FIGURES, PRECISION_WORDS, Event
from ..text.escape import final_html
from ..text.messages import ENGLISH, Messages
from . import export, feeds, grading, indexes, mapsvg, marking, structured, timeline_pages, views, wording
from .digest import site_digest
from .page_functions import BASEMAP, Links
from .paging import Period, periods
from .related import Related, also_in, co_actors, related_briefings

PDF_DIR = "pdf"  # site folder the PDFs are published under (see pdf.py)
ALSO_IN_MAX = 5  # other briefings listed under each related event on a briefing page
TIMELINE_BRIEFINGS_MAX = 3  # briefings listed under an event on the timeline (its page lists all)
# Most items on one page before it is split (by year, month, then parts).
LIST_MAX = 300  # dated entries of an actor, place, topic or event page; briefings by year
TIMELINE_MAX = 200  # events on one timeline page (each with its description)
QUOTES_MAX = 200  # quotes on one page of the quote index


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
    max_marking: str = "TLP:CLEAR"  # the most restricted marking the site publishes (the editor's choices)
    repository: str = ""  # owner/name on GitHub, for the editor in the browser
    branch: str = "main"
    messages: Messages = ENGLISH  # the site's language: its own words, dates and numbers


PageJob = tuple[str, str, dict[str, Any]]  # page path, template name (or FEED_ATOM, FEED_JSON), context
FEED_ATOM, FEED_JSON = "feed:atom", "feed:json"
EXPORT = "export"  # a table of the export (export.py), or its data package descriptor
EXPORT_DIR = "export"
CMS = "cms"  # the editor's configuration (cms_config.py)
WORDS = "assets/words.json"  # the words docs/assets/briefings.js shows (filters, search), in the site's language
CMS_CONFIG = "admin/config.yml"  # docs/generated/admin/config.yml, read by docs/admin/index.html
CMS_SHAPES = "admin/shapes.json"  # the fields a file may write short (cms_config.shapes)
CMS_INDEX, CMS_INDEX_DIR = "cms-index", "admin/index"  # what the editor's pickers search (cms_config.registry_index)


@views.once
def timeline_periods(corpus: Corpus) -> list[Period[Event]]:
    """The events in the periods of the timeline's pages."""
    return periods(list(corpus.events.values()), lambda e: e.date, TIMELINE_MAX)


@views.once
def quotes_periods(corpus: Corpus) -> list[Period[QuoteRef]]:
    """The quotes in the periods of the quote index's pages."""
    refs = [ref for refs in corpus.actor_quotes.values() for ref in refs]
    return periods(refs, lambda r: corpus.briefings[r.briefing].date, QUOTES_MAX)


@dataclass(frozen=True, slots=True)
class Prepared:
    """What every page's context draws on, worked out once (before the render workers fork)."""

    places: dict[str, views.Term]
    topics: dict[str, views.Term]
    event_facets: dict[str, dict[str, str]]
    timeline: list[Period[Event]]
    shared: dict[str, Any]
    links: Links


def prepare(corpus: Corpus, options: Options) -> Prepared:
    """The views and the shared context of every page."""
    places, topics = views.places(corpus), views.topics(corpus)
    place_slug = {name: t.slug for name, t in places.items()}
    topic_slug = {name: t.slug for name, t in topics.items()}
    dates = views.briefing_dates(corpus)
    timeline = timeline_periods(corpus)
    m = options.messages
    shared: dict[str, Any] = {
        "corpus": corpus,
        "briefings": corpus.briefings,
        "actors": corpus.actors,
        "events": corpus.events,
        "place_slug": place_slug,
        "topic_slug": topic_slug,
        "pdf_links": options.pdf_links,
        "pdf_dir": PDF_DIR,
        "also_in": lambda bid, eid: also_in(corpus, bid, eid, ALSO_IN_MAX),
        "by_kind": views.by_kind,
        "kind_titles": wording.kind_titles(m),
        "plural": wording.counted(m),
        "vocab": wording.terms(m),
        "shares": lambda r: r.shared(m),
        "number": m.number,
        "label": wording.period_label(m),
        "timeline_briefings_max": TIMELINE_BRIEFINGS_MAX,
        "months_of": timeline_pages.months,
        "timeline_key": {e.id: p.key for p in timeline for e in p.items},
        "places": places,
        "children": views.place_children(corpus),
        "inside_note": functools.partial(views.inside_note, corpus, messages=m),
        "precision_words": {k: m.gettext(v) for k, v in PRECISION_WORDS.items()},
        "names": corpus.names,
        "ties": defaultdict(list, corpus.ties),
        "figures": FIGURES,
        "figure": functools.partial(views.figure_text, messages=m),
        "coordinates": views.coordinates,
        "tlp_banner": lambda b: marking.banner(b.marking or options.marking, m),
        "reliability_badge": functools.partial(grading.reliability_badge, messages=m),
        "credibility_badge": functools.partial(grading.credibility_badge, messages=m),
        "grading_summary": functools.partial(grading.briefing_summary, messages=m),
        "grading_legend": lambda: grading.legend(web=True, messages=m),
        "site_url": options.site_url,
        "marking": options.marking,
        "dates": dates,
        "feed_links": [],
        "revisions_max": history.REVISIONS_MAX,
        "publisher": options.publisher,
        "structured": structured.Structured(corpus, options.site_url, options.publisher, places, dates, m.tag).meta,
    }
    links = Links(corpus, place_slug, topic_slug, source_relative=options.engine == "zensical", messages=m)
    facets = timeline_pages.event_facets(corpus, place_slug, topic_slug)
    return Prepared(places, topics, facets, timeline, shared, links)


def iter_pages(
    corpus: Corpus,
    options: Options,
    env: jinja2.Environment,
    only: Callable[[str], bool] | None = None,
    part: tuple[int, int] | None = None,
    prepared: Prepared | None = None,
) -> Iterator[PageJob]:
    """(path, template, context) of every generated page; each path once.

    The page of a briefing, actor, event, place or topic that `only` refuses is skipped before
    its context is worked out (with the pages of its years). `part` (k, n): only the k-th of
    every n units (a briefing, an actor with the pages of its years and its feeds, an index, a
    table of the export, ...), whose contexts alone are worked out: each render worker takes
    its own part.
    """
    pages = _Pages(corpus, options, only, part, prepared or prepare(corpus, options))
    yield from pages.briefings()
    yield from pages.actors()
    yield from pages.events()
    yield from pages.places_and_topics()
    yield from pages.timeline()
    yield from pages.quotes()
    yield from pages.the_rest()


class _Pages:
    """The pages of one render (or of one worker's part of it), family by family, in one order:
    every part counts the same units in the same order, so `mine` splits them the same way."""

    def __init__(
        self,
        corpus: Corpus,
        options: Options,
        only: Callable[[str], bool] | None,
        part: tuple[int, int] | None,
        pre: Prepared,
    ) -> None:
        self.corpus, self.options, self.only, self.part, self.pre = corpus, options, only, part, pre
        self.unit = -1
        self.seen: set[str] = set()  # (in a part: the paths of its own units)

    def wanted(self, path: str) -> bool:
        return self.only is None or self.only(path)

    def mine(self) -> bool:
        """The next unit is this part's (every part counts the same units in the same order)."""
        self.unit += 1
        return self.part is None or self.unit % self.part[1] == self.part[0]

    def page(self, path: str, template: str, **context: Any) -> PageJob:
        if path in self.seen:  # ids are checked (link/corpus.py); this guards the page layout itself
            raise ValueError(f"two pages would be written to {path}")
        self.seen.add(path)
        return path, template, {**self.pre.shared, **self.pre.links.for_page(path), **context}

    def listed(
        self, base: str, title: str, back: str, listing: views.Listing, template: str, **context: Any
    ) -> Iterator[PageJob]:
        """The page itself, then one page per period when its listing is split."""
        yield self.page(f"{base}.md", template, listing=listing, **context)
        if listing.split:
            for period in listing.periods:
                yield self.page(listing.page(period), "period.md.j2", title=title, back=back, listing=listing, p=period)

    def feed(self, path: str, title: str, home: str, bids: list[str], full: bool = False) -> Iterator[PageJob]:
        """A feed of the newest briefings of `bids`, as Atom and as JSON Feed (`full`: with their
        bottom line and key points, as the feed of all briefings; else their summaries)."""
        wanted = bids[: feeds.FEED_MAX if full else feeds.ENTITY_FEED_MAX]
        spec = feeds.Feed(title, path, home, wanted, full, self.options.messages.tag)
        yield self.page(path + feeds.ATOM, FEED_ATOM, feed=spec)
        yield self.page(path + feeds.JSON, FEED_JSON, feed=spec)

    def briefings(self) -> Iterator[PageJob]:
        """Each briefing's page; the list of briefings (by year when long) and its feed."""
        corpus = self.corpus
        related: dict[str, list[Related]] | None = None  # worked out for the first page that shows it
        for bid, b in corpus.briefings.items():
            if not self.wanted(f"briefings/{bid}.md") or not self.mine():
                continue
            if related is None:
                related = related_briefings(corpus)
            yield self.page(
                f"briefings/{bid}.md",
                "briefing.md.j2",
                b=b,
                bid=bid,
                timeline_events=corpus.briefing_events[bid],
                related=related[bid],
            )
        if not self.mine():
            return
        every = [views.Entry("briefing", b.date, bid) for bid, b in corpus.briefings.items()]
        briefing_list = views.listing("briefings/year", every, LIST_MAX)
        m = self.options.messages
        title = m.gettext("Briefings")
        yield self.page(
            "briefings/index.md",
            "briefings.md.j2",
            listing=briefing_list,
            feed_links=feeds.links("briefings", title),
            digest_size=len(site_digest(corpus)(corpus)),
        )
        yield from self.feed("briefings", title, "briefings/index.md", list(corpus.briefings)[: feeds.FEED_MAX], True)
        if briefing_list.split:
            for period in briefing_list.periods:
                yield self.page(
                    briefing_list.page(period),
                    "period.md.j2",
                    title=title,
                    back="briefings/index.md",
                    listing=briefing_list,
                    p=period,
                )

    def actors(self) -> Iterator[PageJob]:
        """Each actor's page, with the pages of its years and its feed; the A-Z index of actors."""
        corpus, m = self.corpus, self.options.messages
        term = wording.terms(m)
        for aid, actor in corpus.actors.items():
            base = f"actors/{aid}"
            if not self.wanted(f"{base}.md") or not self.mine():
                continue
            entries = views.listing(base, views.actor_entries(corpus, aid), LIST_MAX)
            cited = corpus.actor_briefings.get(aid, [])
            title = m.gettext("Briefings: %(name)s", name=actor.name)
            yield from self.listed(
                base,
                actor.name,
                f"{base}.md",
                entries,
                "actor.md.j2",
                actor=actor,
                aid=aid,
                co=co_actors(corpus, aid),
                feed_links=feeds.links(base, title) if cited else [],
            )
            if cited:
                yield from self.feed(base, title, f"{base}.md", cited)
        if not self.mine():
            return
        yield from indexes.index_pages(
            self.page,
            "actors",
            m.gettext("Actors"),
            m.gettext("People, organisations and states in the briefings."),
            [
                indexes.IndexItem(
                    a.name,
                    f"actors/{aid}.md",
                    term(a.kind) + (f"; {a.role}" if a.role else ""),
                    indexes.count_note(
                        m,
                        briefing=len(corpus.actor_briefings.get(aid, [])),
                        quote=len(corpus.actor_quotes.get(aid, [])),
                        event=len(corpus.actor_events.get(aid, [])),
                    ),
                )
                for aid, a in corpus.actors.items()
            ],
        )

    def events(self) -> Iterator[PageJob]:
        """Each event's page, with the pages of its years."""
        corpus, facets = self.corpus, self.pre.event_facets
        for eid, event in corpus.events.items():
            base = f"events/{eid}"
            if not self.wanted(f"{base}.md") or not self.mine():
                continue
            entries = views.listing(base, views.event_entries(corpus, eid), LIST_MAX)
            yield from self.listed(
                base, event.headline, f"{base}.md", entries, "event.md.j2", e=event, facets=facets[eid]
            )

    def places_and_topics(self) -> Iterator[PageJob]:
        """Each place's and topic's page, with its years and feed; their A-Z indexes (and the map
        of all places)."""
        corpus, places, m = self.corpus, self.pre.places, self.options.messages
        names = {
            "places": (m.gettext("Place"), m.gettext("All places")),
            "topics": (m.gettext("Topic"), m.gettext("All topics")),
        }
        for folder, title, about, terms in (
            (
                "places",
                m.gettext("Places"),
                m.gettext("Every place named in a briefing or an event."),
                views.unique_terms(places),
            ),
            (
                "topics",
                m.gettext("Topics"),
                m.gettext("Every topic of the briefings, with their briefings and events."),
                self.pre.topics,
            ),
        ):
            one, all_of = names[folder]
            for term in terms.values():
                base = f"{folder}/{term.slug}"
                if not self.wanted(f"{base}.md") or not self.mine():
                    continue
                entries = views.listing(base, views.term_entries(corpus, term), LIST_MAX)
                feed_title = m.gettext("Briefings: %(name)s", name=term.name)
                yield from self.listed(
                    base,
                    term.name,
                    f"{base}.md",
                    entries,
                    "term.md.j2",
                    term=term,
                    folder=folder,
                    what=title,  # (as templates made before what_one knew it)
                    what_one=one,
                    all_of=all_of,
                    feed_links=feeds.links(base, feed_title) if term.briefings else [],
                )
                if term.briefings:
                    yield from self.feed(base, feed_title, f"{base}.md", term.briefings)
            if not self.mine():
                continue
            world = (
                views.place_map(
                    corpus,
                    list(places),
                    m.gettext("Map of all places"),
                    world=True,
                    basemap=self.pre.links.basemap("places/index.md"),
                    messages=m,
                )
                if folder == "places"
                else ""
            )
            world = final_html(world.strip()) if world else world
            yield from indexes.index_pages(
                self.page,
                folder,
                title,
                about,
                [
                    indexes.IndexItem(
                        t.name,
                        f"{folder}/{t.slug}.md",
                        indexes.place_note(t, corpus.places, m),
                        indexes.count_note(m, briefing=len(t.briefings), event=len(t.events)),
                    )
                    for t in terms.values()
                ],
                map=world,
            )

    def timeline(self) -> Iterator[PageJob]:
        """The timeline's front page and a page per year (or month, when a year is busy)."""
        timeline, facets = self.pre.timeline, self.pre.event_facets
        if self.mine():
            yield self.page(
                "timeline/index.md", "timeline.md.j2", periods=timeline, chart=timeline_pages.chart(timeline)
            )
        names: dict[str, dict[str, str]] | None = None  # (worked out for the first page wanted)
        for year in timeline:
            if not self.wanted(f"timeline/{year.key}.md") or not self.mine():
                continue  # its filter is costly to work out
            if names is None:
                names = timeline_pages.facet_names(self.corpus, self.pre.places, self.pre.topics, self.options.messages)
            yield self.page(
                f"timeline/{year.key}.md",
                "timeline_period.md.j2",
                p=year,
                periods=timeline,
                facets=facets,
                filters=timeline_pages.filters(year.items, facets, names, self.options.messages),
            )

    def quotes(self) -> Iterator[PageJob]:
        """The quote index by period, and the A-Z index of speakers."""
        corpus, m = self.corpus, self.options.messages
        quote_periods = quotes_periods(corpus)
        if self.mine():
            speakers = [
                indexes.IndexItem(
                    corpus.actors[aid].name,
                    f"actors/{aid}.md",
                    corpus.actors[aid].role or "",
                    wording.counted(m)(len(corpus.actor_quotes[aid]), "quote"),
                )
                for aid in corpus.actors
                if aid in corpus.actor_quotes
            ]
            total = sum(len(p.items) for p in quote_periods)
            yield self.page("quotes/index.md", "quotes.md.j2", periods=quote_periods, total=total)
            about = m.gettext("Everyone quoted in the briefings.")
            yield from indexes.index_pages(self.page, "quotes/speakers", m.gettext("Speakers"), about, speakers)
        for quotes in quote_periods:
            if self.mine():
                yield self.page(f"quotes/{quotes.key}.md", "quotes_period.md.j2", p=quotes, periods=quote_periods)

    def the_rest(self) -> Iterator[PageJob]:
        """The home page's latest briefings, the export's page and tables, the basemap."""
        if self.mine():
            latest = list(self.corpus.briefings)[: self.options.latest]
            yield self.page("snippets/latest.md", "latest.md.j2", latest=latest)
        if self.mine():
            yield self.page(f"{EXPORT_DIR}/index.md", "export.md.j2", tables=export.TABLES)
        if self.options.exports:
            for table in export.TABLES:
                if self.mine():
                    yield self.page(f"{EXPORT_DIR}/{table.name}.csv", EXPORT, table=table.name)
            if self.mine():
                yield self.page(f"{EXPORT_DIR}/datapackage.json", EXPORT, table=None)
        if self.mine():
            yield BASEMAP, "basemap.svg.j2", {"svg": Markup(mapsvg.world_svg())}
        if self.mine():
            yield WORDS, "words.json.j2", {}  # (what the site's script says, in the site's language)
        if self.mine():
            yield CMS_CONFIG, CMS, {"options": self.options}
        if self.mine():
            yield CMS_SHAPES, CMS, {"options": None}
        for collection in ("actors", "events", "places"):
            if self.mine():
                yield f"{CMS_INDEX_DIR}/{collection}.json", CMS_INDEX, {"corpus": self.corpus, "collection": collection}
