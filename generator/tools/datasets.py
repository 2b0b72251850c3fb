"""Public event data sets, read whole: each row of UCDP GED or ACLED as an event, its sides, its
place in the country's hierarchy, and what of the row has no home in the model.

A profile turns one row (columns by their documented names) into a `Converted` record; the
importer (importer.py) then finds or makes its places and actors and writes the files. Nothing
here reads or writes files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..text.words import slugify
from .csvtable import Row, normal_name


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Codebooks: UCDP Georeferenced Event Dataset (GED) Codebook version 24.1; ACLED Codebook (2023
# and later exports, with the older numeric interaction codes also read).
UCDP_GED_COLUMNS = _names(
    "id relid year active_year code_status type_of_violence conflict_dset_id conflict_new_id conflict_name"
    " dyad_dset_id dyad_new_id dyad_name side_a_dset_id side_a_new_id side_a side_b_dset_id side_b_new_id side_b"
    " number_of_sources source_article source_office source_date source_headline source_original where_prec"
    " where_coordinates where_description adm_1 adm_2 latitude longitude geom_wkt priogrid_gid country country_id"
    " region event_clarity date_prec date_start date_end deaths_a deaths_b deaths_civilians deaths_unknown best high"
    " low gwnoa gwnob"
)
ACLED_COLUMNS = _names(
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 assoc_actor_1"
    " inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country admin1 admin2 admin3"
    " location latitude longitude geo_precision source source_scale notes fatalities tags timestamp"
)

VIOLENCE = {"1": "State-based conflict", "2": "Non-state conflict", "3": "One-sided violence"}
UCDP_DATE_PRECISION = {
    "1": "the exact day",
    "2": "within 2–6 days",
    "3": "the week",
    "4": "within 8–30 days, or the month",
    "5": "more than a month, or the year",
}
UCDP_WHERE_PRECISION = {
    "1": "exact",
    "2": "near (within about 25 km)",
    "3": "second-order administrative area",
    "4": "first-order administrative area",
    "5": "part of the country (a region or a line)",
    "6": "the country",
    "7": "international waters or airspace",
}
UCDP_PRECISION = {"1": "exact", "2": "near", "3": "area", "4": "area", "5": "area", "6": "country"}  # where_prec
ACLED_TIME_PRECISION = {"1": "the day", "2": "within a week", "3": "within the month"}
ACLED_GEO_PRECISION = {"1": "exact", "2": "near (part of a region)", "3": "the administrative area"}
ACLED_INTER = {  # interaction codes, numeric (before 2024) or named: the actor's kind and role
    "1": ("government-body", "State forces"),
    "2": ("armed-group", "Rebel group"),
    "3": ("armed-group", "Political militia"),
    "4": ("armed-group", "Identity militia"),
    "5": ("other", "Rioters"),
    "6": ("other", "Protesters"),
    "7": ("civilians", "Civilians"),
    "8": ("other", "External or other forces"),
}
ACLED_INTER_NAMES = {role.casefold(): code for code, (_, role) in ACLED_INTER.items()} | {
    "state forces": "1",
    "rebel groups": "2",
    "political militias": "3",
    "identity militias": "4",
    "external/other forces": "8",
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
PLACE_WORDS = {"town": "town", "village": "village", "city": "city"}  # UCDP: "Aleppo town"


@dataclass(slots=True)
class Side:
    """An actor as a row names it, with its part and what the data says it is."""

    name: str
    part: str | None
    kind: str
    role: str | None = None
    links: list[dict[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class Location:
    """Where an event happened: the chain of places, outermost (the country) first, the last the
    event's own place; coordinates belong to that last place when they locate it."""

    chain: list[tuple[str, str | None]]  # (name, place kind)
    lat: float | None = None
    lon: float | None = None
    aliases: list[str] = field(default_factory=list)  # of the last place
    precision: str | None = None  # of lat and lon: near, when they locate the place only roughly


@dataclass(slots=True)
class Converted:
    """One row as an event (fields of the model), its sides and its location."""

    event: dict[str, Any]
    sides: list[Side]
    location: Location | None
    warnings: list[str] = field(default_factory=list)
    mentions: list[Side] = field(default_factory=list)  # actors named without taking part


