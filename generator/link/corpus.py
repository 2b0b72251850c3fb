"""Cross-check the records and link them into a corpus: actors, events, quotes, briefings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypeVar

from ..core.errors import BriefingsError, Problem, display_path
from ..load.files import ACTORS_FILE, Inputs
from ..load.history import History
from ..model.dates import sort_key
from ..model.fields import RESERVED_IDS
from ..model.records import Actor, Briefing, Event, Place, Quote, Relation
from ..text.messages import N_
from ..text.words import did_you_mean
from .misquote import misquote_message
from .near_misses import actor_warnings, place_warnings, topic_warnings
from .placeholders import placeholder_problems
from .places import PlaceNames
from .same_as import join as join_same_actors
from .same_as import wikidata_warnings

R = TypeVar("R", Actor, Event, Place)
_QUOTE_MARKS = str.maketrans(dict.fromkeys("'\"‘’‚‛“”„‟«»‹›′″`´", '"'))


@dataclass(frozen=True, slots=True)
class QuoteRef:
    """A quote together with the briefing it appears in."""

    quote: Quote
    briefing: str
    index: int


MAX_DEPTH = 20  # places above a place, actors above an actor in a chain of part-of or successor-of
CHAINED = ("part-of", "successor-of")  # relations that make a hierarchy or a line: loops are mistakes

# How a relation reads on the page of the actor it is written on, and on the other actor's page.
RELATION_LABELS: dict[str, tuple[str, str]] = {
    "member-of": (N_("Member of"), N_("Has member")),
    "part-of": (N_("Part of"), N_("Includes")),
    "leads": (N_("Leads"), N_("Led by")),
    "spokesperson-for": (N_("Spokesperson for"), N_("Spokesperson")),
    "employed-by": (N_("Works for"), N_("Employs")),
    "allied-with": (N_("Allied with"), N_("Allied with")),
    "opposed-to": (N_("Opposed to"), N_("Opposed by")),
    "affiliated-with": (N_("Affiliated with"), N_("Affiliated with")),
    "successor-of": (N_("Successor of"), N_("Succeeded by")),
    "other": (N_("Related to"), N_("Related to")),
}


@dataclass(frozen=True, slots=True)
class Tie:
    """One relation as seen from one actor's page."""

    label: str
    other: str  # the other actor's id
    relation: Relation
    linked: bool  # the other actor has a page


@dataclass(slots=True)
class Corpus:
    """Linked records, ready to render. Ordering here is the ordering on the site."""

    actors: dict[str, Actor]
    events: dict[str, Event]
    briefings: dict[str, Briefing]  # newest first
    briefing_events: dict[str, list[Event]] = field(default_factory=dict)  # in date order
    event_briefings: dict[str, list[str]] = field(default_factory=dict)  # newest first
    actor_briefings: dict[str, list[str]] = field(default_factory=dict)  # newest first
    actor_quotes: dict[str, list[QuoteRef]] = field(default_factory=dict)
    actor_events: dict[str, list[str]] = field(default_factory=dict)  # in date order
    names: dict[str, str] = field(default_factory=dict)  # every registry actor's name, by id
    ties: dict[str, list[Tie]] = field(default_factory=dict)  # relations, on both actors' pages
    places: dict[str, Place] = field(default_factory=dict)  # registry places with a page, by id
    place_refs: dict[str, str] = field(default_factory=dict)  # place name as written -> registry id
    digests: dict[str, str] = field(default_factory=dict)  # content digest of each input file, by path
    history: dict[str, History] = field(default_factory=dict)  # by briefing id, when the project is in git
    views: dict[str, object] = field(default_factory=dict)  # derived views, worked out once (render/views.py)
    warnings: list[Problem] = field(default_factory=list)  # near misses (near_misses.py): errors under --strict

    def digest_of(self, bid: str) -> str:
        """The content digest of a briefing's file ('' when unknown, or no such briefing)."""
        if bid not in self.briefings:
            return ""
        lines, _ = self.briefings[bid].where()
        return self.digests.get(str(lines.path), "")


def normalise(text: str) -> str:
    """Text compared for quote checks: one kind of quote mark, single spaces."""
    return spaced(text.translate(_QUOTE_MARKS))


def spaced(text: str) -> str:
    """Text with single spaces (as `normalise` gives, with its quote marks as written)."""
    return re.sub(r"\s+", " ", text).strip()


