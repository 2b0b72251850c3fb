"""Parse many YAML files at once: from a cache keyed by file content, else on all cores.

The cache holds the parsed data (not the validated records), so a change to the model never
needs it cleared: validation always runs. An entry is used only when the file's bytes hash to
the same digest, so an edited file is always parsed again.
"""

from __future__ import annotations

import hashlib
import marshal
import multiprocessing
import os
import sys
import zlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import BriefingsError, Problem, display_path
from ..core.yamlfile import LineMap, load_yaml

CACHE_VERSION = 3
_VERSION = f"{CACHE_VERSION} {sys.version}"
PARALLEL_BYTES = 2_000_000  # below this much text to parse, one process is faster than two


@dataclass(slots=True)
class Parsed:
    """One file's data and line map, or the problems that stopped it parsing."""

    data: Any = None
    lines: LineMap | None = None
    problems: list[Problem] = field(default_factory=list)
    digest: str = ""  # of the file's bytes


SHARDS = 16  # the cache is kept in this many files, so an edit rewrites one of them


def shard(path: str) -> int:
    """Which of the cache's files holds a path's entry."""
    return zlib.crc32(path.encode("utf-8", "surrogateescape")) % SHARDS


@dataclass(slots=True)
class ParseCache:
    """Parsed data by file path and content digest; `dirty` names the shards something new
    was parsed into (or dropped from)."""

    entries: dict[str, tuple[str, Any]] = field(default_factory=dict)
    dirty: set[int] = field(default_factory=set)

    @classmethod
    def read(cls, folder: Path) -> ParseCache:
        """The cache stored in `folder`; shards that are missing, stale or unreadable are empty."""
        cache = cls()
        for k in range(SHARDS):
            try:
                stored = marshal.loads((folder / f"{k:02d}.marshal").read_bytes())
                if stored.get("version") == _VERSION and isinstance(stored.get("entries"), dict):
                    cache.entries.update(stored["entries"])
                    continue
            except (OSError, ValueError, TypeError, EOFError, AttributeError):
                pass
            cache.dirty.add(k)
        return cache

    def changed_shards(self) -> dict[str, bytes]:
        """The shards to write again, by file name (marshal: the fastest format for plain data;
        tied to the Python version)."""
        held: dict[int, dict[str, tuple[str, Any]]] = {k: {} for k in self.dirty}
        for path, entry in self.entries.items():
            k = shard(path)
            if k in held:
                held[k][path] = entry
        return {f"{k:02d}.marshal": marshal.dumps({"version": _VERSION, "entries": v}) for k, v in held.items()}


def parse_files(paths: list[Path], cache: ParseCache | None = None) -> dict[Path, Parsed]:
    """Parse every path (UTF-8 YAML), taking unchanged files from `cache` and adding new ones to it."""
    out: dict[Path, Parsed] = {}
    todo: list[tuple[Path, bytes, str]] = []
    for path in paths:
        raw = path.read_bytes()
        digest = hashlib.sha1(raw, usedforsecurity=False).hexdigest()
        hit = cache.entries.get(str(path)) if cache is not None else None
        if hit is not None and hit[0] == digest:
            out[path] = Parsed(hit[1], LineMap(path), digest=digest)
        else:
            todo.append((path, raw, digest))
    for (path, _, digest), parsed in zip(todo, _parse_all([(p, raw) for p, raw, _ in todo]), strict=True):
        parsed.digest = digest
        out[path] = parsed
        if cache is not None:
            cache.dirty.add(shard(str(path)))
            if not parsed.problems:  # marshal keeps every type the YAML loader makes, exactly
                cache.entries[str(path)] = (digest, parsed.data)
            else:
                cache.entries.pop(str(path), None)
    if cache is not None:
        known = {str(p) for p in paths}
        for gone in [k for k in cache.entries if k not in known]:
            del cache.entries[gone]
            cache.dirty.add(shard(gone))
    return out


def _parse_all(items: list[tuple[Path, bytes]]) -> list[Parsed]:
    total = sum(len(raw) for _, raw in items)
    workers = min(2, os.cpu_count() or 1)
    if workers < 2 or total < PARALLEL_BYTES or "fork" not in multiprocessing.get_all_start_methods():
        return [_parse_one(p, raw) for p, raw in items]
    # Split into chunks of about equal size, biggest files first, one list per worker.
    order = sorted(range(len(items)), key=lambda i: -len(items[i][1]))
    chunks: list[list[int]] = [[] for _ in range(workers * 4)]
    sizes = [0] * len(chunks)
    for i in order:
        smallest = sizes.index(min(sizes))
        chunks[smallest].append(i)
        sizes[smallest] += len(items[i][1])
    results: list[Parsed | None] = [None] * len(items)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [(chunk, pool.submit(_parse_chunk, [items[i] for i in chunk])) for chunk in chunks if chunk]
        for chunk, future in futures:
            for i, parsed in zip(chunk, future.result(), strict=True):
                results[i] = parsed
    return [r if r is not None else Parsed() for r in results]


def _parse_chunk(items: list[tuple[Path, bytes]]) -> list[Parsed]:
    return [_parse_one(p, raw) for p, raw in items]


def _parse_one(path: Path, raw: bytes) -> Parsed:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Parsed(problems=[Problem(display_path(path), 1, "", f"not UTF-8 text ({exc.reason})")])
    try:
        data, lines = load_yaml(path, text)
    except BriefingsError as exc:
        return Parsed(problems=exc.problems)
    return Parsed(data, lines)
