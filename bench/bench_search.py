"""Time search and page loads in a real browser: python bench/bench_search.py SITE_DIR [QUERY ...].

Serves SITE_DIR on 127.0.0.1, opens the home page in headless Chromium (a fresh, cold cache per
query), types each query into the search box and prints the time until the first result shows
and the bytes fetched for the query (everything requested after the home page had loaded), by
kind (Pagefind's page tables, word lists, pages' text, filters, other).
On a site whose older years are a tier of their own (search_tiers.py), a query reads the newest
years; with --older each query then clicks the button that searches the older years too, and
prints what that fetched and took besides.
Then loads the largest HTML pages of the site, cold, and prints how long each took to load.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import statistics
import threading
import time
from pathlib import Path

from playwright.sync_api import Error, Request, sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
QUERIES = ["Hizb-i", "O'Neill", "Renée Nuñez", "Al-Rashid", "ceasefire held", "sanctions", "briefing 4711", "kuku"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def kind(url: str) -> str:
    """What a fetched file is to Pagefind: its page table, a piece of its word list, a page's
    text, a filter's list, or anything else (its script and WebAssembly, the shard list)."""
    path = url.split("?")[0]
    for suffix, name in ((".pf_meta", "page tables"), (".pf_index", "word lists"), (".pf_fragment", "pages' text")):
        if path.endswith(suffix):
            return name
    return "filters" if path.endswith(".pf_filter") else "other"


def search_times(
    site: Path, queries: list[str], *, pages: int = 0, show: bool = True, older: bool = False
) -> tuple[list[float], list[float]]:
    """Each query's time to its first result (seconds) and what it fetched (kB), each in a fresh
    browser context; then, if `pages`, the load times of the site's largest pages."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_port}/"
    times, sizes = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for query in queries:
            context = browser.new_context()
            page = context.new_page()
            fetched: list[tuple[str, int]] = []
            page.goto(url)
            page.wait_for_load_state("networkidle")

            def count(request: Request, fetched: list[tuple[str, int]] = fetched) -> None:
                with contextlib.suppress(Error):  # (finished as its page closed)
                    fetched.append((request.url, request.sizes()["responseBodySize"]))

            page.on("requestfinished", count)
            box = page.locator("input.md-search__input")
            box.click()
            started = time.perf_counter()
            box.fill(query)
            first = page.locator(".bf-results .md-search-result__item").first
            first.wait_for(timeout=60_000)
            seconds = time.perf_counter() - started
            title = first.locator("h1").inner_text()
            page.wait_for_load_state("networkidle")
            kb = sum(n for _, n in fetched) / 1e3
            times.append(seconds)
            sizes.append(kb)
            parts: dict[str, float] = {}
            for address, n in fetched:
                parts[kind(address)] = parts.get(kind(address), 0) + n / 1e3
            split = ", ".join(f"{name} {k:.0f}" for name, k in sorted(parts.items(), key=lambda x: -x[1]))
            if show:
                print(f"{query!r}: first result after {seconds:.2f} s, {kb:.0f} kB fetched ({split})", end="")
                print(f"; first: {title[:60]!r}")
            button = page.locator("button.bf-older")
            if older and button.is_visible():
                before, started = len(fetched), time.perf_counter()
                button.click()
                page.wait_for_timeout(500)  # (the click's fetches under way)
                page.wait_for_load_state("networkidle")  # (the older shards merged, the query asked of them)
                more = sum(n for _, n in fetched[before:]) / 1e3
                print(f"  older years too: {more:.0f} kB more, {time.perf_counter() - started:.2f} s")
            context.close()
        largest = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size, reverse=True)[:pages]
        for path in largest:
            context = browser.new_context()
            page = context.new_page()
            started = time.perf_counter()
            page.goto(url + str(path.relative_to(site)), wait_until="load")
            seconds = time.perf_counter() - started
            kb = path.stat().st_size / 1e3
            print(f"{path.relative_to(site)}: {kb:.0f} kB, loaded in {seconds:.2f} s")
            context.close()
        browser.close()
    httpd.shutdown()
    return times, sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("queries", nargs="*", default=QUERIES)
    parser.add_argument("--pages", type=int, default=5, help="largest pages to time loading")
    parser.add_argument("--older", action="store_true", help="then search the older years too, and measure it")
    args = parser.parse_args()
    times, sizes = search_times(args.site, args.queries, pages=args.pages, older=args.older)
    took = f"median {statistics.median(times):.2f} s, max {max(times):.2f} s"
    print(f"{took}; fetched median {statistics.median(sizes):.0f} kB, max {max(sizes):.0f} kB")


if __name__ == "__main__":
    main()
