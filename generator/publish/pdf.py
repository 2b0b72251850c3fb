"""Printable PDFs: one per briefing, and digests of several, rendered with WeasyPrint.

HTML comes from Jinja templates (autoescaped) and Markdown fields from markdown-it-py under the
site's rules; nothing is fetched while rendering. PDFs are cached in build/pdf/ under a hash of
their HTML, so a rerun with nothing changed renders nothing.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.writer import Writer
from ..link.corpus import Corpus
from ..load import catalogue
from ..load.project import Project
from ..render import grading, marking, views, wording
from ..render.digest import Selection
from ..render.templating import environment, render
from ..text.escape import render_markdown_html

RENDERER_VERSION = "1"  # bump to re-render every cached PDF after a change to this module


@dataclass(frozen=True, slots=True)
class Job:
    """One PDF to make: its file name and its HTML."""

    name: str
    html: str

    @property
    def key(self) -> str:
        return hashlib.sha256(f"{RENDERER_VERSION}\n{self.html}".encode()).hexdigest()


class PdfRenderer:
    """Renders the HTML of briefing PDFs and digests; templates are loaded once."""

    def __init__(self, project: Project, corpus: Corpus) -> None:
        self.corpus = corpus
        self.settings = project.settings
        self.messages = catalogue.load(project.root, self.settings.language)[0]  # (check said its warnings)
        self.env = environment(project.templates, html=True, messages=self.messages)
        self.css = render(self.env, "pdf/style.css.j2", paper=self.settings.paper)

    def html(self, bids: list[str], *, title: str, digest: bool, scope: str = "") -> str:
        """The HTML of a briefing (one id) or a digest (several), ready for WeasyPrint."""
        corpus, m = self.corpus, self.messages
        tlp = marking.of(corpus, bids, self.settings.marking)
        return render(
            self.env,
            "pdf/digest.html.j2" if digest else "pdf/briefing.html.j2",
            corpus=corpus,
            briefings=corpus.briefings,
            actors=corpus.actors,
            bids=bids,
            keywords=sorted({t for bid in bids for t in corpus.briefings[bid].topics}),
            title=title,
            scope=scope,
            tlp=tlp,
            reliability_badge=functools.partial(grading.reliability_badge, messages=m),
            credibility_badge=functools.partial(grading.credibility_badge, messages=m),
            grading_summary=functools.partial(grading.briefing_summary, messages=m),
            grading_legend=lambda: grading.legend(web=False, messages=m),
            publisher=self.settings.publisher,
            human_date=wording.date_words(m),
            vocab=wording.terms(m),
            tlp_meaning=m.gettext(tlp.meaning),
            markdown=render_markdown_html,
            css=self.css,
            place_name=lambda name: views.places(corpus)[name].name,
            plain_summary=lambda b: views.plain_summary(b, limit=1000),
            place_map=lambda names, label: views.place_map(corpus, names, label, messages=m),
        )


def briefing_jobs(project: Project, corpus: Corpus, bids: Iterable[str]) -> list[Job]:
    """One job per briefing."""
    return list(iter_briefing_jobs(project, corpus, bids))


def iter_briefing_jobs(project: Project, corpus: Corpus, bids: Iterable[str]) -> Iterator[Job]:
    """One job per briefing, its HTML made when the job is reached (a build of thousands holds
    only a batch of them at a time: see build_pdfs)."""
    renderer = PdfRenderer(project, corpus)
    for bid in bids:
        yield Job(f"{bid}.pdf", renderer.html([bid], title=corpus.briefings[bid].title, digest=False))


def digest_job(project: Project, corpus: Corpus, selection: Selection, name: str = "digest.pdf") -> Job:
    """One job for a digest of the briefings `selection` picks."""
    renderer = PdfRenderer(project, corpus)
    scope = selection.describe(renderer.messages)
    title = renderer.messages.gettext("Briefings digest: %(scope)s", scope=scope)
    html = renderer.html(selection(corpus), title=title, digest=True, scope=scope)
    return Job(name, html)


def render_pdf(html: str) -> bytes:
    """HTML to PDF bytes, with every external fetch refused: a tagged PDF/UA-1 document (structure
    tree, language, title shown), so screen readers can read it."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetchingError

    class Offline(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise URLFetchingError(f"refusing to fetch {url!r}: PDFs are rendered offline")

    return bytes(HTML(string=html, url_fetcher=Offline(), base_url=None).write_pdf(pdf_variant="pdf/ua-1"))


@dataclass(frozen=True, slots=True)
class PdfStats:
    rendered: int
    cached: int
    seconds: float


BATCH = 64  # PDFs per worker made between two writes: what a build holds at once
RECYCLE = 6 * BATCH  # PDFs a worker renders before it is replaced (WeasyPrint's memory grows with each)


def build_pdfs(
    jobs: Iterable[Job],
    cache: Path,
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    prune: bool = True,
    sink: Callable[[str, bytes], None] | None = None,
    total: int | None = None,
) -> tuple[dict[str, bytes], PdfStats]:
    """Every job's PDF bytes, rendering only those whose HTML changed since the cached copy.

    With `sink`, each PDF is handed to it as soon as it is made or found in the cache, and none
    is kept (the dict returned is empty): jobs may then be an iterator, taken a batch at a time,
    so that a build of thousands holds a batch of HTML and PDFs, never all of them. `total`:
    how many jobs there are, for `progress` (counted over every job, cached or made)."""
    started = time.perf_counter()
    writer = Writer(cache)
    out: dict[str, bytes] = {}
    names: set[str] = set()
    made = cached = 0
    workers = max(1, workers or os.cpu_count() or 1)
    done = 0

    def give(name: str, data: bytes) -> None:
        nonlocal done
        if sink is None:
            out[name] = data
        else:
            sink(name, data)
        done += 1
        if progress and total:
            progress(done, total)

    pool: ProcessPoolExecutor | None = None  # made when a PDF is first to be rendered
    in_pool = 0  # PDFs its workers have rendered
    batch: list[Job] = []

    def render_batch() -> None:
        nonlocal made, pool, in_pool
        if workers > 1 and pool is None:
            pool = ProcessPoolExecutor(max_workers=workers)
        htmls = [j.html for j in batch]
        chunk = max(1, len(batch) // (workers * 4))
        results = pool.map(render_pdf, htmls, chunksize=chunk) if pool is not None else map(render_pdf, htmls)
        for job, data in zip(batch, results, strict=True):
            writer.write_bytes(job.name, data)
            writer.write_bytes(f"{job.name}.sha256", job.key.encode())
            give(job.name, data)
            made += 1
        in_pool += len(batch)
        batch.clear()
        if pool is not None and in_pool >= RECYCLE * workers:
            pool.shutdown()  # WeasyPrint keeps about 0.25 MB of each document it renders: fresh workers
            pool, in_pool = None, 0

    try:
        for job in jobs:
            names.add(job.name)
            pdf, stamp = cache / job.name, cache / f"{job.name}.sha256"
            if pdf.is_file() and stamp.is_file() and stamp.read_text() == job.key:
                give(job.name, pdf.read_bytes())
                cached += 1
                continue
            batch.append(job)
            if len(batch) >= BATCH * workers:
                render_batch()
        if batch:
            render_batch()
    finally:
        if pool is not None:
            pool.shutdown()
    if prune:  # forget PDFs of briefings that are gone
        writer.remove_except({n for name in names for n in (name, f"{name}.sha256")})
    return out, PdfStats(made, cached, time.perf_counter() - started)


def print_progress(done: int, total: int) -> None:
    """Progress on stderr for long runs: a line every 10 % (only past 20 PDFs)."""
    if total > 20 and (done == total or done % max(1, total // 10) == 0):
        print(f"  PDFs: {done}/{total}", file=sys.stderr, flush=True)
