"""Import a conflict-event table and build the site from it: python bench/bench_import.py [ROWS ...].

The table is synthetic (made here, every name marked SYNTHETIC), shaped like the public
conflict-event data sets: id, start and end date, place, country, latitude, longitude, the two
sides, and fatalities as best, low and high estimates, with long tails of places and actors.
Each step runs as its own `briefings` process in a fresh project, as a user runs it. Prints a
table: import, check, build (site, no PDFs), pages, events on the busiest timeline page, points
on the places map, largest HTML page.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import MARK, _pick, _word, _zipf

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent / "briefings"
COLUMNS = ["id", "date_start", "date_end", "where", "country", "latitude", "longitude"]
COLUMNS += ["side_a", "side_b", "best", "low", "high", "source_article"]


def make_table(path: Path, rows: int, seed: int = 11) -> None:
    """A synthetic event table of `rows` rows with Zipf-distributed places and sides."""
    rng = random.Random(seed)
    n_places, n_actors = max(10, rows // 4), max(10, rows // 10)
    countries = [f"{MARK} {_word(i * 17 + 9).capitalize()}land" for i in range(max(3, n_places // 40))]
    centres = [(-30 + (c * 37) % 90, -150 + (c * 71) % 300) for c in range(len(countries))]
    places = []
    for i in range(n_places):
        c = i % len(countries)
        lat, lon = centres[c]
        places.append(
            (f"{_word(i * 5 + 1).capitalize()}pur", countries[c], lat + rng.uniform(-5, 5), lon + rng.uniform(-8, 8))
        )
    actors = [f"{MARK} {_word(i * 11 + 7).capitalize()} Front" for i in range(n_actors)]
    place_w, actor_w = _zipf(n_places), _zipf(n_actors)
    start = dt.date(2015, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(COLUMNS)
        for i in range(rows):
            day = start + dt.timedelta(days=rng.randrange(3 * 365))
            end = day + dt.timedelta(days=rng.choice([0, 0, 0, 0, 1, 3, 14]))
            name, country, lat, lon = places[_pick(rng, place_w, 1)[0]]
            sides = [actors[k] for k in _pick(rng, actor_w, 2)]
            a, b = sides[0], sides[1] if len(sides) > 1 and rng.random() < 0.8 else ""
            best = int(rng.paretovariate(1.1)) - 1
            out.writerow(
                [
                    1000 + i,
                    day.isoformat(),
                    end.isoformat() if end != day else "",
                    name,
                    country,
                    f"{lat:.4f}",
                    f"{lon:.4f}",
                    a,
                    b,
                    best,
                    best // 2,
                    best * 2 + 1,
                    f"{MARK} wire report {i}",
                ]
            )


def run(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([str(BIN), *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure(rows: int, work: Path) -> dict[str, str]:
    project = work / f"import{rows}"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "docs", project / "docs", ignore=shutil.ignore_patterns("generated"))
    shutil.copytree(REPO / "overrides", project / "overrides")
    shutil.copytree(REPO / "briefings", project / "briefings")
    table = work / f"events{rows}.csv"
    make_table(table, rows)
    root = ["--root", str(project)]
    t_import = run(*root, "import", "events", str(table), "--name", "conflict-events")
    t_check = run(*root, "check")
    t_build = run(*root, "build", "--no-pdf", "--strict")
    site = project / "site"
    pages = list(site.rglob("*.html"))
    largest = max(pages, key=lambda p: p.stat().st_size)
    busiest = max(
        (p for p in (project / "docs/generated/timeline").glob("*.md") if p.name != "index.md"),
        key=lambda p: p.read_text(encoding="utf-8").count('class="bf-event"'),
    )
    events = busiest.read_text(encoding="utf-8").count('class="bf-event"')
    places_page = (project / "docs/generated/places/index.md").read_text(encoding="utf-8")
    return {
        "rows": f"{rows:,}",
        "import": f"{t_import:.1f} s",
        "check": f"{t_check:.1f} s",
        "build (no PDFs)": f"{t_build:.1f} s",
        "pages": f"{len(pages):,}",
        "busiest timeline page": f"{busiest.stem}: {events} events",
        "map points": str(len(re.findall(r"<circle ", places_page))),
        "largest page": f"{largest.stat().st_size / 1000:.0f} kB",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="*", type=int, default=[1000])
    parser.add_argument("--keep", type=Path, help="keep the projects in this folder")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-import-"))
    results = [measure(n, work) for n in args.rows]
    print("| " + " | ".join(results[0]) + " |")
    print("| " + " | ".join("---:" for _ in results[0]) + " |")
    for r in results:
        print("| " + " | ".join(r.values()) + " |")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
