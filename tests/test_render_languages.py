"""Sources in other languages: a quote verbatim in the language it was said in, checked against
the stored source text as in English, with its translation beside it; and language tags checked."""

from __future__ import annotations

from pathlib import Path

import pytest

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


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.xdist_group("browser")
def test_an_arabic_quote_reads_right_to_left_in_the_english_page(tmp_path: Path) -> None:
    """Chromium's computed direction of the quote's paragraph (and of its translation's)."""
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Chromium is not installed (make test installs it)")
    from generator.cli import main

    from .conftest import copy_project

    root = copy_project(tmp_path / "p")
    arabic = QUOTE.replace("Мы не отступим ни на шаг", "لن نتراجع خطوة واحدة.").replace("language: ru", "language: ar")
    write(
        root / "briefings",
        "2024-06-20-talks.yaml",
        arabic.replace("actor: ann", "actor: kim-jong-un")
        .replace("speaker: ann", "speaker: kim-jong-un")
        .replace("    text: sources/statement.txt\n", "")
        .replace("date: 2015-09-20", "date: 2024-06-20"),
    )
    assert main(["--root", str(root), "build", "--no-pdf"]) == 0
    page_file = root / "site/generated/briefings/2024-06-20-talks/index.html"
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        page = browser.new_page()
        page.goto(page_file.as_uri())
        said = page.locator("#quote-1")
        assert said.get_attribute("lang") == "ar"
        assert said.evaluate("e => getComputedStyle(e).direction") == "rtl"
        translation = page.locator(".bf-translation")
        assert translation.evaluate("e => getComputedStyle(e).direction") == "ltr"
        title = page.locator("h1")
        assert title.evaluate("e => getComputedStyle(e).direction") == "ltr"
        browser.close()


@pytest.mark.slow
def test_an_arabic_quote_is_printed_in_the_pdf_in_logical_order(tmp_path: Path) -> None:
    """The PDF's text, as a screen reader or a copy takes it, holds the Arabic words in the order
    they are written (not reversed as drawn), with the translation after them."""
    import io

    import pypdf

    from generator.load.project import Project, Settings
    from generator.publish.pdf import briefing_jobs, build_pdfs

    from .conftest import copy_project

    root = copy_project(tmp_path / "p")
    said = "لن نتراجع خطوة واحدة"
    briefing = QUOTE.replace("Мы не отступим ни на шаг", said).replace("language: ru", "language: ar")
    briefing = briefing.replace("ann", "kim-jong-un").replace("    text: sources/statement.txt\n", "")
    write(root / "briefings", "2024-06-20-talks.yaml", briefing.replace("2015-09-20", "2024-06-20"))
    project = Project(root, Settings())
    made, _ = build_pdfs(
        briefing_jobs(project, link(load(project.briefings)), ["2024-06-20-talks"]), project.pdf_cache, workers=1
    )
    text = " ".join(
        page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(made["2024-06-20-talks.pdf"])).pages
    )
    assert said in text
    assert said[::-1] not in text
    assert text.index(said) < text.index("Translation by the analyst: We will not retreat a single step")
