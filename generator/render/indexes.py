"""A-Z index pages (actors, places, topics, speakers): names grouped by initial, with counts."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TypeVar

from markupsafe import Markup

from ..model.records import Place
from ..text.messages import ENGLISH, Messages
from . import views, wording

INDEX_MAX = 2000  # names on an A-Z index before each letter gets a page of its own
J = TypeVar("J")  # what the page function makes of a page (pages.py: a job)


@dataclass(frozen=True, slots=True)
class IndexItem:
    """One name on an A-Z index."""

    name: str
    target: str
    note: str
    counts: str


def index_pages(
    page: Callable[..., J], folder: str, title: str, about: str, items: list[IndexItem], map: Markup | str = ""
) -> Iterator[J]:
    """An A-Z index with counts and a filter box; one page per letter when it is long."""
    groups = _az(items)
    split = len(items) > INDEX_MAX
    letters = [(letter, f"{folder}/az/{letter}.md" if split else None, len(group)) for letter, group in groups]
    yield page(
        f"{folder}/index.md",
        "az.md.j2",
        title=title,
        about=about,
        groups=[] if split else groups,
        letters=letters,
        total=len(items),
        letter=None,
        map=map,
    )
    if split:
        for letter, group in groups:
            yield page(
                f"{folder}/az/{letter}.md",
                "az.md.j2",
                title=title,
                about=about,
                groups=[(letter, group)],
                letters=letters,
                total=len(items),
                letter=letter,
                index=f"{folder}/index.md",
                map="",
            )


def _az(items: list[IndexItem]) -> list[tuple[str, list[IndexItem]]]:
    groups: dict[str, list[IndexItem]] = {}
    for item in sorted(items, key=lambda i: (i.name.casefold(), i.name)):
        groups.setdefault(views.initial(item.name), []).append(item)
    order = sorted(groups, key=lambda g: (len(g) > 1, g))  # 0-9 first, then a-z, then other
    order = [g for g in order if g == "0-9"] + [g for g in order if len(g) == 1] + [g for g in order if g == "other"]
    return [(g, groups[g]) for g in order]


def place_note(term: views.Term, places: Mapping[str, Place], messages: Messages = ENGLISH) -> str:
    """'city, Ukraine' for a registry place (its country by name, also when it is given as a
    place id); nothing for a topic or a bare place name."""
    p = term.place
    if p is None:
        return ""
    country = places[p.country].name if p.country is not None and p.country in places else p.country
    return ", ".join(x for x in (wording.terms(messages)(p.kind) if p.kind else None, country) if x)


def count_note(messages: Messages = ENGLISH, **counts: int) -> str:
    """'3 briefings, 1 event' (the kinds with a count)."""
    plural = wording.counted(messages)
    return ", ".join(plural(n, kind) for kind, n in counts.items() if n)
