"""`briefings init`: a new project from the files shipped in the package, in a fresh venv too."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from generator.tools.init import project_files

from .conftest import REPO, run_cli

# The site's files a new project shares with this repository: the same bytes, never a copy.
SHARED = [
    "mkdocs.yml",
    "docs/index.md",
    "docs/about.md",
    "docs/assets/briefings.css",
    "docs/assets/briefings.js",
    "overrides/main.html",
    ".github/workflows/pages.yml",
    ".github/workflows/preview.yml",
    "briefings/2024-06-19-north-korea-russia-pact.yaml",
    "briefings/actors.yaml",
    "briefings/events.yaml",
    "briefings/places.yaml",
    "briefings/sources/2024-06-19-north-korea-russia-pact.txt",
]


def test_new_project_shares_the_sites_files_with_this_repository() -> None:
    files = project_files()
    for rel in SHARED:
        assert files[rel] == (REPO / rel).read_bytes(), rel
    assert {"Makefile", "README.md", "briefings.toml", ".gitignore", ".github/workflows/test.yml"} <= set(files)
    assert {f"schema/{n}.schema.json" for n in ("briefing", "actors", "events", "places")} <= set(files)
    assert files["schema/briefing.schema.json"] == (REPO / "schema/briefing.schema.json").read_bytes()


def test_init_writes_a_project_that_checks_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "site"
    code, out, err = run_cli(capsys, "init", str(target))
    assert (code, err) == (0, "")
    assert "Wrote a new briefing project in" in out
    assert "briefings build" in out
    code, out, _ = run_cli(capsys, "--root", str(target), "check")
    assert code == 0
    assert "OK: 1 briefing" in out
    (target / "README.md").write_text("mine", encoding="utf-8")
    code, _, err = run_cli(capsys, "init", str(target))
    assert code == 1
    assert "is not empty (" in err
    assert "README.md" in err
    assert "init writes only into a new or empty folder (or one with just .git)" in err
    assert (target / "README.md").read_text(encoding="utf-8") == "mine"
    code, _, err = run_cli(capsys, "init", str(target / "README.md"))
    assert code == 1
    assert "is a file, not a folder" in err


@pytest.mark.slow
def test_wheel_in_a_fresh_venv_inits_and_builds_a_site_offline(tmp_path: Path) -> None:
    """pip install of a wheel built from this repository, then `briefings init site && cd site &&
    briefings build` in an empty folder. The fresh venv sees this venv's dependencies (a .pth
    file; they are not what is tested) but not this source tree: the package comes from the
    wheel. Nothing may use the network (pip is told there is no index)."""
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(REPO)],
        check=True,
        cwd=tmp_path,
    )
    (wheel,) = dist.glob("briefings-*.whl")
    with zipfile.ZipFile(wheel) as z:
        assert "generator/project_files/mkdocs.yml" in z.namelist()
        assert "generator/data/countries-110m.json" in z.namelist()
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    purelib = Path(sysconfig.get_paths(vars={"base": str(venv), "platbase": str(venv)})["purelib"])
    (purelib / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {**os.environ, "PIP_NO_INDEX": "1", "PYTHONPATH": "", "BRIEFINGS_SITE_URL": "http://127.0.0.1:8000/"}
    subprocess.run([str(venv / "bin/pip"), "install", "-q", "--no-deps", str(wheel)], check=True, env=env)
    work = tmp_path / "empty"
    work.mkdir()
    briefings = str(venv / "bin/briefings")
    subprocess.run([briefings, "init", "site"], check=True, cwd=work, env=env)
    done = subprocess.run([briefings, "build"], cwd=work / "site", env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Done: 1 briefing" in done.stdout
    site = work / "site/site"
    assert (site / "index.html").is_file()
    assert (site / "generated/briefings/2024-06-19-north-korea-russia-pact/index.html").is_file()
    assert (site / "generated/pdf/2024-06-19-north-korea-russia-pact.pdf").is_file()
    assert (site / "generated/assets/basemap.svg").is_file()
    assert (site / "pagefind/pagefind.js").is_file()
    # The package ran from the wheel, not from this source tree.
    where = subprocess.run(
        [str(venv / "bin/python"), "-c", "import generator; print(generator.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=work,
    )
    assert where.stdout.startswith(str(venv))
