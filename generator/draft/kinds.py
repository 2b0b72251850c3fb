"""What kind of actor, place or thing a name no registry knows is, and why: from the words of its
name, the words around it and the gazetteer."""

from __future__ import annotations

import re

from .entity import SPEAKS, fold, strip_possessive
from .lexicon import (
    ARMED_WORDS,
    GENERIC_ONE_WORD,
    GOV_WORDS,
    GROUP_WORDS,
    HEADLINE_WORDS,
    KNOWN_ARMED_GROUPS,
    KNOWN_COMPANIES,
    KNOWN_MEDIA,
    KNOWN_ORGANISATIONS,
    MEDIA_WORDS,
    ORG_WORDS,
    PARTY_WORDS,
    PLACE_WORDS,
    REGIONS,
    THING_HEADS,
    TITLES,
    demonym,
    word_set,
)
from .text import Span

_COMPASS = frozenset(
    {"north", "south", "east", "west", "central", "latin", "middle", "far", "southeast", "northeast"}
    | {"western", "eastern", "northern", "southern", "upstate", "downstate"}
)
_PLACE_FIRST = frozenset({"lake", "fort", "mount", "mt.", "cape", "camp", "lac"})  # "Lake Erie", "Fort Hood"


def kind_of(
    text: str, name: str, where: Span, title: bool, places: tuple[frozenset[str], frozenset[str], frozenset[str]]
) -> tuple[str, str]:
    """The kind of a name that is not in the registry ("place" for a place), and the evidence."""
    countries, states, cities = places
    key = fold(name)
    n_words = len(name.split())
    words = name.lower().split()
    words_l = set(words)
    speaks = SPEAKS.match(text, where.end)
    prev = text[max(0, where.start - 12) : where.start]
    locative = re.search(r"\b(?:in|at|to|from|near|outside|into|across|toward|towards|around|of)\s+(?:the\s+)?$", prev)
    if key in countries:
        return "state", "gazetteer"
    if key in _KNOWN_PLACES or (n_words > 1 and words_l <= REGIONS | _OCEANS):
        return "place", "place word"  # "Capitol Hill", "Asia Pacific"
    if (
        key in _AP_STATES
        and text[where.end : where.end + 1] == "."
        and text[max(0, where.start - 2) : where.start] == ", "
    ):
        return "place", "a state's abbreviation"  # "DECATUR, Ill. —"
    if _FACILITY_AFTER.match(text, where.end):
        return "place", "a building's name"  # "the Golden Bear restaurant", "the Old Post Office building"
    thing = _thing(name)
    if thing:
        return "thing", thing
    first = name.split()[0].lower()
    if key in KNOWN_COMPANIES or key in KNOWN_ORGANISATIONS:
        return "organisation", "a known name"
    if key in KNOWN_ARMED_GROUPS:
        return "armed-group", "a known name"
    if first in KNOWN_MEDIA or _MEDIA_AFTER.match(text, where.end):
        return "media", "organisation word"  # "Fox Business", "CNN Worldwide", "El Universal newspaper"
    if re.fullmatch(r"[A-Z]{2}", name) and key in _US_STATES:
        return "place", "a state's abbreviation"  # "for AZ, not DC"
    if words_l & ORG_WORDS or key in KNOWN_MEDIA:
        if words_l & MEDIA_WORDS or key in KNOWN_MEDIA:
            return "media", "organisation word"
        if words_l & PARTY_WORDS:
            return "political-party", "organisation word"
        if words_l & ARMED_WORDS:
            return "armed-group", "organisation word"
        if words_l & GOV_WORDS:
            return "government-body", "organisation word"
        return "organisation", "organisation word"
    if n_words > 1 and re.fullmatch(r"[A-Z][a-z]+s", name.split()[-1]) and " ".join(words[:-1]) in cities | states:
        return "organisation", "a team's name"  # "Denver Broncos", "North Carolina Panthers"
    if re.fullmatch(r"[A-Z]{2,6}", name):
        return "organisation", "acronym"
    if key in states:  # "Ohio said" is rarer than a mistaken speaker
        return "place", "gazetteer"
    if speaks:
        return "person", "speech verb"
    after = _IN_STATE.match(text, where.end)
    if not title and after and fold(after.group(1)) in states | countries:
        return "place", "a town and its state"  # "St. Paul, Minnesota"
    if n_words > 1 and (name.split()[-1].lower() in PLACE_WORDS or name.split()[0].lower() in _PLACE_FIRST):
        return "place", "place word"
    if (
        n_words == 2
        and name.split()[0].lower() in _COMPASS
        and fold(name.split()[1]) in REGIONS | states | countries | {"east"}
    ):
        return "place", "a region"  # "Central America", "North Africa", "Middle East", "South Florida"
    if re.search(r"\bD\.?C\.?$", name):
        return "place", "place word"  # "Washington D.C"
    if key in cities and (n_words > 1 or locative):
        return "place", "gazetteer"
    return ("person" if (title or n_words > 1) else "unknown"), ("title" if title else "name")