def link(inputs: Inputs, *, drafts: bool = False) -> Corpus:
    """Check every reference and every quote; build the corpus of what will be published."""
    problems: list[Problem] = list(inputs.problems)  # from loading, when it ran with partial=True
    inputs = join_same_actors(inputs, problems)
    actors = _unique("actor", inputs.actors, problems)
    places = _unique("place", inputs.places, problems)
    events = _unique("event", [*inputs.events, *_inline_events(inputs)], problems)
    named = any(b.actors or b.quotes for b in inputs.briefings.values()) or any(e.actors for e in events.values())
    if inputs.actors_missing and named:  # one problem, not one per actor named
        where = display_path(inputs.root / ACTORS_FILE)
        problems.append(Problem(where, 0, "", "no actor registry: the briefings name actors, so they need this file"))
    complete = inputs.actors_complete and not inputs.actors_missing
    known = Known(actors, events, complete, inputs.events_complete, inputs.unvalidated_event_ids)
    place_names = PlaceNames(places)
    _check_places(places, problems)
    for actor in actors.values():
        _check_relations(actor, known, problems)
    _check_actor_chains(actors, problems)
    for event in events.values():
        for i, entry in enumerate(event.actors):
            ref = entry if isinstance(entry, str) else entry.actor
            sub: tuple[str | int, ...] = ("actors", i) if isinstance(entry, str) else ("actors", i, "actor")
            if not known.actor(ref):
                problems.append(event_problem(event, sub, f"unknown actor '{ref}'{did_you_mean(ref, actors)}"))
        for i, ref in enumerate(event.mentions):
            if not known.actor(ref):
                problems.append(
                    event_problem(event, ("mentions", i), f"unknown actor '{ref}'{did_you_mean(ref, actors)}")
                )
        for i, name in enumerate(event.places):
            if (message := place_names.problem(name)) is not None:
                problems.append(event_problem(event, ("places", i), message))
    for briefing in inputs.briefings.values():
        _check_briefing(briefing, known, inputs.texts, problems)
        for i, name in enumerate(briefing.places):
            if (message := place_names.problem(name)) is not None:
                lines, key = briefing.where("places", i)
                problems.append(lines.problem(key, message))
    chosen = {
        bid: b
        for bid, b in sorted(inputs.briefings.items(), key=lambda kv: (kv[1].date, kv[0]), reverse=True)
        if drafts or b.status == "published"
    }
    problems += _borrowed_from_unpublished(inputs, chosen)
    problems += placeholder_problems(inputs.briefings)
    if problems:
        raise BriefingsError(problems)
    standalone = [e.id for e in inputs.events]
    corpus = _index(actors, events, chosen, standalone)
    _link_places(corpus, place_names)
    corpus.digests = dict(inputs.digests)
    corpus.warnings = sorted(
        place_warnings(inputs.briefings, events, place_names)
        + topic_warnings(inputs.briefings)
        + actor_warnings(actors)
        + wikidata_warnings(actors)
    )
    return corpus


def _check_places(places: dict[str, Place], problems: list[Problem]) -> None:
    edges: dict[str, list[str]] = {}
    for place in places.values():
        edges[place.id] = []
        if place.parent is None:
            continue
        if place.parent not in places:
            lines, key = place.where("parent")
            problems.append(lines.problem(key, f"unknown place '{place.parent}'{did_you_mean(place.parent, places)}"))
            continue
        edges[place.id] = [place.parent]
    loops, deep = chains(edges, MAX_DEPTH)
    for pid, _ in loops:
        lines, key = places[pid].where("parent")
        problems.append(lines.problem(key, f"place '{pid}' lies inside itself (through '{places[pid].parent}')"))
    for pid in deep:
        lines, key = places[pid].where("parent")
        problems.append(lines.problem(key, f"more than {MAX_DEPTH} places above it: a loop of parents, or a mistake"))


def _check_actor_chains(actors: dict[str, Actor], problems: list[Problem]) -> None:
    """Loops in the relations that make a hierarchy or a line (part of, successor of), and chains
    too long to be meant; each a problem at the relation."""
    for kind in CHAINED:
        where: dict[str, list[int]] = {aid: [] for aid in actors}
        edges: dict[str, list[str]] = {aid: [] for aid in actors}
        for aid, actor in actors.items():
            for i, relation in enumerate(actor.relations):
                if relation.type == kind and relation.actor in actors and relation.actor != aid:
                    edges[aid].append(relation.actor)
                    where[aid].append(i)
        loops, deep = chains(edges, MAX_DEPTH)
        label = RELATION_LABELS[kind][0].lower()
        for aid, n in loops:
            lines, key = actors[aid].where("relations", where[aid][n], "actor")
            problems.append(lines.problem(key, f"a loop: '{aid}' is {label} '{edges[aid][n]}', which leads back to it"))
        for aid in deep:
            lines, key = actors[aid].where("relations", where[aid][0], "actor")
            problems.append(lines.problem(key, f"more than {MAX_DEPTH} actors in a chain of '{kind}' above it"))


