"""`briefings clean`: remove what builds make (docs/generated/, site/, build/), never the input."""

from __future__ import annotations

import shutil

from ..core.lock import LOCK_FILE
from ..load.project import Project
from ..publish.site import ZENSICAL_CONFIG

# What a build writes, relative to the project; briefings/, docs/ (but its generated/), mkdocs.yml
# and everything else are the analysts' and are never touched.
MADE = ("docs/generated", "site", "site.old", "build", ZENSICAL_CONFIG)


def clean(project: Project) -> list[str]:
    """Remove the build's output; the paths removed, relative to the project. (The lock in build/
    goes too: `clean` holds it until it exits, and a command started after finds none.)"""
    removed = []
    candidates = [project.root / rel for rel in MADE] + sorted(project.root.glob(".site-*"))
    for path in candidates:
        if not (path.exists() or path.is_symlink()):
            continue
        if not (path.name == "build" and [e.name for e in path.iterdir()] == [LOCK_FILE]):
            removed.append(path.relative_to(project.root).as_posix())  # (not build/ with only our lock)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    return removed
