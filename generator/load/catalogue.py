"""The site language's message catalogue: the project's locale/LANG.po, else the one shipped.

A catalogue is a gettext .po file (Babel reads it). A message it lacks, leaves empty or breaks
(a `%(name)s` missing or added, a fuzzy entry) is shown in English, and said as a warning.
"""

from __future__ import annotations

import functools
import gettext
import hashlib
import io
import re
from pathlib import Path

from ..core.errors import BriefingsError, Problem, display_path
from ..text.messages import ENGLISH, Messages
from .project import SETTINGS_FILE

SHIPPED = Path(__file__).parent.parent / "locale"  # briefings.pot and the translations made with it
TEMPLATE = SHIPPED / "briefings.pot"


def shipped_languages() -> list[str]:
    """The languages whose catalogue comes with briefings (English needs none)."""
    return sorted(["en", *(p.stem for p in SHIPPED.glob("*.po"))])


def catalogue_path(root: Path, tag: str) -> Path | None:
    """The project's catalogue for `tag` (locale/TAG.po), else the shipped one, else None."""
    return find_catalogue(root / "locale", tag) or find_catalogue(SHIPPED, tag)


def find_catalogue(folder: Path, tag: str) -> Path | None:
    """TAG.po in `folder` (or TAG_with_underscores.po, or the language's alone: pt-BR, pt_BR, pt)."""
    for name in (tag, tag.replace("-", "_"), tag.split("-")[0]):
        path = folder / f"{name}.po"
        if path.is_file():
            return path
    return None


def direction(tag: str) -> str:
    """'rtl' when the language's usual script is written right to left (CLDR, through Babel)."""
    import babel

    try:
        locale = babel.Locale.parse(tag, sep="-")
    except (ValueError, babel.UnknownLocaleError):
        return "ltr"
    return "rtl" if locale.character_order == "right-to-left" else "ltr"


def load(root: Path, tag: str) -> tuple[Messages, list[Problem]]:
    """The messages of language `tag` and the warnings about its catalogue.

    English needs no catalogue. Another language without one is an error (the site would be
    English while saying it is not); a catalogue that cannot be read is an error too.
    """
    if tag == "en":
        return ENGLISH, []
    path = catalogue_path(root, tag)
    if path is None:
        message = (
            f"no message catalogue for language {tag!r}: write locale/{tag}.po "
            f"(`briefings messages init {tag}`; shipped: {', '.join(shipped_languages())})"
        )
        raise BriefingsError([Problem(display_path(root / SETTINGS_FILE), _setting_line(root), "language", message)])
    messages, warnings = _read(display_path(path), tag, path.read_bytes())
    return messages, list(warnings)


@functools.lru_cache(maxsize=8)  # check, generation and the PDFs of one build share one reading
def _read(shown: str, tag: str, data: bytes) -> tuple[Messages, tuple[Problem, ...]]:
    """The messages of a catalogue's bytes, and the warnings about them (at `shown`)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import PoFileError, read_po

    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        raise BriefingsError(
            [Problem(shown, getattr(exc, "lineno", 0) or 0, "", f"unreadable catalogue: {exc}")]
        ) from None
    warnings: list[Problem] = []
    known = _template_messages()
    for entry, problems in list(catalog.check()):  # placeholders that differ from the English ones
        for problem in problems:
            warnings.append(Problem(shown, entry.lineno or 0, "", f"{problem}; shown in English: {_short(entry.id)}"))
        catalog.delete(entry.id, entry.context)
    for entry in list(catalog):
        empty = not (all(entry.string) if isinstance(entry.string, tuple) else entry.string)
        if entry.id and (entry.fuzzy or empty):
            catalog.delete(entry.id, entry.context)
    translated = {_key(m.id) for m in catalog if m.id}
    missing = sum(1 for key in known if key not in translated)
    if missing:
        warnings.append(Problem(shown, 0, "", f"{missing} of {len(known)} messages not translated: shown in English"))
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    messages = Messages(
        tag=tag,
        direction=direction(tag),
        digest=hashlib.sha256(data).hexdigest()[:16],
        translations=gettext.GNUTranslations(compiled),
    )
    return messages, tuple(warnings)


def _setting_line(root: Path) -> int:
    try:
        lines = (root / SETTINGS_FILE).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    return next((n for n, line in enumerate(lines, 1) if re.match(r"\s*[\"']?language[\"']?\s*=", line)), 0)


def _key(message_id: object) -> str:
    return message_id[0] if isinstance(message_id, tuple | list) else str(message_id)


def _short(message_id: object) -> str:
    text = _key(message_id)
    return repr(text if len(text) <= 50 else text[:47] + "...")


@functools.cache
def _template_messages() -> frozenset[str]:
    """The messages of the shipped template (what a complete catalogue translates)."""
    from babel.messages.pofile import read_po

    with TEMPLATE.open("rb") as handle:
        return frozenset(_key(m.id) for m in read_po(handle) if m.id)
