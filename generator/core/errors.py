"""Problems found in the input, each pointing at a file, a line and a field."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with the input: where it is and what is wrong."""

    path: str
    line: int
    field: str
    message: str
    column: int = 0  # 1-based, when known (YAML syntax): shown as path:line:column

    def __str__(self) -> str:
        path, field = _visible(self.path), _visible(self.field)
        message = "\n".join(_visible(line) for line in self.message.split("\n"))
        where = f"{path}:{self.line}" if self.line else path
        where += f":{self.column}" if self.line and self.column else ""
        return f"{where}: {field}: {message}" if field else f"{where}: {message}"


# Control characters and line separators in a field name or a value would break the
# one-problem-per-line output (or a terminal): they are shown escaped, as Python writes them.
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _visible(text: str) -> str:
    return _INVISIBLE.sub(lambda m: repr(m.group())[1:-1], text)


class BriefingsError(Exception):
    """Input the pipeline cannot use; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem], outcome: str = "nothing was written") -> None:
        super().__init__("\n".join(str(p) for p in sorted(set(problems), key=_order)))
        self.problems = sorted(set(problems), key=_order)
        self.outcome = outcome

    def __reduce__(self) -> tuple[type[BriefingsError], tuple[list[Problem], str]]:
        """Pickled as its problems, so one raised in a render worker reaches the user whole."""
        return type(self), (self.problems, self.outcome)


def _order(p: Problem) -> tuple[str, int, str, str]:
    return (p.path, p.line, p.field, p.message)


def display_path(path: Path) -> str:
    """The path as a user should see it: relative to the working directory when it can be. A
    symbolic link is named where it is, not where it points (its folder is resolved, not it)."""
    absolute = Path(os.path.abspath(path))
    try:
        return str((absolute.parent.resolve() / absolute.name).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)
