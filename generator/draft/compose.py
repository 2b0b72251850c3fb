"""The draft's files, as text: the briefing's YAML, the proposed actors' YAML, and the --json
report. Pure: nothing here reads or writes a file."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..model.fields import MAX_ID, MAX_ITEMS, MAX_TEXT, RESERVED_IDS
from ..text.words import slugify
from .analyse import Analysis, FoundQuote
from .entity import NOT_ACTORS, Entity
from .events import Dated
from .rank import WHERE
from .source import Article
from .text import Span

TOOL = "briefings draft"
_VISIBLE = re.compile(r"\S")
# what YAML cannot hold as it is, or reads as a line break (NEL, LS, PS): escaped
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


def yaml_str(value: str) -> str:
    """A YAML double-quoted scalar holding exactly `value` (JSON's escapes are YAML's)."""
    out = json.dumps(value, ensure_ascii=False)
    return _NON_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


def comment(value: str) -> str:
    """Text safe to put in a YAML comment: one line."""
    return _NON_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", re.sub(r"\s+", " ", value).strip())


@dataclass(slots=True)
class Cast:
    """Who is in the draft: each entity's id, and which ids are new (proposed)."""

    ids: dict[int, str] = field(default_factory=dict)  # id(entity) -> actor id
    proposed: list[Entity] = field(default_factory=list)
    part_of: dict[int, str] = field(default_factory=dict)  # id(a state's body) -> the state's actor id

    def of(self, entity: Entity | None) -> str | None:
        return self.ids.get(id(entity)) if entity is not None else None


def cast(analysis: Analysis, taken: set[str]) -> Cast:
    """An actor id for every actor found: the registry's, or a new one that no actor has."""
    out = Cast()
    used = set(taken)
    for e in analysis.entities:
        if e.place or e.kind in NOT_ACTORS:
            continue
        if e.actor is not None:
            out.ids[id(e)] = e.actor
            continue
        base = slugify(e.name)[: MAX_ID - 4].strip("-") or "actor"
        new, n = base, 2
        while new in used or new in RESERVED_IDS:
            new, n = f"{base}-{n}", n + 1
        used.add(new)
        out.ids[id(e)] = new
        out.proposed.append(e)
    states = {e.name.casefold(): out.ids[id(e)] for e in analysis.entities if e.kind == "state" and id(e) in out.ids}
    for e in out.proposed:
        if e.part_of is not None and e.part_of in states:
            out.part_of[id(e)] = states[e.part_of]  # its state, when the article names it too
    return out


def quote_text(text: str, span: Span) -> str:
    """The quote as one line of verbatim text, at most MAX_TEXT characters (cut after the last
    whole sentence that fits, so that what is kept is still in the source)."""
    end = min(span.end, span.start + 4 * MAX_TEXT)  # enough for MAX_TEXT once white space is collapsed
    words = re.sub(r"\s+", " ", text[span.start : end]).strip()
    if len(words) <= MAX_TEXT and end == span.end:
        return words
    cut = words[:MAX_TEXT]
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    return cut[: end + 1] if end > 0 else cut[: cut.rfind(" ")]


HOW = {
    "verb after": "named after the quote (“…,” … said)",
    "verb before": "named before the quote (… said: “…”)",
    "according to": "named by “according to”",
    "same paragraph": "the speaker of the quote beside it in the paragraph",
    "carried forward": "carried on from the quote before (no one else is named)",
    "sentence subject": "the subject of the sentence (no speech verb)",
    "name and colon": "named before a colon (Jane Doe: “…”)",
} | {f"ranked:{key}": f"chosen by the ranker: {words}" for key, words in WHERE.items()}


def places_of(analysis: Analysis) -> list[str]:
    """Place names, and states named as places ("in Ukraine", "flew to Vietnam")."""
    text = analysis.text
    out: list[str] = []
    for e in analysis.entities:
        if e.place or (
            e.kind == "state"
            and any(
                re.search(
                    r"\b(?:in|to|from|into|across|near|at|inside|visit to|visited)\s+(?:the\s+)?$",
                    text[max(0, m.start - 15) : m.start],
                )
                for m in e.mentions
            )
        ):
            out.append(e.name)
    return list(dict.fromkeys(out))


