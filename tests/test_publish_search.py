"""The search index in shards: every page in exactly one, and a rebuild after an edit indexes
again only the shards whose pages changed for search (a real MkDocs build and real Pagefind)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.publish.search import SHARD_PAGES_ENV, search_pages, shard_count, shard_of

from .conftest import SAMPLE_ID, run_cli

BRIEFING = f"briefings/{SAMPLE_ID}.yaml"


def entry(bundle: Path) -> int:
    return int(
        json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]["en"]["page_count"]
    )


def test_shards_are_a_power_of_two_and_pages_fall_in_one_each() -> None:
    assert [shard_count(n) for n in (0, 1, 10_000, 10_001, 20_000, 20_001, 36_000, 10**8)] == [1, 1, 1, 2, 2, 4, 4, 64]
    pages = [f"generated/actors/a{i}/index.html" for i in range(10_000)]
    counts = [0] * 8
    for page in pages:
        counts[shard_of(page, 8)] += 1
    assert min(counts) > 1_000  # an even spread: no shard much bigger than another


def test_an_edit_indexes_again_only_the_shards_it_changed(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SHARD_PAGES_ENV, "10")  # the sample's 40 pages in 4 shards
    code, out, err = run_cli(capsys, "--root", str(project), "build", "--no-pdf")
    assert code == 0, err
    assert "4 of 4 shards indexed" in out
    site = project / "site"
    bundle = site / "pagefind"
    merged = json.loads((bundle / "shards.json").read_text(encoding="utf-8"))
    assert merged == ["shards/1/", "shards/2/", "shards/3/"]
    total = entry(bundle) + sum(entry(bundle / path) for path in merged)
    assert total == len(search_pages(site)) == 40
    inodes = {path: (bundle / path / "pagefind-entry.json").stat().st_ino for path in ["", *merged]}

    # the briefing's title changes: its page changes for search; the pages that only list it do not
    text = (project / BRIEFING).read_text(encoding="utf-8")
    (project / BRIEFING).write_text(
        text.replace("title: North Korean troops", "title: Edited, North Korean troops", 1), encoding="utf-8"
    )
    code, out, err = run_cli(capsys, "--root", str(project), "build", "--no-pdf")
    assert code == 0, err
    done = re.search(r"(\d) of 4 shards indexed", out)
    assert done is not None, out
    assert 1 <= int(done.group(1)) < 4, out
    own = shard_of(f"generated/briefings/{SAMPLE_ID}/index.html", 4)
    after = {path: (bundle / path / "pagefind-entry.json").stat().st_ino for path in ["", *merged]}
    own_path = "" if own == 0 else f"shards/{own}/"
    assert after[own_path] != inodes[own_path]  # indexed again
    assert any(after[p] == inodes[p] for p in after if p != own_path)  # taken from the last build as it was
    assert entry(bundle) + sum(entry(bundle / path) for path in merged) == 40

    # nothing changed: nothing indexed, nothing written
    code, out, err = run_cli(capsys, "--root", str(project), "build", "--no-pdf")
    assert code == 0
    assert "site/ up to date" in out
