"""Find and read the YAML files under briefings/ into validated records."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .errors import BriefingsError, Problem, display_path
from .model import MAX_ID, RESERVED_IDS, SLUG, ActorFile, Briefing, EventFile
from .parse import ParseCache, Parsed, parse_files
from .validate import validate

ACTORS_FILE = "actors.yaml"
EVENTS_FILE = "events.yaml"
SOURCES_DIR = "sources"
M = TypeVar("M", ActorFile, EventFile, Briefing)


@dataclass(slots=True)
class Inputs:
    """Everything read from briefings/, validated record by record but not yet cross-checked."""

    root: Path
    actors: ActorFile = field(default_factory=ActorFile)
    events: EventFile = field(default_factory=EventFile)
    briefings: dict[str, Briefing] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # stored source texts, by their `text:` path
    # What failed to load (kept only by load(..., partial=True)), so linking can still check the rest:
    problems: list[Problem] = field(default_factory=list)
    actors_complete: bool = True  # False: actors.yaml failed, so actor references cannot be judged
    actors_missing: bool = False  # there is no actors.yaml
    events_complete: bool = True  # False: an event may be missing, so event references cannot be judged
    unvalidated_event_ids: set[str] = field(default_factory=set)  # inline events of invalid briefings
    digests: dict[str, str] = field(default_factory=dict)  # content digest of each file read, by path


def briefing_files(root: Path) -> list[Path]:
    """Briefing files: every .yaml/.yml (any case) under `root` except the registries and stored
    sources, and every symbolic link there (which load() refuses rather than follows)."""
    found: list[Path] = []
    pending = [root]
    while pending:
        folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                at_top = folder == root
                if entry.is_symlink():
                    found.append(Path(entry.path))
                elif entry.is_dir() and not (at_top and entry.name == SOURCES_DIR):
                    pending.append(Path(entry.path))
                elif (
                    entry.is_file()
                    and entry.name.lower().endswith((".yaml", ".yml"))
                    and not (at_top and entry.name in (ACTORS_FILE, EVENTS_FILE))
                ):
                    found.append(Path(entry.path))
    return sorted(found)


def input_files(root: Path) -> list[Path]:
    """Every file whose change means the site must be regenerated."""
    return sorted(p for p in root.rglob("*") if p.is_file())


def load(root: Path, *, partial: bool = False, cache: ParseCache | None = None) -> Inputs:
    """Read and validate every file under `root`; raise BriefingsError listing all problems.

    With `partial`, keep the problems in `Inputs.problems` and return what did load, so the link
    stage can check the valid files too and every problem is reported in one run. Files whose
    content is in `cache` are not parsed again.
    """
    if not root.is_dir():
        raise BriefingsError([Problem(display_path(root), 0, "", "no such folder of briefings")])
    problems: list[Problem] = []
    inputs = Inputs(root)
    registries = [p for p in (root / ACTORS_FILE, root / EVENTS_FILE) if p.exists() or p.is_symlink()]
    found = briefing_files(root)
    links = [p for p in (*registries, *found) if p.is_symlink()]
    for path in links:  # a link may point anywhere (/etc/passwd): never read one
        problems.append(Problem(display_path(path), 0, "", "is a symbolic link; use a regular file inside the project"))
    registries = [p for p in registries if p not in links]
    files = [p for p in found if p not in links]
    parsed = parse_files([*registries, *files], cache)
    inputs.digests = {str(path): p.digest for path, p in parsed.items()}
    if root / ACTORS_FILE in registries:
        actors, _ = _read(parsed[root / ACTORS_FILE], ActorFile, problems)
        inputs.actors = actors or inputs.actors
        inputs.actors_complete = actors is not None
    else:
        inputs.actors_missing = True  # linking says so once if anything names an actor
    if root / EVENTS_FILE in registries:
        events, _ = _read(parsed[root / EVENTS_FILE], EventFile, problems)
        inputs.events = events or inputs.events
        inputs.events_complete = events is not None
    seen: dict[str, Path] = {}
    for path in files:
        bid = path.stem
        if not re.fullmatch(SLUG, bid) or len(bid) > MAX_ID:
            problems.append(
                Problem(
                    display_path(path),
                    0,
                    "",
                    f"file name must be a lowercase id (letters, digits, hyphens; at most {MAX_ID} characters)",
                )
            )
            continue
        if bid in RESERVED_IDS:
            problems.append(Problem(display_path(path), 0, "", f"'{bid}' is reserved; rename the file"))
            continue
        if bid in seen:
            problems.append(
                Problem(display_path(path), 0, "", f"briefing id '{bid}' is also {display_path(seen[bid])}")
            )
            continue
        seen[bid] = path
        briefing, data = _read(parsed[path], Briefing, problems)
        if briefing is not None:
            inputs.briefings[bid] = briefing
            _read_texts(root, briefing, inputs.texts, problems)
        elif isinstance(data, dict):
            entries = data.get("events")
            for entry in entries if isinstance(entries, list) else []:
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    inputs.unvalidated_event_ids.add(entry["id"])
        else:  # not even YAML: it may define events others point at
            inputs.events_complete = False
    if problems and not partial:
        raise BriefingsError(problems)
    inputs.problems = problems
    return inputs


def _read_texts(root: Path, briefing: Briefing, texts: dict[str, str], problems: list[Problem]) -> None:
    """Read the stored source texts a briefing names; each must be a file inside `root`."""
    for i, source in enumerate(briefing.sources):
        if source.text is None or source.text in texts:
            continue
        path = (root / source.text).resolve()
        if not path.is_relative_to(root.resolve()) or not path.is_file():
            lines, key = briefing.where("sources", i, "text")
            where = f"a path inside {root.name}/"
            problems.append(lines.problem(key, f"no stored source text at '{source.text}' ({where})"))
            continue
        try:
            texts[source.text] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            lines, key = briefing.where("sources", i, "text")
            problems.append(lines.problem(key, f"stored source text '{source.text}' is not UTF-8"))


def _read(parsed: Parsed, cls: type[M], problems: list[Problem]) -> tuple[M | None, Any]:
    """The validated record (None if invalid) and the raw data (None if not YAML)."""
    if parsed.lines is None:
        problems.extend(parsed.problems)
        return None, None
    return validate(cls, parsed.data, parsed.lines, problems), parsed.data
