"""Shared fixtures: throwaway projects made from the sample, and a built sample site."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
SAMPLE_ID = "2024-06-19-north-korea-russia-pact"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/golden from the current output")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def copy_project(dest: Path, *, briefings: bool = True) -> Path:
    """A project folder like the repository's: mkdocs.yml, theme overrides, hand-written docs,
    (sample) briefings."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "docs", dest / "docs", ignore=shutil.ignore_patterns("generated"))
    shutil.copytree(REPO / "overrides", dest / "overrides")
    if briefings:
        shutil.copytree(REPO / "briefings", dest / "briefings")
    else:
        (dest / "briefings").mkdir()
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the sample project."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def empty_project(tmp_path: Path) -> Path:
    """A project with an empty briefings/ folder."""
    return copy_project(tmp_path / "project", briefings=False)


def write(root: Path, rel: str, text: str) -> Path:
    """Write dedented text to root/rel."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def start_serve(project: Path, **popen: Any) -> tuple[subprocess.Popen[Any], int]:
    """`briefings serve` on a free port of 127.0.0.1 (the caller stops it), and that port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    cmd = [sys.executable, "-m", "generator", "--root", str(project), "serve", "--port", str(port)]
    return subprocess.Popen([*cmd, "--interval", "0.2"], **popen), port


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the command line in-process; return (exit status, stdout, stderr)."""
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project, built once per test session with the real MkDocs (strict)."""
    root = copy_project(tmp_path_factory.mktemp("built") / "project")
    assert main(["--root", str(root), "build", "--strict"]) == 0
    return root


@pytest.fixture(scope="session", params=["mkdocs", "zensical"])
def built_by_engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project built (strict) by each engine in turn: the browser tests run on both."""
    if request.param == "mkdocs":
        built: Path = request.getfixturevalue("built_sample")
        return built
    root = copy_project(tmp_path_factory.mktemp("built-zensical") / "project")
    assert main(["--root", str(root), "build", "--strict", "--engine", "zensical"]) == 0
    return root


@pytest.fixture
def built_copy(built_sample: Path, tmp_path: Path) -> Path:
    """A private copy of the built sample project (docs/generated and site/ included)."""
    dest = tmp_path / "built"
    shutil.copytree(built_sample, dest)
    return dest
