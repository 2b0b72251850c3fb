"""The parts of an article that are not its story: bylines and credits (a writer, an agency, a
photographer), and headlines (of the article or of a linked one), whose capitalised words are no
names."""

from __future__ import annotations

import re

from .entity import NOT_ACTORS, Entity, fold, strip_possessive
from .lexicon import COMMON, HEADLINE_WORDS, TITLES
from .text import Span

_AGENCY = r"(?:AFP|AP|Reuters|dpa|EFE|ANSA|PA|UPI|Xinhua|TASS|Kyodo|Yonhap|Anadolu|Bloomberg)"
# A byline near the top ("By ANNA KELLER AFP", "By Jane Doe, Reuters") and an agency's credit in a
# dateline ("Brussels (AFP) -"): the writer and the agency are not in the story.
_BYLINE = re.compile(
    r"^[ \t]*(?:By|BY)[ \t]+[^\n]{2,120}$|^[ \t]*[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){1,3}[ \t]*[,/]?[ \t]*"
    + _AGENCY
    + r"[ \t]*$",
    re.M,
)
_CREDIT = re.compile(
    r"\("
    + _AGENCY
    + r"\)"
    # a reporter's credit on a line of its own: "— White House Correspondent Julie Pace."
    + r"|^[ \t]*[—–][ \t]*(?:By[ \t]+[A-Z][^\n]{2,60}|[A-Z][^\n]{0,60}?\b(?:[Cc]orrespondent|[Ww]riter"
    + r"|[Rr]eporter|[Ee]ditor|[Pp]hotographer)[ \t]+[A-Z][^\n]{2,40})$"
    # "Contributing: Jane Doe and John Roe, USA TODAY.", a photo's credit "John Moore/Getty Images"
    + r"|^[ \t]*(?:Contributing:|Translated by|\(?Additional reporting by|On Twitter,? follow)[^\n]*$"
    # a name alone after a dash on its own line, with a full stop: "- Elise Viebeck." (not a list's item)
    + r"|^[ \t]*[-—–][ \t]*[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){1,3}\.[ \t]*$"
    + r"|\b[A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3}/(?:Getty|AP|AFP|Reuters|EPA)\b",
    re.M,
)


def credits(text: str) -> list[Span]:
    """Where the article credits its writer or agency (a byline in its first lines, "(AFP)")."""
    head = text[:600]
    spans = [Span(m.start(), m.end()) for m in _BYLINE.finditer(head)]
    return spans + [Span(m.start(), m.end()) for m in _CREDIT.finditer(text)]


_FUNCTION = frozenset({"a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "by", "with", "vs", "vs."})


def headline(sentence: str) -> bool:
    """A line of five words or more with every word but the small ones capitalised: a headline
    (of this article or of a linked one), not a sentence. With a comma, only when one of its
    capitalised words (not the first) is a word of a sentence ("..., But He Fully Supported
    One"), not a list of names ("Ted Cruz, John Kasich and Marco Rubio", "Mr. Obama, Mrs. Clinton")."""
    words = re.findall(r"[^\W\d_][\w’'\-]*", sentence)
    content = [w for w in words if w.lower() not in _FUNCTION]
    if len(words) < 5 or not all(w[0].isupper() for w in content):
        return False
    return "," not in sentence or any(_sentence_word(w) for w in content[1:])


def _sentence_word(word: str) -> bool:
    w = word.lower()
    return (w in COMMON or w in HEADLINE_WORDS) and w not in TITLES


def headlines_only(text: str, headlines: list[Span], found: list[Entity]) -> list[Entity]:
    """Names only in headlines are no actors ("New Polls Show Double-Digit Gaps"): an actor is
    named in the text too. One that the text names by one of its words is that person, named in
    full in the headline ("How Paul Ryan Thinks About ..." and "Ryan said": Paul Ryan).
    `headlines`: the sentences that are headlines (see headline)."""
    if not headlines:
        return found
    alone = {fold(e.name): e for e in found if not e.actor and " " not in e.name and e.kind in ("unknown", "person")}
    merged_into: set[int] = set()
    for e in found:
        if e.actor is not None or e.place or e.kind in ("state", *NOT_ACTORS):
            continue
        words = e.name.split()
        body = [m for m in e.mentions if not any(h.start <= m.start < h.end for h in headlines)]
        if body:
            said = {fold(strip_possessive(text[m.start : m.end])) for m in body}
            short = [k for k, w in enumerate(words[:-1]) if k and {fold(strip_possessive(w))} == said]
            if short and any(h.start <= e.first < h.end for h in headlines):  # "How Ivo Marsh Thinks", "Marsh said"
                e.name = " ".join(words[: short[0] + 1])
                e.mentions = [m if m in body else Span(m.start, m.start + len(e.name)) for m in e.mentions]
            continue
        k = next((k for k in range(len(words) - 1, 0, -1) if fold(strip_possessive(words[k])) in alone), 0)
        other = alone.get(fold(strip_possessive(words[k]))) if k else None
        if other is None or other is e or id(other) in merged_into:
            e.kind, e.evidence = "thing", "named only in a headline"
            continue
        e.name = " ".join(words[:k]) + " " + strip_possessive(words[k])
        e.kind, e.evidence = "person", "named in full in a headline"
        e.mentions = sorted(
            [Span(m.start, m.start + len(e.name)) for m in e.mentions] + other.mentions, key=lambda m: m.start
        )
        merged_into.add(id(other))
    return [e for e in found if id(e) not in merged_into]
