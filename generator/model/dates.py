"""Dates as analysts know them: a day, a month or a year, an interval, and "about".

The written forms are those of ISO 8601 and its extension ISO 8601-2 (EDTF):

- ``2024-06-19``, ``2024-06``, ``2024``: a date with the precision the sources give;
- ``2015-09-01/2015-09-14``: an interval, each end with its own precision; the end may be cut
  short, as ISO 8601 allows (``2015-09-01/14`` is 1-14 September 2015);
- ``2015-03~``: approximate ("about March 2015"); either end of an interval may carry it.

Everything here is cached: a corpus of thousands of records shares a few thousand dates.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass

MONTHS = "January February March April May June July August September October November December".split()  # noqa: SIM905
DASH = "–"  # en dash, between the ends of a range
_SINGLE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?(~)?")  # ASCII digits only
_SHORT_END = re.compile(r"([0-9]{2})(?:-([0-9]{2}))?(~)?")
# The same forms for JSON Schema (ECMA-262: what editors use).
SCHEMA_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?~?(/([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|[0-9]{2}(-[0-9]{2})?)~?)?$"
FORMS = "YYYY, YYYY-MM or YYYY-MM-DD, an interval such as 2015-09-01/2015-09-14, with ~ for 'about'"

Parts = tuple[int, int, int]  # year, month (0: not given), day (0: not given)


@dataclass(frozen=True, slots=True)
class Point:
    """One end of a date: its parts and whether it is approximate."""

    parts: Parts
    approximate: bool = False

    @property
    def first_day(self) -> Parts:
        y, m, d = self.parts
        return y, m or 1, d or 1

    @property
    def last_day(self) -> Parts:
        y, m, d = self.parts
        month = m or 12
        return y, month, d or calendar.monthrange(y, month)[1]


@dataclass(frozen=True, slots=True)
class When:
    """A parsed date: one point, or an interval from `start` to `end`."""

    start: Point
    end: Point | None = None


class DateError(ValueError):
    """A date that is not in one of the accepted forms, or not a real date."""


@functools.lru_cache(maxsize=100_000)
def parse(text: str) -> When:
    """Parse a written date; raise DateError saying what is wrong."""
    first, sep, second = text.partition("/")
    start = _point(first, text)
    if not sep:
        return When(start)
    end = _end(second, start, text)
    if end.last_day < start.first_day:
        raise DateError(f"the interval {text!r} ends before it starts")
    return When(start, end)


def _point(text: str, whole: str) -> Point:
    m = _SINGLE.fullmatch(text)
    if not m:
        raise DateError(f"expected a date as {FORMS}; got {whole!r}")
    year, month, day = m.group(1, 2, 3)
    return Point(_check(year, month, day, whole), bool(m.group(4)))


def _end(text: str, start: Point, whole: str) -> Point:
    """The end of an interval, written in full or cut short (its first parts taken from the start)."""
    if _SINGLE.fullmatch(text):
        return _point(text, whole)
    m = _SHORT_END.fullmatch(text)
    given = [int(g) for g in m.groups()[:2] if g] if m else []
    y, mo, d = start.parts
    precision = 3 if d else 2 if mo else 1
    if not m or len(given) >= precision:
        raise DateError(f"expected the end of the interval as a date, or its last parts (2015-09-01/14); got {whole!r}")
    texts = [f"{y:04d}", f"{mo:02d}", f"{d:02d}"][: precision - len(given)] + [f"{g:02d}" for g in given]
    year, month, day = (*texts, None, None)[:3]
    assert year is not None
    return Point(_check(year, month, day, whole), bool(m.group(3)))


def _check(year_text: str, month_text: str | None, day_text: str | None, whole: str) -> Parts:
    year, month, day = int(year_text), int(month_text or 0), int(day_text or 0)
    if year < 1:
        raise DateError(f"no year 0 in {whole!r}")
    if month_text is not None and not 1 <= month <= 12:
        raise DateError(f"no month {month_text} in {whole!r}")
    if day_text is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise DateError(f"no such day: {whole!r}")
    return year, month, day


def check(text: str, *, day: bool = False, interval: bool = True) -> str:
    """`text` if it is a valid date (a single day when `day`; no interval unless `interval`)."""
    if day and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise DateError(f"expected a date as YYYY-MM-DD, got {text!r}")
    when = parse(text)
    if not interval and when.end is not None:
        raise DateError(f"expected one date, not an interval: {text!r}")
    return text


@functools.lru_cache(maxsize=100_000)
def date_key(text: str) -> Parts:
    """Sort key of a date: its start. A month or year with no day sorts first within it."""
    return parse(text).start.parts


@functools.lru_cache(maxsize=100_000)
def sort_key(text: str) -> tuple[Parts, Parts]:
    """Full sort key: the start, then the end (a point ends where it starts)."""
    when = parse(text)
    return when.start.parts, (when.end or when.start).parts


@functools.lru_cache(maxsize=100_000)
def human(text: str) -> str:
    """'2024-06-19' -> '19 June 2024'; '2015-09-01/14' -> '1–14 September 2015'; '2015-03~' -> 'about March 2015'."""
    when = parse(text)
    if when.end is None:
        return _about(when.start) + _words(when.start.parts)
    a, b = when.start, when.end
    (y1, m1, d1), (y2, m2, d2) = a.parts, b.parts
    same_form = bool(m1) == bool(m2) and bool(d1) == bool(d2)
    if a.approximate != b.approximate or not same_form:
        return f"{_about(a)}{_words(a.parts)} {DASH} {_about(b)}{_words(b.parts)}"
    about = _about(a)
    if a.parts == b.parts:
        return about + _words(a.parts)
    if not m1:
        return f"{about}{y1}{DASH}{y2}"
    if y1 == y2 and not d1:
        return f"{about}{MONTHS[m1 - 1]}{DASH}{MONTHS[m2 - 1]} {y1}"
    if y1 == y2 and m1 == m2:
        return f"{about}{d1}{DASH}{d2} {MONTHS[m1 - 1]} {y1}"
    if y1 == y2:
        return f"{about}{d1} {MONTHS[m1 - 1]} {DASH} {d2} {MONTHS[m2 - 1]} {y1}"
    return f"{about}{_words(a.parts)} {DASH} {_words(b.parts)}"


def _about(point: Point) -> str:
    return "about " if point.approximate else ""


def _words(parts: Parts) -> str:
    year, month, day = parts
    if not month:
        return str(year)
    if not day:
        return f"{MONTHS[month - 1]} {year}"
    return f"{day} {MONTHS[month - 1]} {year}"


def iso_bounds(text: str) -> tuple[str, str | None]:
    """The start and end (None for one point) as ISO 8601 dates of their own precision, without
    '~' (schema.org's startDate/endDate): '2015-09-01/14~' -> ('2015-09-01', '2015-09-14')."""
    when = parse(text)

    def iso(point: Point) -> str:
        y, m, d = point.parts
        return f"{y:04d}" + (f"-{m:02d}" if m else "") + (f"-{d:02d}" if d else "")

    return iso(when.start), iso(when.end) if when.end is not None else None
