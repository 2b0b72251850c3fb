"""Search records: the pages of actors, events, places and topics, indexed in groups.

Pagefind's browser side loads, for every query, a table of every page of the index (about six
bytes a page). At 100,000 briefings a site has some 220,000 pages of actors, events, places and
topics beside its 100,000 briefings, so that table alone would be 2 MB a query. Those pages are
found by their names and a few lines of text, so they are indexed as records of a few dozen
pages (on average more than half of PER_RECORD and at most PER_RECORD): one heading per page
(its title, with the page's folder name as the heading's id) and the text Pagefind would have
read of it. Pagefind gives a record's matching headings as sub-results, which the search box
(docs/assets/briefings.js) shows as results of their own, linked to the pages they came from.

A page falls in a record by a stable hash of its folder name; the number of records of a section
is a power of two, so it changes (and every record of the section is made again) only when the
section doubles or halves. The records are files of the site (site/pagefind/records/SECTION/K.html),
so a rebuild takes every record none of whose pages changed from the previous site as it is.
"""

from __future__ import annotations

import hashlib
import html
import os
from html.parser import HTMLParser
from pathlib import Path

RECORD_SECTIONS = ("actors", "events", "places", "topics")
PER_RECORD = 50
RECORD_PAGES_ENV = "BRIEFINGS_SEARCH_RECORD_PAGES"  # another size, for tests
RECORDS_DIR = "records"  # site/pagefind/records/
VERSION = 2  # the shape of a record: another value makes every record again
FILTER = "kind:names"  # Pagefind's filter that finds records only (the search box asks for their best too)

_BLOCKS = frozenset(
    {"p", "li", "dt", "dd", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "div", "section"}
)
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


class ArticleParser(HTMLParser):
    """Walks the part of a page Pagefind reads: the element `root` (tag.class) without the
    elements of the classes in `skip`. Subclasses take what is inside with `start`, `end` (each
    called at the element's depth inside the root) and `text`."""

    def __init__(self, root: str, skip: tuple[str, ...]) -> None:
        super().__init__(convert_charrefs=True)
        tag, cls = root.split(".", 1)
        self.root = (tag, cls)
        self.skipped = {s.lstrip(".") for s in skip}
        self.depth = 0  # inside the root: how deep
        self.skip = 0  # inside a skipped element: how deep

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        void = tag in VOID_ELEMENTS
        if not self.depth:
            if tag == self.root[0] and self.root[1] in classes and not void:
                self.depth = 1
            return
        if self.skip:
            self.skip += not void
            return
        if classes & self.skipped:
            self.skip = 0 if void else 1
            return
        self.depth += not void
        self.start(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if not self.depth or tag in VOID_ELEMENTS:
            return
        if self.skip:
            self.skip -= 1
            return
        self.end(tag)
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.text(data)

    def start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """An element inside, not skipped, begins."""

    def end(self, tag: str) -> None:
        """An element inside, not skipped, ends."""

    def text(self, data: str) -> None:
        """Text inside, not skipped."""


def record_count(pages: int) -> int:
    """How many records a section of `pages` pages has: a power of two."""
    return power_of_two(pages, per_record())


def per_record() -> int:
    """About how many pages a record holds."""
    return sized(RECORD_PAGES_ENV, PER_RECORD)


def power_of_two(items: int, per: int, most: int | None = None) -> int:
    """The least power of two of groups of `per` that holds `items` (at most `most`): it changes
    only when the items double or halve."""
    n = 1
    while n * per < items and (most is None or n < most):
        n *= 2
    return n


def sized(name: str, default: int) -> int:
    """A size from the environment variable `name` (for tests and benchmarks), else `default`."""
    try:
        return max(1, int(os.environ.get(name, default)))
    except ValueError:
        return default


def section_of(page: str) -> str:
    """The section of an entity page (generated/SECTION/NAME/index.html)."""
    return page.split("/")[1]


def record_path(page: str, records: int) -> str:
    """The record (a path in the site) that an entity page falls in, among `records` of its section."""
    name = page.split("/")[2]
    k = int.from_bytes(hashlib.sha1(name.encode("utf-8"), usedforsecurity=False).digest()[:4], "big") % records
    return f"pagefind/{RECORDS_DIR}/{section_of(page)}/{k}.html"


class _Text(ArticleParser):
    """The title and the blocks of text of the part of a page Pagefind reads."""

    def __init__(self, root: str, skip: tuple[str, ...]) -> None:
        super().__init__(root, skip)
        self.in_title = 0
        self.title: list[str] = []
        self.blocks: list[str] = []
        self.current: list[str] = []

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS or tag == "br":
            self.flush()
        if tag == "h1" and not self.title:
            self.in_title = self.depth

    def end(self, tag: str) -> None:
        if self.in_title and self.depth == self.in_title:
            self.in_title = 0
            self.current = []
        elif tag in _BLOCKS:
            self.flush()

    def text(self, data: str) -> None:
        (self.title if self.in_title else self.current).append(data)


def article(text: str, root: str) -> str:
    """The part of a page's HTML from its element `root` (tag.class, the first such element) to
    the page's last closing tag of that kind: what Pagefind reads is in there, and a page of
    Material's is mostly navigation around it. The whole page when there is no such element."""
    tag, cls = root.split(".", 1)
    start = text.find(f'<{tag} class="{cls}')
    end = text.rfind(f"</{tag}>")
    return text[start : end + len(tag) + 3] if 0 <= start < end else text


def page_text(path: Path, root: str, skip: tuple[str, ...]) -> tuple[str, list[str]]:
    """The title (the first h1) and the blocks of text Pagefind would read of a page: the element
    `root` (tag.class) without the elements of the classes in `skip`."""
    parser = _Text(root, skip)
    parser.feed(article(path.read_text(encoding="utf-8", errors="replace"), root))
    parser.close()
    parser.flush()
    return " ".join("".join(parser.title).split()), parser.blocks


def record_html(section: str, entries: list[tuple[str, str, list[str]]], root: str) -> str:
    """A record: for each (folder name, title, blocks) a heading whose id is the folder name,
    then its text. Everything is escaped text; the record has no markup of its pages."""
    tag, cls = root.split(".", 1)
    parts = [
        "<!doctype html>",
        '<html><head><meta charset="utf-8">',
        f"<title>{html.escape(section)}</title></head><body>",
        f'<{tag} class="{html.escape(cls)}" data-pagefind-filter="{FILTER}">',
    ]
    for name, title, blocks in sorted(entries):
        parts.append(f'<h2 id="{html.escape(name)}">{html.escape(title or name)}</h2>')
        parts += [f"<p>{html.escape(block)}</p>" for block in blocks]
    parts.append(f"</{tag}></body></html>\n")
    return "\n".join(parts)
