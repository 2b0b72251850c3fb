"""The Pagefind search index, in shards that a rebuild indexes again only when their pages'
searchable text changed.

Pagefind indexes the about page and each briefing's page one by one, and the pages of actors,
events, places and topics in records of a few dozen (search_records.py). These are split by a
stable hash of their path into shards of about PAGES_PER_SHARD pages (a record counting as the
pages in it, as Pagefind's work and a rebuild's are their text); shard 0 is site/pagefind/ (the
bundle the browser loads) and shard k is site/pagefind/shards/k/, which the page's script merges
in (Pagefind's mergeIndex). A big site's older years are shards of their own, merged in when
the reader asks (search_tiers.py). After an edit, a record is made again only when one of its pages
came, went, or changed in what Pagefind reads (the article without its listings, counts, jump
bars and badges), and a shard is indexed again only when one of its pages or records did; every
other record and shard is taken from the previous site as it is. Each Pagefind run holds one
shard, so memory stays small at any size.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Collection
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from ..core.errors import BriefingsError, Problem, display_path
from ..core.trash import discard
from .search_records import (
    RECORD_SECTIONS,
    RECORDS_DIR,
    ArticleParser,
    article,
    page_text,
    per_record,
    power_of_two,
    record_count,
    record_html,
    record_path,
    section_of,
    sized,
)
from .search_records import VERSION as RECORDS_VERSION
from .search_tiers import (
    OLDER_BASE,
    OLDER_FILE,
    OLDER_MARK,
    RECENT_BRIEFINGS,
    RECENT_ENV,
    RECENT_MOST_SHARDS,
    Layout,
    year_of,
)
from .search_tiers import plan as plan_tiers

# What Pagefind indexes: the about page and the page of each briefing, one by one, and the pages
# of actors, events, places and topics in records (search_records.py); lists would only repeat
# them. Of each, the article without permalinks, jump bars, filter forms and lists of other
# pages' entries.
SEARCH_SECTIONS = ("briefings",)
SEARCH_ROOT = "article.md-content__inner"
SEARCH_SKIP = (
    ".bf-tlp",
    ".bf-follow",
    ".bf-legend",
    ".bf-grade",
    ".bf-grading-summary",
    ".headerlink",
    ".bf-jump",
    ".bf-facets",
    ".bf-filter",
    ".bf-listing",
    ".bf-counts",  # how many briefings cite a page: it changes with every briefing that does
)
PAGES_PER_SHARD = 10_000
SHARD_PAGES_ENV = "BRIEFINGS_SEARCH_SHARD_PAGES"  # another size, for tests and benchmarks
MAX_SHARDS = 64
BUNDLE = "pagefind"
SHARDS_DIR = "shards"  # site/pagefind/shards/K/
SHARDS_FILE = "shards.json"  # site/pagefind/shards.json: the shards the browser merges in
RECORDS_MARK = f"{BUNDLE}/records/"  # in a search script that shows records' headings as results
MANIFEST = "search.json"  # in build/cache/: what each shard of the site in site/ was indexed from


@dataclass(slots=True)
class SearchStats:
    """What indexing did."""

    shards: int = 0
    indexed: int = 0  # shards indexed again
    manifest: dict[str, object] = field(default_factory=dict)
    untiered: bool = False  # the site is big enough for tiers, but its search script predates them


_FULL = ("about/", *(f"generated/{section}/" for section in SEARCH_SECTIONS))  # pages indexed one by one
_BRIEFINGS = "generated/briefings/"  # pages with a year (search_tiers.py)


def script_knows(script: Path) -> tuple[bool, bool]:
    """Whether a project's search script (docs/assets/briefings.js) shows the pages in records
    as results of their own, and whether it searches the older tier (search_tiers.py) when
    asked: the script of a project made by an older `briefings init` may do neither."""
    try:
        text = script.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True, True  # no script of its own: nothing shows results either way
    return RECORDS_MARK in text, RECORDS_MARK in text and OLDER_MARK in text


def search_pages(site: Path) -> list[str]:
    """The pages Pagefind indexes one by one, as paths relative to the site."""
    found = ["about/index.html"] if (site / "about/index.html").is_file() else []
    return found + _section_pages(site, SEARCH_SECTIONS)


def entity_pages(site: Path) -> list[str]:
    """The pages Pagefind indexes in records, as paths relative to the site."""
    return _section_pages(site, RECORD_SECTIONS)


def _section_pages(site: Path, sections: tuple[str, ...]) -> list[str]:
    found: list[str] = []
    for section in sections:
        folder = site / "generated" / section
        if folder.is_dir():
            with os.scandir(folder) as entries:
                found += sorted(
                    f"generated/{section}/{e.name}/index.html"
                    for e in entries
                    if e.is_dir() and os.path.isfile(os.path.join(e.path, "index.html"))
                )
    return found


def shard_count(pages: int) -> int:
    """How many shards: a power of two, so that it changes (and everything is indexed again)
    only when the site doubles or halves."""
    return power_of_two(pages, _per_shard(), MAX_SHARDS)


def _per_shard() -> int:
    return sized(SHARD_PAGES_ENV, PAGES_PER_SHARD)


def shard_of(page: str, shards: int) -> int:
    return int.from_bytes(hashlib.sha1(page.encode("utf-8"), usedforsecurity=False).digest()[:4], "big") % shards


def settings(language: str = "en") -> str:
    """What the index depends on besides the pages: Pagefind's version, what it reads, the
    language it stems words in."""
    parts = (
        metadata.version("pagefind"),
        SEARCH_ROOT,
        SEARCH_SKIP,
        _per_shard(),
        ("records", per_record(), RECORDS_VERSION),
        ("tiers", sized(RECENT_ENV, RECENT_BRIEFINGS), RECENT_MOST_SHARDS, OLDER_BASE),
        *([language] if language != "en" else []),
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


class _Searchable(ArticleParser):
    """A digest of the text and attributes of the part of a page Pagefind reads, to tell whether
    a changed page changed for search."""

    def __init__(self) -> None:
        super().__init__(SEARCH_ROOT, SEARCH_SKIP)
        self.digest = hashlib.sha256()

    def start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.digest.update(f"<{tag} {sorted(attrs)!r}>".encode())

    def end(self, tag: str) -> None:
        self.digest.update(f"</{tag}>".encode())

    def text(self, data: str) -> None:
        self.digest.update(data.encode("utf-8"))


def searchable_digest(path: Path) -> str:
    """A digest of what Pagefind reads of a page."""
    parser = _Searchable()
    parser.feed(article(path.read_text(encoding="utf-8", errors="replace"), SEARCH_ROOT))
    parser.close()
    return parser.digest.hexdigest()


def _stat(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_ino, st.st_mtime_ns, st.st_size]


def index_search(
    site: Path,
    *,
    previous: Path | None = None,
    manifest: dict[str, object] | None = None,
    language: str = "en",
    records: bool = True,
    tiers: bool = True,
    base: Path | None = None,
    gone: Collection[str] = (),
) -> SearchStats:
    """Build the search index into site/pagefind/, taking the shards whose pages did not change
    for search from `previous` (the site this one builds on, indexed as `manifest` says).
    With `base`, `site` holds only the pages that changed (an overlay, see overlay.py): every
    other page is base's, but for the pages of `gone` (paths inside the site).
    `language`: the site's (BCP 47), which Pagefind stems words in. `records`: the pages of
    actors, events, places and topics are indexed in records (the site's search script shows
    them); else one by one, as the script of an older project expects. `tiers`: a big site's
    older briefings are in a tier of their own (search_tiers.py; the script searches it when
    asked)."""
    pages, members = search_pages(site), entity_pages(site)
    fresh = set(pages + members)
    if base is not None:  # (the about page first, then each section's pages: sorted, as the listings are)
        pages = sorted((set(search_pages(base)) | set(pages)) - set(gone))
        members = sorted((set(entity_pages(base)) | set(members)) - set(gone))

    def at(page: str) -> Path:
        return site / page if base is None or page in fresh else base / page

    if not records:
        pages, members = sorted(pages + members, key=lambda p: (not p.startswith("about/"), p)), []
    counts: dict[str, int] = {}
    for page in members:
        counts[section_of(page)] = counts.get(section_of(page), 0) + 1
    counts = {section: record_count(n) for section, n in counts.items()}
    grouped: dict[str, list[str]] = {}
    for page in members:
        grouped.setdefault(record_path(page, counts[section_of(page)]), []).append(page)
    settings_now = settings(language)
    reuse = (
        previous is not None
        and manifest is not None
        and manifest.get("settings") == settings_now
        and manifest.get("records") == (counts if records else None)
        and manifest.get("tiers") == tiers
        and (previous / BUNDLE / "pagefind-entry.json").is_file()
    )
    old_pages: dict[str, list[int]] = {}
    old_years: dict[str, int | None] = {}
    if reuse and manifest is not None:
        old_pages = dict(manifest.get("pages") or {})  # type: ignore[call-overload]
        old_years = dict(manifest.get("years") or {})  # type: ignore[call-overload]
    stats = {page: _stat(at(page)) for page in pages + members}
    years: dict[str, int | None] = {}
    for page in pages:
        if page.startswith(_BRIEFINGS):
            before = old_pages.get(page)
            same = before is not None and before[1:] == stats[page] and page in old_years
            years[page] = old_years[page] if same else year_of(at(page))
    others = len(pages) - len(years) + len(members)  # a record weighs as the pages in it: Pagefind's work is their text
    layout = plan_tiers(list(years.values()), others, shard_count, tiers=tiers)
    untiered = not tiers and records and plan_tiers(list(years.values()), others, shard_count, tiers=True).older > 0

    def shard(key: str, year: int | None = None) -> int:
        if layout.is_older(year):
            return OLDER_BASE + shard_of(key, layout.older)
        return shard_of(key, layout.recent)

    dirty: set[int] = set() if reuse else set(layout.shards())
    remade: set[str] = set()  # records made again
    now: dict[str, list[int]] = {}
    where: dict[int, list[str]] = {}  # each shard's pages and records
    for page in pages + members:
        record = None if not records or page.startswith(_FULL) else record_path(page, counts[section_of(page)])
        k = shard(record or page, years.get(page))
        if record is None:
            where.setdefault(k, []).append(page)
        now[page] = [k, *stats[page]]
        before = old_pages.pop(page, None)
        if before is not None and before[0] != k:  # it moved to another shard: both change
            dirty.update((before[0], k))
        if (k in dirty if record is None else record in remade) or not _changed(
            at(page), previous / page if previous is not None else None, before, stats[page]
        ):
            continue
        dirty.add(k)
        if record is not None:
            remade.add(record)
    for left, before in old_pages.items():  # pages no longer there
        dirty.add(before[0])
        if records and not left.startswith(_FULL):
            record = record_path(left, counts.get(section_of(left), 1))
            remade.add(record)
            dirty.add(shard(record))
    for record in sorted(grouped):
        where.setdefault(shard(record), []).append(record)
    out = site / BUNDLE
    shutil.rmtree(out, ignore_errors=True)
    scratch = Path(tempfile.mkdtemp(prefix=".records-", dir=site.parent))  # site/pagefind/records/ to be
    sources: dict[str, Path] = {}
    built: dict[int, Path] = {}
    try:
        todo: list[str] = []
        for record in grouped:
            sources[record] = dest = scratch / record.removeprefix(f"{BUNDLE}/{RECORDS_DIR}/")
            dest.parent.mkdir(parents=True, exist_ok=True)
            old = previous / record if previous is not None else None
            if reuse and record not in remade and old is not None and old.is_file():
                os.link(old, dest)
            else:
                todo.append(record)
                dirty.add(shard(record))
        for record, text in zip(todo, _records([[at(page) for page in grouped[r]] for r in todo]), strict=True):
            sources[record].write_text(text, encoding="utf-8")
        for page in pages:
            sources[page] = at(page)
        built = _index_shards(site, where, sorted(k for k in dirty if k in where or k == 0), language, sources)
        for k in layout.shards():
            dest = out if k == 0 else out / SHARDS_DIR / str(k)
            if k in built:
                if k:  # a merged shard needs its index, not another copy of Pagefind's scripts
                    for extra in built[k].iterdir():
                        if extra.is_file() and extra.suffix in (".js", ".css"):
                            extra.unlink()
                _place(built[k], dest, move=True, skip=())
            elif previous is not None and (k in where or k == 0):
                src = previous / BUNDLE if k == 0 else previous / BUNDLE / SHARDS_DIR / str(k)
                if src.is_dir():
                    _place(src, dest, move=False, skip=(SHARDS_DIR, RECORDS_DIR) if k == 0 else ())
        _write_listings(out, layout, tiers=tiers)
        if grouped:
            out.mkdir(exist_ok=True)
            scratch.rename(out / RECORDS_DIR)
    finally:
        for folder in built.values():
            discard(folder.parent)  # (each shard's scratch folder of links)
        discard(scratch)
    manifest_now: dict[str, object] = {
        "settings": settings_now,
        "records": counts if records else None,
        "tiers": tiers,
        "pages": now,
        "years": years,
    }
    return SearchStats(len(layout.shards()), len(built), manifest_now, untiered)


def _write_listings(out: Path, layout: Layout, *, tiers: bool) -> None:
    """The shards the browser merges in at once (shards.json), and the older tier's (older.json,
    empty when there is none, so that the script's fetch finds it; none for a script that does not
    ask). Each is a new file: the old one may be a link into the previous site."""
    there = [k for k in layout.shards() if k and (out / SHARDS_DIR / str(k)).is_dir()]
    for name in (SHARDS_FILE, OLDER_FILE):
        (out / name).unlink(missing_ok=True)
    (out / SHARDS_FILE).write_text(
        json.dumps([f"{SHARDS_DIR}/{k}/" for k in there if k < OLDER_BASE]), encoding="utf-8"
    )
    if tiers:
        older = {
            "shards": [f"{SHARDS_DIR}/{k}/" for k in there if k >= OLDER_BASE],
            "since": layout.since,
            "first": layout.first,
            "last": layout.last,
        }
        (out / OLDER_FILE).write_text(json.dumps(older), encoding="utf-8")


def _changed(new: Path, old: Path | None, before: list[int] | None, stat: list[int]) -> bool:
    """Whether a page (its file now: `new`) is new or changed in what Pagefind reads since the
    index of the previous site (its file there: `old`)."""
    if before is None:
        return True
    if before[1:] == stat:
        return False
    # MkDocs wrote it again, or the site was restored from a cache
    assert old is not None
    if old.is_file() and os.path.samestat(old.stat(), new.stat()):
        return False  # still a link to the previous site's page: not written again, indexed as it is
    return not old.is_file() or searchable_digest(old) != searchable_digest(new)


def _records(groups: list[list[Path]]) -> list[str]:
    """The records of groups of entity pages (their files); many are read on two cores."""
    if len(groups) < 64 or (os.cpu_count() or 1) < 2:
        return [_record(group) for group in groups]
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_record, groups, chunksize=16))


def _record(group: list[Path]) -> str:
    """The record of a group of entity pages (their files: generated/SECTION/NAME/index.html)."""
    entries = [(path.parent.name, *page_text(path, SEARCH_ROOT, SEARCH_SKIP)) for path in group]
    return record_html(group[0].parent.parent.name, entries, SEARCH_ROOT)


def _place(src: Path, dest: Path, *, move: bool, skip: tuple[str, ...]) -> None:
    """Put a shard's bundle at `dest`: moved when just built, hard-linked from the previous site
    otherwise (that site stays as it is until the new one replaces it)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    if move:
        src.rename(dest)
        return
    for folder, dirs, files in os.walk(src):
        rel = os.path.relpath(folder, src)
        if rel == ".":
            dirs[:] = [d for d in dirs if d not in skip]
        os.makedirs(dest / rel, exist_ok=True)
        for name in files:
            os.link(os.path.join(folder, name), dest / rel / name)


