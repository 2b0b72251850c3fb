"""Stage 4: rendering. Golden files for the sample; views; templates users can override."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.core.errors import BriefingsError
from generator.link.corpus import link
from generator.load.files import load
from generator.model.records import Briefing
from generator.pipeline.incremental import touched_by
from generator.render.pages import Options
from generator.render.paging import periods
from generator.render.related import related_briefings
from generator.render.views import unique_slugs
from generator.render.wording import date_words
from generator.render.workers import render_pages
from generator.text.words import plural, slugify

from .conftest import REPO, SAMPLE_ID, write

GOLDEN = Path(__file__).parent / "golden" / "sample"


def sample_pages(options: Options | None = None) -> dict[str, str]:
    return render_pages(link(load(REPO / "briefings")), options or Options())


def test_sample_pages_match_golden_files(update_goldens: bool) -> None:
    pages = {rel: text for rel, text in sample_pages().items() if rel.endswith(".md")}  # not the basemap
    if update_goldens:
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for rel, text in pages.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, encoding="utf-8")
    expected = {str(p.relative_to(GOLDEN)): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(expected), "run pytest --update-goldens after an intended change"
    for rel, text in pages.items():
        assert text == expected[rel], f"{rel} differs from tests/golden/sample/{rel} (--update-goldens)"


def test_the_basemap_is_one_shared_file_that_every_map_points_at() -> None:
    pages = sample_pages()
    assert pages["assets/basemap.svg"].startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 3600 1800"')
    # Addresses are relative to each page's URL (directory URLs: one folder deeper but for index pages).
    assert 'href="../../assets/basemap.svg"' in pages["briefings/2024-06-19-north-korea-russia-pact.md"]
    assert 'href="../assets/basemap.svg"' in pages["places/index.md"]
    assert 'href="../../assets/basemap.svg"' in pages["places/pyongyang.md"]


def test_rendering_is_deterministic() -> None:
    assert sample_pages() == sample_pages()


def test_briefing_page_has_quotes_with_speakers_and_dated_events() -> None:
    page = sample_pages()[f"briefings/{SAMPLE_ID}.md"]
    assert page.startswith('---\ntitle: "North Korean troops')
    assert '> new multipolar world\n> { #quote-7 dir="auto" }\n>\n> — [Kim Jong Un](../actors/kim-jong-un.md)' in page
    events = page[page.index("## Related events") : page.index("## Places")]
    order = [events.index(d) for d in ("**2022 – 19 June 2024**", "**June 2024**", "**19 June 2024**")]
    assert order == sorted(order)


def test_human_dates_keep_their_precision_in_every_language() -> None:
    from generator.load.catalogue import load as load_catalogue

    english = date_words(load_catalogue(REPO, "en")[0])
    assert [english(d) for d in ("2024", "2024-06", "2024-06-09")] == ["2024", "June 2024", "9 June 2024"]
    french = date_words(load_catalogue(REPO, "fr")[0])
    assert [french(d) for d in ("2024", "2024-06", "2024-06-09", "2015-03~")] == [
        "2024",
        "juin 2024",
        "9 juin 2024",
        "vers mars 2015",
    ]
    assert french("2015-09/11") == "septembre\u2009–\u2009novembre 2015"  # (CLDR's interval of months)
    assert french("2015-09-01/14") == "1 septembre 2015 – 14 septembre 2015"  # (none of days: both in full)


def briefing(title: str, date: str, actors: list[str], topics: list[str], events: list[str]) -> str:
    acts = "".join(f"\n  - actor: {a}\n    role: r" for a in actors)
    return (
        f"title: {title}\ndate: {date}\nsources:\n  - title: s\nsummary: s\n"
        f"actors:{acts or ' []'}\ntopics: {topics}\nevents: {events}\n"
    )


def test_related_briefings_rank_by_shared_events_actors_topics(tmp_path: Path) -> None:
    write(tmp_path, "actors.yaml", "actors:\n" + "".join(f"  - {{id: {a}, name: {a}, kind: person}}\n" for a in "abc"))
    write(tmp_path, "events.yaml", "events:\n  - {id: e, date: 2024, title: E}\n")
    write(tmp_path, "2024-01-01-main.yaml", briefing("Main", "2024-01-01", ["a", "b"], ["t"], ["e"]))
    write(tmp_path, "2024-01-02-event.yaml", briefing("Event", "2024-01-02", [], [], ["e"]))  # 3
    write(tmp_path, "2024-01-03-actors.yaml", briefing("Actors", "2024-01-03", ["a", "b"], [], []))  # 4
    write(tmp_path, "2024-01-04-topic.yaml", briefing("Topic", "2024-01-04", ["c"], ["t"], []))  # 1
    write(tmp_path, "2024-01-05-none.yaml", briefing("None", "2024-01-05", ["c"], [], []))
    related = related_briefings(link(load(tmp_path)))["2024-01-01-main"]
    assert [(r.briefing, r.shares) for r in related] == [
        ("2024-01-03-actors", "2 actors"),
        ("2024-01-02-event", "1 event"),
        ("2024-01-04-topic", "1 topic"),
    ]
    assert related[0].score > related[1].score > related[2].score > 0


def test_related_briefings_weigh_a_rare_shared_actor_above_a_common_one(tmp_path: Path) -> None:
    names = ["rare", "common", "x"]
    write(tmp_path, "actors.yaml", "actors:\n" + "".join(f"  - {{id: {a}, name: {a}, kind: person}}\n" for a in names))
    write(tmp_path, "2024-01-01-main.yaml", briefing("Main", "2024-01-01", ["rare", "common"], [], []))
    write(tmp_path, "2024-01-02-rare.yaml", briefing("Rare", "2024-01-02", ["rare"], [], []))
    for i in range(3, 9):  # the common actor is everywhere, so sharing it says little
        write(tmp_path, f"2024-01-0{i}-c.yaml", briefing("C", f"2024-01-0{i}", ["common"], [], []))
    related = related_briefings(link(load(tmp_path)))["2024-01-01-main"]
    assert related[0].briefing == "2024-01-02-rare"
    assert related[0].score > related[1].score


def test_sample_timeline_periods_are_newest_first() -> None:
    corpus = link(load(REPO / "briefings"))
    years = periods(list(corpus.events.values()), lambda e: e.date, 200)
    assert [(p.key, p.label) for p in years] == [("2024", "2024"), ("2022", "2022")]
    assert years[0].items[0].date == "2024-06-19"  # newest first; June 2024 (no day) after it


def test_periods_split_a_long_year_by_month_then_into_parts() -> None:
    dates = ["2023-05-01"] * 2 + ["2024-01-03"] * 5 + ["2024-02"] * 2 + ["2024"]
    got = periods(dates, lambda d: d, 4)
    assert [(p.key, p.label, len(p.items)) for p in got] == [
        ("2024-02", "February 2024", 2),
        ("2024-01-1", "3 January 2024 (part 1 of 2)", 4),
        ("2024-01-2", "3 January 2024 (part 2 of 2)", 1),
        ("2024-00", "2024, month not given", 1),
        ("2023", "2023", 2),
    ]
    assert sum(len(p.items) for p in got) == len(dates)


def test_a_busy_month_is_split_into_runs_of_whole_days_that_say_which() -> None:
    days = [30, 30, 29, 20, 17, 17, 17, 9, 3, 3, 2, 1]
    dates = [f"2015-09-{d:02d}" for d in days] + ["2015-09", "2015-09"] + ["2015-08-01"] * 5
    got = periods(dates, lambda d: d, 4)
    assert [(p.key, p.label, len(p.items)) for p in got] == [
        ("2015-09-1", "20–30 September 2015", 4),
        ("2015-09-2", "9–17 September 2015", 4),
        ("2015-09-3", "1–3 September 2015", 4),
        ("2015-09-4", "September 2015, day not given", 2),
        ("2015-08-1", "1 August 2015 (part 1 of 2)", 4),
        ("2015-08-2", "1 August 2015 (part 2 of 2)", 1),
    ]
    seen: set[str] = set()
    for p in got:  # no day is on two pages, except one day that fills more than a page
        days_here = {d for d in p.items if "part" not in p.label}
        assert not days_here & seen
        seen |= days_here


def test_counts_have_the_right_grammar() -> None:
    assert [plural(n, "briefing") for n in (0, 1, 2, 1234)] == [
        "0 briefings",
        "1 briefing",
        "2 briefings",
        "1,234 briefings",
    ]


def test_slugs_are_unique_and_non_latin_names_keep_their_own() -> None:
    slugs = unique_slugs(["Kyiv", "KYIV", "Київ", "Москва", "北京"])
    assert slugs["Kyiv"] != slugs["KYIV"]
    assert len(set(slugs.values())) == 5
    assert all(s == slugify(s) or s.startswith("x-") or s[-2:] == "-2" for s in slugs.values())


def test_user_template_overrides_and_extends_the_default(tmp_path: Path) -> None:
    write(
        tmp_path,
        "briefing.md.j2",
        '{% extends "default:briefing.md.j2" %}\n',
    )
    write(tmp_path, "term.md.j2", "# Custom {{ what }}\n{{ term.name }}: {{ term.briefings | length }}\n")
    pages = sample_pages(Options(templates=tmp_path))
    assert pages["places/donetsk.md"] == "# Custom Places\nDonetsk: 1\n"
    assert pages[f"briefings/{SAMPLE_ID}.md"] == sample_pages()[f"briefings/{SAMPLE_ID}.md"]


@pytest.mark.parametrize(
    ("template", "line", "message"),
    [
        ("{{ b.titel }}\n", 1, "has no attribute 'titel'"),
        ("line one\n{% for x in %}\n", 2, "Expected an expression"),
        ("one\ntwo\n{{ undefined_name }}\n", 3, "'undefined_name' is undefined"),
    ],
)
def test_template_typo_is_an_error_naming_file_and_line(tmp_path: Path, template: str, line: int, message: str) -> None:
    write(tmp_path, "briefing.md.j2", template)
    with pytest.raises(BriefingsError) as exc:
        sample_pages(Options(templates=tmp_path))
    (problem,) = exc.value.problems
    assert problem.path.endswith("briefing.md.j2")
    assert problem.line == line
    assert message in problem.message


def test_template_typo_in_a_render_worker_is_the_same_clean_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large corpora render in forked workers: a problem raised there reaches the caller whole."""
    from generator.render import workers

    monkeypatch.setattr(workers, "PARALLEL_PAGES", 1)
    write(tmp_path, "event.md.j2", "one\n{{ e.titel }}\n")
    with pytest.raises(BriefingsError) as exc:
        sample_pages(Options(templates=tmp_path))
    (problem,) = exc.value.problems
    assert problem.path.endswith("event.md.j2")
    assert problem.line == 2
    assert "has no attribute 'titel'" in problem.message