@dataclass(frozen=True, slots=True)
class Dataset:
    """A public data set's CSV as downloaded: how to know it, and how to read a row of it."""

    key: str
    title: str
    signature: frozenset[str]
    id_column: str
    id_prefix: str
    convert: Callable[[Row, str], Converted]
    used: frozenset[str]  # columns with a home in the model (the rest are dropped, and said so)
    fields: dict[str, str]  # an event field, and the column a problem with it is named after

    def dropped(self, headers: list[str]) -> list[str]:
        """The table's columns that have no home in the model."""
        return [h for h in headers if normal_name(h) not in self.used]

    def columns(self, headers: list[str]) -> dict[str, list[str]]:
        """Every column by its documented name, and each event field by the column it comes from."""
        by_name = {normal_name(h): [h] for h in headers}
        return {f: by_name[c] for f, c in self.fields.items() if c in by_name} | by_name  # (a column wins)


def actor_kind(name: str) -> str:
    """An actor's kind from its name, where the name says it (the data sets' own conventions)."""
    folded = name.casefold()
    if folded.startswith("government of ") or folded.startswith("state of "):
        return "state"
    if folded.startswith("civilians"):
        return "civilians"
    if folded.startswith(("military forces of ", "police forces of ", "armed forces of ")):
        return "government-body"
    return "other"


def day(text: str, row: Row, column: str) -> str | None:
    """A day as YYYY-MM-DD from the forms the data sets are downloaded in ('2017-01-05',
    '2017-01-05 00:00:00.000', '05 January 2017', '5-January-2017'); a problem otherwise, with a
    hint for dates that are seconds since 1970 (as R and some exports write them)."""
    text = text.strip()
    m = re.match(r"(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$", text)
    if m:
        return m.group(1)
    for form in ("%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, form).date().isoformat()
        except ValueError:
            continue
    row.problem(column, f"not a date: {text!r}{epoch_hint(text)}")
    return None


def epoch_hint(text: str) -> str:
    """For a date that looks like seconds since 1970: what day that is, and how to export it."""
    if re.fullmatch(r"-?\d{8,11}(\.\d+)?", text.strip()):
        when = dt.datetime.fromtimestamp(float(text), tz=dt.UTC).date().isoformat()
        return f" (it looks like seconds since 1970, which is {when}: export dates as YYYY-MM-DD)"
    return ""


def _list(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _place_name(name: str) -> tuple[str, str | None, list[str]]:
    """UCDP's 'Aleppo town' as the place 'Aleppo', a town, also written 'Aleppo town'."""
    words = name.rsplit(" ", 1)
    if len(words) == 2 and words[1].casefold() in PLACE_WORDS and words[0].strip():
        return words[0].strip(), PLACE_WORDS[words[1].casefold()], [name]
    return name, None, []


_HEADLINE = r'"?(?P<title>.*?)"?'  # a headline, in quotes that may not be closed
_CITED = re.compile(r'(?P<publication>[^"]*?),\s*(?P<published>\d{4}-\d{2}-\d{2}),?\s*' + _HEADLINE, re.S)
_CITED_SPACED = re.compile(r'(?P<publication>[^,"]+?),?\s+(?P<published>\d{4}-\d{2}-\d{2}),?\s+' + _HEADLINE, re.S)
_US_DATE = r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})"  # 'Reuters7/15/1992 HEADLINE'
_CITED_US = re.compile(r'(?P<publication>[^\d,"]+?),?\s*' + _US_DATE + r",?\s+" + _HEADLINE, re.S)


def citations(text: str) -> list[dict[str, Any]]:
    """UCDP's source_article as sources. Newer releases quote each citation
    ('"SOHR,2017-09-20,Headline";"VDC,2013-09-11,Name"'); older ones write a line of free text
    ('Reuters 1989-05-17 "HEADLINE', 'AP, 2008-05-29, "Headline; more'), kept whole where it is
    not 'publication, date, headline'."""
    text = text.strip()
    if text.startswith('"') and text.endswith('"'):
        pieces = [p.strip() for p in text[1:-1].split('";"')]
    else:
        pieces = [p.strip() for p in text.split(";")]
        if not all(_CITED.fullmatch(p) for p in pieces):
            pieces = [text]
    return [_citation(p) for p in pieces if p]


def _citation(text: str) -> dict[str, Any]:
    """One citation ('Agence France Presse,2017-01-05,Syria: rebels ...') as a source; a headline
    that is only punctuation gives way to the publication's name."""
    found = _CITED.fullmatch(text) or _CITED_SPACED.fullmatch(text)
    published = found["published"] if found else None
    if not found and (found := _CITED_US.fullmatch(text)):  # 'Reuters7/15/1992 HEADLINE'
        try:
            published = dt.date(int(found["y"]), int(found["m"]), int(found["d"])).isoformat()
        except ValueError:
            found = None
    if not found:
        return {"title": " ".join(text.split())}
    publication, title = " ".join(found["publication"].split()), " ".join(found["title"].split())
    if not re.search(r"\w", title):
        title = publication
    if not title:
        return {"title": " ".join(text.split())}
    return {"title": title, "publication": publication, "published": published}


