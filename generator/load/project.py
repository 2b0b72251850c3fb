"""Where a project's parts live, and its settings (briefings.toml, all optional)."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..core.errors import BriefingsError, Problem, display_path
from ..model.fields import LANGUAGE_TAG, known_language
from ..model.vocabulary import LEVELS
from ..text.escape import FINAL_HTML_EXTENSION
from ..text.words import did_you_mean

SETTINGS_FILE = "briefings.toml"
KNOWN = {"marking", "max_marking", "paper", "publisher", "latest", "repository", "branch", "language"}
MAX_LATEST = 1_000


@dataclass(frozen=True, slots=True)
class Settings:
    """Project settings; every one has a default."""

    marking: str = "TLP:CLEAR"  # a briefing's handling marking when it gives none (render/marking.py)
    max_marking: str = "TLP:CLEAR"  # the most restricted marking this site may publish
    paper: str = "A4"  # A4 or Letter
    publisher: str = "Briefings"  # PDF author/publisher metadata
    latest: int = 10  # briefings listed on the home page
    repository: str = ""  # owner/name on GitHub: where the editor in the browser (/admin/) saves
    branch: str = "main"  # the branch the site is built from (the editor's pull requests go to it)
    language: str = "en"  # the site's own words, dates, search (BCP 47; a catalogue in locale/ or shipped)


@dataclass(frozen=True, slots=True)
class Project:
    """Paths of one project: briefings in, docs and site out."""

    root: Path
    settings: Settings = field(default_factory=Settings)

    @property
    def briefings(self) -> Path:
        return self.root / "briefings"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def generated(self) -> Path:
        """The part of docs/ the generator owns; nothing else in docs/ is touched."""
        return self.docs / "generated"

    @property
    def templates(self) -> Path:
        """User templates that override the defaults, file by file."""
        return self.root / "templates"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def cache(self) -> Path:
        """Parsed input files, by content (build/cache/); safe to delete."""
        return self.root / "build" / "cache"

    @property
    def pdf_cache(self) -> Path:
        return self.root / "build" / "pdf"


def open_project(root: Path) -> Project:
    """The project at `root`, with its settings read and checked."""
    root = root.resolve()  # tools run with another working directory (mkdocs) get absolute paths
    path = root / SETTINGS_FILE
    if path.is_symlink():  # a link may point anywhere: never read one
        raise BriefingsError([Problem(display_path(path), 0, "", "is a symbolic link; use a regular file")])
    if not path.exists():
        return Project(root)
    shown = display_path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column \d+\)$", str(exc))
        message = re.sub(r" \(at line \d+, column \d+\)$", "", str(exc))
        raise BriefingsError(
            [Problem(shown, int(found.group(1)) if found else 0, "", f"invalid TOML: {message}")]
        ) from None
    text = path.read_text(encoding="utf-8")

    def line(key: str) -> int:
        found = re.search(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", text, re.M)
        return text.count("\n", 0, found.start()) + 1 if found else 0

    def shown_value(value: object) -> str:
        text = repr(value)
        return text if len(text) <= 40 else text[:37] + "..."

    problems = []
    for key in data:
        if key not in KNOWN:
            hint = did_you_mean(key, sorted(KNOWN)) or f" (known: {', '.join(sorted(KNOWN))})"
            problems.append(Problem(shown, line(key), key, f"unknown setting{hint}"))
    defaults = Settings()
    for key in sorted(KNOWN & data.keys()):
        want = type(getattr(defaults, key))
        if type(data[key]) is not want:
            kind = "a whole number" if want is int else "text"
            problems.append(Problem(shown, line(key), key, f"expected {kind}, got {shown_value(data[key])}"))
    if isinstance(data.get("paper"), str) and data["paper"] not in ("A4", "Letter"):
        problems.append(
            Problem(shown, line("paper"), "paper", f"expected 'A4' or 'Letter', got {shown_value(data['paper'])}")
        )
    latest = data.get("latest")
    if type(latest) is int and not 0 <= latest <= MAX_LATEST:
        problems.append(Problem(shown, line("latest"), "latest", f"expected 0 to {MAX_LATEST}, got {latest}"))
    for key in ("marking", "max_marking"):
        value = data.get(key)
        if isinstance(value, str) and value not in LEVELS:
            problems.append(
                Problem(shown, line(key), key, f"expected one of {', '.join(LEVELS)}, got {shown_value(value)}")
            )
    repository = data.get("repository")
    if isinstance(repository, str) and not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", repository):
        message = f"expected owner/name of a GitHub repository, got {shown_value(repository)}"
        problems.append(Problem(shown, line("repository"), "repository", message))
    branch = data.get("branch")
    if isinstance(branch, str) and not re.fullmatch(r"[A-Za-z0-9_./-]{1,100}", branch):
        problems.append(Problem(shown, line("branch"), "branch", f"expected a branch name, got {shown_value(branch)}"))
    language = data.get("language")
    if isinstance(language, str):
        try:
            if not re.fullmatch(LANGUAGE_TAG, language):
                raise ValueError(f"expected a BCP 47 language tag such as en, fr or ar, got {shown_value(language)}")
            known_language(language)
        except ValueError as exc:
            problems.append(Problem(shown, line("language"), "language", str(exc)))
    publisher = data.get("publisher")
    if isinstance(publisher, str) and (not publisher.strip() or len(publisher) > 200):
        message = f"expected 1 to 200 characters, got {shown_value(publisher)}"
        problems.append(Problem(shown, line("publisher"), "publisher", message))
    if problems:
        raise BriefingsError(problems)
    return Project(root, Settings(**{k: v for k, v in data.items() if k in KNOWN}))


SITE_URL_ENV = "BRIEFINGS_SITE_URL"
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def site_url(project: Project, override: str | None = None) -> str:
    """The site's address, ending in '/': `override`, else BRIEFINGS_SITE_URL, else mkdocs.yml's
    site_url (its !ENV default), else the local preview's."""
    found = override or os.environ.get(SITE_URL_ENV) or _configured_site_url(project.mkdocs_yml)
    return (found or DEFAULT_SITE_URL).rstrip("/") + "/"


