"""A site in the team's language: `language` in briefings.toml sets the site's own words (through
the message catalogues), its dates (CLDR), the theme, the feeds, the structured data, the PDFs
and the search index; a right-to-left language mirrors the layout. Catalogues that lack or break
a message fall back to English with a warning."""

from __future__ import annotations

import functools
import http.server
import io
import json
import threading
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator.cli import main
from generator.load import catalogue
from generator.load.catalogue import SHIPPED, TEMPLATE
from generator.tools import messages

from .conftest import SAMPLE_ID, copy_project, run_cli, write

ARABIC_QUOTE = "لن نتراجع خطوة واحدة."  # (made up for the test: no source holds it)


def site(root: Path, language: str, *, pdfs: bool = False) -> Path:
    write(root, "briefings.toml", f'language = "{language}"\n')
    assert main(["--root", str(root), "build", *([] if pdfs else ["--no-pdf"])]) == 0
    return root


def test_every_shipped_catalogue_translates_every_message_and_keeps_its_placeholders() -> None:
    template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(TEMPLATE.open("rb")) if m.id}
    assert len(template) > 200  # (the template was read: it holds the site's words)
    assert catalogue.shipped_languages() == ["ar", "en", "fr"]
    for path in sorted(SHIPPED.glob("*.po")):
        found = read_po(path.open("rb"))
        assert [(m.id, problems) for m, problems in found.check()] == [], path.name
        translated = {
            m.id if isinstance(m.id, str) else m.id[0]
            for m in found
            if m.id and not m.fuzzy and (all(m.string) if isinstance(m.string, tuple) else m.string)
        }
        assert template - translated == set(), path.name
        _, warnings = catalogue.load(Path("/nonexistent"), path.stem)
        assert warnings == [], path.name


def test_the_catalogue_template_is_the_one_the_code_makes() -> None:
    assert messages.write_template(check=True), "run: briefings messages template"


