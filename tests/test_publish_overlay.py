"""overlay.py: the changed files of an incremental build go into site/ all together or not at all,
and a commit cut short (the process killed) is undone by the next build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.publish import overlay
from generator.publish.overlay import JOURNAL, commit, overlay_files, recover


def tree(root: Path) -> dict[str, str]:
    """Every file under `root` with its text, and every folder (as "/")."""
    found: dict[str, str] = {}
    for folder, dirs, files in os.walk(root):
        rel = os.path.relpath(folder, root)
        for name in dirs:
            found[os.path.normpath(os.path.join(rel, name)) + "/"] = ""
        for name in files:
            found[os.path.normpath(os.path.join(rel, name))] = Path(folder, name).read_text(encoding="utf-8")
    return found


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """A site, and an overlay that changes a page, adds one, and brings a new search index."""
    site, new = tmp_path / "site", tmp_path / ".site-new"
    write(
        site,
        {
            "index.html": "home",
            "generated/briefings/a/index.html": "a, old",
            "generated/briefings/b/index.html": "b",
            "generated/actors/x/index.html": "x",
            "pagefind/pagefind.js": "old index",
            "pagefind/shards/1/meta": "old shard",
        },
    )
    write(
        new,
        {
            "generated/briefings/a/index.html": "a, new",
            "generated/briefings/c/index.html": "c",
            "pagefind/pagefind.js": "new index",
        },
    )
    return site, new


def test_a_commit_puts_the_changed_files_in_and_takes_the_gone_ones_out(built: tuple[Path, Path]) -> None:
    site, new = built
    files = overlay_files(new, ("pagefind",))
    assert sorted(files) == ["generated/briefings/a/index.html", "generated/briefings/c/index.html", "pagefind"]
    commit(new, site, files, ["generated/actors/x/index.html"])
    assert tree(site) == {
        "index.html": "home",
        "generated/": "",
        "generated/briefings/": "",
        "generated/briefings/a/": "",
        "generated/briefings/a/index.html": "a, new",
        "generated/briefings/b/": "",
        "generated/briefings/b/index.html": "b",
        "generated/briefings/c/": "",
        "generated/briefings/c/index.html": "c",
        "pagefind/": "",
        "pagefind/pagefind.js": "new index",  # the index as a whole: the old shard went with it
    }
    assert not (site.parent / JOURNAL).exists()


@pytest.mark.parametrize("fail_at", [1, 2, 3, 4, 5])
def test_a_commit_that_fails_part_way_leaves_the_site_as_it_was(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, fail_at: int
) -> None:
    site, new = built
    before = tree(site)
    calls = {"n": 0}
    rename = Path.rename

    def failing(self: Path, target: Path) -> Path:  # (the disk full, say)
        calls["n"] += 1
        if calls["n"] == fail_at:
            raise OSError(28, "No space left on device")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", failing)
    with pytest.raises(OSError, match="No space"):
        commit(new, site, overlay_files(new, ("pagefind",)), ["generated/actors/x/index.html"])
    monkeypatch.setattr(Path, "rename", rename)
    assert tree(site) == before
    assert not (site.parent / JOURNAL).exists()


@pytest.mark.parametrize("killed_after", [0, 1, 2, 3, 4, 5, 6])
def test_a_commit_cut_short_is_undone_by_the_next_build(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, killed_after: int
) -> None:
    """The process dies after `killed_after` moves: nothing undoes them then, so the journal is
    left without its last line, and `recover` (the next build's first step) puts site/ back."""
    site, new = built
    before = tree(site)
    calls = {"n": 0}
    rename = Path.rename

    class Killed(BaseException):
        pass

    def dying(self: Path, target: Path) -> Path:
        if calls["n"] == killed_after:
            raise Killed
        calls["n"] += 1
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", dying)
    monkeypatch.setattr(overlay, "_undo", lambda site, journal: None)  # (a killed process undoes nothing)
    with pytest.raises(Killed):
        commit(new, site, overlay_files(new, ("pagefind",)), ["generated/actors/x/index.html"])
    monkeypatch.undo()
    assert (site.parent / JOURNAL).is_dir()
    if killed_after == 6:  # every move made and noted as done: the commit stands, its journal goes
        assert recover(site) is False
        assert (site / "generated/briefings/c/index.html").read_text(encoding="utf-8") == "c"
        assert not (site / "generated/actors/x").exists()
    else:
        assert recover(site) is True
        assert tree(site) == before
    assert not (site.parent / JOURNAL).exists()
    assert recover(site) is False  # nothing left to undo