def _configured_site_url(path: Path) -> str | None:
    data = _mkdocs_settings(path)
    value = data.get("site_url")
    return value if isinstance(value, str) and value.startswith(("http://", "https://")) else None


def check_mkdocs_settings(path: Path) -> None:
    """Refuse a mkdocs.yml without the extension that keeps generated HTML final: without it the
    analysts' Markdown would show as nothing (and an older site's pages would parse it again)."""
    extensions = _mkdocs_settings(path).get("markdown_extensions")
    entries = extensions if isinstance(extensions, list) else [extensions]
    names = [name for e in entries for name in (e if isinstance(e, dict) else [e])]  # a name, or {name: options}
    if FINAL_HTML_EXTENSION not in names:
        message = (
            f"must list {FINAL_HTML_EXTENSION} (add '- {FINAL_HTML_EXTENSION}' under markdown_extensions): "
            "it passes the HTML briefings makes from summaries and descriptions to the page untouched"
        )
        raise BriefingsError(
            [Problem(display_path(path), _line_of(path, "markdown_extensions"), "markdown_extensions", message)]
        )


def _line_of(path: Path, key: str) -> int:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    return next((n for n, line in enumerate(lines, 1) if line.startswith(f"{key}:")), 0)


LANGUAGE_ENV = "BRIEFINGS_LANGUAGE"  # mkdocs.yml's theme language: !ENV [BRIEFINGS_LANGUAGE, en]


def fixed_theme_language(path: Path) -> str | None:
    """mkdocs.yml's theme language when it is written out (`language: en`) rather than taken
    from the build (`!ENV [BRIEFINGS_LANGUAGE, en]`, as `briefings init` writes it); else None."""
    theme = _mkdocs_settings(path, {LANGUAGE_ENV: "\0"}).get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    return language if isinstance(language, str) and language != "\0" else None


def _mkdocs_settings(path: Path, environ: dict[str, str] | None = None) -> dict[str, object]:
    """mkdocs.yml as plain data, or {} when it cannot be read."""

    class Loader(yaml.SafeLoader):
        """Reads mkdocs.yml's own tags: !ENV [NAME, default] gives its default; others nothing."""

    variables = {**os.environ, **(environ or {})}

    def env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
        if isinstance(node, yaml.SequenceNode):
            values = loader.construct_sequence(node)
            return next((variables[v] for v in values[:-1] if isinstance(v, str) and v in variables), values[-1])
        return variables.get(str(loader.construct_scalar(node)))  # type: ignore[arg-type]

    Loader.add_constructor("!ENV", env)
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}
