"""Import a public data set's table whole and build the site from it:
python bench/bench_import_datasets.py [--rows N] [--table PATH.csv].

Without --table, the table is synthetic (made here, every name marked SYNTHETIC) in UCDP GED's
documented 49-column layout, with the shapes real GED data has: long tails of places and sides,
one-sided violence against civilians, locations known only to the district, the province or
the country, date ranges, 1.3% of rows whose own low/best/high are out of order, 0.2% whose
citation is over 1,000 characters. With --table, a downloaded UCDP GED or ACLED CSV (kept out of
this repository: fetch it yourself, under its own licence) is imported instead.

Each step runs as its own `briefings` process in a fresh project. Prints what the import said
(rows, columns dropped, rows repaired or skipped) and a table: rows, import, check, build (no
PDFs), pages by kind, largest page.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import MARK, _pick, _word, _zipf, site_project
from generator.tools.datasets import UCDP_GED_COLUMNS

BIN = Path(sys.executable).parent / "briefings"


def make_ged(path: Path, rows: int, seed: int = 5) -> None:
    """A synthetic table in UCDP GED's layout (see the module's docstring)."""
    rng = random.Random(seed)
    countries = [f"{MARK} {_word(i * 13 + 3).capitalize()}land" for i in range(max(3, rows // 300))]
    provinces = [(f"{_word(i * 7 + 2).capitalize()} province", i % len(countries)) for i in range(rows // 40 + 5)]
    districts = [(f"{_word(i * 3 + 5).capitalize()} district", i % len(provinces)) for i in range(rows // 15 + 5)]
    towns = [(f"{_word(i * 11 + 1).capitalize()} town", i % len(districts)) for i in range(rows // 4 + 5)]
    groups = [f"{MARK} {_word(i * 19 + 4).capitalize()} Front" for i in range(rows // 20 + 3)]
    town_w, group_w = _zipf(len(towns)), _zipf(len(groups))
    start = dt.date(2015, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.DictWriter(handle, fieldnames=list(UCDP_GED_COLUMNS))
        out.writeheader()
        for i in range(rows):
            town, d = towns[_pick(rng, town_w, 1)[0]]
            district, p = districts[d]
            province, c = provinces[p]
            country = countries[c]
            violence = rng.choice("1112223")
            side_a = f"Government of {country}" if violence == "1" else groups[_pick(rng, group_w, 1)[0]]
            side_b = "Civilians" if violence == "3" else groups[_pick(rng, group_w, 2)[-1]]
            where_prec = rng.choice("1111112223456")
            day = start + dt.timedelta(days=rng.randrange(5 * 365))
            span = rng.choice([0, 0, 0, 0, 0, 2, 6, 29])
            best = int(rng.paretovariate(1.2))
            low, high = best - rng.randrange(best + 1), best + rng.randrange(best + 3)
            if i % 75 == 10:  # as in the real data, a few rows' own figures are out of order
                low = best + 1
            citation = f"{MARK} Wire,{day.isoformat()},{MARK} report {i} from {town}"
            if i % 500 == 7:
                citation += "; " + " ".join(_word(k) for k in range(180))
            out.writerow(
                {
                    "id": str(100000 + i),
                    "relid": f"SYN-{i}",
                    "year": str(day.year),
                    "active_year": "1",
                    "code_status": "Clear",
                    "type_of_violence": violence,
                    "conflict_new_id": str(200 + c),
                    "conflict_name": f"{country}: Government",
                    "dyad_new_id": str(9000 + i % 50),
                    "dyad_name": f"{side_a} - {side_b}",
                    "side_a_new_id": str(300 + c),
                    "side_a": side_a,
                    "side_b_new_id": str(500 + i % 40),
                    "side_b": side_b,
                    "number_of_sources": "1",
                    "source_article": citation,
                    "source_office": f"{MARK} Wire",
                    "source_date": day.isoformat(),
                    "source_headline": f"{MARK} report {i}",
                    "where_prec": where_prec,
                    "where_coordinates": {"1": town, "2": town, "3": district, "4": province, "5": province}.get(
                        where_prec, country
                    ),
                    "where_description": f"{MARK} near {town}",
                    "adm_1": province if where_prec != "6" else "",
                    "adm_2": district if where_prec in "123" else "",
                    "latitude": f"{(c * 7) % 60 - 10 + rng.uniform(-2, 2):.4f}",
                    "longitude": f"{(c * 13) % 120 - 40 + rng.uniform(-3, 3):.4f}",
                    "country": country,
                    "country_id": str(600 + c),
                    "region": "Synthetic region",
                    "event_clarity": "1",
                    "date_prec": "1" if span == 0 else "2" if span < 7 else "4",
                    "date_start": f"{day.isoformat()} 00:00:00.000",
                    "date_end": f"{(day + dt.timedelta(days=span)).isoformat()} 00:00:00.000",
                    "deaths_a": str(best // 3),
                    "deaths_b": str(best // 3),
                    "deaths_civilians": str(best - 2 * (best // 3)),
                    "deaths_unknown": "0",
                    "best": str(best),
                    "low": str(low),
                    "high": str(high),
                }
            )


def run(*args: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([str(BIN), *args], capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"briefings {' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return time.perf_counter() - started, done.stdout + done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--table", type=Path, help="a downloaded UCDP GED or ACLED CSV, instead of a synthetic one")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-datasets-"))
    try:
        project = site_project(work / "project", None)
        table = args.table or work / "ged.csv"
        if args.table is None:
            make_ged(table, args.rows)
        rows = sum(1 for _ in csv.reader(table.open(encoding="utf-8"))) - 1
        root = ["--root", str(project)]
        t_import, said = run(*root, "import", "events", str(table), "--name", "data", "--skip-bad")
        print(said.strip())
        t_check, checked = run(*root, "check")
        warnings = [line for line in checked.splitlines() if ": warning: " in line]
        print(*[line for line in checked.splitlines() if line.startswith("OK:")], *warnings[:5], sep="\n")
        t_build, _ = run(*root, "build", "--no-pdf")  # not --strict: near misses are warnings to read
        pages = list((project / "site").rglob("*.html"))
        parts = [p.relative_to(project / "site").parts for p in pages]
        kinds = Counter(rel[1] for rel in parts if len(rel) > 2 and rel[0] == "generated")
        largest = max(pages, key=lambda p: p.stat().st_size)
        by_kind = ", ".join(f"{k} {n:,}" for k, n in kinds.most_common() if k in ENTITY_KINDS)
        print("| rows | import | check | build (no PDFs) | pages | by kind | largest page |")
        print("| ---: | ---: | ---: | ---: | ---: | --- | ---: |")
        print(
            f"| {rows:,} | {t_import:.1f} s | {t_check:.1f} s | {t_build:.1f} s | {len(pages):,} | {by_kind} |"
            f" {largest.stat().st_size / 1000:.0f} kB ({largest.relative_to(project / 'site').parent}) |"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


ENTITY_KINDS = ("events", "actors", "places", "timeline", "briefings", "topics", "quotes")

if __name__ == "__main__":
    main()