_KNOWN_PLACES = frozenset(
    {"capitol hill", "oval office", "foggy bottom", "west wing", "situation room", "east room", "rose garden"}
    | {"ground zero", "wall street", "main street", "silicon valley", "deep south", "rust belt", "big apple"}
)  # (places that are named like people or bodies)
_OCEANS = frozenset({"pacific", "atlantic", "indian", "arctic"})
_AP_STATES = word_set(
    "ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev okla ore pa"
    " tenn vt va wash wis wyo"
)  # the news agencies' abbreviations of US states, in a dateline
_US_STATES = word_set(
    "al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok or"
    " pa ri sc sd tn tx ut vt va wa wv wi wy dc"
)  # the postal abbreviations of US states
_MEDIA_AFTER = re.compile(r"\s+(?:newspaper|magazine|tabloid|website|broadcaster|daily|weekly|news agency)\b")
_FACILITY_AFTER = re.compile(
    r"\s+(?:restaurant|building|hotel|arena|stadium|mall|prison|jail|airport|casino|cafe|campus|hospital)s?\b"
)
_IN_STATE = re.compile(r",\s+([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?=[,.;:)]|$)")


_GLUED = re.compile(
    r"[a-z]{3,}(?:Flag|Share|Like|Reply|Associate|Follow|Post|Reporter|Editor|Staff|Photo)"
    r"|^(?:Oldest|Newest|Comments?|Reply|Share|Tweet|Email|Print|Advertisement|Related|Menu|Close)[A-Z][a-z]"
)


def _thing(name: str) -> str:
    """Why a capitalised name that no registry knows is no actor (a thing, a group of people, a
    headline, words run together from a web page), or ''."""
    words = [strip_possessive(w) for w in name.split()]
    lowered = [w.lower().strip(".,") for w in words]
    if len(words) > 1 and lowered[-1] in THING_HEADS:
        return "a thing's name (" + words[-1] + ")"
    if len(words) > 2 and lowered[-2] in THING_HEADS and re.fullmatch(r"[IVX]+", words[-1]):
        return "a thing's name (" + words[-2] + ")"  # "World War II"
    if lowered[-1] in GROUP_WORDS or (lowered[-1].endswith("s") and demonym(lowered[-1][:-1], frozenset())):
        return "a group of people"  # ("Southern Europeans")
    if len(words) == 1 and lowered[0] in GENERIC_ONE_WORD:
        return "a common noun"
    if all(w in TITLES or demonym(w.capitalize(), frozenset()) for w in lowered) or name in _NO_ACRONYMS:
        return "a title"  # "Secretary", "Inspector General", "Turkish President", "POTUS"
    if (len(words) >= 5 and not set(lowered) & ORG_WORDS) or set(lowered[1:]) & HEADLINE_WORDS or lowered[0] == "make":
        return "a headline"
    if len(words) >= 3 and all(w.isupper() for w in words):
        return "a headline in capitals"
    if _GLUED.search(name):  # "Laura BassettFlagShareLikeReply", a page's buttons after a byline
        return "words run together"
    if re.search(r"-(?:leaning|based|born|controlled|backed|led|style|linked|affiliated|aligned|inspired)$", name):
        return "an adjective"
    if len(words) > 1 and len(lowered[-1]) > 5 and lowered[-1].endswith("ism"):
        return "an idea's name"  # "Radical Islamic Terrorism", "American Exceptionalism"
    if len(words) > 1 and len(set(lowered)) == 1:
        return "a word written twice"
    if set(lowered) & _NUMBER_WORDS or re.search(r"\w-in-\w", name):
        return "a number"  # "Day One", "Three-in-five GOP insiders"
    return ""


_NO_ACRONYMS = frozenset(
    {"OK", "VIP", "LGBT", "CEO", "CFO", "PM", "AM", "FAQ", "DIY", "RIP", "LOL", "POTUS", "FLOTUS", "IG", "DVR"}
    | {"DNA", "PAC", "GDP", "HIV", "AIDS", "TPP", "NAFTA", "TTIP", "ID", "TV", "PDF", "GPS", "SUV", "ATM", "IQ"}
)  # (acronyms of things: a treaty, a measure, a device)
_NUMBER_WORDS = word_set("one two three four five six seven eight nine ten twelve twenty hundred")
