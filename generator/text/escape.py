"""Untrusted text into safe Markdown and HTML.

Every string from metadata passes through here on its way to a page: plain text
becomes inert Markdown (no markup, no HTML), and Markdown fields are rendered by
markdown-it-py with raw HTML off and only http, https and mailto links allowed.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlsplit

from markdown_it import MarkdownIt
from markupsafe import Markup

SAFE_SCHEMES = ("http", "https", "mailto")
# ASCII punctuation Python-Markdown or its extensions may read as syntax.
_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-!|~^=:<>&$@%]")
# Control characters: never meaningful in metadata, and Python-Markdown uses \x02/\x03 internally.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ANCHOR = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LIST_START = re.compile(r"^(\s?\d+)\.")


def one_line(text: str) -> str:
    """Collapse all white space (newlines included) to single spaces; drop control characters."""
    return " ".join(_CONTROL.sub("", text).split())


def md_text(text: object) -> Markup:
    """Plain text as Markdown that renders to exactly this text (on one line)."""
    if type(text) is str:
        return _md_text(text)
    return _md_text(str(text))


@lru_cache(maxsize=200_000)  # names, titles and dates recur on thousands of pages
def _md_text(text: str) -> Markup:
    flat = re.sub(r"\s+", " ", _CONTROL.sub("", text))
    inert = _SPECIAL.sub(lambda m: f"&#{ord(m.group())};", flat)
    return Markup(_LIST_START.sub(r"\1&#46;", inert))


def anchor(name: str) -> Markup:
    """An id for an attribute list or a link fragment; only ids the generator made are allowed."""
    if not _ANCHOR.match(name):
        raise ValueError(f"not a safe anchor: {name!r}")
    return Markup(name)


def html_text(text: object) -> str:
    """Plain text as HTML text, for front matter that the theme inserts unescaped."""
    return html.escape(one_line(str(text)), quote=True)


def html_attr(text: object) -> Markup:
    """Plain text for an HTML attribute value in double quotes."""
    return Markup(html_text(text))


def safe_url(url: str) -> str:
    """A URL fit for a Markdown link destination; anything but http(s)/mailto becomes '#'."""
    if urlsplit(url).scheme.lower() not in SAFE_SCHEMES:
        return "#"
    return quote(url, safe="/:?#[]@!$&'*+,;=%~-._")


def md_link(text: object, url: str) -> Markup:
    """A Markdown link whose text and destination are both inert."""
    return Markup(f"[{md_text(text)}]({safe_url(url)})")


def _validate_link(url: str) -> bool:
    scheme = urlsplit(url.strip()).scheme.lower()
    return scheme in SAFE_SCHEMES


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.disable("image")  # no remote fetches: an image stays a link
    md.validateLink = _validate_link  # type: ignore[method-assign]
    md.core.ruler.push("briefings_direction", _direction)
    return md


_TEXT_BLOCKS = frozenset({"paragraph_open", "heading_open", "list_item_open", "blockquote_open", "td_open", "th_open"})


def _direction(state: Any) -> None:
    """Every block of an analyst's text takes its direction from its own first letters
    (dir="auto"): an Arabic paragraph reads right to left in an English page, and the other way."""
    for token in state.tokens:
        if token.type in _TEXT_BLOCKS and not token.hidden:
            token.attrSet("dir", "auto")


# HTML the generator made goes into a page's Markdown inside this comment. The site's Markdown
# extension `briefings.final_html` (generator/publish/final_html.py) takes it out before any other
# part of Python-Markdown reads the page and puts it back, byte for byte, after: no extension
# (attr_list, md_in_html, admonition, snippets, toc, ...) ever sees it. Without that extension the
# comment shows nothing, so a misconfigured site loses text but never runs it.
FINAL_HTML_EXTENSION = "briefings.final_html"  # its name in mkdocs.yml (an entry point, pyproject.toml)
FINAL_OPEN = "<!--briefings:final-html\n"
FINAL_CLOSE = "\n:final-html-->"
FINAL_BLOCK = re.compile(r"<!--briefings:final-html\n(.*?)\n:final-html-->", re.DOTALL)
# Python-Markdown marks its stash with STX/ETX; they mean nothing in HTML and must not pass through.
_STASH_MARKS = str.maketrans("", "", "\x02\x03")


def final_html(html: str) -> Markup:
    """HTML that no Markdown processor may read again, as a block of a page's Markdown."""
    body = html.translate(_STASH_MARKS)
    if "-->" in body or "--!>" in body:  # never in our HTML: text and attributes have '>' escaped
        raise ValueError("generated HTML would end its comment early")
    return Markup(f"{FINAL_OPEN}{body}{FINAL_CLOSE}")


