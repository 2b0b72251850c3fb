"""Change history from git: first published, last changed and the revisions on the briefing page,
the same dates in the feeds and the JSON-LD; nothing when the project is not in git."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest

from .conftest import SAMPLE_ID, run_cli

SAMPLE_FILE = f"briefings/{SAMPLE_ID}.yaml"
PAGE = f"docs/generated/briefings/{SAMPLE_ID}.md"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root: Path, *args: str, when: str = "2025-03-01T10:00:00+00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Analyst",
        "GIT_AUTHOR_EMAIL": "analyst@example.org",
        "GIT_COMMITTER_NAME": "Analyst",
        "GIT_COMMITTER_EMAIL": "analyst@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", "-C", str(root), *args], env=env, check=True, capture_output=True)


def build(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert run_cli(capsys, "--root", str(root), "build", "--no-site", "--no-pdf")[0] == 0
    return (root / PAGE).read_text(encoding="utf-8")


def test_the_page_the_feed_and_the_json_ld_carry_the_git_history(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "briefings")
    git(project, "commit", "-q", "-m", "First draft of the pact briefing")
    path = project / SAMPLE_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("Putin flew on", "Putin then flew on"), "utf-8")
    page = build(project, capsys)
    assert "First published 1 March 2025 · 1 revision" in page  # the edit is not committed yet
    git(project, "commit", "-q", "-am", "<script>alert(1)</script> fix the key point", when="2025-03-02T09:30:00+01:00")
    page = build(project, capsys)  # only the history changed since the last build: the page follows it
    assert "First published 1 March 2025 · last changed 2 March 2025 · 2 revisions" in page
    revisions = re.findall(r"^- (\d+ \w+ \d{4}): (.*) \(`([0-9a-f]+)`\)$", page, re.M)
    assert [(day, bool(commit)) for day, _, commit in revisions] == [("2 March 2025", True), ("1 March 2025", True)]
    assert "<script>" not in page  # the commit subject lands as text
    assert revisions[0][1].startswith("&#60;script&#62;alert&#40;1&#41;")  # as the characters, escaped
    atom = feedparser.parse((project / "docs/generated/briefings.atom.xml").read_bytes())
    (entry,) = atom.entries
    assert (entry.published, entry.updated) == ("2025-03-01T10:00:00+00:00", "2025-03-02T09:30:00+01:00")
    front = page.split("---\n")[1]
    data = json.loads(json.loads(re.search(r"^jsonld: (.*)$", front, re.M).group(1)))  # type: ignore[union-attr]
    assert (data["datePublished"], data["dateModified"]) == (entry.published, entry.updated)


def test_without_git_the_page_has_no_history_and_the_feed_uses_the_briefings_day(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = build(project, capsys)
    assert "## History" not in page
    atom = feedparser.parse((project / "docs/generated/briefings.atom.xml").read_bytes())
    assert atom.entries[0].published == "2024-06-19T00:00:00+00:00"
