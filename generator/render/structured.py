"""Structured data for readers and machines: schema.org JSON-LD and OpenGraph meta per page.

Each page's data goes in its front matter (`jsonld`, `og`) and the theme override
(overrides/main.html) writes it into the page's head. The JSON-LD is made inert for HTML here:
every <, > and & is a JSON escape, so no text from the metadata can close the script element.
"""

from __future__ import annotations

import json
from typing import Any

from ..link.corpus import Corpus
from ..load.history import History
from ..model import dates
from ..model.records import Actor, Event, Place, Source
from ..text.escape import plain_text
from ..text.words import shorten
from .feeds import page_url
from .views import Term, plain_summary

CONTEXT = "https://schema.org"
WIKIDATA = "https://www.wikidata.org/wiki/"
ACTOR_TYPES = {
    "person": "Person",
    "state": "Country",
    "government-body": "GovernmentOrganization",
    "armed-group": "Organization",
    "political-party": "Organization",
    "company": "Corporation",
    "international-organisation": "Organization",
    "media": "NewsMediaOrganization",
    "organisation": "Organization",
    "civilians": "Thing",  # (schema.org has no type for a group of people who are not an organisation)
    "other": "Thing",
}
PLACE_TYPES = {"country": "Country", "city": "City", "town": "City", "region": "AdministrativeArea"}


