"""End to end: the real `mkdocs build --strict` of the sample, read back from the built HTML."""

from __future__ import annotations

import datetime as dt
import html as html_module
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest

from generator.cli import main
from generator.core.trash import TRASH_PREFIX, discard

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
    assert '<a href="../../topics/war-in-ukraine/">war in Ukraine</a>' in full
    assert '<a href="../../events/russia-north-korea-defence-pact-signed/">' in full


def test_actor_page_lists_every_quote_and_appearance(built_sample: Path) -> None:
    page = text(article(html(built_sample / "site", "generated/actors/kim-jong-un")))
    for quote in ("without hesitation", "new multipolar world", "unconditional"):
        assert quote in page
    assert "Also known as: Kim" in page
    assert "North Korean troops could join Russia's invasion of Ukraine under new pact, experts warn" in page
    assert "Appears most with" in page


def test_timeline_has_a_landing_chart_and_a_page_per_year_newest_first(built_sample: Path) -> None:
    site = built_sample / "site"
    landing = article(html(site, "generated/timeline"))
    assert landing.index('href="2024/"') < landing.index('href="2022/"')
    assert landing.count('class="bf-bar"') == 2  # a bar per year, drawn by CSS: no script, no network
    y2024 = article(html(site, "generated/timeline/2024"))
    ids = re.findall(r'<h3 dir="auto" id="event-([a-z0-9-]+)"', y2024)
    assert ids[0] == "putin-welcoming-ceremony-kim-il-sung-square"  # 19 June 2024 first, June 2024 after
    assert len(ids) == 6
    assert f'href="../../briefings/{SAMPLE_ID}/"' in y2024
    assert 'href="../../events/russia-north-korea-defence-pact-signed/"' in y2024
    y2022 = article(html(site, "generated/timeline/2022"))
    assert re.findall(r'<h3 dir="auto" id="event-([a-z0-9-]+)"', y2022) == ["russia-holds-luhansk-and-donetsk"]
    assert "2022, month not given" in y2022


def test_event_page_lists_date_actors_places_and_citing_briefings(built_sample: Path) -> None:
    page = text(article(html(built_sample / "site", "generated/events/russia-north-korea-defence-pact-signed")))
    assert page.startswith("Kim Jong Un and Vladimir Putin sign a defence pact in Pyongyang")
    assert "June 2024" in page
    assert "Actors: Kim Jong Un (signatory), Vladimir Putin (signatory), Russia, North Korea" in page
    assert "Places: Pyongyang" in page
    assert "Cited in 1 briefing." in page
    assert "North Korean troops could join Russia's invasion of Ukraine" in page


def test_quote_pages_by_year_and_by_speaker(built_sample: Path) -> None:
    page = text(article(html(built_sample / "site", "generated/quotes/2024")))
    assert page.count("19 June 2024, in North Korean troops") == 9
    speakers = text(article(html(built_sample / "site", "generated/quotes/speakers")))
    assert "Kim Jong Un · North Korean leader: 3 quotes" in speakers
    assert speakers.index("Hamish") < speakers.index("Kim Jong Un") < speakers.index("Philip Ingram")


