"""The daily loop at scale: python bench/bench_scale.py [N ...] [--no-site] (make bench-100k: 10,000 and 100,000).

For each N, a synthetic corpus (bench/synthetic.py, every record marked SYNTHETIC) in a fresh
project, then, each step its own `briefings` process as a user runs it: check with no cache; the
first build (generate and site, no PDFs, --strict); the typical change (one new briefing naming
two new actors and one new event, dated the corpus's newest day, as bench_ci.py makes it) built;
a title edit built; a build with nothing changed; the first briefing of a new year built (every
period page's jump bar gains the year: the worst regular change, once a year). Each step's peak
resident memory is the largest of any one process it ran (the generator, MkDocs, Pagefind). Then
search on the site, in a real browser (bench_search.py's queries): the median time to the first
result and the median bytes a query fetched. With --no-site, builds stop at the Markdown
(--no-site), to measure the generator alone at sizes where a site takes hours.

Prints a row per N and, for the last N, each figure's ratio to the first N's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_ci import new_year_change, typical_change
from bench.bench_search import QUERIES, search_times
from bench.synthetic import site_project

BIN = Path(sys.executable).parent / "briefings"
PEAK = (
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode;"
    " print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)"
)


def step(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and the peak resident size (MB) of the largest process `args` ran."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PEAK, str(BIN), *args], cwd=cwd, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"briefings {' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return seconds, int(done.stderr.strip().splitlines()[-1]) / 1024


def size_mb(folder: Path) -> float:
    total = 0
    for base, _, files in os.walk(folder):
        for name in files:
            total += os.lstat(os.path.join(base, name)).st_size
    return total / 1e6


def measure(n: int, work: Path, site: bool) -> dict[str, float]:
    project = site_project(work / f"n{n}", n)
    build = ["build", "--no-pdf", "--strict", *([] if site else ["--no-site"])]
    row: dict[str, float] = {}
    peak = 0.0
    for name, prepare, args in (
        ("check cold", None, ["check"]),
        ("first build", None, build),
        ("typical change", typical_change, build),
        ("title edit", _edit_title, build),
        ("nothing changed", None, build),
        ("new year", new_year_change, build),
    ):
        if prepare is not None:
            prepare(project)
        seconds, mb = step(args, project)
        row[name] = seconds
        peak = max(peak, mb)
        row[f"{name} memory"] = mb
        print(f"  n={n:,} {name}: {seconds:.1f} s, peak {mb:,.0f} MB", file=sys.stderr, flush=True)
    row["peak memory"] = peak
    row["site size"] = size_mb(project / ("site" if site else "docs/generated"))
    if site:
        times, sizes = search_times(project / "site", QUERIES, show=False)
        row["search first result"], row["search fetched"] = statistics.median(times), statistics.median(sizes)
        print(
            f"  n={n:,} search: median {row['search first result']:.2f} s, {row['search fetched']:,.0f} kB",
            file=sys.stderr,
            flush=True,
        )
    return row


def _edit_title(root: Path) -> None:
    sample = sorted((root / "briefings").rglob("*-synthetic-*.yaml"))[0]
    text = sample.read_text(encoding="utf-8")
    sample.write_text(text.replace("SYNTHETIC briefing", "SYNTHETIC edited briefing", 1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--no-site", action="store_true", help="stop at the Markdown: the generator alone")
    parser.add_argument("--keep", type=Path, help="keep the projects in this folder")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    rows = {}
    try:
        for n in args.sizes:
            rows[n] = measure(n, work, not args.no_site)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    keys = ["check cold", "first build", "typical change", "title edit", "nothing changed", "new year"]
    keys += ["peak memory", "site size"] + (["search first result", "search fetched"] if not args.no_site else [])
    what = "Markdown" if args.no_site else "site"
    heads = [f"{what} size" if k == "site size" else f"{k} (median)" if k.startswith("search") else k for k in keys]
    units = ["s"] * 6 + ["MB", "MB"] + ["s", "kB"]
    print(f"| briefings | {' | '.join(heads)} |")
    print("| ---: |" + " ---: |" * len(keys))
    for n, row in rows.items():
        cells = [f"{row[k]:,.1f} {u}" if u == "s" else f"{row[k]:,.0f} {u}" for k, u in zip(keys, units, strict=False)]
        print(f"| {n:,} | {' | '.join(cells)} |")
    if len(rows) > 1:
        first, last = rows[args.sizes[0]], rows[args.sizes[-1]]
        ratios = [f"{last[k] / first[k]:.1f}" for k in keys]
        print(f"| ratio {args.sizes[-1] // args.sizes[0]}x | {' | '.join(ratios)} |")
    print(json.dumps({str(n): row for n, row in rows.items()}), file=sys.stderr)


if __name__ == "__main__":
    main()
