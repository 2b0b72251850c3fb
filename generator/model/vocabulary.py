"""The fixed vocabularies records use: handling markings (FIRST's Traffic Light Protocol 2.0)
and source grades (the Admiralty, or NATO, system). Plain data, so that the model can name them
without importing the modules that show them (marking.py, grading.py)."""

from __future__ import annotations

from typing import Literal, get_args

TlpLabel = Literal["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"]
LEVELS: tuple[str, ...] = get_args(TlpLabel)  # least to most restricted

Reliability = Literal["A", "B", "C", "D", "E", "F"]
RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
