"""A learned ranker over a quote's possible speakers: the rules' own choice, the subjects and
objects of speech verbs, the names and pronouns near the quote, the speakers of the quotes
around it, and no one. Each candidate is described by a few yes-or-no features (where it
stands, what it is, what the rules said of it); a linear model, trained on PolNeAR's train
compartment (bench/train_ranker.py), scores them and the best is the speaker.

The weights ship with the package (speaker_weights.json, with how they were made); the rules
stay the explanation: a speaker the rules chose keeps their reason, any other says where it
was found ("named in the sentence before the quote").
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from .attribute import _VERB, _VERB_RE, Attributor, Said
from .lexicon import ORG_WORDS, PRONOUNS, TITLES
from .quotes import Quoted
from .text import Span

_PRONOUN = re.compile(r"\b(?:he|she|they|He|She|They)\b")
_VERB_AFTER = re.compile(r"\s*(?:,[^,_]{1,60},\s*)?(?:also\s+|later\s+|has\s+|had\s+|then\s+)?" + _VERB + r"\b")
_VERB_BEFORE = re.compile(_VERB + r"\b[\s,]*(?:by\s+)?$")

WINDOW = 400  # characters either side of a quote where its candidates are looked for
WHERE = {  # how a speaker the rules did not choose is explained (Said.how "ranked:<key>")
    "same": "named in the quote's sentence",
    "prev": "named in the sentence before the quote",
    "next": "named in the sentence after the quote",
    "previous speaker": "the speaker of the quote before",
    "neighbour speaker": "the speaker of the quote beside it in the paragraph",
}


@dataclass(slots=True)
class Candidate:
    """One possible speaker of a quote, and what is known of it."""

    said: Said
    features: set[str] = field(default_factory=set)
    where: str = ""


@cache
def shipped_weights() -> dict[str, float]:
    """The weights that ship with the package (see speaker_weights.json's 'made' for how)."""
    data = json.loads(resources.files(__package__).joinpath("speaker_weights.json").read_text(encoding="utf-8"))
    return {str(k): float(v) for k, v in data["weights"].items()}


def score(candidate: Candidate, weights: Mapping[str, float]) -> float:
    return sum(weights.get(f, 0.0) for f in candidate.features)


def choose(candidates: list[Candidate], weights: Mapping[str, float]) -> Candidate:
    """The best-scoring candidate (the first, the rules' own, on a tie)."""
    return max(candidates, key=lambda c: score(c, weights))


def candidates(
    a: Attributor, q: Quoted, rule: Said, previous: Said | None, neighbour: Said | None, opens: bool
) -> list[Candidate]:
    """The possible speakers of quote `q`: the rules' choice first, then the others near it,
    each once (by the words that name it), and no one last."""
    found: dict[tuple[int, int] | None, Candidate] = {}
    embedded = bool(re.search(r"\w", a.text[a.sentence_at(q.start).start : q.start]))
    context = {"embedded" if embedded else "opens sentence", "opens paragraph" if opens else "inside paragraph"}

    def add(said: Said, *features: str, where: str = "") -> None:
        if said.mention is None and said.entity is None:
            return
        key = (said.mention.start, said.mention.end) if said.mention is not None else None
        c = found.get(key)
        if c is None:
            c = found[key] = Candidate(said, where=where)
            c.features |= _describe(a, q, said)
        c.features.update(features)
        if where and not c.where:
            c.where = where

    if rule.mention is not None or rule.entity is not None:
        add(rule, "rule", f"rule:{rule.how}")
    if previous is not None:
        add(Said(previous.entity, previous.mention, "carried forward"), "previous speaker", where="previous speaker")
    if neighbour is not None:
        add(Said(neighbour.entity, neighbour.mention, "same paragraph"), "neighbour speaker", where="neighbour speaker")
    # the sentences where the quote opens and ends (a quote may hold several), and one on either
    # side, each read only within WINDOW characters of the quote (a sentence may be a whole page)
    first, last = a.sentence_index(q.start), a.sentence_index(max(q.start, q.end - 1))
    around = dict.fromkeys([(first, "same"), (last, "same"), (first - 1, "prev"), (last + 1, "next")])
    lo, hi = q.start - WINDOW, q.end + WINDOW
    for j, where in around:
        if not 0 <= j < len(a.sentences):
            continue
        whole = a.sentences[j]
        sentence = Span(max(whole.start, lo), min(whole.end, hi))
        if sentence.start >= sentence.end:
            continue
        for v in _VERB_RE.finditer(a.masked, sentence.start, sentence.end):
            subject = a._subject_before(v.start(), sentence.start)
            if subject is not None:
                add(Said(subject[1], subject[0], ""), f"subject of verb:{where}", where=where)
            after = a._np_forward(v.end())
            if after is not None:
                add(Said(after[1], after[0], ""), f"after verb:{where}", where=where)
        for m, e in a.between(sentence.start, sentence.end):
            if a.masked[m.start] != "_" and not e.place:
                add(Said(e, m, ""), f"name:{where}", where=where)
        for p in _PRONOUN.finditer(a.masked, sentence.start, sentence.end):
            span = Span(p.start(), p.end())
            add(Said(a.resolve_pronoun(span, p.group().lower()), span, ""), f"pronoun:{where}", where=where)
    out = list(found.values())
    rule_entity = rule.entity
    previous_entity = previous.entity if previous is not None else None
    for c in out:
        own = list(c.features)
        c.features |= {f"{f}&{x}" for f in own if ":" in f or f in ("rule", "previous speaker") for x in context}
        if rule_entity is not None and c.said.entity is rule_entity:
            c.features.add("rule's entity")
        if previous_entity is not None and c.said.entity is previous_entity:
            c.features.add("previous entity")
    nobody = Candidate(Said(None, None, ""), {"no one", f"no one:{rule.how}", *(f"no one&{x}" for x in context)})
    return [*out, nobody]


def _describe(a: Attributor, q: Quoted, said: Said) -> set[str]:
    """What a candidate is and where it stands, as features."""
    out: set[str] = set()
    e, m = said.entity, said.mention
    out.add(f"kind:{e.kind}" if e is not None else "kind:none")
    if m is None:
        return out
    words = a.text[m.start : m.end]
    kind = (
        "pronoun"
        if words.lower() in PRONOUNS
        else "description"
        if words[:1].islower() or words.split(" ", 1)[0] in ("The", "A", "An")
        else "name"
    )
    if kind == "description":  # "the senator", "the campaign", "the promise"
        head = re.findall(r"[a-z][\w\-]*", words.lower())
        last = head[-1] if head else ""
        kind += ":role" if last in TITLES else ":body" if last in ORG_WORDS else ":other"
    out.add(f"type:{kind}")
    gap = q.start - m.end if m.end <= q.start else m.start - q.end
    out.add("side:before" if m.end <= q.start else "side:after")
    out.add(f"distance:{_bucket(max(0, gap))}")
    if _VERB_AFTER.match(a.masked, m.end):
        out.add("verb right after")
    if _VERB_BEFORE.search(a.masked, max(0, m.start - 40), m.start):
        out.add("verb right before")
    sentence = a.sentence_at(m.start)
    if not re.search(r"\w", a.masked[sentence.start : m.start]):
        out.add("starts sentence")
    if e is not None:
        out.add(f"mentions:{min(3, len(e.mentions))}")
    return out


def _bucket(gap: int) -> str:
    for limit in (3, 15, 40, 100, 250):
        if gap < limit:
            return f"<{limit}"
    return ">=250"


def train(
    examples: Iterable[tuple[list[Candidate], list[bool]]], epochs: int = 5, rate: float = 0.1, l2: float = 1e-4
) -> dict[str, float]:
    """Weights for `choose`, by stochastic gradient on the softmax over each quote's candidates
    (a conditional logit), from quotes whose right candidates are marked. Quotes with no right
    candidate teach nothing and are skipped."""
    data = [(cs, right) for cs, right in examples if any(right)]
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}  # AdaGrad: each feature's own step size
    for _ in range(epochs):
        for cs, right in data:
            scores = [score(c, weights) for c in cs]
            top = max(scores)
            exp = [math.exp(s - top) for s in scores]
            total = sum(exp)
            gold_total = sum(x for x, r in zip(exp, right, strict=True) if r)
            grad: dict[str, float] = {}
            for c, x, r in zip(cs, exp, right, strict=True):
                g = x / total - (x / gold_total if r else 0.0)  # d(-log P(right)) / d(score)
                if g:
                    for f in c.features:
                        grad[f] = grad.get(f, 0.0) + g
            for f, g in grad.items():
                g += l2 * weights.get(f, 0.0)
                squares[f] = squares.get(f, 0.0) + g * g
                weights[f] = weights.get(f, 0.0) - rate * g / math.sqrt(squares[f] + 1e-8)
    return {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= 1e-4}
