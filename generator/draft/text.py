"""Paragraphs and sentences of an article's text, as character offsets into it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sen",
        "rep",
        "gov",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "maj",
        "adm",
        "cmdr",
        "st",
        "jr",
        "sr",
        "rev",
        "hon",
        "pres",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "vs",
        "etc",
        "inc",
        "corp",
        "co",
        "ltd",
        "u.s",
        "u.k",
        "u.n",
    ]
)
_END = re.compile(r"[.!?](?:[\"”’')\]]+)?(?=\s+(?:''|[\"“‘'(\[])?[A-Z0-9])")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the text: [start, end)."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


def paragraphs(text: str) -> list[Span]:
    """The paragraphs: runs of text between blank lines (or single line breaks, for texts that
    put each paragraph on one line), without their surrounding spaces."""
    out = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        for line in _lines_if_paragraphs(text, m.start(), m.end()):
            s, e = line
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                out.append(Span(s, e))
    return out


def _lines_if_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A block of several lines is several paragraphs when its lines are sentences (each ends
    with a full stop or a quote mark), one paragraph when it is wrapped prose."""
    lines = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^\n]+", text[start:end])]
    if len(lines) > 1 and all(re.search(r"[.!?:\"”’']\s*$", text[s:e]) for s, e in lines[:-1]):
        return lines
    return [(start, end)]


def sentences(text: str, para: Span) -> list[Span]:
    """The sentences of a paragraph (full stops after common abbreviations and initials do not
    end one)."""
    out, start = [], para.start
    for m in _END.finditer(text, para.start, para.end):
        word = re.search(r"([\w.]+)$", text[start : m.start()])
        if (
            word
            and m.group(0)[0] == "."
            and (word.group(1).lower() in ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.)*\w", word.group(1)))
        ):  # "Sen.", "J." and "J.J." (initials) end no sentence
            continue
        end = m.end()
        out.append(Span(start, end))
        start = end
        while start < para.end and text[start].isspace():
            start += 1
    if start < para.end:
        out.append(Span(start, para.end))
    return out


def merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """[start, end) stretches in order, those that overlap or touch joined into one."""
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(a, b) for a, b in out]
