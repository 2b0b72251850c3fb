"""Optional parts (the extras of `pip install 'briefings[...]'`), imported when first needed.

A part that is missing and a part that is installed but cannot be imported are told apart: the
first names the extra to install, the second shows the real cause (a dependency of a
dependency missing, an old pip that skipped an extra) and the commands that repair it.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import BriefingsError, Problem


def missing(module: str, exc: ImportError) -> bool:
    """Whether `exc` says `module` itself is not installed (not one of its own imports failing)."""
    return isinstance(exc, ModuleNotFoundError) and (exc.name or "").split(".")[0] == module


def load(module: str, extra: str, purpose: str, where: str = "briefings") -> ModuleType:
    """Import `module` for `purpose` ("reading web pages"), or raise a problem at `where` that
    says why it cannot be and how to repair it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise BriefingsError([Problem(where, 0, "", unavailable(module, extra, purpose, exc))]) from None


def unavailable(module: str, extra: str, purpose: str, exc: ImportError) -> str:
    """The words for an optional module that cannot be imported."""
    package = f"'briefings[{extra}]'"
    if missing(module, exc):
        return f"{purpose} needs {module}, which is not installed: pip install {package}"
    cause = " ".join(str(exc).split()) or type(exc).__name__
    return (
        f"{purpose} needs {module}, which is installed but cannot be imported ({cause}); "
        f"repair it with: pip install --upgrade pip && pip install --force-reinstall {package}"
    )
