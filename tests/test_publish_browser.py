"""The built site in a real browser (Debian's Chromium driven by Playwright): search, links,
offline, accessibility, and screenshots to look at. One browser for the whole run."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socketserver
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.cli import main

from .conftest import REPO, SAMPLE_ID, copy_project, start_serve

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = REPO / "node_modules/axe-core/axe.min.js"
SHOTS = REPO / "build/screenshots"
PAGES = {
    "home": "",
    "briefing": f"generated/briefings/{SAMPLE_ID}/",
    "actor": "generated/actors/kim-jong-un/",
    "timeline": "generated/timeline/",
    "timeline-year": "generated/timeline/2024/",
    "event": "generated/events/russia-north-korea-defence-pact-signed/",
    "places": "generated/places/",
    "place": "generated/places/pyongyang/",
    "quotes": "generated/quotes/2024/",
}

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

if not CHROMIUM.exists() or not AXE.exists():
    missing = "Chromium (/usr/bin/chromium)" if not CHROMIUM.exists() else "axe-core (npm ci)"
    if os.environ.get("CI"):
        raise RuntimeError(f"browser tests need {missing}, and in CI they must run")
    pytest.skip(f"browser tests skipped: {missing} is not installed (make test installs it)", allow_module_level=True)

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server(built_by_engine: Path) -> Iterator[str]:
    """The built sample site (by each engine in turn), served on 127.0.0.1 for these tests."""
    handler = functools.partial(_Quiet, directory=str(built_by_engine / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    """A fresh page that records console errors and any request to another host."""
    context = browser.new_context()
    pg = context.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.foreign = []  # type: ignore[attr-defined]
    host = urlsplit(server).netloc
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))  # type: ignore[attr-defined]
    pg.on(
        "request",
        lambda r: (
            urlsplit(r.url).scheme in ("http", "https") and urlsplit(r.url).netloc != host and pg.foreign.append(r.url)
        ),  # type: ignore[attr-defined]
    )
    yield pg
    context.close()


def search(page: Page, server: str, query: str, engine: str = "mkdocs") -> list[str]:
    page.goto(server)
    page.wait_for_load_state("networkidle")  # the search worker has loaded the index
    if engine == "zensical":  # its search button and Ctrl+K open the dialog briefings.js makes
        if "Orb" in query:  # the queries for Viktor Orbán open it from the keyboard, the others by mouse
            page.keyboard.press("Control+k")
        else:
            page.locator(".md-search__button").click()
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(query, delay=20)  # as a person types
    page.locator(".bf-results .md-search-result__item").first.wait_for(timeout=15_000)
    page.wait_for_load_state("networkidle")  # (the last keystroke's query answered, not an earlier one's)
    # read at once: the list is replaced as each keystroke's results come in
    hrefs = "els => els.map(a => a.getAttribute('href') || '')"
    found = page.eval_on_selector_all(".bf-results a.md-search-result__link", hrefs)
    return [str(h) for h in found]


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    """The engine that built the site under test."""
    return str(request.node.callspec.params.get("built_by_engine", "mkdocs"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Kim Jong Un", "generated/actors/kim-jong-un/"),
        ("Orban", "generated/actors/viktor-orban/"),  # an alias
        ("Viktor Orbán", "generated/actors/viktor-orban/"),  # an accent
        ("Bretton-Gordon", "generated/actors/hamish-de-bretton-gordon/"),  # a hyphen
        ("People's Army", "generated/actors/korean-peoples-army/"),  # an apostrophe
        ("innermost repressed thoughts", f"generated/briefings/{SAMPLE_ID}/"),  # words of a quote
        ("nuclear technology", f"generated/briefings/{SAMPLE_ID}/"),  # a topic
        ("Ryugyong Hotel", "generated/places/ryugyong-hotel/"),  # a place (indexed in a record)
        ("objection to Mark Rutte", "generated/events/hungary-withdraws-objection-to-rutte/"),  # an event's title
    ],
)
def test_search_lists_the_right_page_and_opens_it(
    page: Page, server: str, query: str, expected: str, engine: str
) -> None:
    hrefs = search(page, server, query, engine)
    matching = [h for h in hrefs if urlsplit(h).path == "/" + expected]
    assert matching, f"{query!r}: {hrefs}"
    page.locator(f'a.md-search-result__link[href="{matching[0]}"]').first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/" + expected
    assert page.errors == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Kim Jong Un", "generated/actors/kim-jong-un/"),
        ("Pyongyang", "generated/places/pyongyang/"),
    ],
)
def test_search_lists_the_page_of_a_name_first(page: Page, server: str, query: str, expected: str, engine: str) -> None:
    """A name that the briefing uses over and over still gives its own page first: actors, events,
    places and topics are indexed in records, whose headings that hold every word come first."""
    hrefs = search(page, server, query, engine)
    assert urlsplit(hrefs[0]).path == "/" + expected, hrefs
    assert len(hrefs) == len(set(hrefs)) > 1
    assert page.errors == []  # type: ignore[attr-defined]


def test_speaker_link_opens_actor_page_listing_the_quote(page: Page, server: str) -> None:
    page.goto(server + PAGES["briefing"])
    quote = page.locator("blockquote", has_text="new multipolar world")
    quote.get_by_role("link", name="Kim Jong Un").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/generated/actors/kim-jong-un/"
    assert page.locator("blockquote", has_text="new multipolar world").count() == 1
    assert page.locator("h1").inner_text().rstrip("¶") == "Kim Jong Un"


def test_briefing_opens_with_its_marking_banner_above_the_title(page: Page, server: str) -> None:
    page.goto(server + PAGES["briefing"])
    banner = page.locator("article .bf-tlp")
    assert banner.is_visible()
    assert banner.inner_text().startswith("TLP:CLEAR")
    assert "Disclosure is not limited." in banner.inner_text()
    assert banner.get_attribute("role") == "note"
    top = banner.bounding_box()
    title = page.locator("article h1").bounding_box()
    assert top is not None
    assert title is not None
    assert top["y"] < title["y"]
    colours = banner.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]")
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]  # TLP 2.0: the label's colour on black


def test_actor_page_links_its_feeds_and_they_are_served(page: Page, server: str) -> None:
    page.goto(server + PAGES["actor"])
    follow = page.locator("article .bf-follow")
    assert follow.inner_text() == "Follow: Atom feed · JSON Feed"
    for name, kind in (("Atom feed", "<feed"), ("JSON Feed", '"version": "https://jsonfeed.org/version/1.1"')):
        href = follow.get_by_role("link", name=name).get_attribute("href") or ""
        response = page.request.get(page.url + href)
        assert response.ok
        assert kind in response.text()
        assert "North Korean troops could join" in response.text()
    alternates = page.locator('head link[rel~="alternate"]')  # as feed readers find them
    assert [a.get_attribute("type") for a in alternates.all()] == ["application/atom+xml", "application/feed+json"]
    assert page.errors == []  # type: ignore[attr-defined]


def test_grade_badges_say_what_they_mean_and_the_legend_opens(page: Page, server: str) -> None:
    page.goto(server + PAGES["briefing"])
    badge = page.get_by_label("Credibility 2: probably true")
    assert badge.is_visible()
    assert badge.inner_text() == "2"
    assert page.get_by_label("Source reliability F: reliability cannot be judged").is_visible()
    legend = page.locator("details#grading")
    assert not legend.locator("table").is_visible()
    legend.locator("summary").click()
    assert legend.locator("table").is_visible()
    assert "truth cannot be judged" in legend.inner_text()
    assert page.errors == []  # type: ignore[attr-defined]


def test_timeline_year_event_page_and_briefing_are_a_few_clicks_from_home(page: Page, server: str) -> None:
    page.goto(server)
    page.locator(".md-tabs").get_by_role("link", name="Timeline").click()
    page.get_by_role("link", name="2024", exact=True).first.click()
    assert urlsplit(page.url).path == "/generated/timeline/2024/"
    page.get_by_role("link", name="Kim Jong Un and Vladimir Putin sign a defence pact in Pyongyang").click()
    assert urlsplit(page.url).path == "/" + PAGES["event"]
    assert page.locator("h1").inner_text().startswith("Kim Jong Un and Vladimir Putin sign a defence pact")
    page.locator("article").get_by_role("link", name="North Korean troops could join").first.click()
    assert urlsplit(page.url).path == "/" + PAGES["briefing"]
    page.get_by_role("link", name="Kim Jong Un and Vladimir Putin sign a defence pact in Pyongyang").click()
    assert urlsplit(page.url).path == "/" + PAGES["event"]  # the briefing links back to the event page
    assert page.errors == []  # type: ignore[attr-defined]


def test_timeline_filter_by_actor_hides_other_events_without_reload(page: Page, server: str) -> None:
    page.goto(server + PAGES["timeline-year"])
    events = page.locator(".bf-event")
    assert events.count() == 6
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Actor").select_option("mark-rutte")
    visible = page.locator(".bf-event:visible")
    assert visible.count() == 2
    assert all("Rutte" in text or "NATO" in text for text in visible.all_inner_texts())
    assert page.locator("form.bf-facets output").inner_text() == "2 of 6 events shown"
    page.get_by_label("Place").select_option("pyongyang")  # filters combine: nothing has both
    assert page.locator(".bf-event:visible").count() == 0
    assert page.locator(".bf-month:visible").count() == 0
    page.get_by_role("button", name="Clear filters").click()
    page.wait_for_function("document.querySelectorAll('.bf-event:not([hidden])').length === 6")
    assert page.evaluate("window.notReloaded") is True
    assert page.errors == []  # type: ignore[attr-defined]


def test_jump_bar_goes_to_another_year(page: Page, server: str) -> None:
    page.goto(server + PAGES["timeline-year"])
    page.locator("nav.bf-jump").get_by_role("link", name="2022").click()
    page.wait_for_url("**/generated/timeline/2022/")
    assert page.locator(".bf-event").count() == 1
    assert page.locator("nav.bf-jump strong").inner_text() == "2022"


def test_index_filter_box_narrows_the_list(page: Page, server: str) -> None:
    page.goto(server + PAGES["places"])
    page.get_by_label("Filter this list").fill("pyong")
    assert page.locator(".bf-az li:visible").all_inner_texts() == [
        "Pyongyang · city, North Korea: 1 briefing, 3 events"
    ]
    assert page.locator(".bf-az section:visible h2").all_inner_texts() == ["P¶"]
    page.get_by_label("Filter this list").fill("")
    assert page.locator(".bf-az li:visible").count() == 10


def test_maps_show_the_placed_places_offline(page: Page, server: str) -> None:
    for name in ("places", "place", "briefing"):
        page.goto(server + PAGES[name])
        svg = page.locator("figure.bf-map svg")
        assert svg.is_visible(), name
        box = svg.bounding_box()
        assert box is not None
        assert box["width"] > 300, name
        assert svg.locator(".bf-points circle").count() == 1  # Pyongyang: the one sample place with coordinates
        assert svg.locator(".bf-points circle title").text_content() == "Pyongyang"
        assert "Pyongyang" in (svg.get_attribute("aria-label") or "")
        assert "Outlines: Natural Earth" in page.locator("figure.bf-map figcaption").inner_text()


def test_a_map_zooms_and_pans_and_keeps_its_shape_and_its_points_size(page: Page, server: str) -> None:
    page.goto(server + PAGES["place"])
    svg = page.locator("figure.bf-map svg")
    box = svg.bounding_box()
    assert box is not None
    assert box["height"] > 150  # (the map keeps its proportions once it can zoom)
    assert 1.2 < box["width"] / box["height"] < 3
    viewport = svg.locator("g.svg-pan-zoom_viewport")
    before = viewport.get_attribute("transform")
    point = svg.locator(".bf-points circle").first
    size = float(point.get_attribute("r") or 0)
    svg.locator("#svg-pan-zoom-zoom-in").click()
    svg.locator("#svg-pan-zoom-zoom-in").click()
    assert viewport.get_attribute("transform") != before
    assert 0 < float(point.get_attribute("r") or 0) < size  # drawn smaller in map units: the same on screen
    start = viewport.get_attribute("transform")
    box = svg.bounding_box()  # (where it is now: clicking the buttons may have scrolled the page)
    assert box is not None
    middle = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.move(*middle)
    page.mouse.down()
    page.mouse.move(middle[0] + 60, middle[1] + 20, steps=5)
    page.mouse.up()
    page.wait_for_function(  # dragged (the map is redrawn on the next frame)
        "start => document.querySelector('g.svg-pan-zoom_viewport').getAttribute('transform') !== start",
        arg=start,
        timeout=5000,
    )
    assert svg.locator("text", has_text="Pyongyang").count() == 1  # the place the page is about is labelled
    assert page.errors == []  # type: ignore[attr-defined]


def test_topic_index_lists_the_topic_page_with_its_briefing(page: Page, server: str) -> None:
    page.goto(server + "generated/topics/")
    for topic in ("war in Ukraine", "NATO", "nuclear technology"):
        assert page.locator(".bf-az").get_by_role("link", name=topic, exact=True).count() == 1, topic
    page.locator(".bf-az").get_by_role("link", name="war in Ukraine", exact=True).click()
    assert urlsplit(page.url).path == "/generated/topics/war-in-ukraine/"
    page.locator("article").get_by_role("link", name="North Korean troops could join").first.click()
    assert urlsplit(page.url).path == "/" + PAGES["briefing"]


def test_pdf_link_returns_a_pdf(page: Page, server: str) -> None:
    page.goto(server + PAGES["briefing"])
    href = page.get_by_role("link", name="Printable PDF").get_attribute("href")
    assert href
    response = page.request.get(server + PAGES["briefing"] + href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")


def serious_axe_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now, with where and why."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -- {[(n['target'], n.get('failureSummary')) for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_has_no_console_errors_no_foreign_requests_and_no_serious_axe_violations(
    page: Page, server: str, name: str, scheme: str
) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(server + PAGES[name])
    page.wait_for_load_state("networkidle")
    assert serious_axe_violations(page) == []
    assert page.errors == []  # type: ignore[attr-defined]
    assert page.foreign == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_results_have_no_serious_axe_violations(page: Page, server: str, engine: str, scheme: str) -> None:
    """The search box open with results: Material's, or the dialog briefings.js makes on Zensical."""
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    assert search(page, server, "Kim Jong Un", engine)
    assert serious_axe_violations(page) == []
    assert page.errors == []  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def preview_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample built for /pr-preview/pr-7/ and served under that path, as a pull request preview is."""
    webroot = tmp_path_factory.mktemp("webroot")
    root = copy_project(tmp_path_factory.mktemp("preview") / "p")
    with socketserver.TCPServer(("127.0.0.1", 0), None) as probe:  # pick a free port first: the URL names it
        port = probe.server_address[1]
    url = f"http://127.0.0.1:{port}/pr-preview/pr-7/"
    assert main(["--root", str(root), "build", "--strict", "--site-url", url]) == 0
    (webroot / "pr-preview").mkdir()
    shutil.move(root / "site", webroot / "pr-preview/pr-7")
    handler = functools.partial(_Quiet, directory=str(webroot))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield url
    httpd.shutdown()
    httpd.server_close()


def test_preview_under_a_sub_path_searches_links_and_serves_pdfs(browser: Browser, preview_server: str) -> None:
    context = browser.new_context()
    pg = context.new_page()
    errors: list[str] = []
    failed: list[str] = []
    pg.on("console", lambda m: m.type == "error" and errors.append(m.text))
    pg.on("response", lambda r: r.status >= 400 and failed.append(r.url))
    hrefs = search(pg, preview_server, "Orban")
    assert "/pr-preview/pr-7/generated/actors/viktor-orban/" in [urlsplit(h).path for h in hrefs]
    pg.goto(preview_server + PAGES["briefing"])
    pg.get_by_role("link", name="Kim Jong Un").first.click()
    pg.wait_for_load_state("networkidle")
    assert urlsplit(pg.url).path == "/pr-preview/pr-7/generated/actors/kim-jong-un/"
    pdf = pg.request.get(preview_server + f"generated/pdf/{SAMPLE_ID}.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert errors == []
    assert failed == []
    context.close()


@pytest.mark.parametrize("mode", ["light", "dark", "phone"])
def test_screenshots(browser: Browser, server: str, mode: str) -> None:
    """Screenshots for a person to look at (build/screenshots/); the test checks they were taken."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    viewport = {"width": 390, "height": 844} if mode == "phone" else {"width": 1280, "height": 900}
    context = browser.new_context(viewport=viewport, color_scheme="dark" if mode == "dark" else "light")
    pg = context.new_page()
    for name, url in PAGES.items():
        pg.goto(server + url)
        pg.wait_for_load_state("networkidle")
        scheme = pg.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert scheme == ("slate" if mode == "dark" else "default")
        path = SHOTS / f"{name}-{mode}.png"
        pg.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
    context.close()


