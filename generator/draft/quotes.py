"""The quoted passages of an article: straight and curly double quotes, single quotes told
apart from apostrophes, quotes nested in quotes, and quotes that run over several paragraphs;
and the marks other languages use: « » (French, Russian, Ukrainian), „ “ (German, Ukrainian,
Polish „ ”), 「 」 and 『 』 (Chinese, Japanese)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import Span, sentences

OPEN, CLOSE, EITHER = "open", "close", "either"
PAIRED = {"«": "»", "「": "」", "『": "』"}  # marks that open and close unmistakably, and nest
LOW = "„"  # opens a quote that “ or ” closes (German „…“, Polish „…”)
_SPEECH_AFTER = re.compile(r"\s*(?:said|says|say|added|adds|told|asked|wrote|continued)\b")


SENTENCE_MAX = 10_000  # characters: where an unclosed quote's first sentence is looked for


@dataclass(frozen=True, slots=True)
class Quoted:
    """A quoted passage: the words between the marks, [start, end), and how it was found."""

    start: int
    end: int
    mark: str  # "double" or "single"
    closed: bool  # False: no closing mark, so it ends at the end of its first sentence
    paragraphs: int = 1  # how many paragraphs it runs over


def _double(text: str, i: int, width: int = 1) -> str:
    ch = text[i]
    if ch in "“„":
        return OPEN
    if ch == "”":
        return CLOSE
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if before.isspace() or before in "([{—–-/:":
        return OPEN if not after.isspace() else EITHER
    return CLOSE


def _single(text: str, i: int) -> str | None:
    """OPEN, CLOSE, EITHER, or None for an apostrophe."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return None  # Russia’s, don’t, rock’n’roll
    if ch == "‘" or (ch == "'" and (before.isspace() or before in '([{—–-"“')):
        if re.match(r"\d0s|\d\d\b|em\b|til\b|cause\b|n\b|t\s", text[i + 1 : i + 6]):
            return None  # ’90s, ’08, ’em, ’til, in ’t Veld
        return OPEN if not after.isspace() else None
    if before.isspace():
        return None
    if before in "sS" and re.match(r" [a-z]", text[i + 1 : i + 3]) and not _SPEECH_AFTER.match(text, i + 1):
        return EITHER  # students’ union: a closing mark only if nothing closes later
    return CLOSE


def find(text: str, paras: list[Span]) -> list[Quoted]:
    """Every quoted passage, outermost quotes only (a quote inside a quote is part of it)."""
    out: list[Quoted] = []
    carry: tuple[int, str, int] | None = None  # an open quote running on to the next paragraph
    for n, para in enumerate(paras):
        start_mark = text[para.start] if para.start < para.end else ""
        if text.startswith("''", para.start):
            start_mark = '"'  # '' stands for a double mark
        if carry is not None:
            if (start_mark in '“"«„' and carry[1] == "double") or (start_mark in "‘'" and carry[1] == "single"):
                found, carry = _scan(text, para, carry)
            else:  # the quote did not go on: close it at the end of its first sentence
                out.append(_unclosed(text, paras[n - 1], *carry))
                carry = None
                found, carry = _scan(text, para, None)
        else:
            found, carry = _scan(text, para, None)
        out.extend(found)
    if carry is not None:
        out.append(_unclosed(text, paras[-1], *carry))
    return out


def _unclosed(text: str, para: Span, start: int, mark: str, count: int) -> Quoted:
    """A quote with no closing mark: up to the end of the sentence it opens (in the paragraph
    where it opens, when it ran on)."""
    window = Span(start, min(len(text), start + SENTENCE_MAX))  # (not the rest of the text: linear time)
    first = next((s for s in sentences(text, window) if s.end > start), Span(start, para.end))
    end = min(first.end, len(text))
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quoted(start, end, mark, closed=False, paragraphs=count)


def _scan(
    text: str, para: Span, carry: tuple[int, str, int] | None
) -> tuple[list[Quoted], tuple[int, str, int] | None]:
    """Quotes in one paragraph; and the quote still open at its end (start, mark, paragraphs)."""
    # '' (two apostrophes) stands for a double quote mark in some newspapers' archives
    marks = [
        (para.start + m.start(), len(m.group()))
        for m in re.finditer(r"''|[\"“”„'‘’«»「」『』]", text[para.start : para.end])
    ]
    found: list[Quoted] = []
    if carry is not None:
        start, mark, count = carry[0], carry[1], carry[2] + 1
        marks = marks[1:]  # the paragraph's opening mark re-opens the running quote
        depth = 1
    else:
        start, mark, count, depth = -1, "", 1, 0
    pending_either: list[int] = []
    opener = text[start - 1] if carry is not None and start > 0 else ""
    for i, width in marks:
        ch = text[i]
        if depth and opener in PAIRED:  # « … »: only its own mark closes it; the same one nests
            depth += 1 if ch == opener else -1 if ch == PAIRED[opener] else 0
            if depth == 0:
                found.append(_trimmed(text, start, i, count))
                count, opener = 1, ""
            continue
        if depth and opener == LOW:
            if ch in '“”"' and width == 1:
                found.append(Quoted(start, i, "double", True, count))
                depth, count, opener = 0, 1, ""
            continue
        if not depth and ch in PAIRED:
            start, mark, depth, count, opener = i + 1, "double", 1, 1, ch
            continue
        if ch in "»」』":
            continue  # a closing mark with nothing open: not a quote
        is_double = ch in '"“”„' or width == 2
        if depth and mark == "double":
            if is_double:
                kind = _double(text, i, width)
                if kind in (CLOSE, EITHER) or (kind == OPEN and _closes_before(text, i)):
                    found.append(Quoted(start + 0, i, mark, True, count))
                    depth, count = 0, 1
            continue  # single marks inside a double quote are nested quotes or apostrophes
        if depth and mark == "single":
            if is_double:
                continue
            kind_s = _single(text, i)
            if kind_s == OPEN:
                depth += 1
            elif kind_s == CLOSE:
                depth -= 1
                pending_either.clear()
                if depth == 0:
                    found.append(Quoted(start, i, mark, True, count))
                    count = 1
            elif kind_s == EITHER:
                pending_either.append(i)
            continue
        if is_double:
            if _double(text, i, width) == OPEN:
                start, mark, depth, count, opener = i + width, "double", 1, 1, ch
        elif _single(text, i) == OPEN:
            start, mark, depth, count = i + 1, "single", 1, 1
            pending_either.clear()
    if depth and mark == "single" and depth == 1 and pending_either:
        # the only closing candidates were like students’: the last one closes the quote
        found.append(Quoted(start, pending_either[-1], mark, True, count))
        depth = 0
    if depth:
        return found, (start, mark, count)
    return found, None


def _trimmed(text: str, start: int, end: int, count: int) -> Quoted:
    """A quote between paired marks, without the spaces French typography puts inside them."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quoted(start, end, "double", True, count)


def _closes_before(text: str, i: int) -> bool:
    """A straight quote that looks like an opening one, right after a closing comma or stop
    (`"Yes,"she said`), closes the quote."""
    return i > 0 and text[i - 1] in ",.!?"


def words(text: str, q: Quoted, most: int = 20) -> int:
    """How many words the quote holds, counted up to `most` (callers ask about a few)."""
    found = 0
    for _ in _WORD.finditer(text, q.start, q.end):
        found += 1
        if found == most:
            break
    return found


_WORD = re.compile(r"\w+")