def _figure_note(parts: list[tuple[str, str]]) -> str | None:
    given = [f"{label} {value}" for label, value in parts if value not in ("", None)]
    return "Deaths by side: " + ", ".join(given) if given else None


def _ucdp(row: Row, prefix: str) -> Converted:
    get = row.get
    warnings: list[str] = []
    event: dict[str, Any] = {"id": f"{prefix}-{slugify(get('id'))}" if get("id") else ""}
    start = day(get("date_start"), row, "date_start") if get("date_start") else None
    end = day(get("date_end"), row, "date_end") if get("date_end") else None
    if not get("date_start"):
        row.problem("date_start", "no date")
    if start:
        event["date"] = start if not end or end == start else f"{start}/{end}"
    violence = get("type_of_violence")
    kind = {"1": "armed-clash", "2": "armed-clash", "3": "attack"}.get(violence)
    if kind:
        event["kind"] = kind
    elif violence:
        row.problem("type_of_violence", f"expected 1, 2 or 3 (the codebook's types), got {violence!r}")
    side_a, side_b = get("side_a"), get("side_b")
    sides = []
    for name, part, ident in ((side_a, "side A", get("side_a_new_id")), (side_b, "side B", get("side_b_new_id"))):
        if not name:
            continue
        if violence == "3" and part == "side B":
            part = "target"
        links = (
            [{"title": f"UCDP actor {ident}", "url": f"https://ucdp.uu.se/actor/{ident}"}] if ident.isdigit() else []
        )
        kind = actor_kind(name)  # UCDP's sides are governments, armed groups or civilians
        sides.append(Side(name, part, "armed-group" if kind == "other" else kind, links=links))
    location = _ucdp_location(row)
    where = ", ".join(name for name, _ in location.chain[-2:][::-1]) if location else ""
    what = VIOLENCE.get(violence, "Event")
    who = f"{side_a} against civilians" if violence == "3" else f"{side_a} – {side_b}" if side_b else side_a
    event["title"] = f"{what}: {who}" + (f", {where}" if where else "")
    best, low, high = row.number("best"), row.number("low"), row.number("high")
    figure, warning = estimate(best, low, high)
    note = _figure_note(
        [(k, get(c)) for k, c in (("side A", "deaths_a"), ("side B", "deaths_b")) if get(c)]
        + [(k, get(c)) for k, c in (("civilians", "deaths_civilians"), ("unknown", "deaths_unknown")) if get(c)]
    )
    if figure is not None:
        if note:
            figure = {"best": figure} if isinstance(figure, int) else figure
            figure["note"] = note if "note" not in figure else f"{figure['note']} {note}"
        event["fatalities"] = figure
    if warning:
        warnings.append(warning)
    sources = citations(get("source_article"))
    if not sources and get("source_headline"):
        sources = [{"title": h} for h in _list(get("source_headline"))]
    if get("source_original") and sources:
        sources[0]["note"] = f"Original source: {get('source_original')}"
    event["sources"], cut = cut_sources(sources)
    if cut:
        warnings.append("a citation over 1,000 characters cut (the data set has it whole)")
    notes = []
    if get("conflict_name"):
        ident = get("conflict_new_id")
        name = get("conflict_name")
        notes.append(
            f"Conflict: [{name}](https://ucdp.uu.se/conflict/{ident})" if ident.isdigit() else f"Conflict: {name}"
        )
    if get("dyad_name"):
        notes.append(f"Dyad: {get('dyad_name')}")
    if get("date_prec") in UCDP_DATE_PRECISION:
        notes.append(f"Date known to {UCDP_DATE_PRECISION[get('date_prec')]} (UCDP date_prec {get('date_prec')})")
    precision = {"1": "exact", "2": "near", "3": "area", "4": "area", "5": "area", "6": "country"}.get(
        get("where_prec")
    )
    if precision:
        event["precision"] = precision
    if get("where_prec") in UCDP_WHERE_PRECISION:
        notes.append(f"Location: {UCDP_WHERE_PRECISION[get('where_prec')]} (UCDP where_prec {get('where_prec')})")
    if get("where_description"):
        notes.append(f"Where, as UCDP describes it: {get('where_description')}")
    if get("id"):
        notes.append(f"UCDP GED event {get('id')}")
    event["notes"] = _notes(notes)
    return Converted(event, sides, location, warnings)


