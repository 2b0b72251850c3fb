"""One actor across sources: records that an actor lists as `same_as` are joined into it.

Every reference to a joined record (a briefing's actors and quotes, an event's actors, a
relation) is read as the record that lists it; the joined record's names become that actor's
aliases, its links and sources are added to it, and it gets no page of its own. Records that
share a Wikidata item but are not joined are worth a warning: two records, one actor?
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..core.errors import Problem
from ..load.files import Inputs
from ..model.records import Actor, Briefing, Event
from ..text.words import did_you_mean


def join(inputs: Inputs, problems: list[Problem]) -> Inputs:
    """The inputs with every `same_as` record joined into the actor that lists it (the same
    inputs when none does); a bad `same_as` is a problem at its line."""
    by_id = {a.id: a for a in inputs.actors}
    joined: dict[str, str] = {}  # joined record -> the actor it is part of
    for actor in inputs.actors:
        for i, other in enumerate(actor.same_as):
            lines, key = actor.where("same_as", i)
            if other == actor.id:
                problems.append(lines.problem(key, "an actor is not 'the same as' itself"))
            elif other not in by_id:
                problems.append(lines.problem(key, f"unknown actor '{other}'{did_you_mean(other, by_id)}"))
            elif other in joined:
                problems.append(lines.problem(key, f"'{other}' is already joined into '{joined[other]}'"))
            elif by_id[other].same_as:
                message = f"'{other}' lists records of its own: list every record of one actor on one of them"
                problems.append(lines.problem(key, message))
            else:
                joined[other] = actor.id
    if not joined:
        return inputs
    return dataclasses.replace(
        inputs,
        actors=[
            _merged(a, [by_id[o] for o in a.same_as if joined.get(o) == a.id], joined)
            for a in inputs.actors
            if a.id not in joined
        ],
        events=[_event(e, joined) for e in inputs.events],
        briefings={bid: _briefing(b, joined) for bid, b in inputs.briefings.items()},
    )


def _merged(actor: Actor, others: list[Actor], joined: dict[str, str]) -> Actor:
    update: dict[str, Any] = {}
    if others:
        names = [n for o in others for n in (o.name, *o.aliases)]
        update["aliases"] = list(dict.fromkeys(n for n in [*actor.aliases, *names] if n != actor.name))
        update["links"] = [*actor.links, *(link for o in others for link in o.links if link not in actor.links)]
        update["sources"] = [*actor.sources, *(s for o in others for s in o.sources if s not in actor.sources)]
        if actor.wikidata is None:
            update["wikidata"] = next((o.wikidata for o in others if o.wikidata), None)
        update["relations"] = [*actor.relations, *(r for o in others for r in o.relations)]
    relations = update.get("relations", actor.relations)
    if any(r.actor in joined for r in relations):
        update["relations"] = [r.model_copy(update={"actor": joined.get(r.actor, r.actor)}) for r in relations]
    return actor.model_copy(update=update) if update else actor


def _event(event: Event, joined: dict[str, str]) -> Event:
    if not any((a if isinstance(a, str) else a.actor) in joined for a in event.actors) and not any(
        m in joined for m in event.mentions
    ):
        return event
    actors = [
        joined.get(a, a) if isinstance(a, str) else a.model_copy(update={"actor": joined.get(a.actor, a.actor)})
        for a in event.actors
    ]
    mentions = [joined.get(m, m) for m in event.mentions]
    copy = event.model_copy(update={"actors": actors, "mentions": mentions})
    copy.__dict__.pop("actor_ids", None)  # (worked out from the actors)
    copy.__dict__.pop("parts", None)
    return copy


def _briefing(briefing: Briefing, joined: dict[str, str]) -> Briefing:
    update: dict[str, Any] = {}
    if any(a.actor in joined for a in briefing.actors):
        update["actors"] = [a.model_copy(update={"actor": joined.get(a.actor, a.actor)}) for a in briefing.actors]
    if any(q.speaker in joined for q in briefing.quotes):
        update["quotes"] = [q.model_copy(update={"speaker": joined.get(q.speaker, q.speaker)}) for q in briefing.quotes]
    if any(isinstance(e, Event) and _event(e, joined) is not e for e in briefing.events):
        update["events"] = [_event(e, joined) if isinstance(e, Event) else e for e in briefing.events]
    return briefing.model_copy(update=update) if update else briefing


def wikidata_warnings(actors: dict[str, Actor]) -> list[Problem]:
    """Two actor records with one Wikidata item that are not joined: one actor?"""
    first: dict[str, str] = {}
    out = []
    for aid, actor in actors.items():
        if actor.wikidata is None:
            continue
        if actor.wikidata in first:
            lines, key = actor.where("wikidata")
            other = first[actor.wikidata]
            message = (
                f"actor '{other}' has the same Wikidata item ({actor.wikidata}): if they are one actor, "
                f"add '{aid}' to the same_as of '{other}'"
            )
            out.append(lines.problem(key, message))
        else:
            first[actor.wikidata] = aid
    return out
