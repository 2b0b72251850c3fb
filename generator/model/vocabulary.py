"""The fixed vocabularies records use: handling markings (FIRST's Traffic Light Protocol 2.0)
and source grades (the Admiralty, or NATO, system). Plain data, so that the model can name them
without importing the modules that show them (marking.py, grading.py)."""

from __future__ import annotations

from typing import Literal, get_args

from ..text.messages import N_

TlpLabel = Literal["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"]
LEVELS: tuple[str, ...] = get_args(TlpLabel)  # least to most restricted

Reliability = Literal["A", "B", "C", "D", "E", "F"]
RELIABILITY = {
    "A": N_("completely reliable"),
    "B": N_("usually reliable"),
    "C": N_("fairly reliable"),
    "D": N_("not usually reliable"),
    "E": N_("unreliable"),
    "F": N_("reliability cannot be judged"),
}
CREDIBILITY = {
    1: N_("confirmed by other sources"),
    2: N_("probably true"),
    3: N_("possibly true"),
    4: N_("doubtful"),
    5: N_("improbable"),
    6: N_("truth cannot be judged"),
}
