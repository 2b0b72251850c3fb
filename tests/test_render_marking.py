"""Handling markings (TLP 2.0): a banner on the page, every PDF page marked, and a briefing
above what the site may publish refused with its file, line and field."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pypdf
import pytest

from .conftest import SAMPLE_ID, run_cli, write

SAMPLE_FILE = f"briefings/{SAMPLE_ID}.yaml"
PAGE = f"docs/generated/briefings/{SAMPLE_ID}.md"


def mark(project: Path, label: str) -> None:
    path = project / SAMPLE_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nstatus: published\n", f"\nstatus: published\nmarking: {label}\n", 1), "utf-8")
    assert f"marking: {label}" in path.read_text(encoding="utf-8")


def marking_line(project: Path) -> int:
    lines = (project / SAMPLE_FILE).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith("marking:"))


def test_the_sample_page_opens_with_its_default_marking(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "--root", str(project), "build", "--no-site", "--no-pdf")[0] == 0
    page = (project / PAGE).read_text(encoding="utf-8")
    banner = '<p class="bf-tlp bf-tlp--clear" role="note" data-tlp="TLP:CLEAR"><strong>TLP:CLEAR</strong>'
    assert banner in page
    assert page.index(banner) < page.index("\n# ")  # above the title


@pytest.mark.parametrize("label", ["TLP:RED", "TLP:AMBER+STRICT", "TLP:GREEN"])
def test_a_briefing_above_the_sites_limit_is_refused_and_nothing_changes(
    built_copy: Path, capsys: pytest.CaptureFixture[str], label: str
) -> None:
    before = {p: p.read_bytes() for p in (built_copy / "docs/generated").rglob("*") if p.is_file()}
    site_before = (built_copy / "site/index.html").read_bytes()
    mark(built_copy, label)
    for command in ("check", "build", "export"):
        code, _, err = run_cli(capsys, "--root", str(built_copy), command)
        assert code == 1, command
        line = marking_line(built_copy)
        assert f"{SAMPLE_FILE}:{line}: marking: {label} is above what this site may publish (TLP:CLEAR" in err
        assert f"max_marking in {built_copy}/briefings.toml)" in err
        assert "no briefing above max_marking is published" in err
        assert "Traceback" not in err
    assert not (built_copy / "build/export").exists()
    after = {p: p.read_bytes() for p in (built_copy / "docs/generated").rglob("*") if p.is_file()}
    assert after == before
    assert (built_copy / "site/index.html").read_bytes() == site_before


def test_a_site_default_above_the_limit_points_at_the_briefing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "briefings.toml", 'marking = "TLP:AMBER"\n')
    code, _, err = run_cli(capsys, "--root", str(project), "build", "--no-site", "--no-pdf")
    assert code == 1
    assert f"{SAMPLE_FILE}:1: marking: TLP:AMBER is above what this site may publish" in err
    assert "it is the default marking there" in err


def test_a_site_that_allows_amber_publishes_it_with_its_banner(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "briefings.toml", 'max_marking = "TLP:AMBER+STRICT"\n')
    mark(project, "TLP:AMBER+STRICT")
    code, _, err = run_cli(capsys, "--root", str(project), "build", "--no-site")
    assert (code, err) == (0, "")
    page = (project / PAGE).read_text(encoding="utf-8")
    assert 'class="bf-tlp bf-tlp--amber-strict"' in page
    assert "within their organisation only" in page
    reader = pypdf.PdfReader(io.BytesIO((project / f"docs/generated/pdf/{SAMPLE_ID}.pdf").read_bytes()))
    assert len(reader.pages) >= 2
    for page_pdf in reader.pages:
        text = page_pdf.extract_text() or ""
        lines = [line for line in text.splitlines() if line.strip()]
        # the header (first line or so) and the footer (last line) of every page carry it
        assert "TLP:AMBER+STRICT" in " ".join(lines[:3]) or "TLP:AMBER+STRICT" in " ".join(lines[-4:-1])
        assert lines[-1].endswith("TLP:AMBER+STRICT"), lines[-1]
        assert text.count("TLP:AMBER+STRICT") >= 2


def test_a_local_pdf_of_a_red_briefing_is_allowed_and_marked(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mark(project, "TLP:RED")
    code, _, err = run_cli(capsys, "--root", str(project), "pdf", SAMPLE_ID)
    assert (code, err) == (0, "")
    reader = pypdf.PdfReader(io.BytesIO((project / f"build/pdf/{SAMPLE_ID}.pdf").read_bytes()))
    for page_pdf in reader.pages:
        assert (page_pdf.extract_text() or "").count("TLP:RED") >= 2
    assert not (project / "docs/generated").exists() or not list((project / "docs/generated").rglob("*.md"))


# A TLP:RED draft whose every field holds a word found nowhere else, and a registry actor and
# place that only it names.
RED_DRAFT = """
title: Redsecret title
date: 2024-06-20
status: draft
marking: TLP:RED
sources: [{title: Redsecret source, publication: Redsecret publication}]
summary: Redsecret summary.
key_points: [Redsecret key point.]
actors: [{actor: redsecret-actor, role: Redsecret role}, {actor: vladimir-putin}]
quotes: [{text: Redsecret quote, speaker: redsecret-actor, context: Redsecret context}]
places: [Redsecret Town, Pyongyang]
topics: [Redsecret topic]
events:
  - id: redsecret-event
    date: 2024-06-20
    title: Redsecret event title
    description: Redsecret event description.
    notes: Redsecret event notes.
    actors: [redsecret-actor, vladimir-putin]
    places: [Redsecret Town, Pyongyang]