def _ucdp_location(row: Row) -> Location | None:
    """The event's place in its country: the town (exact or near), else the administrative area
    or the country the data gives, never a place named like its own parent."""
    get = row.get
    precision = get("where_prec")
    country = get("country")
    chain: list[tuple[str, str | None]] = [(country, "country")] if country else []
    adm_1, adm_2 = get("adm_1"), get("adm_2")
    if precision in ("1", "2", "3", "4", "5", ""):
        if adm_1:
            chain.append((adm_1, "region"))
        if adm_2 and precision != "4":
            chain.append((adm_2, "district"))
    aliases: list[str] = []
    if precision in ("1", "2", "5", "7", "") and get("where_coordinates"):
        name, kind, aliases = _place_name(get("where_coordinates"))
        if precision == "5":
            kind = "area"
        if precision == "7":
            kind, chain = "water", []
        if not chain or name.casefold() != chain[-1][0].casefold():
            chain.append((name, kind))
        else:  # the area is the place itself
            aliases = []
    if not chain:
        return None
    location = Location(chain, aliases=aliases)
    if precision in ("1", "2"):  # coordinates that locate the place, not an area's centre
        location.lat, location.lon = row.degrees("latitude", 90), row.degrees("longitude", 180)
        location.precision = "near" if precision == "2" else None
    return location


def _acled(row: Row, prefix: str) -> Converted:
    get = row.get
    warnings: list[str] = []
    event: dict[str, Any] = {"id": f"{prefix}-{slugify(get('event_id_cnty'))}" if get("event_id_cnty") else ""}
    when = day(get("event_date"), row, "event_date") if get("event_date") else None
    if not get("event_date"):
        row.problem("event_date", "no date")
    precision = get("time_precision")
    if when:
        event["date"] = when[:7] if precision == "3" else f"{when}~" if precision == "2" else when
    event_type = get("event_type")
    if event_type:
        event["kind"] = KIND_NAMES.get(event_type.casefold(), "other")
    sides: list[Side] = []
    for n in ("1", "2"):
        name = get(f"actor{n}")
        if name:
            kind, role = _inter(get(f"inter{n}"), name)
            sides.append(Side(name, f"actor {n}", kind, role))
        for assoc in _list(get(f"assoc_actor_{n}")):
            sides.append(Side(assoc, f"with actor {n}", actor_kind(assoc)))
    location = _acled_location(row)
    where = ", ".join(name for name, _ in location.chain[-2:][::-1]) if location else ""
    what = get("sub_event_type") or event_type or "Event"
    actors = " – ".join(s.name for s in sides if s.part in ("actor 1", "actor 2"))
    event["title"] = what + (f": {actors}" if actors else "") + (f", {where}" if where else "")
    if get("notes"):
        event["description"] = get("notes")
    fatalities = row.number("fatalities")
    if fatalities is not None:
        event["fatalities"] = fatalities
    sources = [{"title": s, "publication": s} for s in _list(get("source"))]
    if sources and get("source_scale"):
        sources[0]["note"] = f"Source scale: {get('source_scale')}"
    event["sources"], cut = cut_sources(sources)
    if cut:
        warnings.append("a source name over 1,000 characters cut")
    notes = []
    for label, column in (
        ("Disorder type", "disorder_type"),
        ("Event type", "event_type"),
        ("Civilian targeting", "civilian_targeting"),
        ("Tags", "tags"),
    ):
        if get(column):
            notes.append(f"{label}: {get(column)}")
    if precision in ACLED_TIME_PRECISION:
        notes.append(f"Date known to {ACLED_TIME_PRECISION[precision]} (ACLED time_precision {precision})")
    if get("geo_precision") in ACLED_GEO_PRECISION:
        geo = get("geo_precision")
        event["precision"] = {"1": "exact", "2": "near", "3": "area"}[geo]
        notes.append(f"Location: {ACLED_GEO_PRECISION[geo]} (ACLED geo_precision {geo})")
    if get("event_id_cnty"):
        notes.append(f"ACLED event {get('event_id_cnty')}")
    event["notes"] = _notes(notes)
    return Converted(event, sides, location, warnings)


def _inter(code: str, name: str) -> tuple[str, str | None]:
    """An ACLED actor's kind and role from its interaction code ('1' or 'State forces')."""
    key = code if code in ACLED_INTER else ACLED_INTER_NAMES.get(code.casefold(), "")
    if key in ACLED_INTER:
        kind, role = ACLED_INTER[key]
        if key == "1" and name.casefold().startswith("government of "):
            kind = "state"
        return kind, role
    return actor_kind(name), None


