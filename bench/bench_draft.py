"""Score `briefings draft`'s quotes, speakers and people against hand-annotated news.

Two gold sets:

- the PolNeAR train compartment, built by bench/draft_gold.py from a copy of the corpus
  (never committed; its dev and test compartments are left alone for acceptance);
- the project's own sample article, whose briefing was made by hand: its 9 quotes with their
  speakers and its 15 actors.

A found quote matches a gold quote when they share at least half of the characters of the
two together (one to one, best overlap first). A matched quote's speaker is right when the
words that name the speaker overlap the gold source's words, or when both name the same person
(a shared surname). People: PolNeAR marks no people as such, so recall is measured on the
sources that are named people (capitalised words that are not a known organisation) and
precision only on the sample. Actors: recall of the named sources of every attribution in the
article (people and organisations, matched by a shared word of their names other than titles)
among the actors a draft proposes.

    python bench/bench_draft.py PATH/TO/PolNeAR [--gold build/draft-gold/polnear-train.jsonl] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.draft.analyse import Analysis, analyse  # noqa: E402
from generator.draft.entity import NOT_ACTORS  # noqa: E402
from generator.draft.lexicon import COMMON, GROUP_WORDS, ORG_WORDS, TITLES, demonym  # noqa: E402
from generator.draft.names import Registry, known_places  # noqa: E402

STOP = TITLES | {"the", "a", "an", "of", "and", "mr.", "mrs.", "ms.", "former", "campaign", "spokesman", "spokeswoman"}


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    matched: int = 0
    speaker_right: int = 0
    named_matched: int = 0
    named_right: int = 0
    people_gold: int = 0
    people_found: int = 0
    sources_gold: int = 0  # named sources of any attribution (people and organisations)
    sources_found: int = 0  # of them, among the actors a draft proposes

    def add(self, other: Score) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _surnames(words: str) -> set[str]:
    tokens = [t.strip(".,’'s").lower() for t in re.findall(r"[A-Z][\w’'\-.]*", words)]
    return {t for t in tokens if t and t not in STOP}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


NO_NAME = COMMON | GROUP_WORDS | TITLES  # words that alone name no source ("Democrats", "some officials")
_SOURCE_NAME = re.compile(r"(?:[Tt]he\s+)?[A-Z][\w’'.\-]*(?:\s+(?:of|for|and|the|de|al|von|van|[A-Z][\w’'.\-]*)){0,5}")


def named_sources(sources: list[str]) -> list[frozenset[str]]:
    """The named sources of an article's attributions, as the words that name them: only those
    written as a name ("Joel Pollak of Breitbart California", "the Washington Post"), not a
    description ("those who have crossed the river")."""
    out = set()
    countries = known_places()[0]
    for w in sources:
        words = _surnames(w)
        common = {x for x in words if x in NO_NAME or demonym(x.capitalize(), countries)}
        if _SOURCE_NAME.fullmatch(w.strip()) and words - common:  # "Democrats", "some Chinese": no name
            out.add(frozenset(words))
    return sorted(out, key=sorted)


def score_article(analysis: Analysis, gold: list[dict], sources: list[str] | None = None) -> tuple[Score, list[str]]:
    text = analysis.text
    score = Score(gold=len(gold), found=len(analysis.quotes))
    pairs = sorted(
        (
            (_overlap((g["start"], g["end"]), (f.quoted.start, f.quoted.end)), gi, fi)
            for gi, g in enumerate(gold)
            for fi, f in enumerate(analysis.quotes)
        ),
        reverse=True,
    )
    used_g, used_f, errors = set(), set(), []
    for ov, gi, fi in pairs:
        if ov < 0.5:
            break
        if gi in used_g or fi in used_f:
            continue
        used_g.add(gi)
        used_f.add(fi)
        g, f = gold[gi], analysis.quotes[fi]
        score.matched += 1
        mention = f.said.mention
        right = bool(mention) and any(max(mention.start, a) < min(mention.end, b) for a, b in g["source"])
        name = f.said.entity.name if f.said.entity else ""
        if not g["source"]:  # PolNeAR gives some quotes no source: right if the rules name no one
            right = mention is None and f.said.entity is None
        if not right and g["named"] and name:
            right = bool(_surnames(name) & _surnames(g["source_text"]))
        score.speaker_right += right
        if g["named"]:
            score.named_matched += 1
            score.named_right += right
        if not right:
            words = text[f.quoted.start : f.quoted.end][:60]
            said = text[mention.start : mention.end][:40] if mention else ""
            errors.append(f"speaker: {words!r} gold={g['source_text']!r} found={name!r} as {said!r} ({f.said.how})")
    for gi, g in enumerate(gold):
        if gi not in used_g:
            errors.append(f"missed: {text[g['start'] : g['end']][:70]!r}")
    for fi, f in enumerate(analysis.quotes):
        if fi not in used_f:
            errors.append(f"extra: {text[f.quoted.start : f.quoted.end][:70]!r}")
    people = {
        frozenset(_surnames(g["source_text"]))
        for g in gold
        if g["named"] and not ({w.lower() for w in g["source_text"].split()} & ORG_WORDS)
    }
    people.discard(frozenset())
    found_people = [_surnames(e.name) for e in analysis.entities if e.kind == "person"]
    score.people_gold = len(people)
    score.people_found = sum(1 for p in people if any(p & f for f in found_people))
    proposed = [_surnames(e.name) for e in analysis.entities if not e.place and e.kind not in NOT_ACTORS]
    named = named_sources(sources or [])
    score.sources_gold = len(named)
    score.sources_found = sum(1 for n in named if any(n & f for f in proposed))
    return score, errors


def sample() -> tuple[dict[str, float], list[str]]:
    """The sample article against its hand-made briefing (no registry: as on a new project)."""
    import yaml

    text = (ROOT / "briefings/sources/2024-06-19-north-korea-russia-pact.txt").read_text(encoding="utf-8")
    briefing = yaml.safe_load((ROOT / "briefings/2024-06-19-north-korea-russia-pact.yaml").read_text(encoding="utf-8"))
    actors = {
        a["id"]: a for a in yaml.safe_load((ROOT / "briefings/actors.yaml").read_text(encoding="utf-8"))["actors"]
    }
    out: dict[str, float] = {}
    notes: list[str] = []
    for label, registry in (("new project", Registry()), ("with the sample's registry", _registry(actors))):
        analysis = analyse(text, registry)
        norm = lambda s: re.sub(r"\s+", " ", s.replace("’", "'").replace("‘", "'")).strip(" .'\"")  # noqa: E731
        found = {norm(text[f.quoted.start : f.quoted.end]): f for f in analysis.quotes}
        got = right = 0
        for q in briefing["quotes"]:
            f = found.get(norm(q["text"]))
            if f is None:
                notes.append(f"{label}: missed {q['text'][:50]!r}")
                continue
            got += 1
            speaker = actors[q["speaker"]]
            names = {speaker["name"], *speaker.get("aliases", [])}
            ok = f.said.entity is not None and (f.said.entity.actor == q["speaker"] or f.said.entity.name in names)
            right += ok
            if not ok:
                notes.append(f"{label}: {q['text'][:40]!r} given to {f.said.entity and f.said.entity.name!r}")
        gold_actors = [actors[a["actor"]] for a in briefing["actors"]]
        ents = [e for e in analysis.entities if not e.place and e.kind != "unknown"]

        def has(actor: dict, ents: list = ents) -> bool:
            names = {n.casefold() for n in (actor["name"], *actor.get("aliases", []))}
            return any(e.actor == actor["id"] or e.name.casefold() in names for e in ents)

        persons = [e for e in analysis.entities if e.kind == "person"]
        gold_people = [a for a in gold_actors if a["kind"] == "person"]
        true_people = [
            e
            for e in persons
            if any(
                e.actor == a["id"] or e.name.casefold() in {n.casefold() for n in (a["name"], *a.get("aliases", []))}
                for a in gold_people
            )
        ]
        places = set(briefing["places"]) | {"Taedong River"}
        out[f"{label}: quotes found (of 9)"] = got
        out[f"{label}: with the right speaker"] = right
        out[f"{label}: extra quotes"] = len(analysis.quotes) - got
        out[f"{label}: actors found (of 15)"] = sum(has(a) for a in gold_actors)
        out[f"{label}: people precision"] = len(true_people) / len(persons) if persons else 0.0
        out[f"{label}: people recall"] = len({id(a) for a in gold_people if has(a)}) / len(gold_people)
        out[f"{label}: places listed as people"] = sum(1 for e in persons if e.name in places)
    return out, notes


def _registry(actors: dict[str, dict]) -> Registry:
    registry = Registry()
    for a in actors.values():
        registry.add_actor(a["id"], a["name"], a["kind"], a.get("aliases", []))
    return registry


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, nargs="?", help="a copy of the PolNeAR repository")
    parser.add_argument("--gold", type=Path, default=ROOT / "build/draft-gold/polnear-train.jsonl")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N articles")
    parser.add_argument("--errors", type=int, default=0, help="print the first N errors")
    args = parser.parse_args()

    figures, notes = sample()
    print("Sample article (briefings/sources/2024-06-19-north-korea-russia-pact.txt):")
    for name, value in figures.items():
        print(f"  {name}: {value:.2f}" if isinstance(value, float) else f"  {name}: {value}")
    for note in notes:
        print(f"  - {note}")
    if args.corpus is None:
        return 0
    if not args.gold.exists():
        print(f"no gold set at {args.gold}: run bench/draft_gold.py {args.corpus} first", file=sys.stderr)
        return 2
    total, seconds, errors = Score(), [], []
    lines = args.gold.read_text(encoding="utf-8").splitlines()
    for line in lines[: args.limit or None]:
        entry = json.loads(line)
        text = (args.corpus / entry["file"]).read_text(encoding="utf-8")
        t0 = time.perf_counter()
        analysis = analyse(text)
        seconds.append(time.perf_counter() - t0)
        score, errs = score_article(analysis, entry["quotes"], entry.get("sources"))
        total.add(score)
        errors.extend(f"{entry['file']}: {e}" for e in errs)
    p = total.matched / total.found if total.found else 0.0
    r = total.matched / total.gold if total.gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    both = total.speaker_right
    p2, r2 = both / total.found if total.found else 0.0, both / total.gold if total.gold else 0.0
    f2 = 2 * p2 * r2 / (p2 + r2) if p2 + r2 else 0.0
    n = len(seconds)
    print(f"\nPolNeAR train: {n} articles, {total.gold} gold quotes, {total.found} found, {total.matched} matched")
    print(f"  quotes: precision {p:.3f}, recall {r:.3f}, F1 {f1:.3f}   (target F1 >= 0.95 at precision >= 0.95)")
    right = total.speaker_right / max(1, total.matched)
    print(f"  speaker accuracy on matched quotes: {right:.3f} ({total.speaker_right})   (target >= 0.85)")
    named = total.named_right / max(1, total.named_matched)
    print(
        f"    where the text names the speaker: {named:.3f} ({total.named_right} of {total.named_matched})"
        "   (target >= 0.93)"
    )
    print(f"  quote and speaker: precision {p2:.3f}, recall {r2:.3f}, F1 {f2:.3f}   (target >= 0.85)")
    people = total.people_found / max(1, total.people_gold)
    print(f"  named people who are sources, found: {people:.3f} of {total.people_gold}   (target recall >= 0.90)")
    actors = total.sources_found / max(1, total.sources_gold)
    print(
        f"  actors: named sources of any attribution among the actors proposed: {actors:.3f} of"
        f" {total.sources_gold}   (target recall >= 0.90; precision: see bench/README, judged by hand)"
    )
    median, most = statistics.median(seconds) * 1000, max(seconds) * 1000
    print(f"  time per article: median {median:.1f} ms, max {most:.1f} ms   (target < 2 s)")
    for e in errors[: args.errors]:
        print("  " + e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