def chains(edges: dict[str, list[str]], limit: int) -> tuple[list[tuple[str, int]], list[str]]:
    """In a graph of node -> the nodes above it: every (node, edge index) on a loop, and the
    nodes where a chain upward first grows longer than `limit`. Iterative and linear in the
    graph's size: no recursion, however long the chains."""
    height: dict[str, int] = {}  # nodes done: how many nodes lie above, on the longest chain
    on_stack: dict[str, int] = {}
    loops: dict[tuple[str, int], None] = {}
    for root in edges:
        if root in height:
            continue
        stack = [(root, 0)]
        on_stack[root] = 0
        while stack:
            node, i = stack[-1]
            targets = edges[node]
            if i < len(targets):
                stack[-1] = (node, i + 1)
                up = targets[i]
                if up not in edges or up in height:
                    continue
                if up in on_stack:  # a loop: from `up` on the stack to here
                    loops.update(((member, j - 1), None) for member, j in stack[on_stack[up] :])
                    continue
                on_stack[up] = len(stack)
                stack.append((up, 0))
            else:
                stack.pop()
                del on_stack[node]
                height[node] = 1 + max((height[t] for t in targets if t in height), default=-1)
    deep = [n for n, h in height.items() if h == limit + 1]
    return list(loops), deep


def _check_relations(actor: Actor, known: Known, problems: list[Problem]) -> None:
    for i, relation in enumerate(actor.relations):
        lines, key = actor.where("relations", i, "actor")
        if relation.actor == actor.id:
            problems.append(lines.problem(key, "an actor cannot be related to itself"))
        elif not known.actor(relation.actor):
            message = f"unknown actor '{relation.actor}'{did_you_mean(relation.actor, known.actors)}"
            problems.append(lines.problem(key, message))
        if relation.since and relation.until and sort_key(relation.until) < sort_key(relation.since):
            lines, key = actor.where("relations", i, "until")
            problems.append(lines.problem(key, f"ends ({relation.until}) before it starts ({relation.since})"))


def event_problem(event: Event, sub: tuple[str | int, ...], message: str) -> Problem:
    """A problem at a part of an event, wherever the event was defined."""
    lines, key = event.where(*sub)
    return lines.problem(key, message)


def _borrowed_from_unpublished(inputs: Inputs, chosen: dict[str, Briefing]) -> list[Problem]:
    """A problem for each event a published briefing cites that is defined inside a briefing this
    build leaves out (a draft): the event would carry that briefing's text onto public pages."""
    hidden = {
        e.id: e for bid, b in inputs.briefings.items() if bid not in chosen for e in b.events if isinstance(e, Event)
    }
    problems = []
    for b in chosen.values():
        for i, entry in enumerate(b.events):
            if isinstance(entry, str) and entry in hidden:
                lines, key = b.where("events", i)
                where = hidden[entry].where()[0].shown
                message = (
                    f"event '{entry}' is defined in {where}, a draft this build does not publish; "
                    "move the event to the event registry (briefings/events/) or publish that briefing"
                )
                problems.append(lines.problem(key, message))
    return problems


def _inline_events(inputs: Inputs) -> list[Event]:
    return [e for b in inputs.briefings.values() for e in b.events if isinstance(e, Event)]


def _unique(what: str, records: list[R], problems: list[Problem]) -> dict[str, R]:
    out: dict[str, R] = {}
    for record in records:
        if record.id in RESERVED_IDS:
            lines, key = record.where("id")
            problems.append(lines.problem(key, f"'{record.id}' is reserved; choose another {what} id"))
            continue
        first = out.get(record.id)
        if first is not None:
            flines, fkey = first.where("id")
            lines, key = record.where("id")
            problems.append(
                lines.problem(
                    key, f"duplicate {what} id '{record.id}' (first defined at {flines.shown}:{flines.line(fkey)})"
                )
            )
        else:
            out[record.id] = record
    return out


@dataclass(frozen=True, slots=True)
class Known:
    """The ids references may point at; a registry that failed to load accepts any reference."""

    actors: dict[str, Actor]
    events: dict[str, Event]
    actors_complete: bool
    events_complete: bool
    unvalidated_event_ids: set[str]

    def actor(self, ref: str) -> bool:
        return ref in self.actors or not self.actors_complete

    def event(self, ref: str) -> bool:
        return ref in self.events or ref in self.unvalidated_event_ids or not self.events_complete


