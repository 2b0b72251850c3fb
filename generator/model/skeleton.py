"""The placeholders `briefings new` writes into a new briefing's skeleton. A published briefing
that still holds one is a problem (link/placeholders.py), so a skeleton cannot go out half-done."""

from __future__ import annotations

PLACEHOLDERS: dict[str, str] = {
    "publication": "Publication name",
    "headline": "Headline of the article",
    "url": "https://example.org/article",
    "summary": "Bottom line up front, in a sentence or two (Markdown allowed).",
    "key_point": "First key point.",
    "actor": "an-actor-id",
    "role": "their role in this story",
    "quote": "The words, verbatim.",
    "event": "an-event-id",
    "place": "Place name",
    "topic": "a topic",
}
VALUES = frozenset(PLACEHOLDERS.values())
