"""Sources in other languages: a quote verbatim in the language it was said in, checked against
the stored source text as in English, with its translation beside it; and language tags checked."""

from __future__ import annotations

from pathlib import Path

from generator.link.corpus import link
from generator.load.files import load
from generator.render.workers import render_pages

from .conftest import write
from .realworld import problems, readable, real_world

SOURCE = "Министр сказал: «Мы не отступим ни на шаг». Переговоры продолжатся завтра.\n"
QUOTE = """
title: Talks go on
date: 2015-09-20
language: en
sources:
  - title: Заявление министра
    text: sources/statement.txt
    language: ru
actors:
  - actor: ann
quotes:
  - text: Мы не отступим ни на шаг
    speaker: ann
    language: ru
    translation: We will not retreat a single step
    translated_by: the analyst
"""


def project(tmp_path: Path, quote: str = QUOTE) -> Path:
    root = real_world(tmp_path)
    write(root, "sources/statement.txt", SOURCE)
    write(root, "2015-09-20-talks.yaml", quote)
    return root


def test_a_quote_in_its_own_language_shows_its_translation_beside_it(tmp_path: Path) -> None:
    pages = readable(render_pages(link(load(project(tmp_path)))))
    page = pages["briefings/2015-09-20-talks.md"]
    assert '> Мы не отступим ни на шаг\n> { #quote-1 dir="auto" lang="ru" }' in page
    assert "> *Translation by the analyst:* We will not retreat a single step\n> { .bf-translation" in page
    assert "We will not retreat a single step" in pages["actors/ann.md"]  # wherever the quote is shown


def test_a_misquote_in_the_original_language_fails_check_as_in_english(tmp_path: Path) -> None:
    root = project(tmp_path, QUOTE.replace("Мы не отступим ни на шаг", "Мы не отступим никогда"))
    found = problems(root)
    assert any(p.startswith("2015-09-20-talks.yaml:11: quotes[0].text: ") for p in found), found


def test_an_unknown_language_tag_is_a_problem_at_its_line_with_a_guess(tmp_path: Path) -> None:
    root = project(
        tmp_path, QUOTE.replace("    language: ru\n    translation", "    language: Russian\n    translation")
    )
    found = problems(root)
    assert "2015-09-20-talks.yaml:13: quotes[0].language: unknown language 'Russian'; did you mean 'ru'?" in found, (
        found
    )
