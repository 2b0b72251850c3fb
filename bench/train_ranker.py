"""Train the speaker ranker (generator/draft/rank.py) on PolNeAR's train compartment and say how
it holds on a publisher it was not trained on:

    python bench/train_ranker.py PATH/TO/PolNeAR [--gold build/draft-gold/polnear-train.jsonl] [--write]

The gold set is bench/draft_gold.py's (train only; dev and test are never read). Each found quote
that matches a gold quote (half of their characters shared) is one training example: its
candidates, marked right as bench/bench_draft.py scores a speaker (the words that name it
overlap the gold source's, or a named source shares a surname; no one, where PolNeAR gives the
quote no source). Prints three rows, each scored as bench_draft.py scores:

- the rules alone (no ranker);
- leave one publisher out: for each of the seven publishers, weights trained on the other six
  and scored on it; the seven pooled;
- all of train: weights trained on all 840 articles and scored on them.

--write stores the all-train weights in generator/draft/speaker_weights.json, with how they
were made.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_draft import Score, _overlap, _surnames, score_article  # noqa: E402
from bench.bench_draft_cv import figures  # noqa: E402
from generator.draft import rank  # noqa: E402
from generator.draft.analyse import analyse  # noqa: E402

WEIGHTS = ROOT / "generator/draft/speaker_weights.json"
Example = tuple[list[rank.Candidate], list[bool]]


def right(c: rank.Candidate, g: dict) -> bool:
    """Whether candidate `c` is gold quote `g`'s speaker, as bench_draft.py scores one."""
    m, e = c.said.mention, c.said.entity
    if not g["source"]:
        return m is None and e is None
    if m is not None and any(max(m.start, a) < min(m.end, b) for a, b in g["source"]):
        return True
    return bool(g["named"] and e is not None and _surnames(e.name) & _surnames(g["source_text"]))


def examples(text: str, gold: list[dict]) -> list[Example]:
    collected: list = []
    analyse(text, weights={}, collect=collected)
    out = []
    for q, cs in collected:
        best = max(gold, key=lambda g: _overlap((g["start"], g["end"]), (q.start, q.end)), default=None)
        if best is not None and _overlap((best["start"], best["end"]), (q.start, q.end)) >= 0.5:
            out.append((cs, [right(c, best) for c in cs]))
    return out


def evaluate(articles: list[tuple[str, list[dict]]], weights: Mapping[str, float]) -> dict[str, float]:
    total = Score()
    for text, gold in articles:
        total.add(score_article(analyse(text, weights=weights), gold)[0])
    return figures(total)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--gold", type=Path, default=ROOT / "build/draft-gold/polnear-train.jsonl")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="store the all-train weights in the package")
    args = parser.parse_args()
    entries = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines()]
    by_publisher: dict[str, list[tuple[str, list[dict]]]] = {}
    for entry in entries:
        text = (args.corpus / entry["file"]).read_text(encoding="utf-8")
        publisher = Path(entry["file"]).name.split("_", 1)[0]
        by_publisher.setdefault(publisher, []).append((text, entry["quotes"]))
    data = {p: [x for text, gold in arts for x in examples(text, gold)] for p, arts in by_publisher.items()}
    everything = [a for arts in by_publisher.values() for a in arts]
    rows = {"rules alone": evaluate(everything, {})}
    held, each = Score(), {}
    for publisher, arts in by_publisher.items():
        weights = rank.train([x for p, xs in data.items() if p != publisher for x in xs], epochs=args.epochs)
        fold = Score()
        for text, gold in arts:
            fold.add(score_article(analyse(text, weights=weights), gold)[0])
        held.add(fold)
        each[f"{publisher}, held out"] = figures(fold)
    rows |= dict(sorted(each.items()))
    rows["publisher held out (7 folds, pooled)"] = figures(held)
    weights = rank.train([x for xs in data.values() for x in xs], epochs=args.epochs)
    rows["all of train"] = evaluate(everything, weights)
    names = list(next(iter(rows.values())))
    print("| | " + " | ".join(names) + " |")
    print("| --- |" + " ---: |" * len(names))
    for label, row in rows.items():
        print(f"| {label} | " + " | ".join(f"{row[n]:.3f}" for n in names) + " |")
    gap = {n: rows["all of train"][n] - rows["publisher held out (7 folds, pooled)"][n] for n in names}
    print("| gap (all of train - held out) | " + " | ".join(f"{gap[n]:.3f}" for n in names) + " |")
    print(f"{len(weights)} weights; examples: {sum(len(x) for x in data.values())} quotes")
    if args.write:
        made = (
            f"bench/train_ranker.py on PolNeAR's train compartment ({len(everything)} articles, "
            f"{sum(len(x) for x in data.values())} quotes; dev and test not read), {args.epochs} epochs, "
            f"{dt.date.today().isoformat()}. Retrain: python bench/draft_gold.py PolNeAR && "
            "python bench/train_ranker.py PolNeAR --write"
        )
        payload = {"made": made, "weights": weights}
        WEIGHTS.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"written: {WEIGHTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
