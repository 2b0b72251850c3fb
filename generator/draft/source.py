"""Read what `briefings draft` is given: a text file, or a web page saved as HTML, whose
article text, title, date, author and site are taken out with trafilatura (offline)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core import optional
from ..core.errors import display_path
from ..core.inputs import decode_text, file_problem, looks_binary, read_input
from ..model.fields import known_language
from .language import declared, from_letters

MAX_BYTES = 5_000_000  # an article; a larger file is not one


@dataclass(frozen=True, slots=True)
class Article:
    """An article's text (as it will be stored, line breaks as \\n) and what is known of it."""

    text: str
    title: str | None = None
    date: dt.date | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None
    extracted: bool = False  # True: taken out of a web page
    language: str | None = None  # BCP 47, when the page says it or the letters tell (language.py)
    language_from: str = ""  # "the page" or "its letters"


def read(path: Path) -> Article:
    """The article in a text or HTML file; a clear problem when there is none."""
    where = display_path(path)
    data = read_input(path, "an article", MAX_BYTES)
    if not data.strip():
        raise file_problem(where, "the file is empty")
    head = data[:2048].lstrip().lower()
    if path.suffix.lower() in (".html", ".htm", ".xhtml") or head.startswith((b"<!doctype html", b"<html")):
        if looks_binary(data):
            raise file_problem(where, "a binary file, not a web page")
        return _from_html(data, where)
    return _from_text(decode_text(data, where, "save the article as UTF-8 text or as the web page"), where)


def clean(text: str) -> str:
    """Line breaks as \\n and no control characters but tab and line break; nothing else changes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ufeff]", " ", text)


def _from_text(raw: str, where: str) -> Article:
    text = clean(raw)
    if not re.search(r"\w", text):
        raise file_problem(where, "the file has no text")
    first = text.lstrip().split("\n", 1)[0]
    date = None
    m = re.match(r"\s*(?:date:?\s*)?(\d{4}-\d{2}-\d{2})\b\s*", first, re.I)
    if m:
        try:
            date = dt.date.fromisoformat(m.group(1))
        except ValueError:
            date = None
        first = first[m.end() :]
    sentence = re.match(r"(.{10,200}?[.!?])(?:\s|$)", first)
    title = (sentence.group(1) if sentence else first[:200]).strip().rstrip(".") or None
    language = _known(from_letters(text))
    return Article(
        text=text, title=title, date=date, language=language, language_from="its letters" if language else ""
    )


def _from_html(data: bytes, where: str) -> Article:
    trafilatura = optional.load("trafilatura", "draft", "reading web pages", where)
    found = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    doc: dict[str, Any] = found.as_dict() if found is not None and not isinstance(found, dict) else (found or {})
    if not (doc.get("text") or "").strip():
        raise file_problem(where, "no article text found in the page (trafilatura found none)")
    text = clean(re.sub(r"\n", "\n\n", doc["text"]))
    text = re.sub(r"\n{3,}", "\n\n", text)
    date = None
    if doc.get("date"):
        try:
            date = dt.date.fromisoformat(str(doc["date"])[:10])
        except ValueError:
            date = None

    def field(name: str) -> str | None:
        value = doc.get(name)
        return re.sub(r"\s+", " ", str(value)).strip()[:300] or None if value else None

    url = field("url")
    if url and not re.match(r"https?://[^\s<>\"]+$", url):
        url = None
    site = site_name(field("sitename"), url)
    language, language_from = _known(declared(data)), "the page"
    if language is None:
        language, language_from = _known(from_letters(text)), "its letters"
    return Article(
        text,
        page_title(field("title"), site),
        date,
        author_name(field("author")),
        site,
        url,
        extracted=True,
        language=language,
        language_from=language_from if language else "",
    )


# What a page's metadata gives as its site's name when it is not one (a syndication host's page
# says "Hosted"): the address's host is then the publication.
_NOT_A_SITE = {"hosted", "home", "homepage", "index", "news", "article", "untitled", "default", "page"}
# Agencies and credits that follow a name on a byline: "JOHN SMITH AFP", "Jane Doe, Associated Press".
_AGENCIES = (
    r"AFP|Agence France[- ]Presse|AP|Associated Press|Reuters|Thomson Reuters|Bloomberg|PA|PA Media|dpa|EFE|"
    r"ANSA|Xinhua|TASS|Kyodo|Yonhap|Anadolu|UPI|CNN|BBC News|BBC"
)
_CREDIT = re.compile(rf"(?:\s*[,/|–—-]\s*|\s+(?:for|of)\s+|\s+)(?:{_AGENCIES})\s*$", re.I)


def site_name(name: str | None, url: str | None) -> str | None:
    """The publication: the page's site name, or its address's host when the name is a generic word."""
    if name and name.strip().lower() not in _NOT_A_SITE:
        return name
    host = re.match(r"https?://(?:www\.)?([^/:]+)", url or "")
    return host.group(1) if host else None


def page_title(title: str | None, site: str | None) -> str | None:
    """The headline without the site's name after it ("Talks resume | Example News" -> "Talks
    resume"): a last part after " | ", or after a dash when it is the site's name."""
    if not title:
        return title
    found = list(re.finditer(r"\s+([|–—-])\s+", title))
    if not found:
        return title
    last = found[-1]
    head, sep, tail = title[: last.start()].strip(), last.group(1), title[last.end() :].strip()
    if not head or not tail:
        return title

    def plain(x: str) -> str:
        return re.sub(r"^the\s+|[^a-z0-9]", "", x.lower())

    named = site is not None and bool(plain(tail)) and (plain(tail) in plain(site) or plain(site) in plain(tail))
    return head if named or (sep == "|" and len(tail.split()) <= 5) else title


def author_name(author: str | None) -> str | None:
    """A byline as a name: "By JOHN SMITH AFP" -> "John Smith"; several names kept ("; "-joined)."""
    if not author:
        return author
    names = []
    for part in re.split(r"\s*;\s*|\s+and\s+", author):
        name = re.sub(r"^\s*by\s+", "", part, flags=re.I).strip()
        while _CREDIT.search(name) and _CREDIT.sub("", name).strip():
            name = _CREDIT.sub("", name).strip()
        if name.isupper() and len(name) > 3:
            name = " ".join(w.capitalize() if not re.fullmatch(r"[A-Z]\.?", w) else w for w in name.split())
            name = re.sub(r"\b(Mc|Mac|O')([a-z])", lambda m: m[1] + m[2].upper(), name)
        if name and re.fullmatch(rf"(?:{_AGENCIES})", name, re.I) is None:
            names.append(name)
    return "; ".join(dict.fromkeys(names)) or None


def _known(tag: str | None) -> str | None:
    """`tag` when CLDR knows it (a page may say anything), else None."""
    if tag is None:
        return None
    try:
        return known_language(tag)
    except ValueError:
        return None