assessment: Redsecret assessment.
"""
RED_ACTOR = """
  - id: redsecret-actor
    name: Redsecret Actor
    kind: person
    description: Redsecret actor description.
"""


def with_red_draft(project: Path) -> None:
    write(project, "briefings/2024-06-20-red-draft.yaml", RED_DRAFT)
    registry = project / "briefings/actors.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").rstrip("\n") + "\n" + RED_ACTOR, encoding="utf-8")


def every_output(project: Path) -> dict[Path, str]:
    """The text of everything a build publishes: pages, site, search fragments, feeds, export, PDFs."""
    out: dict[Path, str] = {}
    for folder in ("docs/generated", "site"):
        for path in (project / folder).rglob("*"):
            if not path.is_file():
                continue
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":  # Pagefind's gzipped index and fragments
                data = gzip.decompress(data)
            if data[:5] == b"%PDF-":
                out[path] = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
            else:
                out[path] = data.decode("utf-8", errors="replace")
    return out


def test_a_red_draft_reaches_no_output_of_the_build(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with_red_draft(project)
    code, out, err = run_cli(capsys, "--root", str(project), "build")
    assert code == 0, err
    assert "PDFs" in out
    outputs = every_output(project)
    assert any(p.suffix == ".pdf" for p in outputs)
    assert any("pagefind" in p.parts for p in outputs)
    assert any(p.suffix == ".csv" for p in outputs)
    leaks = sorted(str(p.relative_to(project)) for p, text in outputs.items() if "redsecret" in text.lower())
    assert leaks == []
    # the same build with --drafts shows it, so the search above can find it when it is there
    code, _, err = run_cli(capsys, "--root", str(project), "build", "--drafts", "--no-pdf")
    assert code == 1  # a RED draft shown on a CLEAR site is refused
    assert "2024-06-20-red-draft.yaml:4: marking: TLP:RED is above what this site may publish" in err


def test_a_published_briefing_citing_an_event_of_a_red_draft_is_a_problem_at_its_line(
    built_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_red_draft(built_copy)
    sample = built_copy / SAMPLE_FILE
    text = sample.read_text(encoding="utf-8")
    assert "\nevents:\n  - " in text
    sample.write_text(text.replace("\nevents:\n  - ", "\nevents:\n  - redsecret-event\n  - ", 1), encoding="utf-8")
    line = sample.read_text(encoding="utf-8").splitlines().index("  - redsecret-event") + 1
    before = {p: p.read_bytes() for p in (built_copy / "docs/generated").rglob("*") if p.is_file()}
    site_before = {p: p.read_bytes() for p in (built_copy / "site").rglob("*") if p.is_file()}
    for command in ("build", "export"):  # (check reads drafts too, and refuses the RED one itself)
        code, _, err = run_cli(capsys, "--root", str(built_copy), command)
        assert code == 1, command
        assert "Traceback" not in err
        assert (
            f"{sample}:{line}: events[0]: event 'redsecret-event' is defined in "
            f"{built_copy}/briefings/2024-06-20-red-draft.yaml, a draft this build does not publish; move the event "
            "to the event registry (briefings/events/) or publish that briefing"
        ) in err
    assert {p: p.read_bytes() for p in (built_copy / "docs/generated").rglob("*") if p.is_file()} == before
    assert {p: p.read_bytes() for p in (built_copy / "site").rglob("*") if p.is_file()} == site_before
    assert not [p for p, t in every_output(built_copy).items() if "redsecret" in t.lower()]
