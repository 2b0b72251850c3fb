"""The live preview's loop (`briefings serve`): check and generate, start the server, then watch
briefings/, templates/, the settings and docs/ and regenerate on every saved edit, telling the
server which pages changed."""

from __future__ import annotations

import gc
import os
import socket
import subprocess
import sys
import threading
import time
import webbrowser
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import BriefingsError
from ..core.writer import Writer
from ..load.files import input_files
from ..load.project import LANGUAGE_ENV, SETTINGS_FILE, Project, check_mkdocs_settings, open_project
from ..publish.site import ZENSICAL_CONFIG, site_language, zensical_serve
from .incremental import Snapshot
from .stages import SERVE_SCRIPT, check, generate, serve_script, warn

if TYPE_CHECKING:
    from watchdog.observers.api import BaseObserver


# 96 lines, on purpose: the watch loop and its two closures share the loop's state (the project,
# the last generation, what was seen); split apart, that state would travel in a class for one caller.
def serve(
    project: Project, *, engine: str, host: str, port: int, drafts: bool, interval: float, open_browser: bool = False
) -> int:
    """`briefings serve`: generate, start the preview server, and regenerate on every saved edit
    until the server stops; the server shows only what changed (MkDocs) or rebuilds (Zensical)."""
    check_mkdocs_settings(project.mkdocs_yml)
    url = preview_url(host, port)
    memory: list[Snapshot] = []  # the last generation, kept here between edits
    mkdocs = engine == "mkdocs"
    if mkdocs:
        from ..publish import preview

    def regenerate() -> tuple[list[str], list[str]]:
        """Check and generate; the files it changed and removed, as paths inside docs/."""
        nonlocal project
        started = time.perf_counter()
        problems: list[str] = []
        changed: list[str] = []
        removed: list[str] = []
        try:
            project = open_project(project.root)  # briefings.toml may have changed
            corpus = check(project, drafts=drafts)
            warn(corpus)
            stats, _ = generate(
                project,
                corpus,
                memory=memory,
                serving=True,
                engine=engine,
                site_url=url,
            )
            changed, removed = list(stats.written_files), list(stats.removed_files)
            took = time.perf_counter() - started
            print(f"regenerated: {stats.written} pages written, {stats.removed} removed ({took:.1f} s)", flush=True)
        except BriefingsError as exc:
            print(exc, file=sys.stderr, flush=True)
            print("not regenerated: fix the problems above; the preview keeps the last good pages", file=sys.stderr)
            problems = [str(p) for p in exc.problems]
        writer = Writer(project.generated)
        writer.write_bytes(SERVE_SCRIPT, serve_script(problems).encode("utf-8"))
        changed += writer.wrote
        return changed, removed

    def request(changed: list[str], removed: list[str], folder: Path, first: Sequence[str] = ()) -> None:
        """Tell MkDocs' server which files under docs/ changed (paths inside `folder`), and
        which of them to show first."""
        if mkdocs and (changed or removed):
            docs = project.docs
            preview.add_request(
                project.cache,
                preview.docs_paths(docs, folder, changed),
                preview.docs_paths(docs, folder, removed),
                preview.docs_paths(docs, folder, first),
            )

    regenerate()
    server = _start_server(project, engine, f"{host}:{port}")
    print(f"Preview at {url} (Ctrl-C stops it)", flush=True)
    if open_browser:
        threading.Thread(target=_open_when_up, args=(host, port, url, server), daemon=True).start()
    watched = [project.briefings, project.templates, project.root / SETTINGS_FILE]
    seen = _snapshot(watched)
    pages = _docs_snapshot(project) if mkdocs else {}  # hand-written pages: MkDocs no longer watches docs/
    woken = threading.Event()
    garbage: float | None = None  # when the last regeneration left garbage, until it is collected
    observer = _notify(woken, [project.briefings, project.templates, project.docs], project.root)
    try:
        while server.poll() is None:
            if woken.wait(interval):  # told of a change: wait until the writes stop
                woken.clear()
                while woken.wait(QUIET):
                    woken.clear()
            now = _snapshot(watched)
            if now != seen:
                saved = [p for p, t in now.items() if seen.get(p) != t and p.suffix.lower() in (".yaml", ".yml")]
                seen = now
                request(*regenerate(), project.generated, [f"briefings/{p.stem}.md" for p in saved])
                garbage = time.monotonic()
            elif garbage is not None and time.monotonic() - garbage > IDLE:
                _collect()  # while nobody waits for a page
                garbage = None
            if mkdocs:
                now_pages = _docs_snapshot(project)
                if now_pages != pages:
                    edited = [p for p, t in now_pages.items() if pages.get(p) != t]
                    request(edited, [p for p in pages if p not in now_pages], project.docs)
                    pages = now_pages
    except KeyboardInterrupt:
        pass
    finally:
        if observer is not None:
            observer.stop()
        server.terminate()
        server.wait(timeout=10)
        (project.root / ZENSICAL_CONFIG).unlink(missing_ok=True)
    return 0


