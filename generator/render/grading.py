"""Source grading in the Admiralty (NATO) system: a source's reliability (A-F) and a piece of
information's credibility (1-6), shown as compact badges with a legend and summed up per briefing.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..model.vocabulary import CREDIBILITY, RELIABILITY
from ..text.escape import html_attr, html_text

if TYPE_CHECKING:
    from ..model.records import Briefing, Event


def reliability_badge(grade: str) -> Markup:
    """A source's reliability as a badge: the letter, its meaning on hover and for screen readers."""
    return _badge("source", grade, f"Source reliability {grade}: {RELIABILITY[grade]}")


def credibility_badge(grade: int) -> Markup:
    """A piece of information's credibility as a badge."""
    return _badge("info", str(grade), f"Credibility {grade}: {CREDIBILITY[grade]}")


def _badge(kind: str, text: str, meaning: str) -> Markup:
    return Markup(
        f'<abbr class="bf-grade bf-grade--{kind}" title="{html_attr(meaning)}" aria-label="{html_attr(meaning)}">'
        f"{html_text(text)}</abbr>"
    )


def summary(sources: list[str | None], points: list[int | None], events: list[int | None]) -> str:
    """One line for a briefing: 'Sources: B ×1, F ×1 · Key points: 2 ×3, 3 ×1 (4 not graded) · ...';
    '' when nothing in it is graded."""
    parts = []
    for label, grades in (("Sources", sources), ("Key points", points), ("Events", events)):
        graded = [g for g in grades if g is not None]
        if not graded:
            continue
        counts = Counter(graded)
        text = ", ".join(f"{g} ×{n}" for g, n in sorted(counts.items(), key=lambda kv: str(kv[0])))
        missing = len(grades) - len(graded)
        parts.append(f"{label}: {text}" + (f" ({missing} not graded)" if missing else ""))
    return " · ".join(parts)


def briefing_summary(b: Briefing, events: list[Event]) -> str:
    """The grading summary of a briefing, its key points and the events it cites."""
    return summary(
        [s.reliability for s in b.sources], [p.credibility for p in b.points], [e.credibility for e in events]
    )


def legend(*, web: bool) -> Markup:
    """Both scales, as a table: collapsible on the web page (id 'grading'), open in the PDF."""
    rows = "".join(
        f"<tr><td>{html_text(k)}</td><td>{html_text(v)}</td><td>{n}</td><td>{html_text(CREDIBILITY[n])}</td></tr>"
        for n, (k, v) in enumerate(RELIABILITY.items(), start=1)
    )
    table = (
        "<table><thead><tr><th>Source</th><th>Reliability</th><th>Information</th><th>Credibility</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
    about = (
        "<p>Grades follow the Admiralty (NATO) code: a letter for how reliable a source has been, a "
        "number for how credible a piece of information is. They are the analyst's judgement.</p>"
    )
    if web:
        return Markup(
            f'<details class="bf-legend" id="grading"><summary>What the grades mean</summary>{about}{table}</details>'
        )
    return Markup(f'<div class="bf-legend"><h2>Grading</h2>{about}{table}</div>')
