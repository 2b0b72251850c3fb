"""Validate loaded YAML data against the model, reporting every problem with file, line and field."""

from __future__ import annotations

import re
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..core.errors import Problem
from ..core.yamlfile import Key, LineMap
from ..text.words import did_you_mean
from .fields import NOT_BLANK
from .records import Located

M = TypeVar("M", bound=BaseModel)
_TAGS = {
    "ref",
    "inline",
    "part",
    "count",
    "estimate",
    "plain",
    "graded",
}  # union branch names pydantic puts in error locations


def validate(cls: type[M], data: Any, lines: LineMap, problems: list[Problem]) -> M | None:
    """Build `cls` from `data`; on failure add one Problem per error and return None."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(lines.problem((), f"expected a mapping of fields, got {_kind(data)}"))
        return None
    try:
        record = cls.model_validate(data)
    except ValidationError as exc:
        problems.extend(_problem(cls, err, lines, data) for err in exc.errors())
        return None
    _locate(record, lines, ())
    return record


def _locate(obj: Any, lines: LineMap, key: Key) -> None:
    """Tell every located record in `obj` where it came from (records sit at known places)."""
    if isinstance(obj, Located):
        obj.locate(lines, key)
    for name in ("actors", "events", "places"):
        items = getattr(obj, name, None)
        if isinstance(items, list):
            for i, item in enumerate(items):
                if isinstance(item, Located):
                    item.locate(lines, (*key, name, i))


def _data_key(loc: tuple[str | int, ...], data: Any) -> Key:
    """The error's location as a key into the data, without the labels pydantic adds for unions."""
    out: list[str | int] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        if in_dict or (isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)):
            node = node[part]
        elif isinstance(part, str) and (part in _TAGS or "[" in part):
            continue  # a union branch's label, not a key
        else:
            node = None  # a missing field, or one pydantic names after the data ends
        out.append(part)
    return tuple(out)


def _problem(root: type[BaseModel], err: ErrorDetails, lines: LineMap, data: Any) -> Problem:
    key = _data_key(tuple(err["loc"]), data)
    kind = err["type"]
    if kind == "extra_forbidden" and key:
        name = str(key[-1])
        known = sorted(_fields_at(root, key[:-1]))
        hint = did_you_mean(name, known) or f" (known fields: {', '.join(known)})"
        return lines.problem(key, f"unknown field{hint}", at_key=True)
    if kind == "missing":
        return lines.problem(key, "required field is missing", at_key=True)
    msg = err["msg"]
    msg = msg.removeprefix("Value error, ")
    msg = msg[0].lower() + msg[1:]
    if kind == "string_pattern_mismatch":
        msg = _pattern_message(key, err)
    elif kind.endswith("_type") or kind in ("literal_error", "too_short", "string_too_long"):
        msg = f"{msg} (got {_show(err['input'])})"
    if kind == "literal_error" and isinstance(err["input"], str):
        allowed = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
        msg += did_you_mean(err["input"].strip().lower(), allowed)
    return lines.problem(key, msg)


def _pattern_message(key: Key, err: ErrorDetails) -> str:
    field = next((str(p) for p in reversed(key) if isinstance(p, str)), "")
    got = _show(err["input"])
    if err.get("ctx", {}).get("pattern") == NOT_BLANK:
        return "must not be blank"
    if field in ("id", "speaker", "actor", "actors", "events", "parent") or field == "":
        return f"expected an id of lowercase letters, digits and hyphens, got {got}"
    if field in ("url",):
        return f"expected an http or https address, got {got}"
    if field == "topics":
        return f"expected a topic label (printable text on one line), got {got}"
    if field == "wikidata":
        return f"expected a Wikidata id such as Q7747, got {got}"
    return f"does not match the expected form, got {got}"


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else _kind(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"


def _fields_at(root: type[BaseModel], key: Key) -> set[str]:
    """Field names of the model found by following `key` from `root`."""
    models: list[type[BaseModel]] = [root]
    for part in key:
        if isinstance(part, int):
            continue
        nxt: list[type[BaseModel]] = []
        for model in models:
            field = model.model_fields.get(part)
            if field is not None:
                nxt.extend(_models_in(field.annotation))
        models = nxt
    return {name for model in models for name in model.model_fields}


def _models_in(tp: Any) -> list[type[BaseModel]]:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [tp]
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(tp)[0])
    if origin in (list, typing.Union, types.UnionType):
        return [m for arg in typing.get_args(tp) for m in _models_in(arg)]
    return []
