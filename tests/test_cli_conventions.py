"""The command line behaves like its peers: -V, serve --dev-addr and --open, shell completion,
clean, one writer at a time (build never deletes a running preview's pages), the engine named
right, and paths shown relative to the project."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import run_cli


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def wait_for(url: str, server: subprocess.Popen[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, server.communicate()
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} never answered")


def stop(server: subprocess.Popen[str]) -> str:
    server.terminate()
    out, _ = server.communicate(timeout=30)
    return out


def test_dash_capital_v_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "-V")
    assert code == 0
    assert out.startswith("briefings ")


def test_completion_prints_shell_code_that_completes_commands(tmp_path: Path) -> None:
    code = subprocess.run(
        [sys.executable, "-m", "generator", "completion", "bash"], capture_output=True, text=True, check=True
    ).stdout
    assert "complete " in code
    assert "briefings" in code
    # What the shell does on <TAB> after "briefings bu": it runs the command with these set.
    answer = tmp_path / "answer"
    env = {
        **os.environ,
        "_ARGCOMPLETE": "1",
        "COMP_LINE": "briefings bu",
        "COMP_POINT": "12",
        "_ARGCOMPLETE_STDOUT_FILENAME": str(answer),
    }
    subprocess.run([sys.executable, "-m", "generator"], env=env, capture_output=True, check=False)
    assert answer.read_text().split() == ["build"]
    env["COMP_LINE"] = env["COMP_LINE"] = "briefings serve --dev"
    env["COMP_POINT"] = str(len(env["COMP_LINE"]))
    subprocess.run([sys.executable, "-m", "generator"], env=env, capture_output=True, check=False)
    assert answer.read_text().split() == ["--dev-addr"]


def test_clean_removes_the_build_output_and_nothing_else(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(project)
    assert run_cli(capsys, "--root", root, "build", "--no-pdf", "--no-site")[0] == 0
    before = sorted(p.relative_to(project) for p in (project / "briefings").rglob("*"))
    code, out, err = run_cli(capsys, "--root", root, "clean")
    assert (code, err) == (0, "")
    assert out.startswith("Removed docs/generated")
    assert not (project / "docs/generated").exists()
    assert not (project / "build").exists()
    assert (project / "docs/index.md").is_file()
    assert sorted(p.relative_to(project) for p in (project / "briefings").rglob("*")) == before
    assert run_cli(capsys, "--root", root, "clean")[1] == "Nothing to remove: no build output here\n"


def test_build_while_serve_runs_is_refused_and_the_preview_keeps_its_pages(project: Path) -> None:
    port = free_port()
    cmd = [sys.executable, "-m", "generator", "--root", str(project)]
    server = subprocess.Popen(
        [*cmd, "serve", "--dev-addr", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/", server)
        pages = sorted((project / "docs/generated").rglob("*.md"))
        built = subprocess.run([*cmd, "build", "--no-pdf"], capture_output=True, text=True, check=False)
        assert built.returncode == 1
        assert "build/briefings.lock: briefings serve (process " in built.stderr
        assert "is using this project" in built.stderr
        assert "then run build again" in built.stderr
        assert "1 problem found; nothing was written." in built.stderr
        assert sorted((project / "docs/generated").rglob("*.md")) == pages
    finally:
        out = stop(server)
    assert f"Preview at http://127.0.0.1:{port}/" in out
    # Once the preview stops, the lock goes with it.
    built = subprocess.run([*cmd, "build", "--no-pdf", "--no-site"], capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr


def test_serve_open_opens_the_preview_in_the_browser(project: Path, tmp_path: Path) -> None:
    opened = tmp_path / "opened"
    browser = tmp_path / "browser"
    browser.write_text(f'#!/bin/sh\necho "$1" > {opened}\n', encoding="utf-8")
    browser.chmod(browser.stat().st_mode | stat.S_IEXEC)
    port = free_port()
    env = {**os.environ, "BROWSER": str(browser)}
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(project), "serve", "-a", f"127.0.0.1:{port}", "--open"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/", server)
        deadline = time.monotonic() + 30
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert opened.read_text().strip() == f"http://127.0.0.1:{port}/"
    finally:
        stop(server)


@pytest.mark.parametrize("bad", ["8000", "host:", "127.0.0.1:99999", ":8000"])
def test_dev_addr_must_be_host_and_port(capsys: pytest.CaptureFixture[str], bad: str) -> None:
    code, _, err = run_cli(capsys, "serve", "--dev-addr", bad)
    assert code == 2
    assert "expected HOST:PORT such as 127.0.0.1:8000" in err


@pytest.mark.slow
def test_a_zensical_build_names_zensical(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "--root", str(project), "build", "--no-pdf", "--engine", "zensical")
    assert code == 0, err
    assert "(Zensical " in out
    assert "MkDocs" not in out


def test_a_symbolic_link_is_named_relative_to_the_project(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("title: x\n", encoding="utf-8")
    (project / "briefings/linked.yaml").symlink_to(outside)
    monkeypatch.chdir(project)
    code, _, err = run_cli(capsys, "check")
    assert code == 1
    assert err.startswith("briefings/linked.yaml: is a symbolic link; use a regular file inside the project\n")
