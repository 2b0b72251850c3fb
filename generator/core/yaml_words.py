"""YAML mistakes in plain words: what went wrong, where (line and column), and the fix.

The parser's own words ("mapping values are not allowed in this context", "found character
that cannot start any token") describe its state, not the analyst's mistake. Each rule here
recognises one common mistake from the parser's error and the line it points at; anything else
keeps the parser's words. The README's table "YAML mistakes" lists each with its message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from ..text.words import shorten


@dataclass(frozen=True, slots=True)
class Explained:
    line: int  # 1-based
    column: int  # 1-based
    message: str


def _key_value(line: str) -> tuple[str, str] | None:
    """'title' and 'Doha: talks' from '  - title: Doha: talks' (None: not a key and a value)."""
    m = re.match(r"\s*(?:-\s+)?([^\s:#'\"][^:#]*?):\s+(\S.*)$", line)
    return (m.group(1), m.group(2).rstrip()) if m else None


def _quoted(key: str, value: str) -> str:
    """`key: "value"` with the value quoted the YAML way."""
    return f"{key}: " + ("'" + value.replace("'", "''") + "'" if '"' in value else f'"{value}"')


def _opened_above(lines: list[str], row: int) -> tuple[int, str] | None:
    """The nearest line above `row` that is indented less (the key the line belongs under)."""
    indent = len(lines[row]) - len(lines[row].lstrip())
    for k in range(row - 1, -1, -1):
        text = lines[k]
        if text.strip() and not text.lstrip().startswith("#") and len(text) - len(text.lstrip()) < indent:
            return k, text
    return None


# 98 lines, on purpose: one rule per mistake, tried in order, as the README's table lists them.
def explain(exc: yaml.MarkedYAMLError, text: str) -> Explained:
    """The mistake behind a parser error, in words, at the line and column to look at."""
    mark = exc.problem_mark or exc.context_mark
    lines = text.split("\n")
    row = mark.line if mark else 0
    col = mark.column if mark else 0
    line = lines[row] if row < len(lines) else ""
    char = line[col] if col < len(line) else ""
    problem, context = exc.problem or "", exc.context or ""
    opened = exc.context_mark
    if "cannot start any token" in problem and (char == "\t" or "\\t" in problem):
        return Explained(row + 1, col + 1, "a tab character: YAML indents and separates with spaces only; use spaces")
    if "cannot start any token" in problem and char in "@`%":
        kv = _key_value(line)
        example = f" ({_quoted(*kv)})" if kv else ""
        return Explained(row + 1, col + 1, f"a value cannot begin with {char!r} in YAML: put it in quotes{example}")
    if "while scanning an alias" in context or ("mapping keys are not allowed" in problem and char == "?"):
        kv = _key_value(line)
        example = f" ({_quoted(*kv)})" if kv else ""
        first = (kv[1][:1] if kv else "") or char
        at = opened if "alias" in context and opened is not None else mark
        row, col = (at.line, at.column) if at else (row, col)
        return Explained(row + 1, col + 1, f"a value cannot begin with {first!r} in YAML: put it in quotes{example}")
    if "found unexpected ':'" in problem:
        return Explained(row + 1, col + 1, "a ':' inside a value in [ ] or { }: put that value in quotes")
    if "mapping values are not allowed" in problem:
        kv = _key_value(line)
        if kv and ": " in kv[1] + " ":
            key, value = kv
            message = (
                f"': ' inside the value of '{key}': put the whole value in quotes ({_quoted(key, shorten(value, 80))})"
            )
            return Explained(row + 1, col + 1, message)
        above = row - 1
        while above > 0 and not lines[above].strip():
            above -= 1
        return Explained(
            row + 1,
            col + 1,
            f"this line is read as part of the value on line {above + 1}: indent it like the keys beside it, "
            "and write a key with a colon and a space ('title: text')",
        )
    if "did not find expected key" in problem and "block mapping" in context:
        stripped = line.lstrip()
        parent = _opened_above(lines, row)
        if stripped.startswith("-") and parent is not None:
            kv = _key_value(parent[1])
            if kv is not None:
                key, value = kv
                return Explained(
                    row + 1,
                    col + 1,
                    f"a list item under '{key}', which already has a value on line {parent[0] + 1} ({value}): "
                    f"delete the value after '{key}:' so that the items below belong to it",
                )
        kv = _key_value(lines[row]) if row < len(lines) else None
        if kv and re.match(r"([\"']).*?\1\s*\S", kv[1]):
            key, value = kv
            return Explained(
                row + 1, col + 1, f"text after the closing quote: put the whole value in quotes ({_quoted(key, value)})"
            )
        where = f" (line {opened.line + 1} starts at column {opened.column + 1})" if opened else ""
        return Explained(
            row + 1, col + 1, f"this line does not line up with the keys above it{where}: indent it like them"
        )
    if "did not find expected '-' indicator" in problem:
        where = f" (line {opened.line + 1} starts at column {opened.column + 1})" if opened else ""
        return Explained(
            row + 1,
            col + 1,
            f"this line does not line up with the list above it{where}: the keys of one item start at the same column",
        )
    if "while scanning a quoted scalar" in context and opened is not None:
        mark_char = lines[opened.line][opened.column] if opened.line < len(lines) else '"'
        return Explained(
            opened.line + 1,
            opened.column + 1,
            f"the quote ({mark_char}) opened here is never closed: end the value with {mark_char} on the same line"
            + (' (a " inside it is written \\")' if mark_char == '"' else " (a ' inside it is written '')"),
        )
    if "flow sequence" in context or "flow mapping" in context:
        bracket, close = ("[", "]") if "sequence" in context else ("{", "}")
        at = opened or mark
        return Explained(
            (at.line if at else row) + 1,
            (at.column if at else col) + 1,
            f"the '{bracket}' opened here is not closed: end it with '{close}' on the same line, "
            "or put a value that holds ',', '[' or '{' in quotes",
        )
    if "could not find expected ':'" in problem and opened is not None:
        return Explained(
            opened.line + 1,
            opened.column + 1,
            "a key without ': ' after it, or text not indented under its key: write 'key: value', "
            "and indent the lines of a block (| or >) under its key",
        )
    parts = " ".join(p for p in (context, problem) if p)
    return Explained(row + 1, col + 1, f"invalid YAML: {parts}")


# A plain value followed by " #" and a word: YAML reads the rest as a comment ("Talks #2 resume"
# is "Talks"), so the value is cut without a word said. "# note", with a space, is a comment.
_PLAIN = r"[^\s#'\"\[{>|&*!%@`](?:(?!:\s)[^#\n])*?"
_HASH = re.compile(
    r"^[ \t]*(?:-[ \t]+)?(?:(?P<key>[^\s#:'\"\[{-][^:#\n]*?):[ \t]+)?"
    rf"(?P<value>{_PLAIN})[ \t]+#(?P<rest>\S[^\n]*)$",
    re.M,
)


def cut_by_hash(text: str, values: set[str]) -> list[Explained]:
    """Values that a ' #' cut short, with the fix: `values` are the document's texts as parsed,
    so that only a value that really ended at the '#' is one (not a line of a block of text)."""
    found = []
    for m in _HASH.finditer(text):
        if m.group("value").strip() not in values:
            continue
        line = text.count("\n", 0, m.start()) + 1
        column = m.start("rest") - text.rfind("\n", 0, m.start("rest"))  # 1-based, at the '#'
        whole = f"{m.group('value')} #{m.group('rest')}"
        example = _quoted(m.group("key"), whole) if m.group("key") else f'- "{whole}"'
        found.append(
            Explained(
                line,
                column - 1,
                f"' #' starts a comment in YAML, so this value ends before it ({m.group('value')!r}): "
                f"put the whole value in quotes ({shorten(example, 100)}), or write '# ' for a comment",
            )
        )
    return found
