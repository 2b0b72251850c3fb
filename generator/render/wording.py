"""The site's own words in its language: counts ("3 briefings"), the vocabularies' terms (actor
and event kinds, precisions, figures) and dates ("19 June 2024", "19 juin 2024").

English is written as it always was (day month year, the house style); another language writes
dates as CLDR says it does (through Babel).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Protocol

from ..model import dates
from ..model.records import ACTOR_KINDS, EVENT_KINDS, PLACE_KINDS
from ..text.messages import Messages


@functools.lru_cache(maxsize=8)  # (one Messages per build)
def counted(messages: Messages) -> Callable[[int, str], str]:
    """plural(n, word) in the site's language: (3, "briefing") -> "3 briefings"."""
    m = messages
    forms: dict[str, Callable[[int], str]] = {
        "briefing": lambda n: m.ngettext("%(n)s briefing", "%(n)s briefings", n),
        "quote": lambda n: m.ngettext("%(n)s quote", "%(n)s quotes", n),
        "event": lambda n: m.ngettext("%(n)s event", "%(n)s events", n),
        "actor": lambda n: m.ngettext("%(n)s actor", "%(n)s actors", n),
        "place": lambda n: m.ngettext("%(n)s place", "%(n)s places", n),
        "name": lambda n: m.ngettext("%(n)s name", "%(n)s names", n),
        "topic": lambda n: m.ngettext("%(n)s topic", "%(n)s topics", n),
        "revision": lambda n: m.ngettext("%(n)s revision", "%(n)s revisions", n),
        "earlier revision": lambda n: m.ngettext("%(n)s earlier revision", "%(n)s earlier revisions", n),
    }

    def plural(n: int, word: str) -> str:
        return forms[word](n)

    return plural


def _term_messages(m: Messages) -> dict[str, str]:
    """Every term of the vocabularies a page shows, as the page shows it (lower case)."""
    return {
        # actor kinds
        "person": m.gettext("person"),
        "state": m.gettext("state"),
        "government-body": m.gettext("government body"),
        "armed-group": m.gettext("armed group"),
        "political-party": m.gettext("political party"),
        "company": m.gettext("company"),
        "international-organisation": m.gettext("international organisation"),
        "media": m.gettext("media"),
        "organisation": m.gettext("organisation"),
        "civilians": m.gettext("civilians"),
        "other": m.gettext("other"),
        # event kinds
        "statement": m.gettext("statement"),
        "meeting": m.gettext("meeting"),
        "agreement": m.gettext("agreement"),
        "election": m.gettext("election"),
        "protest": m.gettext("protest"),
        "armed-clash": m.gettext("armed clash"),
        "attack": m.gettext("attack"),
        "legal": m.gettext("legal"),
        "policy": m.gettext("policy"),
        "economic": m.gettext("economic"),
        "disaster": m.gettext("disaster"),
        # place kinds
        "continent": m.gettext("continent"),
        "country": m.gettext("country"),
        "region": m.gettext("region"),
        "district": m.gettext("district"),
        "city": m.gettext("city"),
        "town": m.gettext("town"),
        "village": m.gettext("village"),
        "neighbourhood": m.gettext("neighbourhood"),
        "site": m.gettext("site"),
        "area": m.gettext("area"),
        "water": m.gettext("water"),
        # figures
        "fatalities": m.gettext("fatalities"),
        "injured": m.gettext("injured"),
        "displaced": m.gettext("displaced"),
        "arrested": m.gettext("arrested"),
    }


@functools.lru_cache(maxsize=8)  # (one Messages per build)
def terms(messages: Messages) -> Callable[[str], str]:
    """term('armed-group') -> 'armed group' in the site's language (an unknown term as written)."""
    known = _term_messages(messages)
    assert set(ACTOR_KINDS) | set(EVENT_KINDS) | set(PLACE_KINDS) <= set(known)

    def term(value: str) -> str:
        return known.get(value) or value.replace("-", " ")

    return term


@functools.lru_cache(maxsize=8)  # (one Messages per build)
def date_words(messages: Messages) -> Callable[[str], str]:
    """human_date in the site's language: '2024-06-19' -> '19 June 2024' / '19 juin 2024'."""
    if messages.english:
        return dates.human
    return functools.lru_cache(maxsize=100_000)(functools.partial(_localised, messages))


