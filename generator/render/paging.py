"""Split long dated lists into pages of bounded size: by year, then month, then numbered parts.

Every list on the site that grows with the corpus (the timeline, the quotes, the briefings, an
actor's, place's or topic's entries) goes through here, so no page grows without bound.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ..model.dates import DASH, MONTHS, date_key

T = TypeVar("T")


@dataclass(slots=True)
class Period(Generic[T]):
    """Items of one year, one month, or one part of a month, newest first."""

    key: str  # "2024", "2024-06" or "2024-06-2": also the page's file name
    label: str  # "2024", "June 2024", "10–19 June 2024", "12 June 2024 (part 2 of 3)" (in English)
    year: int
    items: list[T] = field(default_factory=list)
    # What the label says, for a label in another language (wording.period_label):
    span: str = ""  # the dates it covers: "2024", "2024-06", "2024-06-10/19", "2024-06-12"
    unknown: str = ""  # "month" or "day": its items are dated only to the year or month
    part: tuple[int, int] | None = None  # (n, of) for a date cut into numbered parts


def periods(items: Sequence[T], date_of: Callable[[T], str], limit: int) -> list[Period[T]]:
    """Group items (any order) into periods, newest first, none holding more than `limit` items.

    A year that fits is one period; a bigger year is split by month (items dated only to the
    year form a period of their own); a month still too big is split into runs of whole days that
    do not overlap, labelled with their days (items dated only to the month form a part of their
    own; a single day still too big is cut into numbered parts).
    """
    ordered = sorted(items, key=lambda item: date_key(date_of(item)), reverse=True)
    years: dict[int, list[T]] = {}
    for item in ordered:
        years.setdefault(date_key(date_of(item))[0], []).append(item)
    out: list[Period[T]] = []
    for year, year_items in years.items():
        if len(year_items) <= limit:
            out.append(Period(str(year), str(year), year, year_items, str(year)))
            continue
        months: dict[int, list[T]] = {}
        for item in year_items:
            months.setdefault(date_key(date_of(item))[1], []).append(item)
        for month, month_items in months.items():
            key = f"{year}-{month:02d}" if month else f"{year}-00"
            label = f"{MONTHS[month - 1]} {year}" if month else f"{year}, month not given"
            span, unknown = (f"{year}-{month:02d}", "") if month else (str(year), "month")
            if len(month_items) <= limit:
                out.append(Period(key, label, year, month_items, span, unknown))
                continue
            parts = (
                _day_runs(month_items, date_of, limit, label, span)
                if month
                else _cut(month_items, limit, label, Period("", "", year, [], span, unknown))
            )
            out += [
                Period(f"{key}-{n}", part.label, year, part.items, part.span, part.unknown, part.part)
                for n, part in enumerate(parts, 1)
            ]
    return out


def _day_runs(items: list[T], date_of: Callable[[T], str], limit: int, month: str, span: str) -> list[Period[T]]:
    """A month's items (newest first) as runs of whole days of at most `limit` items, each with its
    label ('10–19 June 2024'); a day with more than `limit` items is cut into numbered parts.
    (`span`: the month, "2024-06"; the parts' keys and years are set by the caller.)"""
    days: dict[int, list[T]] = {}
    for item in items:
        days.setdefault(date_key(date_of(item))[2], []).append(item)
    runs: list[Period[T]] = []
    run: list[int] = []
    held = 0  # items in the run

    def close() -> None:
        nonlocal held
        if run:
            newest, oldest = run[0], run[-1]
            days_shown = f"{newest}" if newest == oldest else f"{oldest}{DASH}{newest}"
            covered = f"{span}-{oldest:02d}" + ("" if newest == oldest else f"/{newest:02d}")
            runs.append(Period("", f"{days_shown} {month}", 0, [item for day in run for item in days[day]], covered))
            run.clear()
            held = 0

    for day, day_items in days.items():
        if not day or len(day_items) > limit:
            close()
            label = f"{day} {month}" if day else f"{month}, day not given"
            runs += _cut(
                day_items,
                limit,
                label,
                Period("", "", 0, [], f"{span}-{day:02d}" if day else span, "" if day else "day"),
            )
            continue
        if held + len(day_items) > limit:
            close()
        run.append(day)
        held += len(day_items)
    close()
    return runs


def _cut(items: list[T], limit: int, label: str, like: Period[T]) -> list[Period[T]]:
    """Items that share one date, in numbered parts of at most `limit` (each like `like`)."""
    cuts = [items[i : i + limit] for i in range(0, len(items), limit)]
    if len(cuts) == 1:
        return [Period("", label, 0, cuts[0], like.span, like.unknown)]
    return [
        Period("", f"{label} (part {n} of {len(cuts)})", 0, cut, like.span, like.unknown, (n, len(cuts)))
        for n, cut in enumerate(cuts, 1)
    ]
