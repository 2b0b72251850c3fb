"""Optional parts (extras): a missing one names its extra; a broken one shows its real cause."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .conftest import run_cli, write


def test_a_broken_optional_import_shows_its_cause_and_the_repair(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A trafilatura that is installed but cannot import, as an old pip left it (lxml_html_clean missing).
    fake = tmp_path / "fake"
    write(fake, "trafilatura/__init__.py", "raise ImportError('lxml.html.clean module is now a separate project')\n")
    monkeypatch.syspath_prepend(str(fake))
    monkeypatch.delitem(sys.modules, "trafilatura", raising=False)
    page = write(tmp_path, "page.html", "<html><body><p>SYNTHETIC words.</p></body></html>")
    code, out, err = run_cli(capsys, "--root", str(project), "draft", str(page))
    assert code == 1
    assert "page.html: reading web pages needs trafilatura, which is installed but cannot be imported" in err
    assert "(lxml.html.clean module is now a separate project)" in err
    assert "pip install --upgrade pip && pip install --force-reinstall 'briefings[draft]'" in err
    assert "Traceback" not in err
    assert out == ""


def test_a_missing_optional_part_names_its_extra(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails as if not installed
    page = write(tmp_path, "page.html", "<html><body><p>SYNTHETIC words.</p></body></html>")
    code, _, err = run_cli(capsys, "--root", str(project), "draft", str(page))
    assert code == 1
    assert "reading web pages needs trafilatura, which is not installed: pip install 'briefings[draft]'" in err
