"""Candidate events: sentences that say when something happened, with the date worked out
at the precision the text gives (a day, a month, a year)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from .text import Span, merged

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ]
    )
    for m in names.split()
}
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("mdy", re.compile(r"\b(" + _MONTH + r")\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b", re.I)),
    ("dmy", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + _MONTH + r")(?:,?\s+(\d{4}))?\b", re.I)),
    (
        "my",
        re.compile(
            r"\b(?:in|since|until|by|from|during|early|late|mid-?)\s+(" + _MONTH + r")(?:,?\s+(\d{4}))?\b", re.I
        ),
    ),
    (
        "relative",
        re.compile(r"\b(yesterday|today|tonight|last night|this morning|on (?:" + "|".join(WEEKDAYS) + r"))\b", re.I),
    ),
    ("year", re.compile(r"\b(?:in|since|until|by|from|during|early|late|mid-?)\s+((?:19|20)\d{2})\b", re.I)),
]


@dataclass(frozen=True, slots=True)
class Dated:
    """A sentence that dates something: the sentence, the date words and the date they give."""

    sentence: Span
    words: Span
    date: str  # 2024-06-19, 2024-06 or 2024


def find(text: str, sentences: list[Span], published: dt.date | None, quoted: list[Span]) -> list[Dated]:
    """The first date in each sentence outside quotes, resolved against the article's date."""
    out = []
    stretches = merged((q.start, q.end) for q in quoted)
    starts = [start for start, _ in stretches]

    def inside_quote(i: int) -> bool:
        k = bisect.bisect_right(starts, i) - 1
        return k >= 0 and stretches[k][0] <= i < stretches[k][1]

    for s in sentences:
        for kind, pattern in _PATTERNS:
            m = next((m for m in pattern.finditer(text, s.start, s.end) if not inside_quote(m.start())), None)
            if m is None:
                continue
            date = _resolve(kind, m, published)
            if date:
                out.append(Dated(s, Span(m.start(), m.end()), date))
                break
    return out


def _resolve(kind: str, m: re.Match[str], published: dt.date | None) -> str | None:
    year = published.year if published else None
    try:
        if kind == "iso":
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        if kind in ("mdy", "dmy"):
            month_word, day = (m[1], m[2]) if kind == "mdy" else (m[2], m[1])
            y = int(m[3]) if m[3] else year
            if y is None:
                return None
            return dt.date(y, MONTHS[month_word.lower().rstrip(".")], int(day)).isoformat()
        if kind == "my":
            y = int(m[2]) if m[2] else year
            return f"{y:04d}-{MONTHS[m[1].lower().rstrip('.')]:02d}" if y else None
        if kind == "year":
            return m[1]
        if kind == "relative" and published is not None:
            word = m[1].lower()
            if word in ("yesterday", "last night"):
                return (published - dt.timedelta(days=1)).isoformat()
            if word in ("today", "tonight", "this morning"):
                return published.isoformat()
            day = WEEKDAYS[word.split()[-1]]
            back = (published.weekday() - day) % 7
            return (published - dt.timedelta(days=back)).isoformat()
    except (ValueError, KeyError):
        return None
    return None