def render_markdown(text: str) -> Markup:
    """Markdown field as a self-contained HTML block that Python-Markdown never parses again."""
    body = render_markdown_html(text).strip()
    return final_html(f'<div class="briefing-md">\n{body}\n</div>')


@lru_cache(maxsize=4096)  # a summary is rendered for its page, its description and its PDF
def render_markdown_html(text: str) -> Markup:
    """Markdown field as HTML, for the PDF templates."""
    return Markup(_parser().render(text))


# Text that Markdown renders as itself: none of the characters that start inline syntax (escapes,
# entities, code, emphasis, links, autolinks, strikethrough, tables) or a NUL (which the parser
# replaces), and no line that starts a block (heading, quote, list, setext underline, rule).
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]<&|~\x00]")
_BLOCK_START = re.compile(r"(?:^|[\r\n])[ \t]*(?:[#>+=-]|\d+[.)])")


def render_markdown_inline(text: str) -> Markup:
    """A one-paragraph Markdown field (a key point) as inline HTML."""
    line = one_line(text)
    if not _INLINE_SYNTAX.search(line):  # no syntax: the text, escaped as the parser escapes it
        return Markup(line.replace(">", "&gt;").replace('"', "&quot;"))
    return parsed_inline(line)


def parsed_inline(text: str) -> Markup:
    """render_markdown_inline the long way, through the parser."""
    return Markup(_parser().renderInline(one_line(text)))


def plain_text(markdown: str) -> str:
    """Markdown as one line of plain text (markup dropped, entities decoded)."""
    if not _INLINE_SYNTAX.search(markdown) and not _BLOCK_START.search(markdown):
        return " ".join(markdown.split())  # most fields: the same text, without the parser's cost
    return parsed_plain_text(markdown)


def parsed_plain_text(markdown: str) -> str:
    """plain_text the long way: render the Markdown, drop the tags, decode the entities."""
    text = _INLINE_TAG.sub("", render_markdown_html(markdown))  # "[day two](...)." stays "day two."
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


_INLINE_TAG = re.compile(r"</?(?:a|em|strong|code|s)\b[^>]*>")
_TAG = re.compile(r"<[^>]+>")


_FIRST_SENTENCE = re.compile(r"(.+?[.!?])(?:\s+|$)", re.S)


def after_first_sentence(markdown: str, limit: int = 120) -> str | None:
    """The Markdown after the first sentence, when headline() shows that sentence whole (so a
    page that heads an entry with it need not repeat it); None when the sentence was cut or the
    source does not split there cleanly (markup across the sentence's end, or a rest that
    Markdown would read otherwise on its own)."""
    m = _FIRST_SENTENCE.match(markdown.strip())
    if m is None or plain_text(m.group(1)) != (first := headline(markdown, limit)):
        return None
    rest = markdown.strip()[m.end() :].strip()
    if " ".join(f"{first} {plain_text(rest)}".split()) != plain_text(markdown):
        return None  # the rest reads otherwise on its own ("- x" would become a list)
    return rest


@lru_cache(maxsize=100_000)
def headline(markdown: str, limit: int = 120) -> str:
    """The first sentence of a Markdown text as plain text, cut at a word near `limit` characters."""
    text = plain_text(markdown)
    m = re.match(r"(.+?[.!?])(?:\s|$)", text)
    first = m.group(1) if m else text
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + "…"
