"""Who said each quote: the speech verb that governs it, its subject, and what a pronoun or a
description ("the minister") stands for."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from .names import PRONOUNS, Entity, word_set
from .quotes import Quoted
from .text import Span, merged

_NOT_SPACE = re.compile(r"\S")
TITLE_MAX = 400  # characters: a quoted passage longer than this is not the title of a work
LOOK_BACK = 200  # people named before a description ("the minister") that it may mean, nearest first
SPEECH_VERBS = word_set(
    """
    said says say saying told tells tell telling added adds adding asked asks asking stated
    states declared declares wrote writes writing noted notes explained explains explaining
    argued argues arguing claimed claims insisted insists warned warns warning suggested
    suggests described describes describing called calls calling tweeted tweets posted replied
    replies responded responds continued continues acknowledged acknowledges admitted admits
    announced announces observed remarked recalled recalls urged urges vowed vows predicted
    predicts complained complains conceded concedes countered counters joked jokes quipped
    boasted praised criticized criticised emphasized emphasised stressed reiterated testified
    shouted yelled wondered cautioned agreed agrees concluded promised promises pledged blasted
    slammed charged contended contends maintained maintains mused laughed recounted thinks
    believes believed thought labeled labelled dubbed branded denounced accused accuses tweeting
    shared noting pointing cracked chanted reacted answered answering quoted insisting declaring
    proclaimed proclaiming retorted thundered scoffed mocked derided hailed touted lamented
    acknowledging conceding vowing promising predicting suggesting referring dismissing
    dismissed attacked attacking accusing blamed blaming defended defending urging pressed
    demanded demanding joking sighed pledging threatened threatening ripped bashed criticizing
    criticising praising thanked thanking write posting emailed texted reads read chants echoed
    echoing cited citing invoking invoked musing assured assures barked snapped fumed screamed
    whispered murmured sang recalling observes admitting concluding continuing stressing
    emphasizing emphasising written reported reports concludes interjected stating remarking assails
    mocks cites scoffing
    """
)
_VERB = (
    r"(?:went\s+on|goes\s+on|" + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True)) + r")"
)  # “...,” Trump went on
_VERB_RE = re.compile(r"\b" + _VERB + r"\b")
# what may follow a speech verb that ends its sentence ("said.", "said on Tuesday.", "told CNN.")
_TAIL = (
    r"(?:\s+(?:in|on|at|to|during|after|before|from|via|last|this|yesterday|today|tonight|[A-Z]\w*)\b"
    r"[^.,;_]{0,40})?\s*[.,;]"
)
# a name or a description and its verb, ending the clause, right after a quote (“...,” Lewandowski added)
_RIGHT_AFTER = re.compile(r"(?:(?:[A-Z][\w’'\-.]*\s+){1,4}|(?:the|a|an)\s+(?:[\w’'\-.]+\s+){1,4}?)" + _VERB + _TAIL)
# after "asked": whom, how, then when or where ("asked reporters rhetorically during a news conference.")
_CIRCUMSTANCE = re.compile(
    r"(?:\s+(?:the\s+|a\s+)?(?!that\b)[\w’'-]+){0,2}(?:\s+[a-z]+ly)?"
    r"\s+(?:in|on|at|to|during|after|before|from|via|last|this|late|early|when|while)\b[^.!?;_]{0,80}[.!?;,]"
)
_NOUNS_TOO = frozenset({"states", "claims", "calls", "notes", "reports", "remarks", "tweets", "posts", "chants"})
_GOVERNING_RE = re.compile(  # a speech verb, leaving out the words that are more often nouns ("the states")
    r"\b(?:" + "|".join(sorted(SPEECH_VERBS - _NOUNS_TOO, key=len, reverse=True)) + r")\b"
)
_AUX = r"(?:(?:also|later|then|has|had|have|would|will|once|previously|again|recently|repeatedly|just|simply)\s+)*"
_NOMINAL = re.compile(r"\b(?:the|a|an|his|her|their|its)\s+(?:[\w'’\-]+\s+){0,5}?([a-z][\w\-]+)$", re.I)
_ABBREV = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Capt|Sgt|Adm|Rev|St|Jr|Sr|[A-Z])\.")
_SENTENCE_END = re.compile(r"[.!?;](?=\s+(?:''|[A-Z“\"‘'])|\s*$)")
_LEADING = re.compile(
    r"(?:(?:And|But|So|Yet)\s+)?"
    r"(?:(?:In|At|On|After|Before|During|Since|Following|Speaking|Asked|Writing|Like|Unlike|As|For|From|With|Despite|Earlier|Later|Last|This|[A-Z][a-z]+ly|[A-Za-z][a-z]+ing"
    r"|(?<=\s)(?:in|at|on|after|before|during|since|as|when|while|despite))\b[^,]{0,80},\s*)"
)
_PREPOSITION = re.compile(
    r"\b(?:in|at|on|of|from|to|for|with|by|about|against|into|over|under|than|like|via|toward|towards)"
    r"\s+(?:the\s+|a\s+|an\s+)?$"
)
_ORG_HEADS = frozenset(
    {"group", "campaign", "ministry", "agency", "committee", "government", "company", "party", "organization"}
    | {"organisation", "department", "office"}
)
_UNNAMED = re.compile(r"\s*(?:a|an|one|another|some|two|three|several|many|other)\b", re.I)
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+")
_NAMED_AS = re.compile(r"\b(?:titled|entitled|slogan|hashtag|dubbed|nicknamed|so-called)[\s,:]*$", re.I)
_TITLE_OF_WORK = re.compile(  # a capitalised quote after these is a title
    r"\b(?:book|film|movie|song|album|show|programme|program|series|headline|column|op-ed|novel|play|podcast"
    r"|documentary|episode|memoir|biography|musical|shirt|t-shirt|hat|cap|banners?|placards?|signs?)"
    r"(?:\s+that\s+(?:read|reads|said|says))?[\s,:]*$",
    re.I,
)


@dataclass(slots=True)
class Said:
    """A quote's speaker and how it was found."""

    entity: Entity | None
    mention: Span | None  # the words in the text that name the speaker here (a name, "he", "the minister")
    how: str  # "verb after", "verb before", "according to", "same paragraph", "carried forward", ""


