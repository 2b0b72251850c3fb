"""`briefings import`: analysts' own tables (CSV) into registry files under briefings/.

A table of events (one row per event, shaped like the public conflict-event data sets: id,
start and end date, place, country, coordinates, actors, fatalities) becomes
briefings/events/NAME.yaml, with the places it names in briefings/places/NAME.yaml and the
actors the registry does not know yet in briefings/actors/NAME.yaml. A table of actors becomes
briefings/actors/NAME.yaml. Columns are found by their usual names or mapped with --map.

Every record is checked against the model before anything is written; a bad row is reported
by its line in the file and its column, and then nothing is written at all.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..core.errors import BriefingsError, Problem, display_path
from ..core.writer import Writer
from ..link.places import PlaceNames
from ..load.files import Inputs
from ..model import dates
from ..model.fields import MAX_ID, MAX_REGISTRY
from ..model.records import ACTOR_KINDS, EVENT_KINDS, Actor, ActorFile, Event, EventFile, PlaceFile
from ..text.words import plural, slugify
from .csvtable import Row, Table, normal_name
from .datasets import KIND_NAMES, Converted, Dataset, Location, Side, actor_kind, cut_sources, epoch_hint, estimate

# Usual column names of each field (lower case, spaces as underscores), first match wins.
EVENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "event_id", "event_id_cnty"),
    "date": ("date", "date_start", "start_date", "event_date"),
    "date_end": ("date_end", "end_date"),
    "title": ("title", "headline"),
    "kind": ("kind", "event_type"),
    "description": ("description", "summary", "notes"),
    "place": ("place", "location", "where_coordinates", "where"),
    "country": ("country",),
    "lat": ("latitude", "lat"),
    "lon": ("longitude", "lon", "lng"),
    "actors": ("actors", "actor", "actor1", "actor2", "side_a", "side_b"),  # every one present
    "mentions": ("mentions", "mentioned"),
    "fatalities": ("fatalities", "best", "deaths"),
    "fatalities_low": ("low", "fatalities_low"),
    "fatalities_high": ("high", "fatalities_high"),
    "displaced": ("displaced",),
    "source": ("source", "source_article"),
    "url": ("url", "source_url"),
}
ACTOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "actor_id"),
    "name": ("name", "actor", "actor_name"),
    "kind": ("kind", "type"),
    "aliases": ("aliases", "alias", "other_names"),
    "country": ("country",),
    "role": ("role", "title"),
    "description": ("description",),
    "wikidata": ("wikidata", "wikidata_id"),
}
FIELD_COLUMNS = {"sources": "source", "places": "place"}  # an event field, and the column it came from
LIST_SEPARATOR = ";"  # several actors (or aliases) in one cell


@dataclass(slots=True)
class Output:
    """What an import would write: file path (relative to briefings/) -> YAML text; what it
    counted, and what a user should read (columns dropped, rows skipped, data repaired)."""

    files: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    report: list[str] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class Previous:
    """The files an earlier import of the same name wrote, for --update: their records by id."""

    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    places: dict[str, dict[str, Any]] = field(default_factory=dict)
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)


# 93 lines, on purpose: one row's way from cells to a checked event (ids, places, actors, model
# check, skip or fail) reads best in one piece; conversion and places are functions of their own.
def import_events(
    table: Table,
    inputs: Inputs,
    name: str,
    *,
    dataset: Dataset | None = None,
    skip_bad: bool = False,
    previous: Previous | None = None,
) -> Output:
    """Events, places and new actors from a table of events (the analysts' own columns, or a public
    data set's as downloaded), checked, as YAML files to write.

    A bad row stops the import (nothing is written) unless `skip_bad`, which leaves it out and
    reports it. With `previous` (the files of an earlier import of this name), events with the
    same id are replaced, new ones added, and the rest kept; places and actors it made are kept
    as they are (an analyst may have set their kinds), new ones added.
    """
    problems: list[Problem] = []
    previous = previous or Previous()
    place_names = PlaceNames({p.id: p for p in inputs.places})
    actor_ids = {a.id for a in inputs.actors} | set(previous.actors)
    actor_by_name = {n.casefold(): a.id for a in inputs.actors for n in (a.name, *a.aliases)}
    for record in previous.actors.values():
        for n in (record["name"], *record.get("aliases", [])):
            actor_by_name.setdefault(n.casefold(), record["id"])
    taken_events = {e.id for e in inputs.events} | {
        e.id for b in inputs.briefings.values() for e in b.events if not isinstance(e, str)
    }
    events: list[dict[str, Any]] = []
    places = _Places(place_names, dict(previous.places))
    new_actors: dict[str, dict[str, Any]] = dict(previous.actors)
    seen_ids: dict[str, int] = {}
    skipped: list[Problem] = []
    warnings: dict[str, list[int]] = {}
    convert = dataset.convert if dataset is not None else _table_row
    prefix = dataset.id_prefix if dataset is not None else name
    for line, cells in table.rows:
        row = Row(table, line, cells, problems)
        before = len(problems)
        converted = convert(row, prefix)
        event = converted.event
        eid = event["id"] or f"{name}-{line}"
        event["id"] = eid
        if len(eid) > MAX_ID:
            row.problem(dataset.id_column if dataset else "id", f"id longer than {MAX_ID} characters")
        if eid in seen_ids:
            row.problem(dataset.id_column if dataset else "id", f"event id '{eid}' is also on line {seen_ids[eid]}")
        elif eid in taken_events:
            row.problem(dataset.id_column if dataset else "id", f"event id '{eid}' is already in briefings/")
        seen_ids[eid] = line
        if converted.location is not None:
            place = places.find_or_add(converted.location)
            if place:
                event["places"] = [place]
        parts: list[dict[str, Any] | str] = []
        for side in converted.sides:
            aid = _actor_id(side, actor_by_name, actor_ids, new_actors, table.path)
            if all((p if isinstance(p, str) else p["actor"]) != aid for p in parts):
                parts.append({"actor": aid, "part": side.part} if side.part else aid)
        if parts:
            event["actors"] = parts
        mentions = [_actor_id(m, actor_by_name, actor_ids, new_actors, table.path) for m in converted.mentions]
        if mentions:
            event["mentions"] = list(dict.fromkeys(mentions))
        event = {k: v for k, v in event.items() if v not in (None, [], "")}
        _check_record(Event, event, row, problems)
        if len(problems) > before and skip_bad:
            skipped += problems[before:]
            del problems[before:]
            continue
        for warning in converted.warnings:
            warnings.setdefault(warning, []).append(line)
        events.append(event)
    if problems:
        raise BriefingsError(problems)
    merged, changes = _merge(previous.events, events)
    counts = {"events": len(events), "places": len(places.made), "actors": len(new_actors) - len(previous.actors)}
    out = Output(counts=counts, skipped=skipped)
    source = f"{table.path.name}" + (f" ({dataset.title})" if dataset else "")
    header = [f"Imported from {source} by `briefings import events`."]
    if dataset is not None:
        dropped = dataset.dropped(table.headers)
        if dropped:
            header.append("Columns with no home in the model, not imported: " + ", ".join(dropped) + ".")
    if previous.events:
        header.append(
            f"Updated with --update: {changes['changed']} changed, {changes['added']} added,"
            f" {changes['unchanged']} unchanged, {changes['kept']} kept from before (not in this table)."
        )
    if skipped:
        lines = sorted({p.line for p in skipped})
        header.append(f"{plural(len(lines), 'row')} skipped with --skip-bad ({_lines(lines)}): see the report above.")
    for warning, lines in warnings.items():
        header.append(f"{plural(len(lines), 'row')}: {warning} ({_lines(lines)}).")
    out.report = header[1:]
    out.files[f"events/{name}.yaml"] = _yaml("events", EventFile, merged, header, table.path)
    place_records = list(places.records.values())
    if place_records:
        out.files[f"places/{name}.yaml"] = _yaml("places", PlaceFile, place_records, header[:1], table.path)
    if new_actors:
        note = [*header[:1], "Kinds come from the data where it says them (other where it does not): check them."]
        out.files[f"actors/{name}.yaml"] = _yaml("actors", ActorFile, list(new_actors.values()), note, table.path)
    return out


def _lines(lines: list[int], shown: int = 20) -> str:
    """'line 3', 'lines 3, 4, 9', 'lines 3, ... and 40 more'."""
    text = ", ".join(str(n) for n in lines[:shown])
    return (
        ("lines " if len(lines) > 1 else "line ")
        + text
        + (f" and {len(lines) - shown} more" if len(lines) > shown else "")
    )


def _merge(old: dict[str, dict[str, Any]], new: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The new events, then the old ones the new table no longer has; and what changed."""
    changes = {"changed": 0, "added": 0, "unchanged": 0, "kept": 0}
    ids = set()
    for event in new:
        ids.add(event["id"])
        if event["id"] not in old:
            changes["added"] += 1
        elif old[event["id"]] != event:
            changes["changed"] += 1
        else:
            changes["unchanged"] += 1
    kept = [e for eid, e in old.items() if eid not in ids]
    changes["kept"] = len(kept)
    return new + kept, changes


def _table_row(row: Row, name: str) -> Converted:
    """A row of an analyst's own table (columns by their usual names or --map) as an event."""
    table, cells = row.table, row.row
    raw_id = row.get("id")
    eid = slugify(f"{name}-{raw_id}" if raw_id and raw_id[:1].isdigit() else raw_id) if raw_id else ""
    event: dict[str, Any] = {"id": eid}
    start, end = row.get("date"), row.get("date_end")
    if not start:
        row.problem("date", "no date")
    else:
        event["date"] = _date(row, start, end)
    for key in ("title", "description"):
        if row.get(key):
            event[key] = row.get(key)
    if "title" not in event and "description" not in event:
        event["title"] = _title(row)
    kind = row.get("kind")
    if kind:
        chosen = kind if kind in EVENT_KINDS else KIND_NAMES.get(kind.casefold())
        if chosen is None:
            row.problem("kind", f"unknown kind {kind!r}; use one of: {', '.join(EVENT_KINDS)}")
        else:
            event["kind"] = chosen
    sides = []
    for col in table.columns.get("actors", []):
        for actor_name in (n.strip() for n in cells.get(col, "").split(LIST_SEPARATOR)):
            if actor_name:
                part = _part(col) if len(table.columns["actors"]) > 1 else None
                sides.append(Side(actor_name, part, actor_kind(actor_name)))
    mentions = [Side(n.strip(), None, actor_kind(n.strip())) for n in row.get("mentions").split(LIST_SEPARATOR)]
    figures, warnings = _figures_and_source(row)
    event.update(figures)
    return Converted(event, sides, _location(row), warnings, [m for m in mentions if m.name])


def _date(row: Row, start: str, end: str) -> str | None:
    """The row's date (a day, month or year) or interval, each end checked on its own so that a
    problem names its own column; a hint for dates written as seconds since 1970."""
    for column, text in (("date", start), ("date_end", end)):
        if not text:
            continue
        try:
            dates.check(text)
        except dates.DateError as exc:
            row.problem(column, f"{exc}{epoch_hint(text)}")
            return None
    written = start if not end or end == start else f"{start}/{end}"
    try:
        return dates.check(written)
    except dates.DateError as exc:
        row.problem("date_end", str(exc))
        return None


def _figures_and_source(row: Row) -> tuple[dict[str, Any], list[str]]:
    """The row's fatalities (a number, or best/low/high), displaced and source, as event fields."""
    out: dict[str, Any] = {}
    figure, warning = estimate(row.number("fatalities"), row.number("fatalities_low"), row.number("fatalities_high"))
    warnings = [warning] if warning else []
    if figure is not None:
        out["fatalities"] = figure
    displaced = row.number("displaced")
    if displaced is not None:
        out["displaced"] = displaced
    if row.get("source") or row.get("url"):
        src: dict[str, Any] = {"title": row.get("source") or row.get("url")}
        if row.get("url"):
            src["url"] = row.get("url")
        out["sources"], cut = cut_sources([src])
        if cut:
            warnings.append("a source over 1,000 characters cut")
    return out, warnings


def _title(row: Row) -> str:
    """A plain title for an event that has neither title nor description: its kind and place."""
    kind = row.get("kind")
    what = (KIND_NAMES.get(kind.casefold(), kind) if kind else "event").replace("-", " ")
    where = row.get("place") or row.get("country")
    return what[:1].upper() + what[1:] + (f" in {where}" if where else "")


def _part(column: str) -> str:
    """An actor's part from its column's name: side_a -> 'side A', actor1 -> 'actor 1'."""
    words = re.sub(r"(?<=[a-z])(?=[0-9])", " ", column.replace("_", " ")).split()
    return " ".join(w.upper() if len(w) == 1 and w.isalpha() else w for w in words)


def _location(row: Row) -> Location | None:
    """An analyst's table's place: its name (or the country alone) in its country."""
    name, country = row.get("place"), row.get("country")
    lat, lon = row.degrees("lat", 90), row.degrees("lon", 180)
    if (lat is None) != (lon is None) and (row.get("lat") or row.get("lon")):
        row.problem("lat" if lat is None else "lon", "give both latitude and longitude, or neither")
    chain: list[tuple[str, str | None]] = [(country, "country")] if country else []
    if name and (not country or name.casefold() != country.casefold()):
        chain.append((name, None))
    if not chain:
        return None
    return Location(chain, lat if lon is not None else None, lon if lat is not None else None)


ADMIN_WORDS = frozenset(  # how data sets write an administrative area's level after its name
    {"oblast", "province", "governorate", "region", "state", "district", "raion", "rayon", "prefecture",
     "department", "county", "municipality", "division", "wilaya"}
)  # fmt: skip


class _Places:
    """The places an import names: each found in the registry or made once, in its parent."""

    def __init__(self, place_names: PlaceNames, previous: dict[str, dict[str, Any]]) -> None:
        self.names = place_names
        self.records: dict[str, dict[str, Any]] = previous  # new (and earlier imported) places by id
        self.made: set[str] = set()
        self.by_path: dict[tuple[str, ...], str] = {}
        for pid in previous:
            self.by_path.setdefault(self._path_of(pid), pid)

    def _path_of(self, pid: str) -> tuple[str, ...]:
        path: list[str] = []
        while pid in self.records and len(path) < 20:
            path.insert(0, self.records[pid]["name"].casefold())
            pid = self.records[pid].get("parent") or ""
        return tuple(path)

    def find_or_add(self, location: Location) -> str | None:
        """The id of the location's own place, making the chain down to it where needed."""
        parent: str | None = None
        country = location.chain[0][0] if location.chain[0][1] == "country" else None
        pid: str | None = None
        for depth, (name, kind) in enumerate(location.chain):
            last = depth == len(location.chain) - 1
            path = tuple(n.casefold() for n, _ in location.chain[: depth + 1])
            pid = self.by_path.get(path)
            if pid is None:
                known = self._in_registry(name, kind, parent)
                if known is not None:
                    pid = known
                else:
                    pid = self._add(name, kind, parent, country if depth else None, location if last else None)
                self.by_path[path] = pid
            parent = pid
        return pid

    def _in_registry(self, name: str, kind: str | None, parent: str | None) -> str | None:
        """The registry's place by this name in this parent; an administrative area written with
        its level ('Donetsk oblast', 'Idlib governorate') is also the registry's area of that kind
        written without it ('Donetsk')."""
        known = self.names.find(name)
        registry = self.names.places.get(known) if known else None
        if registry is not None and registry.parent in (None, parent or registry.parent):
            return known
        words = name.rsplit(" ", 1)
        if not kind or len(words) != 2 or words[1].casefold() not in ADMIN_WORDS:
            return None
        areas = [
            pid
            for pid in self.names.by_name.get(words[0].casefold(), ())
            if self.names.places[pid].kind == kind and self.names.places[pid].parent in (None, parent)
        ]
        return areas[0] if len(areas) == 1 else None

    def _add(
        self, name: str, kind: str | None, parent: str | None, country: str | None, location: Location | None
    ) -> str:
        parent_name = self.records[parent]["name"] if parent in self.records else None
        second = slugify(f"{name}-{parent_name}") if parent_name else None
        pid = _unique_id(slugify(name), self.names, self.records, second)
        record: dict[str, Any] = {"id": pid, "name": name}
        if kind:
            record["kind"] = kind
        if country:
            record["country"] = country
        if parent:
            record["parent"] = parent
        if location is not None:
            if location.aliases:
                record["aliases"] = location.aliases
            if location.lat is not None and location.lon is not None:
                record["lat"], record["lon"] = location.lat, location.lon
                if location.precision:
                    record["precision"] = location.precision
        self.records[pid] = record
        self.made.add(pid)
        return pid


def _unique_id(base: str, place_names: PlaceNames, places: Mapping[str, object], second: str | None = None) -> str:
    for candidate in (base, second):
        if candidate and candidate not in places and candidate not in place_names.places:
            return candidate
    n = 2
    while f"{base}-{n}" in places or f"{base}-{n}" in place_names.places:
        n += 1
    return f"{base}-{n}"


def _actor_id(side: Side, by_name: dict[str, str], ids: set[str], new: dict[str, dict[str, Any]], source: Path) -> str:
    """The id of the actor a row names: one the registry (or this import) has by that name or
    alias, or a new one."""
    aid = by_name.get(side.name.casefold()) or (side.name if side.name in ids else None)
    if aid is None:
        aid = _new_actor(side, ids, new, source)
        by_name[side.name.casefold()] = aid
    return aid


def _new_actor(side: Side, taken: set[str], new: dict[str, dict[str, Any]], source: Path) -> str:
    base = slugify(side.name)[:MAX_ID]
    aid, n = base, 1
    while aid in taken or aid in new:
        n += 1
        aid = f"{base}-{n}"
    record: dict[str, Any] = {"id": aid, "name": side.name, "kind": side.kind}
    if side.role:
        record["role"] = side.role
    if side.links:
        record["links"] = side.links
    record["sources"] = [{"title": source.name}]
    new[aid] = record
    taken.add(aid)
    return aid


def import_actors(table: Table, inputs: Inputs, name: str) -> Output:
    """Actor records from a table of actors, checked, as one YAML file to write."""
    problems: list[Problem] = []
    taken = {a.id: a.name for a in inputs.actors}
    actors: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        row = Row(table, line, cells, problems)
        actor_name = row.get("name")
        if not actor_name:
            row.problem("name", "no name")
            continue
        aid = row.get("id") or slugify(actor_name)
        if aid in seen:
            row.problem("id", f"actor id '{aid}' is also on line {seen[aid]}")
        elif aid in taken:
            row.problem("id", f"actor id '{aid}' is already in the registry ({taken[aid]})")
        seen[aid] = line
        kind = (row.get("kind") or "other").lower().replace(" ", "-").replace("_", "-")
        if kind not in ACTOR_KINDS:
            row.problem("kind", f"unknown kind {row.get('kind')!r}; use one of: {', '.join(ACTOR_KINDS)}")
        record: dict[str, Any] = {"id": aid, "name": actor_name, "kind": kind}
        aliases = [a.strip() for a in row.get("aliases").split(LIST_SEPARATOR) if a.strip()]
        if aliases:
            record["aliases"] = aliases
        for key in ("role", "country", "description", "wikidata"):
            if row.get(key):
                record[key] = row.get(key)
        record["sources"] = [{"title": table.path.name}]
        _check_record(Actor, record, row, problems)
        actors.append(record)
    if problems:
        raise BriefingsError(problems)
    header = [f"Imported from {table.path.name} by `briefings import actors`."]
    return Output(
        {f"actors/{name}.yaml": _yaml("actors", ActorFile, actors, header, table.path)}, {"actors": len(actors)}
    )


def _check_record(cls: type[BaseModel], record: dict[str, Any], row: Row, problems: list[Problem]) -> None:
    """The model's own verdict on a converted row, reported at the row and at the column the
    field came from (never half-checked)."""
    if any(p.line == row.line and p.path == display_path(row.table.path) for p in problems):
        return  # the row's own problems say more
    try:
        cls.model_validate(record)
    except ValidationError as exc:
        for err in exc.errors():
            field = next((str(p) for p in err["loc"] if isinstance(p, str) and p in record), "")
            name = field if field in row.table.columns else FIELD_COLUMNS.get(field, field)
            column = row.column(name) if field else ""
            problems.append(
                Problem(display_path(row.table.path), row.line, column, f"{field or 'row'}: {err['msg'].lower()}")
            )


def _yaml(key: str, cls: type[BaseModel], records: list[dict[str, Any]], header: list[str], source: Path) -> str:
    if len(records) > MAX_REGISTRY:
        message = f"{len(records):,} {key}: one registry file holds at most {MAX_REGISTRY:,}; split the table"
        raise BriefingsError([Problem(display_path(source), 0, "", message)])
    try:
        cls.model_validate({key: records})  # the whole file too (each record already passed)
    except ValidationError as exc:
        raise BriefingsError([Problem(display_path(source), 0, key, exc.errors()[0]["msg"].lower())]) from None
    schema = {"events": "events", "places": "places", "actors": "actors"}[key]
    body = yaml.safe_dump({key: records}, allow_unicode=True, sort_keys=False, width=100)
    comments = "".join(f"# {' '.join(line.split())}\n" for line in header)
    return f"# yaml-language-server: $schema=../../schema/{schema}.schema.json\n{comments}{body}"


def check_free(root: Path, what: str, name: str) -> None:
    """Refuse an import whose main file exists already (before any work is done)."""
    target = root / what / f"{name}.yaml"
    if target.exists():
        message = "already exists; choose another --name" + (", or --update it" if what == "events" else "")
        raise BriefingsError([Problem(display_path(target), 0, "", message)])


def check_columns(table: Table, dataset: Dataset) -> None:
    """Refuse a table that lacks columns the data set's rows need (a cut-down download)."""
    present = {normal_name(h) for h in table.headers}
    missing = sorted(dataset.signature - present)
    if missing:
        message = f"not a {dataset.title} table as downloaded: no column {', '.join(missing)}"
        raise BriefingsError([Problem(display_path(table.path), 1, "", message)])


def previous(root: Path, name: str, inputs: Inputs) -> tuple[Inputs, Previous]:
    """The records an earlier import of `name` wrote (for --update), and the project's inputs
    without them (so their ids are not taken)."""
    found = Previous()
    files: set[Path] = set()
    for key, records in (("events", found.events), ("places", found.places), ("actors", found.actors)):
        path = root / key / f"{name}.yaml"
        if not path.is_file():
            continue
        files.add(path.resolve())
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for record in data.get(key) or []:
            records[record["id"]] = record
    if not found.events:
        target = display_path(root / "events" / f"{name}.yaml")
        raise BriefingsError([Problem(target, 0, "", "nothing to update: no earlier import of this name")])

    def elsewhere(record: Any) -> bool:
        return Path(record.where()[0].path).resolve() not in files

    kept = Inputs(
        inputs.root,
        actors=[a for a in inputs.actors if elsewhere(a)],
        events=[e for e in inputs.events if elsewhere(e)],
        places=[p for p in inputs.places if elsewhere(p)],
        briefings=inputs.briefings,
        texts=inputs.texts,
    )
    return kept, found


def write(root: Path, output: Output, *, replace: bool = False) -> list[str]:
    """Write the files of an import under `root` (briefings/); none may exist already, unless
    `replace` (an --update of an earlier import)."""
    clashes = [rel for rel in output.files if (root / rel).exists()] if not replace else []
    if clashes:
        problems = [
            Problem(display_path(root / rel), 0, "", "already exists; choose another --name") for rel in clashes
        ]
        raise BriefingsError(problems)
    writer = Writer(root)
    for rel, text in output.files.items():
        writer.write_bytes(rel, text.encode("utf-8"))
    return list(output.files)
