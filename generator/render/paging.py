"""Split long dated lists into pages of bounded size: by year, then month, then numbered parts.

Every list on the site that grows with the corpus (the timeline, the quotes, the briefings, an
actor's, place's or topic's entries) goes through here, so no page grows without bound.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ..model.dates import MONTHS, date_key

T = TypeVar("T")


@dataclass(slots=True)
class Period(Generic[T]):
    """Items of one year, one month, or one part of a month, newest first."""

    key: str  # "2024", "2024-06" or "2024-06-2": also the page's file name
    label: str  # "2024", "June 2024", "June 2024 (part 2)"
    year: int
    items: list[T] = field(default_factory=list)


def periods(items: Sequence[T], date_of: Callable[[T], str], limit: int) -> list[Period[T]]:
    """Group items (any order) into periods, newest first, none holding more than `limit` items.

    A year that fits is one period; a bigger year is split by month (items dated only to the
    year form a period of their own); a month still too big is cut into numbered parts.
    """
    ordered = sorted(items, key=lambda item: date_key(date_of(item)), reverse=True)
    years: dict[int, list[T]] = {}
    for item in ordered:
        years.setdefault(date_key(date_of(item))[0], []).append(item)
    out: list[Period[T]] = []
    for year, year_items in years.items():
        if len(year_items) <= limit:
            out.append(Period(str(year), str(year), year, year_items))
            continue
        months: dict[int, list[T]] = {}
        for item in year_items:
            months.setdefault(date_key(date_of(item))[1], []).append(item)
        for month, month_items in months.items():
            key = f"{year}-{month:02d}" if month else f"{year}-00"
            label = f"{MONTHS[month - 1]} {year}" if month else f"{year}, month not given"
            parts = [month_items[i : i + limit] for i in range(0, len(month_items), limit)]
            for n, part in enumerate(parts, 1):
                if len(parts) == 1:
                    out.append(Period(key, label, year, part))
                else:
                    out.append(Period(f"{key}-{n}", f"{label} (part {n} of {len(parts)})", year, part))
    return out
