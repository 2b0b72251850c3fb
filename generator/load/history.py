"""When each briefing was first published and last changed, and its revisions, from git.

One `git log` over briefings/ reads the whole history at once (not one process per file). A
project that is not in git, or a file git does not know yet, falls back on the briefing's own
day; edits not yet committed do not count until they are.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


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


def day_history(day: str) -> History:
    """A briefing's dates when there is no history: its own day, at midnight UTC."""
    stamp = f"{day}T00:00:00+00:00"
    return History(stamp, stamp)


REVISIONS_MAX = 20  # revisions listed on a page; the count says how many there are in all


def read(root: Path, files: dict[str, Path]) -> dict[str, History]:
    """The history of each briefing (by id) whose file git knows, from one `git log`.

    {} when `root` is not in a git work tree or git is not installed: the pages then carry the
    briefings' own days.
    """
    try:
        top = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=False
        )
    except OSError:
        return {}
    if top.returncode != 0:
        return {}
    toplevel = Path(top.stdout.strip()).resolve()
    wanted: dict[str, str] = {}
    for bid, path in files.items():
        try:
            wanted[path.resolve().relative_to(toplevel).as_posix()] = bid
        except ValueError:
            continue
    if not wanted:
        return {}
    folders = sorted({str(Path(p).parent) for p in wanted})
    # (briefing file names are ids, which git never quotes)
    fmt = f"--format={_MARK}%h%x09%cI%x09%s"
    log = subprocess.run(
        ["git", "-C", str(toplevel), "log", "--no-renames", "--name-only", fmt, "--", *folders],
        capture_output=True,
        text=True,
        check=False,
    )
    if log.returncode != 0:
        return {}
    revisions: dict[str, list[Revision]] = {}
    for commit in log.stdout.split(_MARK)[1:]:
        header, _, names = commit.partition("\n")
        short, date, subject = [*header.split("\t", 2), "", ""][:3]
        revision = Revision(short, date, subject)
        for name in names.split("\n"):
            if name in wanted:
                revisions.setdefault(wanted[name], []).append(revision)
    return {
        bid: History(published=revs[-1].date, updated=revs[0].date, revisions=tuple(revs))
        for bid, revs in revisions.items()
    }


_MARK = "\x1ecommit "  # starts each commit's header in the log (a record separator no path holds)
