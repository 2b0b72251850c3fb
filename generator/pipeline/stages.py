"""The pipeline, stage by stage: load -> validate -> link -> render -> write -> build."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..core.errors import BriefingsError, display_path
from ..core.writer import Writer, WriteStats
from ..link.corpus import Corpus, link
from ..load import catalogue, history
from ..load.files import load
from ..load.parse import ParseCache
from ..load.project import SETTINGS_FILE, Project
from ..load.project import site_url as project_site_url
from ..publish.pdf import Job, PdfStats, build_pdfs, digest_job, iter_briefing_jobs, print_progress
from ..render import marking
from ..render.digest import site_digest
from ..render.feeds import ATOM, JSON
from ..render.pages import EXPORT_DIR, PDF_DIR, Options
from ..render.workers import render_into
from ..text.words import plural
from . import incremental

PARSE_CACHE = "parsed"  # a folder of shards (parse.py)
OLD_PARSE_CACHE = "parsed.json"
SNAPSHOT = "generated.pickle"  # what the last generation rendered (incremental.py)
STAMP = "generated.stamp"  # the digest of its inputs and its pages: nothing changed, nothing to read


@dataclass(frozen=True, slots=True)
class Counts:
    """What a corpus holds, for the one-line summary."""

    briefings: int
    actors: int
    events: int
    quotes: int

    def __str__(self) -> str:
        counted = ((self.briefings, "briefing"), (self.actors, "actor"), (self.events, "event"), (self.quotes, "quote"))
        return ", ".join(plural(n, what) for n, what in counted)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cycle collector while a stage builds many objects that all live on.

    Loading and rendering make millions of objects and free almost none, and every full
    collection would walk them all again: at 10,000 briefings that more than doubles the time.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.freeze()  # what was made lives on: the next collections need not walk it again
            gc.enable()


def check(project: Project, *, drafts: bool = False, publishing: bool = True, strict: bool = False) -> Corpus:
    """Load, validate and link everything under briefings/; raise BriefingsError on any problem.

    When `publishing`, a briefing marked above what the site may publish (max_marking) is a
    problem too. Parsed files are cached in build/cache/ by content, so the next check parses
    only what changed. Near misses (corpus.warnings) are problems too when `strict`.
    """
    with paused_gc():
        cache = ParseCache.read(project.cache / PARSE_CACHE)
        inputs = load(project.briefings, partial=True, cache=cache)
    if cache.dirty:
        writer = Writer(project.cache / PARSE_CACHE)
        for name, data in cache.changed_shards().items():
            writer.write_bytes(name, data)
        Writer(project.cache).remove([OLD_PARSE_CACHE])  # the one-file cache of earlier versions
    with paused_gc():
        corpus = link(inputs, drafts=drafts)
    settings = project.settings
    corpus.warnings += catalogue.load(project.root, settings.language)[1]  # (a missing catalogue: an error)
    if publishing and (
        problems := marking.over_limit(
            corpus, settings.marking, settings.max_marking, display_path(project.root / SETTINGS_FILE)
        )
    ):
        raise BriefingsError(problems, outcome="nothing was written: no briefing above max_marking is published")
    if strict and corpus.warnings:
        raise BriefingsError(corpus.warnings, outcome="nothing was written: with --strict, near misses are errors")
    return corpus


def warn(corpus: Corpus) -> None:
    """Print the corpus's warnings (near misses), one per line, as path:line: warning: ..."""
    for problem in corpus.warnings:
        where, _, rest = str(problem).partition(": ")
        print(f"{where}: warning: {rest}", file=sys.stderr)


def counts(corpus: Corpus) -> Counts:
    return Counts(
        len(corpus.briefings),
        len(corpus.actors),
        len(corpus.events),
        sum(len(b.quotes) for b in corpus.briefings.values()),
    )