def briefing_yaml(
    bid: str,
    article: Article,
    analysis: Analysis,
    who: Cast,
    dated: list[Dated],
    *,
    source_path: str,
    stored: str,
    date: dt.date,
    made: dt.date,
) -> str:
    """The draft briefing: everything found, each part marked as machine-made."""
    text = analysis.text
    lines = [
        "# yaml-language-server: $schema=../schema/briefing.schema.json",
        f"# A DRAFT made by `{TOOL}` on {made.isoformat()} from {comment(source_path)}, by rules, not by a person.",
        "# Everything below is machine-made: check each quote's speaker, each actor's kind and role,",
        "# each event's date; write the summary and the key points; then set status: published.",
        f"title: {yaml_str(article.title or 'Untitled article')}",
        f"date: {date.isoformat()}",
        "status: draft",
        "sources:",
        f"  - title: {yaml_str(article.title or 'Untitled article')}",
    ]
    for key, value in (("publication", article.site), ("author", article.author), ("url", article.url)):
        if value:
            lines.append(f"    {key}: {yaml_str(value)}")
    if article.date:
        lines.append(f"    published: {article.date.isoformat()}")
    if article.language:
        lines.append(f"    language: {yaml_str(article.language)}  # as {article.language_from} tell")
    lines.append(f"    text: {yaml_str(stored)}")
    lines.append("# summary: the bottom line, in a sentence or two (Markdown)")
    lines.append("key_points: []")
    # A briefing holds at most MAX_ITEMS of each list: the first quotes with a speaker, their
    # speakers before other actors; what is left out is said in a comment (and is all in --json).
    quoted = [f for f in analysis.quotes if _VISIBLE.search(text, f.quoted.start, f.quoted.end)]
    attributed = [f for f in quoted if who.of(f.speaker)][:MAX_ITEMS]
    lines += _actor_lines(analysis, who, {who.of(f.speaker) for f in attributed})
    said_in = article.language if article.language and article.language.split("-")[0] != "en" else None
    lines += _quote_lines(text, quoted, who, {id(f) for f in attributed}, said_in)
    lines += _event_lines(bid, analysis, who, dated)
    places = places_of(analysis)
    lines.append("places:" if places else "places: []")
    if len(places) > MAX_ITEMS:
        lines.append(f"  # {_left_out(len(places) - MAX_ITEMS, 'more place')}")
    lines.extend(f"  - {yaml_str(p)}" for p in places[:MAX_ITEMS])
    lines.append("topics: []")
    return "\n".join(lines) + "\n"


def _actor_lines(analysis: Analysis, who: Cast, speakers: set[str | None]) -> list[str]:
    """The actors: speakers of the quotes kept first, each with how it was found."""
    every_actor = sorted(
        (e for e in analysis.entities if who.of(e)), key=lambda e: (who.of(e) not in speakers, e.first)
    )
    actors = every_actor[:MAX_ITEMS]
    lines = ["actors:" if actors else "actors: []"]
    if len(every_actor) > len(actors):
        lines.append(f"  # {_left_out(len(every_actor) - len(actors), 'more actor')}")
    quotes_of = Counter(id(f.speaker) for f in analysis.quotes)
    for e in actors:
        aid = who.of(e)
        note = "registry" if e.actor else f"proposed in the actors file ({e.kind}, from: {e.evidence})"
        said = quotes_of[id(e)]
        extra = f", {said} quote{'s' * (said != 1)}" if said else ""
        mentions = f"{len(e.mentions)} mention{'s' * (len(e.mentions) != 1)}"
        lines.append(f"  - actor: {yaml_str(aid or '')}  # {note}; {mentions}{extra}")
        lines.append("    # role: their part in this story")
    return lines


def _quote_lines(
    text: str, quoted: list[FoundQuote], who: Cast, kept: set[int], language: str | None = None
) -> list[str]:
    """The quotes kept, each with how its speaker was found (and the source's `language`, when it
    is not English); those with no speaker as comments."""
    entries: list[str] = []
    count = unattributed = 0
    for f in quoted:
        aid = who.of(f.speaker)
        where = f"characters {f.quoted.start}-{f.quoted.end}"
        if aid is None:
            unattributed += 1
            if unattributed <= MAX_ITEMS:
                body = quote_text(text, Span(f.quoted.start, f.quoted.end))
                named = text[f.said.mention.start : f.said.mention.end] if f.said.mention else "no one"
                entries.append(f"  # no speaker found ({comment(named)}), {where}: {comment(yaml_str(body))[:200]}")
            continue
        if id(f) not in kept:
            continue
        body = quote_text(text, Span(f.quoted.start, f.quoted.end))
        entries.append(f"  # speaker: {HOW.get(f.said.how, f.said.how)}; {where}")
        entries.append(f"  - text: {yaml_str(body)}")
        entries.append(f"    speaker: {yaml_str(aid)}")
        if language:
            entries.append(f"    language: {yaml_str(language)}")
        count += 1
    lines = ["quotes:" if count else "quotes: []"]
    attributed = sum(1 for f in quoted if who.of(f.speaker))
    if attributed > count:
        lines.append(f"  # {_left_out(attributed - count, 'more quote')} with a speaker")
    if unattributed > MAX_ITEMS:
        lines.append(f"  # and {unattributed - MAX_ITEMS:,} more quotes with no speaker found (see --json)")
    return lines + entries


