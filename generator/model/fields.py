"""The building blocks of the records: ids, the size limits, the kinds of text and date a
field may hold, with the words its JSON Schema shows (records.py builds the records from them)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic.functional_validators import AfterValidator

from . import dates
from .vocabulary import CREDIBILITY

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
    str, Field(pattern=r'^https?://[^\s<>"]+$', max_length=MAX_URL, description="An http or https address.")
]
# A topic is any printable label on one line ("U.S.", "9/11", "COVID-19"); its page gets a slug.
Topic = Annotated[
    str,
    Field(
        pattern=r"^[^\x00-\x1F\x7F]*[^\s\x00-\x1F\x7F][^\x00-\x1F\x7F]*$",
        max_length=100,
        description="A topic label: any printable text on one line, at most 100 characters.",
    ),
]


def _date_text(value: Any) -> Any:
    """YAML reads `2024` as a number: take it as the year it is."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


_DATE_HELP = (
    "A date with its real precision (2024, 2024-06, 2024-06-19), an ISO 8601 interval "
    "(2015-09-01/2015-09-14, or 2015-09-01/14), and ~ after a date for 'about' (2015-03~)."
)
DateSpec = Annotated[
    str,
    BeforeValidator(_date_text),
    AfterValidator(dates.check),
    WithJsonSchema({"type": ["string", "integer"], "pattern": dates.SCHEMA_PATTERN, "description": _DATE_HELP}),
]
PointDate = Annotated[
    str,
    BeforeValidator(_date_text),
    AfterValidator(lambda v: dates.check(v, interval=False)),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?~?$",
            "description": "A date with its real precision: 2024, 2024-06 or 2024-06-19; ~ after it for 'about'.",
        }
    ),
]
FullDate = Annotated[
    str,
    AfterValidator(lambda v: dates.check(v, day=True)),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "A day: YYYY-MM-DD."}),
]
Count = Annotated[int, Field(ge=0, le=10**10)]
Credibility = Annotated[
    int,
    Field(
        ge=1,
        le=6,
        description="Credibility of the information (Admiralty code): "
        + "; ".join(f"{k} {v}" for k, v in CREDIBILITY.items())
        + ".",
    ),
]


LANGUAGE_TAG = r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$"


def known_language(tag: str) -> str:
    """A BCP 47 language tag whose language CLDR knows (through Babel, which Material already
    needs): 'ru', 'ar', 'zh-Hant', 'pt-BR'. An unknown one says which known tag it is close to."""
    import babel
    from babel import localedata

    try:
        babel.Locale.parse(tag, sep="-")
    except (ValueError, babel.UnknownLocaleError):
        names = {name.casefold(): code for code, name in babel.Locale("en").languages.items() if "_" not in code}
        known = sorted({name.split("_")[0] for name in localedata.locale_identifiers()})
        from difflib import get_close_matches

        guess = names.get(tag.casefold()) or next(iter(get_close_matches(tag.lower().split("-")[0], known, n=1)), None)
        hint = f"; did you mean '{guess}'?" if guess else " (a BCP 47 tag such as en, fr, ru, ar, zh-Hant)"
        raise ValueError(f"unknown language '{tag}'{hint}") from None
    return tag


Language = Annotated[
    str,
    Field(pattern=LANGUAGE_TAG, max_length=35, description="A language: a BCP 47 tag such as en, fr, ru, ar, zh-Hant."),
    AfterValidator(known_language),
]