# 85 lines with its docstring, on purpose: the stages of one generation in the order they run,
# read top to bottom; each step is a call.
def generate(
    project: Project,
    corpus: Corpus,
    *,
    pdfs: bool = False,
    full: bool = False,
    memory: list[incremental.Snapshot] | None = None,
    serving: bool = False,
    engine: str = "mkdocs",
    site_url: str | None = None,
) -> tuple[WriteStats, PdfStats | None]:
    """Render the pages (and PDFs) in memory, then write what changed into docs/generated/.

    When only briefing files changed since the last generation (see incremental.py), only the
    pages they can change are rendered; the others are left on disk as they are. When nothing
    changed (the stamp of its inputs is the same, and its pages are all there), nothing is
    rendered and its snapshot is not even read. `full` renders every page. A caller that
    generates again and again (serve) passes `memory`: the snapshot stays there instead of going
    through build/cache/, whose copy is voided. When `serving`, PDFs from the last build stay
    where they are (pages keep linking to them), and so does the preview's problem report
    (SERVE_SCRIPT); after its first generation, the preview renders no feed again and writes no
    export (a build does).
    """
    kept: set[str] = set()
    if serving:
        kept = {SERVE_SCRIPT} | (set() if pdfs else _pdf_files(project.generated)) | _export_files(project.generated)
    pdf_links = pdfs or any(k.startswith(PDF_DIR + "/") for k in kept)
    settings = project.settings
    options = Options(
        project.templates,
        pdf_links,
        settings.latest,
        engine,
        settings.marking,
        project_site_url(project, site_url),
        settings.publisher,
        exports=not serving,
        max_marking=settings.max_marking,
        repository=settings.repository,
        branch=settings.branch,
        messages=catalogue.load(project.root, settings.language)[0],
    )
    paths = incremental.briefing_paths(corpus)
    if not serving:  # the preview skips git: pages carry the briefings' own days
        corpus.history = history.read(project.root, {bid: Path(p) for bid, p in paths.items()})
    key = incremental.render_key(corpus, options, set(paths.values()), f"paper {settings.paper}" if pdfs else "")
    stamp, generated = incremental.inputs_stamp(key, corpus), project.generated
    same = None  # the pages of the last generation, when it had the same inputs: nothing to render or read
    if not full and memory is None:
        same = incremental.read_stamp(project.cache / STAMP, stamp, generated)
    if full or same is not None:
        old = None
    elif memory is not None:
        old = memory[0] if memory else None
    else:
        old = incremental.read(project.cache / SNAPSHOT)
    added = incremental.since(old, key, corpus)
    if old is not None and added is not None:
        incremental.adopt_plain_summaries(old, corpus)
    only = incremental.pages_to_render(old, added, corpus, generated) if same is None else incremental.nothing
    redo_pdfs = set() if same is not None else incremental.pdfs_to_make(old, added, corpus) if pdfs else None
    if only is None and old is not None:  # every page is rendered: the last corpus (as big as this) is let go
        old = None
        if memory is not None:
            memory.clear()
        gc.collect()
    if serving and only is not None:  # the preview's feeds are those of its first generation
        only = _not_feeds(only)

    def write(part: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
        """Write a slice of the pages where it was rendered: the paths given, those written."""
        writer = Writer(generated, new_in_place=not serving)  # (MkDocs' live reload reads as it goes)
        for rel, text in part:
            writer.write_bytes(rel, text.encode("utf-8"))
        return [rel for rel, _ in part], writer.wrote

    if only is not incremental.nothing and memory is None:
        # Until this generation's snapshot is written, none: a run that dies half-way (leaving a
        # page half-written) makes the next one render every page again.
        Writer(project.cache).remove([SNAPSHOT, STAMP])
    with paused_gc():
        parts = [] if only is incremental.nothing else render_into(corpus, write, options, only)
    rendered = {rel for given, _ in parts for rel in given}
    wrote = [rel for _, done in parts for rel in done]
    stats = None
    writer = Writer(generated)
    if pdfs:
        made, stats = _make_pdfs(project, corpus, redo_pdfs, writer)
        rendered |= made
        kept |= {f"{PDF_DIR}/{bid}.pdf" for bid in corpus.briefings} - rendered  # left as they were
    wrote += writer.wrote
    pages = same if same is not None else _prune(writer, old, only, rendered, kept)
    written = WriteStats(
        len(wrote), len(rendered) - len(wrote), len(writer.deleted), tuple(wrote), tuple(writer.deleted)
    )
    snapshot = incremental.Snapshot(key, corpus, pages)
    if memory is not None:
        memory[:] = [snapshot]
        Writer(project.cache).write_bytes(SNAPSHOT, b"")  # the next build starts afresh
        Writer(project.cache).remove([STAMP])
        return written, stats
    if only is not incremental.nothing:  # (else the stored snapshot holds this generation already)
        Writer(project.cache).write_bytes(SNAPSHOT, incremental.dumps(snapshot))
    if same is None:
        Writer(project.cache).write_bytes(STAMP, incremental.stamp_text(stamp, pages))
    return written, stats


def _make_pdfs(project: Project, corpus: Corpus, redo: set[str] | None, writer: Writer) -> tuple[set[str], PdfStats]:
    """Make again only the PDFs that can have changed since the last generation (`redo`, see
    incremental.pdfs_to_make; None: all of them), and the digest; the others stay where they
    are. The paths written, and how many PDFs were made and how many were up to date."""
    again = [bid for bid in corpus.briefings if redo is None or bid in redo or not _has_pdf(writer.out_dir, bid)]

    def jobs() -> Iterator[Job]:  # (each job's HTML is made when it is reached)
        yield from iter_briefing_jobs(project, corpus, again)
        yield digest_job(project, corpus, site_digest(corpus))

    written: set[str] = set()

    def write(name: str, data: bytes) -> None:  # each PDF as it comes: a build holds a batch, not all
        writer.write_bytes(f"{PDF_DIR}/{name}", data)
        written.add(f"{PDF_DIR}/{name}")

    _, stats = build_pdfs(
        jobs(), project.pdf_cache, progress=print_progress, prune=redo is None, sink=write, total=len(again) + 1
    )
    stats = dataclasses.replace(stats, cached=stats.cached + len(corpus.briefings) - len(again))
    return written, stats


def _prune(
    writer: Writer,
    old: incremental.Snapshot | None,
    only: Callable[[str], bool] | None,
    rendered: set[str],
    kept: set[str],
) -> list[str]:
    """Remove the files this generation no longer makes; the pages there are now."""
    if only is None:
        writer.remove_except(rendered | kept)
        return sorted(p for p in rendered if not p.startswith(PDF_DIR + "/"))
    assert old is not None
    # The pages now: those rendered, and those of the last generation that were not to be;
    # gone are those of the last generation that were to be rendered and were not.
    left: list[str] = []
    gone: list[str] = []
    for p in old.pages:
        (gone if only(p) else left).append(p)
    writer.remove([p for p in gone if p not in rendered and p not in kept])
    return sorted({*left, *(p for p in rendered if not p.startswith(PDF_DIR + "/"))})


SERVE_SCRIPT = "assets/serve.js"  # the preview's problem report, shown on every page (serve only)


def serve_script(problems: list[str]) -> str:
    """A script that shows `problems` (as text) at the top of every page of the preview."""
    data = json.dumps(problems, ensure_ascii=True).replace("<", "\\u003c")
    return _serve_template().replace("/* problems */ []", data)


@functools.cache
def _serve_template() -> str:
    return resources.files("generator.data").joinpath("serve.js").read_text(encoding="utf-8")


def _not_feeds(only: Callable[[str], bool]) -> Callable[[str], bool]:
    return lambda path: only(path) and not path.endswith((ATOM, JSON))


def _export_files(generated: Path) -> set[str]:
    """The export's tables a full build left in the generated folder (the preview keeps them)."""
    folder = generated / EXPORT_DIR
    return {f"{EXPORT_DIR}/{p.name}" for p in folder.glob("*") if p.suffix in (".csv", ".json")}


def _has_pdf(generated: Path, bid: str) -> bool:
    return (generated / PDF_DIR / f"{bid}.pdf").is_file()


def _pdf_files(generated: Path) -> set[str]:
    """The PDFs a full build left in the generated folder (paths inside it)."""
    folder = generated / PDF_DIR
    return {f"{PDF_DIR}/{p.name}" for p in folder.glob("*.pdf")} if folder.is_dir() else set()