class Attributor:
    """Finds speakers in one text, given its names."""

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
        self.new: list[Entity] = []  # sources named only in "according to ...", found here
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

    def explicit(self, q: Quoted) -> Said:
        """The speaker named around the quote itself, or Said(None, ...)."""
        after = self._after(q)
        if after.entity is not None or after.mention is not None:
            return after
        return self._before(q)

    def _after(self, q: Quoted) -> Said:
        """“...,” said Smith / “...,” Smith said / “...,” the minister, Jane Doe, said."""
        start = q.end
        skip = re.match(r"(?:''|[\"”’'])?[ \t,.!?;:—–-]*", self.masked[start : start + 10])
        k = start + (skip.end() if skip else 0)
        frame = self.masked[k : k + 200].split("_", 1)[0].split("\n", 1)[0]  # up to the next quote
        if k == q.end + 1 and frame[:1].isalpha() and not (self.text[q.end] in '"”' and frame[:1].isupper()):
            return Said(None, None, "")  # a mark right before a word, unless a double one ("...,”Clinton said")
        found: tuple[Span, Entity | None] | None = None
        v = re.match(_AUX + "(" + _VERB + r")\s+", frame)
        if v and v.group(1).endswith("ing"):
            return Said(None, None, "")  # “...,” saying that ...: the subject comes before the quote
        sentence = self.sentence_at(q.start)
        governed = _GOVERNING_RE.search(self.masked, sentence.start, max(sentence.start, q.start - 1))
        if not v and governed and not _RIGHT_AFTER.match(frame):
            # what Mr. Hedge called “...,” the club charged: the verb before governs, unless a
            # name and its verb follow at once (“...,” Lewandowski added)
            return Said(None, None, "")
        if v:
            found = self._np_forward(k + v.end())
            tail_at = found[0].end if found else 0
        else:
            verb = _VERB_RE.search(frame)
            region = frame[: verb.start()] if verb else ""
            if (
                verb
                and re.match(r"[a-z]", region)
                and region.rstrip().endswith(",")
                and not _SENTENCE_END.search(_ABBREV.sub("Xx", region))
            ):
                # “...” in the 2008 primary, said Ohio State professor Paul Beck.
                found = self._np_forward(k + verb.end())
                tail_at = found[0].end if found else 0
                if found is None:  # “...,” state Senate leader Jo Burr, a Republican, said in a statement.
                    found = self._np_in(k, k + verb.start())
                    tail_at = k + verb.end()
            elif verb and not _SENTENCE_END.search(_ABBREV.sub("Xx", region)):
                at = k
                if not re.match(
                    r"(?:as\s+)?(?:[A-Z]|(?:the|a|an|one|another|his|her|their|its|he|she|they|we|I)\b)", region
                ):
                    # "... than that of the CIA chief, Zuckoff said" / "political scientist Jane Doe told"
                    named = self.by_end.get(k + len(re.sub(r"\s*\([^()_]{1,20}\)\s*$", "", region).rstrip()))
                    at = named[0].start if named else -1
                if at >= 0:
                    found = self._np_in(at, k + verb.start())
                    tail_at = k + verb.end()
        if found is None and self.text[q.start : q.end].rstrip().endswith(","):
            # “...,” an angry Hollande retaliated. : a quote that ends with a comma goes on with
            # its attribution, whatever the verb
            clause = re.match(r"([^.!?;:_()]{1,60}?)\s+[a-z]+(?:ed|s)\b[^_.!?]{0,60}[.!?]", frame)
            if clause and re.match(r"(?:[A-Z]|(?:the|a|an|he|she|they)\b)", clause.group(1)):
                found = self._np_in(k, k + clause.end(1))
                tail_at = k + clause.end()
        if found is None:
            return Said(None, None, "")
        inner = self.text[q.start : q.end].rstrip()
        if inner.endswith((".", "!", "?")) and not re.match(r"[a-z]", frame):
            # “... ended.” Smith said the talks would go on: a new statement, not this quote's
            # attribution, unless the sentence ends soon after (“... ended.” Smith said.)
            tail = self.masked[tail_at : tail_at + 140]
            if not re.match(r"(?:\s+(?!that\b)[\w’'-]+){0,4}\s*[.!?;,]", tail) and not _CIRCUMSTANCE.match(tail):
                return Said(None, None, "")
        return Said(found[1], found[0], "verb after")

    def _np_forward(self, i: int) -> tuple[Span, Entity | None] | None:
        """The speaker after "said": a name (the first person named before a comma), a pronoun
        or a description ("the former aide to President Bush")."""
        ahead = _ABBREV.sub(lambda m: m.group()[:-1] + "·", self.masked[i : i + 160])  # "Sen." goes on
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

    def _before(self, q: Quoted) -> Said:
        """Smith said: “...” / Smith told reporters that it would respond “...” / according to X."""
        sentence = self.sentence_at(q.start)
        begin = sentence.start
        frame = self.masked[begin : q.start - 1]
        acc = list(_ACCORDING.finditer(self.masked, begin, sentence.end))
        for a in acc:
            said = self._np_at(a.end()) or self._new_source(a.end())
            if said is None:  # according to a court document filed by state attorney Dave Aronberg
                said = next(((m, e) for m, e in self.between(a.end(), sentence.end) if e.kind == "person"), None)
            if said is not None:
                return Said(said[1], said[0], "according to")
        if not frame.strip() and _last_visible(self.text, q.start) == ":":
            # a paragraph that opens with the quote, after "..., Jane Doe wrote:" ends the one before
            k = self.sentence_index(q.start) - 1
            if k >= 0:
                sentence = self.sentences[k]
                begin = sentence.start
                frame = self.masked[begin : sentence.end]
        elif not frame.strip():
            introduced = self._introduced(q.start)
            if introduced is not None:
                return introduced
        first = re.match(r"\s*(" + _VERB + r")\s+", frame)
        if first and frame.rstrip().endswith(":"):  # Continued Stone: “...”
            said = self._np_forward(begin + first.end())
            if said is not None:
                return Said(said[1], said[0], "verb before")
        verbs = list(_VERB_RE.finditer(frame))
        for v in reversed(verbs):
            vstart = begin + v.start()
            if v.group().endswith("ing") or re.search(r"\b(?:and|but|then)\s+$", frame[: v.start()]):
                # "..., Fiorina said, adding that ... “...”": the subject of the verb before it, else
                # the sentence's ("Smith left, saying “...”")
                finite = [w for w in verbs if w.start() < v.start() and not w.group().endswith("ing")]
                said = self._subject_before(begin + finite[-1].start(), begin) if finite else None
                joined = re.search(r"([a-z]+ed)\s+(?:and|but|then)\s+$", frame[: v.start()])
                named = self.by_end.get(begin + joined.start(1) - 1) if joined else None
                if named is not None and named[1].kind == "person":
                    said = named  # "Ms. Sherry smiled and said": the name right before the verb joined to it
                said = said or self.sentence_subject(sentence, vstart)
            else:
                said = self._subject_before(vstart, begin)
            if said is not None:
                return Said(said[1], said[0], "verb before")
        colon = frame.rstrip()
        if not verbs and colon.endswith(":") and begin + len(colon) - 1 in self.by_end:
            m, e = self.by_end[begin + len(colon) - 1]  # Republican pollster Daron Shaw: “...”
            if not e.place:
                return Said(e, m, "name and colon")
        return Said(None, None, "")

    def _introduced(self, start: int) -> Said | None:
        """A quote that opens its sentence, after a sentence of the same paragraph that ends with
        its speech verb ("Jane Doe, the party's spokeswoman, said in a statement. “...”")."""
        k = self.sentence_index(start) - 1
        if k < 0:
            return None
        before = self.sentences[k]
        if "\n" in self.text[before.end : start] or "_" in self.masked[before.start : before.end]:
            return None
        verbs = [v for v in _VERB_RE.finditer(self.masked, before.start, before.end) if not v.group().endswith("ing")]
        if not verbs:
            return None
        v = verbs[-1]
        tail = self.masked[v.end() : before.end]
        if not re.fullmatch(r"(?:\s+(?!that\b)[\w’'\-]+){0,6}\s*[.:]", tail):
            return None
        said = self._subject_before(v.start(), before.start)
        return Said(said[1], said[0], "verb before") if said is not None else None

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

    def _new_source(self, i: int) -> tuple[Span, Entity | None] | None:
        """ "according to North Korean state media": a source the names did not catch."""
        m = re.match(r"(?:the\s+)?([A-Z][\w'’\-]*(?:\s+[\w'’\-]+){0,4}?)(?=\s*(?:[,;:.–—]|$))", self.masked[i : i + 80])
        if not m:
            return None
        words = m.group(1)
        kind = (
            "media"
            if re.search(r"\b(?:media|news|agency|press|television|tv|radio)\b", words, re.I)
            else "organisation"
        )
        entity = Entity(words, kind, [Span(i + m.start(1), i + m.end(1))], evidence="according to")
        self.new.append(entity)
        return entity.mentions[0], entity

    def _subject_before(self, vstart: int, begin: int) -> tuple[Span, Entity | None] | None:
        """The subject of a verb starting at `vstart`: the noun phrase just before it, past an
        apposition (", a former minister,") and auxiliaries."""
        left = self.masked[begin:vstart]
        left = re.sub(_AUX + r"$", "", left.rstrip() + " ").rstrip()
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
        return recent[0][1] if recent else None  # "the former secretary of state": the person just named


