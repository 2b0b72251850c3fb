"""The editor in the browser: the configuration of Decap CMS (which Sveltia CMS also reads), made
from the model's JSON Schemas, so that a field added to the model appears in the forms by itself.

Collections: briefings (one YAML file each in briefings/, published and drafts apart, by their
`status`), and actors, events and places, one record per file in briefings/actors/,
briefings/events/ and briefings/places/ (a form for a list of thousands would be of no use).
A field that names an actor, event or place by id is a relation: picked by name or alias, the id
stored. Required fields, limits, patterns and choices come from the schema.
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from pydantic import BaseModel

from ..link.corpus import Corpus
from ..model.records import Actor, Briefing, Event, Place
from ..model.vocabulary import LEVELS as TLP_LABELS

# A field that names a record of another collection, by id: (the schema object, field) -> collection.
REFERENCES = {
    ("Briefing", "events"): "events",
    ("Briefing", "places"): "places",
    ("Appearance", "actor"): "actors",
    ("Quote", "speaker"): "actors",
    ("Event", "places"): "places",
    ("Event", "mentions"): "actors",
    ("EventActor", "actor"): "actors",
    ("Actor", "same_as"): "actors",
    ("Relation", "actor"): "actors",
    ("Place", "parent"): "places",
}
# How each collection's records are found and shown when picked: the fields searched.
SEARCH = {  # (what the pickers' index holds: see registry_index)
    "actors": ["name", "aliases.*", "id"],
    "events": ["title", "id"],
    "places": ["name", "aliases.*", "id"],
}
SHOWN = {"actors": ["name"], "events": ["{{date}} {{title}}"], "places": ["name"]}
DAY = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"  # a day: a date picker


def config(*, repo: str | None, branch: str, max_marking: str, site_url: str) -> dict[str, Any]:
    """The CMS's config.yml, as data."""
    allowed = list(TLP_LABELS[: TLP_LABELS.index(max_marking) + 1])
    briefing = _fields(Briefing.model_json_schema(), "Briefing", allowed)
    collections = [
        _briefings("briefings", "Briefings", "Briefing", "published", briefing),
        _briefings("drafts", "Drafts", "Draft", "draft", briefing),
    ]
    for name, model, label in (("actors", Actor, "Actor"), ("events", Event, "Event"), ("places", Place, "Place")):
        collections.append(
            {
                "name": name,
                "label": f"{label}s",
                "label_singular": label,
                "folder": f"briefings/{name}",
                "extension": "yaml",
                "format": FORMAT + name,
                "create": True,
                "identifier_field": "id",
                "editor": {"preview": False},
                "slug": "{{slug}}",
                "summary": "{{name}}" if name != "events" else "{{date}}: {{title}}",
                "fields": _fields(model.model_json_schema(), model.__name__, allowed),
            }
        )
    backend: dict[str, Any] = {"name": "github", "repo": repo or "OWNER/REPOSITORY", "branch": branch}
    return {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "local_backend": True,  # on localhost, with `npx decap-server` beside a clone (README)
        "site_url": site_url,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "media_folder": "docs/assets/uploads",
        "public_folder": "/assets/uploads",
        "collections": collections,
    }


COLLECTION_MODELS: dict[str, type[BaseModel]] = {
    "briefings": Briefing,
    "drafts": Briefing,
    "actors": Actor,
    "events": Event,
    "places": Place,
}
FORMAT = "briefings-yaml-"  # + collection: the custom format docs/admin/index.html registers for it


def shapes() -> dict[str, Any]:
    """For each collection, the fields whose value may be written short (`12` for `{best: 12}`,
    an actor's id for `{actor: ID}`, a key point's text for `{text: ...}`): the editor's page
    (docs/admin/index.html) gives the form the long form and writes the short one back, and
    sets aside what the form cannot show (an event defined inside a briefing), so that nothing
    a file holds is lost by editing it."""
    out = {}
    for name, model in COLLECTION_MODELS.items():
        schema = model.model_json_schema()
        out[name] = _shape(schema, model.__name__, schema.get("$defs", {})) or {}
    return out


