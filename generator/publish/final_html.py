"""The Markdown extension `briefings.final_html`: HTML the generator made is final.

The generator renders analysts' Markdown (summaries, key points, descriptions, notes) to HTML
itself, with markdown-it-py and raw HTML off, and writes it into a page's Markdown inside a
comment (escape.final_html). MkDocs (or Zensical) then reads the page with Python-Markdown,
whose extensions would otherwise parse that HTML again: inside a `markdown` block, attr_list
turns a trailing `{: onclick=...}` into an attribute. This extension takes each such block out
before any other preprocessor runs and hands it to Python-Markdown's stash, which puts it back
byte for byte once the page is HTML. No extension ever reads it.

It also gives every block of text of a page (paragraph, heading, list item, table cell, quote)
`dir="auto"`, unless it says its direction: names, titles and quotes in Arabic or Hebrew read
right to left in a left-to-right page (the HTML the generator made has it already).

Two steps, because Python-Markdown strips its own stash markers from the text it reads
(normalize_whitespace) and the snippets extension runs before that: the first step, ahead of
both, swaps each block for a token no one else knows; the second, after them and before the
HTML block parser, swaps the token for the stash's placeholder.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER, HTML_PLACEHOLDER_RE

from ..text.escape import FINAL_BLOCK, FINAL_OPEN

# Python-Markdown's order, highest first: snippets 32, normalize_whitespace 30, html_block 20.
FIRST, AFTER_SNIPPETS, SECOND = 100, 31, 25


class _Take(Preprocessor):
    """Swap every final block for a token, and stash the block as it is."""

    def __init__(self, md: Markdown, tokens: dict[str, int], first: bool) -> None:
        super().__init__(md)
        self.tokens, self.first = tokens, first

    def run(self, lines: list[str]) -> list[str]:
        if self.first:  # a new page
            self.tokens.clear()
        text = "\n".join(lines)
        if FINAL_OPEN.strip() not in text:
            return lines
        nonce = secrets.token_hex(8)
        stash = self.md.htmlStash

        def take(m: re.Match[str]) -> str:
            token = f"briefingsfinal{nonce}x{len(self.tokens)}"
            stash.store(m.group(1))
            self.tokens[token] = stash.html_counter - 1
            return f"\n{token}\n"

        return FINAL_BLOCK.sub(take, text).split("\n")


class _Place(Preprocessor):
    """Swap each token for the placeholder of its stashed block."""

    def __init__(self, md: Markdown, tokens: dict[str, int]) -> None:
        super().__init__(md)
        self.tokens = tokens

    def run(self, lines: list[str]) -> list[str]:
        if not self.tokens:
            return lines
        stash = self.md.htmlStash
        out = []
        for line in lines:
            index = self.tokens.get(line)
            out.append(line if index is None else stash.get_placeholder(index))
        return out


TEXT_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd", "blockquote"})


class _Direction(Treeprocessor):
    """dir="auto" on every block of text that gives no direction of its own. A block whose text
    is all in blocks inside it (a list item of paragraphs) gets none: dir="auto" skips what has
    a direction of its own, so it would find no text and read left to right; it keeps the page's
    direction, and each paragraph in it has its own."""

    def run(self, root: Any) -> None:
        for element in root.iter():
            if (
                element.tag in TEXT_BLOCKS
                and "dir" not in element.attrib
                and not _raw_html(element)
                and not _holds_blocks_only(element)
            ):
                element.set("dir", "auto")


def _holds_blocks_only(element: Any) -> bool:
    return (
        len(element) > 0
        and not (element.text or "").strip()
        and all(child.tag in TEXT_BLOCKS or child.tag in ("ul", "ol", "div") for child in element)
        and not any((child.tail or "").strip() for child in element)
    )


def _raw_html(element: Any) -> bool:
    """A paragraph that only holds a block of raw HTML (Python-Markdown takes the <p> away later,
    when it is bare): it is not text, and an attribute would keep it, the HTML inside it."""
    text = (element.text or "").strip()
    found = HTML_PLACEHOLDER_RE.search(text) if element.tag == "p" and len(element) == 0 else None
    return found is not None and text == HTML_PLACEHOLDER % found.group(1)


class FinalHtmlExtension(Extension):
    """Keep the generator's HTML away from every other Markdown extension."""

    def extendMarkdown(self, md: Markdown) -> None:
        tokens: dict[str, int] = {}
        md.preprocessors.register(_Take(md, tokens, first=True), "briefings_final_take", FIRST)
        # again after snippets, for blocks in the files it includes (their lines hold no '<' that
        # is not a tag, so no snippet marker)
        md.preprocessors.register(_Take(md, tokens, first=False), "briefings_final_take_included", AFTER_SNIPPETS)
        md.preprocessors.register(_Place(md, tokens), "briefings_final_place", SECOND)
        md.treeprocessors.register(_Direction(md), "briefings_direction", 1)  # (after attr_list, toc: 8, 5)


def makeExtension(**kwargs: Any) -> FinalHtmlExtension:
    """Python-Markdown's entry point for extensions named by module."""
    return FinalHtmlExtension(**kwargs)
