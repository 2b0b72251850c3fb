"""The data model: what an analyst writes in briefings/, as typed, validated records.

The JSON Schema in schema/ is generated from these classes (``briefings schema``).
"""

from __future__ import annotations

import calendar
import functools
import re
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag, WithJsonSchema
from pydantic.functional_validators import AfterValidator

from .yamlfile import Key, LineMap

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
RESERVED_IDS = frozenset({"index"})  # the name of each generated folder's list page
MAX_ID = 100
Slug = Annotated[str, Field(pattern=SLUG, max_length=MAX_ID, description="A lowercase id: letters, digits, hyphens.")]
NOT_BLANK = r"\S"
# Limits on sizes (README: Limits): long enough for any real briefing, short enough that a
# mistake or an attack cannot make a page, a PDF or a build blow up.
MAX_TEXT = 1_000  # a title, name, role, place, quote or note
MAX_MARKDOWN = 20_000  # a summary, key point, assessment or description
MAX_URL = 2_000
MAX_ITEMS = 500  # entries in any one list of a briefing (actors, quotes, events, ...)
MAX_REGISTRY = 100_000  # actors or events in one registry file
Text = Annotated[
    str, Field(pattern=NOT_BLANK, max_length=MAX_TEXT, description="Plain text; shown exactly as written.")
]
Markdown = Annotated[
    str,
    Field(pattern=NOT_BLANK, max_length=MAX_MARKDOWN, description="Markdown (no raw HTML; links http, https, mailto)."),
]
Url = Annotated[
    str, Field(pattern=r"^https?://[^\s<>\"]+$", max_length=MAX_URL, description="An http or https address.")
]
Topic = Annotated[
    str,
    Field(pattern=r"^[\w][\w' -]{0,59}$", description="A topic label: letters, digits, spaces, hyphens, apostrophes."),
]

_PARTIAL = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # ASCII digits only


def _date_text(value: Any) -> Any:
    """YAML reads `2024` as a number: take it as the year it is."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


@functools.lru_cache(maxsize=100_000)  # thousands of briefings share a few thousand days
def _check_date(value: str, *, full: bool) -> str:
    m = _PARTIAL.fullmatch(value)
    if not m or (full and not m.group(3)):
        want = "YYYY-MM-DD" if full else "YYYY, YYYY-MM or YYYY-MM-DD"
        raise ValueError(f"expected a date as {want}, got {value!r}")
    year, month, day = (int(g) if g else None for g in m.groups())
    assert year is not None
    if year < 1:
        raise ValueError(f"no year 0 in {value!r}")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"no month {month} in {value!r}")
    if day is not None and month is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"no such day: {value!r}")
    return value


PartialDate = Annotated[
    str,
    BeforeValidator(_date_text),
    AfterValidator(lambda v: _check_date(v, full=False)),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
            "description": "A date with its real precision: 2024, 2024-06 or 2024-06-19.",
        }
    ),
]
FullDate = Annotated[
    str,
    AfterValidator(lambda v: _check_date(v, full=True)),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "description": "A day: YYYY-MM-DD."}),
]


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
        """The line map and key of a part of this record, for error messages."""
        place = self.__pydantic_private__
        assert place is not None, "record was not located"
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
    published: PartialDate | None = None
    note: Text | None = Field(default=None, description="Anything a reader should know about this source.")
    text: str | None = Field(
        default=None,
        max_length=MAX_TEXT,
        description="Path, relative to briefings/, of the stored text of this source; quotes are checked against it.",
    )


class Actor(Located):
    """A person, organisation or state that appears in briefings."""

    id: Slug
    name: Text
    kind: Literal["person", "organisation", "state", "other"]
    aliases: Annotated[list[Text], Field(max_length=MAX_ITEMS)] = []
    role: Text | None = Field(default=None, description="Role or title, in general (not in one story).")
    country: Text | None = None
    description: Text | None = None
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$")] | None = None
    links: Annotated[list[Link], Field(max_length=MAX_ITEMS)] = []


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


class Event(Located):
    """Something that happened on a date, given with the precision that is known."""

    id: Slug
    date: PartialDate
    title: Text
    kind: EventKind | None = Field(default=None, description="What sort of event: " + ", ".join(EVENT_KINDS) + ".")
    description: Markdown | None = None
    places: Annotated[list[Text], Field(max_length=MAX_ITEMS)] = []
    actors: Annotated[list[Slug], Field(max_length=MAX_ITEMS)] = []
    sources: Annotated[list[Source], Field(max_length=MAX_ITEMS)] = []


class Appearance(Record):
    """An actor's part in one briefing."""

    actor: Slug
    role: Text


class Quote(Record):
    """Words said by an actor, verbatim."""

    text: Text
    speaker: Slug
    context: Text | None = None


def _event_kind(value: Any) -> str:
    return "ref" if isinstance(value, str) else "inline"


EventEntry = Annotated[
    Annotated[Slug, Tag("ref")] | Annotated[Event, Tag("inline")],
    Discriminator(_event_kind),
]


class Briefing(Located):
    """One briefing about one or more articles; its id is its file name's stem."""

    title: Text
    date: FullDate
    status: Literal["draft", "published"] = "published"
    sources: Annotated[list[Source], Field(min_length=1, max_length=MAX_ITEMS)]
    summary: Markdown = Field(description="Bottom line up front (Markdown).")
    key_points: Annotated[list[Markdown], Field(max_length=MAX_ITEMS)] = []
    actors: Annotated[list[Appearance], Field(max_length=MAX_ITEMS)] = []
    quotes: Annotated[list[Quote], Field(max_length=MAX_ITEMS)] = []
    events: list[EventEntry] = Field(
        default=[], max_length=MAX_ITEMS, description="Event ids from events.yaml, or events defined here."
    )
    places: Annotated[list[Text], Field(max_length=MAX_ITEMS)] = []
    topics: Annotated[list[Topic], Field(max_length=MAX_ITEMS)] = []
    assessment: Markdown | None = None


class ActorFile(Record):
    """briefings/actors.yaml: the shared actor registry."""

    actors: Annotated[list[Actor], Field(max_length=MAX_REGISTRY)] = []


class EventFile(Record):
    """briefings/events.yaml: the shared event registry."""

    events: Annotated[list[Event], Field(max_length=MAX_REGISTRY)] = []


@functools.lru_cache(maxsize=100_000)
def date_key(date: str) -> tuple[int, int, int]:
    """Sort key for a partial date: a month or year with no day sorts first within it."""
    year, month, day = (*(int(p) for p in date.split("-")), 0, 0)[:3]
    return year, month, day
