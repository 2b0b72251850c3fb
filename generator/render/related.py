"""Which briefings are related to each other (by the rarest events, actors and topics they
share), which other briefings cite an event, and which actors appear together.

Worked out in time that grows with the corpus (no pairwise loops over briefings): posting
lists of very common items are skipped when ranking.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter

from ..link.corpus import Corpus
from ..text.messages import ENGLISH, Messages
from . import wording
from .views import once, topics

# How much one shared item counts when ranking related briefings (times its rarity, see below).
WEIGHTS = {"event": 3.0, "actor": 2.0, "topic": 1.0}
RELATED_MAX = 5
RELATED_DF_MAX = 100  # an item in more briefings than this says little about relatedness: skipped
CO_ACTORS_MAX = 10


@dataclass(frozen=True, slots=True)
class Related:
    """Another briefing and what it shares with this one."""

    briefing: str
    score: float
    events: int
    actors: int
    topics: int

    @property
    def shares(self) -> str:
        """'2 events, 1 actor' -- what this briefing has in common with the other."""
        return self.shared(ENGLISH)

    def shared(self, messages: Messages) -> str:
        """What it shares, in the site's language."""
        plural = wording.counted(messages)
        parts = [(self.events, "event"), (self.actors, "actor"), (self.topics, "topic")]
        return ", ".join(plural(n, word) for n, word in parts if n)


def briefing_items(corpus: Corpus, bid: str) -> dict[str, set[str]]:
    b = corpus.briefings[bid]
    return {
        "event": {e.id for e in corpus.briefing_events[bid]},
        "actor": {a.actor for a in b.actors},
        "topic": set(b.topics),
    }


def _holders(corpus: Corpus) -> Callable[[str, str], list[str]]:
    """The briefings that hold an event, actor or topic, in corpus order (newest first)."""
    terms = topics(corpus)

    def holders(kind: str, value: str) -> list[str]:
        if kind == "event":
            return corpus.event_briefings.get(value, [])
        if kind == "actor":
            return corpus.actor_briefings.get(value, [])
        term = terms.get(value)
        return term.briefings if term is not None else []

    return holders


def _weight(kind: str, holders: int, n: int) -> float | None:
    """What sharing an item counts, by its rarity: None for an item in one briefing or in more
    than RELATED_DF_MAX."""
    return WEIGHTS[kind] * math.log(1 + n / holders) if 1 < holders <= RELATED_DF_MAX else None


def _related_of(
    corpus: Corpus, bid: str, holders: Callable[[str, str], list[str]], items: dict[str, dict[str, set[str]]]
) -> list[Related]:
    """The briefings most related to `bid` (`items` memoises briefing_items)."""

    def items_of(other: str) -> dict[str, set[str]]:
        if other not in items:
            items[other] = briefing_items(corpus, other)
        return items[other]

    n = max(len(corpus.briefings), 1)
    kinds = items_of(bid)
    score: dict[str, float] = defaultdict(float)
    for kind, values in kinds.items():
        for value in sorted(values):  # a fixed order, so ties fall the same way in every run
            others = holders(kind, value)
            w = _weight(kind, len(others), n)
            if w is not None:
                for other in others:
                    score[other] += w
    score.pop(bid, None)
    # Ties go to the briefing met first: deterministic, as the posting lists are newest first.
    top = heapq.nlargest(RELATED_MAX, score.items(), key=itemgetter(1))
    return [Related(o, s, *(len(kinds[k] & items_of(o)[k]) for k in ("event", "actor", "topic"))) for o, s in top]


@once
def related_briefings(corpus: Corpus) -> dict[str, list[Related]]:
    """For each briefing, the others that share the rarest events, actors and topics with it.

    A shared item scores its kind's weight times its inverse document frequency; items in more
    than RELATED_DF_MAX briefings are skipped, which keeps the work linear in the corpus.
    """
    holders, items = _holders(corpus), {bid: briefing_items(corpus, bid) for bid in corpus.briefings}
    return {bid: _related_of(corpus, bid, holders, items) for bid in corpus.briefings}


def related_after_edit(old: Corpus, new: Corpus, changed: set[str]) -> set[str]:
    """Work out the related briefings of `new` from those of `old` (the same briefings, those in
    `changed` edited): only the briefings whose ranking can move are ranked again. The view is
    kept with `new`; the briefings ranked again are returned.

    A briefing's ranking can move when it is edited, or holds an item (event, actor, topic)
    that an edited briefing holds before or after the edit and that counts in either corpus
    (its count of holders is what weighs it). When `new` has its ranking already, every
    briefing is returned.
    """
    if related_briefings.__name__ in new.views:
        return set(new.briefings)
    before = related_briefings(old)
    held_before, held_now = _holders(old), _holders(new)
    n_old, n_new = max(len(old.briefings), 1), max(len(new.briefings), 1)
    ranked = set(changed)
    for bid in changed:
        for kinds in (briefing_items(old, bid), briefing_items(new, bid)):
            for kind, values in kinds.items():
                for value in values:
                    was, now = held_before(kind, value), held_now(kind, value)
                    if _weight(kind, len(was), n_old) is not None or _weight(kind, len(now), n_new) is not None:
                        ranked.update(was)
                        ranked.update(now)
    items: dict[str, dict[str, set[str]]] = {}
    after = dict(before)
    for bid in ranked:
        after[bid] = _related_of(new, bid, held_now, items)
    new.views[related_briefings.__name__] = after
    return ranked


def also_in(corpus: Corpus, bid: str, event_id: str, limit: int) -> tuple[list[str], int]:
    """Up to `limit` other briefings (newest first) that share an event, and how many more there are."""
    everyone = corpus.event_briefings[event_id]
    others = [o for o in everyone[: limit + 1] if o != bid][:limit]
    return others, len(everyone) - 1 - len(others)


@dataclass(frozen=True, slots=True)
class CoActor:
    """Another actor and how often the two appear together."""

    actor: str
    briefings: int
    events: int


def co_actors(corpus: Corpus, aid: str) -> list[CoActor] | None:
    """The actors `aid` shares most briefings and events with (None: it is in neither)."""
    if aid not in corpus.actor_briefings and aid not in corpus.actor_events:
        return None
    bc: Counter[str] = Counter()
    ec: Counter[str] = Counter()
    for bid in corpus.actor_briefings.get(aid, []):
        bc.update(a.actor for a in corpus.briefings[bid].actors)
    for eid in corpus.actor_events.get(aid, []):
        ec.update(corpus.events[eid].actor_ids)
    others = (bc.keys() | ec.keys()) - {aid}
    top = heapq.nsmallest(
        CO_ACTORS_MAX,
        others,
        key=lambda o: (-(bc[o] + ec[o]), -bc[o], corpus.actors[o].name.casefold(), o),
    )
    return [CoActor(o, bc[o], ec[o]) for o in top]