def _shape(schema: dict[str, Any], owner: str, defs: dict[str, Any]) -> dict[str, Any] | None:
    fields = {}
    for name, prop in schema.get("properties", {}).items():
        plain, ref = _plain(prop, defs)
        item = prop if plain.get("type") != "array" else _without_null(prop).get("items", plain.get("items", {}))
        options = _without_null(item).get("oneOf") or _without_null(item).get("anyOf") or []
        short = [o for o in options if "$ref" not in o and o.get("type") != "null"]
        objects = [o["$ref"].rsplit("/", 1)[-1] for o in options if "$ref" in o]
        shape: dict[str, Any] = {}
        if REFERENCES.get((owner, name)) and objects:
            shape["ids"] = True  # relation ids; objects (events defined in the briefing) set aside
        elif short and objects:
            target = defs[objects[0]]
            shape["short"] = (target.get("required") or list(target["properties"]))[0]
        inner_ref = objects[0] if objects else ref
        target_schema = defs.get(inner_ref) if inner_ref else None
        if target_schema is not None and "ids" not in shape:
            nested = _shape(target_schema, inner_ref or name, defs)
            if nested:
                shape["fields"] = nested["fields"]
        if shape:
            fields[name] = shape
    return {"fields": fields} if fields else None


def _without_null(prop: dict[str, Any]) -> dict[str, Any]:
    """A property without its `| null` (the union pydantic writes for an optional field)."""
    options = prop.get("anyOf")
    if options and any(o.get("type") == "null" for o in options):
        rest = [o for o in options if o.get("type") != "null"]
        if len(rest) == 1:
            return {**{k: v for k, v in prop.items() if k != "anyOf"}, **rest[0]}
    return prop


def config_yaml(**settings: Any) -> str:
    head = (
        "# The editor in the browser (/admin/): made by `briefings build` from the model. Do not edit:\n"
        "# a change here is lost at the next build (README: Editing in the browser).\n"
    )
    return head + yaml.dump(config(**settings), Dumper=_Plain, allow_unicode=True, sort_keys=False, width=100)


class _Plain(yaml.SafeDumper):
    """YAML without anchors: the two briefing collections share their fields, written out twice."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _briefings(name: str, label: str, singular: str, status: str, fields: list[dict[str, Any]]) -> dict[str, Any]:
    """Briefings of one status: both collections are briefings/, told apart by `status`."""
    own = [dict(f, default=status) if f["name"] == "status" else f for f in fields]
    return {
        "name": name,
        "label": label,
        "label_singular": singular,
        "folder": "briefings",
        "extension": "yaml",
        "format": FORMAT + name,
        "create": True,
        "filter": {"field": "status", "value": status},
        "identifier_field": "title",
        "editor": {"preview": False},  # (a preview of raw fields: the site's own preview shows the page)
        "slug": "{{year}}-{{month}}-{{day}}-{{slug}}",
        "summary": "{{date}}: {{title}}",
        "sortable_fields": ["date", "title"],
        "fields": own,
    }


def _fields(
    schema: dict[str, Any], owner: str, markings: list[str], defs: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    defs = schema.get("$defs", {}) if defs is None else defs
    required = set(schema.get("required", []))
    return [_field(name, prop, name in required, owner, defs, markings) for name, prop in schema["properties"].items()]


def _plain(prop: dict[str, Any], defs: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The schema of a value without `null` and with its $ref followed (the object form of a
    union of a short form and an object: a form edits the object); and the $ref's name."""
    outer = {k: v for k, v in prop.items() if k not in ("anyOf", "oneOf")}
    options = prop.get("anyOf") or prop.get("oneOf")
    if options:
        options = [o for o in options if o.get("type") != "null"]
        nested = [o for o in options if "$ref" in o or "anyOf" in o or "oneOf" in o]
        chosen = nested[0] if nested else options[0]
        inner, ref = _plain(chosen, defs)
        merged = {**inner, **{k: v for k, v in outer.items() if k not in inner or k in ("title", "description")}}
        if "description" in inner:
            merged["x-format"] = inner["description"]  # what a value looks like, for the form's message
        return merged, ref
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return {**defs[name], **outer}, name
    return prop, None


