"""Time generation and the MkDocs build on synthetic corpora: python bench/bench_build.py [N ...]."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import make_corpus
from generator.pipeline import check, counts, generate
from generator.project import Project
from generator.site import build_site

REPO = Path(__file__).resolve().parent.parent


def run(n: int, work: Path, site: bool) -> None:
    root = work / f"n{n}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root)
    shutil.copytree(REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("generated"))
    make_corpus(root, n)
    project = Project(root)
    t0 = time.perf_counter()
    corpus = check(project)
    t1 = time.perf_counter()
    stats, _ = generate(project, corpus)
    t2 = time.perf_counter()
    again, _ = generate(project, check(project))
    t3 = time.perf_counter()
    line = (
        f"n={n}: {counts(corpus)}; check {t1 - t0:.2f} s, generate {t2 - t1:.2f} s "
        f"({stats.written} pages), rerun with no change {t3 - t2:.2f} s ({again.written} written)"
    )
    if site:
        t4 = time.perf_counter()
        build_site(project, strict=True)
        t5 = time.perf_counter()
        size = sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())
        line += f", mkdocs build --strict {t5 - t4:.1f} s, site {size / 1e6:.0f} MB"
    print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 3000])
    parser.add_argument("--no-site", action="store_true", help="time generation only")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="briefings-bench-"))
    try:
        for n in args.sizes:
            run(n, work, not args.no_site)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