def _event_lines(bid: str, analysis: Analysis, who: Cast, dated: list[Dated]) -> list[str]:
    """The candidate events: each dated sentence, with the actors and places named in it."""
    text = analysis.text
    lines = ["events:" if dated else "events: []"]
    if len(dated) > MAX_ITEMS:
        lines.append(f"  # {_left_out(len(dated) - MAX_ITEMS, 'more candidate event')}")
    # every mention as (where, which entity), to find the entities in a sentence by bisection
    spots = sorted((m.start, k) for k, e in enumerate(analysis.entities) for m in e.mentions)
    spot_starts = [start for start, _ in spots]
    for n, d in enumerate(dated[:MAX_ITEMS], 1):
        sentence = re.sub(r"\s+", " ", text[d.sentence.start : d.sentence.end]).strip()
        title = sentence if len(sentence) <= 200 else sentence[:197].rsplit(" ", 1)[0] + "…"
        lo = bisect.bisect_left(spot_starts, d.sentence.start)
        hi = bisect.bisect_left(spot_starts, d.sentence.end)
        in_it = [analysis.entities[k] for k in sorted({k for _, k in spots[lo:hi]})]  # in the entities' order
        ids = [who.of(e) for e in in_it if who.of(e)]
        places = [e.name for e in in_it if e.place]
        lines.append(f"  - id: {yaml_str(f'{bid}-{n}')}")
        lines.append(f"    date: {yaml_str(d.date)}")
        lines.append(f"    title: {yaml_str(title)}")
        words = re.sub(r"[^\w ,]", " ", text[d.words.start : d.words.end]).strip()
        note = (
            f"Machine-made by {TOOL} from the sentence at characters {d.sentence.start}-{d.sentence.end},"
            f" dated by the words {words}: check the date and the title."
        )
        if d.also:
            at = ", ".join(f"{a.start}-{a.end}" for a in d.also)
            note += f" The sentences at characters {at} give the same date and are taken as the same happening."
        lines.append(f"    notes: {yaml_str(note)}")
        if ids:
            lines.append(f"    actors: [{', '.join(yaml_str(i) for i in dict.fromkeys(i for i in ids if i))}]")
        if places:
            lines.append(f"    places: [{', '.join(yaml_str(p) for p in dict.fromkeys(places))}]")
    return lines


def _left_out(n: int, what: str) -> str:
    return f"{n:,} {what}{'s' * (n != 1)} found, left out: a briefing holds at most {MAX_ITEMS} (see --json)"


def actors_yaml(bid: str, who: Cast, stored: str) -> str:
    """The proposed actors: a registry file of their own, to check and merge."""
    lines = [
        "# yaml-language-server: $schema=../../schema/actors.schema.json",
        f"# Proposed by `{TOOL}` for briefings/{bid}.yaml from {comment(stored)}: actors the registry",
        "# did not have. Check each name and kind, add aliases and roles, and merge them into",
        "# actors.yaml (or keep this file: every YAML file under briefings/actors/ is read).",
        "actors:",
    ]
    for e in who.proposed:
        lines.append(f"  - id: {yaml_str(who.of(e) or '')}  # {comment(e.kind)} from: {comment(e.evidence)}")
        lines.append(f"    name: {yaml_str(e.name)}")
        lines.append(f"    kind: {e.kind}")
        if id(e) in who.part_of:
            lines += ["    relations:", "      - type: part-of", f"        actor: {yaml_str(who.part_of[id(e)])}"]
    return "\n".join(lines) + "\n"


def report(
    bid: str, article: Article, analysis: Analysis, who: Cast, dated: list[Dated], *, files: dict[str, str]
) -> dict[str, Any]:
    """What was found, with [start, end) character offsets into the stored text."""
    text = analysis.text

    def speaker(f: FoundQuote) -> dict[str, Any] | None:
        if f.said.mention is None and f.speaker is None:
            return None
        return {
            "name": f.speaker.name if f.speaker else None,
            "actor": who.of(f.speaker),
            "mention": [f.said.mention.start, f.said.mention.end] if f.said.mention else None,
            "words": text[f.said.mention.start : f.said.mention.end] if f.said.mention else None,
        }

    return {
        "id": bid,
        "files": files,
        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "article": {
            "title": article.title,
            "date": article.date.isoformat() if article.date else None,
            "author": article.author,
            "site": article.site,
            "url": article.url,
            "from_html": article.extracted,
            "language": article.language,
            "language_from": article.language_from or None,
        },
        "quotes": [
            {
                "start": f.quoted.start,
                "end": f.quoted.end,
                "text": text[f.quoted.start : f.quoted.end],
                "closed": f.quoted.closed,
                "paragraphs": f.quoted.paragraphs,
                "speaker": speaker(f),
                "how": f.said.how or None,
            }
            for f in analysis.quotes
        ],
        "left_out": [
            {"start": q.start, "end": q.end, "text": text[q.start : q.end], "why": why} for q, why in analysis.left_out
        ],
        "actors": [
            {
                "id": who.of(e),
                "name": e.name,
                "kind": e.kind,
                "proposed": e.actor is None and who.of(e) is not None,
                "evidence": e.evidence,
                "mentions": [[m.start, m.end] for m in e.mentions],
            }
            for e in analysis.entities
            if not e.place
        ],
        "places": [
            {"name": e.name, "evidence": e.evidence, "mentions": [[m.start, m.end] for m in e.mentions]}
            for e in analysis.entities
            if e.place
        ],
        "events": [
            {
                "id": f"{bid}-{n}",
                "date": d.date,
                "sentence": [d.sentence.start, d.sentence.end],
                "date_words": [d.words.start, d.words.end],
                "same_happening": [[a.start, a.end] for a in d.also],
            }
            for n, d in enumerate(dated, 1)
        ],
    }
