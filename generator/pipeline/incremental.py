"""What the last generation rendered, so the next one renders only the pages an edit can change.

A snapshot is the linked corpus of the last generation and a key of everything else its pages
depended on (registries, settings, templates, options, this package's version). When the key
is the same and only briefing files changed, `touched_by` names the pages to render.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..core.errors import display_path
from ..link.corpus import Corpus
from ..render import feeds, views
from ..render.pages import ALSO_IN_MAX, LIST_MAX, Options, quotes_periods, timeline_periods
from ..render.paging import Period
from ..render.related import Related, related_after_edit, related_briefings
from ..render.templating import DEFAULT_TEMPLATES
from .registry_changes import Added, registry_additions

# 2: records moved into model/; 3: Related into render/related.py (a pickle names classes by
# module); 4: the corpus keeps its warnings
SNAPSHOT_VERSION = 4


@dataclass(slots=True)
class Snapshot:
    """The corpus a generation rendered and the key of what else its pages depended on."""

    key: str
    corpus: Corpus
    pages: list[str]


def render_key(corpus: Corpus, options: Options, briefing_paths: set[str], extra: str = "") -> str:
    """A digest of every input of the pages (and `extra`: the PDFs' settings) except the briefing
    files and the registries' files (actors, events, places: their records are compared one by
    one instead, see registry_additions)."""
    # (where the project sits on disk is no input: a fresh clone elsewhere has the same key)
    located = dataclasses.replace(options, templates=None)
    digest = hashlib.sha256(f"{SNAPSHOT_VERSION} {__version__} {located!r} {extra}".encode())
    for code in sorted(Path(__file__).parent.parent.rglob("*.py")):  # any change to the package's code: render all
        digest.update(code.read_bytes())
    for name, file_digest in sorted(corpus.digests.items()):
        if name not in briefing_paths and not name.endswith((".yaml", ".yml")):  # (stored source texts)
            digest.update(f"{name}\0{file_digest}\n".encode())
    for folder in (DEFAULT_TEMPLATES, options.templates):
        if folder is not None and folder.is_dir():
            digest.update(b"\0templates\0")
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def inputs_stamp(key: str, corpus: Corpus) -> str:
    """A digest of everything a generation renders from: the render key, every input file's
    content, which records there are, and the briefings' history."""
    digest = hashlib.sha256(key.encode())
    for name, file_digest in sorted(corpus.digests.items()):
        digest.update(f"{name}\0{file_digest}\n".encode())
    for records in (corpus.briefings, corpus.actors, corpus.events, corpus.places):
        digest.update(("\0".join(sorted(records)) + "\n").encode())
    digest.update(repr(sorted(corpus.history.items())).encode())
    return digest.hexdigest()


def read_stamp(path: Path, stamp: str, on_disk: Path) -> list[str] | None:
    """The pages of the last generation when its stamp (stored as stamp_text makes it) is
    `stamp` and every one of them is still on disk; None otherwise. Then nothing is to be
    rendered, and the snapshot need not even be read (at 100,000 briefings reading it takes 17 s)."""
    try:
        first, *pages = path.read_text(encoding="utf-8").split("\n")
    except (OSError, ValueError):
        return None
    base = str(on_disk) + os.sep
    if first != stamp or not all(os.path.isfile(base + page) for page in pages if page):
        return None
    return [page for page in pages if page]


def stamp_text(stamp: str, pages: list[str]) -> bytes:
    """What a generation stores beside its snapshot: the stamp, then the pages, a line each."""
    return "\n".join([stamp, *pages]).encode("utf-8")


def briefing_paths(corpus: Corpus) -> dict[str, str]:
    """Each briefing's file, by briefing id."""
    return {bid: str(b.where()[0].path) for bid, b in corpus.briefings.items()}


def read(path: Path) -> Snapshot | None:
    """The snapshot stored at `path`, or None when there is none that can be read (one that is
    there but damaged or from another version is said, as every page is then rendered)."""
    if not path.is_file():
        return None
    was = gc.isenabled()
    gc.disable()  # unpickling makes a million objects that all live on: collecting is wasted work
    try:
        with path.open("rb") as handle:
            snapshot = pickle.load(handle)
    except Exception:  # damaged or cut short: any error unpickling can raise
        snapshot = None
    finally:
        if was:
            gc.enable()
    if not isinstance(snapshot, Snapshot):
        note = (
            f"note: {display_path(path)} could not be used (damaged, or from another version): every page is rendered"
        )
        print(note, file=sys.stderr)
        return None
    return snapshot


