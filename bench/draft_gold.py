"""Build the gold set for `bench_draft.py` from a copy of the PolNeAR corpus (train only).

PolNeAR (github.com/networkdynamics/PolNeAR) annotates every attribution in 1,008 news
articles of the 2016 US election: its source, cue and content spans. The gold set takes the
train compartment only (its dev and test compartments are kept for acceptance and never read
here) and, in each attribution's content, every passage in double quotation marks: that is a
direct quote, and the attribution's source span is its speaker. Quotation marks outside any
attribution (scare quotes, titles of works) are not quotes.

The corpus has no licence, so nothing of it is committed: this script reads a copy and writes
build/draft-gold/polnear-train.jsonl, one line per article: its file name, and for each quote
its [start, end) in the article's text and its speaker's span and words, and the words of
every named source of its attributions (for the actors' precision and recall).

    python bench/draft_gold.py PATH/TO/PolNeAR [--out build/draft-gold/polnear-train.jsonl]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

PRONOUNS = frozenset(
    [
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "him",
        "her",
        "them",
        "his",
        "its",
        "their",
        "this",
        "that",
        "who",
        "which",
    ]
)


def _spans(field: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (part.split() for part in field.split(";"))]


def read_ann(path: Path) -> tuple[dict[str, tuple[str, list[tuple[int, int]]]], list[dict[str, str]]]:
    """The text-bound annotations (id -> type, spans) and the relations of one .ann file."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            kind, where = parts[1].split(" ", 1)
            spans[parts[0]] = (kind, _spans(where))
        elif parts[0].startswith("E"):
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    return spans, relations


