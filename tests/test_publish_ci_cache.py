"""What CI keeps between runs (build/, docs/generated/, site/) makes the next build incremental
and never wrong: a cold build of one commit, its kept folders restored into a fresh copy of a
later commit (with new file times, as a restore may give), then a build there, gives the same
bytes as a cold build of the later commit. A kept file that is missing, cut short or tampered
with gives a correct build too."""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import copy_project, run_cli

KEPT = ("build", "docs/generated", "site")  # what .github/workflows/pages.yml caches (and preview.yml restores)
SITE_URL = "https://example.org/briefings/"

NEW_ACTORS = """
  - id: synthetic-envoy-one
    name: SYNTHETIC Envoy One
    kind: person
  - id: synthetic-envoy-two
    name: SYNTHETIC Envoy Two
    kind: person
"""
NEW_BRIEFING = """title: SYNTHETIC envoys meet
date: 2024-07-01
sources:
  - title: SYNTHETIC article (made up for a test)
summary: Two SYNTHETIC envoys met.
actors:
  - actor: synthetic-envoy-one
  - actor: synthetic-envoy-two
events:
  - id: synthetic-envoys-meet
    date: 2024-07-01
    title: SYNTHETIC envoys meet
    actors: [synthetic-envoy-one, synthetic-envoy-two]
topics: [war in Ukraine]
"""


def later_commit(root: Path) -> None:
    """The typical change (a new briefing naming two new actors and a new event) and an edit of
    a hand-written page."""
    actors = root / "briefings/actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").rstrip("\n") + "\n" + NEW_ACTORS, encoding="utf-8")
    (root / "briefings/2024-07-01-synthetic-envoys-meet.yaml").write_text(NEW_BRIEFING, encoding="utf-8")
    about = root / "docs/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nA line added in the later commit.\n", encoding="utf-8")


def build(capsys: pytest.CaptureFixture[str], root: Path) -> str:
    """`briefings build` in the project's folder, as `make site` runs it there."""
    here = os.getcwd()
    os.chdir(root)
    try:
        code, out, err = run_cli(capsys, "build", "--strict", "--no-pdf", "--site-url", SITE_URL)
    finally:
        os.chdir(here)
    assert code == 0, err
    return out + err


def clone_later_over(first: Path, kept: Path) -> Path:
    """CI's next run: the first commit's kept folders set aside, a fresh checkout of the later
    commit where the first was (a runner's workspace is always the same folder), and the kept
    folders restored into it."""
    shutil.rmtree(kept, ignore_errors=True)
    for rel in KEPT:
        if (first / rel).exists():
            shutil.copytree(first / rel, kept / rel, symlinks=True)
    shutil.rmtree(first)
    copy_project(first)
    later_commit(first)
    restore(kept, first)
    return first


def restore(cold: Path, fresh: Path) -> None:
    """Copy the kept folders into a fresh project, every file with a time after the checkout's."""
    later = time.time() + 60
    for rel in KEPT:
        if (cold / rel).exists():
            shutil.copytree(cold / rel, fresh / rel, symlinks=True)
            for folder, _, files in os.walk(fresh / rel):
                for name in files:
                    os.utime(os.path.join(folder, name), (later, later))


def same_tree(a: Path, b: Path) -> list[str]:
    """Files that differ or exist on one side only (empty: byte for byte the same)."""
    out: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        out.extend(prefix + n for n in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        out.extend(prefix + n for n in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(a, b), "")
    return out


@pytest.fixture(scope="module")
def cold_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A cold build of the first commit (its kept folders), and a cold build of the later one."""
    first = copy_project(tmp_path_factory.mktemp("first") / "p")
    later = copy_project(tmp_path_factory.mktemp("later") / "p")
    later_commit(later)
    for root in (first, later):
        assert main(["--root", str(root), "build", "--strict", "--no-pdf", "--site-url", SITE_URL]) == 0
    kept = tmp_path_factory.mktemp("kept")
    for rel in KEPT:
        shutil.copytree(first / rel, kept / rel, symlinks=True)
    return kept, later


@pytest.mark.slow
def test_a_restored_cache_builds_the_later_commit_incrementally_and_byte_for_byte(
    cold_builds: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, later_cold = cold_builds
    first = copy_project(tmp_path / "workspace")
    build(capsys, first)
    fresh = clone_later_over(first, tmp_path / "kept")
    out = build(capsys, fresh)
    assert "site built (changed pages only)" in out
    rendered = re.search(r"files (\d+) written, (\d+) unchanged", out)
    assert rendered is not None
    pages = sum(1 for _ in (fresh / "docs/generated").rglob("*.md"))
    assert int(rendered[1]) + int(rendered[2]) < pages, out  # only what the change touches was rendered
    assert same_tree(fresh / "site", later_cold / "site") == []
    assert same_tree(fresh / "docs/generated", later_cold / "docs/generated") == []


def damage(path: Path, how: str) -> None:
    if how == "missing":
        path.unlink()
    elif how == "cut short":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    else:  # tampered: other bytes of the same length
        path.write_bytes(bytes((b + 101) % 256 for b in path.read_bytes()))


@pytest.mark.slow
@pytest.mark.parametrize("how", ["missing", "cut short", "tampered"])
def test_a_damaged_cache_file_still_gives_the_right_site(
    cold_builds: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    kept, later_cold = cold_builds
    files = sorted(p.relative_to(kept / "build/cache") for p in (kept / "build/cache").rglob("*") if p.is_file())
    groups = [[f] for f in files if f.parts[0] != "parsed"] + [[f for f in files if f.parts[0] == "parsed"]]
    assert len(groups) >= 5  # snapshot, site stamp, docs and search manifests, parse cache
    for group in groups:
        fresh = copy_project(tmp_path / f"fresh-{len(list(tmp_path.iterdir()))}")
        later_commit(fresh)
        restore(kept, fresh)
        for rel in group:
            damage(fresh / "build/cache" / rel, how)
        out = build(capsys, fresh)
        assert same_tree(fresh / "site", later_cold / "site") == [], (group, out)
        assert same_tree(fresh / "docs/generated", later_cold / "docs/generated") == [], group
        if how != "missing" and group[0].name == "generated.pickle":
            assert "could not be used (damaged, or from another version): every page is rendered" in out
