"""Source grading in the Admiralty (NATO) system: a source's reliability (A-F) and a piece of
information's credibility (1-6), shown as compact badges with a legend and summed up per briefing.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..model.vocabulary import CREDIBILITY, RELIABILITY
from ..text.escape import html_attr, html_text
from ..text.messages import ENGLISH, Messages

if TYPE_CHECKING:
    from ..model.records import Briefing, Event


def reliability_badge(grade: str, messages: Messages = ENGLISH) -> Markup:
    """A source's reliability as a badge: the letter, its meaning on hover and for screen readers."""
    m = messages
    meaning = m.gettext("Source reliability %(grade)s: %(meaning)s", grade=grade, meaning=m.gettext(RELIABILITY[grade]))
    return _badge("source", grade, meaning)


def credibility_badge(grade: int, messages: Messages = ENGLISH) -> Markup:
    """A piece of information's credibility as a badge."""
    m = messages
    meaning = m.gettext("Credibility %(grade)s: %(meaning)s", grade=grade, meaning=m.gettext(CREDIBILITY[grade]))
    return _badge("info", str(grade), meaning)


def _badge(kind: str, text: str, meaning: str) -> Markup:
    return Markup(
        f'<abbr class="bf-grade bf-grade--{kind}" title="{html_attr(meaning)}" aria-label="{html_attr(meaning)}">'
        f"{html_text(text)}</abbr>"
    )


def summary(
    sources: list[str | None], points: list[int | None], events: list[int | None], messages: Messages = ENGLISH
) -> str:
    """One line for a briefing: 'Sources: B ×1, F ×1 · Key points: 2 ×3, 3 ×1 (4 not graded) · ...';
    '' when nothing in it is graded."""
    m = messages
    parts = []
    for label, grades in (
        (m.gettext("Sources"), sources),
        (m.gettext("Key points"), points),
        (m.gettext("Events"), events),
    ):
        graded = [g for g in grades if g is not None]
        if not graded:
            continue
        counts = Counter(graded)
        text = ", ".join(f"{g} ×{n}" for g, n in sorted(counts.items(), key=lambda kv: str(kv[0])))
        missing = len(grades) - len(graded)
        graded_text = m.gettext("%(label)s: %(grades)s", label=label, grades=text)
        parts.append(graded_text + (" " + m.gettext("(%(n)s not graded)", n=missing) if missing else ""))
    return " · ".join(parts)


def briefing_summary(b: Briefing, events: list[Event], messages: Messages = ENGLISH) -> str:
    """The grading summary of a briefing, its key points and the events it cites."""
    return summary(
        [s.reliability for s in b.sources],
        [p.credibility for p in b.points],
        [e.credibility for e in events],
        messages,
    )


def legend(*, web: bool, messages: Messages = ENGLISH) -> Markup:
    """Both scales, as a table: collapsible on the web page (id 'grading'), open in the PDF.
    (Messages are trusted text, as templates are.)"""
    m = messages
    rows = "".join(
        f"<tr><td>{html_text(k)}</td><td>{html_text(m.gettext(v))}</td><td>{n}</td>"
        f"<td>{html_text(m.gettext(CREDIBILITY[n]))}</td></tr>"
        for n, (k, v) in enumerate(RELIABILITY.items(), start=1)
    )
    heads = (m.gettext("Source"), m.gettext("Reliability"), m.gettext("Information"), m.gettext("Credibility"))
    table = (
        "<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in heads) + f"</tr></thead><tbody>{rows}</tbody></table>"
    )
    about = m.gettext(
        "Grades follow the Admiralty (NATO) code: a letter for how reliable a source has been, a "
        "number for how credible a piece of information is. They are the analyst's judgement."
    )
    if web:
        summary = m.gettext("What the grades mean")
        return Markup(
            f'<details class="bf-legend" id="grading"><summary>{summary}</summary><p>{about}</p>{table}</details>'
        )
    return Markup(f'<div class="bf-legend"><h2>{m.gettext("Grading")}</h2><p>{about}</p>{table}</div>')
