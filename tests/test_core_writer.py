"""Stage 5: the writer writes only what changed, only inside its folder, never twice."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.core.writer import Writer, WriterError


def test_sync_writes_changed_files_only_and_removes_stale_ones(tmp_path: Path) -> None:
    out = tmp_path / "gen"
    stats = Writer(out).sync({"a.md": "A", "sub/b.md": "B", "gone/c.md": "C"})
    assert (stats.written, stats.unchanged, stats.removed) == (3, 0, 0)
    os.utime(out / "a.md", (1, 1))
    stats = Writer(out).sync({"a.md": "A", "sub/b.md": "B2"})
    assert (stats.written, stats.unchanged, stats.removed) == (1, 1, 1)
    assert (out / "a.md").stat().st_mtime == 1  # untouched: same content
    assert (out / "sub/b.md").read_text() == "B2"
    assert not (out / "gone").exists()  # empty folder removed too
    assert sorted(p.name for p in out.rglob("*")) == ["a.md", "b.md", "sub"]


@pytest.mark.parametrize("rel", ["../outside.md", "/etc/passwd", "a/../../x.md", "."])
def test_refuses_paths_outside_its_folder(tmp_path: Path, rel: str) -> None:
    with pytest.raises(WriterError, match="outside"):
        Writer(tmp_path / "gen").write_bytes(rel, b"x")
    assert not (tmp_path / "outside.md").exists()


def test_refuses_to_write_a_file_twice(tmp_path: Path) -> None:
    writer = Writer(tmp_path)
    writer.write_bytes("a.md", b"1")
    with pytest.raises(WriterError, match="twice"):
        writer.write_bytes("./a.md", b"2")
    assert (tmp_path / "a.md").read_bytes() == b"1"


def test_leaves_no_temporary_files(tmp_path: Path) -> None:
    Writer(tmp_path).sync({f"{i}.md": str(i) for i in range(20)})
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


def test_refuses_to_write_through_a_folder_that_links_outside(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "gen", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "sub").symlink_to(elsewhere)
    with pytest.raises(WriterError, match="outside"):
        Writer(out).write_bytes("sub/x.md", b"x")
    assert not (elsewhere / "x.md").exists()


def test_removing_a_file_that_is_not_there_makes_no_folder(tmp_path: Path) -> None:
    out = tmp_path / "gen"
    out.mkdir()
    assert Writer(out).remove(["no/such/file.md"]) == 0
    assert list(out.iterdir()) == []


def test_written_files_are_readable_by_all(tmp_path: Path) -> None:
    Writer(tmp_path).write_bytes("deep/er/a.md", b"A")
    assert (tmp_path / "deep/er/a.md").stat().st_mode & 0o777 == 0o644


def test_new_files_in_place_leave_no_temporary_files_and_replace_old_ones_whole(tmp_path: Path) -> None:
    writer = Writer(tmp_path, new_in_place=True)
    assert writer.write_bytes("a/new.md", b"new")
    (tmp_path / "a/old.md").write_bytes(b"old")
    assert writer.write_bytes("a/old.md", b"changed")
    assert (tmp_path / "a/new.md").read_bytes() == b"new"
    assert (tmp_path / "a/old.md").read_bytes() == b"changed"
    assert (tmp_path / "a/new.md").stat().st_mode & 0o777 == 0o644
    assert not [p for p in (tmp_path / "a").iterdir() if p.name.startswith(".tmp-")]
    assert writer.wrote == ["a/new.md", "a/old.md"]


def test_a_new_file_in_place_is_not_written_through_a_symlink(tmp_path: Path) -> None:
    out = tmp_path / "gen"
    out.mkdir()
    (out / "x.md").symlink_to(tmp_path / "dangling.md")  # a link to nothing: stat says not there
    Writer(out, new_in_place=True).write_bytes("x.md", b"new")
    assert not (tmp_path / "dangling.md").exists()
    assert (out / "x.md").read_bytes() == b"new"
    assert not (out / "x.md").is_symlink()


def test_a_generation_that_dies_half_way_is_made_whole_by_the_next(project: Path) -> None:
    """New pages are written in place: a run killed mid-page leaves a half-written one, and the
    next run (same input, a full render asked for in neither) must write it whole."""
    from generator.core.writer import Writer as RealWriter
    from generator.load.project import open_project
    from generator.pipeline import stages as pipeline

    proj = open_project(project)
    corpus = pipeline.check(proj)
    pipeline.generate(proj, corpus)
    clean = {p.relative_to(proj.generated): p.read_bytes() for p in proj.generated.rglob("*") if p.is_file()}

    for p in proj.generated.rglob("*.md"):  # as if a forced full render was killed part-way:
        p.write_bytes(p.read_bytes()[:10])  # pages on disk half-written, the old snapshot kept
    real = RealWriter.write_bytes
    calls = []

    def dies(self: RealWriter, rel: str, data: bytes) -> bool:
        calls.append(rel)
        if len(calls) > 3:
            raise KeyboardInterrupt
        return real(self, rel, data)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(RealWriter, "write_bytes", dies)
        with pytest.raises(KeyboardInterrupt):
            pipeline.generate(proj, pipeline.check(proj), full=True)

    pipeline.generate(proj, pipeline.check(proj))
    now = {p.relative_to(proj.generated): p.read_bytes() for p in proj.generated.rglob("*") if p.is_file()}
    assert now == clean
