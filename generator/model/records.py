"""The data model: what an analyst writes in briefings/, as typed, validated records.

The JSON Schema in schema/ is generated from these classes (``briefings schema``).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag, model_validator

from ..core.yamlfile import Key, LineMap
from ..text.escape import after_first_sentence, headline, plain_text
from ..text.messages import N_
from .dates import date_key as date_key
from .fields import (
    MAX_ITEMS,
    MAX_REGISTRY,
    MAX_TEXT,
    Count,
    Credibility,
    DateSpec,
    FullDate,
    Language,
    Markdown,
    PointDate,
    Slug,
    Text,
    Topic,
    Url,
)
from .vocabulary import RELIABILITY, Reliability, TlpLabel


class Record(BaseModel):
    """Base of every record: strict types, unknown keys refused."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Located(Record):
    """A record that remembers the file and the place in it that it came from."""

    # The place is kept in pydantic's slot for private state, set after validation: declaring
    # private attributes would make pydantic set them up for every record, which costs more.

    def locate(self, lines: LineMap, key: Key) -> None:
        object.__setattr__(self, "__pydantic_private__", {"lines": lines, "key": key})

    def where(self, *sub: str | int) -> tuple[LineMap, Key]:
        """The line map and key of a part of this record, for error messages (a record made in
        code, not read from a file, is named after its kind, at line 1)."""
        place = self.__pydantic_private__
        if place is None:
            return LineMap(Path(f"<{type(self).__name__.lower()}>"), {}, {}), sub
        return place["lines"], (*place["key"], *sub)


class Link(Record):
    """A labelled web link."""

    title: Text
    url: Url


class Source(Record):
    """A published source the briefing is based on."""

    title: Text
    publication: Text | None = None
    url: Url | None = None
    author: Text | None = None
    published: PointDate | None = None
    note: Text | None = Field(default=None, description="Anything a reader should know about this source.")
    text: str | None = Field(
        default=None,
        max_length=MAX_TEXT,
        description="Path, relative to briefings/, of the stored text of this source; quotes are checked against it.",
    )
    reliability: Reliability | None = Field(
        default=None,
        description="Reliability of the source (Admiralty code): "
        + "; ".join(f"{k} {v}" for k, v in RELIABILITY.items())
        + ".",
    )
    language: Language | None = Field(default=None, description="The language it is written in.")


ActorKind = Literal[
    "person",
    "state",
    "government-body",
    "armed-group",
    "political-party",
    "company",
    "international-organisation",
    "media",
    "organisation",
    "civilians",
    "other",
]
ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)
RelationType = Literal[
    "member-of",
    "part-of",
    "leads",
    "spokesperson-for",
    "employed-by",
    "allied-with",
    "opposed-to",
    "affiliated-with",
    "successor-of",
    "other",
]
RELATION_TYPES: tuple[str, ...] = get_args(RelationType)


class Relation(Record):
    """A tie from this actor to another, with the dates it held (when known)."""

    type: RelationType = Field(description="How this actor relates to the other: " + ", ".join(RELATION_TYPES) + ".")
    actor: Slug
    since: PointDate | None = None
    until: PointDate | None = None
    note: Text | None = None
    sources: Annotated[list[Source], Field(max_length=MAX_ITEMS)] = []


class Actor(Located):
    """A person, organisation or state that appears in briefings."""

    id: Slug
    name: Text
    kind: ActorKind = Field(description="What sort of actor: " + ", ".join(ACTOR_KINDS) + ".")
    aliases: Annotated[list[Text], Field(max_length=MAX_ITEMS)] = []
    role: Text | None = Field(default=None, description="Role or title, in general (not in one story).")
    country: Text | None = None
    description: Text | None = None
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$")] | None = None
    same_as: Annotated[
        list[Slug],
        Field(
            max_length=MAX_ITEMS,
            description="Ids of other records of this same actor (from other sources or imports): they become"
            " one actor, with this record's id and page and the others' names as aliases.",
        ),
    ] = []
    links: Annotated[list[Link], Field(max_length=MAX_ITEMS)] = []
    relations: Annotated[list[Relation], Field(max_length=MAX_ITEMS)] = []
    sources: Annotated[
        list[Source], Field(max_length=MAX_ITEMS, description="Where this actor record comes from.")
    ] = []


PlaceKind = Literal[
    "continent",
    "country",
    "region",
    "district",
    "city",
    "town",
    "village",
    "neighbourhood",
    "site",
    "area",
    "water",
    "other",
]
PLACE_KINDS: tuple[str, ...] = get_args(PlaceKind)
Precision = Literal["exact", "near", "area", "country"]
PRECISIONS: tuple[str, ...] = get_args(Precision)
PRECISION_WORDS = {  # how pages say it
    "exact": N_("exact"),
    "near": N_("near (within a few kilometres)"),
    "area": N_("somewhere in the area"),
    "country": N_("somewhere in the country"),
}


