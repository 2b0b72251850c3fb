"""Stage 1-2: YAML with line numbers, and validation against the model."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.errors import BriefingsError
from generator.core.yamlfile import MAX_NODES, load_yaml
from generator.load.files import load
from generator.model.records import date_key

from .conftest import write

VALID = """
    title: A title
    date: 2024-06-19
    sources:
      - title: An article
        url: https://example.org/a
    summary: The bottom line.
"""


def messages(exc: pytest.ExceptionInfo[BriefingsError]) -> list[str]:
    return [f"{p.line}: {p.field}: {p.message}" for p in exc.value.problems]


def test_lines_are_remembered_for_keys_and_values(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", "a: 1\nlist:\n  - x: 2\n    y: 3\n")
    data, lines = load_yaml(path)
    assert data == {"a": 1, "list": [{"x": 2, "y": 3}]}
    assert lines.line(("list", 0, "y")) == 4
    assert lines.key_line(("list",)) == 2
    assert lines.line(("list", 0, "missing")) == 3  # falls back to the nearest parent


def test_dates_stay_as_written(tmp_path: Path) -> None:
    data, _ = load_yaml(write(tmp_path, "a.yaml", "a: 2024-06-19\nb: 2024-06\nc: 2024\n"))
    assert data == {"a": "2024-06-19", "b": "2024-06", "c": 2024}


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", "title: ok\nlist: [a, b\nnext: 1\n")
    with pytest.raises(BriefingsError) as exc:
        load_yaml(path)
    (problem,) = exc.value.problems
    assert problem.path.endswith("bad.yaml")
    assert (problem.line, problem.column) == (2, 7)  # where the list opened, not where the parser gave up
    assert problem.message.startswith("the '[' opened here is not closed: end it with ']' on the same line")
    assert str(problem).endswith("bad.yaml:2:7: " + problem.message)


def test_duplicate_keys_are_an_error(tmp_path: Path) -> None:
    with pytest.raises(BriefingsError) as exc:
        load_yaml(write(tmp_path, "a.yaml", "title: one\nsummary: s\ntitle: two\n"))
    assert messages(exc) == ["3: title: 'title' is given twice (first on line 1): keep one of them"]


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 7)]
    with pytest.raises(BriefingsError) as exc:
        load_yaml(write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n"))
    assert f"over {MAX_NODES}" in exc.value.problems[0].message


def test_valid_briefing_loads(tmp_path: Path) -> None:
    write(tmp_path, "2024-06-19-a.yaml", VALID)
    inputs = load(tmp_path)
    briefing = inputs.briefings["2024-06-19-a"]
    assert briefing.title == "A title"
    assert briefing.status == "published"
    lines, key = briefing.where("sources", 0, "url")
    assert lines.line(key) == 5


def test_every_problem_is_reported_with_line_and_field(tmp_path: Path) -> None:
    write(
        tmp_path,
        "2024-06-19-a.yaml",
        """
        title: 42
        date: 2024-02-30
        sources: []
        summary: The bottom line.
        key_ponts: [x]
        assessment: "  "
        status: finished
        topics: ["tab\\there"]
        """,
    )
    with pytest.raises(BriefingsError) as exc:
        load(tmp_path)
    got = messages(exc)
    assert "1: title: input should be a valid string (got int 42)" in got
    assert "2: date: no such day: '2024-02-30'" in got
    assert any(m.startswith("3: sources: list should have at least 1 item") for m in got)
    assert "5: key_ponts: unknown field; did you mean 'key_points'?" in got
    assert "6: assessment: must not be blank" in got
    assert any(m.startswith("7: status: input should be 'draft' or 'published'") for m in got)
    assert any(m.startswith("8: topics[0]: expected a topic label") for m in got)


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2024-13-01", "no month 13"),
        ("24-06-19", "expected a date as YYYY-MM-DD"),
        ("2024-06", "expected a date as YYYY-MM-DD"),  # a briefing's own date is a day
        ("2023-02-29", "no such day"),
    ],
)
def test_bad_briefing_dates(tmp_path: Path, date: str, message: str) -> None:
    write(tmp_path, "2024-06-19-a.yaml", VALID.replace("2024-06-19", date))
    with pytest.raises(BriefingsError) as exc:
        load(tmp_path)
    assert message in exc.value.problems[0].message
    assert exc.value.problems[0].field == "date"


def test_missing_field_and_nested_unknown_field(tmp_path: Path) -> None:
    write(
        tmp_path,
        "2024-06-19-a.yaml",
        """
        date: 2024-06-19
        summary: A summary.
        sources:
          - title: An article
            ulr: https://example.org/a
        """,
    )
    with pytest.raises(BriefingsError) as exc:
        load(tmp_path)
    assert messages(exc) == [
        "1: title: required field is missing",
        "5: sources[0].ulr: unknown field; did you mean 'url'?",
    ]


def test_inline_event_errors_point_into_the_event(tmp_path: Path) -> None:
    write(
        tmp_path,
        "2024-06-19-a.yaml",
        VALID
        + """
    events:
      - a-registry-event
      - id: inline
        date: 2024-6
        title: T
    """,
    )
    with pytest.raises(BriefingsError) as exc:
        load(tmp_path)
    assert messages(exc) == [
        "11: events[1].date: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, an interval such as "
        "2015-09-01/2015-09-14, with ~ for 'about'; got '2024-6'"
    ]


def test_file_name_must_be_an_id(tmp_path: Path) -> None:
    write(tmp_path, "Bad Name.yaml", VALID)
    with pytest.raises(BriefingsError) as exc:
        load(tmp_path)
    assert "file name must be a lowercase id" in exc.value.problems[0].message


def test_registries_and_sources_folder_are_not_briefings(tmp_path: Path) -> None:
    write(tmp_path, "actors.yaml", "actors: []\n")
    write(tmp_path, "events.yaml", "events: []\n")
    write(tmp_path, "sources/notes.yaml", "not: a briefing\n")
    write(tmp_path, "2024/2024-06-19-a.yaml", VALID)  # briefings may live in sub-folders
    assert list(load(tmp_path).briefings) == ["2024-06-19-a"]


def test_partial_dates_sort_before_days_in_their_month() -> None:
    dates = ["2024-06-19", "2024", "2024-06", "2023-12-31", "2024-05-01"]
    assert sorted(dates, key=date_key) == ["2023-12-31", "2024", "2024-05-01", "2024-06", "2024-06-19"]


def test_merge_keys_share_fields_and_explicit_keys_win(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.yaml",
        """
        shared: &src {publication: Paper, title: Old}
        sources:
          - <<: *src
            title: New
        """,
    )
    data, lines = load_yaml(path)
    assert data["sources"] == [{"publication": "Paper", "title": "New"}]
    assert lines.key_line(("sources", 0, "title")) == 4
    assert lines.key_line(("sources", 0, "publication")) == 1  # where the merged field was written


def test_bad_merge_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(BriefingsError) as exc:
        load_yaml(write(tmp_path, "a.yaml", "a: &x [1, 2]\nb:\n  <<: *x\n"))
    assert "invalid YAML merge" in exc.value.problems[0].message


def test_a_registry_file_may_hold_one_record_on_its_own(tmp_path: Path) -> None:
    """As the editor in the browser writes them: briefings/actors/ID.yaml holds one actor."""
    from generator.link.corpus import link

    from .realworld import briefing, problems, real_world

    root = real_world(tmp_path)
    write(root, "actors/zed.yaml", "id: zed\nname: Zed Example\nkind: person\n")
    write(root, "places/odesa.yaml", "id: odesa\nname: Odesa\nkind: city\nparent: ukraine\n")
    write(root, "events/fire.yaml", "id: fire\ndate: 2015-09-10\ntitle: A fire\nplaces: [odesa]\nactors: [zed]\n")
    write(root, "2015-09-16-fire.yaml", briefing().replace("- actor: ann", "- actor: zed").replace("[siege]", "[fire]"))
    corpus = link(load(root))
    assert corpus.actors["zed"].name == "Zed Example"
    assert corpus.events["fire"].actor_ids == ["zed"]
    assert corpus.places["odesa"].parent == "ukraine"
    write(root, "actors/zed.yaml", "id: zed\nname: Zed Example\nkind: persn\n")
    found = problems(root)
    assert any(p.startswith("zed.yaml:3: kind: ") for p in found), found