def test_preview_shows_a_broken_edit_on_the_page_until_it_is_fixed(browser: Browser, tmp_path: Path) -> None:
    """`briefings serve`: the problems of a broken edit show at the top of the page in the browser,
    as text with file and line; the banner goes when the file is fixed."""
    import subprocess
    import time

    project = copy_project(tmp_path / "project")
    sample = project / f"briefings/{SAMPLE_ID}.yaml"
    server, port = start_serve(project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/generated/briefings/{SAMPLE_ID}/"
    pg = browser.new_page()

    def banner(present: bool) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                pg.goto(url)
                box = pg.locator(".bf-serve-problems")
                if (box.count() > 0) == present:
                    return box.inner_text() if present else ""
            except Exception:
                pass
            time.sleep(0.5)
        raise AssertionError(f"banner never {'appeared' if present else 'went'}")

    try:
        assert banner(False) == ""
        text = sample.read_text(encoding="utf-8")
        sample.write_text(text.replace("date: 2024-06-19", "date: 2024-06-31", 1), encoding="utf-8")
        shown = banner(True)
        assert "Not regenerated" in shown
        assert f"{SAMPLE_ID}.yaml:5: date: no such day: '2024-06-31'" in shown
        assert pg.get_by_role("alert").count() == 1
        sample.write_text(text, encoding="utf-8")
        banner(False)
    finally:
        # The server goes first, so no live reload can race the page's closing: Chromium can
        # drop a close that lands while a navigation commits, and page.close() then never
        # returns (microsoft/playwright#42366, #42068).
        server.terminate()
        server.wait(timeout=20)
        with contextlib.suppress(Exception):
            pg.goto("about:blank", timeout=10_000)
        pg.close()


def test_search_merges_the_shards_of_a_big_index(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A site whose index comes in shards (the sample's 2 pages and 11 records of its 38 actors,
    events, places and topics, in 4 shards) finds pages of every shard, as one search."""
    from generator.publish.search import SHARD_PAGES_ENV, entity_pages, shard_of
    from generator.publish.search_records import RECORD_PAGES_ENV, record_count, record_path, section_of

    monkeypatch.setenv(SHARD_PAGES_ENV, "10")
    monkeypatch.setenv(RECORD_PAGES_ENV, "4")
    root = copy_project(tmp_path / "sharded")
    assert main(["--root", str(root), "build", "--no-pdf"]) == 0
    wanted = {
        "Bretton-Gordon": "generated/actors/hamish-de-bretton-gordon/",
        "innermost repressed thoughts": f"generated/briefings/{SAMPLE_ID}/",
        "Orban": "generated/actors/viktor-orban/",
        "Kim Jong Un": "generated/actors/kim-jong-un/",
    }
    members = entity_pages(root / "site")
    actors = record_count(sum(section_of(m) == "actors" for m in members))
    units = {p if "/briefings/" in p else record_path(p + "index.html", actors) for p in wanted.values()}
    assert {shard_of(u if u.endswith(".html") else u + "index.html", 4) for u in units} - {0}  # some in merged shards
    handler = functools.partial(_Quiet, directory=str(root / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        for query, expected in wanted.items():
            hrefs = search(page, f"http://127.0.0.1:{httpd.server_port}/", query)
            assert any(urlsplit(h).path == "/" + expected for h in hrefs), f"{query!r}: {hrefs}"
        assert errors == []
    finally:
        context.close()
        httpd.shutdown()
        httpd.server_close()


OLD_YEAR = """title: SYNTHETIC summit of NATO in 2019
date: 2019-03-04
sources:
  - title: SYNTHETIC article (made up for a test)
summary: A SYNTHETIC quillwort summit, with xylocarp on the agenda.
actors:
  - actor: nato
"""
NEW_YEAR = """title: SYNTHETIC meeting of NATO in 2024
date: 2024-07-02
sources:
  - title: SYNTHETIC article (made up for a test)
summary: A SYNTHETIC quillwort meeting.
actors:
  - actor: nato
"""


def test_search_reads_the_newest_years_first_and_older_years_when_asked(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A site whose older years are a tier of their own (here every year before 2024): a query
    reads only the newest years' index, a button under the results searches the older years too,
    and a query that finds nothing in the newest years searches the older ones at once."""
    from generator.publish.search_tiers import OLDER_BASE, RECENT_ENV

    monkeypatch.setenv(RECENT_ENV, "1")
    root = copy_project(tmp_path / "tiered")
    (root / "briefings/2019-03-04-synthetic-summit.yaml").write_text(OLD_YEAR, encoding="utf-8")
    (root / "briefings/2024-07-02-synthetic-meeting.yaml").write_text(NEW_YEAR, encoding="utf-8")
    assert main(["--root", str(root), "build", "--no-pdf"]) == 0
    assert (root / "site/pagefind/older.json").is_file()
    handler = functools.partial(_Quiet, directory=str(root / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_port}/"
    old, new = "/generated/briefings/2019-03-04-synthetic-summit/", "/generated/briefings/2024-07-02-synthetic-meeting/"
    context = browser.new_context()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        fetched: list[str] = []
        page.on("request", lambda r: fetched.append(urlsplit(r.url).path))
        older = f"/pagefind/shards/{OLDER_BASE}/"

        # a word of both years: the newest year's briefing, and a button for 2019
        paths = [urlsplit(h).path for h in search(page, url, "quillwort")]
        assert new in paths, paths
        assert old not in paths, paths
        assert not [f for f in fetched if f.startswith(older)]  # the older tier was not read
        button = page.locator("button.bf-older")
        assert button.is_visible()
        assert button.inner_text() == "Search older briefings too (2019)"
        button.click()
        page.locator(f'.bf-results a[href$="{old}"]').wait_for(timeout=15_000)
        paths = [urlsplit(a.get_attribute("href") or "").path for a in page.locator(".bf-results a").all()]
        assert new in paths, paths
        assert old in paths, paths
        assert [f for f in fetched if f.startswith(older)]
        assert not button.is_visible()  # (the older years are in every search from now on)

        # a word only 2019 has: found at once
        fetched.clear()
        paths = [urlsplit(h).path for h in search(page, url, "xylocarp")]
        assert paths == [old], paths
        assert not page.locator("button.bf-older").is_visible()
        assert errors == []
    finally:
        context.close()
        httpd.shutdown()
        httpd.server_close()