# 60 lines, on purpose: one JSON Schema property to one form field is a single decision table,
# clearer read top to bottom than split.
def _field(
    name: str, prop: dict[str, Any], required: bool, owner: str, defs: dict[str, Any], markings: list[str]
) -> dict[str, Any]:
    schema, ref = _plain(prop, defs)
    out: dict[str, Any] = {"label": schema.get("title") or name.replace("_", " ").capitalize(), "name": name}
    out["required"] = required
    if schema.get("description"):
        out["hint"] = schema["description"]
    target = REFERENCES.get((owner, name))
    kind = schema.get("type")
    kind = kind if isinstance(kind, str) else "string" if isinstance(kind, list) and "string" in kind else kind
    if kind == "array":
        items, item_ref = _plain(schema.get("items", {}), defs)
        limits = {k: v for k, v in (("min", schema.get("minItems")), ("max", schema.get("maxItems"))) if v is not None}
        if target is not None:
            return {**out, **_relation(target), "multiple": True, **limits}
        if items.get("type") == "object":
            sub = _fields(items, item_ref or name, markings, defs)
            return {**out, "widget": "list", "fields": sub, **limits}
        return {**out, "widget": "list", "field": _field(name, items, True, owner, defs, markings), **limits}
    if target is not None:
        return {**out, **_relation(target)}
    if kind == "object":
        return {**out, "widget": "object", "fields": _fields(schema, ref or name, markings, defs)}
    if name == "marking" and "enum" in schema:
        return {**out, "widget": "select", "options": markings}
    if "enum" in schema:
        field = {**out, "widget": "select", "options": list(schema["enum"])}
        return {**field, "default": schema["default"]} if "default" in schema else field
    if kind in ("integer", "number"):
        number: dict[str, Any] = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
        number |= {k: schema[s] for k, s in (("min", "minimum"), ("max", "maximum")) if s in schema}
        return {**out, **number}
    if kind == "boolean":
        return {**out, "widget": "boolean"}
    if schema.get("pattern") == DAY:
        return {**out, "widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
    markdown = any((schema.get(k) or "").startswith("Markdown") for k in ("x-format", "description"))
    field = {**out, "widget": "text" if markdown else "string"}
    pattern = _pattern(schema)
    return {**field, "pattern": pattern} if pattern else field


def _relation(collection: str) -> dict[str, Any]:
    return {
        "widget": "relation",
        "collection": collection,
        "value_field": "id",
        "search_fields": SEARCH[collection],
        "display_fields": SHOWN[collection],
    }


def registry_index(corpus: Corpus, collection: str) -> str:
    """What a relation picker searches, for the records the site was built with: each as the CMS
    lists an entry ({"slug", "data"}), with only the fields the picker searches and shows, so
    that a picker answers from one file fetched once instead of every record file read again
    for each word typed (records made since the build are found the slow way, in the files)."""
    rows: list[dict[str, Any]]
    if collection == "actors":
        rows = [{"id": i, "name": a.name, "aliases": list(a.aliases)} for i, a in corpus.actors.items()]
    elif collection == "places":
        rows = [{"id": i, "name": p.name, "aliases": list(p.aliases)} for i, p in corpus.places.items()]
    else:
        rows = [{"id": i, "date": e.date, "title": e.headline} for i, e in corpus.events.items()]
    entries = [{"slug": row["id"], "data": row} for row in rows]
    return json.dumps(entries, ensure_ascii=False, separators=(",", ":")) + "\n"


def _pattern(schema: dict[str, Any]) -> list[str] | None:
    """The schema's pattern and length limit as one JavaScript regular expression, and the
    message the form shows when a value does not match."""
    pattern, longest = schema.get("pattern"), schema.get("maxLength")
    if pattern is None and longest is None:
        return None
    limit = f"(?=[\\s\\S]{{0,{longest}}}$)" if longest is not None else ""
    if pattern is None:
        body = "[\\s\\S]*"
    elif pattern.startswith("^"):
        body = pattern[1:]
    else:
        body = f"[\\s\\S]*?(?:{pattern})"
    words = []
    if pattern == "\\S":
        words.append("not blank")
    elif pattern is not None:
        words.append(schema.get("x-format") or schema.get("description") or "as the model asks")
    if longest is not None:
        words.append(f"at most {longest:,} characters")
    return [f"^{limit}{body}", "; ".join(w.rstrip(".") for w in words) + "."]
