"""The editor in the browser (/admin/: Decap CMS, served by the site) against a real local backend
(decap-server, from npm, reading and writing a project folder), driven in Chromium: what it saves
passes `briefings check` and builds, and a file saved without a change keeps its bytes."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from generator.cli import main

from .conftest import REPO, SAMPLE_ID, copy_project, start_serve

DECAP_SERVER = REPO / "node_modules/.bin/decap-server"
CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]

if not CHROMIUM.exists() or not DECAP_SERVER.exists():
    missing = "Chromium (/usr/bin/chromium)" if not CHROMIUM.exists() else "decap-server (npm ci)"
    if os.environ.get("CI"):
        raise RuntimeError(f"the editor's tests need {missing}, and in CI they must run")
    pytest.skip(
        f"the editor's tests skipped: {missing} is not installed (make test installs it)", allow_module_level=True
    )

from playwright.sync_api import Page, sync_playwright  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def _served(site: Path) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/admin/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextlib.contextmanager
def _decap_server(project: Path) -> Iterator[int]:
    """decap-server on a free port of 127.0.0.1, reading and writing `project`."""
    port = _free_port()
    env = {**os.environ, "PORT": str(port), "GIT_REPO_DIRECTORY": str(project), "MODE": "fs", "BIND_HOST": "127.0.0.1"}
    proc = subprocess.Popen([str(DECAP_SERVER)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            time.sleep(0.1)
        else:
            raise AssertionError("decap-server did not start")
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def editor(tmp_path: Path) -> Iterator[tuple[Page, str, Path]]:
    """The sample project with its registries one record per file, built; the editor open in
    Chromium and signed in to decap-server beside the project."""
    project = copy_project(tmp_path / "project")
    assert main(["--root", str(project), "registry", "split"]) == 0
    assert main(["--root", str(project), "build", "--no-pdf"]) == 0
    site = project / "site"
    config = site / "generated/admin/config.yml"
    with _decap_server(project) as port:
        text = config.read_text(encoding="utf-8")  # (the site's own copy points at the default port)
        config.write_text(text.replace("local_backend: true", f"local_backend:\n  url: http://127.0.0.1:{port}/api/v1"))
        with _served(site) as admin, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(admin)
            page.get_by_role("button", name="Login").click()
            page.get_by_text("Collections").wait_for()
            yield page, admin, project
            browser.close()
            assert errors == []


def _new(page: Page, collection: str, singular: str) -> None:
    page.evaluate(f"location.hash = '#/collections/{collection}'")  # (in the page: the sign-in stays)
    page.get_by_role("link", name=f"Create entry of type {singular}").click()
    page.get_by_text(f"Writing in {collection.capitalize()} collection").wait_for()


def _pick(page: Page, field: str, typed: str, shown: str) -> None:
    """Pick a record in a relation field: type part of its name, choose it from the list."""
    box = page.locator(f"[id^={field}-field]").last
    box.click()
    box.fill(typed)
    page.get_by_role("option", name=shown).first.click()


def _publish(page: Page) -> None:
    # A toast of the previous save may still be showing: wait until it is gone, so the toast
    # waited for below can only be this save's.
    toasts = "[...document.querySelectorAll('div')].filter(d => d.textContent === 'Entry saved').length"
    page.wait_for_function(f"() => {toasts} === 0", timeout=30_000)
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Publish now").click()
    page.wait_for_function(f"() => {toasts} > 0")
    page.wait_for_url("**/entries/**")  # (a new entry's page: then the editor is done with it)


def test_a_briefing_written_in_the_browser_passes_check_and_builds(editor: tuple[Page, str, Path]) -> None:
    page, _, project = editor
    _new(page, "events", "Event")
    page.locator("[id^=id-field]").fill("talks-in-pyongyang")
    page.locator("[id^=date-field]").fill("2024-06-18/19")
    page.locator("[id^=title-field]").fill("Talks in Pyongyang")
    _publish(page)
    _new(page, "actors", "Actor")
    page.locator("[id^=id-field]").fill("zed-example")
    page.locator("[id^=name-field]").fill("Zed Example")
    page.locator("[id^=kind-field]").fill("person")
    page.keyboard.press("Enter")
    _publish(page)

    _new(page, "drafts", "Draft")
    page.locator("[id^=title-field]").fill("Envoys meet in Pyongyang")
    page.locator("[id^=date-field]").fill("2024-06-20")
    page.get_by_role("button", name="Add sources").click()
    page.locator("[id^=title-field]").last.fill("A wire report")
    for typed, shown in (("Kim", "Kim Jong Un"), ("Putin", "Vladimir Putin"), ("Zed", "Zed Example")):
        page.get_by_role("button", name="Add actors").click()
        _pick(page, "actor", typed, shown)
    page.get_by_role("button", name="Add quotes").click()
    page.locator("[id^=text-field]").last.fill("We met.")
    _pick(page, "speaker", "Zed", "Zed Example")
    _pick(page, "events", "Pyongyang", "2024-06-18/19 Talks in Pyongyang")
    _publish(page)

    written = sorted((project / "briefings").glob("*envoys-meet-in-pyongyang.yaml"))
    assert len(written) == 1, sorted(p.name for p in (project / "briefings").iterdir())
    data = yaml.safe_load(written[0].read_text(encoding="utf-8"))
    assert data["title"] == "Envoys meet in Pyongyang"
    assert data["status"] == "draft"
    assert data["actors"] == [{"actor": "kim-jong-un"}, {"actor": "vladimir-putin"}, {"actor": "zed-example"}]
    assert data["quotes"] == [{"text": "We met.", "speaker": "zed-example"}]
    assert data["events"] == ["talks-in-pyongyang"]
    assert yaml.safe_load((project / "briefings/events/talks-in-pyongyang.yaml").read_text())["date"] == "2024-06-18/19"
    assert main(["--root", str(project), "check"]) == 0
    server, port = start_serve(project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:  # the live preview shows the new draft
        started = time.monotonic()
        url = f"http://127.0.0.1:{port}/generated/briefings/{written[0].stem}/"
        while True:
            with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:
                shown = response.read().decode("utf-8")
                break
            assert time.monotonic() - started < 120, "the preview never showed the draft"
            time.sleep(0.5)
        assert "Zed Example" in shown
        assert "18–19 June 2024" in shown
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_an_actors_aliases_edited_in_the_browser_keep_the_files_order(editor: tuple[Page, str, Path]) -> None:
    page, _, project = editor
    path = project / "briefings/actors/kim-jong-un.yaml"
    keys = list(yaml.safe_load(path.read_text(encoding="utf-8")))
    page.evaluate("location.hash = '#/collections/actors/entries/kim-jong-un'")
    page.get_by_role("button", name="Add aliases").click()
    page.locator("[id^=aliases-field]").last.fill("Kim Jong-un")
    _publish(page)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["aliases"] == ["Kim", "Kim Jong-un"]
    assert list(data) == keys
    assert main(["--root", str(project), "check"]) == 0


HOSTILE = "<script>alert(1)</script> **not bold** [x](javascript:alert(1)) {{ 7*7 }} &amp; <img src=x onerror=alert(2)>"


def test_hostile_text_typed_into_the_form_lands_in_the_site_as_text(editor: tuple[Page, str, Path]) -> None:
    page, _, project = editor
    _new(page, "briefings", "Briefing")
    page.locator("[id^=title-field]").fill(HOSTILE)
    page.locator("[id^=date-field]").fill("2024-06-21")
    page.locator("[id^=summary-field]").fill(HOSTILE)
    page.get_by_role("button", name="Add sources").click()
    page.locator("[id^=title-field]").last.fill(HOSTILE)
    page.get_by_role("button", name="Add topics").click()
    page.locator("[id^=topics-field]").last.fill("<b>topic</b>")
    _publish(page)
    written = [p for p in (project / "briefings").glob("2*.yaml") if p.stem != SAMPLE_ID]
    assert len(written) == 1
    data = yaml.safe_load(written[0].read_text(encoding="utf-8"))
    assert (data["title"], data["summary"], data["sources"][0]["title"]) == (HOSTILE, HOSTILE, HOSTILE)
    assert main(["--root", str(project), "build", "--no-pdf"]) == 0
    html = (project / "site/generated/briefings" / written[0].stem / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html or "{{ 7*7 }}" in html.replace("&#123;", "{").replace("&#125;", "}")


def test_an_edit_rewrites_only_the_field_it_changed(editor: tuple[Page, str, Path]) -> None:
    """The sample briefing (comments, quoted and folded text, long lists): a title edit changes
    the title's line only; the edit taken back gives the file's bytes again."""
    page, _, project = editor
    path = project / "briefings" / f"{SAMPLE_ID}.yaml"
    before = path.read_text(encoding="utf-8")
    page.evaluate(f"location.hash = '#/collections/briefings/entries/{SAMPLE_ID}'")
    title = page.locator("[id^=title-field]").first
    title.wait_for()
    text = title.input_value()
    title.fill(text + " (edited)")
    _publish(page)
    after = path.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 1
    assert changed[0][1].endswith(" (edited)") or changed[0][1].endswith(" (edited)'")
    page.evaluate("location.hash = '#/collections/briefings'")  # open it again, as saved
    page.get_by_role("link", name="Create entry of type Briefing").wait_for()
    page.evaluate(f"location.hash = '#/collections/briefings/entries/{SAMPLE_ID}'")
    title = page.locator("[id^=title-field]").first
    page.wait_for_function("v => document.querySelector('[id^=title-field]')?.value === v", arg=text + " (edited)")
    title.fill(text)
    _publish(page)
    assert path.read_text(encoding="utf-8") == before


def test_the_editors_views_and_what_axe_finds_in_them(editor: tuple[Page, str, Path]) -> None:
    """axe-core on the editor's main views. What it finds is Decap's own markup (the README lists
    it); this test holds the list, so that a change of ours that adds to it fails."""
    from .test_publish_browser import serious_axe_violations

    page, _, _ = editor
    found: dict[str, set[str]] = {}
    for view, wait in (
        ("#/collections/briefings", "Create entry of type Briefing"),
        (f"#/collections/briefings/entries/{SAMPLE_ID}", "Writing in Briefings collection"),
        ("#/collections/actors/new", "Writing in Actors collection"),
    ):
        page.evaluate(f"location.hash = '{view}'")
        page.get_by_text(wait).first.wait_for() if "Writing" in wait else page.get_by_role("link", name=wait).wait_for()
        found[view] = {v.split(" ", 1)[0] for v in serious_axe_violations(page)}
    assert all(ids <= DECAP_AXE for ids in found.values()), found


# Decap 3.16.3's own: grey text on grey (color-contrast); icon buttons without a name (button-name,
# aria-command-name: the list widget's collapse and drag handles).
DECAP_AXE = {"color-contrast", "button-name", "aria-command-name"}


def test_a_picker_answers_from_the_sites_index_without_reading_every_record_file(
    editor: tuple[Page, str, Path],
) -> None:
    """Typing in a picker asks decap-server for no collection's files (Decap's own picker reads
    every record file for each search): the names come from generated/admin/index/."""
    page, _, _ = editor
    _new(page, "drafts", "Draft")
    asked: list[str] = []
    page.on("request", lambda r: "/api/v1" in r.url and asked.append(r.post_data or ""))
    page.get_by_role("button", name="Add actors").click()
    _pick(page, "actor", "Kim", "Kim Jong Un")
    _pick(page, "places", "Pyong", "Pyongyang")
    assert not [a for a in asked if "entriesByFolder" in a], asked
