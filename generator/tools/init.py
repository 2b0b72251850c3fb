"""`briefings init [DIR]`: a new briefing project, from the files shipped in the package.

The site's own files (mkdocs.yml, docs/ pages and assets, the publishing workflows, the
example briefing) are the very files this project uses: in the source tree they are links to
them, and a wheel carries their content. Folders and dotfiles are stored without their leading
dot (github/, gitignore) so that packaging keeps them.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ..core.errors import BriefingsError, Problem, display_path
from ..core.writer import Writer
from ..model.schema import schemas
from .provenance import VENDOR, Source, requirements

RENAMED = {"github": ".github", "gitignore": ".gitignore"}


def project_files() -> dict[str, bytes]:
    """Every file of a new project: its path inside the project, and its content."""
    out: dict[str, bytes] = {}

    def walk(folder: Traversable, prefix: str) -> None:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.startswith((".", "__")):
                continue
            name = RENAMED.get(entry.name, entry.name) if not prefix else entry.name
            if entry.is_dir():
                walk(entry, f"{prefix}{name}/")
            else:
                out[f"{prefix}{name}"] = entry.read_bytes()

    walk(resources.files("generator") / "project_files", "")
    for name, text in schemas().items():
        out[f"schema/{name}"] = text.encode("utf-8")
    return out


# What a folder may already hold: a fresh git repository with its licence.
ALLOWED = {".git", "LICENSE", "LICENSE.md", "LICENSE.txt", "COPYING"}


def init(target: Path, source: Source) -> list[str]:
    """Write a new project into `target` (made if needed): a new or empty folder, or a fresh git
    repository; anything else is refused before a single file is written. Its requirements.txt
    installs briefings from `source` (a wheel or sdist is copied into vendor/)."""
    files = project_files()
    files["requirements.txt"] = requirements(source).encode("utf-8")
    if source.vendored is not None:
        files[f"{VENDOR}/{source.vendored.name}"] = source.vendored.read_bytes()
    where = display_path(target)
    if target.is_symlink():
        raise BriefingsError([Problem(where, 0, "", "is a symbolic link; give the folder itself")])
    if target.exists() and not target.is_dir():
        raise BriefingsError([Problem(where, 0, "", "is a file, not a folder")])
    if target.exists():
        found = sorted(entry.name for entry in target.iterdir() if entry.name not in ALLOWED)
        if found:
            shown = ", ".join(found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
            message = f"is not empty ({shown}); init writes only into a new or empty folder (or one with just .git)"
            raise BriefingsError([Problem(where, 0, "", message)])
    clashes = sorted(rel for rel in files if (target / rel).exists() or (target / rel).is_symlink())
    if clashes:
        message = "already exists; init writes only into a new or empty project folder"
        raise BriefingsError([Problem(display_path(target / rel), 0, "", message) for rel in clashes])
    writer = Writer(target)
    for rel, data in files.items():
        writer.write_bytes(rel, data)
    return sorted(files)
