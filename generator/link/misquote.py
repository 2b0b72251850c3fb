"""A misquote explained: the passage of the stored source closest to the quote, and the words
that differ, so the analyst sees what the source says instead of searching for it."""

from __future__ import annotations

import difflib
import re

from rapidfuzz import fuzz

from ..text.words import shorten

MIN_SCORE = 60  # below this (of 100), no passage is like the quote enough to show
_WORD = re.compile(r"\w+(?:[\"'.-]\w+)*")  # (quote marks are all '"' once normalised: We"re)


def _spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(text)]


def closest(quote: tuple[str, str], source: tuple[str, str]) -> tuple[str, list[tuple[str, str]]] | None:
    """The passage of the source most like the quote (widened to whole words), and the pairs of
    (the quote's words, the source's words) that differ; None when nothing is close.

    `quote` and `source` are each (as compared, as shown): the same text with quote marks made
    one (compared) or as written (shown), and spaces made single in both, so offsets agree.
    """
    found = fuzz.partial_ratio_alignment(quote[0], source[0], score_cutoff=MIN_SCORE)
    if found is None:
        return None
    compared, shown = source
    start, end = found.dest_start, found.dest_end
    while start > 0 and not compared[start - 1].isspace():
        start -= 1
    while end < len(compared) and not compared[end].isspace():
        end += 1
    ours = _spans(quote[0])
    theirs = [(a + start, b + start) for a, b in _spans(compared[start:end])]
    matcher = difflib.SequenceMatcher(
        None,
        [quote[0][a:b].casefold() for a, b in ours],
        [compared[a:b].casefold() for a, b in theirs],
        autojunk=False,
    )
    codes = matcher.get_opcodes()
    # Words of the source beyond the quote's ends, taken in by widening, are not differences.
    while codes and codes[0][0] == "insert" and codes[0][2] == 0:
        start = theirs[codes[0][4]][0] if codes[0][4] < len(theirs) else end
        codes = codes[1:]
    while codes and codes[-1][0] == "insert" and codes[-1][1] == len(ours):
        end = theirs[codes[-1][3] - 1][1] if codes[-1][3] > 0 else start
        codes = codes[:-1]
    differ = []
    for tag, i1, i2, j1, j2 in codes:
        if tag != "equal":
            differ.append(
                (
                    " ".join(quote[1][a:b] for a, b in ours[i1:i2]),
                    " ".join(shown[a:b] for a, b in theirs[j1:j2]),
                )
            )
    return shown[start:end].strip(), differ


def misquote_message(quote: tuple[str, str], source: tuple[str, str]) -> str:
    """The problem's words for a quote that is not in its source verbatim."""
    base = "not found verbatim in the stored source text"
    near = closest(quote, source)
    if near is None:
        return f"{base}, nor anything close to it (is it the right source?)"
    passage, differ = near
    changes = []
    for ours, theirs in differ[:5]:
        if ours and theirs:
            changes.append(f"'{ours}' where the source has '{theirs}'")
        elif ours:
            changes.append(f"'{ours}' is not in the source")
        else:
            changes.append(f"'{theirs}' is left out")
    more = f", and {len(differ) - 5} more" if len(differ) > 5 else ""
    said = "; ".join(changes) + more if changes else "only punctuation differs"
    return f"{base}; the closest passage is «{shorten(passage, 300)}» ({said})"