def inert(data: dict[str, Any]) -> str:
    """JSON that is safe inside <script>: no <, > or & as themselves."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


class Structured:
    """JSON-LD and OpenGraph of each kind of page, with full addresses on the site at `site_url`."""

    def __init__(
        self,
        corpus: Corpus,
        site_url: str,
        publisher: str,
        places: dict[str, Term],
        dates: dict[str, History],
        language: str = "en",
    ) -> None:
        self.corpus, self.site_url, self.publisher, self.places = corpus, site_url, publisher, places
        self.dates = dates  # each briefing's history (views.briefing_dates)
        self.language = language  # the site's (a briefing may say its own)

    def url(self, page: str) -> str:
        return page_url(self.site_url, page)

    def actor_ref(self, aid: str) -> dict[str, Any]:
        """An actor as a node: its type, name, page and Wikidata item."""
        a = self.corpus.actors[aid]
        return _clean(
            {
                "@type": ACTOR_TYPES[a.kind],
                "@id": self.url(f"actors/{aid}.md") + "#id",
                "name": a.name,
                "url": self.url(f"actors/{aid}.md"),
                "sameAs": [WIKIDATA + a.wikidata] if a.wikidata else [],
            }
        )

    def place_ref(self, name: str) -> dict[str, Any]:
        """A place as written in a briefing or an event, as a node."""
        return self.term_ref(self.places[name])

    def term_ref(self, term: Term) -> dict[str, Any]:
        p = term.place
        node: dict[str, Any] = {
            "@type": PLACE_TYPES.get(p.kind or "", "Place") if p else "Place",
            "name": term.name,
            "url": self.url(f"places/{term.slug}.md"),
        }
        if p is not None and p.lat is not None and p.lon is not None:
            node["geo"] = {"@type": "GeoCoordinates", "latitude": p.lat, "longitude": p.lon}
        if p is not None and p.wikidata:
            node["sameAs"] = [WIKIDATA + p.wikidata]
        return node

    def source(self, s: Source) -> dict[str, Any]:
        return _clean(
            {
                "@type": "CreativeWork",
                "name": s.title,
                "url": s.url,
                "author": {"@type": "Person", "name": s.author} if s.author else None,
                "publisher": {"@type": "Organization", "name": s.publication} if s.publication else None,
                "datePublished": dates.iso_bounds(s.published)[0] if s.published else None,
            }
        )

    def briefing(self, bid: str, history: History, marking: str) -> tuple[str, dict[str, Any]]:
        """A briefing as a schema.org Report, and its OpenGraph meta."""
        b = self.corpus.briefings[bid]
        url = self.url(f"briefings/{bid}.md")
        summary = plain_summary(b, limit=300)
        events = self.corpus.briefing_events[bid]
        places = list(dict.fromkeys([*b.places, *(p for e in events for p in e.places)]))
        data = _clean(
            {
                "@context": CONTEXT,
                "@type": "Report",
                "@id": url + "#briefing",
                "url": url,
                "mainEntityOfPage": url,
                "headline": b.title[:110],
                "name": b.title,
                "description": summary,
                "inLanguage": b.language or self.language,
                "datePublished": history.published,
                "dateModified": history.updated,
                "dateCreated": b.date,
                "temporalCoverage": "/".join(x for x in dates.iso_bounds(b.period) if x) if b.period else None,
                "publisher": {"@type": "Organization", "name": self.publisher},
                "author": {"@type": "Organization", "name": self.publisher},
                "keywords": list(b.topics),
                "about": [{"@type": "Thing", "name": t} for t in b.topics],
                "mentions": [self.actor_ref(a.actor) for a in b.actors] + [self.event_ref(e) for e in events],
                "spatialCoverage": [self.place_ref(p) for p in places],
                "citation": [self.source(s) for s in b.sources],
                "hasPart": [
                    _clean(
                        {
                            "@type": "Quotation",
                            "text": q.text,
                            "spokenByCharacter": self.actor_ref(q.speaker),
                            "url": f"{url}#quote-{i}",
                        }
                    )
                    for i, q in enumerate(b.quotes, start=1)
                ],
                "conditionsOfAccess": marking,
            }
        )
        og = {
            "type": "article",
            "title": b.title,
            "description": summary,
            "published": history.published,
            "modified": history.updated,
            "tags": list(b.topics),
        }
        return inert(data), _clean(og)

    def event_ref(self, e: Event) -> dict[str, Any]:
        start, end = dates.iso_bounds(e.date)
        return _clean(
            {
                "@type": "Event",
                "@id": self.url(f"events/{e.id}.md") + "#id",
                "name": e.headline,
                "url": self.url(f"events/{e.id}.md"),
                "startDate": start,
                "endDate": end,
            }
        )

    def event(self, e: Event) -> tuple[str, dict[str, Any]]:
        """An event as a schema.org Event, with its places as its location."""
        data = {
            "@context": CONTEXT,
            **self.event_ref(e),
            "description": shorten(plain_text(e.description), 300) if e.description else None,
            "location": [self.place_ref(p) for p in e.places],
            "about": [self.actor_ref(a) for a in e.actor_ids],
            "subjectOf": [self.url(f"briefings/{bid}.md") for bid in self.corpus.event_briefings.get(e.id, [])[:50]],
        }
        return inert(_clean(data)), {"type": "website", "title": e.headline}

    def actor(self, aid: str, a: Actor) -> tuple[str, dict[str, Any]]:
        """An actor as Person, Organization, GovernmentOrganization, Country, ... with sameAs Wikidata."""
        data = {
            "@context": CONTEXT,
            **self.actor_ref(aid),
            "alternateName": list(a.aliases),
            "description": a.description or a.role,
            "jobTitle": a.role if a.kind == "person" else None,
            "sameAs": ([WIKIDATA + a.wikidata] if a.wikidata else []) + [link.url for link in a.links],
        }
        og = {"type": "profile" if a.kind == "person" else "website", "title": a.name}
        return inert(_clean(data)), _clean({**og, "description": a.description or a.role})

    def meta(self, kind: str, key: str | Term, marking: str = "") -> dict[str, Any]:
        """Front matter entries (jsonld, og) of the page of one briefing, actor, event (by id) or
        place (its Term)."""
        if isinstance(key, Term):
            jsonld, og = self.place(key)
        elif kind == "briefing":
            jsonld, og = self.briefing(key, self.dates[key], marking)
        elif kind == "actor":
            jsonld, og = self.actor(key, self.corpus.actors[key])
        else:
            jsonld, og = self.event(self.corpus.events[key])
        return {"jsonld": jsonld, "og": og}

    def place(self, term: Term) -> tuple[str, dict[str, Any]]:
        """A place as schema.org Place (Country, City, ...), with its coordinates and its parent."""
        data: dict[str, Any] = {"@context": CONTEXT, **self.term_ref(term)}
        p: Place | None = term.place
        if p is not None:
            data["alternateName"] = list(p.aliases)
            data["description"] = p.description
            parent = self.corpus.places.get(p.parent) if p.parent else None
            if parent is not None:
                data["containedInPlace"] = {"@type": "Place", "name": parent.name}
        return inert(_clean(data)), {"type": "website", "title": term.name}
