"""Find and read the YAML files under briefings/ into validated records."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..core.errors import BriefingsError, Problem, display_path
from ..model.fields import MAX_ID, RESERVED_IDS, SLUG
from ..model.records import Actor, ActorFile, Briefing, Event, EventFile, Place, PlaceFile
from ..model.validate import validate
from .parse import ParseCache, Parsed, parse_files

ACTORS_FILE = "actors.yaml"
SOURCES_DIR = "sources"
# Registries: briefings/NAME.yaml and any YAML file under briefings/NAME/ (split as you like).
REGISTRIES = ("actors", "events", "places")
M = TypeVar("M", ActorFile, EventFile, PlaceFile, Briefing, Actor, Event, Place)
R = TypeVar("R", Actor, Event, Place)


@dataclass(slots=True)
class Inputs:
    """Everything read from briefings/, validated record by record but not yet cross-checked."""

    root: Path
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)  # from the event registry files
    places: list[Place] = field(default_factory=list)
    briefings: dict[str, Briefing] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # stored source texts, by their `text:` path
    # What failed to load (kept only by load(..., partial=True)), so linking can still check the rest:
    problems: list[Problem] = field(default_factory=list)
    actors_complete: bool = True  # False: actors.yaml failed, so actor references cannot be judged
    actors_missing: bool = False  # there is no actors.yaml
    events_complete: bool = True  # False: an event may be missing, so event references cannot be judged
    places_complete: bool = True  # False: a place registry file failed, so place names cannot be judged
    unvalidated_event_ids: set[str] = field(default_factory=set)  # inline events of invalid briefings
    digests: dict[str, str] = field(default_factory=dict)  # content digest of each file read, by path


def _yaml_files(folder: Path, *, skip_top: tuple[str, ...] = ()) -> list[Path]:
    """Every .yaml/.yml file (any case) under `folder`, and every symbolic link there (which
    load() refuses rather than follows); at the top, names in `skip_top` are left out."""
    found: list[Path] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                if current == folder and entry.name in skip_top:
                    continue
                if entry.is_symlink():
                    found.append(Path(entry.path))
                elif entry.is_dir():
                    pending.append(Path(entry.path))
                elif entry.is_file() and entry.name.lower().endswith((".yaml", ".yml")):
                    found.append(Path(entry.path))
    return sorted(found)


def briefing_files(root: Path) -> list[Path]:
    """Briefing files: every YAML file under `root` but the registries and the stored sources."""
    return _yaml_files(root, skip_top=(SOURCES_DIR, *REGISTRIES, *(f"{name}.yaml" for name in REGISTRIES)))


def registry_files(root: Path, name: str) -> list[Path]:
    """The files of one registry: briefings/NAME.yaml, then the files under briefings/NAME/."""
    top = root / f"{name}.yaml"
    folder = root / name
    files = [top] if top.exists() or top.is_symlink() else []
    if folder.is_dir() and not folder.is_symlink():
        files += _yaml_files(folder)
    elif folder.is_symlink():
        files.append(folder)
    return files


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
    registries = {name: registry_files(root, name) for name in REGISTRIES}
    found = briefing_files(root)
    every = [p for files in registries.values() for p in files] + found
    links = [p for p in every if p.is_symlink()]
    for path in links:  # a link may point anywhere (/etc/passwd): never read one
        problems.append(Problem(display_path(path), 0, "", "is a symbolic link; use a regular file inside the project"))
    registries = {name: [p for p in files if p not in links] for name, files in registries.items()}
    files = [p for p in found if p not in links]
    parsed = parse_files([p for p in every if p not in links], cache)
    inputs.digests = {str(path): p.digest for path, p in parsed.items()}
    inputs.actors_missing = not registries["actors"]  # linking says so once if anything names an actor
    for path in registries["actors"]:
        actors = _read_registry(path, parsed[path], "actors", ActorFile, Actor, problems)
        inputs.actors += actors or []
        inputs.actors_complete &= actors is not None
    for path in registries["events"]:
        events = _read_registry(path, parsed[path], "events", EventFile, Event, problems)
        inputs.events += events or []
        inputs.events_complete &= events is not None
    for path in registries["places"]:
        places = _read_registry(path, parsed[path], "places", PlaceFile, Place, problems)
        inputs.places += places or []
        inputs.places_complete &= places is not None
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
        briefing, data = _read(path, parsed[path], Briefing, problems)
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


def _read_registry(
    path: Path, parsed: Parsed, key: str, file_cls: type[M], record_cls: type[R], problems: list[Problem]
) -> list[R] | None:
    """The records of a registry file (None if invalid): a list under `key` (`actors:`), or one
    record on its own (a mapping with an `id`, as the editor in the browser writes one per file)."""
    data = parsed.data
    if isinstance(data, dict) and key not in data and "id" in data:
        record, _ = _read(path, parsed, record_cls, problems)
        return [record] if record is not None else None
    records, _ = _read(path, parsed, file_cls, problems)
    return list(getattr(records, key)) if records is not None else None


def _read_texts(root: Path, briefing: Briefing, texts: dict[str, str], problems: list[Problem]) -> None:
    """Read the stored source texts a briefing names; each must be a file inside `root`."""
    for i, source in enumerate(briefing.sources):
        if source.text is None or source.text in texts:
            continue
        path = (root / source.text).resolve()
        if not path.is_relative_to(root.resolve()) or not path.is_file():
            lines, key = briefing.where("sources", i, "text")
            where = f"a path inside {root.name}/"
            problems.append(lines.problem(key, f"no stored source text at {_shown(source.text)} ({where})"))
            continue
        try:
            texts[source.text] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            lines, key = briefing.where("sources", i, "text")
            problems.append(lines.problem(key, f"stored source text {_shown(source.text)} is not UTF-8"))


def _shown(text: str) -> str:
    """A value in a message: quoted on one line (escapes for line breaks), at most 100 characters."""
    return repr(text if len(text) <= 100 else text[:97] + "...")


# The last valid record of each file, by its content digest: a process that loads again and
# again (the live preview) validates only the files that changed. Records are frozen.
_VALIDATED: dict[tuple[str, type], tuple[str, Any]] = {}


def _read(path: Path, parsed: Parsed, cls: type[M], problems: list[Problem]) -> tuple[M | None, Any]:
    """The validated record (None if invalid) and the raw data (None if not YAML)."""
    if parsed.lines is None:
        problems.extend(parsed.problems)
        return None, None
    key = (str(path), cls)
    known = _VALIDATED.get(key)
    if known is not None and known[0] == parsed.digest:
        return known[1], parsed.data
    record = validate(cls, parsed.data, parsed.lines, problems)
    if record is not None:
        _VALIDATED[key] = (parsed.digest, record)
    return record, parsed.data
