"""The noun phrase that speaks: the subject before a speech verb, the name after one, or the
sentence's subject, found from the text's names (mentions.py)."""

from __future__ import annotations

import re

from .entity import Entity
from .lexicon import PRONOUNS
from .mentions import Mentions
from .text import Span

AUX = r"(?:(?:also|later|then|has|had|have|would|will|once|previously|again|recently|repeatedly|just|simply)\s+)*"
_NOMINAL = re.compile(r"\b(?:the|a|an|his|her|their|its)\s+(?:[\w'’\-]+\s+){0,5}?([a-z][\w\-]+)$", re.I)
ABBREV = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Capt|Sgt|Adm|Rev|St|Jr|Sr|[A-Z])\.")
_LEADING = re.compile(
    r"(?:(?:And|But|So|Yet)\s+)?"
    r"(?:(?:In|At|On|After|Before|During|Since|Following|Speaking|Asked|Writing|Like|Unlike|As|For|From|With|Despite|Earlier|Later|Last|This|[A-Z][a-z]+ly|[A-Za-z][a-z]+ing"
    r"|(?<=\s)(?:in|at|on|after|before|during|since|as|when|while|despite))\b[^,]{0,80},\s*)"
)
_PREPOSITION = re.compile(
    r"\b(?:in|at|on|of|from|to|for|with|by|about|against|into|over|under|than|like|via|toward|towards)"
    r"\s+(?:the\s+|a\s+|an\s+)?$"
)


