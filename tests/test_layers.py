"""The import contract (pyproject.toml, [tool.importlinter]) holds, and would catch a circle."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import REPO

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(source: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports on the package `generator` found under `source`, with this project's contract."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    command = [str(LINT_IMPORTS), "--no-cache", str(REPO / "pyproject.toml")]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def test_the_modules_import_one_another_without_a_circle(tmp_path: Path) -> None:
    done = lint_imports(REPO, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 kept, 0 broken" in done.stdout


def test_the_contract_fails_on_a_deliberate_circle(tmp_path: Path) -> None:
    copy = tmp_path / "src"
    shutil.copytree(REPO / "generator", copy / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    escape = copy / "generator/text/escape.py"
    escape.write_text(escape.read_text(encoding="utf-8") + "\nfrom .. import pipeline  # noqa\n", encoding="utf-8")
    done = lint_imports(copy, tmp_path)
    assert done.returncode != 0
    assert "BROKEN" in done.stdout
    assert ".text -> .pipeline" in done.stdout


def test_the_contract_fails_on_an_import_from_a_higher_layer(tmp_path: Path) -> None:
    copy = tmp_path / "src"
    shutil.copytree(REPO / "generator", copy / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    inputs = copy / "generator/core/inputs.py"  # the core layer reaching up into the tools
    inputs.write_text(inputs.read_text(encoding="utf-8") + "\nfrom ..tools import scaffold  # noqa\n", encoding="utf-8")
    done = lint_imports(copy, tmp_path)
    assert done.returncode != 0
    assert "Each layer imports only from the layers below it (the pipeline, bottom to top) BROKEN" in done.stdout
    assert "generator.core.inputs -> generator.tools.scaffold" in done.stdout
