"""Build the static site with MkDocs, replacing the previous site only when the build succeeds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import BriefingsError, Problem, display_path
from .project import Project

SITE_URL_ENV = "BRIEFINGS_SITE_URL"


def build_site(
    project: Project,
    *,
    strict: bool,
    site_url: str | None = None,
    finish: Callable[[Path], None] | None = None,
) -> None:
    """Run `mkdocs build` into a fresh folder, let `finish` add to it, then swap it in for site/."""
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=project.root))
    try:
        cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(project.mkdocs_yml), "-d", str(tmp)]
        if strict:
            cmd.append("--strict")
        env = dict(os.environ)
        if site_url:
            env[SITE_URL_ENV] = site_url
        result = subprocess.run(cmd, cwd=project.root, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            output = (result.stderr + result.stdout).strip()
            raise BriefingsError(
                [Problem(display_path(project.mkdocs_yml), 0, "mkdocs", f"site build failed:\n{output}")],
                outcome="the previous site/ is left as it was",
            )
        # (no -q: MkDocs counts warnings for --strict only when it logs them)
        index_search(tmp)
        if finish is not None:
            finish(tmp)
        _swap(tmp, project.site)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# What Pagefind indexes: the page's article, without permalinks, jump bars and filter forms.
SEARCH_ROOT = "article.md-content__inner"
SEARCH_SKIP = (".headerlink", ".bf-jump", ".bf-facets", ".bf-filter")


def index_search(site: Path) -> None:
    """Build the Pagefind search index into site/pagefind/ (fragments a query fetches as it needs)."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site), "--root-selector", SEARCH_ROOT]
    cmd += ["--force-language", "en", "--silent"]
    for selector in SEARCH_SKIP:
        cmd += ["--exclude-selectors", selector]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stderr + result.stdout).strip()
        raise BriefingsError(
            [Problem(display_path(site), 0, "search", f"search index failed:\n{output}")],
            outcome="the previous site/ is left as it was",
        )


def _swap(new: Path, site: Path) -> None:
    """Put `new` where `site` is, keeping the old site until the new one is in place."""
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    new.rename(site)
    shutil.rmtree(old, ignore_errors=True)
