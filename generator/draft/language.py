"""The language of an article: what its web page says (`<html lang>`, Content-Language,
og:locale), else what its letters tell.

The letters' rule ("script census"): the script most of the article's letters are written in,
with the letters only one language of that script uses: Persian (پ چ ژ گ ک ی) and Urdu (ٹ ڈ ڑ ں ے)
among Arabic-script texts, Ukrainian (і ї є ґ), Belarusian (ў) and Serbian (ђ ћ џ љ њ ј) among
Cyrillic ones, Japanese kana among Chinese characters. It tells a script's main language, never
one Latin-script language from another (English, French, German, ... all read as unknown); it
can be wrong between languages that share a script and its letters (Bulgarian reads as Russian).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_DECLARED = (
    re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)", re.I),
    re.compile(
        rb"<meta\b[^>]*?http-equiv\s*=\s*[\"']?content-language[\"']?[^>]*?content\s*=\s*[\"']?([A-Za-z-]{2,12})", re.I
    ),
    re.compile(rb"<meta\b[^>]*?property\s*=\s*[\"']?og:locale[\"']?[^>]*?content\s*=\s*[\"']?([A-Za-z_]{2,12})", re.I),
)
# The script of a letter, from its Unicode name's first word; the language a script alone gives.
_SCRIPTS = {
    "ARABIC": "ar",
    "CYRILLIC": "ru",
    "HEBREW": "he",
    "GREEK": "el",
    "HANGUL": "ko",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "CJK": "zh",
    "DEVANAGARI": "hi",
    "THAI": "th",
    "GEORGIAN": "ka",
    "ARMENIAN": "hy",
    "LATIN": "",
}
_TELLTALE = {  # (script's default language) -> [(letters, language)], the first found wins
    "ar": [("ٹڈڑںے", "ur"), ("پچژگکی", "fa")],
    "ru": [("іїєґІЇЄҐ", "uk"), ("ўЎ", "be"), ("ђћџљњјЂЋЏЉЊЈ", "sr")],
    "zh": [],
}


def declared(page: bytes) -> str | None:
    """The language a web page says it is in, as a BCP 47 tag, or None."""
    head = page[:20_000]
    for pattern in _DECLARED:
        found = pattern.search(head)
        if found:
            tag = found.group(1).decode("ascii").replace("_", "-")
            return tag if tag.lower() not in ("und", "zxx", "mul") else None
    return None


def from_letters(text: str) -> str | None:
    """The language the letters tell (see the module's docstring), or None."""
    scripts: Counter[str] = Counter()
    for ch in text[:50_000]:
        if ch.isalpha():
            name = unicodedata.name(ch, "").split(" ", 1)[0]
            scripts[name if name in _SCRIPTS else "OTHER"] += 1
    if not scripts:
        return None
    script, n = scripts.most_common(1)[0]
    if script in ("HIRAGANA", "KATAKANA", "CJK") and (scripts["HIRAGANA"] + scripts["KATAKANA"]) * 20 > n:
        return "ja"  # kana beside the Chinese characters
    language = _SCRIPTS.get(script, "")
    if not language or n * 2 < sum(scripts.values()):
        return None  # Latin (no telling which language), or no script holds most letters
    for letters, other in _TELLTALE.get(language, []):
        if sum(text.count(ch) for ch in letters) * 200 > n:  # (more than one letter in 200)
            return other
    return language