def _check_briefing(b: Briefing, known: Known, texts: dict[str, str], problems: list[Problem]) -> None:
    def err(sub: tuple[str | int, ...], message: str) -> None:
        lines, key = b.where(*sub)
        problems.append(lines.problem(key, message))

    actors, events = known.actors, known.events
    present: set[str] = set()
    for i, appearance in enumerate(b.actors):
        if not known.actor(appearance.actor):
            err(("actors", i, "actor"), f"unknown actor '{appearance.actor}'{did_you_mean(appearance.actor, actors)}")
        elif appearance.actor in present:
            err(("actors", i, "actor"), f"actor '{appearance.actor}' is listed twice")
        present.add(appearance.actor)
    for i, quote in enumerate(b.quotes):
        if not known.actor(quote.speaker):
            err(("quotes", i, "speaker"), f"unknown actor '{quote.speaker}'{did_you_mean(quote.speaker, actors)}")
        elif quote.speaker not in present:
            err(("quotes", i, "speaker"), f"speaker '{quote.speaker}' is not among this briefing's actors")
    seen: set[str] = set()
    for i, entry in enumerate(b.events):
        eid = entry if isinstance(entry, str) else entry.id
        if isinstance(entry, str) and not known.event(entry):
            err(("events", i), f"unknown event '{entry}'{did_you_mean(entry, events)}")
        elif eid in seen:
            err(("events", i), f"event '{eid}' is listed twice")
        seen.add(eid)
    sourced = [texts[s.text] for s in b.sources if s.text is not None and s.text in texts]
    stored = " ".join(normalise(text) for text in sourced)
    if stored:
        for i, quote in enumerate(b.quotes):
            if normalise(quote.text) not in stored:
                shown = " ".join(spaced(text) for text in sourced)
                message = misquote_message((normalise(quote.text), spaced(quote.text)), (stored, shown))
                err(("quotes", i, "text"), message)


def _index(
    actors: dict[str, Actor], events: dict[str, Event], briefings: dict[str, Briefing], standalone: list[str]
) -> Corpus:
    corpus = Corpus(actors={}, events={}, briefings=briefings)
    used_actors: set[str] = set()
    for bid, b in briefings.items():
        evs = [events[e] if isinstance(e, str) else e for e in b.events]
        corpus.briefing_events[bid] = sorted(evs, key=lambda e: (sort_key(e.date), e.id))
        for e in evs:
            corpus.event_briefings.setdefault(e.id, []).append(bid)
        for appearance in b.actors:
            corpus.actor_briefings.setdefault(appearance.actor, []).append(bid)
            used_actors.add(appearance.actor)
        for i, q in enumerate(b.quotes):
            corpus.actor_quotes.setdefault(q.speaker, []).append(QuoteRef(q, bid, i))
    shown = dict.fromkeys([*standalone, *corpus.event_briefings])  # events of their own, and those cited
    timeline = sorted((events[eid] for eid in shown), key=lambda e: (sort_key(e.date), e.id))
    corpus.events = {e.id: e for e in timeline}
    for e in timeline:
        corpus.event_briefings.setdefault(e.id, [])
        for a in e.actor_ids:
            corpus.actor_events.setdefault(a, []).append(e.id)
            used_actors.add(a)
    corpus.actors = {aid: actors[aid] for aid in sorted(used_actors, key=lambda a: (actors[a].name.casefold(), a))}
    corpus.names = {aid: a.name for aid, a in actors.items()}
    for aid, actor in actors.items():
        for relation in actor.relations:
            forward, backward = RELATION_LABELS[relation.type]
            if aid in corpus.actors:
                tie = Tie(forward, relation.actor, relation, relation.actor in corpus.actors)
                corpus.ties.setdefault(aid, []).append(tie)
            if relation.actor in corpus.actors:
                corpus.ties.setdefault(relation.actor, []).append(Tie(backward, aid, relation, aid in corpus.actors))
    return corpus


def _link_places(corpus: Corpus, place_names: PlaceNames) -> None:
    """Which registry place each place name means; the registry places that get a page (those
    named, and the places they lie in)."""
    names = {n for b in corpus.briefings.values() for n in b.places}
    names.update(n for e in corpus.events.values() for n in e.places)
    for name in sorted(names):
        pid = place_names.find(name)
        if pid is not None:
            corpus.place_refs[name] = pid
    wanted: set[str] = set()
    for pid in corpus.place_refs.values():
        while pid is not None and pid not in wanted:
            wanted.add(pid)
            pid = place_names.places[pid].parent
    corpus.places = {pid: place_names.places[pid] for pid in sorted(wanted)}
