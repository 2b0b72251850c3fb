"""A published briefing must not keep a placeholder from the skeleton `briefings new` wrote."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from ..core.errors import Problem
from ..model.records import Briefing
from ..model.skeleton import VALUES


def strings(value: object, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text in a record, with its path of keys and indexes."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from strings(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from strings(item, (*path, i))


def _may_hold(b: Briefing) -> bool:
    """Whether any placeholder's words are in the briefing at all (its JSON, made in pydantic's
    Rust core, is searched before every text of it is walked: most briefings hold none)."""
    text = b.model_dump_json()
    return any(value in text for value in VALUES)


def placeholder_problems(briefings: dict[str, Briefing]) -> list[Problem]:
    """One problem per placeholder left in a published briefing, at its line."""
    problems = []
    for b in briefings.values():
        if b.status != "published" or not _may_hold(b):
            continue
        for path, text in strings(b):
            if text.strip() in VALUES:
                lines, key = b.where(*path)
                message = f"still the placeholder from `briefings new` ({text.strip()!r}): replace it, or delete it"
                problems.append(lines.problem(key, message))
    return problems