def _acled_location(row: Row) -> Location | None:
    """The event's place: country, admin areas, location; at geo_precision 3 (only the area is
    known) a location named like one of its areas is that area."""
    get = row.get
    chain: list[tuple[str, str | None]] = [(get("country"), "country")] if get("country") else []
    for column, kind in (("admin1", "region"), ("admin2", "district"), ("admin3", "district"), ("location", None)):
        name = get(column)
        if name and (not chain or name.casefold() != chain[-1][0].casefold()):  # (a town named as its area)
            chain.append((name, kind))
    place = get("location")
    if get("geo_precision") == "3" and place:
        areas = [n.casefold() for n, _ in chain[:-1]]
        if place.casefold() in areas:
            chain = chain[: areas.index(place.casefold()) + 1]
    if not chain:
        return None
    location = Location(chain)
    if get("geo_precision") in ("1", "2") and chain[-1][0] == place:
        location.lat, location.lon = row.degrees("latitude", 90), row.degrees("longitude", 180)
        location.precision = "near" if get("geo_precision") == "2" else None
    return location


def estimate(best: int | None, low: int | None, high: int | None) -> tuple[int | dict[str, Any] | None, str | None]:
    """A reported figure; when the data's own low, best and high are out of order, the best
    estimate is kept and the others go into the figure's note (with a warning), so the row is
    imported as the data gives it instead of refused."""
    if low is None and high is None:
        return best, None
    given = [v for v in (low, best, high) if v is not None]
    if given == sorted(given):
        return {k: v for k, v in (("best", best), ("low", low), ("high", high)) if v is not None}, None
    kept: dict[str, Any] = {"best": best} if best is not None else {"low": min(given)}
    kept["note"] = f"The data gives low {low}, best {best} and high {high}, out of order."
    return kept, OUT_OF_ORDER


OUT_OF_ORDER = "low, best and high out of order in the data: best kept, the three given in the figure's note"


def cut_sources(sources: list[dict[str, Any]], limit: int = 1_000) -> tuple[list[dict[str, Any]], int]:
    """Sources whose title is over the model's limit, cut at a word with '…' (and said so)."""
    cut = 0
    for source in sources:
        title = source["title"]
        if len(title) > limit:
            source["title"] = title[: limit - 1].rsplit(" ", 1)[0] + "…"
            source["note"] = "; ".join(x for x in (source.get("note"), "citation cut at 1,000 characters") if x)
            cut += 1
    return sources, cut


def _notes(notes: list[str]) -> str | None:
    return ".\n".join(notes) + "." if notes else None


UCDP_GED = Dataset(
    key="ucdp-ged",
    title="UCDP Georeferenced Event Dataset (GED)",
    fields={
        "date": "date_start",
        "sources": "source_article",
        "fatalities": "best",
        "places": "where_coordinates",
        "actors": "side_a",
        "title": "side_a",
        "notes": "conflict_name",
        "kind": "type_of_violence",
    },
    signature=frozenset({"type_of_violence", "side_a", "side_b", "where_prec", "date_prec", "best"}),
    id_column="id",
    id_prefix="ged",
    convert=_ucdp,
    used=frozenset(
        _names(
            "id type_of_violence conflict_new_id conflict_name dyad_name side_a_new_id side_a side_b_new_id side_b"
            " source_article source_headline source_original where_prec where_coordinates where_description adm_1 adm_2"
            " latitude longitude country date_prec date_start date_end deaths_a deaths_b deaths_civilians"
            " deaths_unknown best high low"
        )
    ),
)
ACLED = Dataset(
    key="acled",
    title="ACLED (Armed Conflict Location & Event Data)",
    fields={
        "id": "event_id_cnty",
        "date": "event_date",
        "sources": "source",
        "places": "location",
        "actors": "actor1",
        "title": "sub_event_type",
        "description": "notes",
        "kind": "event_type",
    },
    signature=frozenset({"event_id_cnty", "event_date", "event_type", "actor1", "geo_precision"}),
    id_column="event_id_cnty",
    id_prefix="acled",
    convert=_acled,
    used=frozenset(
        _names(
            "event_id_cnty event_date time_precision disorder_type event_type sub_event_type actor1 assoc_actor_1"
            " inter1 actor2 assoc_actor_2 inter2 civilian_targeting country admin1 admin2 admin3 location latitude"
            " longitude geo_precision source source_scale notes fatalities tags"
        )
    ),
)
DATASETS = {d.key: d for d in (UCDP_GED, ACLED)}


def detect(headers: list[str]) -> Dataset | None:
    """The data set whose documented columns a table's header holds."""
    present = {normal_name(h) for h in headers}
    return next((d for d in DATASETS.values() if d.signature <= present), None)