def _index_shards(
    site: Path, by_shard: dict[int, list[str]], shards: list[int], language: str, sources: dict[str, Path]
) -> dict[int, Path]:
    """Run Pagefind on each of `shards` (two at a time), each on a folder of links to its pages
    (`by_shard`; a page's file is where `sources` says)."""
    built: dict[int, Path] = {}
    running: list[tuple[int, subprocess.Popen[str], Path]] = []
    failures: list[str] = []

    def finish(k: int, proc: subprocess.Popen[str], out: Path) -> None:
        stdout, stderr = proc.communicate()
        if proc.returncode != 0:
            failures.append((stderr + stdout).strip())
        else:
            built[k] = out

    try:
        for k in shards:
            if k and not by_shard.get(k):
                continue  # no page fell in this shard
            work = Path(tempfile.mkdtemp(prefix=".search-", dir=site.parent))
            mirror, out = work / "site", work / "bundle"
            for page in by_shard.get(k, []):
                (mirror / page).parent.mkdir(parents=True, exist_ok=True)
                os.link(sources[page], mirror / page)
            mirror.mkdir(exist_ok=True)
            cmd = [sys.executable, "-m", "pagefind", "--site", str(mirror), "--output-path", str(out)]
            cmd += ["--root-selector", SEARCH_ROOT, "--force-language", language, "--silent"]
            for selector in SEARCH_SKIP:
                cmd += ["--exclude-selectors", selector]
            while len(running) >= 2:
                finish(*running.pop(0))
            running.append((k, subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True), out))
        while running:
            finish(*running.pop(0))
    except BaseException:
        for _, proc, _ in running:
            proc.kill()
        for folder in built.values():
            shutil.rmtree(folder.parent, ignore_errors=True)
        raise
    if failures:
        for folder in built.values():
            shutil.rmtree(folder.parent, ignore_errors=True)
        raise BriefingsError(
            [Problem(display_path(site), 0, "search", f"search index failed:\n{failures[0]}")],
            outcome="the previous site/ is left as it was",
        )
    return built


def load_manifest(cache: Path) -> dict[str, object] | None:
    try:
        data = json.loads((cache / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
