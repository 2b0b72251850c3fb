"""YAML mistakes explained: each common mistake, as an analyst makes it in a briefing, gets its
line and column and words that say what to do; the README's table lists the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import REPO, run_cli, write

HEAD = "title: T\ndate: 2024-06-01\nstatus: draft\nsources:\n  - publication: P\n    title: T\n"
# (what the analyst wrote after the head, where the problem is (line:column), the words shown)
MISTAKES = {
    "tab": ("key_points:\n\t- A point.\n", "8:1", "a tab character: YAML indents and separates with spaces only"),
    "colon": (
        "summary: Doha: talks resume\n",
        "7:14",
        "': ' inside the value of 'summary': put the whole value in quotes (summary: \"Doha: talks resume\")",
    ),
    "hash": (
        "summary: Talks #2 resume\n",
        "7:16",
        "' #' starts a comment in YAML, so this value ends before it ('Talks'): put the whole value in quotes",
    ),
    "item under a value": (
        "actors: []\n  - actor: x\n",
        "8:3",
        "a list item under 'actors', which already has a value on line 7 ([]): delete the value after 'actors:'",
    ),
    "unclosed quote": (
        'summary: "Doha talks\nassessment: x\n',
        "7:10",
        'the quote (") opened here is never closed: end the value with " on the same line',
    ),
    "unclosed bracket": (
        "places: [Doha, Gaza\nassessment: x\n",
        "7:9",
        "the '[' opened here is not closed: end it with ']' on the same line",
    ),
    "indented too far": (
        "summary: T\n  assessment: x\n",
        "8:13",
        "this line is read as part of the value on line 7: indent it like the keys beside it",
    ),
    "indented too little": (
        "key_points:\n  - text: P\n   credibility: 2\n",
        "9:4",
        "this line does not line up with the list above it (line 8 starts at column 3)",
    ),
    "duplicate key": ("summary: A\nsummary: B\n", "8", "summary: 'summary' is given twice (first on line 7): keep one"),
    "text after a quote": (
        'summary: "Doha" talks\n',
        "7:17",
        "text after the closing quote: put the whole value in quotes (summary: '\"Doha\" talks')",
    ),
    "value starting with @": (
        "summary: @user said\n",
        "7:10",
        "a value cannot begin with '@' in YAML: put it in quotes (summary: \"@user said\")",
    ),
    "value starting with *": (
        "summary: *important* talks\n",
        "7:10",
        "a value cannot begin with '*' in YAML: put it in quotes",
    ),
}


@pytest.mark.parametrize("name", list(MISTAKES))
def test_a_yaml_mistake_is_explained_at_its_line_and_column(
    empty_project: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    body, where, words = MISTAKES[name]
    write(empty_project, "briefings/talks.yaml", HEAD + body)
    code, out, err = run_cli(capsys, "--root", str(empty_project), "check")
    assert code == 1
    assert out == ""
    assert f"briefings/talks.yaml:{where}: {words}" in err
    assert "Traceback" not in err
    assert "cannot start any token" not in err
    assert "not allowed in this context" not in err


def test_a_comment_after_a_value_is_still_a_comment(empty_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(empty_project, "briefings/talks.yaml", HEAD + "summary: Talks resume  # check the date\n")
    assert run_cli(capsys, "--root", str(empty_project), "check")[0] == 0


def test_the_readme_lists_every_mistake() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### YAML mistakes") :]
    for _, _, words in MISTAKES.values():
        assert words.split(":")[0].replace("'*'", "'@'") in table, words  # one row for every first character
