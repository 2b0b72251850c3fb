"""Where a project's parts live, and its settings (briefings.toml, all optional)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BriefingsError, Problem, display_path

SETTINGS_FILE = "briefings.toml"
KNOWN = {"marking", "paper", "publisher", "latest"}


@dataclass(frozen=True, slots=True)
class Settings:
    """Project settings; every one has a default."""

    marking: str = "UNCLASSIFIED"  # handling marking printed on every PDF page
    paper: str = "A4"  # A4 or Letter
    publisher: str = "Briefings"  # PDF author/publisher metadata
    latest: int = 10  # briefings listed on the home page


@dataclass(frozen=True, slots=True)
class Project:
    """Paths of one project: briefings in, docs and site out."""

    root: Path
    settings: Settings = field(default_factory=Settings)

    @property
    def briefings(self) -> Path:
        return self.root / "briefings"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def generated(self) -> Path:
        """The part of docs/ the generator owns; nothing else in docs/ is touched."""
        return self.docs / "generated"

    @property
    def templates(self) -> Path:
        """User templates that override the defaults, file by file."""
        return self.root / "templates"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def cache(self) -> Path:
        """Parsed input files, by content (build/cache/); safe to delete."""
        return self.root / "build" / "cache"

    @property
    def pdf_cache(self) -> Path:
        return self.root / "build" / "pdf"


def open_project(root: Path) -> Project:
    """The project at `root`, with its settings read and checked."""
    root = root.resolve()  # tools run with another working directory (mkdocs) get absolute paths
    path = root / SETTINGS_FILE
    if not path.exists():
        return Project(root)
    shown = display_path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column \d+\)$", str(exc))
        message = re.sub(r" \(at line \d+, column \d+\)$", "", str(exc))
        raise BriefingsError(
            [Problem(shown, int(found.group(1)) if found else 0, "", f"invalid TOML: {message}")]
        ) from None
    problems = [Problem(shown, 0, key, "unknown setting") for key in data if key not in KNOWN]
    defaults = Settings()
    for key in KNOWN & data.keys():
        if type(data[key]) is not type(getattr(defaults, key)):
            problems.append(Problem(shown, 0, key, f"expected {type(getattr(defaults, key)).__name__}"))
    if data.get("paper", "A4") not in ("A4", "Letter"):
        problems.append(Problem(shown, 0, "paper", "expected 'A4' or 'Letter'"))
    if problems:
        raise BriefingsError(problems)
    return Project(root, Settings(**{k: v for k, v in data.items() if k in KNOWN}))
