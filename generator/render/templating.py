"""The Jinja environment: default templates, user overrides, strict undefined, escaped output."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..core.errors import BriefingsError, Problem, display_path
from ..text.escape import md_text
from ..text.messages import ENGLISH, Messages

DEFAULT_TEMPLATES = Path(__file__).parent.parent / "templates"


def _finalize(value: Any) -> Any:
    """Escape every expression's output as Markdown text unless it is already safe markup."""
    if isinstance(value, Markup):
        return value
    return md_text(value)


class _Compiled(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the life of the process, so a process that renders
    again and again (the live preview) compiles a template again only when its source changed
    (Jinja checks each template's source against the checksum stored with its code)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = {False: _Compiled(), True: _Compiled()}  # Markdown and HTML templates compile differently


def environment(user_dir: Path | None, *, html: bool = False, messages: Messages = ENGLISH) -> jinja2.Environment:
    """Templates from `user_dir` first, then the defaults (also reachable as 'default:NAME').

    Markdown templates escape every value as inert Markdown; HTML templates (PDFs) autoescape.
    `_("...")` and `ngettext(...)` give the site's own words in its language (`messages`).
    """
    default = jinja2.FileSystemLoader(DEFAULT_TEMPLATES)
    loaders: list[jinja2.BaseLoader] = []
    if user_dir is not None and user_dir.is_dir():
        loaders.append(jinja2.FileSystemLoader(user_dir))
    loaders += [jinja2.PrefixLoader({"default": default}, delimiter=":"), default]
    # Markdown templates: autoescape keeps macro output as Markup; finalize escapes for Markdown.
    options: dict[str, Any] = {} if html else {"finalize": _finalize}
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=True,
        extensions=["jinja2.ext.do"],
        bytecode_cache=_COMPILED[html],
        **options,
    )
    env.globals.update(translators(messages, escape if html else _finalize))
    return env


def translators(messages: Messages, escape_value: Any) -> dict[str, Any]:
    """`_` and `ngettext` for templates. A message is trusted as the template is (it comes with
    briefings or from the project's catalogue); the values put into it are escaped. `_text` gives
    plain text instead, for what a function escapes itself (a link's text, front matter): shown
    as it is, it is escaped whole, as any value is."""

    def gettext(message: str, **values: Any) -> Markup:
        return Markup(messages.gettext(message, **{k: escape_value(v) for k, v in values.items()}))

    def ngettext(singular: str, plural: str, n: int, **values: Any) -> Markup:
        return Markup(messages.ngettext(singular, plural, n, **{k: escape_value(v) for k, v in values.items()}))

    return {
        "_": gettext,
        "ngettext": ngettext,
        "_text": messages.gettext,
        "language": messages.tag,
        "direction": messages.direction,
    }


def render(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render one template; turn any template error into a Problem naming template file and line."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        where = display_path(Path(exc.filename)) if exc.filename else name
        raise BriefingsError([Problem(where, exc.lineno, "template", exc.message or str(exc))]) from None
    except jinja2.TemplateNotFound as exc:
        raise BriefingsError([Problem(name, 0, "template", f"template not found: {exc.name}")]) from None
    except (jinja2.TemplateError, TypeError, AttributeError, ValueError) as exc:
        path, line = _template_frame(exc, name)
        raise BriefingsError([Problem(path, line, "template", str(exc))]) from None


def _template_frame(exc: BaseException, name: str) -> tuple[str, int]:
    """The innermost template file and line in a traceback (Jinja rewrites frames to point there)."""
    found = (name, 0)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if re.search(r"\.j2$", filename):
            found = (display_path(Path(filename)), tb.tb_lineno)
        tb = tb.tb_next
    return found
