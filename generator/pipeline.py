"""The pipeline, stage by stage: load -> validate -> link -> render -> write -> build."""

from __future__ import annotations

from dataclasses import dataclass

from .link import Corpus, link
from .load import load
from .project import Project
from .render import Options, render_pages
from .writer import Writer, WriteStats


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
    """Load, validate and link everything under briefings/; raise BriefingsError on any problem."""
    return link(load(project.briefings), drafts=drafts)


def counts(corpus: Corpus) -> Counts:
    return Counts(
        len(corpus.briefings),
        len(corpus.actors),
        len(corpus.events),
        sum(len(b.quotes) for b in corpus.briefings.values()),
    )


def generate(project: Project, corpus: Corpus, *, pdf_links: bool = False) -> WriteStats:
    """Render every page in memory, then write the ones that changed into docs/generated/."""
    pages = render_pages(
        corpus, Options(templates=project.templates, pdf_links=pdf_links, latest=project.settings.latest)
    )
    return Writer(project.generated).sync(pages)
