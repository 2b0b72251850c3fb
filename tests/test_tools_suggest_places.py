"""`briefings places suggest`: registry entries with coordinates for the places the briefings name."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_cli


def test_places_suggest_proposes_coordinates_from_the_gazetteer(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "briefings/places.yaml").unlink()
    code, out, _ = run_cli(capsys, "--root", str(project), "places", "suggest")
    assert code == 0
    assert "- id: pyongyang\n  name: Pyongyang\n  kind: city\n  country: North Korea\n  lat: 39.0339" in out
    assert "# Not found in the gazetteer: Kim Il Sung Square" in out
