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
from ..text.words import slugify
from .csvtable import Row, Table

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
# Event types of the public data sets, in the project's vocabulary.
KIND_NAMES = {
    "battles": "armed-clash",
    "battle": "armed-clash",
    "violence against civilians": "attack",
    "explosions/remote violence": "attack",
    "riots": "protest",
    "protests": "protest",
    "strategic developments": "other",
}
LIST_SEPARATOR = ";"  # several actors (or aliases) in one cell


@dataclass(slots=True)
class Output:
    """What an import would write: file path (relative to briefings/) -> YAML text."""

    files: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def import_events(table: Table, inputs: Inputs, name: str) -> Output:
    """Events, places and new actors from a table of events, checked, as YAML files to write."""
    problems: list[Problem] = []
    place_names = PlaceNames({p.id: p for p in inputs.places})
    actor_ids = {a.id for a in inputs.actors}
    actor_by_name = {n.casefold(): a.id for a in inputs.actors for n in (a.name, *a.aliases)}
    taken_events = {e.id for e in inputs.events} | {
        e.id for b in inputs.briefings.values() for e in b.events if not isinstance(e, str)
    }
    events: list[dict[str, Any]] = []
    places: dict[str, dict[str, Any]] = {}
    place_key: dict[tuple[str, str], str] = {}
    new_actors: dict[str, dict[str, Any]] = {}
    seen_ids: dict[str, int] = {}
    for line, cells in table.rows:
        row = Row(table, line, cells, problems)
        raw_id = row.get("id")
        eid = slugify(f"{name}-{raw_id}" if raw_id and raw_id[:1].isdigit() else raw_id) if raw_id else f"{name}-{line}"
        if len(eid) > MAX_ID:
            row.problem("id", f"id longer than {MAX_ID} characters")
        if eid in seen_ids:
            row.problem("id", f"event id '{eid}' is also on line {seen_ids[eid]}")
        elif eid in taken_events:
            row.problem("id", f"event id '{eid}' is already in briefings/")
        seen_ids[eid] = line
        event: dict[str, Any] = {"id": eid}
        start, end = row.get("date"), row.get("date_end")
        if not start:
            row.problem("date", "no date")
        else:
            written = start if not end or end == start else f"{start}/{end}"
            try:
                event["date"] = dates.check(written)
            except dates.DateError as exc:
                row.problem("date_end" if end and "interval" in str(exc) else "date", str(exc))
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
        place = _place(row, place_names, places, place_key)
        if place:
            event["places"] = [place]
        parts = []
        for col in table.columns.get("actors", []):
            for actor_name in (n.strip() for n in cells.get(col, "").split(LIST_SEPARATOR)):
                if not actor_name:
                    continue
                aid = actor_by_name.get(actor_name.casefold()) or (actor_name if actor_name in actor_ids else None)
                if aid is None:
                    aid = _new_actor(actor_name, actor_ids, new_actors, table.path)
                    actor_by_name[actor_name.casefold()] = aid
                part = _part(col) if len(table.columns["actors"]) > 1 else None
                parts.append({"actor": aid, "part": part} if part else aid)
        if parts:
            event["actors"] = parts
        event.update(_figures_and_source(row))
        _check_record(Event, event, row, problems)
        events.append(event)
    if problems:
        raise BriefingsError(problems)
    out = Output(counts={"events": len(events), "places": len(places), "actors": len(new_actors)})
    header = f"Imported from {table.path.name} by `briefings import events`."
    out.files[f"events/{name}.yaml"] = _yaml("events", EventFile, events, header, table.path)
    if places:
        out.files[f"places/{name}.yaml"] = _yaml("places", PlaceFile, list(places.values()), header, table.path)
    if new_actors:
        note = header + " Kinds are 'other' until you set them."
        out.files[f"actors/{name}.yaml"] = _yaml("actors", ActorFile, list(new_actors.values()), note, table.path)
    return out


def _figures_and_source(row: Row) -> dict[str, Any]:
    """The row's fatalities (a number, or best/low/high), displaced and source, as event fields."""
    out: dict[str, Any] = {}
    best, low, high = row.number("fatalities"), row.number("fatalities_low"), row.number("fatalities_high")
    if low is not None or high is not None:
        out["fatalities"] = {k: v for k, v in (("best", best), ("low", low), ("high", high)) if v is not None}
    elif best is not None:
        out["fatalities"] = best
    displaced = row.number("displaced")
    if displaced is not None:
        out["displaced"] = displaced
    if row.get("source") or row.get("url"):
        src: dict[str, Any] = {"title": row.get("source") or row.get("url")}
        if row.get("url"):
            src["url"] = row.get("url")
        out["sources"] = [src]
    return out


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


