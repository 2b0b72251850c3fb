"""The search index in shards: every page in exactly one, and a rebuild after an edit indexes
again only the shards whose pages changed for search (a real MkDocs build and real Pagefind)."""

from __future__ import annotations

import html
import json
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.publish.search import (
    SEARCH_ROOT,
    SEARCH_SKIP,
    SHARD_PAGES_ENV,
    entity_pages,
    search_pages,
    shard_count,
    shard_of,
)
from generator.publish.search_records import RECORD_PAGES_ENV, RECORDS_DIR, page_text, record_html

from .conftest import SAMPLE_ID, run_cli

BRIEFING = f"briefings/{SAMPLE_ID}.yaml"
NEW_BRIEFING = """title: SYNTHETIC meeting of NATO and Hungary
date: 2024-07-02
sources:
  - title: SYNTHETIC article (made up for a test)
summary: A SYNTHETIC meeting.
actors:
  - actor: nato
  - actor: hungary
"""


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


def records_of(site: Path) -> dict[str, int]:
    """Each record of the site's index and its inode."""
    folder = site / "pagefind" / RECORDS_DIR
    return {str(p.relative_to(folder)): p.stat().st_ino for p in folder.rglob("*.html")}


def test_an_edit_indexes_again_only_the_shards_it_changed(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SHARD_PAGES_ENV, "12")  # the sample's 2 pages and 11 records (38 pages) in 4 shards
    monkeypatch.setenv(RECORD_PAGES_ENV, "4")  # 15 actors in 4 records, 7 events in 2, ...
    code, out, err = run_cli(capsys, "--root", str(project), "build", "--no-pdf")
    assert code == 0, err
    assert "4 of 4 shards indexed" in out
    site = project / "site"
    bundle = site / "pagefind"
    merged = json.loads((bundle / "shards.json").read_text(encoding="utf-8"))
    assert merged == ["shards/1/", "shards/2/", "shards/3/"]
    records = records_of(site)
    assert len([r for r in records if r.startswith("actors/")]) == 4
    members = entity_pages(site)
    assert len(members) == 15 + 7 + len(list((site / "generated/places").glob("*/index.html"))) + len(
        list((site / "generated/topics").glob("*/index.html"))
    )
    # every actor, event, place and topic page is in exactly one record, under its folder's name
    heads = [
        h
        for r in records
        for h in re.findall(r'<h2 id="([^"]+)">', (bundle / RECORDS_DIR / r).read_text(encoding="utf-8"))
    ]
    assert sorted(heads) == sorted(page.split("/")[2] for page in members)
    total = entry(bundle) + sum(entry(bundle / path) for path in merged)
    assert total == len(search_pages(site)) + len(records) == 2 + len(records)
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
    assert records_of(site) == records  # no record changed: each is the last build's file
    assert entry(bundle) + sum(entry(bundle / path) for path in merged) == 2 + len(records)

    # an actor's role changes: its record is made again, and only its record
    actor = "kim-jong-un"
    record = next(r for r in records if f'<h2 id="{actor}">' in (bundle / RECORDS_DIR / r).read_text(encoding="utf-8"))
    registry = project / "briefings" / "actors.yaml"
    before_text = registry.read_text(encoding="utf-8")
    edited = before_text.replace("role: North Korean leader\n", "role: North Korean leader Zorblatt\n", 1)
    assert edited != before_text
    registry.write_text(edited, encoding="utf-8")
    code, out, err = run_cli(capsys, "--root", str(project), "build", "--no-pdf")
    assert code == 0, err
    now = records_of(site)
    assert [r for r in records if now[r] != records[r]] == [record]
    assert "Zorblatt" in (bundle / RECORDS_DIR / record).read_text(encoding="utf-8")

    # a new briefing names two actors already in the site: their pages now count two briefings,
    # which search does not read, so no record is made again
    nato = project / "site/generated/actors/nato/index.html"
    page_before, records = nato.read_text(encoding="utf-8"), records_of(site)
    (project / "briefings/2024-07-02-synthetic-meeting.yaml").write_text(NEW_BRIEFING, encoding="utf-8")
    code, out, err = run_cli(capsys, "--root", str(project), "build", "--no-pdf")
    assert code == 0, err
    assert "In the briefings: 2 briefings" in nato.read_text(encoding="utf-8") != page_before
    assert records_of(site) == records
    assert entry(bundle) + sum(entry(bundle / path) for path in merged) == 3 + len(records)

    # nothing changed: nothing indexed, nothing written
    code, out, err = run_cli(capsys, "--root", str(project), "build", "--no-pdf")
    assert code == 0
    assert "site/ up to date" in out

    # only search's settings change (here the size of a shard): every shard is indexed again, in
    # the new layout, and no page is rendered again (each is still the last build's file)
    page = site / f"generated/briefings/{SAMPLE_ID}/index.html"
    inode = page.stat().st_ino
    monkeypatch.setenv(SHARD_PAGES_ENV, "30")
    code, out, err = run_cli(capsys, "--root", str(project), "build", "--no-pdf")
    assert code == 0, err
    assert "(changed pages only)" in out, out
    assert "2 of 2 shards indexed" in out, out
    assert page.stat().st_ino == inode
    assert json.loads((bundle / "shards.json").read_text(encoding="utf-8")) == ["shards/1/"]
    assert entry(bundle) + entry(bundle / "shards/1") == 3 + len(records_of(site))


