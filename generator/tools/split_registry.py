"""`briefings registry split`: the registries as one record per file, the layout the editor in
the browser reads and writes (briefings/actors/ID.yaml, briefings/events/ID.yaml,
briefings/places/ID.yaml), from lists (briefings/actors.yaml, briefings/actors/more.yaml, ...).

Each record keeps its fields and their order; a list file's comments are not carried over (the
command says which files had any). Nothing is written unless every record finds a file name of
its own, and the list files are removed only once every record is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..core.errors import BriefingsError, Problem, display_path
from ..core.writer import Writer
from ..load.files import REGISTRIES, registry_files


@dataclass(slots=True)
class Split:
    """What a split wrote and removed, and the list files whose comments were not carried over."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    comments_dropped: list[str] = field(default_factory=list)


def split(root: Path) -> Split:
    """Write every registry record of the lists under `root` (briefings/) as a file of its own."""
    out = Split()
    files: dict[str, str] = {}
    lists: list[Path] = []
    problems: list[Problem] = []
    for kind in REGISTRIES:
        for path in registry_files(root, kind):
            text = path.read_text(encoding="utf-8")
            data = yaml.safe_load(text)
            if not isinstance(data, dict) or kind not in data:
                continue  # a record on its own already
            lists.append(path)
            if any(line.lstrip().startswith("#") and "$schema" not in line for line in text.splitlines()):
                out.comments_dropped.append(display_path(path))
            for record in data[kind] or []:
                rel = f"{kind}/{record['id']}.yaml"
                if rel in files or ((root / rel).exists() and root / rel not in lists):
                    problems.append(
                        Problem(display_path(path), 0, kind, f"{rel} exists already: two records '{record['id']}'?")
                    )
                files[rel] = _dump(record)
    if problems:
        raise BriefingsError(problems)
    writer = Writer(root)
    for path in lists:
        if path.relative_to(root).as_posix() not in files:
            writer.remove([path.relative_to(root).as_posix()])
            out.removed.append(display_path(path))
    for rel, text in files.items():
        writer.write_bytes(rel, text.encode("utf-8"))
        out.written.append(rel)
    return out


def _dump(record: dict[str, Any]) -> str:
    return yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
