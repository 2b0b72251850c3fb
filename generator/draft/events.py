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


# What a sentence says of its time: a date without a year falls in the year before or after the
# article's when the sentence looks back from an article written before it, or forward.
_FUTURE = re.compile(
    r"\b(?:will|shall|is due|are due|is set to|are set to|is scheduled|are scheduled|is expected to|"
    r"are expected to|to be held|next|upcoming|coming|plans? to|planned)\b",
    re.I,
)
DATELINE = 30  # characters: a date this near the start that is the article's own is its dateline
_PAST = re.compile(r"\b(?:was|were|had|did|said|held|met|took place|last|ago|earlier)\b", re.I)


@dataclass(frozen=True, slots=True)
class Dated:
    """A sentence that dates something: the sentence, the date words and the date they give
    (`also`: the next sentences that give the same date, taken as the same happening)."""

    sentence: Span
    words: Span
    date: str  # 2024-06-19, 2024-06 or 2024
    also: tuple[Span, ...] = ()


def find(text: str, sentences: list[Span], published: dt.date | None, quoted: list[Span]) -> list[Dated]:
    """The first date in each sentence outside quotes, resolved against the article's date and
    the sentence's tense; the next sentences with the same date are the same happening. The
    article's dateline is not a date of anything."""
    out: list[Dated] = []
    stretches = merged((q.start, q.end) for q in quoted)
    starts = [start for start, _ in stretches]

    def inside_quote(i: int) -> bool:
        k = bisect.bisect_right(starts, i) - 1
        return k >= 0 and stretches[k][0] <= i < stretches[k][1]

    for k, s in enumerate(sentences):
        for kind, pattern in _PATTERNS:
            m = next((m for m in pattern.finditer(text, s.start, s.end) if not inside_quote(m.start())), None)
            if m is None:
                continue
            date = _resolve(kind, m, published, _tense(text[s.start : s.end]))
            if date and m.start() < DATELINE and published is not None and date == published.isoformat():
                break  # the article's dateline: not an event
            if date:
                last = out[-1] if out else None
                if last is not None and last.date == date and _next_to(sentences, last, k):
                    out[-1] = Dated(last.sentence, last.words, date, (*last.also, s))  # the same happening
                else:
                    out.append(Dated(s, Span(m.start(), m.end()), date))
                break
    return out


def _next_to(sentences: list[Span], last: Dated, k: int) -> bool:
    """Sentence k comes right after the last dated one (or after a sentence it took in)."""
    before = sentences[k - 1] if k else None
    return before is not None and before in (last.sentence, *last.also)


def _tense(sentence: str) -> int:
    """+1 when a sentence speaks of what is to come, -1 of what has been, 0 when it does not say."""
    future, past = bool(_FUTURE.search(sentence)), bool(_PAST.search(sentence))
    return 1 if future and not past else -1 if past and not future else 0


def _year(parts: tuple[int, int], published: dt.date | None, tense: int) -> int | None:
    """The year of a month (and day) given without one: the article's, or the next one when the
    sentence looks ahead to a date before the article's, or the one before when it looks back
    at a date after it ("in February" in a December article about a coming hearing)."""
    if published is None:
        return None
    year = published.year
    here = (published.month, published.day)
    if tense > 0 and parts < here:
        return year + 1
    if tense < 0 and parts > here:
        return year - 1
    return year


def _resolve(kind: str, m: re.Match[str], published: dt.date | None, tense: int = 0) -> str | None:
    try:
        if kind == "iso":
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        if kind in ("mdy", "dmy"):
            month_word, day = (m[1], m[2]) if kind == "mdy" else (m[2], m[1])
            month = MONTHS[month_word.lower().rstrip(".")]
            y = int(m[3]) if m[3] else _year((month, int(day)), published, tense)
            if y is None:
                return None
            return dt.date(y, month, int(day)).isoformat()
        if kind == "my":
            month = MONTHS[m[1].lower().rstrip(".")]
            same = published is not None and month == published.month  # (this month: this year)
            y = int(m[2]) if m[2] else _year((month, published.day if same and published else 1), published, tense)
            return f"{y:04d}-{month:02d}" if y else None
        if kind == "year":
            return m[1]
        if kind == "relative" and published is not None:
            word = m[1].lower()
            if word in ("yesterday", "last night"):
                return (published - dt.timedelta(days=1)).isoformat()
            if word in ("today", "tonight", "this morning"):
                return published.isoformat()
            day = WEEKDAYS[word.split()[-1]]
            if tense > 0:  # "will meet on Monday": the coming one
                return (published + dt.timedelta(days=(day - published.weekday()) % 7 or 7)).isoformat()
            back = (published.weekday() - day) % 7
            return (published - dt.timedelta(days=back)).isoformat()
    except (ValueError, KeyError):
        return None
    return None