@pytest.mark.parametrize("list_max", [300, 4])  # 4: busy actors, places and topics get pages per period
def test_pages_touched_by_an_edit_are_all_that_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, list_max: int
) -> None:
    """Rendering only the touched pages, on top of the old ones, gives the same pages as a full render."""
    from bench.synthetic import make_corpus
    from generator.pipeline import incremental
    from generator.render import pages as render

    monkeypatch.setattr(render, "LIST_MAX", list_max)
    monkeypatch.setattr(incremental, "LIST_MAX", list_max)
    root = make_corpus(tmp_path, 60)
    old = link(load(root))
    before = render_pages(old)

    def retitle(text: str, b: Briefing) -> str:
        return text.replace("SYNTHETIC briefing", "Edited briefing", 1)

    def add_actor(text: str, b: Briefing) -> str:  # a popular actor: its count and weight change
        new = next(
            f"synthetic-actor-{i}" for i in range(10) if f"synthetic-actor-{i}" not in {a.actor for a in b.actors}
        )
        return text.replace("actors:\n", f"actors:\n- actor: {new}\n  role: added\n", 1)

    def redate(text: str, b: Briefing) -> str:
        return text.replace(f"date: '{b.date}'", "date: '2019-02-03'", 1)

    def drop_actors(text: str, b: Briefing) -> str:  # their listings shrink: a period page may go
        data = yaml.safe_load(text)
        used = {q.speaker for q in b.quotes}
        data["actors"] = [a for a in data["actors"] if a["actor"] in used]
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)

    for k, edit in ((0, retitle), (17, add_actor), (41, redate), (1, drop_actors), (2, drop_actors)):
        bid = list(old.briefings)[k]
        path = next(root.rglob(f"{bid}.yaml"))
        path.write_text(edit(path.read_text(encoding="utf-8"), old.briefings[bid]), "utf-8")
        new = link(load(root))
        only = touched_by(old, new, {bid})  # works out the new related briefings from the old
        assert only is not None, edit
        partial = render_pages(new, only=only)
        after = render_pages(link(load(root)))  # everything, from scratch
        assert f"briefings/{bid}.md" in partial
        assert len(partial) < len(after) / 2
        kept = {page: text for page, text in before.items() if not only(page)}  # as generate() keeps them
        assert {**kept, **partial} == after, edit
        old, before = new, after


