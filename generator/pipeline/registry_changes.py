"""Which registry records (actors, events, places) were added or edited since the last
generation, compared record by record, and which briefings show the edited ones: the registry
part of what an incremental generation renders (incremental.py)."""

from __future__ import annotations

from dataclasses import dataclass

from ..link.corpus import Corpus


@dataclass(frozen=True, slots=True)
class Added:
    """Registry records that are new or edited since the last generation (none went)."""

    actors: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    edited_actors: frozenset[str] = frozenset()  # (by id; also actors without a page, renamed)
    edited_events: frozenset[str] = frozenset()  # (registry events: those defined in briefings are the briefings')
    edited_places: frozenset[str] = frozenset()

    def showing(self, old: Corpus, new: Corpus) -> set[str]:
        """The briefings that show an edited record (before or after): rendered as if edited."""
        out: set[str] = set()
        for corpus in (old, new):
            for aid in self.edited_actors:
                out.update(corpus.actor_briefings.get(aid, []))
            for eid in self.edited_events:
                out.update(corpus.event_briefings.get(eid, []))
            if self.edited_places:
                refs = {name for name, pid in corpus.place_refs.items() if pid in self.edited_places}
                refs |= self.edited_places
                out.update(bid for bid, b in corpus.briefings.items() if refs & set(b.places))
                for e in corpus.events.values():
                    if refs & set(e.places):
                        out.update(corpus.event_briefings.get(e.id, []))
        return out & new.briefings.keys()


def registry_additions(old: Corpus, new: Corpus, briefing_files: set[str]) -> Added | None:
    """The registry records added or edited since `old`; None when one was removed, a place's
    parent changed, or a place name now means another place (then every page may differ).
    Events defined in briefings are the briefings' business (see touched_by)."""
    added: dict[str, frozenset[str]] = {}
    edited: dict[str, frozenset[str]] = {}
    for kind in ("actors", "events", "places"):
        before, after = getattr(old, kind), getattr(new, kind)
        if before.keys() - after.keys():
            return None
        changed = set()
        for ident in before.keys() & after.keys():
            a, b = before[ident], after[ident]
            inline = kind == "events" and str(b.where()[0].path) in briefing_files
            if a is not b and not inline and a.model_dump() != b.model_dump():
                if kind == "places" and a.parent != b.parent:
                    return None  # the chain of places that hold it moved
                changed.add(ident)
        new_ids = after.keys() - before.keys()
        if kind == "events":
            new_ids = {e for e in new_ids if str(after[e].where()[0].path) not in briefing_files}
        added[kind], edited[kind] = frozenset(new_ids), frozenset(changed)
    if any(new.place_refs.get(name) != pid for name, pid in old.place_refs.items()):
        return None
    if old.names.keys() - new.names.keys():
        return None
    renamed = {aid for aid, name in old.names.items() if new.names[aid] != name}  # (actors without a page too)
    return Added(
        added["actors"],
        added["events"],
        added["places"],
        edited["actors"] | renamed,
        edited["events"],
        edited["places"],
    )
