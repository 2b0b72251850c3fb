"""`briefings draft` says the source's language: what its web page declares, else what its
letters tell (draft/language.py). Every text here is made up for the test."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.draft.language import declared, from_letters

from .conftest import run_cli, write


@pytest.mark.parametrize(
    ("page", "tag"),
    [
        (b'<!doctype html><html lang="fr-FR"><head>', "fr-FR"),
        (b"<html class=x lang=ru><head>", "ru"),
        (b'<html><head><meta http-equiv="Content-Language" content="uk">', "uk"),
        (b'<html><head><meta property="og:locale" content="ar_AR">', "ar-AR"),
        (b'<html lang="und"><head>', None),
        (b"<html><head><title>x</title>", None),
    ],
)
def test_a_page_says_its_language(page: bytes, tag: str | None) -> None:
    assert declared(page) == tag


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("Министр заявил, что переговоры продолжатся завтра в столице.", "ru"),
        ("Міністр заявив, що переговори триватимуть завтра у столиці. Їх ведуть двоє.", "uk"),
        ("قال الوزير إن المحادثات ستستمر غدا في العاصمة.", "ar"),
        ("وزیر گفت که گفتگوها فردا در پایتخت ادامه خواهد یافت.", "fa"),
        ("وزیر نے کہا کہ مذاکرات کل دارالحکومت میں جاری رہیں گے۔", "ur"),
        ("部长说，会谈将于明天在首都继续进行。", "zh"),
        ("大臣は、協議は明日首都で続くと述べた。", "ja"),
        ("장관은 회담이 내일 수도에서 계속될 것이라고 말했다.", "ko"),
        ("השר אמר כי השיחות יימשכו מחר בבירה.", "he"),
        ("Ο υπουργός είπε ότι οι συνομιλίες θα συνεχιστούν αύριο.", "el"),
        ("The minister said the talks would go on tomorrow in the capital.", None),  # Latin: not told
        ("Le ministre a déclaré que les discussions se poursuivraient demain.", None),
        ("12 345 678", None),
    ],
)
def test_the_letters_tell_a_scripts_language(text: str, tag: str | None) -> None:
    assert from_letters(text) == tag


def test_a_russian_article_is_drafted_with_its_language_on_the_source_and_the_quotes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from .conftest import copy_project

    root = copy_project(tmp_path / "p")
    article = write(
        tmp_path,
        "statement.txt",
        "Переговоры в столице\n\n"
        "Министр Иван Петров заявил: «Мы продолжим переговоры завтра утром». "
        "По его словам, обе стороны готовы к встрече.\n",
    )
    code, out, err = run_cli(capsys, "--root", str(root), "draft", str(article), "--date", "2024-06-20")
    assert code == 0, err
    assert "its language: ru (as its letters tell)" in out
    drafted = next((root / "briefings").glob("2024-06-20-*.yaml"))
    text = drafted.read_text(encoding="utf-8")
    assert '    language: "ru"  # as its letters tell\n' in text
    data = yaml.safe_load(text)
    assert data["sources"][0]["language"] == "ru"
    assert [q.get("language") for q in data.get("quotes") or []] == ["ru"] * len(data.get("quotes") or [])
    code, _, err = run_cli(capsys, "--root", str(root), "check")
    assert code == 0, err
