"""When each briefing was first published and last changed, and its revisions, from git.

One `git log` over briefings/ reads the whole history at once (not one process per file). A
project that is not in git, or a file git does not know yet, falls back on the briefing's own
day; a file changed since its last commit says so.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Revision:
    """One commit that changed a briefing's file."""

    commit: str  # abbreviated hash
    date: str  # ISO 8601 with its time zone
    subject: str


@dataclass(frozen=True, slots=True)
class History:
    """A briefing's dates (ISO 8601 with a time zone) and its revisions, newest first."""

    published: str
    updated: str
    revisions: tuple[Revision, ...] = ()
    from_git: bool = False


def day_history(day: str) -> History:
    """A briefing's dates when there is no history: its own day, at midnight UTC."""
    stamp = f"{day}T00:00:00+00:00"
    return History(stamp, stamp)
