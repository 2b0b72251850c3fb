"""Hostile and broken input: every outcome is a clean `path:line: field: message`, exit 1, no write.

One test per class of problem (links, depth, sizes, names, settings, missing registries, dates),
then a fuzzer that throws random YAML and mutations of the sample at the loader.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.core.yamlfile import MAX_DEPTH, MAX_NODES
from generator.model import fields as model

from .conftest import REPO, SAMPLE_ID, copy_project, run_cli, write

SAMPLE = f"briefings/{SAMPLE_ID}.yaml"
PROBLEM = re.compile(r"^[^\s:][^:]*(?::\d+){0,2}: \S(?:.*\S)?$")  # path[:line[:column]]: [field: ]message


def check(capsys: pytest.CaptureFixture[str], root: Path) -> tuple[int, str]:
    code, _, err = run_cli(capsys, "--root", str(root), "check")
    return code, err


def assert_clean(code: int, err: str) -> None:
    """Exit 1 with problems a person can act on: no traceback, no internal error."""
    assert code == 1, err
    assert "Traceback" not in err
    assert "internal error" not in err
    lines = err.strip().splitlines()
    assert re.match(r"^\d+ problems? found; ", lines[-1]), lines[-1]
    for line in lines[:-1]:
        if not line.startswith(" "):  # (an indented line continues the one before it)
            assert PROBLEM.match(line), line


@pytest.mark.parametrize("target", [SAMPLE, "briefings/actors.yaml", "briefings/events.yaml", "briefings.toml"])
def test_a_symbolic_link_is_refused_not_followed(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    secret = tmp_path / "outside" / "secret.yaml"
    secret.parent.mkdir()
    secret.write_text("title: TOP SECRET CONTENT\npassword: hunter2\n", encoding="utf-8")
    path = project / target
    path.unlink(missing_ok=True)
    path.symlink_to(secret)
    code, err = check(capsys, project)
    assert_clean(code, err)
    assert "symbolic link" in err
    assert "hunter2" not in err
    assert str(secret) not in err


def test_deep_nesting_is_a_problem_with_a_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "briefings/2024-01-01-deep.yaml", "title: " + "[" * 10_000 + "]" * 10_000 + "\n")
    write(project, "briefings/2024-01-02-deep.yaml", "a:\n" + "".join("  " * i + "- \n" for i in range(2_000)))
    code, err = check(capsys, project)
    assert_clean(code, err)
    assert f"2024-01-01-deep.yaml:1: nested deeper than {MAX_DEPTH} levels" in err
    assert f"2024-01-02-deep.yaml:{MAX_DEPTH + 2}: nested deeper than {MAX_DEPTH} levels" in err


def test_oversized_values_are_refused_quickly_and_not_echoed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = "x" * 1_000_000
    text = (project / SAMPLE).read_text(encoding="utf-8")
    (project / SAMPLE).write_text(
        re.sub(r"(?m)^title: .*$", f"title: {big}", text).replace("places: [", "places: [" + "p, " * 600, 1),
        encoding="utf-8",
    )
    started = time.perf_counter()
    code, err = check(capsys, project)
    assert time.perf_counter() - started < 10
    assert_clean(code, err)
    assert f"title: string should have at most {model.MAX_TEXT} characters" in err
    assert f"places: list should have at most {model.MAX_ITEMS} items" in err
    assert len(err) < 2_000  # a short excerpt, never the value


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("a" * 101 + ".yaml", "file name must be a lowercase id (letters, digits, hyphens; at most 100 characters)"),
        ("Upper-Case.yaml", "file name must be a lowercase id"),
    ],
)
def test_bad_file_names_are_problems_at_check_time(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    shutil.copy(project / SAMPLE, project / "briefings" / name)
    code, err = check(capsys, project)
    assert_clean(code, err)
    assert f"{name}: {message}" in err


def test_an_upper_case_extension_is_read_not_skipped(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / SAMPLE).rename(project / f"briefings/{SAMPLE_ID}.YAML")
    code, out, _ = run_cli(capsys, "--root", str(project), "check")
    assert code == 0
    assert "OK: 1 briefing," in out


def test_a_missing_actor_registry_is_one_problem(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "briefings/actors.yaml").unlink()
    code, err = check(capsys, project)
    assert_clean(code, err)
    assert "actors.yaml: no actor registry" in err
    assert "unknown actor" not in err
    assert err.strip().splitlines()[-1].startswith("1 problem found")


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("'0000-06-19'", "no year 0"),
        ("'２０２４-06-19'", "expected a date as YYYY-MM-DD"),  # fullwidth digits
        ("'٢٠٢٤-06-19'", "expected a date as YYYY-MM-DD"),  # Arabic-Indic digits
        ('"2024-06-19\\n"', "expected a date as YYYY-MM-DD"),  # a trailing newline
    ],
)
def test_dates_that_only_look_right_are_refused(
    project: Path, capsys: pytest.CaptureFixture[str], date: str, message: str
) -> None:
    text = (project / SAMPLE).read_text(encoding="utf-8")
    (project / SAMPLE).write_text(text.replace("date: 2024-06-19", f"date: {date}", 1), encoding="utf-8")
    code, err = check(capsys, project)
    assert_clean(code, err)
    assert f"{SAMPLE}:5: date: {message}" in err


# Fuzzing: random documents and mutations of the sample never crash the loader.

_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30))
_documents = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=25,
)
_FIELDS = ["title", "date", "sources", "summary", "key_points", "actors", "quotes", "events", "places", "topics"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzzed_briefings_give_clean_problems_and_write_nothing(
    tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str], data: st.DataObject
) -> None:
    root = copy_project(tmp_path_factory.mktemp("fuzz") / "p")
    sample = yaml.safe_load((REPO / SAMPLE).read_text(encoding="utf-8"))
    how = data.draw(st.sampled_from(["random", "replace", "text"]))
    if how == "random":
        text = yaml.safe_dump(data.draw(_documents), allow_unicode=True)
    elif how == "replace":
        sample[data.draw(st.sampled_from(_FIELDS))] = data.draw(_documents)
        text = yaml.safe_dump(sample, allow_unicode=True, sort_keys=False)
    else:  # cut, splice or garble the file's text
        original = (REPO / SAMPLE).read_text(encoding="utf-8")
        cut = data.draw(st.integers(0, len(original)))
        text = original[:cut] + data.draw(st.text(max_size=40)) + original[cut + data.draw(st.integers(0, 40)) :]
    (root / SAMPLE).write_text(text, encoding="utf-8")
    before = sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file() and "build" not in p.parts)
    code, out, err = run_cli(capsys, "--root", str(root), "build", "--no-site", "--no-pdf")
    if code != 0:
        assert_clean(code, err)
        assert not (root / "docs/generated").exists()  # nothing written
    else:
        assert out.startswith("Done:")
    after = sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file() and "build" not in p.parts)
    if code != 0:
        assert after == before


def test_readme_limits_table_matches_the_code() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### Limits") :]
    for value in (model.MAX_TEXT, model.MAX_MARKDOWN, model.MAX_URL, model.MAX_ITEMS, model.MAX_REGISTRY, model.MAX_ID):
        assert f"{value:,}" in table, value
    assert f"{MAX_DEPTH}" in table
    assert f"{MAX_NODES:,}" in table
    from generator.draft.source import MAX_BYTES
    from generator.link.corpus import MAX_DEPTH as CHAIN_DEPTH
    from generator.tools import csvtable

    assert f"| {CHAIN_DEPTH}; a loop is a problem" in table
    for value in (csvtable.MAX_CSV_BYTES, csvtable.MAX_CSV_ROWS, csvtable.MAX_CSV_COLUMNS, csvtable.MAX_CSV_CELL):
        assert f"{value:,}" in table, value
    assert f"| {MAX_BYTES:,} bytes; a draft keeps at most {model.MAX_ITEMS}" in table
    schema = (REPO / "schema/briefing.schema.json").read_text(encoding="utf-8")
    assert f'"maxLength": {model.MAX_TEXT}' in schema
