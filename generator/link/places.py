"""Which registry place a name as written means."""

from __future__ import annotations

from ..model.records import Place


class PlaceNames:
    """Finds the registry place a name as written means: its id, its name or one of its aliases."""

    def __init__(self, places: dict[str, Place]) -> None:
        self.places = places
        self.by_name: dict[str, set[str]] = {}
        for pid, place in places.items():
            for name in (place.name, *place.aliases):
                self.by_name.setdefault(name.casefold(), set()).add(pid)

    def find(self, name: str) -> str | None:
        """The id of the one place `name` means, or None for a place not in the registry."""
        if name in self.places:
            return name
        ids = self.by_name.get(name.casefold(), set())
        return next(iter(ids)) if len(ids) == 1 else None

    def problem(self, name: str) -> str | None:
        """Why `name` cannot be used (it could mean several places), or None."""
        ids = self.by_name.get(name.casefold(), set())
        if name in self.places or len(ids) < 2:
            return None
        return f"place '{name}' could mean {' or '.join(sorted(ids))}; write the id of the one you mean"