ENTITY_FOLDERS = ("briefings", "actors", "events", "places", "topics")
LIST_FOLDERS = {"index", "year", "az"}  # pages under these are lists, not one entity's


# 126 lines, on purpose: each kind of change (edited, added, registry records) adds its pages to
# one `touched` map, read top to bottom against the page families; split apart, the map and both
# corpora would travel through every helper. To split when the next kind of change is added.
def touched_by(old: Corpus, new: Corpus, changed: set[str], added: Added | None = None) -> Callable[[str], bool] | None:
    """Which pages can differ after the briefings `changed` were edited or added (and the registry
    records `added` were added), the rest staying the same.

    They are: the changed briefings' own pages and those of every actor, event, place and topic
    they name before or after; the briefings that list them as related or beside a shared event;
    every briefing (and its topics) that cites an event defined in a changed briefing and edited;
    the briefings whose related ranking moves (see related.related_after_edit, which also works
    out the new ranking from the old; with briefings added, every ranking is worked out again and
    compared); the pages of added registry records, of the actors they are related to and of the
    entities an added event names; the places that hold a place named by a changed briefing; and
    every list page. None when every page may differ (briefings, actors, events, places or
    topics went, or the slug of a page that stays moved).
    """
    places, topics = views.places(new), views.topics(new)
    old_places, old_topics = views.places(old), views.topics(old)
    added = added or Added()
    grown = new.briefings.keys() - old.briefings.keys()
    if (
        old.briefings.keys() - new.briefings.keys()
        or old.actors.keys() - new.actors.keys()
        or old.events.keys() - new.events.keys()
        or any(places[n].slug != t.slug for n, t in old_places.items() if n in places)
        or any(topics[n].slug != t.slug for n, t in old_topics.items() if n in topics)
        or old_places.keys() - places.keys()
        or old_topics.keys() - topics.keys()
    ):
        return None
    touched: dict[str, set[str]] = {folder: set() for folder in ENTITY_FOLDERS}
    # With briefings added, every item's rarity changed: rank all again (linear) and compare.
    ranked = related_after_edit(old, new, changed) if not grown else set(new.briefings)
    before, after = related_briefings(old), related_briefings(new)
    for bid, related in before.items():  # pages that name a changed one (its title may differ)
        if any(r.briefing in changed for r in related):
            touched["briefings"].add(bid)
    for bid in ranked:  # pages whose ranking moved, or that name a changed one now
        if _shown(after[bid]) != _shown(before.get(bid, [])) or any(r.briefing in changed for r in after[bid]):
            touched["briefings"].add(bid)
    for corpus in (old, new):
        for bid in changed:
            if bid not in corpus.briefings:  # (added since the old corpus)
                continue
            b = corpus.briefings[bid]
            touched["briefings"].add(bid)
            for e in corpus.briefing_events[bid]:
                citing = corpus.event_briefings[e.id]
                if bid in citing[: ALSO_IN_MAX + 1]:  # it is among those listed beside the event
                    touched["briefings"].update(citing)
                if _edited(old, new, e.id):  # defined in this briefing, and edited there:
                    for c in citing:  # every briefing that cites it shows it, and so do their topics
                        touched["briefings"].add(c)
                        touched["topics"].update(topics[t].slug for t in corpus.briefings[c].topics)
            touched["actors"].update(a.actor for a in b.actors)
            for e in corpus.briefing_events[bid]:
                touched["events"].add(e.id)
                touched["actors"].update(e.actor_ids)
                touched["places"].update(places[p].slug for p in e.places)
            touched["places"].update(places[p].slug for p in b.places)
            touched["topics"].update(topics[t].slug for t in b.topics)
            named = [*b.places, *(p for e in corpus.briefing_events[bid] for p in e.places)]
            touched["places"].update(_holders_of(corpus, new, places, named))
    touched["actors"] |= added.actors | (added.edited_actors & new.actors.keys())
    for aid in new.ties.keys() | old.ties.keys():  # a relation shows on both actors' pages
        if new.ties.get(aid) != old.ties.get(aid) or any(t.other in added.edited_actors for t in new.ties.get(aid, [])):
            touched["actors"].add(aid)
    for corpus in (old, new):  # an edited record's own pages, and those of what it names or is named by
        for aid in added.edited_actors:
            for eid in corpus.actor_events.get(aid, []):
                touched["events"].add(eid)
                touched["actors"].update(corpus.events[eid].actor_ids)
                touched["places"].update(places[p].slug for p in corpus.events[eid].places if p in places)
        for eid in added.edited_events:
            if eid in corpus.events:
                e = corpus.events[eid]
                touched["events"].add(eid)
                touched["actors"].update(e.actor_ids)
                touched["places"].update(places[p].slug for p in e.places if p in places)
                touched["places"].update(_holders_of(corpus, new, places, e.places))  # (they list it too)
        for pid in added.edited_places:
            if pid in places:
                touched["places"].add(places[pid].slug)
                touched["places"].update(_holders_of(corpus, new, places, [pid]))
            held = {n for n, q in corpus.place_refs.items() if q == pid} | {pid}
            for child, place in corpus.places.items():  # the places inside it show it as their parent
                if place.parent == pid and child in places:
                    touched["places"].add(places[child].slug)
            for e in corpus.events.values():
                if held & set(e.places):
                    touched["events"].add(e.id)
                    touched["actors"].update(e.actor_ids)
                    touched["places"].update(_holders_of(corpus, new, places, e.places))
    for eid in added.events:
        e = new.events[eid]
        touched["events"].add(eid)
        touched["actors"].update(e.actor_ids)
        touched["places"].update(places[p].slug for p in e.places)
        touched["places"].update(_holders_of(new, new, places, e.places))
    for pid in added.places:
        if pid in places:
            touched["places"].add(places[pid].slug)
            touched["places"].update(_holders_of(new, new, places, [pid]))

    # Pages of periods (timeline, quotes, briefings by year): those that hold a touched event or
    # a changed briefing, or whose members or jump bar changed, and those that came or went.
    lists = {kind: _changed_periods(old, new, kind, touched["events"], changed) for kind in _PERIODS}

    # An entity's pages of periods (a busy actor's years): only those whose entries or jump bar
    # changed, that hold an entry of a changed briefing or a touched event, or that came or went.
    entity_periods: dict[tuple[str, str], set[str] | None] = {}
    for folder in ("actors", "events", "places", "topics"):
        for ident in touched[folder]:
            entity_periods[folder, ident] = _entity_periods(old, new, folder, ident, changed, touched["events"])

    def wanted(path: str) -> bool:
        parts = _stem(path).split("/")
        for kind, shown in lists.items():
            if path.startswith(kind + "/") and parts[-1] != "index" and path.count("/") == kind.count("/") + 1:
                return parts[-1] in shown
        if parts[0] in touched and len(parts) > 1 and parts[1] not in LIST_FOLDERS:
            if parts[1] not in touched[parts[0]]:
                return False
            if len(parts) == 3:  # one period of the entity's listing
                keys = entity_periods.get((parts[0], parts[1]))
                return keys is None or parts[2] in keys
            return True
        return True

    return wanted


