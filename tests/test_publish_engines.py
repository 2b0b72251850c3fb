"""Engines besides MkDocs: ProperDocs (the maintained fork of MkDocs 1.x) builds the same site
from the same mkdocs.yml, as a fallback for the day MkDocs 1.x is no longer kept."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .conftest import SAMPLE_ID, copy_project, run_cli


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def main_text(html: str) -> str:
    """The page's article, without the markup that differs between generators' versions."""
    body = html[html.index("<article") : html.index("</article>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).strip()


@pytest.mark.slow
def test_properdocs_builds_the_same_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_project(tmp_path / "project")
    build = ("--root", str(root), "build", "--strict", "--no-pdf", "--full")
    code, out, err = run_cli(capsys, *build)
    assert code == 0, err
    shutil.copytree(root / "site", tmp_path / "mkdocs-site")
    code, out, err = run_cli(capsys, *build, "--engine", "properdocs")
    assert code == 0, err
    assert "(ProperDocs " in out
    assert pages(root / "site") == pages(tmp_path / "mkdocs-site")
    for page in (
        f"generated/briefings/{SAMPLE_ID}/index.html",
        "generated/actors/kim-jong-un/index.html",
        "index.html",
    ):
        ours = (root / "site" / page).read_text(encoding="utf-8")
        theirs = (tmp_path / "mkdocs-site" / page).read_text(encoding="utf-8")
        assert main_text(ours) == main_text(theirs), page
        assert "briefings:final-html" not in ours  # the extension ran: the generator's HTML is in place
    assert (root / "site/pagefind/pagefind.js").is_file()
