"""Load a YAML file into plain Python data, remembering the line of every key and value."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any

import yaml

from .errors import BriefingsError, Problem, display_path
from .yaml_words import cut_by_hash, explain

Key = tuple[str | int, ...]
MAX_NODES = 200_000  # guards against alias bombs ("billion laughs")
MAX_DEPTH = 50  # the model nests four levels; deeper YAML is a mistake or an attack


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: several times faster


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """SafeLoader that keeps dates as the strings the analyst wrote (2024, 2024-06, 2024-06-19)."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class LineMap:
    """Where each part of a loaded document stands in its file (1-based lines).

    Filled while parsing on the careful path; on the fast path it is worked out only when a
    problem needs a line, by parsing the file again.
    """

    __slots__ = ("_keys", "_values", "path")

    def __init__(self, path: Path, values: dict[Key, int] | None = None, keys: dict[Key, int] | None = None) -> None:
        self.path = path
        self._values = values
        self._keys = keys

    def __getstate__(self) -> Path:
        return self.path  # lines are worked out again when needed

    def __setstate__(self, state: Path) -> None:
        self.path, self._values, self._keys = state, None, None

    @property
    def values(self) -> dict[Key, int]:
        if self._values is None:
            self._fill()
        assert self._values is not None
        return self._values

    @property
    def keys(self) -> dict[Key, int]:
        if self._keys is None:
            self._fill()
        assert self._keys is not None
        return self._keys

    def _fill(self) -> None:
        self._values, self._keys = {}, {}
        # If the file changed or broke since it was read, lines fall back to 1.
        with contextlib.suppress(BriefingsError, OSError, UnicodeDecodeError):
            _parse_careful(self.path.read_text(encoding="utf-8"), self)

    @property
    def shown(self) -> str:
        return display_path(self.path)

    def line(self, key: Key) -> int:
        """Line of the value at `key`, or of its nearest parent that has one."""
        values = self.values
        while key:
            if key in values:
                return values[key]
            key = key[:-1]
        return values.get((), 1)

    def key_line(self, key: Key) -> int:
        """Line of the mapping key at `key` (where an unknown field is written)."""
        return abs(self.keys.get(key, 0)) or self.line(key)

    def problem(self, key: Key, message: str, *, at_key: bool = False) -> Problem:
        line = self.key_line(key) if at_key else self.line(key)
        return Problem(self.shown, line, dotted(key), message)


