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


def test_places_suggest_proposes_coordinates_for_registry_places_that_have_none(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    registry = project / "briefings/places.yaml"
    text = registry.read_text(encoding="utf-8")
    start = text.index("- id: pyongyang")
    entry = text[start : text.index("\n- id:", start + 1) if "\n- id:" in text[start + 1 :] else len(text)]
    bare = "\n".join(line for line in entry.split("\n") if not line.strip().startswith(("lat:", "lon:")))
    registry.write_text(text.replace(entry, bare), encoding="utf-8")
    code, out, err = run_cli(capsys, "--root", str(project), "places", "suggest")
    assert (code, err) == (0, "")
    assert "# Coordinates for registry places that have none" in out
    assert "#   pyongyang: lat: 39.0339, lon: 125.7543  (GeoNames: Pyongyang, North Korea)" in out
