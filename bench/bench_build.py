"""Time every stage on synthetic long-tail corpora and print a table: python bench/bench_build.py [N ...].

Each step runs as its own `briefings` process, as a user runs it. Columns:
check (cold, no cache), check after one file changed, generate (everything but MkDocs and PDFs),
full site build (MkDocs + search index) beside a bare Material build of the same Markdown,
a rebuild after editing one briefing (--no-pdf), a rebuild with nothing changed, 100 PDFs,
peak memory of any one step, site size, largest HTML page and search index size.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import make_corpus

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent / "briefings"
# A bare Material site of the same pages: the theme's defaults, and only the nav (so that every
# page does not list every other page) and the Markdown extensions the pages need.
BARE = """site_name: bare
docs_dir: docs
theme:
  name: material
  font: false
markdown_extensions: [attr_list, md_in_html, tables, toc, pymdownx.snippets: {base_path: [docs]}]
nav:
  - Home: index.md
  - Briefings: generated/briefings/index.md
  - Timeline: generated/timeline/index.md
  - Actors: generated/actors/index.md
  - Quotes: generated/quotes/index.md
  - Places: generated/places/index.md
  - Topics: generated/topics/index.md
  - About: about.md
not_in_nav: /generated/
exclude_docs: /generated/snippets/
"""


def timed(cmd: list[str], cwd: Path) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{result.stderr[-3000:]}")
    return seconds, result.stdout + result.stderr


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def run(n: int, work: Path, pdfs: int) -> dict[str, str]:
    root = work / f"n{n}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root)
    shutil.copytree(REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("generated"))
    shutil.copytree(REPO / "overrides", root / "overrides")
    make_corpus(root, n)
    row: dict[str, str] = {"briefings": f"{n:,}"}
    row["check cold"] = f"{timed([str(BIN), 'check'], root)[0]:.1f} s"
    first = sorted((root / "briefings").rglob("*-synthetic-*.yaml"))[0]
    text = first.read_text(encoding="utf-8")
    first.write_text(text.replace("SYNTHETIC briefing", "SYNTHETIC edited briefing", 1), encoding="utf-8")
    row["check, 1 changed"] = f"{timed([str(BIN), 'check'], root)[0]:.1f} s"
    gen, out = timed([str(BIN), "build", "--no-pdf", "--no-site"], root)
    row["generate"] = f"{gen:.1f} s"
    pages = re.search(r"files (\d+) written", out)
    row["pages"] = f"{int(pages.group(1)):,}" if pages else "?"
    site, out = timed([str(BIN), "build", "--no-pdf", "--strict"], root)
    row["build (all)"] = f"{site:.0f} s"
    parts = re.search(r"MkDocs ([\d.]+) s, search index ([\d.]+) s", out)
    row["MkDocs"] = f"{float(parts.group(1)):.0f} s" if parts else "?"
    row["search index time"] = f"{float(parts.group(2)):.0f} s" if parts else "?"
    bare = root / "bare"
    bare.mkdir()
    (bare / "mkdocs.yml").write_text(BARE, encoding="utf-8")
    shutil.copytree(root / "docs", bare / "docs")
    bare_time, _ = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(bare / "site")], bare)
    row["bare Material"] = f"{bare_time:.0f} s"
    shutil.rmtree(bare)
    first.write_text(text.replace("SYNTHETIC briefing", "SYNTHETIC edited again briefing", 1), encoding="utf-8")
    edit, _ = timed([str(BIN), "build", "--no-pdf", "--strict"], root)
    row["edit 1, rebuild"] = f"{edit:.0f} s"
    _, out = timed([str(BIN), "build", "--no-pdf", "--strict", "--no-site"], root)
    written = re.search(r"files (\d+) written", out)
    row["no change: written"] = written.group(1) if written else "?"
    if pdfs:
        ids = sorted(p.stem for p in (root / "briefings").rglob("*-synthetic-*.yaml"))[:pdfs]
        pdf_time, _ = timed([str(BIN), "pdf", *ids], root)
        row[f"{pdfs} PDFs"] = f"{pdf_time:.0f} s"
    row["peak memory"] = f"{peak_mb():.0f} MB"
    files = [p for p in (root / "site").rglob("*") if p.is_file()]
    row["site size"] = f"{sum(p.stat().st_size for p in files) / 1e6:.0f} MB"
    largest = max((p for p in files if p.suffix == ".html"), key=lambda p: p.stat().st_size)
    row["largest page"] = f"{largest.stat().st_size / 1e3:.0f} kB"
    index = [p for p in files if "pagefind" in p.relative_to(root / "site").parts]
    row["search index"] = f"{sum(p.stat().st_size for p in index) / 1e6:.1f} MB"
    print(f"  n={n}: largest page {largest.relative_to(root / 'site')}", file=sys.stderr, flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 3000, 10000])
    parser.add_argument("--pdfs", type=int, default=100, help="PDFs to render per corpus (0: none)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="briefings-bench-"))
    rows = []
    try:
        for n in args.sizes:
            rows.append(run(n, work, args.pdfs))
            print(" | ".join(f"{k}: {v}" for k, v in rows[-1].items()), file=sys.stderr, flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    columns = list(rows[0])
    print("| " + " | ".join(columns) + " |")
    print("|" + "|".join(" ---: " for _ in columns) + "|")
    for row in rows:
        print("| " + " | ".join(row.get(c, "") for c in columns) + " |")


if __name__ == "__main__":
    main()