def dotted(key: Key) -> str:
    """('quotes', 2, 'speaker') -> 'quotes[2].speaker'."""
    out = ""
    for part in key:
        if isinstance(part, str) and not re.fullmatch(r"[\w-]{1,40}", part):  # a key may be anything
            shown = repr(part if len(part) <= 40 else part[:37] + "...")
            out += f"[{shown}]"
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def read_text(path: Path) -> str:
    """The file as text; a file that is not UTF-8 is a problem at line 1."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise BriefingsError([Problem(display_path(path), 1, "", f"not UTF-8 text ({exc.reason})")]) from None


def load_yaml(path: Path, text: str | None = None) -> tuple[Any, LineMap]:
    """Parse `path`; raise BriefingsError naming the file and line for any syntax error.

    Plain documents (no anchors, merge keys, duplicate or non-text keys) take a fast path that
    builds the data in one go and leaves the line map to be worked out if a problem needs it.
    """
    if text is None:
        text = read_text(path)
    try:
        data, lines = parse_fast(text), LineMap(path)
    except (_Careful, yaml.YAMLError, RecursionError):
        lines = LineMap(path, {}, {})
        data = _parse_careful(text, lines)
    if " #" in text and (cut := cut_by_hash(text, set(_texts(data)))):
        raise BriefingsError([Problem(lines.shown, c.line, "", c.message, c.column) for c in cut])
    return data, lines


def _texts(data: Any) -> list[str]:
    """Every text (string value) in parsed data, walked without recursion."""
    out, stack = [], [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return out


class _Careful(Exception):
    """The document needs the careful path (anchors, merge keys, odd keys)."""


class _FastLoader(_Loader):
    """Builds the data in one go; anything the careful path must look at sends it there."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:  # an alias: the careful path counts expanded values
            raise _Careful
        return super().construct_object(node, deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[str] = set()
        for knode, _ in node.value:
            if knode.tag == "tag:yaml.org,2002:merge" or not isinstance(knode, yaml.ScalarNode):
                raise _Careful
            if knode.value in seen:
                raise _Careful
            seen.add(knode.value)
        out = super().construct_mapping(node, deep)
        if not all(type(k) is str for k in out):
            raise _Careful
        return out  # type: ignore[no-any-return]


def parse_fast(text: str) -> Any:
    """The document's data, or _Careful when it needs the careful path."""
    loader = _FastLoader(text)
    try:
        data = loader.get_single_data()
    finally:
        loader.dispose()
    if not _shallow(data):
        raise _Careful  # which reports the line
    return data


def _shallow(data: Any) -> bool:
    """Whether no value is nested deeper than MAX_DEPTH (walked without recursion)."""
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = value.values()
        elif not isinstance(value, list):
            continue
        if depth >= MAX_DEPTH:
            return False
        stack.extend((item, depth + 1) for item in value if isinstance(item, (dict, list)))
    return True


def _parse_careful(text: str, lines: LineMap) -> Any:
    """Parse node by node, filling `lines`; raise BriefingsError for any syntax error."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except RecursionError:
        raise BriefingsError([Problem(lines.shown, 1, "", f"nested deeper than {MAX_DEPTH} levels")]) from None
    except yaml.MarkedYAMLError as exc:
        said = explain(exc, text)
        raise BriefingsError([Problem(lines.shown, said.line, "", said.message, said.column)]) from None
    except yaml.YAMLError as exc:
        raise BriefingsError([Problem(lines.shown, 1, "", f"invalid YAML: {exc}")]) from None
    if node is None:
        return None
    builder = _Builder(loader, lines)
    data = builder.build(node, ())
    if builder.problems:
        raise BriefingsError(builder.problems)
    return data


class _Builder:
    """Turns a composed node tree into Python data and fills the line map."""

    def __init__(self, loader: _Loader, lines: LineMap) -> None:
        self.loader = loader
        self.lines = lines
        self.values, self.keys = lines.values, lines.keys
        self.count = 0
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node, key: Key) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise BriefingsError([self.lines.problem(key, f"document too large (over {MAX_NODES} values)")])
        if len(key) > MAX_DEPTH:
            line = node.start_mark.line + 1
            raise BriefingsError([Problem(self.lines.shown, line, "", f"nested deeper than {MAX_DEPTH} levels")])
        self.values[key] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            explicit = sum(1 for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge")
            try:
                self.loader.flatten_mapping(node)  # merge keys (<<: *anchor) first, explicit keys win
            except yaml.MarkedYAMLError as exc:
                self.problems.append(self.lines.problem(key, f"invalid YAML merge: {exc.problem}"))
                return out
            inherited = len(node.value) - explicit
            for index, (knode, vnode) in enumerate(node.value):
                name = self.loader.construct_object(knode) if isinstance(knode, yaml.ScalarNode) else None
                if not isinstance(name, str):
                    self.problems.append(self.lines.problem(key, f"keys must be text, got {knode.value!r}"))
                    continue
                sub = (*key, name)
                if name in out and self.keys[sub] < 0:
                    del out[name]  # merged in from an anchor: a later merge or an explicit key wins
                elif name in out:
                    first = self.keys[sub]
                    self.problems.append(
                        Problem(
                            self.lines.shown,
                            knode.start_mark.line + 1,
                            dotted(sub),
                            f"'{name}' is given twice (first on line {first}): keep one of them",
                        )
                    )
                    continue
                # Keys merged in from an anchor are marked with a negative line until overridden.
                line = knode.start_mark.line + 1
                self.keys[sub] = -line if index < inherited else line
                out[name] = self.build(vnode, sub)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*key, i)) for i, item in enumerate(node.value)]
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            if "could not determine a constructor for the tag" in str(exc):
                message = "a value cannot begin with '!' in YAML (it starts a tag): put the whole value in quotes"
            else:
                message = f"invalid value: {exc}"
            self.problems.append(self.lines.problem(key, message))
            return None