def test_search_index_is_pagefind_and_material_index_keeps_only_hand_written_pages(built_sample: Path) -> None:
    site = built_sample / "site"
    assert (site / "pagefind/pagefind.js").is_file()
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    pages = entry["languages"]["en"]["page_count"]
    assert pages == 6  # about, 1 briefing, and a record each of the 15 actors, 7 events, 10 places, 6 topics
    folder = site / "pagefind/records"
    records = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))
    assert records == ["actors/0.html", "events/0.html", "places/0.html", "topics/0.html"]
    actors = (site / "pagefind/records/actors/0.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<h2 id="[^"]+">', actors)) == 15
    assert '<h2 id="kim-jong-un">Kim Jong Un</h2>' in actors
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert {d["location"].split("#")[0] for d in index["docs"]} <= {"", "about/"}


def test_home_lists_latest_briefing_and_topics_index_lists_topics(built_sample: Path) -> None:
    home = article((built_sample / "site/index.html").read_text(encoding="utf-8"))
    assert f'href="generated/briefings/{SAMPLE_ID}/"' in home
    topics = text(article(html(built_sample / "site", "generated/topics")))
    for topic in ("war in Ukraine: 1 briefing, 7 events", "Russia-North Korea relations", "nuclear technology"):
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

    @classmethod
    def of(cls, page: str) -> Elements:
        parsed = cls()
        parsed.feed(page)
        return parsed

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str | None]] = []
        self.sources: list[tuple[str, str | None]] = []
        self.scripts: list[str] = []
        self.data: list[str] = []  # structured data (JSON-LD) scripts, which are never run
        self._in_script = self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs += attrs
        self.sources += [(tag, v) for k, v in attrs if k == "src"]
        self._in_data = tag == "script" and ("type", "application/ld+json") in attrs
        self._in_script = tag == "script" and not self._in_data

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
        if self._in_data:
            self.data.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._in_data = False


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
        events:
          - {{id: e, date: 2024, title: "{HOSTILE}", description: "{HOSTILE}"}}
          - id: attr-list
            date: 2024-01
            title: attr_list in a timeline block
            description: |
              para
              {{: onclick="alert(7)" }}

              # h {{: onmouseover=alert(8) }}

              !!! danger "x"
                  {{: onfocus=alert(9) autofocus }}
          - registry-attr-list
        assessment: "{HOSTILE}"
        """,
    )
    write(
        root,
        "briefings/events.yaml",
        """
        events:
          - id: registry-attr-list
            date: 2023-06-01
            title: A registry event
            description: |
              para
              {: onclick="alert(10)" }
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
        for data in elements.data:  # JSON whose text can hold no markup: no <, > or & as themselves
            assert not re.search("[<>&]", data), path
            json.loads(data)
    briefing = html(root / "site", "generated/briefings/2024-01-01-x")
    (data,) = Elements.of(briefing).data
    assert json.loads(data)["name"] == f"{HOSTILE} {{{{ 7*7 }}}}"
    assert f'<meta property="og:title" content="{html_module.escape(HOSTILE)} {{{{ 7*7 }}}}">' in briefing
    raw = (root / "docs/generated/briefings.atom.xml").read_bytes()
    atom = feedparser.parse(raw)
    assert not atom.bozo
    assert atom.entries[0].title == f"{HOSTILE} {{{{ 7*7 }}}}"  # the title as text, in the feed too
    content = ElementTree.fromstring(raw).findtext("{*}entry/{*}content") or ""  # the HTML a reader shows
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<script" not in content
    assert "<img" not in content
    visible = text(article(briefing))
    assert f"{HOSTILE} {{{{ 7*7 }}}}" in visible  # the title, exactly as written
    assert "[x](javascript:alert(4))" in visible
    assert "{% if x %}" in visible
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;" in briefing
    search = (root / "site/search/search_index.json").read_text(encoding="utf-8")
    assert "<script>alert" not in search
    timeline = text(article(html(root / "site", "generated/timeline/2024")))
    assert '{: onclick="alert(7)" }' in timeline  # the description, shown as the text it is
    assert "h {: onmouseover=alert(8) }" in timeline