def quoted(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The passages in double quotation marks within [start, end): the words between the marks
    (up to `end` when the closing mark is missing, as when a quote runs on)."""
    if 0 < start < len(text) and text[start - 1 : start + 1] == "''":
        start -= 1  # the span starts between the two marks of ''
    out, open_at = [], -1
    for m in re.finditer(r"''|[\"“”]", text[start:end]):
        i = start + m.start()
        ch = text[i]
        before = text[i - 1] if i > 0 else " "
        opening = ch == "“" or (ch in "\"'" and (before.isspace() or before in "([{—–-/:" or i == start))
        if open_at < 0 and opening:
            open_at = i + len(m.group())
        elif open_at >= 0 and ch != "“":
            out.append((open_at, i))
            open_at = -1
    if open_at >= 0 and end - open_at > 1:
        out.append((open_at, _close(text, end)))
    out += _single_quoted(text, start, end, out)
    return sorted((s, e) for s, e in out if re.search(r"\w", text[s:e]))


def _close(text: str, end: int) -> int:
    """Where a quote that an attribution's content leaves open goes on to: its closing mark in
    the same paragraph (annotators sometimes split one quote's sentences), else the paragraph's
    end (a quote that runs on to the next paragraph)."""
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    m = re.compile(r"''|[\"”]").search(text, end, para_end)
    if m is None:
        return end if not text[end:para_end].strip() else para_end
    return m.start()


def _single_quoted(text: str, start: int, end: int, double: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Passages in single quotation marks (‘…’, or '…' opening after a space) that are not
    inside a double-quoted passage: headlines and British style quote with them. A mark
    between two letters or before a year ('08) is an apostrophe, not a quotation mark."""
    out = []
    i = start
    while i < end:
        ch = text[i]
        before = text[i - 1] if i > 0 else " "
        inside = any(s - 1 <= i < e + 1 for s, e in double)
        if (
            ch in "‘'"
            and not inside
            and "''" not in text[i - 1 : i + 2]
            and (before.isspace() or before in "([{—–-/:" or i == start)
        ):
            if text[i + 1 : i + 2].isspace() or re.match(r"\d\d\b|\d0s|t\s|em\b|til\b|n\b", text[i + 1 : i + 6]):
                i += 1
                continue
            for m in re.finditer("[’']" if ch == "‘" else "'", text[i + 1 : end]):
                j = i + 1 + m.start()
                after = text[j + 1] if j + 1 < len(text) else " "
                if not after.isalnum() and "''" not in text[j - 1 : j + 2]:
                    out.append((i + 1, j))
                    i = j
                    break
        i += 1
    return out


def sources(text: str, ann: Path) -> list[str]:
    """The words of every named source of the article's attributions (direct and reported
    speech, beliefs), each once: the people and organisations a draft should propose."""
    spans, relations = read_ann(ann)
    out: dict[str, None] = {}
    for rel in relations:
        source = spans.get(rel.get("Source", ""))
        words = " ".join(text[a:b] for a, b in source[1]) if source else ""
        if re.search(r"\b[A-Z][a-z]", words) and words.lower() not in PRONOUNS:
            out.setdefault(words)
    return list(out)


def article(text: str, ann: Path) -> list[dict[str, object]]:
    spans, relations = read_ann(ann)
    quotes = []
    for rel in relations:
        # a content in two parts ("A," he said. "B.") is Content and Content2
        parts = [spans[v][1] for k, v in rel.items() if k.startswith("Content") and v in spans]
        if not parts:
            continue
        source = spans.get(rel.get("Source", ""))
        src = source[1] if source else []
        words = " ".join(text[a:b] for a, b in src)
        for a, b in (span for part in parts for span in part):
            for s, e in quoted(text, a, b):
                quotes.append(
                    {
                        "start": s,
                        "end": e,
                        "source": src,
                        "source_text": words,
                        "named": bool(re.search(r"\b[A-Z][a-z]", words)) and words.lower() not in PRONOUNS,
                    }
                )
    quotes.sort(key=lambda q: (q["start"], -q["end"]))  # type: ignore[arg-type,operator]
    # one quote split over two attributions is one passage: keep the first
    quotes = [q for n, q in enumerate(quotes) if n == 0 or q["start"] >= quotes[n - 1]["end"]]  # type: ignore[operator]
    # a quote that runs over paragraphs (no closing mark until its last one, each paragraph
    # opening with a mark again) is one quote, however many attributions annotate its parts
    merged: list[dict[str, object]] = []
    for q in quotes:
        if merged and re.fullmatch(r"\s*\n\s*(?:''|[\"“‘'])", text[merged[-1]["end"] : q["start"]]):  # type: ignore[misc]
            last = merged[-1]  # its sources: those of every part (a name in one, "he" in the next)
            merged[-1] = {
                **last,
                "end": q["end"],
                "source": [*last["source"], *q["source"]],  # type: ignore[misc]
                "source_text": " ".join(str(x) for x in (last["source_text"], q["source_text"]) if x),
                "named": bool(last["named"] or q["named"]),
            }
        else:
            merged.append(q)
    return merged


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a copy of the PolNeAR repository")
    parser.add_argument("--out", type=Path, default=Path("build/draft-gold/polnear-train.jsonl"))
    args = parser.parse_args()
    train = args.corpus / "data" / "train"
    if not (train / "text").is_dir():
        print(f"draft_gold: no {train / 'text'}: give the path of a PolNeAR copy", file=sys.stderr)
        return 2
    args.out.parent.mkdir(parents=True, exist_ok=True)
    anns: dict[str, Path] = {}
    for ann in sorted((train / "attributions").glob("*.ann")):
        anns.setdefault(re.sub(r"_[0-9a-f]{4}$", "", ann.stem), ann)  # one annotator's file per article
    n_quotes = 0
    with args.out.open("w", encoding="utf-8") as out:
        for stem, ann in sorted(anns.items()):
            text = (train / "text" / f"{stem}.txt").read_text(encoding="utf-8")
            quotes = article(text, ann)
            n_quotes += len(quotes)
            entry = {"file": f"data/train/text/{stem}.txt", "quotes": quotes, "sources": sources(text, ann)}
            out.write(json.dumps(entry) + "\n")
    print(f"{len(anns)} articles, {n_quotes} quotes -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
