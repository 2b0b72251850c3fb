"""The corpus as tables, for spreadsheets, pandas and R: CSV, JSON or JSON Lines, with a
Frictionless data package descriptor (datapackage.json) that names every field and its type.

Entities get a table each (briefings, actors, events, places, quotes, sources); what links them
gets a table of pairs (appearances, briefing_topics, ...), so each cell holds one value and the
tables join on their ids. List columns in the entity tables ("; "-joined) are for reading only.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..link.corpus import Corpus
from ..model.records import FIGURES
from ..text.messages import N_
from . import export_rows

FORMATS = ("csv", "json", "jsonl")
# A CSV text cell that begins with one of these is written with a leading apostrophe, so that a
# spreadsheet shows it instead of running it as a formula (OWASP, "CSV injection"); JSON keeps
# the text exactly as written.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_NOTE = (
    "Text cells that begin with =, +, -, @, a tab or a carriage return are written with a leading "
    "apostrophe (') so that spreadsheets show them instead of running them as formulas; the JSON "
    "export holds every text exactly as written."
)


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: str  # Table Schema type: string, integer, number, date, boolean
    description: str


@dataclass(frozen=True, slots=True)
class Table:
    """One table: its name, what a row is, its fields, its key, and how to make its rows."""

    name: str
    title: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]  # primary key (none for the tables of pairs)
    foreign: tuple[tuple[str, str, str], ...]  # (field, table, field)
    rows: Callable[[Corpus, str], Iterator[export_rows.Row]]


def _s(name: str, description: str) -> Field:
    return Field(name, "string", description)


def _i(name: str, description: str) -> Field:
    return Field(name, "integer", description)


_URL = _s("url", "Its page on the site.")
_FIGURE_FIELDS = tuple(
    Field(f"{name}_{part}", "integer", f"{name.capitalize()}: {part} estimate.")
    for name in FIGURES
    for part in ("best", "low", "high")
)
TABLES: tuple[Table, ...] = (
    Table(
        "briefings",
        N_("Briefings, newest first"),
        (
            _s("id", "The briefing's id (its file name)."),
            _s("title", "Title."),
            Field("date", "date", "The briefing's day."),
            _s("period", "The period it covers (ISO 8601, may be an interval), if not one day."),
            _s("status", "published or draft."),
            _s("marking", "Its own handling marking (TLP 2.0); empty: the site's default."),
            _s("summary", "Bottom line, as plain text."),
            _s("key_points", "Key points, one per line, as plain text."),
            _s("assessment", "Assessment, as plain text."),
            _s("topics", "Topics, '; '-joined (see briefing_topics)."),
            _i("actors", "Actors in it."),
            _i("quotes", "Quotes in it."),
            _i("events", "Events it cites."),
            _URL,
        ),
        ("id",),
        (),
        export_rows.briefings,
    ),
    Table(
        "actors",
        N_("People, organisations and states"),
        (
            _s("id", "The actor's id."),
            _s("name", "Name."),
            _s("kind", "person, state, government-body, armed-group, ..."),
            _s("role", "Role or title in general."),
            _s("country", "Country."),
            _s("aliases", "Other names, '; '-joined."),
            _s("description", "Description."),
            _s("wikidata", "Wikidata item (Q...)."),
            _i("briefings", "Briefings they appear in."),
            _i("quotes", "Quotes of theirs."),
            _i("events", "Events they take part in."),
            _URL,
        ),
        ("id",),
        (),
        export_rows.actors,
    ),
    Table(
        "events",
        N_("Events, in date order"),
        (
            _s("id", "The event's id."),
            _s("date", "The date as written: its precision, intervals, ~ for about."),
            _s("start", "First day, month or year (ISO 8601)."),
            _s("end", "Last day, month or year (ISO 8601); the start for one date."),
            Field("approximate", "boolean", "The date is approximate (~)."),
            _s("title", "Title, or the description's first sentence."),
            _s("kind", "statement, meeting, armed-clash, ..."),
            _s("description", "Description, as plain text."),
            _s("places", "Places as written, '; '-joined (see event_places)."),
            _s("actors", "Actor ids, '; '-joined (see event_actors)."),
            _i("briefings", "Briefings citing it."),
            _i("credibility", "Credibility, 1-6 (Admiralty), when graded."),
            *_FIGURE_FIELDS,
            _URL,
        ),
        ("id",),
        (),
        export_rows.events,
    ),
    Table(
        "places",
        N_("Places named in briefings and events"),
        (
            _s("slug", "The place's page id."),
            _s("name", "Name."),
            _s("registry_id", "Its id in the place registry, when it has one."),
            _s("kind", "country, city, ..."),
            _s("country", "Country."),
            _s("parent", "Registry id of the place it lies in."),
            Field("lat", "number", "Latitude (WGS 84)."),
            Field("lon", "number", "Longitude (WGS 84)."),
            _s("wikidata", "Wikidata item (Q...)."),
            _s("aliases", "Other names, '; '-joined."),
            _i("briefings", "Briefings naming it."),
            _i("events", "Events at it."),
            _URL,
        ),
        ("slug",),
        (),
        export_rows.places,
    ),
    Table(
        "quotes",
        N_("Quotes, verbatim, with their speakers"),
        (
            _s("briefing", "The briefing's id."),
            _i("number", "Its number in the briefing."),
            _s("speaker", "The speaker's actor id."),
            _s("speaker_name", "The speaker's name."),
            _s("text", "The words, verbatim."),
            _s("context", "When or where it was said."),
            _s("language", "The language of the words, a BCP 47 tag (empty when not given)."),
            _s("translation", "The words translated (empty when not given)."),
            _s("translated_by", "Who translated them."),
            Field("date", "date", "The briefing's day."),
            _s("url", "The quote on the briefing's page."),
        ),
        ("briefing", "number"),
        (("briefing", "briefings", "id"), ("speaker", "actors", "id")),
        export_rows.quotes,
    ),
    Table(
        "sources",
        N_("Sources of each briefing"),
        (
            _s("briefing", "The briefing's id."),
            _i("number", "Its number in the briefing."),
            _s("title", "Title."),
            _s("publication", "Publication."),
            _s("author", "Author."),
            _s("published", "Publication date (its precision)."),
            _s("url", "Address."),
            _s("reliability", "Source reliability, A-F (Admiralty), when graded."),
            _s("note", "Note."),
        ),
        ("briefing", "number"),
        (("briefing", "briefings", "id"),),
        export_rows.sources,
    ),
    Table(
        "key_points",
        N_("Key points of each briefing, with their credibility"),
        (
            _s("briefing", "The briefing's id."),
            _i("number", "Its number in the briefing."),
            _s("text", "The key point, as plain text."),
            _i("credibility", "Credibility, 1-6 (Admiralty), when graded."),
        ),
        ("briefing", "number"),
        (("briefing", "briefings", "id"),),
        export_rows.key_points,
    ),
    Table(
        "appearances",
        N_("Actors in each briefing, with their role"),
        (_s("briefing", "The briefing's id."), _s("actor", "The actor's id."), _s("role", "Their part in it.")),
        (),
        (("briefing", "briefings", "id"), ("actor", "actors", "id")),
        export_rows.appearances,
    ),
    Table(
        "briefing_topics",
        N_("Topics of each briefing"),
        (_s("briefing", "The briefing's id."), _s("topic", "The topic.")),
        (),
        (("briefing", "briefings", "id"),),
        export_rows.briefing_topics,
    ),
    Table(
        "briefing_places",
        N_("Places each briefing names"),
        (
            _s("briefing", "The briefing's id."),
            _s("place", "The place's slug."),
            _s("as_written", "The name as the briefing writes it."),
        ),
        (),
        (("briefing", "briefings", "id"), ("place", "places", "slug")),
        export_rows.briefing_places,
    ),
    Table(
        "briefing_events",
        N_("Events each briefing cites"),
        (_s("briefing", "The briefing's id."), _s("event", "The event's id.")),
        (),
        (("briefing", "briefings", "id"), ("event", "events", "id")),
        export_rows.briefing_events,
    ),
    Table(
        "event_actors",
        N_("Actors of each event, with their part"),
        (_s("event", "The event's id."), _s("actor", "The actor's id."), _s("part", "Their part: side A, ...")),
        (),
        (("event", "events", "id"), ("actor", "actors", "id")),
        export_rows.event_actors,
    ),
    Table(
        "event_places",
        N_("Places of each event"),
        (
            _s("event", "The event's id."),
            _s("place", "The place's slug."),
            _s("as_written", "The name as the event writes it."),
        ),
        (),
        (("event", "events", "id"), ("place", "places", "slug")),
        export_rows.event_places,
    ),
)


def table_file(corpus: Corpus, name: str, fmt: str, site_url: str) -> str:
    """One table as the text of a CSV, JSON or JSON Lines file."""
    table = next(t for t in TABLES if t.name == name)
    rows = table.rows(corpus, site_url)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, [f.name for f in table.fields], lineterminator="\n")
        writer.writeheader()
        texts = [f.name for f in table.fields if f.type == "string"]
        for row in rows:
            for name in texts:
                value = row.get(name)
                if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                    row[name] = "'" + value
            writer.writerow(row)
        return out.getvalue()
    if fmt == "jsonl":
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    return json.dumps(list(rows), ensure_ascii=False, indent=1) + "\n"


def datapackage(fmt: str, title: str, site_url: str) -> str:
    """The Frictionless data package descriptor of the tables in format `fmt`."""
    resources = []
    for t in TABLES:
        resource: dict[str, Any] = {
            "name": t.name.replace("_", "-"),
            "title": t.title,
            "path": f"{t.name}.{fmt}",
            "profile": "tabular-data-resource",
            "format": fmt,
            "mediatype": {"csv": "text/csv", "json": "application/json", "jsonl": "application/jsonl"}[fmt],
            "schema": {
                "fields": [{"name": f.name, "type": f.type, "description": f.description} for f in t.fields],
                **({"primaryKey": list(t.key)} if t.key else {}),
                "foreignKeys": [
                    {"fields": field, "reference": {"resource": table.replace("_", "-"), "fields": other}}
                    for field, table, other in t.foreign
                ],
                "missingValues": [""],
            },
        }
        if fmt == "csv":
            resource["description"] = CSV_NOTE
            resource["encoding"] = "utf-8"
            resource["dialect"] = {"delimiter": ",", "header": True, "lineTerminator": "\n"}
        resources.append(resource)
    descriptor = {
        "profile": "tabular-data-package",
        "name": "briefings",
        "title": title,
        "homepage": site_url,
        "resources": resources,
    }
    return json.dumps(descriptor, ensure_ascii=False, indent=1) + "\n"


def files(corpus: Corpus, fmt: str, title: str, site_url: str) -> dict[str, str]:
    """Every table and the descriptor, by file name."""
    out = {f"{t.name}.{fmt}": table_file(corpus, t.name, fmt, site_url) for t in TABLES}
    out["datapackage.json"] = datapackage(fmt, title, site_url)
    return out