def test_a_page_that_comes_is_rendered_and_one_that_goes_means_everything(tmp_path: Path) -> None:
    from bench.synthetic import make_corpus

    root = make_corpus(tmp_path, 30)
    old = link(load(root))
    before = render_pages(old)
    bid = next(iter(old.briefings))
    path = next(root.rglob(f"{bid}.yaml"))
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("topics:\n", "topics:\n- a new topic\n", 1), "utf-8")
    new = link(load(root))
    only = touched_by(old, new, {bid})  # a topic page comes: it is rendered with the rest
    assert only is not None
    assert only("topics/a-new-topic.md")
    after = render_pages(new)
    assert {**{p: t for p, t in before.items() if not only(p)}, **render_pages(new, only=only)} == after
    path.write_text(original, "utf-8")
    assert touched_by(new, link(load(root)), {bid}) is None  # the topic page goes: render everything


def test_an_edited_event_defined_in_a_briefing_is_rendered_again_wherever_it_shows(tmp_path: Path) -> None:
    """An event defined inside one briefing and cited by many: retitling it there changes the
    pages of every briefing that cites it (and their topics'), not only the first few."""
    from bench.synthetic import make_corpus
    from generator.pipeline import incremental
    from generator.render.pages import ALSO_IN_MAX

    root = make_corpus(tmp_path, 30)
    bids = list(link(load(root)).briefings)
    definer, citers = bids[-1], bids[:9]

    def edit(bid: str, old: str, new: str) -> None:
        path = next(root.rglob(f"{bid}.yaml"))
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), "utf-8")

    edit(definer, "events:\n", "events:\n- id: inline-event\n  date: '2019-01-02'\n  title: Inline event\n")
    for bid in citers:
        edit(bid, "events:\n", "events:\n- inline-event\n")
    old = link(load(root))
    assert definer not in old.event_briefings["inline-event"][: ALSO_IN_MAX + 1]  # the case at issue
    before = render_pages(old)
    edit(definer, "title: Inline event\n", "title: Inline event, retitled\n")
    new = link(load(root))
    only = touched_by(old, new, {definer})
    assert only is not None
    partial = render_pages(new, only=only)
    after = render_pages(new)
    kept = {page: text for page, text in before.items() if not only(page)}
    stale = sorted(page for page, text in {**kept, **partial}.items() if after[page] != text)
    assert stale == [], stale
    assert all(f"briefings/{bid}.md" in partial for bid in citers)
    # their PDFs print the event too; those of briefings that only list the definer do not
    snapshot = incremental.Snapshot("k", old, [])
    assert incremental.pdfs_to_make(snapshot, incremental.since(snapshot, "k", new), new) == {definer, *citers}