def _shown(related: list[Related]) -> list[tuple[str, int, int, int]]:
    """What a page shows of its related briefings: which, and what they share (not the scores,
    which move for every briefing when one is added, as every item's rarity does)."""
    return [(r.briefing, r.events, r.actors, r.topics) for r in related]


def _holders_of(corpus: Corpus, new: Corpus, places: dict[str, views.Term], names: list[str]) -> set[str]:
    """The slugs (in `new`) of the registry places that hold the places `names` (their parents,
    up the chain): their pages list the places inside them."""
    out: set[str] = set()
    for name in names:
        pid = corpus.place_refs.get(name, name if name in corpus.places else None)
        seen: set[str] = set()
        while pid is not None and pid not in seen and pid in corpus.places:
            seen.add(pid)
            pid = corpus.places[pid].parent
            if pid is not None and pid in places:
                out.add(places[pid].slug)
    return out


_PERIODS = ("timeline", "quotes", "briefings/year")


def _edited(old: Corpus, new: Corpus, eid: str) -> bool:
    """The event says something else now, or came or went. Where it is written does not count:
    records compare their place in a file by identity, which a snapshot's round trip changes."""
    a, b = old.events.get(eid), new.events.get(eid)
    if a is None or b is None:
        return a is not b
    return a is not b and a.model_dump() != b.model_dump()


