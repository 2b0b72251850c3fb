"""Put what an incremental build wrote into site/, with a journal that can undo it.

An incremental build writes only the files that changed into a new folder (an overlay: MkDocs
renders the changed pages, the search index is built whole). Copying the previous site as hard
links to build into was most of a small change's time at 100,000 briefings (520,000 files, about
a minute); the overlay costs what changed. Once everything has been built, `commit` moves the
overlay's files into site/, each file site/ had in their place (and each file of a page that is
gone) into a journal folder first, and notes every step in the journal's log before taking it.
If anything fails part way, the steps taken are undone in reverse from the log: site/ is as it
was. If the process is killed part way, the next build finds the journal without its last line
and undoes it the same way (`recover`), before it looks at site/.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..core.trash import discard

JOURNAL = ".site.journal"  # beside site/: the files a commit took out of site/, and its log
LOG = "log"  # one line a step: NEW path, SWAP path or GONE path; then DONE
DONE = "DONE"


def overlay_files(overlay: Path, whole: tuple[str, ...]) -> list[str]:
    """The overlay's files, as paths relative to it, and its folders named in `whole` (each
    moved as one, such as the search index)."""
    found: list[str] = [name for name in whole if (overlay / name).is_dir()]
    for folder, dirs, files in os.walk(overlay):
        rel = os.path.relpath(folder, overlay)
        if rel == ".":
            dirs[:] = [d for d in dirs if d not in whole]
        found += [os.path.normpath(os.path.join(rel, name)) for name in files]
    return found


def commit(overlay: Path, site: Path, files: list[str], gone: list[str]) -> None:
    """Move `files` (relative paths) from `overlay` into `site`, replacing what is there, and take
    `gone` out of `site`; all of it, or (on an error) none of it."""
    journal = site.parent / JOURNAL
    recover(site)
    journal.mkdir()
    try:
        with open(journal / LOG, "a", encoding="utf-8") as log:
            for rel in files:
                target, saved = site / rel, journal / rel
                there = os.path.lexists(target)
                log.write(f"{'SWAP' if there else 'NEW'} {rel}\n")
                log.flush()
                if there:
                    saved.parent.mkdir(parents=True, exist_ok=True)
                    target.rename(saved)
                target.parent.mkdir(parents=True, exist_ok=True)
                (overlay / rel).rename(target)
            for rel in gone:
                target = site / rel
                if not os.path.lexists(target):
                    continue
                log.write(f"GONE {rel}\n")
                log.flush()
                (journal / rel).parent.mkdir(parents=True, exist_ok=True)
                target.rename(journal / rel)
            log.write(f"{DONE}\n")
    except BaseException:
        _undo(site, journal)
        raise
    for rel in gone:  # the folders of pages that are gone, when nothing else is in them
        folder = (site / rel).parent
        while folder != site and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    discard(journal)


def recover(site: Path) -> bool:
    """Undo a commit that was cut short (its journal has no last line); True if there was one.
    A journal of a commit that finished is only deleted."""
    journal = site.parent / JOURNAL
    if not journal.is_dir():
        return False
    if _log(journal)[-1:] == [DONE]:
        discard(journal)
        return False
    _undo(site, journal)
    return True


def _log(journal: Path) -> list[str]:
    try:
        return (journal / LOG).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def _undo(site: Path, journal: Path) -> None:
    """Undo the steps the journal's log lists, last first, then delete the journal."""
    for line in reversed(_log(journal)):
        step, _, rel = line.partition(" ")
        if step not in ("NEW", "SWAP", "GONE") or not rel:
            continue
        target, saved = site / rel, journal / rel
        if step == "NEW" or (step == "SWAP" and os.path.lexists(saved)):
            _remove(target)  # (what the commit put there)
            folder = target.parent
            while folder != site and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()  # (a folder made for it)
                folder = folder.parent
        if os.path.lexists(saved):
            target.parent.mkdir(parents=True, exist_ok=True)
            saved.rename(target)
    discard(journal)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif os.path.lexists(path):
        path.unlink()