@pytest.mark.parametrize("list_max", [300, 4])
def test_pages_touched_by_additions_are_all_that_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, list_max: int
) -> None:
    """The commonest change (a new briefing naming new actors and a new event) and registry
    records added on their own render only the pages they touch: the same pages as a full render."""
    from bench.synthetic import make_corpus
    from generator.pipeline import incremental, registry_changes
    from generator.render import pages as render

    monkeypatch.setattr(render, "LIST_MAX", list_max)
    monkeypatch.setattr(incremental, "LIST_MAX", list_max)
    root = make_corpus(tmp_path, 60)
    old = link(load(root))
    before = render_pages(old)
    steps = {
        "typical change": {
            "actors/added.yaml": "actors:\n- id: added-envoy-a\n  name: SYNTHETIC Envoy Alpha\n  kind: person\n"
            "- id: added-envoy-b\n  name: SYNTHETIC Envoy Bravo\n  kind: person\n",
            "2030-01-01-added.yaml": "title: SYNTHETIC added briefing\ndate: 2030-01-01\nsources:\n- title: SYNTHETIC\n"
            "actors:\n- actor: added-envoy-a\n- actor: added-envoy-b\n- actor: synthetic-actor-0\n"
            "events:\n- id: added-meeting\n  date: 2030-01-01\n  title: SYNTHETIC envoys meet\n"
            "  actors: [added-envoy-a, synthetic-actor-0]\n  places: [synthetic-place-3]\n"
            "- synthetic-event-0\ntopics: [a topic added here]\nplaces: [synthetic-place-5]\n",
        },
        "registry event, place and related actor": {
            "events/added.yaml": "events:\n- id: added-registry-event\n  date: 2019-03-04\n"
            "  title: SYNTHETIC registry event\n  actors: [synthetic-actor-1]\n  places: [added-place]\n",
            "places/added.yaml": "places:\n- id: added-place\n  name: SYNTHETIC Added Town\n"
            "  parent: synthetic-country-0\n",
            "actors/related.yaml": "actors:\n- id: added-member\n  name: SYNTHETIC Member\n  kind: person\n"
            "  relations:\n  - type: member-of\n    actor: synthetic-actor-2\n",
        },
    }
    for name, files in steps.items():
        for rel, text in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")
        new = link(load(root))
        briefing_files = set(incremental.briefing_paths(new).values())
        added = registry_changes.registry_additions(old, new, briefing_files)
        assert added is not None, name
        changed = {bid for bid in new.briefings if new.digest_of(bid) != old.digest_of(bid)}
        only = touched_by(old, new, changed, added)
        assert only is not None, name
        partial = render_pages(new, only=only)
        after = render_pages(link(load(root)))  # everything, from scratch
        assert len(partial) < len(after) / 2, name
        kept = {page: text for page, text in before.items() if not only(page)}  # as generate() keeps them
        assert {**kept, **partial} == after, name
        old, before = new, after