def test_a_french_site_says_everything_in_french(tmp_path: Path) -> None:
    root = site(copy_project(tmp_path / "p"), "fr", pdfs=True)
    generated = root / "docs/generated"
    page = (generated / f"briefings/{SAMPLE_ID}.md").read_text(encoding="utf-8")
    assert "## Points clés" in page
    assert "## Key points" not in page
    assert "**19 juin 2024**" in page  # the date in French, from CLDR
    assert "| Acteur | Type | Rôle dans cette synthèse |" in page
    assert "| personne |" in page  # the vocabulary's words too
    assert "Crédibilité 3 : peut-être vraie" in page  # a grade's meaning (in an attribute: one line)
    assert '"inLanguage\\":\\"fr\\"' in page
    timeline = (generated / "timeline/2024.md").read_text(encoding="utf-8")
    assert "## juin 2024" in timeline
    assert "Effacer les filtres" in timeline
    html = (root / f"site/generated/briefings/{SAMPLE_ID}/index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in html
    assert 'content="fr"' in html
    assert "Rechercher" in html  # Material's own words, in French
    assert 'xml:lang="fr"' in (generated / "briefings.atom.xml").read_text(encoding="utf-8")
    assert json.loads((generated / "briefings.feed.json").read_text(encoding="utf-8"))["language"] == "fr"
    assert json.loads((generated / "assets/words.json").read_text(encoding="utf-8"))["close"] == "Fermer"
    assert "fr" in json.loads((root / "site/pagefind/pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
    import pypdf

    pdf = pypdf.PdfReader(io.BytesIO((generated / f"pdf/{SAMPLE_ID}.pdf").read_bytes()))
    assert pdf.trailer["/Root"]["/Lang"] == "fr"
    assert "Points clés" in " ".join(p.extract_text() or "" for p in pdf.pages)


def test_an_arabic_pdf_is_laid_out_right_to_left_and_names_its_language(tmp_path: Path) -> None:
    root = site(copy_project(tmp_path / "p"), "ar", pdfs=True)
    import pypdf

    pdf = pypdf.PdfReader(io.BytesIO((root / f"docs/generated/pdf/{SAMPLE_ID}.pdf").read_bytes()))
    assert pdf.trailer["/Root"]["/Lang"] == "ar"
    text = " ".join(p.extract_text() or "" for p in pdf.pages)
    assert "النقاط الرئيسية" in text  # "Key points", in logical order
    assert "يونيو" in text  # June, in the dateline (digits beside Arabic come out in drawn order)


def test_a_catalogue_with_a_missing_or_broken_message_falls_back_to_english_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_project(tmp_path / "p")
    text = (SHIPPED / "fr.po").read_text(encoding="utf-8")
    broken = text.replace('msgstr "couvre %(period)s"', 'msgstr "couvre %(periode)s"')
    broken = broken.replace('msgid "Key points"\nmsgstr "Points clés"', 'msgid "Key points"\nmsgstr ""')
    assert broken.count("%(periode)s") == 1
    assert 'msgid "Key points"\nmsgstr ""' in broken
    write(root, "locale/fr.po", broken)
    write(root, "briefings.toml", 'language = "fr"\n')
    code, _, err = run_cli(capsys, "--root", str(root), "build", "--no-pdf")
    assert code == 0, err
    assert "locale/fr.po:" in err
    assert "unknown named placeholder 'periode'; shown in English: 'covers %(period)s'" in err
    assert "2 of " in err
    assert "messages not translated: shown in English" in err
    page = (root / f"docs/generated/briefings/{SAMPLE_ID}.md").read_text(encoding="utf-8")
    assert "## Key points" in page  # English, never an empty heading
    assert "## L’essentiel" in page  # the rest of the catalogue still applies


def test_a_team_starts_a_catalogue_of_its_own_and_builds_with_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_project(tmp_path / "p")
    code, out, _ = run_cli(capsys, "--root", str(root), "messages", "init", "de")
    assert code == 0
    assert "locale/de.po" in out
    po = (root / "locale/de.po").read_text(encoding="utf-8")
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in po
    po = po.replace('msgid "Key points"\nmsgstr ""', 'msgid "Key points"\nmsgstr "Kernpunkte"')
    write(root, "locale/de.po", po)
    write(root, "briefings.toml", 'language = "de"\n')
    code, _, err = run_cli(capsys, "--root", str(root), "build", "--no-pdf")
    assert code == 0, err
    assert "messages not translated: shown in English" in err
    page = (root / f"docs/generated/briefings/{SAMPLE_ID}.md").read_text(encoding="utf-8")
    assert "## Kernpunkte" in page
    shown = unescape((root / f"site/generated/briefings/{SAMPLE_ID}/index.html").read_text(encoding="utf-8"))
    assert "<strong>19. Juni 2024</strong>" in shown  # CLDR's German date
    assert "## Bottom line" in page
    code, out, _ = run_cli(capsys, "--root", str(root), "messages", "update")
    assert code == 0
    assert "locale/de.po: 0 new messages to translate, 0 no longer used" in out


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ('"arabic"', "briefings.toml:2: language: unknown language 'arabic'; did you mean 'ar'?"),
        ('"x y"', "briefings.toml:2: language: expected a BCP 47 language tag such as en, fr or ar, got 'x y'"),
        ("3", "briefings.toml:2: language: expected text, got 3"),
        ('"de"', "briefings.toml:2: language: no message catalogue for language 'de': write locale/de.po"),
    ],
)
def test_a_bad_site_language_is_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, said: str
) -> None:
    root = copy_project(tmp_path / "p")
    write(root, "briefings.toml", f'paper = "A4"\nlanguage = {value}\n')
    code, _, err = run_cli(capsys, "--root", str(root), "check")
    assert code == 1
    assert said in err
    assert "Traceback" not in err


