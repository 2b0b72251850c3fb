"""`briefings new`: a skeleton that stays valid whatever is uncommented, and that cannot be
published with a placeholder left in it."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from generator.core.yamlfile import load_yaml
from generator.model.records import Briefing
from generator.model.skeleton import PLACEHOLDERS
from generator.tools.scaffold import scaffold

from .conftest import run_cli

SKELETON = scaffold("Doha: talks resume", dt.date(2025, 1, 2), "2025-01-02-doha-talks-resume")


def commented(text: str) -> list[int]:
    """The indexes of the commented lines a user may uncomment (not the header's)."""
    return [i for i, line in enumerate(text.splitlines()) if line.startswith(" ") and line.lstrip().startswith("# ")]


def uncomment(text: str, chosen: tuple[int, ...]) -> str:
    lines = text.splitlines()
    for i in chosen:
        lines[i] = lines[i].replace("# ", "", 1)
    return "\n".join(lines) + "\n"


def test_every_choice_of_uncommented_lines_is_valid_yaml_and_a_valid_briefing() -> None:
    lines = commented(SKELETON)
    assert len(lines) == 6  # text, actors, quotes, events, places, topics: each a line of its own
    for n in range(len(lines) + 1):
        for chosen in itertools.combinations(lines, n):
            data, _ = load_yaml(Path("skeleton.yaml"), uncomment(SKELETON, chosen))
            briefing = Briefing.model_validate(data)  # the shape is right; references are check's job
            assert len(briefing.actors) == sum("actor:" in SKELETON.splitlines()[i] for i in chosen)


def test_the_skeleton_checks_as_a_draft_and_every_placeholder_stops_it_published(
    empty_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(empty_project)
    code, _, _ = run_cli(capsys, "--root", root, "new", "Doha: talks resume", "--date", "2025-01-02")
    assert code == 0
    path = empty_project / "briefings/2025-01-02-doha-talks-resume.yaml"
    assert path.read_text(encoding="utf-8") == SKELETON
    assert run_cli(capsys, "--root", root, "check")[0] == 0
    every = uncomment(SKELETON, tuple(commented(SKELETON))).replace("status: draft", "status: published")
    every = every.replace("    text: sources/", "    # text: sources/")  # (a missing file is another problem)
    path.write_text(every, encoding="utf-8")
    code, out, err = run_cli(capsys, "--root", root, "check")
    assert code == 1
    assert out == ""
    lines = every.splitlines()
    for value in PLACEHOLDERS.values():
        line = next(n for n, text in enumerate(lines, 1) if value in text)
        line -= lines[line - 2].endswith(">-")  # a folded block is reported at its key
        assert f"2025-01-02-doha-talks-resume.yaml:{line}: " in err
        assert f"still the placeholder from `briefings new` ('{value}'): replace it, or delete it" in err
    assert "Traceback" not in err
    # Filled in, it passes.
    filled = SKELETON
    for value in PLACEHOLDERS.values():
        filled = filled.replace(value, "https://example.org/a" if value.startswith("https") else "Filled in by hand")
    path.write_text(filled.replace("status: draft", "status: published"), encoding="utf-8")
    code, out, err = run_cli(capsys, "--root", root, "check")
    assert (code, err) == (0, "")