def _last_visible(text: str, i: int) -> str:
    """The last character before offset `i` that is not white space ('' at the start)."""
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return text[i - 1] if i > 0 else ""


def is_title_of_work(text: str, q: Quoted) -> bool:
    """A quoted title (a book, a show, a slogan) rather than words someone said."""
    before = text[max(0, q.start - 40) : q.start].rstrip("'\"“‘")
    long = q.end - q.start > TITLE_MAX  # no title: only its first word matters
    words = re.findall(r"[^\W\d_][\w’'\-]*", text[q.start : q.start + TITLE_MAX if long else q.end])
    if _NAMED_AS.search(before) or (_TITLE_OF_WORK.search(before) and words and words[0][0].isupper()):
        return True
    if long:
        return False
    big = [w for w in words if len(w) > 3 or w is words[0]]
    if len(words) == 1 and words[0][0].isupper() and re.search(r"\b[A-Z]\w*[’']s\s*$", before):
        return True  # NBC's “Today”
    title_case = 2 <= len(words) <= 8 and all(w[0].isupper() for w in big)
    # "on NBC's “Meet the Press”", "told “Fox and Friends”": a show's or a paper's name
    return title_case and bool(re.search(r"(?:[’']s|\b(?:on|in|to|of|from|told|at|by|with|for|and|or))\s*$", before))


def speech_in_sentence(masked: str, sentence: Span) -> bool:
    return bool(
        _VERB_RE.search(masked, sentence.start, sentence.end) or _ACCORDING.search(masked, sentence.start, sentence.end)
    )
