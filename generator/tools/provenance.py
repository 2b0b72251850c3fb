"""Where this copy of briefings came from, as the line a new project's requirements.txt needs
to install the same one again, on the analyst's machine and in CI.

pip records how it installed a package (PEP 610, direct_url.json): from a wheel or sdist file,
from a URL, from a git repository at a commit, or from a folder. No record means a package
index, so the version is pinned. A wheel or sdist file is copied into the project (vendor/),
as CI cannot reach a path on the machine it was built on; a folder cannot be reached either,
so it is written with a warning that says how to choose a source CI can reach (--from).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

from .. import __version__

DIST = "briefings"
VENDOR = "vendor"  # where a new project keeps the wheel it installs briefings from


@dataclass(frozen=True, slots=True)
class Source:
    """What requirements.txt says, the file to copy into vendor/ (if any), and a warning."""

    requirement: str
    described: str  # in words, for the comment above the line
    vendored: Path | None = None
    warning: str = ""


def installed() -> tuple[str, dict[str, object] | None] | None:
    """This package's version and its direct_url.json (None: from an index), from the copy an
    installer put in place (an egg-info in a source tree is not one)."""
    for dist in metadata.distributions(name=DIST):
        if dist.read_text("INSTALLER") is None:
            continue
        text = dist.read_text("direct_url.json")
        return dist.version, (json.loads(text) if text else None)
    return None


def from_record(version: str, record: dict[str, object] | None) -> Source:
    """The source pip recorded for this installation."""
    if record is None:
        return Source(f"{DIST}=={version}", f"version {version} from the package index")
    url = str(record.get("url", ""))
    vcs = record.get("vcs_info")
    if isinstance(vcs, dict):
        commit = vcs.get("commit_id") or vcs.get("requested_revision") or ""
        at = f"@{commit}" if commit else ""
        return Source(
            f"{DIST} @ {vcs.get('vcs', 'git')}+{url}{at}", f"the {vcs.get('vcs', 'git')} repository {url}{at}"
        )
    parsed = urlparse(url)
    if parsed.scheme == "file":
        return from_path(Path(unquote(parsed.path)))
    return Source(f"{DIST} @ {url}", f"the file at {url}")


def from_path(path: Path) -> Source:
    """A wheel or sdist file (copied into vendor/), or a folder (which CI cannot reach)."""
    if path.is_file():
        return Source(f"./{VENDOR}/{path.name}", f"the file {path.name}, copied into {VENDOR}/", vendored=path)
    warning = (
        f"briefings was installed from the folder {path}, which CI cannot reach: requirements.txt points "
        "there for now. Give `briefings init --from` a wheel file, a git URL or a version instead."
    )
    return Source(f"{DIST} @ {path.resolve().as_uri()}", f"the folder {path}", warning=warning)


def from_option(spec: str) -> Source:
    """`briefings init --from SPEC`: a wheel or sdist file, a version, a git URL, or a requirement."""
    path = Path(spec).expanduser()
    if path.exists():
        return from_path(path.resolve())
    if re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", spec):
        return Source(f"{DIST}=={spec}", f"version {spec} from the package index")
    if re.match(r"(?:git|hg|svn|bzr)\+", spec):
        return Source(f"{DIST} @ {spec}", f"the repository {spec}")
    if re.match(r"https?://", spec):
        return Source(f"{DIST} @ {spec}", f"the file at {spec}")
    return Source(spec, "the requirement given to `briefings init --from`")


def current() -> Source:
    """Where the running copy came from (unknown: the version from an index)."""
    found = installed()
    if found is None:
        return Source(f"{DIST}=={__version__}", f"version {__version__} from the package index")
    return from_record(*found)


def requirements(source: Source) -> str:
    """The text of a new project's requirements.txt."""
    return (
        "# What `make site`, `make test` and CI install into .venv (written by `briefings init`).\n"
        f"# briefings, from {source.described}. To upgrade, put another wheel in {VENDOR}/, a newer\n"
        "# version, or a git URL at a tag here (the README says how).\n"
        f"{source.requirement}\n"
    )
