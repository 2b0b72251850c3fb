"""Search tiers: the newest briefings first, older years when the reader asks.

For every query Pagefind's browser side loads a table of every page in the shards it searches
(about seven bytes a page) and, for each word, a piece of each shard's word list. At 100,000
briefings that passes 1 MB a query however the index is cut. So a big site's index is in two
tiers. The first holds the about page, the records of actors, events, places and topics (they
name every briefing's people and places, whatever its year) and the briefings of the newest
years, as many whole years as fit in RECENT_BRIEFINGS (at least the newest). The second holds
the briefings of older years. The search box searches the first tier; under its results a button
searches the older years too, and it searches them at once when the first tier finds nothing.

A briefing's year is read from its page (the `dateCreated` of its JSON-LD, which is the
briefing's date). A page without one is in the first tier. A site of fewer briefings than
RECENT_BRIEFINGS has one tier, so it is searched whole, as before tiers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .search_records import sized

RECENT_BRIEFINGS = 20_000
RECENT_ENV = "BRIEFINGS_SEARCH_RECENT"  # another size, for tests and benchmarks
RECENT_MOST_SHARDS = 8  # the first tier's shards: each adds a piece of word list to every query
OLDER_BASE = 100  # the first older shard's number (site/pagefind/shards/100/): numbers stay put
OLDER_FILE = "older.json"  # site/pagefind/older.json: the older tier's shards and years
OLDER_MARK = f'"{OLDER_FILE}"'  # in a search script that knows the older tier (the file it fetches)

_DATE = re.compile(rb'"dateCreated"\s*:\s*"(\d{4})-')
_HEAD = 1 << 16  # the JSON-LD is in the page's head


def year_of(path: Path) -> int | None:
    """The year of a briefing's page (its JSON-LD's dateCreated), None when it has none."""
    try:
        with open(path, "rb") as f:
            head = f.read(_HEAD)
    except OSError:
        return None
    found = _DATE.search(head)
    return int(found.group(1)) if found else None


@dataclass(frozen=True, slots=True)
class Layout:
    """How the index is cut: `recent` shards (0, 1, ...) hold the first tier, `older` shards
    (OLDER_BASE, OLDER_BASE + 1, ...) the briefings dated before `since`."""

    recent: int
    older: int = 0
    since: int | None = None  # the first tier's first year; None: one tier
    first: int | None = None  # the older tier's years, first to last
    last: int | None = None

    def shards(self) -> list[int]:
        return [*range(self.recent), *range(OLDER_BASE, OLDER_BASE + self.older)]

    def is_older(self, year: int | None) -> bool:
        return self.since is not None and year is not None and year < self.since


def plan(years: list[int | None], entity_weight: int, shard_count: Callable[[int], int], *, tiers: bool) -> Layout:
    """The layout for briefings of `years` (one entry each) beside pages in records weighing
    `entity_weight` pages. `shard_count(pages)` is how many shards that many pages take."""
    counts: dict[int, int] = {}
    for year in years:
        if year is not None:
            counts[year] = counts.get(year, 0) + 1
    budget = sized(RECENT_ENV, RECENT_BRIEFINGS)
    if not tiers or len(years) <= budget or not counts:
        return Layout(shard_count(len(years) + entity_weight))
    kept, since = 0, max(counts)
    for year in sorted(counts, reverse=True):
        if kept + counts[year] > budget and kept:
            break
        kept, since = kept + counts[year], year
    before = [year for year in counts if year < since]
    if not before:
        return Layout(shard_count(len(years) + entity_weight))
    older = sum(counts[year] for year in before)
    recent = min(shard_count(len(years) - older + entity_weight), RECENT_MOST_SHARDS)
    return Layout(recent, shard_count(older), since, min(before), max(before))
