"""A synthetic corpus shaped like real news, for benchmarks and scale tests.

Every record in it is made up and says so (SYNTHETIC). The shape follows what real event data
sets show: long tails everywhere. A few actors, places and topics appear in thousands of
briefings and most in one or two (Zipf); events per actor follow a power law; dates are often
known only to the month or year; summaries run to several paragraphs; names carry hyphens,
apostrophes and accents.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import shutil
from pathlib import Path

import yaml

MARK = "SYNTHETIC"
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
KINDS = ["person", "armed-group", "state", "political-party", "company", "international-organisation", "media"]
EVENT_KINDS = ["statement", "meeting", "agreement", "armed-clash", "attack", "protest", "election", "legal", "other"]
# Name parts: hyphens, apostrophes and accents, as real names have.
_FIRST = [
    "Amir",
    "Renée",
    "José",
    "Olena",
    "Tariq",
    "Mei",
    "Kwame",
    "Ingrid",
    "Sergio",
    "Aylin",
    "Dmitri",
    "Zoë",
    "Hamid",
    "Lucía",
    "Björn",
    "Nadia",
]
_LAST = [
    "O'Neill",
    "Hizb-i",
    "Al-Rashid",
    "Nuñez",
    "Kowalczyk",
    "De-la-Cruz",
    "Øberg",
    "Ndiaye",
    "Çelik",
    "Tanaka",
    "Haddad",
    "Müller",
]
_ORG = [
    "Front",
    "Council",
    "Party",
    "Brigade",
    "Ministry",
    "Agency",
    "Alliance",
    "Movement",
    "Union",
    "Institute",
    "Bank",
    "Network",
]
_SCRIPTS = ["Москва", "北京", "القاهرة", "Αθήνα", "ירושלים", "서울"]
_PLACE = ["Abad", "Burg", "Ville", "Grad", "Stan", "Polis", "Kent", "Dorf", "Pur", "Ton", "Haven", "Shahr"]
_TOPIC = ["security", "energy", "trade", "migration", "health", "climate", "sanctions", "elections", "media", "justice"]
_WORDS = [
    "synthetic",
    "made",
    "up",
    "text",
    "for",
    "benchmarks",
    "the",
    "ministry",
    "said",
    "talks",
    "would",
    "resume",
    "after",
    "the",
    "ceasefire",
    "held",
    "through",
    "the",
    "week",
    "while",
    "observers",
    "reported",
    "shelling",
    "near",
    "the",
    "border",
    "and",
    "officials",
    "denied",
    "it",
]


_SYLLABLES = "ka ri mo sa lu ne ta vi do ra be li no ze ha mu ge pa so fi ku de ma yo".split()  # noqa: SIM905


def _word(k: int) -> str:
    """The k-th made-up word (a long tail of distinct words). A last syllable chosen by the sum
    of the others keeps any two words at least two letters apart, so that no two names are near
    misses of each other (which `briefings check` would rightly warn about)."""
    out, total = "", 0
    while True:
        digit = k % len(_SYLLABLES)
        out += _SYLLABLES[digit]
        total += digit
        k //= len(_SYLLABLES)
        if not k:
            return out + _SYLLABLES[total % len(_SYLLABLES)]


def _zipf(n: int, s: float = 1.1) -> list[float]:
    """Cumulative Zipf weights over n ranks: rank 0 is the most common."""
    return list(itertools.accumulate(1.0 / (k + 1) ** s for k in range(n)))


def _pick(rng: random.Random, cum: list[float], k: int) -> list[int]:
    """k distinct ranks drawn by weight (fewer if the draw repeats itself)."""
    total = cum[-1]
    return sorted({bisect.bisect(cum, rng.random() * total) for _ in range(k)})


_VOCABULARY = [*_WORDS, *(_word(k) for k in range(30, 8000))]
_VOCABULARY_WEIGHTS = None


def _sentence(rng: random.Random, n: int) -> str:
    """Words drawn from a Zipf-shaped vocabulary of some 8,000 words, as in real text."""
    global _VOCABULARY_WEIGHTS
    if _VOCABULARY_WEIGHTS is None:
        _VOCABULARY_WEIGHTS = _zipf(len(_VOCABULARY), 1.0)
    picks = rng.choices(_VOCABULARY, cum_weights=_VOCABULARY_WEIGHTS, k=n)
    return " ".join(picks).capitalize() + "."


def _date(rng: random.Random, start: dt.date, span: int) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(span))


def make_corpus(root: Path, n: int, *, seed: int = 7) -> Path:
    """Write n synthetic briefings with long-tailed actors, events, places and topics under root/briefings."""
    rng = random.Random(seed)
    out = root / "briefings"
    out.mkdir(parents=True, exist_ok=True)
    n_actors, n_events = max(20, n * 6 // 10), max(20, n * 12 // 10)
    n_places, n_topics = max(20, n * 4 // 10), max(20, n // 5)
    start, span = dt.date(2019, 1, 1), 6 * 365
    actor_ids = [f"synthetic-actor-{i}" for i in range(n_actors)]
    actors = []
    for i, aid in enumerate(actor_ids):
        kind = KINDS[0] if i % 3 else KINDS[1 + i % (len(KINDS) - 1)]
        if kind == "person":  # the special names first, then a long tail of made-up ones
            special = i < len(_FIRST) * len(_LAST)
            first = _FIRST[i % len(_FIRST)] if special else _word(i * 7 + 3).capitalize()
            last = _LAST[(i // len(_FIRST)) % len(_LAST)] if special else _word(i * 13 + 5).capitalize()
            name = f"{first} {last}"
        else:
            name = f"{MARK} {_word(i * 11 + 7).capitalize()} {_ORG[i % len(_ORG)]}"
        actor: dict[str, object] = {
            "id": aid,
            "name": name,
            "kind": kind,
            "aliases": [f"SA{i}"],
            "description": f"{MARK}: a made-up actor for benchmarks.",
        }
        if kind == "person" and i % 10 == 1:  # some people belong to an organisation, since a date
            org = (i // 3 + 1) * 3 % n_actors  # every third actor is an organisation or a state
            since = _date(rng, start, span).isoformat()[:7]
            actor["relations"] = [{"type": "member-of", "actor": actor_ids[org], "since": since}]
        actors.append(actor)
    places = [f"{_word(i * 5 + 1).capitalize()}{_PLACE[i % len(_PLACE)].lower()}" for i in range(n_places)]
    for i in range(0, n_places, 97):  # a few names in other scripts (transliterated into slugs)
        places[i] = _SCRIPTS[(i // 97) % len(_SCRIPTS)] + str(i)
    countries = [f"{MARK} {_word(i * 17 + 9).capitalize()}land" for i in range(max(5, n_places // 50))]
    registry: list[dict[str, object]] = [
        {"id": f"synthetic-country-{c}", "name": name, "kind": "country"} for c, name in enumerate(countries)
    ]
    for i, name in enumerate(places):
        if i % 4 == 3:
            continue  # a quarter of the places stay bare names, as real data has them
        c = i % len(countries)
        record: dict[str, object] = {
            "id": f"synthetic-place-{i}",
            "name": name,
            "kind": "city" if i % 5 else "town",
            "country": countries[c],
            "parent": f"synthetic-country-{c}",
        }
        if i % 6:  # most registry places have coordinates: clustered by country, like real ones
            lat0, lon0 = -30 + (c * 37) % 90, -150 + (c * 71) % 300
            record["lat"], record["lon"] = round(lat0 + rng.uniform(-6, 6), 3), round(lon0 + rng.uniform(-9, 9), 3)
        if i % 7 == 0:
            record["aliases"] = [name.upper()]
        registry.append(record)
    topics = [f"{_TOPIC[i % len(_TOPIC)]} {_word(i * 3 + 2)}" for i in range(n_topics)]
    actor_w, event_w, place_w, topic_w = _zipf(n_actors), _zipf(n_events, 1.05), _zipf(n_places), _zipf(n_topics)
    events = []
    for i in range(n_events):
        d = _date(rng, start, span)
        precision = rng.random()
        date = d.isoformat() if precision < 0.7 else d.isoformat()[:7] if precision < 0.92 else str(d.year)
        if precision < 0.05:  # a siege, a summit of several days
            date = f"{d.isoformat()}/{(d + dt.timedelta(days=rng.randint(1, 40))).isoformat()}"
        elif 0.9 < precision < 0.93:
            date += "~"
        kind = EVENT_KINDS[i % len(EVENT_KINDS)]
        event: dict[str, object] = {
            "id": f"synthetic-event-{i}",
            "date": date,
            "kind": kind,
            "description": f"{MARK}: {_sentence(rng, 25)}",
            "places": [places[p] for p in _pick(rng, place_w, rng.randint(1, 2))],
            "actors": [actor_ids[a] for a in _pick(rng, actor_w, rng.randint(1, 4))],
        }
        if i % 5:  # most have a title; the rest are named by their description's first sentence
            event = {"id": event["id"], "date": date, "title": f"{MARK} event {i}: {_sentence(rng, 6)}", **event}
        if kind in ("armed-clash", "attack"):
            best = int(rng.paretovariate(1.2)) - 1
            event["fatalities"] = {"best": best, "low": best // 2, "high": best * 2 + 1}
            sides = [{"actor": a, "part": f"side {'AB'[k % 2]}"} for k, a in enumerate(event["actors"])]  # type: ignore[arg-type]
            event["actors"] = sides
            if i % 3 == 0:
                event["displaced"] = int(rng.paretovariate(1.0) * 100)
        events.append(event)
    _dump(out / "actors.yaml", {"actors": actors[: n_actors // 2]})
    _dump(out / "actors" / "more.yaml", {"actors": actors[n_actors // 2 :]})  # a registry split over files
    _dump(out / "places.yaml", {"places": registry})
    by_year: dict[str, list[dict[str, object]]] = {}
    for event in events:
        by_year.setdefault(str(event["date"])[:4], []).append(event)
    for year, group in by_year.items():  # stand-alone event files, one per year
        _dump(out / "events" / f"{year}.yaml", {"events": group})
    for i in range(n):
        d = _date(rng, start, span)
        ids = [actor_ids[a] for a in _pick(rng, actor_w, rng.randint(3, 12))]
        summary = "\n\n".join(f"{MARK}: {_sentence(rng, rng.randint(20, 45))}" for _ in range(rng.randint(1, 3)))
        briefing = {
            "title": f"{MARK} briefing {i}: {_sentence(rng, 7)}",
            "date": d.isoformat(),
            "sources": [{"title": f"{MARK} source {i}", "publication": MARK, "url": f"https://example.org/{i}"}],
            "summary": summary + " *Not real.*",
            "key_points": [f"{MARK}: {_sentence(rng, 15)}" for _ in range(rng.randint(3, 6))],
            "actors": [{"actor": a, "role": f"{MARK} role"} for a in ids],
            "quotes": [
                {"text": f"{MARK} quote {i}-{k}: {_sentence(rng, 12)}", "speaker": ids[k % len(ids)]}
                for k in range(rng.randint(0, 5))
            ],
            "events": [f"synthetic-event-{e}" for e in _pick(rng, event_w, rng.randint(1, 6))],
            "places": [places[p] for p in _pick(rng, place_w, rng.randint(1, 3))],
            "topics": [topics[t] for t in _pick(rng, topic_w, rng.randint(1, 4))],
        }
        if i % 20 == 0:  # a weekly round-up
            briefing["period"] = f"{(d - dt.timedelta(days=7)).isoformat()}/{(d - dt.timedelta(days=1)).isoformat()}"
        _dump(out / str(d.year) / f"{d.isoformat()}-synthetic-{i}.yaml", briefing)
    return out


def _dump(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = f"# {MARK} data made by bench/synthetic.py for benchmarks: nothing in it is real.\n"
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(header + text, encoding="utf-8")


def site_project(root: Path, n: int | None) -> Path:
    """A project folder like the repository's (mkdocs.yml, the hand-written docs/, overrides/)
    with a synthetic corpus of `n` briefings, or an empty briefings/ when `n` is None."""
    repo = Path(__file__).resolve().parent.parent
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(repo / "docs", root / "docs", ignore=shutil.ignore_patterns("generated"))
    shutil.copytree(repo / "overrides", root / "overrides")
    if n is None:
        (root / "briefings").mkdir()
    else:
        make_corpus(root, n)
    return root
