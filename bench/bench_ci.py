"""CI's daily loop, simulated on a synthetic corpus: python bench/bench_ci.py [N] [--no-pdf] [--runs R].

What the workflows do (.github/workflows/pages.yml and preview.yml, README: Keeping the build in
CI): a fresh clone of a later commit, the folders kept from the last build (build/,
docs/generated/, site/) restored into it, then `briefings build --strict` as `make site` runs it.
A restore may give files any time, so here every restored file gets a time after the clone's;
the clone is in the same folder as the first build, as a runner's workspace is.

Steps, each its own `briefings` process: a cold build of the first commit (its folders are what
CI keeps); then, R times, a fresh copy of the later commit (the typical change: one new
briefing naming two new actors and one new event) with the kept folders restored, built; a
title edit built after it; a build with nothing changed. A cold build of the later commit is
timed beside each, and its site compared byte for byte with the restored one's (it must be the
same). Prints medians, the ratio of the typical change to a cold build run by run, and the peak
resident memory of the largest single process of all those builds.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_build import timed
from bench.synthetic import MARK, site_project

BIN = Path(sys.executable).parent / "briefings"
KEPT = ("build", "docs/generated", "site")
SITE_URL = "https://example.org/briefings/"


def checkout(inputs: Path, dest: Path) -> Path:
    """A fresh clone: the inputs copied, every file with a new time."""
    shutil.copytree(inputs, dest)
    return dest


def newest_day(root: Path) -> str:
    """The newest day a briefing of the corpus is dated (from the file names, YYYY-MM-DD-...)."""
    days = (m.group() for p in (root / "briefings").rglob("*.yaml") if (m := re.match(r"\d{4}-\d{2}-\d{2}", p.name)))
    return max(days, default="2030-01-01")


def typical_change(root: Path, day: str | None = None) -> None:
    """One new briefing that names two new actors and one new event (defined in it), dated the
    corpus's newest day as the day's news is (so in a month the timeline has already; see
    new_year_change for the first briefing of a year)."""
    _new_briefing(root, "new", day or newest_day(root), {"a": "Alpha", "b": "Bravo"}, f"Two {MARK} envoys met.")


def new_year_change(root: Path) -> None:
    """The typical change's like, dated the first day of a year the corpus has no briefing in yet:
    every period page's jump bar gains the year, so every one is rendered again (once a year)."""
    _new_briefing(root, "year", f"{int(newest_day(root)[:4]) + 1}-01-01", {"a": "Charlie"})


def _new_briefing(root: Path, tag: str, day: str, envoys: dict[str, str], summary: str | None = None) -> None:
    """briefings/actors/bench-TAG.yaml with new envoys, and a briefing of `day` that names them
    and defines an event they meet at."""
    ids = [f"bench-{tag}-envoy-{k}" for k in envoys]
    (root / "briefings/actors").mkdir(exist_ok=True)
    (root / f"briefings/actors/bench-{tag}.yaml").write_text(
        "actors:\n"
        + "".join(
            f"  - id: {aid}\n    name: {MARK} Envoy {name}\n    kind: person\n"
            for aid, name in zip(ids, envoys.values(), strict=True)
        ),
        encoding="utf-8",
    )
    (root / f"briefings/{day}-bench-{tag}.yaml").write_text(
        f"title: {MARK} envoys meet\ndate: {day}\nsources:\n  - title: {MARK} article\n"
        + (f"summary: {summary}\n" if summary else "")
        + "actors:\n"
        + "".join(f"  - actor: {aid}\n" for aid in ids)
        + f"events:\n  - id: bench-{tag}-meeting\n    date: {day}\n    title: Envoys meet\n"
        f"    actors: [{', '.join(ids)}]\n",
        encoding="utf-8",
    )


def restore(kept_from: Path, root: Path) -> None:
    later = time.time() + 60
    for rel in KEPT:
        shutil.copytree(kept_from / rel, root / rel, symlinks=True)
        for folder, _, files in os.walk(root / rel):
            for name in files:
                os.utime(os.path.join(folder, name), (later, later))


def differing(a: Path, b: Path) -> int:
    count = 0
    cmp = [filecmp.dircmp(a, b)]
    while cmp:
        d = cmp.pop()
        count += len(d.left_only) + len(d.right_only)
        count += len(filecmp.cmpfiles(d.left, d.right, d.common_files, shallow=False)[1])
        cmp.extend(d.subdirs.values())
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", nargs="?", type=int, default=1000)
    parser.add_argument("--no-pdf", action="store_true", help="leave PDFs out (default: PDFs, as make site)")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    build = [str(BIN), "build", "--strict", "--site-url", SITE_URL, *(["--no-pdf"] if args.no_pdf else [])]
    work = Path(tempfile.mkdtemp(prefix="briefings-ci-"))
    try:
        inputs = site_project(work / "inputs", args.n)
        workspace = checkout(inputs, work / "workspace")  # a runner's workspace is always one folder
        cold_first, _ = timed(build, workspace)
        kept = work / "kept"
        for rel in KEPT:
            shutil.copytree(workspace / rel, kept / rel, symlinks=True)
        print(f"n={args.n:,}: cold build of the first commit {cold_first:.0f} s", file=sys.stderr, flush=True)
        rows: dict[str, list[float]] = {"cold": [], "typical": [], "title edit": [], "nothing changed": []}
        ratios = []
        for run in range(args.runs):
            cold_root = checkout(inputs, work / f"cold-{run}")
            typical_change(cold_root)
            cold, _ = timed(build, cold_root)
            shutil.rmtree(workspace)
            fresh = checkout(inputs, workspace)
            typical_change(fresh)
            restore(kept, fresh)
            typical, out = timed(build, fresh)
            assert "changed pages only" in out, out[-2000:]
            wrong = differing(fresh / "site", cold_root / "site")
            if wrong:
                raise SystemExit(f"the restored build differs from a cold one in {wrong} files")
            rows["cold"].append(cold)
            rows["typical"].append(typical)
            ratios.append(typical / cold)
            sample = sorted((fresh / "briefings").rglob("*-synthetic-*.yaml"))[run]
            text = sample.read_text(encoding="utf-8")
            sample.write_text(text.replace("SYNTHETIC briefing", "SYNTHETIC edited briefing", 1), encoding="utf-8")
            rows["title edit"].append(timed(build, fresh)[0])
            rows["nothing changed"].append(timed(build, fresh)[0])
            shutil.rmtree(cold_root)
            rendered = re.search(r"files (\d+) written, (\d+) unchanged", out)
            print(
                f"  run {run + 1}: cold {cold:.0f} s, typical change {typical:.1f} s (ratio {typical / cold:.3f};"
                f" {int(rendered[1]) + int(rendered[2]) if rendered else '?'} files rendered),"
                f" title edit {rows['title edit'][-1]:.1f} s, nothing changed {rows['nothing changed'][-1]:.1f} s;"
                " restored build = cold build, byte for byte",
                file=sys.stderr,
                flush=True,
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    pdfs = "without PDFs" if args.no_pdf else "with PDFs"
    head = "cold build | typical change, restored cache | ratio | title edit | nothing changed | peak memory"
    print(f"| briefings | {pdfs} | {head} |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    med = {k: statistics.median(v) for k, v in rows.items()}
    print(
        f"| {args.n:,} | {args.runs} runs, medians | {med['cold']:.0f} s | {med['typical']:.1f} s |"
        f" {statistics.median(ratios):.3f} | {med['title edit']:.1f} s | {med['nothing changed']:.1f} s |"
        f" {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB |"
    )


if __name__ == "__main__":
    main()
