"""The functions a page's template calls: links relative to the page, maps, escaped text,
Markdown, and the page's front matter."""

from __future__ import annotations

import functools
import json
from typing import Any

from markupsafe import Markup

from ..link.corpus import Corpus
from ..model.records import Event, KeyPoint
from ..text.escape import (
    anchor,
    final_html,
    html_attr,
    html_text,
    md_link,
    md_text,
    render_markdown,
    render_markdown_inline,
)
from ..text.messages import ENGLISH, Messages
from . import grading, views, wording

BASEMAP = "assets/basemap.svg"  # the country outlines under every map, one file for the whole site


class Links:
    """Links to the corpus's pages from pages at one depth; link texts are escaped once per build."""

    def __init__(
        self,
        corpus: Corpus,
        place_slug: dict[str, str],
        topic_slug: dict[str, str],
        source_relative: bool = False,
        messages: Messages = ENGLISH,
    ) -> None:
        self.corpus, self.place_slug, self.topic_slug = corpus, place_slug, topic_slug
        self.source_relative, self.messages = source_relative, messages
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
        corpus, topic_slug, messages = self.corpus, self.topic_slug, self.messages
        place_terms = views.places(corpus)

        def place_map(names: list[str], label: str, world: bool = False, focus: str | None = None) -> Markup:
            figure = views.place_map(corpus, names, label, world, basemap=basemap, focus=focus, messages=messages)
            return final_html(figure.strip()) if figure else figure

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
            "human_date": wording.date_words(messages),
            "plain_summary": views.plain_summary,
            "markdown": render_markdown,
            "markdown_list": markdown_list,
            "graded_list": functools.partial(graded_list, messages=messages),
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


def graded_list(points: list[KeyPoint], messages: Messages = ENGLISH) -> Markup:
    """Key points as one HTML list, each with its credibility badge when it has one."""
    lis = "\n".join(
        f'<li dir="auto">{render_markdown_inline(p.text)}'
        + (f" {grading.credibility_badge(p.credibility, messages)}" if p.credibility else "")
        + "</li>"
        for p in points
    )
    return final_html(f'<div class="briefing-md">\n<ul>\n{lis}\n</ul>\n</div>')


def markdown_list(items: list[str]) -> Markup:
    """A list of one-paragraph Markdown fields as one HTML block."""
    lis = "\n".join(f'<li dir="auto">{render_markdown_inline(item)}</li>' for item in items)
    return final_html(f'<div class="briefing-md">\n<ul>\n{lis}\n</ul>\n</div>')