class Place(Located):
    """A place in the registry; briefings and events name it by id, name or alternative name."""

    model_config = ConfigDict(json_schema_extra={"dependentRequired": {"lat": ["lon"], "lon": ["lat"]}})

    id: Slug
    name: Text
    aliases: Annotated[list[Text], Field(max_length=MAX_ITEMS, description="Other names and spellings.")] = []
    kind: PlaceKind | None = Field(default=None, description="What sort of place: " + ", ".join(PLACE_KINDS) + ".")
    country: Text | None = Field(default=None, description="The country it is in: a name, or a place id.")
    parent: Slug | None = Field(default=None, description="The id of the place it lies in (town in region).")
    lat: Annotated[float, Field(ge=-90.0, le=90.0)] | None = Field(
        default=None, description="Latitude, WGS 84 degrees."
    )
    lon: Annotated[float, Field(ge=-180.0, le=180.0)] | None = Field(default=None, description="Longitude, WGS 84.")
    precision: Precision | None = Field(
        default=None,
        description="How closely lat and lon locate it: exact (the default), near (within a few kilometres),"
        " area (the centre of an area, not a point in it), country.",
    )
    description: Text | None = None
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$")] | None = None

    @model_validator(mode="after")
    def _both_coordinates(self) -> Place:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("give both lat and lon, or neither")
        return self


EventKind = Literal[
    "statement",
    "meeting",
    "agreement",
    "election",
    "protest",
    "armed-clash",
    "attack",
    "legal",
    "policy",
    "economic",
    "disaster",
    "other",
]
EVENT_KINDS: tuple[str, ...] = get_args(EventKind)  # the documented vocabulary, in order


class EventActor(Record):
    """An actor's part in an event."""

    actor: Slug
    part: Text | None = Field(default=None, description="Their part: side A, perpetrator, target, mediator, ...")


class Estimate(Record):
    """A reported figure with its range: best estimate, low and high."""

    best: Count | None = None
    low: Count | None = None
    high: Count | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Estimate:
        given = [v for v in (self.low, self.best, self.high) if v is not None]
        if not given:
            raise ValueError("give at least one of best, low and high")
        if given != sorted(given):
            raise ValueError("expected low <= best <= high")
        return self


def _figure_kind(value: Any) -> str:
    return "count" if isinstance(value, int) else "estimate"


Figure = Annotated[
    Annotated[Count, Tag("count")] | Annotated[Estimate, Tag("estimate")],
    Discriminator(_figure_kind),
    Field(description="A number, or {best, low, high}."),
]
FIGURES = ("fatalities", "injured", "displaced", "arrested")


def _actor_kind(value: Any) -> str:
    return "ref" if isinstance(value, str) else "part"


EventActorEntry = Annotated[
    Annotated[Slug, Tag("ref")] | Annotated[EventActor, Tag("part")],
    Discriminator(_actor_kind),
]


class Event(Located):
    """Something that happened, dated with the precision that is known."""

    model_config = ConfigDict(json_schema_extra={"anyOf": [{"required": ["title"]}, {"required": ["description"]}]})

    id: Slug
    date: DateSpec
    title: Text | None = Field(default=None, description="A headline; optional when the description says it.")
    kind: EventKind | None = Field(default=None, description="What sort of event: " + ", ".join(EVENT_KINDS) + ".")
    description: Markdown | None = None
    places: Annotated[list[Text], Field(max_length=MAX_ITEMS)] = []
    precision: Precision | None = Field(
        default=None,
        description="How closely its places say where it happened: exact (the default), near, area (somewhere"
        " in the area named), country.",
    )
    actors: Annotated[
        list[EventActorEntry],
        Field(max_length=MAX_ITEMS, description="The actors that took part, each with their part."),
    ] = []
    mentions: Annotated[
        list[Slug],
        Field(max_length=MAX_ITEMS, description="Actors the sources mention without their taking part (by id)."),
    ] = []
    fatalities: Figure | None = None
    injured: Figure | None = None
    displaced: Figure | None = None
    arrested: Figure | None = None
    sources: Annotated[list[Source], Field(max_length=MAX_ITEMS)] = []
    credibility: Credibility | None = None
    notes: Markdown | None = Field(default=None, description="Free notes: caveats, coding decisions, open questions.")

    @model_validator(mode="after")
    def _titled(self) -> Event:
        if self.title is None and self.description is None:
            raise ValueError("an event needs a title or a description")
        return self

    @functools.cached_property
    def actor_ids(self) -> list[str]:
        """The ids of the actors taking part, each once, in order."""
        return list(dict.fromkeys(a if isinstance(a, str) else a.actor for a in self.actors))

    @functools.cached_property
    def parts(self) -> dict[str, str]:
        """Each actor's part, where one is given."""
        return {a.actor: a.part for a in self.actors if isinstance(a, EventActor) and a.part}

    @functools.cached_property
    def headline(self) -> str:
        """The title, or the first sentence of the description."""
        return self.title or headline(self.description or "")

    @functools.cached_property
    def body(self) -> str:
        """The description to show under the headline: without its first sentence when that
        sentence is the headline, whole otherwise."""
        if self.title or not self.description:
            return self.description or ""
        rest = after_first_sentence(self.description)
        return self.description if rest is None else rest


