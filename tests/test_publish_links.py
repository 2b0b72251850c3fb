"""Every internal link of the built site resolves, at the root and under a preview sub-path."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main

from .conftest import copy_project
from .linkcheck import check_site

pytestmark = pytest.mark.slow


def test_every_internal_link_of_the_sample_site_resolves(built_sample: Path) -> None:
    report = check_site(built_sample / "site")
    assert report.broken == []
    assert report.pages >= 25
    assert report.links > 500


def test_link_checker_finds_broken_links_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#there">ok</a><a href="b/">missing</a>'
        '<a href="a/#nowhere">no anchor</a><a href="/elsewhere/">outside</a>'
    )
    (tmp_path / "a/index.html").write_text('<h1 id="there">x</h1><a href="../index.html">up</a>')
    broken = check_site(tmp_path, "/pr-preview/pr-7/").broken
    assert len(broken) == 3
    assert "missing /pr-preview/pr-7/b/" in broken[0]
    assert "no anchor #nowhere" in broken[1]
    assert "leaves the site's path" in broken[2]


def test_site_built_for_a_preview_sub_path_resolves_under_it(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    url = "https://example.org/briefings/pr-preview/pr-7/"
    assert main(["--root", str(root), "build", "--strict", "--no-pdf", "--site-url", url]) == 0
    report = check_site(root / "site", "/briefings/pr-preview/pr-7/")
    assert report.broken == []
    home = (root / "site/index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{url}">' in home
    sitemap = (root / "site/sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{url}generated/timeline/</loc>" in sitemap
