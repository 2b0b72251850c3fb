"""Time PDF rendering on a synthetic corpus: python bench/bench_pdf.py [N] (default 1000)."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import make_corpus
from generator.link.corpus import link
from generator.load.files import load
from generator.load.project import Project
from generator.publish.pdf import briefing_jobs, build_pdfs, print_progress, render_pdf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", nargs="?", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=30, help="PDFs timed one by one for the median")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="briefings-pdf-bench-"))
    try:
        make_corpus(root, args.n)
        project = Project(root)
        corpus = link(load(project.briefings))
        jobs = briefing_jobs(project, corpus, corpus.briefings)
        render_pdf(jobs[0].html)  # warm-up: fonts, imports
        times = []
        for job in jobs[: args.sample]:
            t = time.perf_counter()
            render_pdf(job.html)
            times.append(time.perf_counter() - t)
        print(f"median per briefing PDF (one process, {len(times)} PDFs): {statistics.median(times):.3f} s")
        t = time.perf_counter()
        _, stats = build_pdfs(jobs, project.pdf_cache, progress=print_progress)
        wall = time.perf_counter() - t
        print(f"{args.n} briefings on {os.cpu_count()} cores: {wall:.1f} s wall ({stats.rendered} rendered)")
        t = time.perf_counter()
        jobs = briefing_jobs(project, link(load(project.briefings)), corpus.briefings)
        _, stats = build_pdfs(jobs, project.pdf_cache)
        print(
            f"rerun with nothing changed: {time.perf_counter() - t:.2f} s including HTML rendering "
            f"({stats.rendered} rendered, {stats.cached} up to date)"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
