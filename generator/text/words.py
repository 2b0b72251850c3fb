"""Small helpers on words, for any stage: slugs, plurals, "did you mean". Imports nothing of ours."""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Iterable

from anyascii import anyascii


def slugify(text: str) -> str:
    """A path- and anchor-safe slug of free text (ASCII letters, digits, hyphens).

    Names in other scripts are transliterated (Москва -> moskva, 北京 -> beijing); text with
    nothing to transliterate (symbols only) gets a short digest of itself.
    """
    ascii_text = anyascii(unicodedata.normalize("NFC", text))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")
    return slug or "x-" + hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word to at most `limit` characters, with '…' where it was cut."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def plural(n: int, word: str) -> str:
    """'1 briefing', '2 briefings', '0 briefings'."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """ "; did you mean 'x'?" for the known name closest to `name`, or "" when none is close."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
