"""Render the linked corpus into Markdown pages (a pure function: corpus in, files out)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from . import views
from .escape import anchor, html_text, md_link, md_text, render_markdown, render_markdown_inline
from .link import Corpus
from .templating import environment, render

PDF_DIR = "pdf"  # site folder the PDFs are published under (see pdf.py)
ALSO_IN_MAX = 5  # other briefings listed under each related event (the timeline lists them all)


@dataclass(frozen=True, slots=True)
class Options:
    """What the rendered pages depend on besides the corpus."""

    templates: Path | None = None
    pdf_links: bool = False
    latest: int = 10


def render_pages(corpus: Corpus, options: Options | None = None) -> dict[str, str]:
    """Every generated page, keyed by its path inside the generated folder."""
    options = options or Options()
    env = environment(options.templates)
    related = views.related_briefings(corpus)
    co = views.co_actors(corpus)
    place_list = views.places(corpus)
    anchors = {name: place_id for name, place_id, _ in place_list}
    shared: dict[str, Any] = {
        "corpus": corpus,
        "briefings": corpus.briefings,
        "actors": corpus.actors,
        "events": corpus.events,
        "place_anchor": anchors,
        "pdf_links": options.pdf_links,
        "pdf_dir": PDF_DIR,
        "also_in": lambda bid, eid: views.also_in(corpus, bid, eid, ALSO_IN_MAX),
    }
    pages: dict[str, str] = {}

    def page(path: str, template: str, **context: Any) -> None:
        if path in pages:  # ids are checked (link.py); this guards the page layout itself
            raise ValueError(f"two pages would be written to {path}")
        pages[path] = render(env, template, **shared, **_helpers(path), **context)

    for bid, b in corpus.briefings.items():
        page(
            f"briefings/{bid}.md",
            "briefing.md.j2",
            b=b,
            bid=bid,
            timeline_events=corpus.briefing_events[bid],
            related=related[bid],
        )
    for aid, actor in corpus.actors.items():
        page(f"actors/{aid}.md", "actor.md.j2", actor=actor, aid=aid, co_actors=co.get(aid, []))
    page("briefings/index.md", "briefings.md.j2")
    page("actors/index.md", "actors.md.j2")
    page("timeline.md", "timeline.md.j2", years=views.timeline(corpus))
    page("quotes.md", "quotes.md.j2", speakers=views.quotes_by_speaker(corpus))
    page("places.md", "places.md.j2", places=place_list)
    page("topics.md", "topics.md.j2")
    page("snippets/latest.md", "latest.md.j2", latest=list(corpus.briefings)[: options.latest])
    return pages


def _helpers(path: str) -> dict[str, Any]:
    """Functions templates call; links are made relative to the page being rendered.

    The home page includes snippets/latest.md from docs/index.md, so its links start at docs/.
    """
    up = "generated/" if path.startswith("snippets/") else "../" * path.count("/")

    def rel(target: str) -> str:
        return up + target

    def link(text: object, target: str) -> Markup:
        return Markup(f"[{md_text(text)}]({rel(target)})")

    return {
        "link": link,
        "anchor": anchor,
        "external": md_link,
        "front_matter": front_matter,
        "human_date": views.human_date,
        "plain_summary": views.plain_summary,
        "markdown": render_markdown,
        "markdown_list": markdown_list,
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
    data.update(extra)
    # JSON is YAML: each value as ASCII JSON can hold no YAML syntax of its own (and is fast).
    body = "".join(f"{key}: {json.dumps(value, ensure_ascii=True)}\n" for key, value in data.items())
    return Markup(f"---\n{body}---\n")


def markdown_list(items: list[str]) -> Markup:
    """A list of one-paragraph Markdown fields as one HTML block."""
    lis = "\n".join(f"<li>{render_markdown_inline(item)}</li>" for item in items)
    return Markup(f'<div class="briefing-md">\n<ul>\n{lis}\n</ul>\n</div>')
