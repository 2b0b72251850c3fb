"""Atom and JSON Feed documents of briefings: all of them, and those of one actor, place or topic.

Made with feedgenerator (Atom 1.0) and jsonfeed-util (JSON Feed 1.1). An entry's id is the
briefing's address on the site, which never changes while its id does not; its dates are the
briefing's own (or its history's, when the project is in git: see history.py).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import XMLGenerator

import feedgenerator
import jsonfeed
from feedgenerator.django.utils.xmlutils import SimplerXMLGenerator

from ..link.corpus import Corpus
from ..load.history import History
from ..model.records import Briefing
from ..text.escape import html_text, plain_text, render_markdown_html
from .views import plain_summary

FEED_MAX = 20  # newest briefings in the feed of all briefings
ENTITY_FEED_MAX = 10  # newest briefings in the feed of an actor, place or topic
ATOM = ".atom.xml"
JSON = ".feed.json"
ATOM_TYPE = "application/atom+xml"
JSON_TYPE = "application/feed+json"


@dataclass(frozen=True, slots=True)
class Feed:
    """What one feed holds: its title, where it is, the page it stands for and its briefings."""

    title: str
    path: str  # inside the generated folder, without the extension
    page: str  # the page it is the feed of, inside the generated folder (…/x.md)
    briefings: list[str]  # newest first, at most FEED_MAX (ENTITY_FEED_MAX)
    full: bool = False  # entries carry the bottom line and key points as HTML, not only the summary
    language: str = "en"  # the site's language (BCP 47)


def page_url(site_url: str, page: str) -> str:
    """The address of a generated page (directory URLs): briefings/x.md -> SITE/generated/briefings/x/."""
    stem = page.removesuffix(".md")
    stem = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"
    return f"{site_url.rstrip('/')}/generated/{stem}"


def file_url(site_url: str, path: str) -> str:
    return f"{site_url.rstrip('/')}/generated/{path}"


def links(feed_path: str, title: str) -> list[dict[str, str]]:
    """The page's <link rel="alternate"> entries (front matter `feeds`), relative to the site root."""
    return [
        {"type": ATOM_TYPE, "href": f"generated/{feed_path}{ATOM}", "title": f"{title} (Atom)"},
        {"type": JSON_TYPE, "href": f"generated/{feed_path}{JSON}", "title": f"{title} (JSON Feed)"},
    ]


def _when(dates: History) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime.fromisoformat(dates.published), dt.datetime.fromisoformat(dates.updated)


class _Atom(feedgenerator.Atom1Feed):  # type: ignore[misc]
    """An Atom feed whose date never depends on the day it is made, and whose entries are each
    written once: a briefing is an entry in the feeds of most of its actors, places and topics."""

    def latest_post_date(self) -> dt.datetime:
        if not self.items:  # (the library would say: now) an empty feed is as old as the epoch
            return EMPTY_FEED_DATE
        return super().latest_post_date()  # type: ignore[no-any-return]

    def write_items(self, handler: XMLGenerator) -> None:
        for item in self.items:
            key = tuple((name, tuple(v) if isinstance(v, list) else v) for name, v in item.items())
            entry = _ENTRIES.get(key)
            if entry is None:
                if len(_ENTRIES) >= ENTRIES_MAX:
                    _ENTRIES.clear()
                entry = _ENTRIES[key] = self._entry(item)
            handler.ignorableWhitespace(entry)  # (written as it is: it is the library's own XML)

    def _entry(self, item: dict[str, Any]) -> str:
        """One entry's XML, as the library writes it."""
        out = io.StringIO()
        handler = SimplerXMLGenerator(out, "utf-8", short_empty_elements=True)
        handler.startElement("entry", self.item_attributes(item))
        self.add_item_elements(handler, item)
        handler.endElement("entry")
        return out.getvalue()


_ENTRIES: dict[tuple[Any, ...], str] = {}  # an entry's XML by everything in it, for this process
ENTRIES_MAX = 50_000


EMPTY_FEED_DATE = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def atom(corpus: Corpus, feed: Feed, site_url: str, dates: dict[str, History], marking: str, publisher: str) -> str:
    """The feed as an Atom 1.0 document."""
    out = _Atom(
        title=xml_safe(feed.title),
        link=page_url(site_url, feed.page),
        description="",
        feed_url=file_url(site_url, feed.path + ATOM),
        feed_guid=file_url(site_url, feed.path + ATOM),
        language=feed.language,
        author_name=xml_safe(publisher),
    )
    for bid in feed.briefings:
        b = corpus.briefings[bid]
        published, updated = _when(dates[bid])
        url = page_url(site_url, f"briefings/{bid}.md")
        out.add_item(
            title=xml_safe(b.title),
            link=url,
            description=_summary(b),
            content=xml_safe(_content(b)) if feed.full else None,
            unique_id=url,
            pubdate=published,
            updateddate=updated,
            categories=[xml_safe(t) for t in (*b.topics, b.marking or marking)],
        )
    return str(out.writeString("utf-8"))


def json_feed(
    corpus: Corpus, feed: Feed, site_url: str, dates: dict[str, History], marking: str, publisher: str
) -> str:
    """The feed as a JSON Feed 1.1 document."""
    items = []
    for bid in feed.briefings:
        b = corpus.briefings[bid]
        url = page_url(site_url, f"briefings/{bid}.md")
        items.append(
            jsonfeed.Item(
                id=url,
                url=url,
                title=b.title,
                content_html=_content(b) if feed.full else None,
                content_text=None if feed.full else _summary(b) or b.title,
                summary=(_summary(b) or None) if feed.full else None,  # (else it is the content)
                date_published=dates[bid].published,
                date_modified=dates[bid].updated,
                tags=[*b.topics, b.marking or marking],
            )
        )
    out = _JsonFeed(
        feed.title,
        home_page_url=page_url(site_url, feed.page),
        feed_url=file_url(site_url, feed.path + JSON),
        language=feed.language,
        authors=[jsonfeed.Author(name=publisher)],
        items=items,
    )
    return str(out.to_json(ensure_ascii=False)) + "\n"


class _JsonFeed(jsonfeed.Feed):  # type: ignore[misc]
    """A JSON Feed that keeps its language (jsonfeed-util 1.2 takes it and leaves it out)."""

    def _to_ordered_dict(self) -> dict[str, Any]:
        ordered: dict[str, Any] = super()._to_ordered_dict()
        items = ordered.pop("items")
        return {**ordered, "language": self.language, "items": items} if self.language else ordered | {"items": items}


def _summary(b: Briefing) -> str:
    """An entry's summary: plain text, XML-safe."""
    return xml_safe(plain_summary(b, limit=500))


def _content(b: Briefing) -> str:
    """An entry's HTML: the bottom line and the key points, rendered as every page renders Markdown
    (no raw HTML passes)."""
    parts = [str(render_markdown_html(b.summary))] if b.summary else []
    points = [p.text for p in b.points]
    if points:
        parts.append("<ul>" + "".join(f"<li>{render_markdown_html(p)}</li>" for p in points) + "</ul>")
    return "\n".join(parts) or f"<p>{html_text(plain_text(b.title))}</p>"


# Characters XML 1.0 cannot carry (control characters but tab and line breaks, unpaired
# surrogates, U+FFFE and U+FFFF): a feed shows U+FFFD in their place.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` with every character XML 1.0 cannot carry replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)
