"""Near misses: a name written almost like one the project already has.

A place name the registry lacks, a topic, or an actor record whose name is close to a known one
is most often a slip (Dohaa for Doha, Taleban beside Taliban, Kim Jong-un beside Kim Jong Un),
and it would quietly make a page of its own. Each becomes a warning that names the likely one
(an error under --strict).

Close means: the same letters once case, accents, script (transliterated), punctuation, spaces,
doubled letters and y/i are set aside; or, for names of five letters or more with the same
digits, one letter added, dropped or changed (Levenshtein distance 1). Candidates are found
through keys (the letters, the consonants, the letters less one), never by comparing every
pair, so the check stays linear in the number of names.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

from ..core.errors import Problem
from ..model.records import Actor, Briefing, Event, Located
from ..text.words import plural
from .places import PlaceNames

MIN_FUZZY = 5  # letters: shorter names are near only when their letters are the same


@functools.lru_cache(maxsize=65_536)
def letters(name: str) -> str:
    """The letters that make a name: Kim Jong-un, KIM JONG UN and Ким Чен Ын's spelling alike."""
    folded = re.sub(r"[^a-z0-9]+", "", anyascii(name).casefold()).replace("y", "i")
    return re.sub(r"([a-z])\1+", r"\1", folded)


def consonants(key: str) -> str:
    """The first letter and the consonants after it: Taliban and Taleban alike."""
    return key[:1] + re.sub(r"[aeiou]", "", key[1:])


def close(a: str, b: str) -> bool:
    """Whether two names' letters (see `letters`) are near each other."""
    if a == b:
        return True
    if re.sub(r"\D", "", a) != re.sub(r"\D", "", b) or min(len(a), len(b)) < MIN_FUZZY:
        return False
    return Levenshtein.distance(a, b, score_cutoff=1) <= 1


def _deletions(key: str) -> set[str]:
    return {key, *(key[:i] + key[i + 1 :] for i in range(len(key)))}


class Names:
    """Known names by their letters, to look up the ones a name is close to."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        """`names`: (name, what it stands for), such as a place's name or alias and its id."""
        self.by_key: dict[str, dict[str, str]] = defaultdict(dict)
        self.by_consonants: dict[str, set[str]] = defaultdict(set)
        for name, owner in names:
            key = letters(name)
            if key:
                self.by_key[key].setdefault(owner, name)
                self.by_consonants[consonants(key)].add(key)
        self._by_deletion: dict[str, set[str]] | None = None

    def by_deletion(self) -> dict[str, set[str]]:
        """Keys by each key with one letter dropped (made when first needed)."""
        if self._by_deletion is None:
            self._by_deletion = defaultdict(set)
            for key in self.by_key:
                if len(key) >= MIN_FUZZY:
                    for variant in _deletions(key):
                        self._by_deletion[variant].add(key)
        return self._by_deletion

    def near(self, name: str, typos: bool = True) -> list[tuple[str, str]]:
        """(known name, owner) pairs close to `name`, the same letters first; `typos` also
        looks for one letter added, dropped or changed (not only vowels)."""
        key = letters(name)
        if not key:
            return []
        keys = {key} | self.by_consonants.get(consonants(key), set())
        if typos and len(key) >= MIN_FUZZY:
            index = self.by_deletion()
            for variant in _deletions(key):
                keys |= index.get(variant, set())
        found = [k for k in keys if k in self.by_key and close(key, k)]
        found.sort(key=lambda k: (k != key, k))
        return [(known, owner) for k in found for owner, known in sorted(self.by_key[k].items())]


def place_warnings(briefings: dict[str, Briefing], events: dict[str, Event], places: PlaceNames) -> list[Problem]:
    """A place name the registry lacks, close to a registry place's name or alias."""
    registry = Names((name, pid) for pid, p in places.places.items() for name in (p.name, *p.aliases))
    out: list[Problem] = []
    seen: dict[str, list[tuple[str, str]]] = {}
    named: list[tuple[Located, int, str]] = [(b, i, n) for b in briefings.values() for i, n in enumerate(b.places)]
    named += [(e, i, n) for e in events.values() for i, n in enumerate(e.places)]
    for record, i, name in named:
        if places.find(name) is not None or places.problem(name) is not None:
            continue
        if name not in seen:
            seen[name] = registry.near(name)
        if seen[name]:
            known, pid = seen[name][0]
            lines, key = record.where("places", i)
            message = (
                f"'{name}' is not in the place registry, but '{known}' ({pid}) is: did you mean it? "
                "(a name the registry lacks gets a page of its own; if it is another place, add it to the registry)"
            )
            out.append(lines.problem(key, message))
    return out


def topic_warnings(briefings: dict[str, Briefing]) -> list[Problem]:
    """A topic written close to another, more used, topic: the rarer spelling is the warning."""
    uses = Counter(t for b in briefings.values() for t in set(b.topics))
    known = Names((t, t) for t in uses)
    rather: dict[str, str] = {}
    for topic in uses:
        for other, _ in known.near(topic, typos=False):
            if other != topic and (uses[other], other) > (uses[topic], topic):
                best = rather.get(topic)
                if best is None or (uses[other], other) > (uses[best], best):
                    rather[topic] = other
    out = []
    for b in briefings.values():
        for i, topic in enumerate(b.topics):
            if topic in rather:
                other = rather[topic]
                lines, key = b.where("topics", i)
                message = (
                    f"topic '{topic}' is written '{other}' in {plural(uses[other], 'briefing')}: "
                    "use one spelling, so that they share a page"
                )
                out.append(lines.problem(key, message))
    return out


def actor_warnings(actors: dict[str, Actor]) -> list[Problem]:
    """An actor record whose name or alias is close to another actor's: two records, one actor?"""
    known = Names((name, aid) for aid, a in actors.items() for name in (a.name, *a.aliases))
    order = {aid: i for i, aid in enumerate(actors)}
    out = []
    for aid, actor in actors.items():
        for name in (actor.name, *actor.aliases):
            earlier = [(n, other) for n, other in known.near(name, typos=False) if order[other] < order[aid]]
            if earlier:
                n, other = earlier[0]
                path: tuple[str | int, ...] = (
                    ("name",) if name == actor.name else ("aliases", actor.aliases.index(name))
                )
                lines, key = actor.where(*path)
                message = (
                    f"'{name}' is close to '{n}', actor '{other}': if they are one actor, keep one record "
                    "and add this name to its aliases"
                )
                out.append(lines.problem(key, message))
                break
    return out
