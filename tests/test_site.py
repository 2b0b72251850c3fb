"""End to end: the real `mkdocs build --strict` of the sample, read back from the built HTML."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import SAMPLE_ID, copy_project, write

pytestmark = pytest.mark.slow


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def article(page: str) -> str:
    return page[page.index("<article") : page.index("</article>")]


def text(fragment: str) -> str:
    """Visible text of an HTML fragment, white space collapsed."""
    parts: list[str] = []
    parser = HTMLParser(convert_charrefs=True)
    parser.handle_data = parts.append  # type: ignore[method-assign]
    parser.feed(fragment)
    return " ".join("".join(parts).split())


def test_briefing_page_shows_quotes_with_their_speakers(built_sample: Path) -> None:
    page = article(html(built_sample / "site", f"generated/briefings/{SAMPLE_ID}"))
    quotes = re.findall(r"<blockquote>(.*?)</blockquote>", page, re.S)
    assert len(quotes) == 9
    kim = next(q for q in quotes if "new multipolar world" in q)
    assert '<a href="../../actors/kim-jong-un/">Kim Jong Un</a>' in kim
    ingram = next(q for q in quotes if "I think North Korea will probably supply troops" in q)
    assert '<a href="../../actors/philip-ingram/">Philip Ingram</a>' in ingram
    assert "Bottom line" in page
    assert "Assessment" in page
    full = html(built_sample / "site", f"generated/briefings/{SAMPLE_ID}")
    assert '<a href="../../topics/#tag:war-in-ukraine" class="md-tag">war in Ukraine' in full


def test_actor_page_lists_every_quote_and_appearance(built_sample: Path) -> None:
    page = text(article(html(built_sample / "site", "generated/actors/kim-jong-un")))
    for quote in ("without hesitation", "new multipolar world", "unconditional"):
        assert quote in page
    assert "Also known as: Kim" in page
    assert "North Korean troops could join Russia's invasion of Ukraine under new pact, experts warn" in page
    assert "Appears most with" in page


def test_timeline_is_in_date_order_and_links_briefings(built_sample: Path) -> None:
    page = article(html(built_sample / "site", "generated/timeline"))
    ids = re.findall(r'<h4 id="event-([a-z0-9-]+)"', page)
    assert ids[0] == "russia-holds-luhansk-and-donetsk"  # 2022
    assert ids[-1] == "putin-welcoming-ceremony-kim-il-sung-square"  # 19 June 2024, after June 2024
    assert len(ids) == 7
    assert page.index(">2022<") < page.index(">2024<") < page.index(">June 2024<")
    assert f'href="../briefings/{SAMPLE_ID}/"' in page


def test_quote_index_groups_by_speaker(built_sample: Path) -> None:
    page = text(article(html(built_sample / "site", "generated/quotes")))
    assert page.index("Kim Jong Un") < page.index("new multipolar world") < page.index("Philip Ingram")


def test_search_index_holds_aliases_and_quotes(built_sample: Path) -> None:
    index = json.loads((built_sample / "site/search/search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]

    def found(words: str) -> set[str]:
        return {d["location"].split("#")[0] for d in docs if words.lower() in (d["title"] + " " + d["text"]).lower()}

    assert "generated/actors/viktor-orban/" in found("Orban")
    assert "generated/actors/hamish-de-bretton-gordon/" in found("Colonel Hamish de Bretton-Gordon")
    assert f"generated/briefings/{SAMPLE_ID}/" in found("meat grinder")
    assert "generated/quotes/" in found("innermost repressed thoughts")


def test_home_lists_latest_briefing_and_tags_page_lists_topics(built_sample: Path) -> None:
    home = article((built_sample / "site/index.html").read_text(encoding="utf-8"))
    assert f'href="generated/briefings/{SAMPLE_ID}/"' in home
    topics = text(article(html(built_sample / "site", "generated/topics")))
    for topic in ("war in Ukraine", "Russia-North Korea relations", "nuclear technology"):
        assert topic in topics


def test_site_makes_no_request_to_other_hosts(built_sample: Path) -> None:
    for path in (built_sample / "site").rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", page):
            if 'rel="canonical"' in tag:  # the site's own address, never fetched
                continue
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), f"{path}: {tag}"
        assert "fonts.googleapis" not in page
        assert "fonts.gstatic" not in page


class Elements(HTMLParser):
    """Every attribute, image source and inline script of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str | None]] = []
        self.sources: list[tuple[str, str | None]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs += attrs
        self.sources += [(tag, v) for k, v in attrs if k == "src"]
        self._in_script = tag == "script"

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def test_hostile_text_lands_as_text(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p", briefings=False)
    write(
        root,
        "briefings/actors.yaml",
        f"""
        actors:
          - id: x
            name: "{HOSTILE}"
            kind: person
            aliases: ["{HOSTILE}"]
            description: "{{{{ config }}}} {{% raw %}}"
        """,
    )
    write(
        root,
        "briefings/2024-01-01-x.yaml",
        f"""
        title: "{HOSTILE} {{{{ 7*7 }}}}"
        date: 2024-01-01
        sources:
          - title: "[x](javascript:alert(3))"
            url: https://example.org/a
        summary: |
          {HOSTILE} [x](javascript:alert(4))

          ---

          {{% if x %}}
        key_points: ["{HOSTILE}", "[y](javascript:alert(5))"]
        actors: [{{actor: x, role: "---"}}]
        quotes: [{{text: "{HOSTILE}", speaker: x, context: "{{: onclick=alert(6) }}"}}]
        places: ["{HOSTILE}"]
        events: [{{id: e, date: 2024, title: "{HOSTILE}", description: "{HOSTILE}"}}]
        assessment: "{HOSTILE}"
        """,
    )
    assert main(["--root", str(root), "build", "--strict"]) == 0
    for path in (root / "site").rglob("*.html"):
        elements = Elements()
        elements.feed(path.read_text(encoding="utf-8"))
        assert not [a for a in elements.attrs if a[0].startswith("on")], path
        assert not [a for a in elements.attrs if (a[1] or "").strip().lower().startswith("javascript:")], path
        assert ("img", "x") not in elements.sources, path
        assert not [s for s in elements.scripts if "alert" in s], path
    briefing = html(root / "site", "generated/briefings/2024-01-01-x")
    visible = text(article(briefing))
    assert f"{HOSTILE} {{{{ 7*7 }}}}" in visible  # the title, exactly as written
    assert "[x](javascript:alert(4))" in visible
    assert "{% if x %}" in visible
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;" in briefing
    search = (root / "site/search/search_index.json").read_text(encoding="utf-8")
    assert "<script>alert" not in search
