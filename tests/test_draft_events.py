"""Candidate events of `briefings draft`: a date without a year is put in the year its sentence's
tense says, and sentences in a row with the same date are one happening. Texts made up for the test."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from generator.draft.events import find
from generator.draft.text import Span


def dated(text: str, published: dt.date) -> list[tuple[str, int]]:
    """(date, how many sentences) of each candidate event; sentences split at full stops."""
    sentences = [Span(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
    return [(d.date, 1 + len(d.also)) for d in find(text, sentences, published, [])]


@pytest.mark.parametrize(
    ("text", "published", "date"),
    [
        ("The appeal hearing will take place in February.", dt.date(2024, 12, 10), "2025-02"),
        ("The appeal hearing was held in February.", dt.date(2024, 12, 10), "2024-02"),
        ("The talks were held on 3 March.", dt.date(2025, 1, 10), "2024-03-03"),
        ("The talks will be held on 3 March.", dt.date(2025, 1, 10), "2025-03-03"),
        ("The summit is due on 9 January.", dt.date(2024, 12, 20), "2025-01-09"),
        ("Talks in June went on.", dt.date(2024, 6, 19), "2024-06"),  # no tense said: the article's year
        ("The ministers will meet on Monday.", dt.date(2024, 6, 19), "2024-06-24"),  # a Wednesday: the next Monday
        ("The ministers met on Monday.", dt.date(2024, 6, 19), "2024-06-17"),
    ],
)
def test_a_date_without_a_year_takes_the_year_its_sentence_speaks_of(text: str, published: dt.date, date: str) -> None:
    assert dated(text, published) == [(date, 1)]


def test_sentences_in_a_row_with_one_date_are_one_happening_and_the_dateline_none() -> None:
    text = (
        "2024-06-19 Leaders meet. "
        "The leaders met in Geneva on 3 June. The meeting on 3 June lasted five hours. "
        "Protesters marched on 4 June. Police said on 3 June that two were held."
    )
    assert dated(text, dt.date(2024, 6, 19)) == [("2024-06-03", 2), ("2024-06-04", 1), ("2024-06-03", 1)]


@pytest.mark.parametrize(
    ("title", "site", "shown"),
    [
        ("Talks resume in Geneva | Example News", "Example News", "Talks resume in Geneva"),
        ("Talks resume in Geneva - The Example Times", "The Example Times", "Talks resume in Geneva"),
        ("Talks resume in Geneva | Example", None, "Talks resume in Geneva"),
        ("North - South talks resume", "Example News", "North - South talks resume"),  # a dash in the headline
        ("Talks resume", "Example News", "Talks resume"),
    ],
)
def test_a_page_title_loses_the_sites_name(title: str, site: str | None, shown: str) -> None:
    from generator.draft.source import page_title

    assert page_title(title, site) == shown


@pytest.mark.parametrize(
    ("byline", "name"),
    [
        ("By JOHN SMITH AFP", "John Smith"),
        ("Jane Doe, Associated Press", "Jane Doe"),
        ("MARY MCDONALD and ANNA LEE / Reuters", "Mary McDonald; Anna Lee"),
        ("AFP", None),
        ("Ivo Marsh", "Ivo Marsh"),
    ],
)
def test_a_byline_becomes_names_without_capitals_or_agencies(byline: str, name: str | None) -> None:
    from generator.draft.source import author_name

    assert author_name(byline) == name


def test_a_generic_site_name_gives_way_to_the_pages_host() -> None:
    from generator.draft.source import site_name

    assert site_name("Hosted", "https://www.example.org/story/1") == "example.org"
    assert site_name("Example News", "https://www.example.org/story/1") == "Example News"
    assert site_name(None, None) is None
