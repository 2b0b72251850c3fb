"""One writer of a project's output at a time: `briefings serve` and `briefings build` (or pdf)
both write docs/generated/ and build/, so the second to start waits for nothing and says who
holds the project instead of deleting the first one's pages under it.

An advisory lock (flock) on build/briefings.lock: the system lets it go when its holder exits,
however it exits, so a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import BriefingsError, Problem, display_path

LOCK_FILE = "briefings.lock"


@contextlib.contextmanager
def holding(folder: Path, command: str) -> Iterator[None]:
    """Hold the project's lock in `folder` (build/) while `command` ("build", "serve") runs; if
    another command holds it, raise a problem that names it."""
    try:
        import fcntl
    except ImportError:  # (Windows: no flock; the commands are trusted not to overlap)
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_FILE
    handle = path.open("a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another briefings command"
            message = (
                f"{holder} is using this project (docs/generated/, site/ and build/ are its until it stops): "
                f"stop it, or wait for it to finish, then run {command} again"
            )
            raise BriefingsError([Problem(display_path(path), 0, "", message)], outcome="nothing was written") from None
        handle.seek(0)
        handle.truncate()
        started = time.strftime("%H:%M:%S")
        handle.write(f"briefings {command} (process {os.getpid()}, since {started})\n")
        handle.flush()
        yield
    finally:
        handle.close()  # (closing lets the lock go)
