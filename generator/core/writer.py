"""The writer of generated files: every page under docs/generated/, the caches under build/, and
every file a tool adds under briefings/ go through one. (The site itself is written by MkDocs
and Pagefind into a fresh folder that publish/site.py swaps in for site/.)

It writes only inside its output folder, never the same file twice in a run, only files
whose content changed (each atomically), and removes files it no longer generates.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class WriteStats:
    """What a write changed on disk."""

    written: int
    unchanged: int
    removed: int
    written_files: tuple[str, ...] = ()  # paths inside the folder
    removed_files: tuple[str, ...] = ()


_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def _create(path: str, data: bytes) -> bool:
    """Write a new file where it goes; False if one is there (it came meanwhile, or is a link)."""
    try:
        fd = os.open(path, _NEW, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as handle:
        os.fchmod(handle.fileno(), 0o644)
        handle.write(data)
    return True


class WriterError(Exception):
    """A write the writer refuses to make."""


class Writer:
    """Owns one output folder; everything in it is generated."""

    def __init__(self, out_dir: Path, *, new_in_place: bool = False) -> None:
        """`new_in_place`: a file that is not there yet is written where it goes, not written
        aside and renamed (half the directory updates). For a caller that writes again whatever
        a run that died left half-written: generation does, as its snapshot is written last."""
        self.out_dir = out_dir.resolve()
        self.new_in_place = new_in_place
        self._root = str(self.out_dir)
        self._seen: set[str] = set()
        self._folders: set[str] = set()  # folders checked to be inside out_dir (no symlink out), and made
        self.wrote: list[str] = []  # paths inside the folder, as given, in the order written
        self.deleted: list[str] = []

    def _target(self, rel: str, make: bool = True) -> str:
        """The file's path, checked: inside the folder (lexically, and its folder for real, once
        per folder), and not given before in this run."""
        norm = os.path.normpath(rel)
        if os.path.isabs(norm) or norm in (".", "..") or norm.startswith("../"):
            raise WriterError(f"refusing to write outside {self.out_dir}: {rel}")
        path = os.path.join(self._root, norm)
        if path in self._seen:
            raise WriterError(f"refusing to write {rel} twice in one run")
        folder = os.path.dirname(path)
        if folder not in self._folders:
            if not Path(folder).resolve().is_relative_to(self.out_dir):
                raise WriterError(f"refusing to write outside {self.out_dir}: {rel}")
            if make:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
        self._seen.add(path)
        return path

    def write_bytes(self, rel: str, data: bytes) -> bool:
        """Write `data` to `rel` unless it already holds exactly that; True if it wrote."""
        path = self._target(rel)
        try:
            if os.stat(path).st_size == len(data):
                with open(path, "rb") as old:
                    if old.read() == data:
                        return False
        except FileNotFoundError:
            if self.new_in_place and _create(path, data):
                self.wrote.append(rel)
                return True
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-", suffix=os.path.splitext(path)[1])
        try:
            with os.fdopen(fd, "wb") as handle:
                os.fchmod(handle.fileno(), 0o644)
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.wrote.append(rel)
        return True

    def sync(self, files: Mapping[str, str | bytes]) -> WriteStats:
        """Make the output folder hold exactly `files` (text is written as UTF-8)."""
        written = sum(
            self.write_bytes(rel, data.encode("utf-8") if isinstance(data, str) else data)
            for rel, data in sorted(files.items())
        )
        self.remove_except(set(files))
        return self.stats(len(files) - written)

    def stats(self, unchanged: int) -> WriteStats:
        """What this writer wrote and removed, and `unchanged` files it left as they were."""
        return WriteStats(len(self.wrote), unchanged, len(self.deleted), tuple(self.wrote), tuple(self.deleted))

    def remove(self, paths: list[str]) -> int:
        """Delete these files (paths inside the folder), then the folders they leave empty."""
        removed = 0
        for rel in paths:
            path = Path(self._target(rel, make=False))
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            self.deleted.append(rel)
            removed += 1
            folder = path.parent
            while folder != self.out_dir and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
        return removed

    def remove_except(self, keep: set[str]) -> int:
        """Delete files whose path inside the folder is not in `keep`, then empty folders."""
        removed = 0
        for folder, _, files in os.walk(self.out_dir, topdown=False):
            rel = os.path.relpath(folder, self.out_dir)
            for name in files:
                path = os.path.normpath(os.path.join(rel, name))
                if path not in keep:
                    os.unlink(os.path.join(folder, name))
                    self.deleted.append(Path(path).as_posix())
                    removed += 1
            if folder != str(self.out_dir) and not os.listdir(folder):
                os.rmdir(folder)
        return removed
