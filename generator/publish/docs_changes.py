"""Which files under docs/ changed since site/ was built, by their content, never their times.

MkDocs' --dirty build renders a page again when its source is newer than its HTML. Times do
not survive what CI does between runs: a fresh clone gives every file a new time, and a
restored cache gives its files the times of the restore, so a changed page could look older
than its stale HTML and be skipped. So briefings keeps, with the site, a digest of every file
under docs/ it was built from (build/cache/docs.json), and tells MkDocs which ones differ
(generator/publish/mkdocs_run.py asks this list instead of the times). A file whose size, time
and inode are as recorded keeps its recorded digest without being read again.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

DOCS_MANIFEST = "docs.json"  # in build/cache/: {path inside docs/: [size, mtime_ns, inode, sha256]}
CHANGED_FILE = "docs-changed.json"  # in build/cache/: the paths the next --dirty build renders
CHANGED_ENV = "BRIEFINGS_DOCS_CHANGED"  # that file's absolute path, for mkdocs_run.py
PREVIOUS_ENV = "BRIEFINGS_PREVIOUS_SITE"  # the site an incremental build builds on, for mkdocs_run.py

Manifest = dict[str, list[object]]


def read_manifest(path: Path) -> Manifest | None:
    """The manifest at `path`, or None when it is missing or cannot be trusted to be one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not all(
        isinstance(v, list) and len(v) == 4 and isinstance(v[3], str) for v in data.values()
    ):
        return None
    return data


def scan(docs: Path, previous: Manifest | None) -> Manifest:
    """The manifest of docs/ now (digests from `previous` where a file's stat is unchanged)."""
    out: Manifest = {}
    for folder, dirs, files in os.walk(docs):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            st = os.stat(path)
            rel = os.path.relpath(path, docs).replace(os.sep, "/")
            stat = [st.st_size, st.st_mtime_ns, st.st_ino]
            known = previous.get(rel) if previous else None
            if known is not None and known[:3] == stat:
                out[rel] = [*stat, known[3]]
            else:
                with open(path, "rb") as handle:
                    out[rel] = [*stat, hashlib.file_digest(handle, "sha256").hexdigest()]
    return out


def changed(before: Manifest, now: Manifest) -> list[str]:
    """The files of `now` that are new or whose content differs from `before`."""
    return sorted(rel for rel, entry in now.items() if rel not in before or before[rel][3] != entry[3])
