"""Who said each quote: the speech verb that governs it and the frame around it. The noun
phrase that speaks is found in subjects.py, what a pronoun or a description ("the minister")
stands for in mentions.py."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .entity import Entity
from .lexicon import word_set
from .quotes import Quoted
from .subjects import ABBREV, AUX, Subjects
from .text import Span

TITLE_MAX = 400  # characters: a quoted passage longer than this is not the title of a work
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
_SENTENCE_END = re.compile(r"[.!?;](?=\s+(?:''|[A-Z“\"‘'])|\s*$)")
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


class Attributor(Subjects):
    """Finds speakers in one text, given its names: the rules that read a quote's frame, on
    top of the noun phrases (Subjects) and references (Mentions) below."""

    def __init__(self, text: str, entities: list[Entity], sentences: list[Span], quotes: list[Quoted]) -> None:
        super().__init__(text, entities, sentences, quotes)
        self.new: list[Entity] = []  # sources named only in "according to ...", found here

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
        v = re.match(AUX + "(" + _VERB + r")\s+", frame)
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
                and not _SENTENCE_END.search(ABBREV.sub("Xx", region))
            ):
                # “...” in the 2008 primary, said Ohio State professor Paul Beck.
                found = self._np_forward(k + verb.end())
                tail_at = found[0].end if found else 0
                if found is None:  # “...,” state Senate leader Jo Burr, a Republican, said in a statement.
                    found = self._np_in(k, k + verb.start())
                    tail_at = k + verb.end()
            elif verb and not _SENTENCE_END.search(ABBREV.sub("Xx", region)):
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
