"""Handling markings (Traffic Light Protocol 2.0) and the check that keeps a briefing off a site
that may not publish it.

The labels, their order and their meanings are FIRST's TLP 2.0 (https://www.first.org/tlp/);
the colours are the standard's own, on black.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..core.errors import Problem
from ..model.vocabulary import LEVELS
from ..text.escape import html_attr, html_text
from ..text.messages import ENGLISH, N_, Messages

if TYPE_CHECKING:
    from ..link.corpus import Corpus


@dataclass(frozen=True, slots=True)
class Level:
    """One TLP label: how to show it and what it asks of the reader."""

    label: str
    css: str  # class suffix and data value: clear, green, amber, amber-strict, red
    colour: str  # the standard's text colour, shown on black
    meaning: str


_LEVELS = {
    "TLP:CLEAR": Level("TLP:CLEAR", "clear", "#FFFFFF", N_("Disclosure is not limited.")),
    "TLP:GREEN": Level(
        "TLP:GREEN", "green", "#33FF00", N_("Limited disclosure: recipients may share it within their community.")
    ),
    "TLP:AMBER": Level(
        "TLP:AMBER",
        "amber",
        "#FFC000",
        N_(
            "Limited disclosure: recipients may share it on a need-to-know basis within their organisation and its "
            "clients."
        ),
    ),
    "TLP:AMBER+STRICT": Level(
        "TLP:AMBER+STRICT",
        "amber-strict",
        "#FFC000",
        N_("Limited disclosure: recipients may share it on a need-to-know basis within their organisation only."),
    ),
    "TLP:RED": Level("TLP:RED", "red", "#FF2B2B", N_("For the eyes and ears of individual recipients only.")),
}


def level(label: str) -> Level:
    """The level of a TLP label (one of LEVELS)."""
    return _LEVELS[label]


def rank(label: str) -> int:
    """0 for TLP:CLEAR up to 4 for TLP:RED."""
    return LEVELS.index(label)


def highest(labels: list[str]) -> str:
    """The most restricted of `labels` (TLP:CLEAR when there are none)."""
    return max(labels, key=rank, default=LEVELS[0])


def of(corpus: Corpus, bids: list[str], default: str) -> Level:
    """The marking of a document holding these briefings: the most restricted of theirs (each its
    own, else the site's default)."""
    return level(highest([corpus.briefings[bid].marking or default for bid in bids]) if bids else default)


def over_limit(corpus: Corpus, default: str, limit: str, settings_file: str) -> list[Problem]:
    """A problem for each briefing marked above what the site may publish (`limit`)."""
    problems = []
    for b in corpus.briefings.values():
        label = b.marking or default
        if rank(label) > rank(limit):
            message = f"{label} is above what this site may publish ({limit}, max_marking in {settings_file})"
            if b.marking:
                lines, key = b.where("marking")
                problems.append(lines.problem(key, message))
            else:
                lines, _ = b.where()
                problems.append(Problem(lines.shown, 1, "marking", f"{message}; it is the default marking there"))
    return problems


def banner(label: str, messages: Messages = ENGLISH) -> Markup:
    """The marking as a banner at the top of a briefing's web page (HTML; labels are fixed text,
    the meaning in the site's language)."""
    tlp = level(label)
    return Markup(
        f'<p class="bf-tlp bf-tlp--{tlp.css}" role="note" data-tlp="{html_attr(tlp.label)}">'
        f"<strong>{html_text(tlp.label)}</strong> <span>{html_text(messages.gettext(tlp.meaning))}</span></p>"
    )
