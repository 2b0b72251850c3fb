"""Source grading (Admiralty code): badges on the page and in the PDF, a summary per briefing,
a legend, and clear errors for grades that do not exist."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from .conftest import SAMPLE_ID, run_cli

SAMPLE_FILE = f"briefings/{SAMPLE_ID}.yaml"
SUMMARY = "Sources: F ×1 · Key points: 2 ×1, 3 ×1 (6 not graded)"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (
            "reliability: F",
            "reliability: G",
            "sources[0].reliability",
            "input should be 'A', 'B', 'C', 'D', 'E' or 'F'",
        ),
        ("credibility: 2", "credibility: 7", "key_points[6].credibility", "input should be less than or equal to 6"),
        ("credibility: 2", "credibility: high", "key_points[6].credibility", "input should be a valid integer"),
    ],
)
def test_a_grade_that_does_not_exist_is_an_error_with_file_line_and_field(
    project: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, field: str, message: str
) -> None:
    path = project / SAMPLE_FILE
    edit(path, old, new)
    code, _, err = run_cli(capsys, "--root", str(project), "check")
    assert code == 1
    assert f"{SAMPLE_FILE}:{line_of(path, new)}: {field}: {message}" in err
    assert "Traceback" not in err


def test_the_briefing_page_shows_badges_a_summary_and_a_legend(built_sample: Path) -> None:
    page = (built_sample / f"docs/generated/briefings/{SAMPLE_ID}.md").read_text(encoding="utf-8")
    html = (built_sample / f"site/generated/briefings/{SAMPLE_ID}/index.html").read_text(encoding="utf-8")
    assert f"Grading: {SUMMARY}" in html.replace("&#58;", ":").replace("&#40;", "(").replace("&#41;", ")")
    assert 'title="Source reliability F: reliability cannot be judged"' in html
    assert html.count('class="bf-grade bf-grade--info"') == 2
    assert 'Putin flew on to Vietnam to meet its leaders. <abbr class="bf-grade bf-grade--info" ' in page
    assert '<details class="bf-legend" id="grading">' in html
    assert html.index('id="grading"') > html.index('id="sources"')  # the legend closes the page


def test_an_ungraded_briefing_shows_no_grading(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / SAMPLE_FILE
    edit(path, "    reliability: F\n", "")
    edit(path, "    credibility: 3  # the source itself says the text is not public\n", "")
    edit(path, "    credibility: 2\n", "")
    assert run_cli(capsys, "--root", str(project), "build", "--no-site", "--no-pdf")[0] == 0
    page = (project / f"docs/generated/briefings/{SAMPLE_ID}.md").read_text(encoding="utf-8")
    assert "bf-grade" not in page
    assert "Grading" not in page


def test_the_pdf_carries_the_summary_the_badges_and_the_legend(built_sample: Path) -> None:
    reader = pypdf.PdfReader(io.BytesIO((built_sample / f"docs/generated/pdf/{SAMPLE_ID}.pdf").read_bytes()))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    flat = " ".join(text.split())
    assert f"Grading: {SUMMARY} (legend at the end)" in flat
    assert "Putin flew on to Vietnam to meet its leaders. 2" in flat
    assert "reliability cannot be judged" in flat
    assert flat.index("Grades follow the Admiralty (NATO) code") > flat.index("Assessment")  # the legend closes it
