"""The rows of each export table (export.py), made from the linked corpus: one function per
table, each yielding dicts keyed by the table's field names."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..link.corpus import Corpus
from ..model import dates
from ..model.records import FIGURES, Estimate
from ..text.escape import plain_text
from . import views
from .feeds import page_url

Row = dict[str, Any]


def _join(items: list[str]) -> str:
    return "; ".join(items)


def briefings(corpus: Corpus, site_url: str) -> Iterator[Row]:
    for bid, b in corpus.briefings.items():
        yield {
            "id": bid,
            "title": b.title,
            "date": b.date,
            "period": b.period or "",
            "status": b.status,
            "marking": b.marking or "",
            "summary": b.summary_text,
            "key_points": "\n".join(plain_text(p.text) for p in b.points),
            "assessment": plain_text(b.assessment) if b.assessment else "",
            "topics": _join(list(b.topics)),
            "actors": len(b.actors),
            "quotes": len(b.quotes),
            "events": len(corpus.briefing_events[bid]),
            "url": page_url(site_url, f"briefings/{bid}.md"),
        }


def actors(corpus: Corpus, site_url: str) -> Iterator[Row]:
    for aid, a in corpus.actors.items():
        yield {
            "id": aid,
            "name": a.name,
            "kind": a.kind,
            "role": a.role or "",
            "country": a.country or "",
            "aliases": _join(list(a.aliases)),
            "description": a.description or "",
            "wikidata": a.wikidata or "",
            "briefings": len(corpus.actor_briefings.get(aid, [])),
            "quotes": len(corpus.actor_quotes.get(aid, [])),
            "events": len(corpus.actor_events.get(aid, [])),
            "url": page_url(site_url, f"actors/{aid}.md"),
        }


def _figure(value: int | Estimate | None, part: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, int):
        return value if part == "best" else None
    found: int | None = getattr(value, part)
    return found


def events(corpus: Corpus, site_url: str) -> Iterator[Row]:
    for eid, e in corpus.events.items():
        start, end = dates.iso_bounds(e.date)
        row: Row = {
            "id": eid,
            "date": e.date,
            "start": start,
            "end": end or start,
            "approximate": "~" in e.date,
            "title": e.headline,
            "kind": e.kind or "",
            "description": plain_text(e.description) if e.description else "",
            "places": _join(list(e.places)),
            "actors": _join(e.actor_ids),
            "briefings": len(corpus.event_briefings.get(eid, [])),
            "credibility": e.credibility,
        }
        for name in FIGURES:
            value = getattr(e, name)
            for part in ("best", "low", "high"):
                row[f"{name}_{part}"] = _figure(value, part)
        row["url"] = page_url(site_url, f"events/{eid}.md")
        yield row


def places(corpus: Corpus, site_url: str) -> Iterator[Row]:
    for term in views.unique_terms(views.places(corpus)).values():
        p = term.place
        yield {
            "slug": term.slug,
            "name": term.name,
            "registry_id": p.id if p else "",
            "kind": (p.kind or "") if p else "",
            "country": (p.country or "") if p else "",
            "parent": (p.parent or "") if p else "",
            "lat": p.lat if p else None,
            "lon": p.lon if p else None,
            "wikidata": (p.wikidata or "") if p else "",
            "aliases": _join(list(p.aliases)) if p else "",
            "briefings": len(term.briefings),
            "events": len(term.events),
            "url": page_url(site_url, f"places/{term.slug}.md"),
        }


def quotes(corpus: Corpus, site_url: str) -> Iterator[Row]:
    for bid, b in corpus.briefings.items():
        for i, q in enumerate(b.quotes, start=1):
            yield {
                "briefing": bid,
                "number": i,
                "speaker": q.speaker,
                "speaker_name": corpus.actors[q.speaker].name,
                "text": q.text,
                "context": q.context or "",
                "language": q.language or "",
                "translation": q.translation or "",
                "translated_by": q.translated_by or "",
                "date": b.date,
                "url": page_url(site_url, f"briefings/{bid}.md") + f"#quote-{i}",
            }


def sources(corpus: Corpus, site_url: str) -> Iterator[Row]:
    for bid, b in corpus.briefings.items():
        for i, s in enumerate(b.sources, start=1):
            yield {
                "briefing": bid,
                "number": i,
                "title": s.title,
                "publication": s.publication or "",
                "author": s.author or "",
                "published": s.published or "",
                "url": s.url or "",
                "reliability": s.reliability or "",
                "note": s.note or "",
            }


def key_points(corpus: Corpus, site_url: str) -> Iterator[Row]:
    for bid, b in corpus.briefings.items():
        for i, p in enumerate(b.points, start=1):
            yield {"briefing": bid, "number": i, "text": plain_text(p.text), "credibility": p.credibility}


def appearances(corpus: Corpus, site_url: str) -> Iterator[Row]:
    for bid, b in corpus.briefings.items():
        for a in b.actors:
            yield {"briefing": bid, "actor": a.actor, "role": a.role or ""}


def briefing_topics(corpus: Corpus, site_url: str) -> Iterator[Row]:
    for bid, b in corpus.briefings.items():
        for t in b.topics:
            yield {"briefing": bid, "topic": t}


def briefing_places(corpus: Corpus, site_url: str) -> Iterator[Row]:
    terms = views.places(corpus)
    for bid, b in corpus.briefings.items():
        for name in dict.fromkeys(b.places):
            yield {"briefing": bid, "place": terms[name].slug, "as_written": name}


def briefing_events(corpus: Corpus, site_url: str) -> Iterator[Row]:
    for bid in corpus.briefings:
        for e in corpus.briefing_events[bid]:
            yield {"briefing": bid, "event": e.id}


def event_actors(corpus: Corpus, site_url: str) -> Iterator[Row]:
    for eid, e in corpus.events.items():
        for aid in e.actor_ids:
            yield {"event": eid, "actor": aid, "part": e.parts.get(aid, "")}


def event_places(corpus: Corpus, site_url: str) -> Iterator[Row]:
    terms = views.places(corpus)
    for eid, e in corpus.events.items():
        for name in dict.fromkeys(e.places):
            yield {"event": eid, "place": terms[name].slug, "as_written": name}
