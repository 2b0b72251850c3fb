"""A site in another language against the English one: python bench/bench_languages.py [N] [--runs R]
[--language fr] [--compare REV].

A synthetic corpus of N briefings (bench/synthetic.py, every record marked SYNTHETIC) in two
projects that differ only in `language` (briefings.toml). Each run builds both from nothing
(`briefings build --no-pdf --full`, each its own process, English then the other language, in
turn), and prints the medians and the median of the pairs' ratios (other / English).

`--compare REV` also builds the English project with the code of git revision REV (a worktree)
and compares docs/generated/ file by file with today's: it prints the files that differ, and
the files that still differ once what the site-language work added is taken out (the list items'
dir="auto", the JSON Feed's language, generated/assets/words.json).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import site_project

REPO = Path(__file__).resolve().parent.parent


def build(root: Path, pythonpath: str | None = None) -> float:
    for folder in ("docs/generated", "site", "build"):
        shutil.rmtree(root / folder, ignore_errors=True)
    env = None
    if pythonpath is not None:
        import os

        env = {**os.environ, "PYTHONPATH": pythonpath}
    started = time.perf_counter()
    subprocess.run(  # (run from the code's folder: `python -m` looks there first)
        [sys.executable, "-m", "generator", "--root", str(root), "build", "--no-pdf", "--full"],
        check=True,
        stdout=subprocess.DEVNULL,
        env=env,
        cwd=pythonpath or str(REPO),
    )
    return time.perf_counter() - started


ADDED = [
    (re.compile(r'<li dir="auto">'), "<li>"),  # list items of analysts' Markdown carry a direction
    (re.compile(r', "language": "en"(?=, "items")'), ""),  # the JSON Feed says its language
]


def compare(ref: str, work: Path, n: int) -> None:
    tree = work / "ref-code"
    subprocess.run(
        ["git", "-C", str(REPO), "worktree", "add", "--detach", str(tree), ref], check=True, stdout=subprocess.DEVNULL
    )
    try:
        old = site_project(work / "ref", n)  # (the same synthetic corpus: the same seed)
        new = site_project(work / "head", n)
        build(old, str(tree))
        build(new)
        a, b = old / "docs/generated", new / "docs/generated"
        names_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
        names_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
        differ = sorted(x for x in names_a & names_b if (a / x).read_bytes() != (b / x).read_bytes())
        still = []
        for name in differ:
            text_a, text_b = (a / name).read_text(encoding="utf-8"), (b / name).read_text(encoding="utf-8")
            for pattern, plain in ADDED:
                text_b = pattern.sub(plain, text_b)
            if text_a != text_b:
                still.append(name)
        print(f"English docs/generated/ at {ref} and now: {len(names_a)} and {len(names_b)} files")
        print(f"  only now: {sorted(names_b - names_a)}; only then: {sorted(names_a - names_b)}")
        print(f"  differ: {len(differ)} files; differ once the additions are taken out: {len(still)} {still[:10]}")
    finally:
        subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)], check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", nargs="?", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--language", default="fr")
    parser.add_argument("--compare", metavar="REV", help="compare the English pages with those of git revision REV")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-languages-"))
    try:
        english = site_project(work / "en", args.n)
        other = site_project(work / args.language, args.n)
        (other / "briefings.toml").write_text(f'language = "{args.language}"\n', encoding="utf-8")
        times: dict[str, list[float]] = {"en": [], args.language: []}
        for run in range(args.runs):
            times["en"].append(build(english))
            times[args.language].append(build(other))
            print(
                f"run {run + 1}: en {times['en'][-1]:.1f} s, {args.language} {times[args.language][-1]:.1f} s",
                flush=True,
            )
        ratios = [b / a for a, b in zip(times["en"], times[args.language], strict=True)]
        print(
            f"{args.n:,} briefings, build --no-pdf --full, {args.runs} runs: "
            f"en median {statistics.median(times['en']):.1f} s, {args.language} median "
            f"{statistics.median(times[args.language]):.1f} s, ratio {args.language}/en median "
            f"{statistics.median(ratios):.3f} (min {min(ratios):.3f}, max {max(ratios):.3f})"
        )
        if args.compare:
            compare(args.compare, work, args.n)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