def test_a_briefing_added_in_this_year_renders_only_this_years_period_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each period page shows every year and the pages of its own year (its jump bar): a briefing
    added in the newest month, or in a month of the newest year that had no page yet, renders
    that year's period pages at most, never the other years' (hundreds at 100,000 briefings);
    the pages are those of a full render."""
    from bench.synthetic import make_corpus
    from generator.pipeline import incremental, registry_changes
    from generator.render import pages as render

    for limit in ("LIST_MAX", "TIMELINE_MAX", "QUOTES_MAX"):  # pages by month, and by runs of days
        monkeypatch.setattr(render, limit, 4)
    monkeypatch.setattr(incremental, "LIST_MAX", 4)
    root = make_corpus(tmp_path, 60)
    old = link(load(root))
    before = render_pages(old)
    newest = max(e.date for e in old.events.values() if len(e.date) == 10)  # (a day, not a month)
    year = newest[:4]
    months = {e.date[:7] for e in old.events.values()}
    empty_month = next(f"{year}-{m:02d}" for m in range(1, 13) if f"{year}-{m:02d}" not in months)
    for name, day in (("the newest day", newest), ("a month with no page yet", f"{empty_month}-15")):
        (root / f"{day}-added.yaml").write_text(
            f"title: SYNTHETIC added on {day}\ndate: '{day}'\nsources:\n- title: SYNTHETIC\n"
            f"actors:\n- actor: synthetic-actor-0\nevents:\n- id: added-{day}\n  date: '{day}'\n"
            "  title: SYNTHETIC added event\n  actors: [synthetic-actor-0]\n",
            encoding="utf-8",
        )
        new = link(load(root))
        added = registry_changes.registry_additions(old, new, set(incremental.briefing_paths(new).values()))
        changed = {bid for bid in new.briefings if new.digest_of(bid) != old.digest_of(bid)}
        only = touched_by(old, new, changed, added)
        assert only is not None, name
        partial = render_pages(new, only=only)
        after = render_pages(new)
        kept = {page: text for page, text in before.items() if not only(page)}
        assert {**kept, **partial} == after, name
        periods = [p for p in after if p.startswith("timeline/") and p != "timeline/index.md"]
        assert any(p.startswith(f"timeline/{year}") for p in partial), name
        assert [p for p in partial if p in periods and not p.startswith(f"timeline/{year}")] == [], name
        assert any(not p.startswith(f"timeline/{year}") for p in periods), name  # (other years have pages)
        old, before = new, after


def test_the_next_generation_parses_only_the_edited_summaries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The plain text of each summary (the export's, every page's description) is kept with the
    snapshot: the next generation parses the Markdown of the edited briefing's summary only, and
    writes the same files as a full generation."""
    from bench.synthetic import site_project
    from generator.load.project import open_project
    from generator.model import records
    from generator.pipeline import stages as pipeline

    proj = open_project(site_project(tmp_path / "p", 30))
    pipeline.generate(proj, pipeline.check(proj))
    path = sorted(proj.briefings.rglob("*-synthetic-*.yaml"))[0]
    path.write_text(path.read_text(encoding="utf-8").replace("*Not real.*", "*Edited, not real.*", 1), "utf-8")
    parsed: list[str] = []
    real = records.plain_text
    monkeypatch.setattr(records, "plain_text", lambda markdown: parsed.append(markdown) or real(markdown))
    pipeline.generate(proj, pipeline.check(proj))
    assert len(parsed) == 1
    assert "*Edited, not real.*" in parsed[0]

    def files() -> dict[Path, bytes]:
        return {p.relative_to(proj.generated): p.read_bytes() for p in proj.generated.rglob("*") if p.is_file()}

    incremental = files()
    assert "Edited, not real." in (proj.generated / "export/briefings.csv").read_text(encoding="utf-8")
    pipeline.generate(proj, pipeline.check(proj), full=True)
    assert files() == incremental


