"""Build the static site with MkDocs, replacing the previous site only when the build succeeds."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..core import optional
from ..core.errors import BriefingsError, Problem, display_path
from ..core.trash import discard
from ..core.writer import Writer
from ..load.project import LANGUAGE_ENV, SITE_URL_ENV, Project, check_mkdocs_settings, fixed_theme_language
from .docs_changes import CHANGED_ENV, CHANGED_FILE, DOCS_MANIFEST, PREVIOUS_ENV, Manifest, changed, read_manifest, scan
from .overlay import commit, overlay_files, recover
from .search import BUNDLE, MANIFEST, index_search, load_manifest, script_knows
from .search import settings as search_settings

SEARCH_SCRIPT = "assets/briefings.js"  # in docs/: the project's copy of the search box's script
OLD_SCRIPT = (
    "is from an older briefings: search indexes each page of actors, events, places and topics on its own, "
    "a bigger index (copy docs/assets/briefings.js from a project made by `briefings init` to index them in records)"
)
UNTIERED_SCRIPT = (
    "is from an older briefings: search reads every year's briefings for each query, a slower search on a site "
    "this big (copy docs/assets/briefings.js from a project made by `briefings init` to search the newest years first)"
)


# 100 lines, on purpose: the site build's steps in the order they run (build, index, commit or
# swap, remember), each a call; the try/finally that keeps the previous site/ must hold them all.
def build_site(
    project: Project,
    *,
    strict: bool,
    site_url: str | None = None,
    incremental: bool = True,
    date: str | None = None,
    engine: str = "mkdocs",
) -> SiteStats:
    """Build the site into a fresh folder, index it for search, then swap it in for site/.

    When site/ was built from the same configuration, MkDocs renders into the fresh folder only
    the pages whose Markdown changed (and the few files it always writes), the search index is
    built there from them and site/'s other pages, and overlay.py then moves them into site/,
    in a way that is undone if it fails part way. Dates MkDocs writes (the sitemap's) are `date` (the
    newest briefing's, YYYY-MM-DD) unless SOURCE_DATE_EPOCH is set, so the same input gives the
    same bytes on any day.

    `engine` zensical builds with Zensical instead (it reads the same mkdocs.yml), always into a
    fresh folder: Zensical keeps its own cache of what it rendered (.cache/). `engine` properdocs
    builds with ProperDocs (the maintained fork of MkDocs 1.x), always whole.
    """
    check_mkdocs_settings(project.mkdocs_yml)
    _remove_leftovers(project)
    stamp = _stamp(project, strict=strict, site_url=site_url) + f" {engine}"
    previous = project.cache / STAMP_FILE
    built = project.site.is_dir() and previous.is_file()
    before = previous.read_text(encoding="utf-8", errors="replace").split("\n") if built else []
    recorded = read_manifest(project.cache / DOCS_MANIFEST) if built else None
    if built and recorded is None and (project.cache / DOCS_MANIFEST).exists():
        note = f"note: {display_path(project.cache / DOCS_MANIFEST)} could not be used: every page of the site is built"
        print(note, file=sys.stderr)
    docs_now = scan(project.docs, recorded)
    inputs = _inputs(docs_now)
    dirty = (
        incremental
        and engine == "mkdocs"
        and recorded is not None  # (without it, what changed is not known by content: build all)
        and before[:1] == [stamp]
        and not re.search(r"^use_directory_urls:\s*false", project.mkdocs_yml.read_text(encoding="utf-8"), re.M)
    )
    language = site_language(project)
    searching = search_settings(language)  # (its own line: a change indexes again, renders nothing)
    if before[:3] == [stamp, inputs, searching] and incremental:
        if docs_now != recorded:  # the same content with new file times (a fresh clone): remember them
            Writer(project.cache).write_bytes(DOCS_MANIFEST, json.dumps(docs_now, separators=(",", ":")).encode())
        return SiteStats(True, 0.0, 0.0, up_to_date=True)  # nothing in docs/ changed: nothing to write
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=project.root))
    try:
        cmd = _build_command(project, tmp, engine, strict)
        env = _build_env(site_url, date, language)
        if dirty:  # only what changed is built, into the empty folder (overlay.py)
            assert recorded is not None
            cmd.append("--dirty")
            again = changed(recorded, docs_now) + _hand_written(project.docs)  # (these may include snippets)
            Writer(project.cache).write_bytes(CHANGED_FILE, json.dumps(again).encode("utf-8"))
            env[CHANGED_ENV] = str((project.cache / CHANGED_FILE).resolve())
            env[PREVIOUS_ENV] = str(project.site.resolve())
        started = time.perf_counter()
        result = subprocess.run(cmd, cwd=project.root, env=env, capture_output=True, text=True, check=False)
        mkdocs_seconds = time.perf_counter() - started
        if result.returncode != 0:
            output = (result.stderr + result.stdout).strip()
            raise BriefingsError(
                [Problem(display_path(project.mkdocs_yml), 0, engine, f"{ENGINE_NAMES[engine]} failed:\n{output}")],
                outcome="the previous site/ is left as it was",
            )
        # (no -q: MkDocs counts warnings for --strict only when it logs them)
        gone = _gone(sorted(recorded.keys() - docs_now.keys())) if dirty and recorded is not None else []
        started = time.perf_counter()
        records, tiers = script_knows(project.docs / SEARCH_SCRIPT)
        if not records:
            print(f"note: {display_path(project.docs / SEARCH_SCRIPT)} {OLD_SCRIPT}", file=sys.stderr)
        searched = index_search(
            tmp,
            previous=project.site if dirty else None,
            manifest=load_manifest(project.cache) if dirty else None,
            language=env[LANGUAGE_ENV],
            records=records,
            tiers=tiers,
            base=project.site if dirty else None,
            gone=gone,
        )
        if searched.untiered:
            print(f"note: {display_path(project.docs / SEARCH_SCRIPT)} {UNTIERED_SCRIPT}", file=sys.stderr)
        search_seconds = time.perf_counter() - started
        stamp_text = f"{stamp}\n{inputs}\n{searching}\n"
        if dirty:
            commit(tmp, project.site, overlay_files(tmp, (BUNDLE,)), gone)
        else:
            os.chmod(tmp, 0o755)
            _swap(tmp, project.site)
        writer = Writer(project.cache)
        writer.write_bytes(STAMP_FILE, stamp_text.encode("utf-8"))
        writer.write_bytes(MANIFEST, json.dumps(searched.manifest, separators=(",", ":")).encode("utf-8"))
        writer.write_bytes(DOCS_MANIFEST, json.dumps(docs_now, separators=(",", ":")).encode("utf-8"))
    finally:
        discard(tmp)  # (a build that failed: it was not swapped in)
        (project.root / ZENSICAL_CONFIG).unlink(missing_ok=True)
    return SiteStats(dirty, mkdocs_seconds, search_seconds, shards=(searched.indexed, searched.shards))


def _build_command(project: Project, folder: Path, engine: str, strict: bool) -> list[str]:
    """The command that builds the site into `folder` with `engine`."""
    if engine == "zensical":
        cmd = [*zensical_command(), "build", "-f", str(_zensical_config(project, folder))]
    elif engine == "properdocs":  # MkDocs 1.x continued: the same mkdocs.yml, theme and plugins
        optional.load("properdocs", "properdocs", "the properdocs engine")
        cmd = [sys.executable, "-m", "properdocs", "build", "-f", str(project.mkdocs_yml), "-d", str(folder)]
    else:
        mkdocs_yml, module = str(project.mkdocs_yml), "generator.publish.mkdocs_run"
        cmd = [sys.executable, "-m", module, "build", "-f", mkdocs_yml, "-d", str(folder)]
    return cmd + (["--strict"] if strict else [])


def theme_language(tag: str) -> str:
    """The theme's language for the site language `tag`: the tag itself when Material has it,
    else its language alone (pt-AO -> pt), else English for the theme's few own words."""
    import material  # type: ignore[import-untyped]

    found = Path(material.__file__).parent / "templates" / "partials" / "languages"
    for name in (tag, tag.split("-")[0]):
        if (found / f"{name}.html").is_file():
            return name
    return "en"


def site_language(project: Project, *, warn: bool = True) -> str:
    """The language the built pages say they are in (their `lang`, which Pagefind's index must
    match): briefings.toml's, unless mkdocs.yml writes out another theme language (said)."""
    wanted = theme_language(project.settings.language)
    fixed = fixed_theme_language(project.mkdocs_yml)
    if fixed is not None and fixed != wanted:
        if not warn:
            return fixed
        print(
            f"{display_path(project.mkdocs_yml)}: warning: theme language is {fixed!r}, briefings.toml's is "
            f"{project.settings.language!r}: write `language: !ENV [{LANGUAGE_ENV}, en]` under theme",
            file=sys.stderr,
        )
        return fixed
    return wanted


def _build_env(site_url: str | None, date: str | None, language: str = "en") -> dict[str, str]:
    """The build's environment: the site's address and language, and the day its sitemap gives
    (the newest briefing's, unless SOURCE_DATE_EPOCH is set), so the same input gives the same bytes."""
    env = dict(os.environ)
    env[LANGUAGE_ENV] = language
    if site_url:
        env[SITE_URL_ENV] = site_url
    if "SOURCE_DATE_EPOCH" not in env:
        day = dt.date.fromisoformat(date) if date else dt.date(1970, 1, 1)
        env["SOURCE_DATE_EPOCH"] = str(calendar.timegm(day.timetuple()))
    return env


ENGINES = ("mkdocs", "zensical", "properdocs")  # what `build --engine` takes
SERVE_ENGINES = ("mkdocs", "zensical")  # (the preview's incremental server is MkDocs' or Zensical's)
ENGINE_NAMES = {"mkdocs": "MkDocs", "zensical": "Zensical", "properdocs": "ProperDocs"}  # as messages name them
ZENSICAL_CONFIG = ".briefings-zensical.yml"  # mkdocs.yml with the build's own site_dir, for Zensical


def zensical_serve(project: Project, address: str, script: str) -> list[str]:
    """The command that serves the preview with Zensical (into a folder of its own, not site/)."""
    config = _zensical_config(project, project.cache / "zensical-preview", script)
    return [*zensical_command(), "serve", "-f", str(config), "-a", address]


def zensical_command() -> list[str]:
    """How to run Zensical (an optional dependency: pip install 'briefings[zensical]')."""
    found = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which("zensical")
    if found is None:
        message = "the zensical engine is not installed: pip install 'briefings[zensical]'"
        raise BriefingsError([Problem("zensical", 0, "", message)], outcome="the previous site/ is left as it was")
    return [found]


def _zensical_config(project: Project, site_dir: Path, script: str | None = None) -> Path:
    """mkdocs.yml as it is, but building into `site_dir` (Zensical has no option for it), and
    loading `script` on every page too (the preview's problem report)."""
    text = project.mkdocs_yml.read_text(encoding="utf-8")
    text = re.sub(r"^site_dir:.*$", "", text, flags=re.M)
    if script is not None:
        if re.search(r"^extra_javascript:\s*$", text, re.M):
            text = re.sub(r"^extra_javascript:\s*$", f"extra_javascript:\n  - {script}", text, count=1, flags=re.M)
        elif not re.search(r"^extra_javascript:", text, re.M):
            text += f"\nextra_javascript:\n  - {script}\n"
    path = project.root / ZENSICAL_CONFIG
    path.write_text(f"{text.rstrip()}\nsite_dir: {json.dumps(str(site_dir))}\n", encoding="utf-8")
    return path


@dataclass(frozen=True, slots=True)
class SiteStats:
    """How a site build went."""

    incremental: bool  # only the changed pages were rendered
    mkdocs_seconds: float
    search_seconds: float
    up_to_date: bool = False  # nothing had changed, so nothing was built
    shards: tuple[int, int] = (0, 0)  # search index shards indexed again, of how many


def _inputs(docs: Manifest) -> str:
    """A digest of the files under docs/, by name and content (from their manifest, see
    docs_changes.py)."""
    digest = hashlib.sha256()
    for rel in sorted(docs):
        digest.update(f"{rel}\0{docs[rel][3]}\n".encode())
    return digest.hexdigest()


STAMP_FILE = "site.stamp"  # in build/cache/: what the site in site/ was built from


def _stamp(project: Project, *, strict: bool, site_url: str | None) -> str:
    """What every page of a build depends on besides its own Markdown: a change means a full build."""
    # (not search's settings or Pagefind's version: the search manifest holds them, and a change
    # indexes every shard again without rendering a page: see search.py)
    versions = tuple(metadata.version(name) for name in ("mkdocs", "mkdocs-material"))
    parts = [
        project.mkdocs_yml.read_bytes(),
        repr((strict, site_url or os.environ.get(SITE_URL_ENV), versions, site_language(project, warn=False))).encode(),
        (Path(__file__).parent / "mkdocs_run.py").read_bytes(),
        (Path(__file__).parent / "final_html.py").read_bytes(),  # (the Markdown extension MkDocs runs)
    ]
    theme = project.root / "overrides"
    if theme.is_dir():
        parts += [p.read_bytes() for p in sorted(theme.rglob("*")) if p.is_file()]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def _hand_written(docs: Path) -> list[str]:
    """The Markdown pages of docs/ that are not generated (paths inside docs/)."""
    found = []
    for folder, dirs, files in os.walk(docs):
        if folder == str(docs):
            dirs[:] = [d for d in dirs if d != "generated"]
        found += [Path(folder, name).relative_to(docs).as_posix() for name in files if name.endswith(".md")]
    return found


def _dest(md: Path) -> Path:
    """Where MkDocs (with directory URLs) puts the page of a Markdown file."""
    if md.name in ("index.md", "README.md"):
        return md.parent / "index.html"
    return md.with_suffix("") / "index.html"


def _gone(removed: list[str]) -> list[str]:
    """The files of the site whose source in docs/ is gone (`removed`, paths inside docs/): the
    page of a Markdown file that is gone (a removed briefing, actor, ...), and any other file (a
    PDF, an export). Found from the manifests, not by walking the site, so the work grows with
    what was removed."""
    return [(_dest(Path(rel)) if rel.endswith(".md") else Path(rel)).as_posix() for rel in removed]


def _remove_leftovers(project: Project) -> None:
    """What an interrupted build may have left behind: a commit of changed files cut short
    (undone), a new site, the old one mid-swap, the search index's scratch folders."""
    recover(project.site)
    for pattern in (".site-*", ".search-*"):
        for leftover in project.root.glob(pattern):
            discard(leftover)
    old = project.site.with_name(project.site.name + ".old")
    if old.is_dir() and project.site.is_dir():
        discard(old)


def _swap(new: Path, site: Path) -> None:
    """Put `new` where `site` is, keeping the old site until the new one is in place; the old one
    is then deleted in the background (core/trash.py)."""
    old = site.with_name(site.name + ".old")
    discard(old)
    if site.exists():
        site.rename(old)
    new.rename(site)
    discard(old)
