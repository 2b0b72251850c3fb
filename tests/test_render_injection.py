"""Script injection through the site's own Markdown: a class of inputs, not one case.

Every Markdown and plain-text field of a briefing, an inline event and the registries is filled
with text that mixes the syntax of every Markdown extension the site enables (attr_list's
`{: ...}`, admonitions, snippets, abbreviations, footnotes, tables, md_in_html), raw HTML and
Jinja. Every page the generator makes is converted exactly as MkDocs converts it (Python-Markdown
with mkdocs.yml's extensions), and the HTML is parsed: no element may carry an on* attribute, a
javascript: address or be a script. The timeline's event blocks (md_in_html) once let attr_list
turn a description's `{: onclick=...}` into an attribute; these tests fail on that code.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.link.corpus import link
from generator.load.files import Inputs
from generator.load.project import Project
from generator.model.records import Actor, Briefing, Event, Place
from generator.publish.pdf import briefing_jobs
from generator.render.workers import render_pages
from generator.text.escape import one_line

from .conftest import REPO, copy_project, run_cli
from .test_text_escape import SiteMarkdown

# Pieces of syntax that some extension of the site acts on, or that a browser would run.
FRAGMENTS = [
    '{: onclick="alert(1)" }',
    "{ onmouseover=alert(2) }",
    "{: #x .y onfocus=alert(3) autofocus }",
    '{: href="javascript:alert(4)" }',
    "{ : onload=alert(5) }",
    '!!! danger "<b onclick=alert(6)>t</b>"',
    "??? note",
    '--8<-- "mkdocs.yml"',
    ';--8<-- "README.md"',
    "--8<--",
    "*[HTML]: <script>alert(7)</script>",
    "[^1]: <img src=x onerror=alert(8)>",
    "text[^1]",
    "<script>alert(9)</script>",
    "<img src=x onerror=alert(10)>",
    '<div markdown="1">',
    "</div>",
    '<p markdown onclick="alert(11)">',
    '<a href="javascript:alert(12)">x</a>',
    "[x](javascript:alert(13))",
    "<javascript:alert(14)>",
    "[r]: javascript:alert(15)",
    "[r]",
    "{{ 7*7 }}",
    "{% raw %}",
    "{# c #}",
    "# heading",
    "### h",
    "| a | b |",
    "|---|---|",
    "    indented",
    "```",
    "> quote",
    "- item",
    "1. item",
    "---",
    "\x02wzxhzdk:0\x03",
    "&lt;script&gt;",
    "word",
    "Doha",
]
SEPARATORS = ["\n", "\n\n", " ", ""]

markdown_field = st.lists(
    st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(SEPARATORS)), min_size=1, max_size=12
).map(lambda parts: "".join(f + s for f, s in parts).strip() or "word")
# Plain-text fields hold one line (a topic refuses control characters and has 100 at most).
plain_field = markdown_field.map(lambda text: one_line(text)[:100].strip() or "word")


class Elements(HTMLParser):
    """Every element's tag and attributes in an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))

    handle_startendtag = handle_starttag


def unsafe(html: str) -> list[str]:
    """What in `html` would run: script elements, on* attributes, javascript: addresses."""
    parser = Elements()
    parser.feed(html)
    parser.close()
    bad = []
    for tag, attrs in parser.found:
        if tag in ("script", "iframe", "object", "embed"):
            bad.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                bad.append(f"<{tag} {name}={value!r}>")
            squeezed = "".join((value or "").split()).lower()
            if squeezed.startswith(("javascript:", "vbscript:", "data:text/html")):
                bad.append(f"<{tag} {name}={value!r}>")
    return bad


def corpus_of(md: list[str], plain: list[str]) -> Inputs:
    """A briefing, an inline event, a registry event, an actor and places, each field hostile."""
    actors = [
        Actor.model_validate({"id": "a", "name": plain[0], "kind": "person", "description": md[0]}),
        Actor.model_validate({"id": "b", "name": plain[1], "kind": "state"}),
    ]
    places = [Place.model_validate({"id": "p", "name": plain[2], "lat": 25.3, "lon": 51.5, "description": md[1]})]
    events = [
        Event.model_validate(
            {
                "id": "registry-event",
                "date": "2023-05",
                "title": plain[3],
                "description": md[2],
                "notes": md[3],
                "actors": ["a", "b"],
                "places": [plain[2]],
            }
        )
    ]
    briefing = Briefing.model_validate(
        {
            "title": plain[4],
            "date": "2024-01-01",
            "sources": [{"title": plain[5], "publication": plain[6], "note": plain[7]}],
            "summary": md[4],
            "key_points": [md[5], md[6]],
            "assessment": md[7],
            "actors": [{"actor": "a", "role": plain[8]}, {"actor": "b"}],
            "quotes": [{"text": plain[9], "speaker": "a", "context": plain[10]}],
            "places": [plain[2], plain[11]],
            "topics": [plain[12]],
            "events": [
                "registry-event",
                {"id": "inline-event", "date": "2024-01-01", "title": plain[13], "description": md[8], "actors": ["a"]},
            ],
        }
    )
    return Inputs(REPO, actors=actors, events=events, places=places, briefings={"2024-01-01-b": briefing})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(md=st.lists(markdown_field, min_size=9, max_size=9), plain=st.lists(plain_field, min_size=14, max_size=14))
def test_no_field_of_any_record_puts_script_on_any_page(md: list[str], plain: list[str]) -> None:
    corpus = link(corpus_of(md, plain))
    pages = render_pages(corpus)
    assert any(path.startswith("timeline/") and path != "timeline/index.md" for path in pages)
    assert any(path.endswith(".atom.xml") for path in pages)
    for path, text in pages.items():
        if path.endswith(".md"):
            body = text.split("---\n", 2)[2] if text.startswith("---\n") else text
            html = SiteMarkdown.convert(body)
        elif path.endswith(".atom.xml"):  # the HTML a feed reader shows
            html = "".join(e.text or "" for e in ElementTree.fromstring(text).iter("{*}content"))
        elif path.endswith(".feed.json"):
            html = "".join(item.get("content_html", "") for item in json.loads(text)["items"])
        else:
            continue
        assert not unsafe(html), (path, unsafe(html))
    (job,) = briefing_jobs(Project(REPO), corpus, ["2024-01-01-b"])  # the PDF's HTML, as WeasyPrint reads it
    assert not unsafe(job.html), ("pdf", unsafe(job.html))


def test_the_timeline_attack_that_was_reported_is_inert() -> None:
    description = 'para\n{: onclick="alert(1)" }\n\n# h {: onmouseover=alert(2) }'
    pages = render_pages(link(corpus_of([description] * 9, ["word"] * 14)))
    for path in ("timeline/2023.md", "timeline/2024.md", "events/registry-event.md", "briefings/2024-01-01-b.md"):
        html = SiteMarkdown.convert(pages[path].split("---\n", 2)[2])
        assert not unsafe(html), (path, unsafe(html))
        assert "{: onclick=&quot;alert(1)&quot; }" in html  # shown as the text it is


def test_a_site_without_the_final_html_extension_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_project(tmp_path / "p")
    settings = root / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("  - briefings.final_html\n", ""), encoding="utf-8")
    line = text.splitlines().index("markdown_extensions:") + 1
    code, _, err = run_cli(capsys, "--root", str(root), "build", "--no-pdf")
    assert code == 1
    assert f"mkdocs.yml:{line}: markdown_extensions: must list briefings.final_html" in err
    assert "Traceback" not in err
    assert not (root / "site").exists()
