"""The words the site itself writes (headings, labels, sentences), in the site's language.

Messages are English in the code and templates (`_("Key points")`); a gettext catalogue turns
them into another language. A message the catalogue lacks stays English. Imports nothing of ours.
"""

from __future__ import annotations

import functools
import gettext
from dataclasses import dataclass, field
from typing import Any


def N_(message: str) -> str:  # (gettext's name for a message marked, not translated)
    """Mark `message` for the catalogue where it is defined; it is translated where it is shown."""
    return message


@dataclass(frozen=True, eq=False)
class Messages:
    """One language's messages: gettext, plurals, numbers, the script's direction."""

    tag: str = "en"  # BCP 47
    direction: str = "ltr"  # "rtl" for Arabic, Persian, Hebrew, Urdu...
    digest: str = ""  # of the catalogue it was read from ("" for English): part of the render key
    translations: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)

    def __repr__(self) -> str:  # (the render key holds it: same language and catalogue, same key)
        return f"Messages({self.tag!r}, {self.digest!r})"

    @property
    def english(self) -> bool:
        return self.tag == "en"

    def gettext(self, message: str, **values: Any) -> str:
        """`message` in this language, with `%(name)s` filled from `values` when given."""
        text = self.translations.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        """The form for `n` (`%(n)s` is `n`, written as numbers are in this language)."""
        text = self.translations.ngettext(singular, plural, n)
        return text % {"n": self.number(n), **values}

    def number(self, n: int) -> str:
        """1234 -> '1,234' (English), '1 234' (French)..."""
        if self.english:
            return f"{n:,}"
        return _number(self.tag, n)


@functools.lru_cache(maxsize=10_000)  # counts recur on every page
def _number(tag: str, n: int) -> str:
    from babel.numbers import format_decimal

    return format_decimal(n, locale=tag.replace("-", "_"))


ENGLISH = Messages()