def _stem(path: str) -> str:
    """A page's or a feed's path without its extension: actors/x.atom.xml -> actors/x."""
    for suffix in (".md", feeds.ATOM, feeds.JSON):
        if path.endswith(suffix):
            return path.removesuffix(suffix)
    return path


def _period_members(corpus: Corpus, kind: str) -> dict[str, tuple[frozenset[str], tuple[object, ...]]]:
    """The pages of periods of one kind, as render_pages makes them: the ids on each, and what
    its jump bar shows."""
    found: list[Period[Any]]
    if kind == "timeline":
        found = timeline_periods(corpus)
        ids = {p.key: frozenset(e.id for e in p.items) for p in found}
    elif kind == "quotes":
        found = quotes_periods(corpus)
        ids = {p.key: frozenset(f"{r.briefing}#{r.index}" for r in p.items) for p in found}
    else:
        every = [views.Entry("briefing", b.date, bid) for bid, b in corpus.briefings.items()]
        listing = views.listing("briefings/year", every, LIST_MAX)
        found = listing.periods if listing.split else []
        ids = {p.key: frozenset(e.ref for e in p.items) for p in found}
    bars = _jump_bars(found)
    return {key: (members, bars[key]) for key, members in ids.items()}


def _jump_bars(periods: list[Period[Any]]) -> dict[str, tuple[object, ...]]:
    """What the jump bar of each period's page shows (macros.md.j2, jump_bar): every year, linked
    to its first page, and the pages of the page's own year."""
    years: dict[int, str] = {}
    pages: dict[int, list[tuple[object, ...]]] = {}
    for p in periods:
        years.setdefault(p.year, p.key)
        pages.setdefault(p.year, []).append((p.key, p.label, p.span, p.unknown, p.part))
    shown = tuple(years.items())
    return {p.key: (shown, tuple(pages[p.year])) for p in periods}


def _changed_periods(old: Corpus, new: Corpus, kind: str, events: set[str], changed: set[str]) -> set[str]:
    """The period pages of one kind to render (or, gone, to remove): those that came or went,
    whose members or jump bar changed, or that hold a touched event or a changed briefing."""
    before, after = _period_members(old, kind), _period_members(new, kind)
    wanted = set(before.keys() - after.keys())
    for key, (members, bar) in after.items():
        ids = members if kind != "quotes" else {m.split("#")[0] for m in members}
        if key not in before or before[key] != (members, bar) or ids & (events if kind == "timeline" else changed):
            wanted.add(key)
    return wanted


def _entries(corpus: Corpus, folder: str, ident: str) -> list[views.Entry] | None:
    """The entries of an entity's listing, as render/pages.py lists them (None: no such page)."""
    if folder == "actors":
        return views.actor_entries(corpus, ident) if ident in corpus.actors else None
    if folder == "events":
        return views.event_entries(corpus, ident) if ident in corpus.events else None
    terms = views.places(corpus) if folder == "places" else views.topics(corpus)
    term = next((t for t in terms.values() if t.slug == ident), None)
    return views.term_entries(corpus, term) if term is not None else None


def _entry_key(e: views.Entry) -> tuple[str, str, int]:
    return e.kind, e.ref, e.quote.index if e.quote is not None else -1


