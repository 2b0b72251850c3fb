"""Stage 4: rendering. Golden files for the sample; views; templates users can override."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import BriefingsError
from generator.link import link
from generator.load import load
from generator.render import Options, render_pages
from generator.views import human_date, related_briefings, timeline

from .conftest import REPO, SAMPLE_ID, write

GOLDEN = Path(__file__).parent / "golden" / "sample"


def sample_pages(options: Options | None = None) -> dict[str, str]:
    return render_pages(link(load(REPO / "briefings")), options or Options())


def test_sample_pages_match_golden_files(update_goldens: bool) -> None:
    pages = sample_pages()
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


def test_rendering_is_deterministic() -> None:
    assert sample_pages() == sample_pages()


def test_briefing_page_has_quotes_with_speakers_and_dated_events() -> None:
    page = sample_pages()[f"briefings/{SAMPLE_ID}.md"]
    assert page.startswith('---\ntitle: "North Korean troops')
    assert "> new multipolar world\n> { #quote-7 }\n>\n> — [Kim Jong Un](../actors/kim-jong-un.md)" in page
    events = page[page.index("## Related events") : page.index("## Places")]
    assert events.index("**2022**") < events.index("**June 2024**") < events.index("**19 June 2024**")


def test_human_dates_keep_their_precision() -> None:
    assert [human_date(d) for d in ("2024", "2024-06", "2024-06-09")] == ["2024", "June 2024", "9 June 2024"]


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
    assert [(r.briefing, r.score, r.shares) for r in related] == [
        ("2024-01-03-actors", 4, "2 actors"),
        ("2024-01-02-event", 3, "1 event"),
        ("2024-01-04-topic", 1, "1 topic"),
    ]


def test_timeline_groups_by_year_and_month_with_partial_dates_first() -> None:
    corpus = link(load(REPO / "briefings"))
    years = timeline(corpus)
    assert [y for y, _ in years] == [2022, 2024]
    (june,) = years[1][1]
    assert june.label == "June 2024"
    assert [e.date for e in june.events][-1] == "2024-06-19"
    assert years[0][1][0].label == "2022, month not given"


def test_user_template_overrides_and_extends_the_default(tmp_path: Path) -> None:
    write(
        tmp_path,
        "briefing.md.j2",
        '{% extends "default:briefing.md.j2" %}\n',
    )
    write(tmp_path, "places.md.j2", "# Custom places\n{% for name, a, b in places %}* {{ name }}\n{% endfor %}")
    pages = sample_pages(Options(templates=tmp_path))
    assert pages["places.md"].startswith("# Custom places\n* Donetsk\n")
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
