"""Time `briefings draft` on long articles: is it linear in the article's size?

Synthetic articles (named speakers, quotes, dates and places, over and over; marked SYNTHETIC)
of growing size up to the 5 MB limit, and a text of stray mixed quote marks, each drafted by the
real command in a fresh project, several runs each. Prints the median seconds and seconds per MB:
a flat last column means linear time.

    python bench/bench_draft_size.py [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["Ana Ruiz", "Omar Haddad", "Lena Berg", "Kofi Mensah", "Mei Tan"]
MARKS = ["“", "”", "‘", "’", '"', "'", "«", "»"]
FILLER = ["said Ana Ruiz ", "word ", ". ", "\n\n", "x"]


def article(size: int) -> bytes:
    """A made-up article of about `size` bytes."""
    parts = ["2031-03-04\n\nHarbour talks drag on (SYNTHETIC)\n"]
    total, n = 0, 0
    while total < size:
        who = NAMES[n % len(NAMES)]
        paragraph = (
            f"\n“Talks in round {n} went well,” said {who}, a negotiator, in Doha on Monday. "
            f"{who.split()[0]} added that “nothing is agreed until everything is agreed.” "
            f"The next round is on March {n % 28 + 1}, according to the Harbour Authority.\n"
        )
        parts.append(paragraph)
        total += len(paragraph.encode("utf-8"))
        n += 1
    return "".join(parts).encode("utf-8")


def stray_marks(count: int) -> bytes:
    text = "A made-up text of stray quote marks (SYNTHETIC).\n\n"
    text += "".join(MARKS[i % 8] + FILLER[(i * 7) % 5] for i in range(count))
    return text.encode("utf-8")


def time_draft(data: bytes, runs: int) -> float:
    seconds = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "p"
            shutil.copytree(ROOT / "briefings", root / "briefings")
            shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
            source = Path(tmp) / "article.txt"
            source.write_bytes(data)
            command = [sys.executable, "-m", "generator", "--root", str(root), "draft", str(source), "--id", "a"]
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| article | bytes | median s | s per MB |")
    print("| --- | ---: | ---: | ---: |")
    for size in (625_000, 1_250_000, 2_500_000, 4_990_000):
        data = article(size)[:4_990_000]
        took = time_draft(data, args.runs)
        print(f"| synthetic news | {len(data):,} | {took:.2f} | {took / (len(data) / 1e6):.2f} |", flush=True)
    for count in (85_000, 170_000, 340_000, 680_000):
        data = stray_marks(count)
        took = time_draft(data, args.runs)
        print(f"| {count:,} stray quote marks | {len(data):,} | {took:.2f} | {took / (len(data) / 1e6):.2f} |")


if __name__ == "__main__":
    main()
