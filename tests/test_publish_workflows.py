"""Publishing: workflow files are valid, call the README's commands, and keep untrusted code away
from write tokens; the pre-commit hook runs `briefings check`."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import pytest
import yaml

from .conftest import REPO

WORKFLOWS = REPO / ".github/workflows"


def workflow(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def runs(data: dict[Any, Any]) -> list[str]:
    return [step.get("run", "") for job in data["jobs"].values() for step in job.get("steps", [])]


def uses(data: dict[Any, Any]) -> list[str]:
    return [step["uses"] for job in data["jobs"].values() for step in job.get("steps", []) if "uses" in step]


def readme_commands() -> list[str]:
    quick_start = (REPO / "README.md").read_text(encoding="utf-8").split("## Quick start", 1)[1]
    block = re.search(r"```sh\n(.*?)```", quick_start, re.S)
    assert block
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def test_workflows_validate_against_the_github_workflow_schema() -> None:
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    assert len(files) == 3
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *files],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_quick_start_is_the_two_make_commands() -> None:
    assert readme_commands() == ["make site", "make test"]


def test_workflows_and_ci_run_the_readme_commands() -> None:
    assert "make test" in runs(workflow("test.yml"))
    assert any(r.startswith("make site") for r in runs(workflow("preview.yml")))
    assert "make site" in runs(workflow("pages.yml"))
    assert "make test" in (REPO / ".ci/run").read_text(encoding="utf-8")
    for name in ("test.yml", "preview.yml", "pages.yml"):
        for command in re.findall(r"\bmake \w+", "\n".join(runs(workflow(name)))):
            assert command in readme_commands(), f"{name} runs {command!r}, which the README does not show"


def test_actions_are_official_and_pages_uses_the_official_actions() -> None:
    for name in ("test.yml", "preview.yml", "pages.yml"):
        for action in uses(workflow(name)):  # pinned to a commit: see test_publish_workflow_safety.py
            assert re.fullmatch(r"actions/[\w-]+(?:/[\w-]+)?@[0-9a-f]{40}", action), f"{name}: {action} is not official"
    pages = uses(workflow("pages.yml"))
    assert any(a.startswith("actions/upload-pages-artifact@") for a in pages)
    assert any(a.startswith("actions/deploy-pages@") for a in pages)


def test_least_privilege_and_no_race() -> None:
    pages = workflow("pages.yml")
    assert pages["permissions"] == {"contents": "read"}
    # Deploys queue in one group and never cancel one another; previews are stored outside it.
    assert pages["jobs"]["build"]["concurrency"] == {"group": "pages-deploy", "cancel-in-progress": False}
    assert pages["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "permissions" not in pages["jobs"]["build"]  # inherits read-only
    assert workflow("test.yml")["permissions"] == {"contents": "read"}
    assert workflow("preview.yml")["permissions"] == {"contents": "read", "pages": "read"}  # reads its address
    for name in ("test.yml", "preview.yml"):
        assert all("permissions" not in job for job in workflow(name)["jobs"].values())


def test_untrusted_pull_request_code_never_runs_with_a_write_token() -> None:
    preview = workflow("preview.yml")
    assert set(preview[True]) == {"pull_request"}  # YAML reads the key `on` as True
    pages = workflow("pages.yml")
    assert "pull_request_target" in pages[True]
    previews_job = pages["jobs"]["previews"]
    # The job that holds a write token checks nothing out from the pull request and runs no make target.
    assert not [s for s in previews_job["steps"] if s.get("uses", "").startswith("actions/checkout")]
    assert not [s for s in previews_job["steps"] if "make " in s.get("run", "")]
    build = pages["jobs"]["build"]
    checkout = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["ref"] == "${{ github.event.repository.default_branch }}"


def test_preview_is_built_for_its_own_sub_path() -> None:
    steps = workflow("preview.yml")["jobs"]["build"]["steps"]
    address = next(s for s in steps if s.get("name") == "Find the preview's address")
    assert address["env"]["PR"] == "${{ github.event.number }}"
    assert 'echo "BRIEFINGS_SITE_URL=${base%/}/pr-preview/pr-$PR/" >> "$GITHUB_ENV"' in address["run"]
    assert "BRIEFINGS_SITE_URL" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("hook", yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")))
def test_pre_commit_hook_runs_briefings_check(hook: dict[str, Any]) -> None:
    assert hook["id"] == "briefings-check"
    assert hook["entry"] == "briefings check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert re.search(hook["files"], "briefings/2024-06-19-x.yaml")