class Subjects(Mentions):
    """Finds the noun phrase (a name, a pronoun, a description) in a given place of the text."""

    def _np_forward(self, i: int) -> tuple[Span, Entity | None] | None:
        """The speaker after "said": a name (the first person named before a comma), a pronoun
        or a description ("the former aide to President Bush")."""
        ahead = ABBREV.sub(lambda m: m.group()[:-1] + "·", self.masked[i : i + 160])  # "Sen." goes on
        window = re.match(r"[^,.;:!?\n_—–()]{1,120}", ahead)
        if not window:
            return None
        end = i + window.end()
        word = re.match(r"\s*([A-Za-z]+)", window.group())
        if word and word.group(1).lower() in PRONOUNS:
            span = Span(i + word.start(1), i + word.end(1))
            return span, self.resolve_pronoun(span, word.group(1).lower())
        if word and word.group(1).lower() in ("the", "a", "an", "his", "her", "their", "its"):
            span = Span(i + word.start(1), end)
            inner = [me for me in self.between(span.start, span.end) if me[1].kind == "person"]
            if inner and not re.search(
                r"\b(?:of|to|for|at|in|on|with|from)\b", self.text[span.start : inner[0][0].start]
            ):
                return inner[0]  # "the group's leader Jane Doe"
            return span, self.resolve_nominal(span)
        return self._pick(i, end)

    def _np_in(self, start: int, end: int) -> tuple[Span, Entity | None] | None:
        """The speaker before a speech verb in [start, end): "Smith", "Ms. Smith, a lawyer,",
        "he", "the campaign", "reporter Jane Doe"."""
        region = self.masked[start:end]
        region = re.sub(r",[^,_]{1,120},\s*$", " ", region)  # an apposition
        end = start + len(region.rstrip())
        word = re.match(r"\s*([A-Za-z]+)\b", region)
        if word and word.group(1).lower() in PRONOUNS and word.group(1).lower() not in ("him", "her", "it"):
            span = Span(start + word.start(1), start + word.end(1))
            return span, self.resolve_pronoun(span, word.group(1).lower())
        nominal = re.match(r"\s*((?:the|a|an|one|another|his|her|their|its)\b.*)$", region[: end - start], re.I)
        if nominal and end not in self.by_end and re.search(r"\b[a-z][\w\-]*$", region[: end - start]):
            # "a senior Cruz adviser", "the party's chairman": a description, whoever it names inside
            span = Span(start + nominal.start(1), end)
            return span, self.resolve_nominal(span)
        picked = self._pick(start, end)
        if picked is not None:
            return picked
        if nominal:
            span = Span(start + nominal.start(1), end)
            return span, self.resolve_nominal(span)
        return None

    def _pick(self, start: int, end: int) -> tuple[Span, Entity | None] | None:
        """The name that speaks among those in [start, end): a person, else a one-word name
        not yet known to be anything else, else an organisation."""
        inside = [(m, e) for m, e in self.between(start, end + 1) if m.end <= end + 1 and not e.place]
        for kinds in (("person",), ("unknown",), None):
            for m, e in inside:
                if kinds is None or e.kind in kinds:
                    return m, e
        return None

    def sentence_subject(self, sentence: Span, before: int) -> tuple[Span, Entity | None] | None:
        """The first name or subject pronoun of a sentence, before offset `before`."""
        lead = _LEADING.match(self.masked, sentence.start, before)
        begin = lead.end() if lead else sentence.start
        word = re.match(r"\s*(?:[\w’'-]+\s+){0,6}?(he|she|they)\b", self.masked[begin:before], re.I)
        first = next(
            (
                (m, e)
                for m, e in self.between(begin, before)
                if not e.place and not _PREPOSITION.search(self.masked, begin, m.start)
            ),
            None,
        )
        nominal = re.match(
            r"\s*((?:The|A|An|His|Her|Their|Its)\s+(?:[\w’'\-]+\s+){0,4}?[a-z][\w\-]*)\b", self.masked[begin:before]
        )
        if nominal and (first is None or begin + nominal.end(1) <= first[0].start) and not word:
            span = Span(begin + nominal.start(1), begin + nominal.end(1))
            return span, self.resolve_nominal(span)
        sentence = Span(begin, sentence.end)
        if word and (first is None or sentence.start + word.start(1) < first[0].start):
            span = Span(sentence.start + word.start(1), sentence.start + word.end(1))
            return span, self.resolve_pronoun(span, word.group(1).lower())
        return first

    def _subject_before(self, vstart: int, begin: int) -> tuple[Span, Entity | None] | None:
        """The subject of a verb starting at `vstart`: the noun phrase just before it, past an
        apposition (", a former minister,") and auxiliaries."""
        left = self.masked[begin:vstart]
        left = re.sub(AUX + r"$", "", left.rstrip() + " ").rstrip()
        left = re.sub(r"\s*\([^()_]{1,20}\)$", "", left)  # "Sen. Jane Doe (D-Va.) said"
        relative = re.search(r"(?:,\s*)?\b(who|that|which)$", left)
        if relative:
            # "Sanders, who said ...": the person before "who"; "a statement that said ...", "an ad
            # that says ...": whoever the sentence is about (who issued it)
            before = begin + relative.start()
            if relative.group(1) == "who" and before in self.by_end:
                return self.by_end[before]
            sentence = self.sentence_at(vstart)
            return self.sentence_subject(Span(sentence.start, sentence.end), before)
        if left.endswith(","):
            # "Marco Rubio, whose hometown, Miami, is ..., argues": the name before ", who(se)"
            whose = self._first_in_clause(begin, left, begin + len(left), r",\s+(?:who|whose)\b", person=True)
            if whose is not None:
                return whose
        left2 = re.sub(r",[^,_]{1,120},$", "", left).rstrip()
        if left.endswith(",") and left2.endswith(","):
            # an apposition with commas of its own ("Jane Doe, the editor of the paper, Le Monde,
            # said"): the name at the start of the clause, right before its first comma
            first = self._first_in_clause(begin, left, begin + len(left), ",")
            if first is not None and first[1].kind in ("person", "unknown"):
                return first
        for cand in (left, left2):
            end = begin + len(cand)
            if end in self.by_end:
                m, e = self.by_end[end]
                if e.kind != "person" and _PREPOSITION.search(self.masked, begin, m.start):
                    # "Sam Lau, the communications director for the Iowa Democratic Party said"
                    person = self._first_in_clause(begin, left, m.start, ",", person=True)
                    if person is not None:
                        return person
                return m, e
            if end - 1 in self.by_end and self.text[end - 1] in "’'":
                m, e = self.by_end[end - 1]
                return m, e
            word = re.search(r"(\b[A-Za-z]+)$", cand)
            if (
                word
                and word.group(1).lower() in PRONOUNS
                and (word.group(1).lower() not in ("him", "her", "it") or word.group(1) == "It")  # It added, “...”
            ):
                span = Span(begin + word.start(1), end)
                return span, self.resolve_pronoun(span, word.group(1).lower())
            nominal = _NOMINAL.search(cand)
            if nominal and not nominal.group(1).endswith("ly"):
                span = Span(begin + nominal.start(), end)
                return span, self.resolve_nominal(span)
        return None

    def _first_in_clause(
        self, begin: int, left: str, stop: int, after: str, person: bool = False
    ) -> tuple[Span, Entity] | None:
        """The first name (a person's, when `person`) in the last clause of `left` (the text from
        `begin`), ending before `stop` and followed by `after` (a pattern)."""
        clause = begin + max(left.rfind(". "), left.rfind("; "), 0)
        for m, e in self.between(clause, stop):
            if m.end < stop and (not person or e.kind == "person") and re.match(after, self.masked[m.end : m.end + 10]):
                return m, e
        return None

    def _np_at(self, i: int) -> tuple[Span, Entity | None] | None:
        """A noun phrase starting at `i`: a name, a pronoun or a description."""
        while i < len(self.text) and self.text[i] == " ":
            i += 1
        if i in self.by_start:
            m, e = self.by_start[i]
            return m, e
        word = re.match(r"[A-Za-z]+", self.masked[i : i + 20])
        if word and word.group().lower() in PRONOUNS and word.group().lower() not in ("him", "her", "it"):
            span = Span(i, i + word.end())
            return span, self.resolve_pronoun(span, word.group().lower())
        nominal = re.match(
            r"(?:the|a|an|his|her|their|its)\s+((?:[\w'’\-]+\s+){0,5}?)([a-z][\w\-]*)(?=\s*(?:,|\.|$|said|says|told|added|who|of|and))",
            self.masked[i : i + 120],
            re.I,
        )
        if nominal:
            span = Span(i, i + nominal.end())
            inner = self.between(span.start, span.end)
            if inner:  # "the group's leader, Jane Doe" -> a name inside
                return inner[-1][0], inner[-1][1]
            return span, self.resolve_nominal(span)
        return None