# --- in a browser: every shipped language ---------------------------------------------------


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The sample project with an Arabic quote added, built in each shipped language and served."""
    from .test_render_languages import QUOTE

    servers: dict[str, str] = {}
    stops = []
    for language in catalogue.shipped_languages():
        root = copy_project(tmp_path_factory.mktemp(f"site-{language}"))
        arabic = QUOTE.replace("Мы не отступим ни на шаг", ARABIC_QUOTE).replace("language: ru", "language: ar")
        arabic = arabic.replace("ann", "kim-jong-un").replace("    text: sources/statement.txt\n", "")
        write(root / "briefings", "2024-06-20-talks.yaml", arabic.replace("2015-09-20", "2024-06-20"))
        actors = (root / "briefings/actors.yaml").read_text(encoding="utf-8")
        assert "    aliases: [Kim]\n" in actors
        write(root / "briefings", "actors.yaml", actors.replace("    aliases: [Kim]\n", "    aliases: [Kim, 김정은]\n"))
        site(root, language)
        handler = functools.partial(_Quiet, directory=str(root / "site"))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers[language] = f"http://127.0.0.1:{httpd.server_port}/"
        stops.append(httpd)
    yield servers
    for httpd in stops:
        httpd.shutdown()
        httpd.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


LAST_CHARACTER = """e => {
  const text = [...e.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim()).pop();
  const range = document.createRange();
  const at = (i) => { range.setStart(text, i); range.setEnd(text, i + 1); return range.getBoundingClientRect().x; };
  const words = text.textContent.trimEnd();
  return {first: at(text.textContent.indexOf(words.trim()[0])), last: at(words.length - 1)};
}"""


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.xdist_group("browser")
@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_each_shipped_language_reads_in_its_direction_with_no_serious_axe_violations(
    sites: dict[str, str], language: str
) -> None:
    """Per shipped language: axe finds nothing serious; an Arabic quote's full stop is drawn at its
    left end and an English quote's at its right end, whatever the site's language; an Arabic
    site mirrors its layout (the table of contents on the left); a screenshot of each is kept."""
    from .test_publish_browser import AXE, CHROMIUM, FLAGS, SHOTS, serious_axe_violations

    if not CHROMIUM.exists() or not AXE.exists():
        pytest.skip("Chromium or axe-core is not installed (make test installs them)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(sites[language] + "generated/briefings/2024-06-20-talks/")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"language-{language}.png"))
        assert serious_axe_violations(page) == []
        arabic = page.locator("#quote-1").evaluate(LAST_CHARACTER)
        assert arabic["last"] < arabic["first"]  # right to left: the full stop at the left end
        page.goto(sites[language] + f"generated/briefings/{SAMPLE_ID}/")
        english = page.locator("#quote-1").evaluate(LAST_CHARACTER)
        assert english["last"] > english["first"]
        body = page.evaluate("getComputedStyle(document.body).direction")
        toc = page.locator(".md-sidebar--secondary").bounding_box()
        content = page.locator(".md-content").bounding_box()
        assert toc is not None
        assert content is not None
        if language == "ar":
            assert body == "rtl"
            assert toc["x"] < content["x"]
        else:
            assert body == "ltr"
            assert toc["x"] > content["x"]
        assert serious_axe_violations(page) == []
        browser.close()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.xdist_group("browser")
@pytest.mark.parametrize("language", ["en", "fr", "ar"])
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("김정은", "generated/actors/kim-jong-un/"),  # a name's alias in another script
        ("نتراجع", "generated/briefings/2024-06-20-talks/"),  # a word of a quote, as it was said
        ("retreat", "generated/briefings/2024-06-20-talks/"),  # a word of its translation
    ],
)
def test_search_finds_names_and_quotes_in_any_script_whatever_the_sites_language(
    sites: dict[str, str], language: str, query: str, expected: str
) -> None:
    from .test_publish_browser import AXE, CHROMIUM, FLAGS, search

    if not CHROMIUM.exists() or not AXE.exists():
        pytest.skip("Chromium or axe-core is not installed (make test installs them)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page()
        hrefs = search(page, sites[language], query)
        assert any(h.split("#")[0].endswith("/" + expected) for h in hrefs), (query, hrefs)
        browser.close()


def test_a_site_whose_mkdocs_yml_fixes_the_theme_language_is_told_and_searches_in_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A site made before the language setting has `language: en` in mkdocs.yml: its pages say
    they are English, so the search index is English too (or search would find nothing)."""
    root = copy_project(tmp_path / "p")
    yml = (root / "mkdocs.yml").read_text(encoding="utf-8")
    write(root, "mkdocs.yml", yml.replace("language: !ENV [BRIEFINGS_LANGUAGE, en]", "language: en", 1))
    write(root, "briefings.toml", 'language = "fr"\n')
    code, _, err = run_cli(capsys, "--root", str(root), "build", "--no-pdf")
    assert code == 0, err
    assert "mkdocs.yml: warning: theme language is 'en', briefings.toml's is 'fr'" in err
    assert "language: !ENV [BRIEFINGS_LANGUAGE, en]" in err
    entry = json.loads((root / "site/pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en"]
    page = (root / f"docs/generated/briefings/{SAMPLE_ID}.md").read_text(encoding="utf-8")
    assert "## Points clés" in page  # the generated words are still the site's language
