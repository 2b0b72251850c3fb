"""Everything `briefings draft` finds in one article: names, quotes and their speakers."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from . import names as names_
from . import rank
from .attribute import Attributor, Said, is_title_of_work, speech_in_sentence
from .entity import Entity
from .quotes import Quoted, find, words
from .text import Span, paragraphs, sentences


@dataclass(slots=True)
class FoundQuote:
    """A quote and its speaker."""

    quoted: Quoted
    said: Said
    paragraph: int

    @property
    def speaker(self) -> Entity | None:
        return self.said.entity


@dataclass(slots=True)
class Analysis:
    text: str
    paragraphs: list[Span]
    sentences: list[Span]
    entities: list[Entity]
    quotes: list[FoundQuote]  # the quotes kept: attributed, not titles or scare quotes
    left_out: list[tuple[Quoted, str]] = field(default_factory=list)  # and why


def analyse(
    text: str,
    registry: names_.Registry | None = None,
    weights: Mapping[str, float] | None = None,
    collect: list[tuple[Quoted, list[rank.Candidate]]] | None = None,
) -> Analysis:
    """The article's names, its quotes and their speakers. The rules find each quote's speaker
    and the ranker (rank.py, with `weights`, the shipped ones by default; `{}` for the rules
    alone) chooses among them and the other candidates near the quote; `collect` receives each
    kept quote's candidates (for training the ranker)."""
    registry = registry or names_.Registry()
    weights = rank.shipped_weights() if weights is None else weights
    paras = paragraphs(text)
    sents = [s for p in paras for s in sentences(text, p)]
    quoted = find(text, paras)
    ents = names_.entities(text, sents, registry)
    attributor = Attributor(text, ents, sents, quoted)
    para_starts = [p.start for p in paras]
    para_of = {}
    for q in quoted:
        n = bisect.bisect_right(para_starts, q.start) - 1
        para_of[q.start] = n if n >= 0 and paras[n].start <= q.start < paras[n].end else 0
    said = [attributor.explicit(q) for q in quoted]
    titles = {k for k, q in enumerate(quoted) if is_title_of_work(text, q)}
    kept: list[FoundQuote] = []
    left_out: list[tuple[Quoted, str]] = []
    last: FoundQuote | None = None
    for k, (q, s) in enumerate(zip(quoted, said, strict=True)):
        n = para_of[q.start]
        if k in titles:
            left_out.append((q, "a title or a name, not words said"))
            continue
        n_words = words(text, q)
        sentence = attributor.sentence_at(q.start)
        embedded = bool(re.search(r"\w", text[sentence.start : q.start]))  # not a sentence of its own
        if s.entity is None and s.mention is None and embedded:
            # no speech verb: the words are the sentence subject's ("Smith called it “a mess”")
            subject = attributor.sentence_subject(sentence, q.start)
            if subject is not None:
                s = Said(subject[1], subject[0], "sentence subject")
        if s.entity is None and s.mention is None:
            s = _inherit(k, quoted, said, para_of, last, text, paras, titles)
        unnamed = s.entity is None and s.mention is None
        inherited = embedded and s.how in ("carried forward", "same paragraph", "sentence subject")
        if (n_words <= 2 or (n_words <= 3 and (unnamed or inherited))) and not speech_in_sentence(
            attributor.masked, sentence
        ):
            why = "no speaker and no speech verb" if unnamed else "no speech verb"
            left_out.append((q, f"a short quote with {why}: a scare quote?"))
            continue
        if weights or collect is not None:
            opens = not re.search(r"\w", text[paras[n].start : q.start])
            neighbour = _inherit(k, quoted, said, para_of, None, text, paras, titles)
            cs = rank.candidates(
                attributor, q, s, last.said if last else None, neighbour if neighbour.how else None, opens
            )
            if collect is not None:
                collect.append((q, cs))
            if weights:
                best = rank.choose(cs, weights)
                if "rule" not in best.features:
                    s = Said(best.said.entity, best.said.mention, f"ranked:{best.where}" if best.said.mention else "")
        if s.entity is not None and s.entity.kind == "unknown":
            s.entity.kind = "person"
            s.entity.evidence = "speech verb"
        found = FoundQuote(q, s, n)
        kept.append(found)
        last = found
    ents.extend(e for e in attributor.new if any(f.said.entity is e for f in kept))
    return Analysis(text, paras, sents, ents, kept, left_out)


def _inherit(
    k: int,
    quoted: list[Quoted],
    said: list[Said],
    para_of: dict[int, int],
    last: FoundQuote | None,
    text: str,
    paras: list[Span],
    titles: set[int],
) -> Said:
    """A quote with no speaker of its own: the speaker of the quote next to it in the same
    paragraph ("A," she said. "B."), else, when its paragraph opens with it, the speaker of the
    quote just before (a speaker carries on until someone else is named)."""
    q = quoted[k]
    n = para_of[q.start]
    before = next((j for j in range(k - 1, -1, -1) if j not in titles), -1)  # a title between is no quote
    after = next((j for j in range(k + 1, len(quoted)) if j not in titles), -1)
    for j in (before, after):
        if not 0 <= j < len(quoted) or (said[j].entity is None and said[j].mention is None):
            continue
        # the quote before may have begun paragraphs earlier: where it ends is what counts
        other = para_of[quoted[j].start] + quoted[j].paragraphs - 1 if j < k else para_of[quoted[j].start]
        if other == n:
            return Said(said[j].entity, said[j].mention, "same paragraph")
    opens = not re.search(r"\w", text[paras[n].start : q.start])
    if opens and last is not None and last.paragraph >= n - 2 and last.said.entity is not None:
        return Said(last.said.entity, last.said.mention, "carried forward")
    return Said(None, None, "")
