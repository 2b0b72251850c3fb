"""Near misses: a place, topic or actor written almost like a known one is a warning naming the
likely one (an error under --strict); an unknown value of a list gets "did you mean"."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.link.near_misses import Names, close, letters

from .conftest import SAMPLE_ID, run_cli

SAMPLE = f"briefings/{SAMPLE_ID}.yaml"


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_misspelt_place_is_a_warning_and_an_error_under_strict(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project, SAMPLE, "Taedong River, Ryugyong Hotel, Pyongyang]", "Taedong River, Ryugyong Hotel, Pyongyan]")
    edit(project, SAMPLE, "places: [Vietnam]", "places: [Viet Nam]")
    code, out, err = run_cli(capsys, "--root", str(project), "check")
    assert code == 0
    assert out.startswith("OK: 1 briefing")
    assert "(2 warnings)" in out
    assert (
        ": warning: events[2].places[3]: 'Pyongyan' is not in the place registry, but 'Pyongyang' (pyongyang) is: "
        "did you mean it?" in err
    )
    assert ": warning: events[3].places[0]: 'Viet Nam' is not in the place registry, but 'Vietnam' (vietnam)" in err
    code, out, err = run_cli(capsys, "--root", str(project), "check", "--strict")
    assert code == 1
    assert out == ""
    assert "2 problems found; nothing was written: with --strict, near misses are errors." in err
    code, _, err = run_cli(capsys, "--root", str(project), "build", "--strict", "--no-pdf", "--no-site")
    assert code == 1
    assert "'Pyongyan' is not in the place registry" in err
    assert not (project / "docs/generated").exists()


def test_a_topic_spelt_two_ways_and_an_actor_recorded_twice_are_warnings(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = (project / SAMPLE).read_text(encoding="utf-8")
    topics = sample[sample.index("\ntopics:") :].split("\n")[2]  # its first topic
    first = topics.strip().lstrip("- ").strip()
    (project / "briefings/2024-06-20-second.yaml").write_text(
        f"title: A second briefing\ndate: 2024-06-20\nsources:\n  - title: SYNTHETIC\ntopics: [{first.upper()}]\n",
        encoding="utf-8",
    )
    edit(
        project,
        "briefings/actors.yaml",
        "  - id: philip-ingram\n",
        "  - id: kim-jong-un-again\n    name: Kim Jong-un\n    kind: person\n  - id: philip-ingram\n",
    )
    code, _, err = run_cli(capsys, "--root", str(project), "check")
    assert code == 0, err
    assert (
        f"2024-06-20-second.yaml:5: warning: topics[0]: topic '{first.upper()}' is written '{first}' in 1 briefing"
        in err
    )
    assert "warning: actors[2].name: 'Kim Jong-un' is close to 'Kim Jong Un', actor 'kim-jong-un'" in err


def test_an_unknown_kind_gets_did_you_mean(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project, "briefings/actors.yaml", "kind: person", "kind: persn")
    code, _, err = run_cli(capsys, "--root", str(project), "check")
    assert code == 1
    assert "actors[0].kind: input should be 'person', 'state'," in err
    assert "(got 'persn'); did you mean 'person'?" in err


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("Doha", "Dohaa", True),  # a doubled letter
        ("Kim Jong Un", "Kim Jong-un", True),  # case and punctuation
        ("Zelensky", "Zelenskiy", True),  # transliterations
        ("Москва", "Moskva", True),  # another script
        ("São Paulo", "Sao Paulo", True),  # accents
        ("Taliban", "Taleban", True),  # one letter
        ("Iran", "Iraq", False),  # short names must match letter for letter
        ("2023 election", "2024 election", False),  # digits are never near
        ("SA599", "SA559", False),
        ("Austria", "Australia", False),
    ],
)
def test_close(a: str, b: str, near: bool) -> None:
    assert close(letters(a), letters(b)) is near


@given(st.text(min_size=1, max_size=40))
def test_any_name_finds_itself_and_nothing_raises(name: str) -> None:
    names = Names([(name, "x"), ("Pyongyang", "p")])
    found = names.near(name)
    if letters(name):
        assert ("x" in {owner for _, owner in found}) is True
    else:
        assert found == []
