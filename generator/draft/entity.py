"""A name found in an article: the entity it stands for, however often and however it is named,
and the small helpers every drafting module reads names with."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import Span

NOT_ACTORS = frozenset({"unknown", "thing"})  # kinds of names a draft never proposes as actors


@dataclass(slots=True)
class Entity:
    """One named thing, however often and however it is named."""

    name: str  # its fullest name in the text
    kind: str  # person, state, organisation, ..., or place
    mentions: list[Span] = field(default_factory=list)
    actor: str | None = None  # the registry id it matched, if any
    place: bool = False  # a place (listed under places, not actors)
    evidence: str = ""  # why it is this kind: "registry", "title", "speech verb", ...
    part_of: str | None = None  # a state's body: its state's name, casefolded ("russia")

    @property
    def first(self) -> int:
        return self.mentions[0].start if self.mentions else 0


def fold(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("’", "'")).strip().casefold()


def strip_possessive(name: str) -> str:
    return re.sub(r"[’']s?$", "", name)


# A speech verb right after a name: "Obama said", "Quint, later told".
SPEAKS = re.compile(
    r",?\s+(?:also\s+|later\s+|then\s+)?(?:said|says|told|tells|added|asked|wrote|argued|noted|explained|claimed"
    r"|insisted|warned)\b"
)
