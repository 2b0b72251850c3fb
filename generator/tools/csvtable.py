"""A CSV table to import: read whole (UTF-8 or UTF-16, any common delimiter, within size
limits), its columns found by their usual names or mapped by hand, and its rows read one at a
time with problems that name the line and the column."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import BriefingsError, Problem, display_path
from ..core.inputs import decode_text, read_input
from ..model.fields import MAX_REGISTRY

MAX_CSV_BYTES = 100_000_000  # a table to import
MAX_CSV_ROWS = MAX_REGISTRY  # rows of one import: they become one registry file
MAX_CSV_COLUMNS = 1_000
MAX_CSV_CELL = 100_000  # characters in one cell (a description holds at most 20,000)
csv.field_size_limit(MAX_CSV_CELL)


@dataclass(slots=True)
class Table:
    """The rows of a CSV file, each with its line number, and the columns chosen for each field."""

    path: Path
    rows: list[tuple[int, dict[str, str]]]
    columns: dict[str, list[str]]
    headers: list[str]


def delimiter(text: str) -> str:
    """The table's delimiter, read from its header line: the commonest of ',;\\t|' outside quotes
    (a guess from the rows is fooled by cells full of ';' or ',')."""
    header = re.sub(r'"[^"]*"', "", text.lstrip("\ufeff").split("\n", 1)[0])
    counts = {d: header.count(d) for d in ",;\t|"}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_table(path: Path, known: Mapping[str, tuple[str, ...]], mapping: Mapping[str, str]) -> Table:
    """Read a CSV file (UTF-8, or UTF-16 with a byte order mark; any common delimiter) and find
    the column of each field. A file, a row or a cell too large is refused with its size."""
    where = display_path(path)
    data = read_input(path, "a table", MAX_CSV_BYTES)
    text = decode_text(data, where, "save the table as CSV in UTF-8 (Excel: 'CSV UTF-8')")
    if not text.strip():
        raise BriefingsError([Problem(where, 0, "", "the file is empty: a table needs a header row and rows")])
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter(text))
    try:
        headers = reader.fieldnames or []
    except csv.Error as exc:
        raise BriefingsError([Problem(where, 1, "", f"not a readable CSV header: {_csv_reason(exc)}")]) from None
    if len(headers) > MAX_CSV_COLUMNS:
        message = f"{len(headers):,} columns: a table may have at most {MAX_CSV_COLUMNS:,}"
        raise BriefingsError([Problem(where, 1, "", message)])
    problems: list[Problem] = []
    unknown = set(mapping) - set(known)
    for name in sorted(unknown):
        problems.append(Problem(display_path(path), 0, name, f"no such field to map; known: {', '.join(known)}"))
    normal = {normal_name(h): h for h in headers}
    columns: dict[str, list[str]] = {}
    for name, usual in known.items():
        if name in mapping:
            wanted = [c.strip() for c in mapping[name].split(",") if c.strip()]
            missing = [c for c in wanted if c not in headers]
            for c in missing:
                problems.append(
                    Problem(display_path(path), 1, name, f"no column '{c}' (columns: {', '.join(headers)})")
                )
            columns[name] = [c for c in wanted if c in headers]
        else:
            found = [normal[u] for u in usual if u in normal]
            columns[name] = found if name == "actors" else found[:1]
    if problems:
        raise BriefingsError(problems)
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for row in reader:
            if len(rows) == MAX_CSV_ROWS:
                message = f"more than {MAX_CSV_ROWS:,} rows: split the table and import each part with its own --name"
                raise BriefingsError([Problem(where, reader.line_num, "", message)])
            rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}))
    except csv.Error as exc:  # (raised before the bad line is counted)
        message = f"not a readable CSV file: {_csv_reason(exc)}"
        raise BriefingsError([Problem(where, reader.line_num + 1, "", message)]) from None
    if not rows:
        raise BriefingsError([Problem(where, 1, "", "no rows under the header: nothing to import")])
    return Table(path, rows, columns, list(headers))


def normal_name(header: str) -> str:
    """A column's name as the usual names are written: lower case, spaces as underscores."""
    return re.sub(r"[\s-]+", "_", header.strip().lower())


def _csv_reason(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return f"a cell of more than {MAX_CSV_CELL:,} characters"
    return str(exc)


class Row:
    """One row being converted; problems name its line and the column at fault."""

    def __init__(self, table: Table, line: int, row: dict[str, str], problems: list[Problem]) -> None:
        self.table, self.line, self.row, self.problems = table, line, row, problems

    def column(self, name: str) -> str:
        cols = self.table.columns.get(name) or [name]
        return cols[0]

    def get(self, name: str) -> str:
        cols = self.table.columns.get(name) or []
        return self.row.get(cols[0], "") if cols else ""

    def problem(self, name: str, message: str) -> None:
        self.problems.append(Problem(display_path(self.table.path), self.line, self.column(name), message))

    def number(self, name: str) -> int | None:
        text = self.get(name).replace(",", "")
        if not text:
            return None
        if not re.fullmatch(r"[0-9]+(\.0+)?", text):
            self.problem(name, f"expected a whole number of 0 or more, got {self.get(name)!r}")
            return None
        return int(float(text))

    def degrees(self, name: str, limit: float) -> float | None:
        text = self.get(name)
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not -limit <= value <= limit:
            self.problem(name, f"expected degrees between -{limit:g} and {limit:g}, got {text!r}")
            return None
        return value