def _place(
    row: Row, place_names: PlaceNames, places: dict[str, dict[str, Any]], place_key: dict[tuple[str, str], str]
) -> str | None:
    """The id of the row's place: one the registry has, or a new one (with the row's coordinates)."""
    name, country = row.get("place"), row.get("country")
    lat, lon = row.degrees("lat", 90), row.degrees("lon", 180)
    if (lat is None) != (lon is None) and (row.get("lat") or row.get("lon")):
        row.problem("lat" if lat is None else "lon", "give both latitude and longitude, or neither")
    if not name:
        name = country
        country = ""
    if not name:
        return None
    known = place_names.find(name)
    if known is not None:
        return known
    key = (name.casefold(), country.casefold())
    if key in place_key:
        return place_key[key]
    parent = None
    if country:
        parent = place_names.find(country) or place_key.get((country.casefold(), ""))
        if parent is None:
            parent = _unique_id(slugify(country), place_names, places)
            places[parent] = {"id": parent, "name": country, "kind": "country"}
            place_key[(country.casefold(), "")] = parent
    pid = _unique_id(slugify(name), place_names, places, slugify(f"{name}-{country}") if country else None)
    record: dict[str, Any] = {"id": pid, "name": name}
    if country:
        record["country"] = country
        record["parent"] = parent
    if lat is not None and lon is not None:
        record["lat"], record["lon"] = lat, lon
    places[pid] = record
    place_key[key] = pid
    return pid


def _unique_id(base: str, place_names: PlaceNames, places: Mapping[str, object], second: str | None = None) -> str:
    for candidate in (base, second):
        if candidate and candidate not in places and candidate not in place_names.places:
            return candidate
    n = 2
    while f"{base}-{n}" in places or f"{base}-{n}" in place_names.places:
        n += 1
    return f"{base}-{n}"


def _new_actor(name: str, taken: set[str], new: dict[str, dict[str, Any]], source: Path) -> str:
    base = slugify(name)[:MAX_ID]
    aid, n = base, 1
    while aid in taken or aid in new:
        n += 1
        aid = f"{base}-{n}"
    new[aid] = {"id": aid, "name": name, "kind": "other", "sources": [{"title": source.name}]}
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
    header = f"Imported from {table.path.name} by `briefings import actors`."
    return Output(
        {f"actors/{name}.yaml": _yaml("actors", ActorFile, actors, header, table.path)}, {"actors": len(actors)}
    )


def _check_record(cls: type[BaseModel], record: dict[str, Any], row: Row, problems: list[Problem]) -> None:
    """The model's own verdict on a converted row, reported at the row (never half-checked)."""
    if any(p.line == row.line and p.path == display_path(row.table.path) for p in problems):
        return  # the row's own problems say more
    try:
        cls.model_validate(record)
    except ValidationError as exc:
        for err in exc.errors():
            field = next((str(p) for p in err["loc"] if isinstance(p, str) and p in record), "")
            column = row.column(field) if field else ""
            problems.append(
                Problem(display_path(row.table.path), row.line, column, f"{field or 'row'}: {err['msg'].lower()}")
            )


def _yaml(key: str, cls: type[BaseModel], records: list[dict[str, Any]], header: str, source: Path) -> str:
    if len(records) > MAX_REGISTRY:
        message = f"{len(records):,} {key}: one registry file holds at most {MAX_REGISTRY:,}; split the table"
        raise BriefingsError([Problem(display_path(source), 0, "", message)])
    try:
        cls.model_validate({key: records})  # the whole file too (each record already passed)
    except ValidationError as exc:
        raise BriefingsError([Problem(display_path(source), 0, key, exc.errors()[0]["msg"].lower())]) from None
    schema = {"events": "events", "places": "places", "actors": "actors"}[key]
    body = yaml.safe_dump({key: records}, allow_unicode=True, sort_keys=False, width=100)
    return f"# yaml-language-server: $schema=../../schema/{schema}.schema.json\n# {header}\n{body}"


def check_free(root: Path, what: str, name: str) -> None:
    """Refuse an import whose main file exists already (before any work is done)."""
    target = root / what / f"{name}.yaml"
    if target.exists():
        raise BriefingsError([Problem(display_path(target), 0, "", "already exists; choose another --name")])


def write(root: Path, output: Output) -> list[str]:
    """Write the files of an import under `root` (briefings/); none may exist already."""
    clashes = [rel for rel in output.files if (root / rel).exists()]
    if clashes:
        problems = [
            Problem(display_path(root / rel), 0, "", "already exists; choose another --name") for rel in clashes
        ]
        raise BriefingsError(problems)
    writer = Writer(root)
    for rel, text in output.files.items():
        writer.write_bytes(rel, text.encode("utf-8"))
    return list(output.files)
