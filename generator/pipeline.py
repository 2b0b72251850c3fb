"""The pipeline, stage by stage: load -> validate -> link -> render -> write -> build."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .link import Corpus, link
from .load import load
from .parse import ParseCache
from .pdf import PdfStats, Selection, briefing_jobs, build_pdfs, digest_job, print_progress
from .project import Project
from .render import PDF_DIR, Options, render_pages
from .writer import Writer, WriteStats

PARSE_CACHE = "parsed.json"


@dataclass(frozen=True, slots=True)
class Counts:
    """What a corpus holds, for the one-line summary."""

    briefings: int
    actors: int
    events: int
    quotes: int

    def __str__(self) -> str:
        return (
            f"{self.briefings} briefing{'s' * (self.briefings != 1)}, {self.actors} actors, "
            f"{self.events} events, {self.quotes} quotes"
        )


def check(project: Project, *, drafts: bool = False) -> Corpus:
    """Load, validate and link everything under briefings/; raise BriefingsError on any problem.

    Parsed files are cached in build/cache/ by content, so the next check parses only what changed.
    """
    cache = ParseCache.read(project.cache / PARSE_CACHE)
    inputs = load(project.briefings, partial=True, cache=cache)
    if cache.dirty:
        Writer(project.cache).write_bytes(PARSE_CACHE, cache.dumps())
    return link(inputs, drafts=drafts)


def counts(corpus: Corpus) -> Counts:
    return Counts(
        len(corpus.briefings),
        len(corpus.actors),
        len(corpus.events),
        sum(len(b.quotes) for b in corpus.briefings.values()),
    )


def generate(
    project: Project, corpus: Corpus, *, pdfs: bool = False, only: Callable[[str], bool] | None = None
) -> tuple[WriteStats, PdfStats | None]:
    """Render every page (and PDF) in memory, then write what changed into docs/generated/.

    With `only`, render just the pages it accepts and leave the others on disk as they are.
    """
    options = Options(templates=project.templates, pdf_links=pdfs, latest=project.settings.latest)
    files: dict[str, str | bytes] = dict(render_pages(corpus, options, only))
    if only is not None:
        writer = Writer(project.generated)
        written = sum(writer.write_bytes(rel, str(text).encode("utf-8")) for rel, text in sorted(files.items()))
        return WriteStats(written, len(files) - written, 0), None
    stats = None
    if pdfs:
        jobs = briefing_jobs(project, corpus, corpus.briefings)
        jobs.append(digest_job(project, corpus, Selection()))
        made, stats = build_pdfs(jobs, project.pdf_cache, progress=print_progress)
        files.update({f"{PDF_DIR}/{name}": data for name, data in made.items()})
    return Writer(project.generated).sync(files), stats