def _localised(m: Messages, text: str) -> str:
    import babel
    from babel.dates import format_date, format_interval, format_skeleton

    locale = m.tag.replace("-", "_")
    when = dates.parse(text)

    def day(parts: dates.Parts) -> dt.date:
        y, mo, d = parts
        return dt.date(y, mo or 1, d or 1)

    def one(point: dates.Point) -> str:
        y, mo, d = point.parts
        if not mo:
            words = str(y)
        elif not d:
            words = format_skeleton("yMMMM", day(point.parts), locale=locale)
        else:
            words = format_date(day(point.parts), "long", locale=locale)
        return m.gettext("about %(date)s", date=words) if point.approximate else words

    if when.end is None or when.start.parts == when.end.parts:
        return one(when.start)
    a, b = when.start, when.end
    (_, m1, d1), (_, m2, d2) = a.parts, b.parts
    if a.approximate != b.approximate or bool(m1) != bool(m2) or bool(d1) != bool(d2):
        return f"{one(a)} {dates.DASH} {one(b)}"
    skeleton = "yMMMMd" if d1 else "yMMMM" if m1 else "y"
    if skeleton not in babel.Locale.parse(locale).interval_formats:
        # CLDR has no interval of whole month names and days in most languages (its nearest
        # abbreviates: "1–14 sept. 2015"): both ends in full, as one date is written
        return f"{one(a)} {dates.DASH} {one(b)}"
    words = format_interval(day(a.parts), day(b.parts), skeleton, locale=locale)
    return m.gettext("about %(date)s", date=words) if a.approximate else words


class _Labelled(Protocol):
    label: str
    span: str
    unknown: str
    part: tuple[int, int] | None


@functools.lru_cache(maxsize=8)  # (one Messages per build)
def period_label(messages: Messages) -> Callable[[_Labelled], str]:
    """A period's label (paging.Period, a timeline page's month) in the site's language."""
    if messages.english:
        return lambda period: period.label
    m, when = messages, date_words(messages)

    def label(period: _Labelled) -> str:
        words = when(period.span)
        if period.unknown == "month":
            words = m.gettext("%(period)s, month not given", period=words)
        elif period.unknown == "day":
            words = m.gettext("%(period)s, day not given", period=words)
        if period.part:
            n, of = period.part
            words = m.gettext("%(period)s (part %(n)s of %(of)s)", period=words, n=n, of=of)
        return words

    return label


@functools.lru_cache(maxsize=8)  # (one Messages per build)
def inside_places(messages: Messages) -> Callable[[str, int], str]:
    """(kind of place, n) -> '1 in a town', '3 in towns' in the site's language."""
    m = messages
    forms: dict[str, Callable[[int], str]] = {
        "continent": lambda n: m.ngettext("%(n)s in a continent", "%(n)s in continents", n),
        "country": lambda n: m.ngettext("%(n)s in a country", "%(n)s in countries", n),
        "region": lambda n: m.ngettext("%(n)s in a region", "%(n)s in regions", n),
        "district": lambda n: m.ngettext("%(n)s in a district", "%(n)s in districts", n),
        "city": lambda n: m.ngettext("%(n)s in a city", "%(n)s in cities", n),
        "town": lambda n: m.ngettext("%(n)s in a town", "%(n)s in towns", n),
        "village": lambda n: m.ngettext("%(n)s in a village", "%(n)s in villages", n),
        "neighbourhood": lambda n: m.ngettext("%(n)s in a neighbourhood", "%(n)s in neighbourhoods", n),
        "site": lambda n: m.ngettext("%(n)s in a site", "%(n)s in sites", n),
        "area": lambda n: m.ngettext("%(n)s in an area", "%(n)s in areas", n),
        "water": lambda n: m.ngettext("%(n)s in a water", "%(n)s in waters", n),
        "other": lambda n: m.ngettext("%(n)s in another place", "%(n)s in other places", n),
    }
    assert set(forms) == set(PLACE_KINDS)

    def inside(kind: str, n: int) -> str:
        return forms[kind](n)

    return inside


def kind_titles(messages: Messages) -> dict[str, str]:
    """The headings of a listing's sections."""
    m = messages
    return {"briefing": m.gettext("Briefings"), "quote": m.gettext("Quotes"), "event": m.gettext("Events")}
