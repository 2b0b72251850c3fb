"""A synthetic corpus for benchmarks and scale tests. Every record in it is made up and says so."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

MARK = "SYNTHETIC"


def make_corpus(root: Path, n: int, *, seed: int = 7) -> Path:
    """Write n synthetic briefings with shared actors and events under root/briefings."""
    rng = random.Random(seed)
    out = root / "briefings"
    out.mkdir(parents=True, exist_ok=True)
    n_actors, n_events = max(10, n // 4), max(10, n // 3)
    kinds = ["person", "organisation", "state", "other"]
    actors = [
        {
            "id": f"synthetic-actor-{i}",
            "name": f"Synthetic Actor {i}",
            "kind": kinds[i % 4],
            "aliases": [f"SA{i}"],
            "description": f"{MARK}: a made-up actor for benchmarks.",
        }
        for i in range(n_actors)
    ]
    start = dt.date(2020, 1, 1)

    def day(k: int) -> dt.date:
        return start + dt.timedelta(days=k % 1800)

    events = []
    for i in range(n_events):
        d = day(i * 3)
        date = [d.isoformat(), d.isoformat()[:7], str(d.year)][i % 3]
        events.append(
            {
                "id": f"synthetic-event-{i}",
                "date": date,
                "title": f"Synthetic event {i}",
                "description": f"{MARK}: a made-up event.",
                "places": [f"Synthetic Place {i % 50}"],
                "actors": [f"synthetic-actor-{rng.randrange(n_actors)}" for _ in range(2)],
            }
        )
    _dump(out / "actors.yaml", {"actors": actors})
    _dump(out / "events.yaml", {"events": events})
    for i in range(n):
        # Popular actors and events appear often (a skewed, news-like distribution).
        ids = sorted({f"synthetic-actor-{int(rng.paretovariate(1.2) * 3) % n_actors}" for _ in range(6)})
        briefing = {
            "title": f"{MARK} briefing {i}",
            "date": day(i).isoformat(),
            "sources": [{"title": f"{MARK} source {i}", "publication": MARK, "url": f"https://example.org/{i}"}],
            "summary": f"{MARK}: made-up briefing {i} for benchmarks. *Not real.*",
            "key_points": [f"{MARK} point {k}." for k in range(4)],
            "actors": [{"actor": a, "role": f"{MARK} role"} for a in ids],
            "quotes": [{"text": f"{MARK} quote {i}-{k}.", "speaker": ids[k % len(ids)]} for k in range(3)],
            "events": sorted({f"synthetic-event-{int(rng.paretovariate(1.1) * 2) % n_events}" for _ in range(4)}),
            "places": [f"Synthetic Place {rng.randrange(50)}"],
            "topics": sorted({f"synthetic topic {rng.randrange(40)}" for _ in range(3)}),
        }
        _dump(out / f"{day(i).isoformat()}-synthetic-{i}.yaml", briefing)
    return out


def _dump(path: Path, data: object) -> None:
    header = f"# {MARK} data made by bench/synthetic.py for benchmarks: nothing in it is real.\n"
    path.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
