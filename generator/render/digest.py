"""Which briefings go into a printed digest: the site's own (every briefing, or the newest of a
big corpus) or one a command picks by dates, topic or actor. The site's pages link its digest,
so this sits below both the pages and the PDFs."""

from __future__ import annotations

from dataclasses import dataclass

from ..link.corpus import Corpus
from ..text.messages import ENGLISH, Messages
from .wording import date_words

SITE_DIGEST_MAX = 50  # briefings in the site's digest: all of them up to this many, else the newest


@dataclass(frozen=True, slots=True)
class Selection:
    """Which briefings go into a digest."""

    since: str | None = None
    until: str | None = None
    topic: str | None = None
    actor: str | None = None
    newest: int | None = None  # only the newest this many of those picked

    def __call__(self, corpus: Corpus) -> list[str]:
        picked = [
            bid
            for bid, b in corpus.briefings.items()  # (newest first)
            if (self.since is None or b.date >= self.since)
            and (self.until is None or b.date <= self.until)
            and (self.topic is None or self.topic in b.topics)
            and (self.actor is None or any(a.actor == self.actor for a in b.actors))
        ]
        return picked if self.newest is None else picked[: self.newest]

    def describe(self, messages: Messages = ENGLISH) -> str:
        """'1 June 2024 to …; topic: sanctions; the newest 10' (in the site's language)."""
        m, when = messages, date_words(messages)
        parts = []
        if self.since or self.until:
            since, until = when(self.since) if self.since else "…", when(self.until) if self.until else "…"
            parts.append(m.gettext("%(since)s to %(until)s", since=since, until=until))
        if self.topic:
            parts.append(m.gettext("topic: %(topic)s", topic=self.topic))
        if self.actor:
            parts.append(m.gettext("actor: %(actor)s", actor=self.actor))
        if self.newest is not None:
            parts.append(m.gettext("the newest %(n)s", n=self.newest))
        return "; ".join(parts) or m.gettext("all briefings")


def site_digest(corpus: Corpus) -> Selection:
    """The briefings of the site's digest: every one, or the newest SITE_DIGEST_MAX of a big corpus
    (a digest of thousands would take hours and gigabytes to lay out, and nobody prints it)."""
    return Selection() if len(corpus.briefings) <= SITE_DIGEST_MAX else Selection(newest=SITE_DIGEST_MAX)
