"""How `briefings draft`'s figures hold on a publisher the rules' choices were not made on:
python bench/bench_draft_cv.py PATH/TO/PolNeAR [--gold build/draft-gold/polnear-train.jsonl].

PolNeAR's train compartment only (bench/draft_gold.py; dev and test are never read). Its 840
articles come from seven publishers, 120 each. Two tables:

1. Each publisher scored with the rules as they ship, beside all of train.
2. Leave one publisher out. What the data decides in the rules is which ways of finding a
   speaker to trust (`how` a speaker was found: named after the quote, before it, by "according
   to", beside it in the paragraph, carried on, the sentence's subject): a way not trusted
   leaves its quotes without a speaker, for the analyst. For each publisher in turn, the set of
   trusted ways that gives the best quote-and-speaker F1 on the six others is chosen and scored
   on the seventh; the held-out figures pool the seven. The all-train figures choose on all 840
   and score on them. The gap is all-train minus held-out.

The rules alone, without the ranker (whose weights bench/train_ranker.py cross-validates the
same way, by publisher). What this cannot measure: the rules themselves (their patterns and word lists) were written
reading errors on all of train, so no publisher is unseen by them; the held-out figures here
bound the loss from the choices above, not from the rules' wording. Quote finding has no
choice to make here, so its held-out figures equal its all-train ones.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_draft import Score, score_article  # noqa: E402
from generator.draft.analyse import analyse  # noqa: E402
from generator.draft.attribute import Said  # noqa: E402

WAYS = ("verb after", "verb before", "according to", "same paragraph", "carried forward", "sentence subject")
CHOOSABLE = ("according to", "same paragraph", "carried forward", "sentence subject")  # (the first two: always)


def figures(s: Score) -> dict[str, float]:
    p = s.matched / s.found if s.found else 0.0
    r = s.matched / s.gold if s.gold else 0.0
    p2 = s.speaker_right / s.found if s.found else 0.0
    r2 = s.speaker_right / s.gold if s.gold else 0.0
    return {
        "quote F1": 2 * p * r / (p + r) if p + r else 0.0,
        "quote P": p,
        "speaker": s.speaker_right / s.matched if s.matched else 0.0,
        "speaker (named)": s.named_right / s.named_matched if s.named_matched else 0.0,
        "quote+speaker F1": 2 * p2 * r2 / (p2 + r2) if p2 + r2 else 0.0,
    }


def total(scores: list[Score]) -> Score:
    out = Score()
    for s in scores:
        out.add(s)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="a copy of the PolNeAR repository")
    parser.add_argument("--gold", type=Path, default=ROOT / "build/draft-gold/polnear-train.jsonl")
    args = parser.parse_args()
    if not args.gold.exists():
        print(f"no gold set at {args.gold}: run bench/draft_gold.py {args.corpus} first", file=sys.stderr)
        return 2
    configs = [
        frozenset(c) for k in range(len(CHOOSABLE) + 1) for c in itertools.combinations(CHOOSABLE, k)
    ]  # the ways not trusted
    by_config: dict[frozenset[str], dict[str, list[Score]]] = {c: {} for c in configs}
    for line in args.gold.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        publisher = Path(entry["file"]).name.split("_", 1)[0]
        analysis = analyse((args.corpus / entry["file"]).read_text(encoding="utf-8"), weights={})  # the rules alone
        for config in configs:
            quotes = [
                dataclasses.replace(f, said=Said(None, None, "")) if f.said.how in config else f
                for f in analysis.quotes
            ]
            view = SimpleNamespace(text=analysis.text, quotes=quotes, entities=analysis.entities)
            score, _ = score_article(view, entry["quotes"])  # type: ignore[arg-type]
            by_config[config].setdefault(publisher, []).append(score)
    publishers = sorted(by_config[frozenset()])
    shipped = by_config[frozenset()]
    names = list(figures(Score()))
    print("1. The rules as they ship, per publisher (PolNeAR train):")
    print(f"  {'':<14}" + "".join(f"{n:>18}" for n in names))
    for pub in [*publishers, "all of train"]:
        f = figures(total(shipped[pub] if pub in shipped else [s for p in publishers for s in shipped[p]]))
        print(f"  {pub:<14}" + "".join(f"{f[n]:>18.3f}" for n in names))

    def best(on: list[str]) -> frozenset[str]:
        return max(
            configs,
            key=lambda c: (figures(total([s for p in on for s in by_config[c][p]]))["quote+speaker F1"], -len(c)),
        )

    held: list[Score] = []
    print("\n2. Leave one publisher out: the ways not trusted, chosen on the six others:")
    for pub in publishers:
        chosen = best([p for p in publishers if p != pub])
        held += by_config[chosen][pub]
        print(f"  {pub:<14} not trusted: {sorted(chosen) or 'none'}")
    everywhere = best(publishers)
    all_train = figures(total([s for p in publishers for s in by_config[everywhere][p]]))
    held_out = figures(total(held))
    print(f"  chosen on all of train, not trusted: {sorted(everywhere) or 'none'}")
    print(f"  {'':<14}" + "".join(f"{n:>18}" for n in names))
    print(f"  {'all-train':<14}" + "".join(f"{all_train[n]:>18.3f}" for n in names))
    print(f"  {'held-out':<14}" + "".join(f"{held_out[n]:>18.3f}" for n in names))
    print(f"  {'gap':<14}" + "".join(f"{all_train[n] - held_out[n]:>18.3f}" for n in names))
    if not everywhere and all(not best([p for p in publishers if p != pub]) for pub in publishers):
        print(
            "  Every fold trusts every way (a speaker left out is never better for F1 than one given),\n"
            "  so the gap is 0 by construction: the rules have nothing learned to hold out. The spread\n"
            "  between publishers in table 1 is the measure of how they carry to other writing."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
