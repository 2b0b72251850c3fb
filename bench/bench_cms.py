"""The editor in the browser at scale: python bench/bench_cms.py [N] [--runs R].

A synthetic corpus of N briefings (bench/synthetic.py, every record marked SYNTHETIC) with its
registries one record per file (`briefings registry split`), its editor configuration made by
`briefings build --no-site --no-pdf`, decap-server beside it, and /admin/ opened in Chromium,
R times in fresh browser contexts (cold caches). Prints: bytes fetched on the first load, the
time from opening /admin/ to the collection list and to an editable new briefing, and the time
from typing the name of an actor far down the registry into a picker to it shown.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import site_project

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent / "briefings"
DECAP_SERVER = REPO / "node_modules/.bin/decap-server"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/admin/"
    finally:
        httpd.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", nargs="?", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="bench-cms-"))
    try:
        project = site_project(work / "project", args.n)
        subprocess.run([str(BIN), "--root", str(project), "registry", "split"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([str(BIN), "--root", str(project), "build", "--no-site", "--no-pdf"], check=True)
        files = {k: len(list((project / "briefings" / k).glob("*.yaml"))) for k in ("actors", "events", "places")}
        # a name far down the registry (never among the picker's first page): what is typed
        listed = json.loads((project / "docs/generated/admin/index/actors.json").read_text(encoding="utf-8"))
        wanted = listed[-1]["data"]["name"]
        static = work / "static"
        shutil.copytree(project / "docs/admin", static / "admin")
        shutil.copytree(project / "docs/generated/admin", static / "generated/admin")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        config = static / "generated/admin/config.yml"
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace("local_backend: true", f"local_backend:\n  url: http://127.0.0.1:{port}/api/v1"))
        env = {**os.environ, "PORT": str(port), "GIT_REPO_DIRECTORY": str(project), "MODE": "fs"}
        server = subprocess.Popen([str(DECAP_SERVER)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(2)
        rows: dict[str, list[float]] = {"bytes": [], "list": [], "form": [], "picker": []}
        try:
            with served(static) as admin, sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
                for _ in range(args.runs):
                    context = browser.new_context(viewport={"width": 1400, "height": 1000})
                    page = context.new_page()
                    fetched: list[int] = []

                    def count(response: object, into: list[int] = fetched) -> None:
                        if "/admin/" in response.url:  # type: ignore[attr-defined]
                            into.append(len(response.body()))  # type: ignore[attr-defined]

                    page.on("response", count)
                    started = time.perf_counter()
                    page.goto(admin)
                    page.get_by_role("button", name="Login").click()
                    page.get_by_role("link", name="Create entry of type Briefing").wait_for(timeout=120_000)
                    rows["list"].append(time.perf_counter() - started)
                    page.get_by_role("link", name="Create entry of type Briefing").click()
                    page.locator("[id^=title-field]").wait_for()
                    rows["form"].append(time.perf_counter() - started)
                    rows["bytes"].append(sum(fetched))
                    page.get_by_role("button", name="Add actors").click()
                    box = page.locator("[id^=actor-field]").last
                    box.click()
                    page.get_by_role("option").first.wait_for(timeout=120_000)  # the picker's first page of names
                    typed = time.perf_counter()
                    box.fill(wanted)
                    page.get_by_role("option", name=wanted, exact=True).first.wait_for(timeout=120_000)
                    rows["picker"].append(time.perf_counter() - typed)
                    context.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    med = {k: statistics.median(v) for k, v in rows.items()}
    print(
        f"registries: {files['actors']:,} actors, {files['events']:,} events, {files['places']:,} places, one per file"
    )
    print(
        "| briefings | first load fetched | to the collection list | to an editable form | picker: typed to matches |"
    )
    print("| ---: | ---: | ---: | ---: | ---: |")
    print(
        f"| {args.n:,} | {med['bytes'] / 1e6:.1f} MB | {med['list']:.2f} s | {med['form']:.2f} s |"
        f" {med['picker'] * 1000:.0f} ms |"
    )
    print(f"({args.runs} runs, medians; each run a fresh browser context)")


if __name__ == "__main__":
    main()
