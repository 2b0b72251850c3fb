"""The names of one text, its sentences, and what a pronoun or a description ("the minister")
stands for: the ground the attribution rules (subjects.py, attribute.py) stand on."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from itertools import islice

from .entity import Entity
from .lexicon import PRONOUNS
from .quotes import Quoted
from .text import Span, merged

_NOT_SPACE = re.compile(r"\S")
LOOK_BACK = 200  # people named before a description ("the minister") that it may mean, nearest first
_ORG_HEADS = frozenset(
    {"group", "campaign", "ministry", "agency", "committee", "government", "company", "party", "organization"}
    | {"organisation", "department", "office"}
)
_UNNAMED = re.compile(r"\s*(?:a|an|one|another|some|two|three|several|many|other)\b", re.I)


class Mentions:
    """One text's names, indexed by where they start and end, and its sentences."""

    def __init__(self, text: str, entities: list[Entity], sentences: list[Span], quotes: list[Quoted]) -> None:
        self.text = text
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.by_start: dict[int, tuple[Span, Entity]] = {}
        for e in entities:
            for m in e.mentions:
                self.by_start[m.start] = (m, e)
        self.by_end = {m.end: (m, e) for m, e in self.by_start.values()}
        self.mentions = sorted(self.by_start.values(), key=lambda me: me[0].start)
        self.mention_starts = [m.start for m, _ in self.mentions]
        self.mention_ends = sorted(m.end for m, _ in self.mentions)
        # the text with every quote blanked out, so that frames are read around quotes
        parts, done = [], 0
        for start, end in merged((q.start, q.end) for q in quotes):  # each character once
            parts += [text[done:start], _NOT_SPACE.sub("_", text[start:end])]
            done = end
        self.masked = "".join([*parts, text[done:]])

    def sentence_index(self, i: int) -> int:
        """The index of the sentence at or before offset `i`."""
        return max(0, bisect.bisect_right(self.starts, i) - 1)

    def between(self, lo: int, hi: int) -> list[tuple[Span, Entity]]:
        """The mentions that start in [lo, hi), in order (a window, so that a long article
        costs no more per quote than a short one)."""
        return self.mentions[bisect.bisect_left(self.mention_starts, lo) : bisect.bisect_left(self.mention_starts, hi)]

    def before(self, i: int) -> Iterator[tuple[Span, Entity]]:
        """The mentions that start before offset `i`, nearest first."""
        for k in range(bisect.bisect_left(self.mention_starts, i) - 1, -1, -1):
            yield self.mentions[k]

    def sentence_at(self, i: int) -> Span:
        """The sentence that holds offset `i` (an empty span between paragraphs)."""
        if self.sentences:
            s = self.sentences[self.sentence_index(i)]
            if s.start <= i < s.end:
                return s
        return Span(i, i)

    def resolve_pronoun(self, span: Span, pronoun: str) -> Entity | None:
        """He/she: the first person named in this sentence before the pronoun, else in the
        nearest earlier sentence that names one (the subject of a sentence comes first)."""
        kinds = ("person",) if PRONOUNS[pronoun] == "person" else None
        k = self.sentence_index(span.start)
        for j in range(k, max(-1, k - 6), -1):
            sentence = self.sentences[j]
            found = [
                e
                for m, e in self.between(sentence.start, min(sentence.end, span.start))
                if (kinds is None or e.kind in kinds) and not e.place
            ]
            if found:
                return found[0]
        return None

    def resolve_nominal(self, span: Span) -> Entity | None:
        """ "The minister", "the Republican presidential candidate": the person most recently
        introduced with that title, else (for a title) the most recent person; "the campaign":
        the most recent organisation; "a senior adviser", "one source": no one named."""
        words = self.text[span.start : span.end]
        if _UNNAMED.match(words):
            return None
        found = re.findall(r"[a-z][\w\-]*", words.lower())
        head = found[-1] if found else ""
        if head in _ORG_HEADS:
            return next((e for m, e in self.before(span.start) if e.kind != "person" and not e.place), None)
        recent = list(islice(((m, e) for m, e in self.before(span.start) if e.kind == "person"), LOOK_BACK))
        for m, e in recent:
            floor = max(0, m.start - 40)
            k = bisect.bisect_right(self.mention_ends, m.start) - 1  # the last name to end before this one
            earlier = self.mention_ends[k] if k >= 0 and self.mention_ends[k] >= floor else floor
            before = self.text[earlier : m.start].lower()  # the words just before the name
            if head and re.search(r"\b" + re.escape(head) + r"\b", before):
                return e
        if re.search(r"\b[A-Z]{2,6}\b", words):
            return None  # "the UN rights chief": someone of a body named in it, not the person just named
        return recent[0][1] if recent else None  # "the former secretary of state": the person just named
