"""What the last generation rendered, so the next one renders only the pages an edit can change.

A snapshot is the linked corpus of the last generation and a key of everything else its pages
depended on (registries, settings, templates, options, this package's version). When the key
is the same and only briefing files changed, `touched_by` (render.py) names the pages to render.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .link import Corpus
from .render import Options, touched_by
from .templating import DEFAULT_TEMPLATES

SNAPSHOT_VERSION = 1


@dataclass(slots=True)
class Snapshot:
    """The corpus a generation rendered and the key of what else its pages depended on."""

    key: str
    corpus: Corpus
    pages: list[str]


def render_key(corpus: Corpus, options: Options, briefing_paths: set[str]) -> str:
    """A digest of every input of the pages except the briefing files themselves."""
    digest = hashlib.sha256(f"{SNAPSHOT_VERSION} {__version__} {options!r}".encode())
    for code in sorted(Path(__file__).parent.glob("*.py")):  # any change to the code: render all
        digest.update(code.read_bytes())
    for name, file_digest in sorted(corpus.digests.items()):
        if name not in briefing_paths:
            digest.update(f"{name}\0{file_digest}\n".encode())
    for folder in (DEFAULT_TEMPLATES, options.templates):
        if folder is not None and folder.is_dir():
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def briefing_paths(corpus: Corpus) -> dict[str, str]:
    """Each briefing's file, by briefing id."""
    return {bid: str(b.where()[0].path) for bid, b in corpus.briefings.items()}


def read(path: Path) -> Snapshot | None:
    """The snapshot stored at `path`, or None when there is none that can be read."""
    try:
        with path.open("rb") as handle:
            snapshot = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return snapshot if isinstance(snapshot, Snapshot) else None


def pages_to_render(old: Snapshot | None, key: str, corpus: Corpus, on_disk: Path) -> Callable[[str], bool] | None:
    """Which pages to render, or None for all of them (no usable snapshot, or too much changed)."""
    if old is None or old.key != key or old.corpus.briefings.keys() != corpus.briefings.keys():
        return None
    if not all((on_disk / page).is_file() for page in old.pages):  # someone removed generated pages
        return None
    changed = {bid for bid in corpus.briefings if corpus.digest_of(bid) != old.corpus.digest_of(bid)}
    if not changed:
        return _nothing
    return touched_by(old.corpus, corpus, changed)


def _nothing(path: str) -> bool:
    return False


def dumps(snapshot: Snapshot) -> bytes:
    return pickle.dumps(snapshot, protocol=pickle.HIGHEST_PROTOCOL)
