"""Draw actors a draft proposes on PolNeAR train at random, with their context, to judge by hand.

PolNeAR marks the sources of attributions, not every actor an article names, so the precision of
the actors `briefings draft` proposes is judged by reading: each line is one proposal (its kind,
its name and the text around its first appearance), to be marked a real person, organisation or
state an analyst keeps (with its kind right or not), or not an actor. A seed draws the same
proposals again from the same code; a seed read to choose a fix is spent (bench/README lists them).

    python bench/sample_actors.py PATH/TO/PolNeAR --seed 101 [--n 200] [--gold build/draft-gold/polnear-train.jsonl]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.draft.analyse import analyse  # noqa: E402
from generator.draft.entity import NOT_ACTORS  # noqa: E402


def proposals(corpus: Path, gold: Path) -> list[tuple[str, str, str, str]]:
    """Every actor proposed on the gold set's articles: (file, kind, name, context)."""
    out = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        text = (corpus / entry["file"]).read_text(encoding="utf-8")
        for e in analyse(text).entities:
            if e.place or e.kind in NOT_ACTORS:
                continue
            at = e.mentions[0] if e.mentions else None
            context = text[max(0, at.start - 70) : at.end + 70] if at else ""
            out.append((Path(entry["file"]).name, e.kind, e.name, " ".join(context.split())))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a copy of the PolNeAR repository")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--gold", type=Path, default=ROOT / "build/draft-gold/polnear-train.jsonl")
    args = parser.parse_args()
    if not args.gold.exists():
        print(f"no gold set at {args.gold}: run bench/draft_gold.py {args.corpus} first", file=sys.stderr)
        return 2
    found = proposals(args.corpus, args.gold)
    print(f"{len(found)} actors proposed; {args.n} drawn with seed {args.seed}")
    for k, (_, kind, name, context) in enumerate(random.Random(args.seed).sample(found, args.n)):
        print(f"{k:3d} {kind:15s} {name!r:40s} | {context}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
