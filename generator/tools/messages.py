"""`briefings messages`: the catalogue template of the site's own words (generator/locale/
briefings.pot, extracted from the code and templates with Babel), a project's new catalogue
(locale/LANG.po) made from it, and a catalogue brought up to date after an upgrade.
"""

from __future__ import annotations

import io
from pathlib import Path

from ..core.errors import BriefingsError, Problem, display_path
from ..core.writer import Writer
from ..load.catalogue import SHIPPED, TEMPLATE, find_catalogue

PACKAGE = Path(__file__).parent.parent
KEYWORDS = {"gettext": None, "ngettext": (1, 2), "N_": None, "_": None, "_text": None}
METHODS = [("**.py", "python"), ("templates/**.j2", "jinja2.ext:babel_extract")]


def template_text() -> bytes:
    """The catalogue template as extracted now: every message of the code and templates, each
    with where it is used (no dates: the same code gives the same bytes)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import write_po

    catalog = Catalog(project="briefings", msgid_bugs_address="", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE),
        method_map=METHODS,
        options_map={
            "templates/**.j2": {"trim_blocks": "true", "lstrip_blocks": "true", "extensions": "jinja2.ext.do"}
        },
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, sort_output=True, no_location=False, include_lineno=False)
    return _without_dates(out.getvalue())


def _without_dates(po: bytes) -> bytes:
    lines = [line for line in po.split(b"\n") if not line.startswith((b'"POT-Creation-Date', b'"PO-Revision-Date'))]
    return b"\n".join(lines)


def write_template(*, check: bool = False) -> bool:
    """Write generator/locale/briefings.pot; with `check`, only say whether it is current."""
    text = template_text()
    if check:
        return TEMPLATE.is_file() and TEMPLATE.read_bytes() == text
    Writer(TEMPLATE.parent).write_bytes(TEMPLATE.name, text)
    return True


def init(root: Path, tag: str) -> Path:
    """locale/TAG.po for a project: the shipped translation when there is one (to change), else
    the template with every message to translate."""
    from babel import Locale
    from babel.messages.pofile import read_po, write_po

    target = root / "locale" / f"{tag}.po"
    if target.exists():
        raise BriefingsError(
            [Problem(display_path(target), 0, "", "exists already: edit it, or `briefings messages update`")]
        )
    shipped = find_catalogue(SHIPPED, tag)
    source = shipped if shipped is not None else TEMPLATE
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=None if shipped else Locale.parse(tag, sep="-"))
    if shipped is None:
        catalog.locale = Locale.parse(tag, sep="-")  # (its plural forms)
    out = io.BytesIO()
    write_po(out, catalog, width=100, include_lineno=False)
    Writer(target.parent).write_bytes(target.name, out.getvalue())
    return target


def update(root: Path) -> list[tuple[Path, int, int]]:
    """Bring each of the project's catalogues (locale/*.po) up to the template: new messages
    added (to translate), gone ones dropped. Per file: (path, messages added, messages dropped)."""
    from babel.messages.pofile import read_po, write_po

    with TEMPLATE.open("rb") as handle:
        template = read_po(handle)
    done = []
    for path in sorted((root / "locale").glob("*.po")):
        with path.open("rb") as handle:
            catalog = read_po(handle)
        before = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
        catalog.update(template, no_fuzzy_matching=True)
        after = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
        out = io.BytesIO()
        write_po(out, catalog, width=100, include_lineno=False, ignore_obsolete=True)
        Writer(path.parent).write_bytes(path.name, out.getvalue())
        done.append((path, len(after - before), len(before - after)))
    return done
