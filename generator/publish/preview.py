"""The live preview's MkDocs builds: after the first, only the pages an edit changed.

`briefings serve` regenerates docs/generated/ on each edit, then adds to a request file
(build/cache/preview.json) which files under docs/ it changed or removed. The MkDocs server it
runs (mkdocs_run.py) watches that one file instead of polling every file of docs/, and builds
again only the pages named there, with the files, navigation and compiled templates of its last
full build kept in memory. When a file came or went, too many changed, a request was missed, or
mkdocs.yml or the theme's overrides changed, it makes MkDocs' own --dirty build instead.

The protocol is the request file alone, so either side can be restarted: a server that cannot
tell what changed builds the MkDocs way.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..core.writer import Writer

REQUESTS = "preview.json"  # in build/cache/
REQUESTS_ENV = "BRIEFINGS_PREVIEW_REQUESTS"  # its absolute path, for the MkDocs server
DOCS_ENV = "BRIEFINGS_PREVIEW_DOCS"  # the docs folder, which the server then leaves unwatched
KEEP = 50  # requests kept in the file: a server further behind builds in full
MAX_FILES = 400  # a request naming more files than this is built the MkDocs way

log = logging.getLogger("mkdocs.briefings.preview")


@dataclass(frozen=True, slots=True)
class Request:
    """What one regeneration changed under docs/: paths relative to docs/, with '/'."""

    serial: int
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    first: list[str] = field(default_factory=list)  # of `changed`, the pages to show before the others


def read_requests(path: Path) -> list[Request]:
    """The requests in the file, oldest first; none when it is missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [
            Request(int(r["serial"]), list(r["changed"]), list(r["removed"]), list(r.get("first", []))) for r in data
        ]
    except (OSError, ValueError, TypeError, KeyError):
        return []


def add_request(cache: Path, changed: Iterable[str], removed: Iterable[str], first: Iterable[str] = ()) -> Request:
    """Add a request to the file in `cache` (keeping the last KEEP) and return it."""
    old = read_requests(cache / REQUESTS)
    changed = sorted(set(changed))
    request = Request(
        old[-1].serial + 1 if old else 1, changed, sorted(set(removed)), sorted(set(first) & set(changed))
    )
    records = [asdict(r) for r in [*old, request][-KEEP:]]
    Writer(cache).write_bytes(REQUESTS, json.dumps(records, ensure_ascii=False).encode("utf-8"))
    return request


def docs_paths(docs: Path, folder: Path, names: Iterable[str]) -> list[str]:
    """Paths of files in `folder` (inside `docs`) as paths relative to docs/."""
    prefix = folder.resolve().relative_to(docs.resolve()).as_posix()
    return [name if prefix == "." else f"{prefix}/{name}" for name in names]


@dataclass(slots=True)
class _State:
    """What the last full build used, kept for the builds of single pages after it."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    serial: int
    stamps: dict[str, float]  # mkdocs.yml, the overrides' and watched files: a change means a full build
    later: list[str] = field(default_factory=list)  # pages of the last request left for the next round


def _stamps(config: MkDocsConfig) -> dict[str, float]:
    paths = [config.config_file_path] if config.config_file_path else []
    for folder in [config.theme.custom_dir, *config.watch]:
        if folder and os.path.isdir(folder):
            paths += [os.path.join(d, n) for d, _, names in os.walk(folder) for n in names]
        elif folder:
            paths.append(folder)
    out = {}
    for p in paths:
        try:
            out[p] = os.stat(p).st_mtime
        except OSError:
            out[p] = -1.0
    return out


class _Capture(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """A plugin that keeps the files, navigation and template environment of a build."""

    files: Any = None
    nav: Any = None
    env: Any = None

    @event_priority(-1000)  # after every other plugin
    def on_files(self, files: Files, **kwargs: Any) -> Files:
        self.files = files
        return files

    @event_priority(-1000)
    def on_nav(self, nav: Navigation, **kwargs: Any) -> Navigation:
        self.nav = nav
        return nav

    @event_priority(-1000)
    def on_env(self, env: jinja2.Environment, **kwargs: Any) -> jinja2.Environment:
        self.env = env
        return env


def _including(files: Files, name: str) -> list[Page]:
    """The pages whose Markdown names `name` (a snippet they include, as pymdownx.snippets
    finds it from docs/)."""
    return [
        f.page
        for f in files.documentation_pages()
        if f.page is not None and f.page.markdown is not None and name in f.page.markdown
    ]


class IncrementalBuild:
    """MkDocs' build for the preview: full the first time, then only the requested pages.

    The pages a request names first (the edited briefings') are built on their own, and the
    browsers reloaded, before the rest: `again`, set by the server, asks for the next round.
    """

    def __init__(self, build: Callable[..., None], requests: Path) -> None:
        self._build = build
        self._requests = requests
        self._state: _State | None = None
        self.again: Callable[[], None] | None = None

    def __call__(self, config: MkDocsConfig, **kwargs: Any) -> None:
        records = read_requests(self._requests)
        latest = records[-1].serial if records else 0
        state, self._state = self._state, None  # a build that fails leaves no state behind
        if state is not None and _stamps(state.config) == state.stamps:
            pending = [r for r in records if r.serial > state.serial]
            if not pending or pending[0].serial == state.serial + 1:
                later = self._pages(state, pending)
                if later is not None:
                    state.serial, state.later = latest, later
                    self._state = state
                    if later and self.again is not None:
                        self.again()
                    return
        capture = _Capture()
        config.plugins["briefings-preview"] = capture
        self._build(config, **kwargs)
        self._state = _State(config, capture.files, capture.nav, capture.env, latest, _stamps(config))

    def _pages(self, state: _State, pending: Sequence[Request]) -> list[str] | None:
        """Build the files the requests name (and those left for later) again, the first ones
        alone when there are others; return the pages left for the next round, or None (having
        done nothing) when the build cannot be made page by page."""
        if any(r.removed for r in pending):
            return None
        names = list(dict.fromkeys([*state.later, *(name for r in pending for name in r.changed)]))
        first = {name for r in pending for name in r.first}
        if len(names) > MAX_FILES:
            return None
        static: list[File] = []
        pages: list[Page] = []
        for name in names:
            f = state.files.get_file_from_path(name)
            if f is None:  # a new file: MkDocs' build finds it
                return None
            if not f.is_documentation_page():
                static.append(f)
            elif f.page is not None:
                pages.append(f.page)
            else:  # a page left out of the site, such as a snippet: the pages that include it
                users = _including(state.files, f.src_uri)
                if not users:
                    return None
                pages += users
        pages = list({p.file.src_uri: p for p in pages}.values())
        now = [p for p in pages if p.file.src_uri in first]
        if not now or len(now) == len(pages):
            now = pages
        started = time.perf_counter()
        for f in static:
            f.copy_file()
        for page in now:
            _populate_page(page, state.config, state.files)
        doc_files = state.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for page in now:
            _build_page(page, state.config, doc_files, state.nav, state.env, excluded=page.file.inclusion.is_excluded())  # type: ignore[no-untyped-call]
        took = time.perf_counter() - started
        if now:
            log.info(f"Built {len(now)} changed page{'s' * (len(now) != 1)} again in {took:.2f} seconds")
        done = {p.file.src_uri for p in now}
        return [p.file.src_uri for p in pages if p.file.src_uri not in done]
