"""Time the live preview: python bench/bench_serve.py PROJECT [--edits 3] [--engine zensical].

Starts `briefings serve` on PROJECT (a folder with briefings/, such as one bench_build.py kept),
waits for the first build, then edits one briefing's title several times and prints how long
each edit took to show on the briefing's page, from saving the file to the new page being served,
and on the page of one of its actors (one of the other pages the edit changes, which the preview
builds after the edited briefing's own page).
"""

from __future__ import annotations

import argparse
import json
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.link.corpus import link
from generator.load.files import briefing_files, load


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return ""


def retitled(text: str, marker: str) -> str:
    """The briefing's YAML with `marker` put in front of its title (written as a JSON string, so
    any title stays valid YAML)."""
    title = yaml.safe_load(text)["title"]
    lines = text.splitlines(keepends=True)
    i = next(k for k, line in enumerate(lines) if line.startswith("title:"))
    end = i + 1
    while end < len(lines) and lines[end].startswith((" ", "\t")):  # a title folded over lines
        end += 1
    return "".join([*lines[:i], f"title: {json.dumps(f'{marker} {title}')}\n", *lines[end:]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("project", type=Path)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--engine", choices=["mkdocs", "zensical"], default="mkdocs")
    args = parser.parse_args()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    files = briefing_files(args.project / "briefings")  # the sample's one briefing, or a synthetic corpus
    target = files[len(files) // 2]
    url = f"http://127.0.0.1:{port}/generated/briefings/{target.stem}/"
    # Another page the edit changes: that of the briefing's actor with the fewest briefings
    # (its page lists them all, titles included), shown after the briefing's own page.
    corpus = link(load(args.project / "briefings"), drafts=True)
    actors = [a.actor for a in corpus.briefings[target.stem].actors]
    counts = {a: len(corpus.actor_briefings[a]) for a in actors}
    other = min(actors, key=lambda a: (counts[a], a))
    other_url = f"http://127.0.0.1:{port}/generated/actors/{other}/"
    del corpus
    cmd = [sys.executable, "-m", "generator", "--root", str(args.project), "serve", "--port", str(port)]
    cmd += ["--interval", "0.2", "--engine", args.engine]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        started = time.perf_counter()
        while "<title>" not in fetch(url):
            if time.perf_counter() - started > 1800 or server.poll() is not None:
                raise SystemExit("the preview did not start")
            time.sleep(0.5)
        print(f"first build served after {time.perf_counter() - started:.0f} s", flush=True)
        original = target.read_text(encoding="utf-8")
        times, others = [], []
        try:
            for k in range(args.edits):
                marker = f"EDIT{k}MARK"
                target.write_text(retitled(original, marker), encoding="utf-8")
                saved = time.perf_counter()
                while marker not in fetch(url):
                    if time.perf_counter() - saved > 600:
                        raise SystemExit("the edit never showed")
                    time.sleep(0.05)
                times.append(time.perf_counter() - saved)
                while marker not in fetch(other_url):
                    if time.perf_counter() - saved > 600:
                        raise SystemExit("the edit never showed on the actor's page")
                    time.sleep(0.05)
                others.append(time.perf_counter() - saved)
                print(
                    f"edit {k + 1}: shown {times[-1]:.2f} s after saving; on an actor's page {others[-1]:.2f} s",
                    flush=True,
                )
                time.sleep(1)
        finally:
            target.write_text(original, encoding="utf-8")
        print(f"median {statistics.median(times):.2f} s from saving to the new page ({len(files):,} briefings)")
        print(f"median {statistics.median(others):.2f} s to the actor's page, the edit's other pages")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