def test_rebuild_renders_only_changed_pages_and_never_edits_the_old_site_in_place(
    built_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = built_copy / "site"
    inode = site.stat().st_ino
    assert main(["--root", str(built_copy), "build", "--strict"]) == 0
    out = capsys.readouterr().out
    assert "files 0 written" in out
    assert "PDFs 0 rendered" in out
    assert "site/ up to date" in out
    assert site.stat().st_ino == inode  # nothing changed, so no new site was made
    page = site / f"generated/briefings/{SAMPLE_ID}/index.html"
    kept = built_copy / "old-page.html"
    os.link(page, kept)  # the old site's page, as a second name for the same file
    untouched = site / "generated/quotes/speakers/index.html"  # names no briefing title
    before = untouched.stat().st_mtime_ns
    path = built_copy / f"briefings/{SAMPLE_ID}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("experts warn", "experts now warn", 1), encoding="utf-8")
    assert main(["--root", str(built_copy), "build", "--strict"]) == 0
    assert "site built (changed pages only)" in capsys.readouterr().out
    assert "experts now warn" in page.read_text(encoding="utf-8")
    assert "experts now warn" not in kept.read_text(encoding="utf-8")  # written anew, not in place
    assert untouched.stat().st_mtime_ns == before  # an unchanged page was not rendered again
    assert "experts now warn" in (site / "generated/timeline/2024/index.html").read_text(encoding="utf-8")
    assert (site / "pagefind/pagefind.js").is_file()
    # A page whose Markdown is gone leaves the site too; --full renders everything.
    path.write_text(path.read_text(encoding="utf-8").replace("status: published", "status: draft"), encoding="utf-8")
    assert main(["--root", str(built_copy), "build", "--strict", "--no-pdf"]) == 0
    assert not page.exists()
    assert not (site / "generated/actors/philip-ingram/index.html").exists()  # named by that briefing only
    assert not (site / f"generated/briefings/{SAMPLE_ID}").exists()  # (its folder too)
    for gone in ("generated/pdf", "generated/export"):  # files other than pages leave with theirs
        left = {p.relative_to(site).as_posix() for p in (site / gone).rglob("*") if p.is_file() and p.suffix != ".html"}
        there = {p.relative_to(built_copy / "docs").as_posix() for p in (built_copy / "docs" / gone).rglob("*")}
        assert left <= there, left - there
    capsys.readouterr()
    assert main(["--root", str(built_copy), "build", "--strict", "--no-pdf", "--full"]) == 0
    assert "changed pages only" not in capsys.readouterr().out


def test_same_input_gives_the_same_site_bytes_on_any_day(built_sample: Path, tmp_path: Path) -> None:
    sitemap = (built_sample / "site/sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {"2024-06-19"}  # the newest briefing's day
    again = copy_project(tmp_path / "again")
    assert main(["--root", str(again), "build", "--strict"]) == 0
    first, second = built_sample / "site", again / "site"
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()] == []


def test_leftovers_of_an_interrupted_build_are_cleaned_up(built_copy: Path) -> None:
    """A new site, the old one mid-swap and search scratch folders go; so does the site a build
    replaces (deleted in the background, out of the project: core/trash.py)."""
    (built_copy / ".site-abc123/generated").mkdir(parents=True)
    (built_copy / ".search-abc123/site").mkdir(parents=True)
    (built_copy / "site.old").mkdir()
    assert main(["--root", str(built_copy), "build", "--no-pdf", "--full"]) == 0
    assert [p.name for p in built_copy.iterdir() if p.name.startswith((".site-", ".search-", "site."))] == []


def test_a_discarded_folder_leaves_its_place_at_once_and_is_deleted_in_the_background(tmp_path: Path) -> None:
    folder = tmp_path / "old-site"
    (folder / "generated/briefings/a").mkdir(parents=True)
    (folder / "generated/briefings/a/index.html").write_text("a page", encoding="utf-8")
    before = set(Path(tempfile.gettempdir()).glob(TRASH_PREFIX + "*"))
    discard(folder)
    assert not folder.exists()
    deadline = time.monotonic() + 60
    while set(Path(tempfile.gettempdir()).glob(TRASH_PREFIX + "*")) - before and time.monotonic() < deadline:
        time.sleep(0.1)
    assert set(Path(tempfile.gettempdir()).glob(TRASH_PREFIX + "*")) - before == set()


def test_pages_read_one_at_a_time_are_the_pages_mkdocs_itself_writes(built_sample: Path, tmp_path: Path) -> None:
    """mkdocs_run reads each generated page just before writing it (to bound its memory): MkDocs'
    own build, run on the same docs/, writes the same bytes."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(dt.datetime(2024, 6, 19, tzinfo=dt.UTC).timestamp()))}
    stock = tmp_path / "stock"
    run = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(stock)]
    subprocess.run(run, cwd=built_sample, env=env, check=True, capture_output=True)
    ours = built_sample / "site"
    pages = sorted(p.relative_to(stock) for p in stock.rglob("*.html"))
    assert len(pages) > 40
    assert Path("generated/actors/kim-jong-un/index.html") in pages
    assert [p for p in pages if (stock / p).read_bytes() != (ours / p).read_bytes()] == []


@pytest.mark.parametrize(("anchor", "fails"), [("#said", False), ("#not-there", True)])
def test_links_to_anchors_of_pages_read_later_are_still_checked(tmp_path: Path, anchor: str, fails: bool) -> None:
    settings = "site_name: t\nnav:\n  - Home: index.md\nnot_in_nav: |\n  /generated/\nvalidation:\n  anchors: warn\n"
    write(tmp_path, "mkdocs.yml", settings)
    write(tmp_path, "docs/index.md", "# Home\n\n[first](generated/a.md)\n")
    write(tmp_path, "docs/generated/a.md", f"# A\n\n[what b said](b.md{anchor})\n")
    write(tmp_path, "docs/generated/b.md", "# B\n\n## Said\n\nWords.\n")
    run = [sys.executable, "-m", "generator.publish.mkdocs_run", "build", "--strict", "-d", str(tmp_path / "site")]
    result = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert (result.returncode != 0) == fails, result.stderr
    assert ("does not contain an anchor '#not-there'" in result.stderr) == fails
    assert (tmp_path / "site/generated/b/index.html").is_file() or fails