def preview_url(host: str, port: int) -> str:
    """The preview's address in a browser (a server on every interface is reached on this machine)."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def _open_when_up(host: str, port: int, url: str, server: subprocess.Popen[bytes], wait: float = 60.0) -> None:
    """Open the preview in the browser once its server answers (`serve --open`)."""
    target = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with socket.create_connection((target, port), timeout=1):
                webbrowser.open(url)
                return
        except OSError:
            time.sleep(0.2)


def _start_server(project: Project, engine: str, address: str) -> subprocess.Popen[bytes]:
    """The preview's server: MkDocs' with --dirty (a full build first; then only the pages
    `briefings serve` says changed), or Zensical's (which rebuilds what changed on its own)."""
    env = dict(os.environ)
    env[LANGUAGE_ENV] = site_language(project)
    if engine == "mkdocs":
        from ..publish import preview

        preview.add_request(project.cache, [], [])  # the request file the server watches
        env[preview.REQUESTS_ENV] = str((project.cache / preview.REQUESTS).resolve())
        env[preview.DOCS_ENV] = str(project.docs.resolve())
        mkdocs_yml = str(project.mkdocs_yml)
        cmd = [sys.executable, "-m", "generator.publish.mkdocs_run", "serve", "--dirty", "-f", mkdocs_yml]
        cmd += ["-a", address]
    else:
        cmd = zensical_serve(project, address, "generated/" + SERVE_SCRIPT)
    return subprocess.Popen(cmd, cwd=project.root, env=env)


QUIET = 0.03  # seconds without a change before an edit is taken as saved
IDLE = 5.0  # seconds without an edit before the preview collects garbage


def _collect() -> None:
    """Free what the last regenerations left in cycles (an old template environment, say): check
    and generate freeze what they made out of the collector's way (pipeline.paused_gc), which in
    a process that regenerates again and again would keep it all."""
    gc.unfreeze()
    gc.collect()


def _notify(woken: threading.Event, folders: list[Path], top: Path) -> BaseObserver | None:
    """Set `woken` on any change in `folders` or among the files directly in `top` (the
    settings), as the system reports it; None when it cannot (the preview then only polls)."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    handler = FileSystemEventHandler()
    handler.on_any_event = lambda event: woken.set()  # type: ignore[method-assign]
    observer = Observer()
    try:
        for folder in folders:
            if folder.is_dir():
                observer.schedule(handler, str(folder), recursive=True)
        observer.schedule(handler, str(top), recursive=False)
        observer.start()
    except OSError:  # no inotify watches left, say: polling still finds every change
        return None
    return observer


def _snapshot(watched: list[Path]) -> dict[Path, float]:
    """Modification times of every file in the watched folders, and of the watched files."""
    out = {p: p.stat().st_mtime for folder in watched if folder.is_dir() for p in input_files(folder)}
    out.update((p, p.stat().st_mtime) for p in watched if p.is_file())
    return out


def _docs_snapshot(project: Project) -> dict[str, float]:
    """Modification times of the files in docs/ outside docs/generated/, by path inside docs/."""
    docs, generated = str(project.docs), str(project.generated)
    out = {}
    for folder, dirs, files in os.walk(docs):
        dirs[:] = [d for d in dirs if os.path.join(folder, d) != generated]
        for name in files:
            path = os.path.join(folder, name)
            try:
                out[os.path.relpath(path, docs).replace(os.sep, "/")] = os.stat(path).st_mtime
            except OSError:
                continue
    return out