class Appearance(Record):
    """An actor's part in one briefing."""

    actor: Slug
    role: Text | None = Field(default=None, description="Their part in this story.")


class Quote(Record):
    """Words said by an actor, verbatim in the language they were said in; and a translation."""

    text: Text = Field(description="The words, verbatim, in the language of the source (checked against its text).")
    speaker: Slug
    context: Text | None = None
    language: Language | None = Field(
        default=None, description="The language of the words (the source's or the briefing's when not given)."
    )
    translation: Text | None = Field(
        default=None, description="The words in the briefing's language: shown beside them."
    )
    translated_by: Text | None = Field(default=None, description="Who translated them (an agency, a person, a tool).")


class KeyPoint(Record):
    """A key point with its credibility."""

    text: Markdown
    credibility: Credibility | None = None


def _point_kind(value: Any) -> str:
    return "plain" if isinstance(value, str) else "graded"


KeyPointEntry = Annotated[
    Annotated[Markdown, Tag("plain")] | Annotated[KeyPoint, Tag("graded")],
    Discriminator(_point_kind),
    Field(description="A key point (Markdown), or {text, credibility}."),
]


def _event_kind(value: Any) -> str:
    return "ref" if isinstance(value, str) else "inline"


EventEntry = Annotated[
    Annotated[Slug, Tag("ref")] | Annotated[Event, Tag("inline")],
    Discriminator(_event_kind),
]


def _empty_if_none(value: Any) -> Any:
    return [] if value is None else value


def _none_is_empty(kind: Any) -> BeforeValidator:
    """Take a key with no value (null) as an empty list; the schema allows null there too."""
    return BeforeValidator(_empty_if_none, json_schema_input_type=kind | None)


class Briefing(Located):
    """One briefing about one or more articles; its id is its file name's stem."""

    title: Text
    date: FullDate
    period: DateSpec | None = Field(default=None, description="The period the briefing covers, when it is not one day.")
    status: Literal["draft", "published"] = "published"
    language: Language | None = Field(
        default=None, description="The language the briefing is written in (the site's when not given)."
    )
    marking: TlpLabel | None = Field(
        default=None,
        description="Handling marking (Traffic Light Protocol 2.0); the site's default (briefings.toml) if not given.",
    )
    sources: Annotated[list[Source], Field(min_length=1, max_length=MAX_ITEMS)]
    summary: Markdown | None = Field(default=None, description="Bottom line up front (Markdown).")
    # A list key left with nothing under it (`actors:`, as a skeleton from `briefings new` has
    # until a line is uncommented) is an empty list, in the model and in the JSON Schema.
    key_points: Annotated[list[KeyPointEntry], _none_is_empty(list[KeyPointEntry]), Field(max_length=MAX_ITEMS)] = []
    actors: Annotated[list[Appearance], _none_is_empty(list[Appearance]), Field(max_length=MAX_ITEMS)] = []
    quotes: Annotated[list[Quote], _none_is_empty(list[Quote]), Field(max_length=MAX_ITEMS)] = []
    events: Annotated[
        list[EventEntry],
        _none_is_empty(list[EventEntry]),
        Field(max_length=MAX_ITEMS, description="Event ids from events.yaml, or events defined here."),
    ] = []
    places: Annotated[list[Text], _none_is_empty(list[Text]), Field(max_length=MAX_ITEMS)] = []
    topics: Annotated[list[Topic], _none_is_empty(list[Topic]), Field(max_length=MAX_ITEMS)] = []
    assessment: Markdown | None = None

    @functools.cached_property
    def summary_text(self) -> str:
        """The summary as plain text ('' when there is none), worked out once."""
        return plain_text(self.summary) if self.summary else ""

    @functools.cached_property
    def points(self) -> list[KeyPoint]:
        """The key points, each with its credibility (None when not graded)."""
        return [KeyPoint(text=p) if isinstance(p, str) else p for p in self.key_points]


class ActorFile(Record):
    """briefings/actors.yaml, or any file under briefings/actors/: actor records."""

    actors: Annotated[list[Actor], Field(max_length=MAX_REGISTRY)] = []


class EventFile(Record):
    """briefings/events.yaml, or any file under briefings/events/: events on their own."""

    events: Annotated[list[Event], Field(max_length=MAX_REGISTRY)] = []


class PlaceFile(Record):
    """briefings/places.yaml, or any file under briefings/places/: the place registry."""

    places: Annotated[list[Place], Field(max_length=MAX_REGISTRY)] = []