def _entity_periods(
    old: Corpus, new: Corpus, folder: str, ident: str, changed: set[str], events: set[str]
) -> set[str] | None:
    """The period pages of one entity to render again (or, gone, to remove): those that came or
    went, whose entries or jump bar changed, or that hold a changed briefing or touched event;
    None for all of them."""
    if folder == "events" and _edited(old, new, ident):
        return None  # an event defined in a changed briefing: its title heads every page
    lists = []
    for corpus in (old, new):
        entries = _entries(corpus, folder, ident)
        if entries is None:
            return None
        lists.append(views.listing(f"{folder}/{ident}", entries, LIST_MAX))
    before, after = lists
    old_pages = {p.key: p for p in before.periods} if before.split else {}
    new_pages = {p.key: p for p in after.periods} if after.split else {}
    bars_before, bars_after = _jump_bars(list(old_pages.values())), _jump_bars(list(new_pages.values()))
    wanted = set(old_pages.keys() - new_pages.keys())  # pages that go
    for key, q in new_pages.items():
        members = [_entry_key(e) for e in q.items]
        p = old_pages.get(key)
        holds = any(ref in (events if kind == "event" else changed) for kind, ref, _ in members)
        if p is None or bars_before[key] != bars_after[key] or members != [_entry_key(e) for e in p.items] or holds:
            wanted.add(key)
    return wanted


def since(old: Snapshot | None, key: str, corpus: Corpus) -> Added | None:
    """What the registries gained or had edited since `old` (worked out once per generation, for
    the pages and the PDFs); None when everything must be made again (no usable snapshot, other
    inputs, a briefing or a record removed)."""
    if old is None or old.key != key or old.corpus.briefings.keys() - corpus.briefings.keys():
        return None
    return registry_additions(old.corpus, corpus, set(briefing_paths(corpus).values()))


def adopt_plain_summaries(old: Snapshot, corpus: Corpus) -> None:
    """Give each briefing whose file is the same as in `old` the plain text of its summary worked
    out then (the Markdown is parsed again only when the briefing is edited: at 100,000
    briefings, parsing them all took 15 s of every build). Only for a snapshot of the same key
    (the same code and settings: see since)."""
    for bid, b in corpus.briefings.items():
        known = old.corpus.briefings[bid].__dict__ if bid in old.corpus.briefings else {}
        if "summary_text" in known and corpus.digest_of(bid) == old.corpus.digest_of(bid):
            b.__dict__["summary_text"] = known["summary_text"]


def pages_to_render(
    old: Snapshot | None, added: Added | None, corpus: Corpus, on_disk: Path
) -> Callable[[str], bool] | None:
    """Which pages to render, or None for all of them. `added`: see `since`."""
    if old is None or added is None:
        return None
    base = str(on_disk) + os.sep
    if not all(os.path.isfile(base + page) for page in old.pages):  # someone removed generated pages
        return None
    changed = _edited_briefings(old.corpus, corpus) | {
        bid for bid in corpus.briefings if corpus.history.get(bid) != old.corpus.history.get(bid)
    }
    changed |= added.showing(old.corpus, corpus)
    if not changed and added == Added():
        return nothing
    return touched_by(old.corpus, corpus, changed, added)


def pdfs_to_make(old: Snapshot | None, added: Added | None, corpus: Corpus) -> set[str] | None:
    """The briefings whose PDF can differ from the last generation's, or None for all of them.

    A PDF shows its own briefing with the actors, events and places it names, and nothing of
    other briefings (no related briefings, no "also in"): it changes when its briefing was
    edited or added, when it shows an edited registry record, or when an event it cites was
    edited in another briefing. A record or briefing removed, templates or settings mean all of
    them (`added` is None: see `since`); records only added are shown by the briefings that name
    them, which are edited or added.
    """
    if old is None or added is None:
        return None
    changed = _edited_briefings(old.corpus, corpus) | added.showing(old.corpus, corpus)
    edited = {
        e.id
        for c in (old.corpus, corpus)
        for bid in changed
        for e in c.briefing_events.get(bid, [])
        if _edited(old.corpus, corpus, e.id)
    }
    citing = {bid for c in (old.corpus, corpus) for eid in edited for bid in c.event_briefings.get(eid, [])}
    return changed | (citing & corpus.briefings.keys())


def _edited_briefings(old: Corpus, new: Corpus) -> set[str]:
    """The briefings whose file's content changed, or that are new."""
    return {bid for bid in new.briefings if new.digest_of(bid) != old.digest_of(bid)}


def nothing(path: str) -> bool:
    """No page to render: nothing changed since the last generation."""
    return False


def dumps(snapshot: Snapshot) -> bytes:
    was = gc.isenabled()
    gc.disable()  # pickling makes objects of its own: collecting them would walk the corpus
    try:
        return pickle.dumps(snapshot, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        if was:
            gc.enable()