def test_a_generation_with_the_same_inputs_reads_no_snapshot_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing changed since the last generation (its stamp says so, and its pages are all
    there): the snapshot is not read and nothing is written. A page gone, or an input edited,
    goes through the snapshot again, and the pages are right."""
    from bench.synthetic import site_project
    from generator.load.project import open_project
    from generator.pipeline import incremental
    from generator.pipeline import stages as pipeline

    proj = open_project(site_project(tmp_path / "p", 30))
    pipeline.generate(proj, pipeline.check(proj))
    real_read = incremental.read
    reads: list[Path] = []
    monkeypatch.setattr(incremental, "read", lambda path: reads.append(path) or real_read(path))
    stats, _ = pipeline.generate(proj, pipeline.check(proj))
    assert (reads, stats.written) == ([], 0)

    page = next(proj.generated.glob("briefings/*.md"))
    text = page.read_bytes()
    page.unlink()
    pipeline.generate(proj, pipeline.check(proj))
    assert len(reads) == 1
    assert page.read_bytes() == text

    path = sorted(proj.briefings.rglob("*-synthetic-*.yaml"))[0]
    path.write_text(path.read_text(encoding="utf-8").replace("SYNTHETIC briefing", "SYNTHETIC edited", 1), "utf-8")
    stats, _ = pipeline.generate(proj, pipeline.check(proj))
    assert len(reads) == 2
    assert stats.written > 0
    assert "SYNTHETIC edited" in (proj.generated / "briefings" / f"{path.stem}.md").read_text(encoding="utf-8")


def test_a_full_render_after_reading_the_snapshot_lets_the_old_corpus_go_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the snapshot read says every page is to be rendered (a briefing removed, here), the
    last generation's corpus is let go before rendering: a build holds one corpus, not two (at
    100,000 briefings the two took the generator to 7.3 GB)."""
    import weakref

    from bench.synthetic import site_project
    from generator.load.project import open_project
    from generator.pipeline import incremental
    from generator.pipeline import stages as pipeline

    proj = open_project(site_project(tmp_path / "p", 30))
    pipeline.generate(proj, pipeline.check(proj))
    sorted(proj.briefings.rglob("*-synthetic-*.yaml"))[0].unlink()
    real_read, real_render = incremental.read, pipeline.render_into
    old: list[weakref.ref[object]] = []

    class Probe:  # held by the old corpus only, so it goes when the old corpus does
        pass

    def read(path: Path) -> incremental.Snapshot | None:
        snapshot = real_read(path)
        assert snapshot is not None
        snapshot.corpus.views["probe"] = probe = Probe()
        old.append(weakref.ref(probe))
        return snapshot

    def render_into(*args: object, **kwargs: object) -> object:
        assert old
        assert old[0]() is None  # gone before a page is rendered
        return real_render(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(incremental, "read", read)
    monkeypatch.setattr(pipeline, "render_into", render_into)
    stats, _ = pipeline.generate(proj, pipeline.check(proj))
    assert stats.removed > 0  # (the pages of the briefing removed)


PLACE_EDIT = "kind: town\n  description: SYNTHETIC, described since."


@pytest.mark.parametrize("list_max", [300, 4])
def test_pages_touched_by_registry_edits_are_all_that_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, list_max: int
) -> None:
    """An edited actor, event or place of a registry renders the pages that show it (and what
    they list), not every page: the same pages as a full render."""
    from bench.synthetic import make_corpus
    from generator.pipeline import incremental, registry_changes
    from generator.render import pages as render

    monkeypatch.setattr(render, "LIST_MAX", list_max)
    monkeypatch.setattr(incremental, "LIST_MAX", list_max)
    root = make_corpus(tmp_path, 60)
    old = link(load(root))
    before = render_pages(old)

    def edit(kind: str, ident: str, key: str, prefix: str) -> None:
        """Put `prefix` before the value of `key` (such as "name: ") of one record."""
        old_text, new_text = key, prefix
        for path in sorted(root.rglob("*.yaml")):
            if kind in path.parts or path.name == f"{kind}.yaml":
                text = path.read_text(encoding="utf-8")
                start = text.find(f"id: {ident}\n")
                if start >= 0:
                    at = text.index(old_text, start) + len(old_text)
                    at += text[at] in "'\""  # (inside the quotes of a quoted value)
                    path.write_text(text[:at] + new_text + text[at:], encoding="utf-8")
                    return
        raise AssertionError(f"no {kind} {ident}")

    def swap(kind: str, ident: str, old_text: str, new_text: str) -> None:
        """Replace `old_text` by `new_text` in one record."""
        for path in sorted(root.rglob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            start = text.find(f"id: {ident}\n")
            if start >= 0 and (kind in path.parts or path.name == f"{kind}.yaml"):
                at = text.index(old_text, start)
                path.write_text(text[:at] + new_text + text[at + len(old_text) :], encoding="utf-8")
                return
        raise AssertionError(f"no {kind} {ident}")

    steps = [
        ("a popular actor renamed", lambda: edit("actors", "synthetic-actor-0", "name: ", "Renamed ")),
        ("a rare actor renamed", lambda: edit("actors", "synthetic-actor-30", "name: ", "Renamed ")),
        ("an event retitled", lambda: edit("events", "synthetic-event-3", "title: ", "Retitled ")),
        ("a place retyped and described", lambda: swap("places", "synthetic-place-2", "kind: city", PLACE_EDIT)),
        # Places roll up: a country's page lists the events at the places inside it. (A place moved
        # to another parent renders every page: registry_changes.)
        ("an event moved to another place", lambda: swap("events", "synthetic-event-3", "  - ", "  - Tataburg\n  - ")),
    ]
    for name, step in steps:
        step()
        new = link(load(root))
        added = registry_changes.registry_additions(old, new, set(incremental.briefing_paths(new).values()))
        assert added is not None, name
        changed = {bid for bid in new.briefings if new.digest_of(bid) != old.digest_of(bid)}
        only = touched_by(old, new, changed | added.showing(old, new), added)
        assert only is not None, name
        partial = render_pages(new, only=only)
        after = render_pages(link(load(root)))
        kept = {page: text for page, text in before.items() if not only(page)}
        assert {**kept, **partial} == after, name
        assert len(partial) < len(after), name
        old, before = new, after


def test_a_removed_registry_record_renders_everything(tmp_path: Path) -> None:
    from bench.synthetic import make_corpus
    from generator.pipeline import incremental, registry_changes

    root = make_corpus(tmp_path, 30)
    old = link(load(root))
    path = next(p for p in sorted(root.rglob("*.yaml")) if "id: synthetic-place-5\n" in p.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: synthetic-place-5\n")
    end = text.find("\n- id: ", start + 1)  # the place goes (no place lies in it)
    path.write_text(text[:start] + (text[end + 1 :] if end >= 0 else ""), encoding="utf-8")
    new = link(load(root))
    assert registry_changes.registry_additions(old, new, set(incremental.briefing_paths(new).values())) is None