def test_a_project_with_an_older_search_script_indexes_each_page_on_its_own(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The search script is the project's own copy (docs/assets/briefings.js): one from before
    records would list a record as a result, so such a project's pages are indexed one by one,
    with a note saying how to get the smaller index."""
    script = project / "docs/assets/briefings.js"
    now = script.read_text(encoding="utf-8")
    script.write_text(now.replace('"pagefind/records/"', '"pagefind/" + "records/"'), encoding="utf-8")
    code, _, err = run_cli(capsys, "--root", str(project), "build", "--no-pdf")
    assert code == 0, err
    assert "docs/assets/briefings.js is from an older briefings" in err
    site = project / "site"
    assert not (site / "pagefind" / RECORDS_DIR).exists()
    assert entry(site / "pagefind") == len(search_pages(site)) + len(entity_pages(site))

    # the project's script is brought up to date: the next build indexes records
    script.write_text(now, encoding="utf-8")
    code, _, err = run_cli(capsys, "--root", str(project), "build", "--no-pdf")
    assert code == 0, err
    assert "older briefings" not in err
    assert records_of(site)
    assert entry(site / "pagefind") == len(search_pages(site)) + len(records_of(site))


@settings(max_examples=200, deadline=None)
@given(
    title=st.text(min_size=1, max_size=60),
    body=st.lists(st.text(min_size=1, max_size=80), max_size=4),
)
def test_a_record_holds_a_page_text_as_text(title: str, body: list[str]) -> None:
    """Whatever a page's title and text say (markup, entities, quotes), its record gives them back
    as the same text under one heading, and no element of the record comes from them."""
    page = (
        '<html><body><nav>menu</nav><article class="md-content__inner md-typeset">'
        f'<h1 id="t">{html.escape(title)}<a class="headerlink" href="#t">¶</a></h1>'
        + "".join(f"<p>{html.escape(b)}</p>" for b in body)
        + '<div class="bf-listing"><p>LISTING-SKIPPED-7f3</p></div></article></body></html>'
    )
    parser = HTMLParser()
    tags: list[tuple[str, list[tuple[str, str | None]]]] = []
    parser.handle_starttag = lambda tag, attrs: tags.append((tag, attrs))  # type: ignore[method-assign]
    texts: list[str] = []
    parser.handle_data = texts.append  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "index.html"
        path.write_text(page, encoding="utf-8")
        got_title, blocks = page_text(path, SEARCH_ROOT, SEARCH_SKIP)
    assert got_title == " ".join(title.split())
    assert blocks == [" ".join(b.split()) for b in body if b.split()]
    record = record_html("actors", [("a-name", got_title, blocks)], SEARCH_ROOT)
    parser.feed(record)
    parser.close()
    assert [t for t, _ in tags] == ["html", "head", "meta", "title", "body", "article", "h2"] + ["p"] * len(blocks)
    assert ("id", "a-name") in tags[6][1]
    assert "LISTING-SKIPPED-7f3" not in "".join(texts)


OLD_BRIEFING = """title: SYNTHETIC summit of NATO in 2019
date: 2019-03-04
sources:
  - title: SYNTHETIC article (made up for a test)
summary: A SYNTHETIC summit.
actors:
  - actor: nato
"""


def test_plan_keeps_the_newest_whole_years_within_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.publish.search_tiers import OLDER_BASE, RECENT_ENV, Layout, plan

    monkeypatch.setenv(RECENT_ENV, "5")
    one = lambda pages: 1  # noqa: E731 (one shard a tier)
    years: list[int | None] = [2019] * 4 + [2020] * 2 + [2021] * 3 + [None]
    assert plan(years, 0, one, tiers=True) == Layout(1, 1, 2020, 2019, 2019)
    assert plan(years, 0, one, tiers=False) == Layout(1)
    assert plan(years[:5], 0, one, tiers=True) == Layout(1)  # within the budget: one tier
    assert plan([2021] * 9 + [2020], 0, one, tiers=True) == Layout(1, 1, 2021, 2020, 2020)  # the newest year at least
    assert plan([None] * 9, 0, one, tiers=True) == Layout(1)  # no year known: one tier
    assert Layout(2, 3, 2020, 2019, 2019).shards() == [0, 1, OLDER_BASE, OLDER_BASE + 1, OLDER_BASE + 2]


def test_a_big_site_keeps_its_older_years_in_a_tier_of_their_own(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Briefings of years before the newest that fit the budget (here 1 briefing: so the newest
    year, 2024) are indexed apart, listed in older.json and not in shards.json; an edit to one
    of them indexes only their shard again."""
    from generator.publish.search_tiers import OLDER_BASE, RECENT_ENV

    monkeypatch.setenv(RECENT_ENV, "1")
    old = project / "briefings/2019-03-04-synthetic-summit.yaml"
    old.write_text(OLD_BRIEFING, encoding="utf-8")
    (project / "briefings/2024-07-02-synthetic-meeting.yaml").write_text(NEW_BRIEFING, encoding="utf-8")
    code, out, err = run_cli(capsys, "--root", str(project), "build", "--no-pdf")
    assert code == 0, err
    assert "2 of 2 shards indexed" in out, out
    bundle = project / "site/pagefind"
    assert json.loads((bundle / "shards.json").read_text(encoding="utf-8")) == []
    older = json.loads((bundle / "older.json").read_text(encoding="utf-8"))
    assert older == {"shards": [f"shards/{OLDER_BASE}/"], "since": 2024, "first": 2019, "last": 2019}
    assert entry(bundle / f"shards/{OLDER_BASE}") == 1  # the 2019 briefing
    records = len(records_of(project / "site"))
    assert entry(bundle) == 3 + records  # the about page, two briefings of 2024 and the records
    inode = (bundle / "pagefind-entry.json").stat().st_ino

    old.write_text(OLD_BRIEFING.replace("A SYNTHETIC summit.", "A SYNTHETIC summit, edited."), encoding="utf-8")
    code, out, err = run_cli(capsys, "--root", str(project), "build", "--no-pdf")
    assert code == 0, err
    assert "1 of 2 shards indexed" in out, out
    assert (bundle / "pagefind-entry.json").stat().st_ino == inode  # the newest years' shard, as it was

    # a search script from before tiers: one tier, every year searched at once, and a note
    script = project / "docs/assets/briefings.js"
    script.write_text(script.read_text(encoding="utf-8").replace('"older.json"', '"older" + ".json"'), encoding="utf-8")
    code, out, err = run_cli(capsys, "--root", str(project), "build", "--no-pdf")
    assert code == 0, err
    assert "search the newest years first" in err
    assert not (bundle / "older.json").exists()  # (the script would not ask for it)
    assert entry(bundle) == 4 + records
