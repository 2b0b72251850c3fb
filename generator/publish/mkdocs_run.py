"""Run MkDocs for briefings: python -m generator.publish.mkdocs_run build|serve [mkdocs options].

An incremental (--dirty) build writes into an empty folder only the pages whose Markdown changed
(and the theme's files that changed, the sitemap, 404 page and Material's index, which MkDocs
always writes), looking up what is there in the previous site (overlay.py puts them in place).
Every file MkDocs writes is first unlinked, so a hard link is never written into. The
warning MkDocs gives for every --dirty build is dropped: here the site is kept consistent by
briefings (see site.py), so it would only make --strict fail. When serving, the first build is
indexed for search, so the preview's search box works (the index is not rebuilt on each edit),
and every page loads the problem report that `briefings serve` writes after each edit.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs import utils
from mkdocs.__main__ import cli
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File

from ..core.signals import stop_as_on_ctrl_c
from ..load.project import LANGUAGE_ENV
from . import preview
from .docs_changes import CHANGED_ENV, PREVIOUS_ENV


def _write_file(content: bytes, output_path: str) -> None:
    os.makedirs(os.path.dirname(output_path), exist_ok=True)
    if os.path.lexists(output_path):
        os.unlink(output_path)
    with open(output_path, "wb") as f:
        f.write(content)


def _copy_file(source_path: str, output_path: str) -> None:
    os.makedirs(os.path.dirname(output_path), exist_ok=True)
    if os.path.isdir(output_path):
        output_path = os.path.join(output_path, os.path.basename(source_path))
    if os.path.lexists(output_path):
        os.unlink(output_path)
    shutil.copyfile(source_path, output_path)


SERVE_SCRIPT_URL = "generated/assets/serve.js"  # pipeline.SERVE_SCRIPT, inside docs/


class _NoDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "A 'dirty' build is being performed" not in record.getMessage()


def _serving(build: Callable[..., None]) -> Callable[..., None]:
    """The preview's build: its pages load the problem report of `briefings serve`, and its first
    build is indexed for search."""

    def run(config: MkDocsConfig, **kwargs: Any) -> None:
        if SERVE_SCRIPT_URL not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(SERVE_SCRIPT_URL)
        build(config, **kwargs)
        if not os.path.isdir(os.path.join(config.site_dir, "pagefind")):
            from .search import index_search

            index_search(Path(config.site_dir), language=os.environ.get(LANGUAGE_ENV, "en"))

    return run


class _PreviewServer(LiveReloadServer):
    """MkDocs' server, watching the request file of `briefings serve` instead of docs/; the
    preview's build asks it for another round when it left pages for later."""

    def __init__(self, *args: Any, docs: str, requests: str, build: preview.IncrementalBuild, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._docs = docs
        self._requests_file = requests
        build.again = self.build_again

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        if os.path.abspath(path) == self._docs:
            path, recursive = self._requests_file, False
        super().watch(path, func, recursive=recursive)

    def build_again(self) -> None:
        """Build once more after this build (MkDocs 1.6's own flag, as a file change sets it)."""
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()


def _changed_by_content(listed: str, previous: str) -> None:
    """--dirty renders a page from docs/ again when briefings found its content changed (the
    list in `listed`, see docs_changes.py), whatever the files' times say; other files (the
    theme's, whose version is part of what decides a full build) go by time as in MkDocs. What
    is there is looked up in `previous`, the site being built on (the build writes into an empty
    folder: only what changed, see overlay.py)."""
    with open(listed, encoding="utf-8") as handle:
        changed = set(json.load(handle))

    def is_modified(self: File) -> bool:
        before = os.path.join(previous, self.dest_uri)
        if self._content is not None or not os.path.isfile(before):
            return True
        assert self.abs_src_path is not None
        if self.src_dir is not None and self.src_uri is not None:
            docs = os.path.abspath(self.src_dir)
            if os.path.abspath(self.abs_src_path).startswith(docs + os.sep):
                return self.src_uri in changed
        return os.path.getmtime(before) < os.path.getmtime(self.abs_src_path)

    File.is_modified = is_modified  # type: ignore[method-assign]


def _one_page_at_a_time() -> None:
    """MkDocs reads and renders every page before it writes any, so it holds the whole site's
    Markdown and HTML at once (0.44 GB at 3,000 briefings, and growing with them). A page that is
    not in the nav (every page under docs/generated/) is read just before it is written instead,
    and its text let go once it is written; what MkDocs checks at the end (the anchors a page has
    and the anchors it links to) is kept. Nav pages are read first as before, so every page's nav
    has their titles; the site's bytes are the same. For `build` only: the preview keeps every
    page's Markdown, to find the pages that include a snippet."""
    populate, build_page = mkdocs_build._populate_page, mkdocs_build._build_page
    later: dict[int, Any] = {}  # id of a page read later: the site's files, to read it with

    def populate_nav_pages(page: Any, config: MkDocsConfig, files: Any, dirty: bool = False) -> None:
        if page.file.inclusion.is_not_in_nav():
            later[id(page)] = files
        else:
            populate(page, config, files, dirty)

    def build_and_let_go(
        page: Any, config: MkDocsConfig, doc_files: Any, nav: Any, env: Any, dirty: bool = False, excluded: bool = False
    ) -> None:
        if id(page) not in later:
            build_page(page, config, doc_files, nav, env, dirty, excluded)
            return
        populate(page, config, later.pop(id(page)), dirty)
        build_page(page, config, doc_files, nav, env, dirty, excluded)
        page.markdown, page.content, page.toc, page.meta = None, None, [], {}  # (meta: front matter, JSON-LD)

    mkdocs_build._populate_page = populate_nav_pages
    mkdocs_build._build_page = build_and_let_go


def main() -> None:
    utils.write_file = _write_file
    utils.copy_file = _copy_file
    if os.environ.get(CHANGED_ENV):
        _changed_by_content(os.environ[CHANGED_ENV], os.environ[PREVIOUS_ENV])
    logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyWarning())
    command, *args = sys.argv[1:] or ["build"]
    if command == "build":
        _one_page_at_a_time()
    elif command == "serve":  # (the preview keeps every page's Markdown: it finds a snippet's users in it)
        from mkdocs.commands import serve

        # `briefings serve` stops its server with SIGTERM: stop as on Ctrl-C, so MkDocs removes
        # the temporary folder it serves from (12 MB for the sample site, one per preview).
        stop_as_on_ctrl_c()

        requests = os.environ.get(preview.REQUESTS_ENV)
        if requests:  # briefings serve says which files changed: build only those pages
            build = preview.IncrementalBuild(serve.build, Path(requests))  # type: ignore[attr-defined]
            serve.build = _serving(build)  # type: ignore[attr-defined]
            docs = os.path.abspath(os.environ.get(preview.DOCS_ENV, "docs"))
            server: Callable[..., LiveReloadServer] = functools.partial(
                _PreviewServer, docs=docs, requests=requests, build=build, polling_interval=0.1
            )
            serve.LiveReloadServer = server  # type: ignore[attr-defined,assignment]
        else:  # run by hand: MkDocs watches docs/ itself
            serve.build = _serving(serve.build)  # type: ignore[attr-defined]
    cli([command, *args])


if __name__ == "__main__":
    main()
