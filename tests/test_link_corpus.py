"""Stage 3: cross-references, quotes against stored sources, drafts."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.errors import BriefingsError
from generator.link.corpus import link, normalise
from generator.load.files import load

from .conftest import SAMPLE_ID, write

ACTORS = """
    actors:
      - id: ann
        name: Ann Example
        kind: person
      - id: acme
        name: Acme
        kind: organisation
"""


def briefing(extra: str = "", date: str = "2024-06-19") -> str:
    return f"""
title: A title
date: {date}
sources:
  - title: An article
    url: https://example.org/a
summary: The bottom line.
{extra}"""


def problems(root: Path) -> list[str]:
    with pytest.raises(BriefingsError) as exc:
        link(load(root))
    return [f"{Path(p.path).name}:{p.line}: {p.field}: {p.message}" for p in exc.value.problems]


def test_dangling_references_are_reported_with_suggestions(tmp_path: Path) -> None:
    write(tmp_path, "actors.yaml", ACTORS)
    write(tmp_path, "events.yaml", "events:\n  - id: e1\n    date: 2024\n    title: T\n    actors: [bob]\n")
    write(
        tmp_path,
        "2024-06-19-a.yaml",
        briefing("""actors:
  - actor: anne
    role: r
  - actor: acme
    role: r
quotes:
  - text: Hello
    speaker: ann
events: [e2]
"""),
    )
    assert problems(tmp_path) == [
        "2024-06-19-a.yaml:8: actors[0].actor: unknown actor 'anne'; did you mean 'ann'?",
        "2024-06-19-a.yaml:14: quotes[0].speaker: speaker 'ann' is not among this briefing's actors",
        "2024-06-19-a.yaml:15: events[0]: unknown event 'e2'",
        "events.yaml:5: events[0].actors[0]: unknown actor 'bob'",
    ]


def test_duplicate_ids_across_registry_and_inline_events(tmp_path: Path) -> None:
    write(tmp_path, "actors.yaml", ACTORS + "      - id: ann\n        name: Ann Again\n        kind: person\n")
    write(tmp_path, "events.yaml", "events:\n  - id: e1\n    date: 2024\n    title: T\n")
    write(tmp_path, "2024-06-19-a.yaml", briefing("events:\n  - id: e1\n    date: 2024-06\n    title: Again\n"))
    got = problems(tmp_path)
    assert "2024-06-19-a.yaml:8: events[0].id: duplicate event id 'e1' (first defined at " in got[0]
    assert got[0].endswith("events.yaml:2)")
    assert "actors.yaml:8: actors[2].id: duplicate actor id 'ann'" in got[1]


def test_reserved_ids_are_refused(tmp_path: Path) -> None:
    write(tmp_path, "actors.yaml", "actors:\n  - {id: index, name: Index, kind: other}\n")
    write(tmp_path, "index.yaml", briefing())
    with pytest.raises(BriefingsError) as exc:
        load(tmp_path)
    assert "'index' is reserved; rename the file" in exc.value.problems[0].message
    (tmp_path / "index.yaml").unlink()
    assert problems(tmp_path) == ["actors.yaml:2: actors[0].id: 'index' is reserved; choose another actor id"]


def test_misquote_is_an_error_and_quote_marks_are_normalised(tmp_path: Path) -> None:
    write(tmp_path, "actors.yaml", ACTORS)
    write(tmp_path, "sources/a.txt", "Ann said: “We’re   ready\nfor ‘this’.” Then she left.")
    quotes = """actors:
  - actor: ann
    role: r
quotes:
  - text: "We're ready for 'this'."
    speaker: ann
  - text: We are ready.
    speaker: ann
"""
    write(tmp_path, "2024-06-19-a.yaml", briefing(quotes).replace("url: https://example.org/a", "text: sources/a.txt"))
    assert problems(tmp_path) == [
        "2024-06-19-a.yaml:13: quotes[1].text: not found verbatim in the stored source text; the closest passage "
        "is «said: “We’re ready» ('We are' where the source has 'said We’re')"
    ]


def test_a_misquote_shows_the_closest_passage_and_the_words_that_differ(tmp_path: Path) -> None:
    write(tmp_path, "actors.yaml", ACTORS)
    said = "The minister said the talks would resume in Doha next week, after a pause. "
    source = "Intro. " * 200 + said + "Outro. " * 200
    write(tmp_path, "sources/a.txt", source)
    quotes = """actors:
  - actor: ann
    role: r
quotes:
  - text: the talks will resume in Doha next month
    speaker: ann
  - text: Nothing like anything in the article at all, not one word of it
    speaker: ann
"""
    write(tmp_path, "2024-06-19-a.yaml", briefing(quotes).replace("url: https://example.org/a", "text: sources/a.txt"))
    found = problems(tmp_path)
    assert found[0] == (
        "2024-06-19-a.yaml:11: quotes[0].text: not found verbatim in the stored source text; the closest passage "
        "is «the talks would resume in Doha next week,» ('will' where the source has 'would'; "
        "'month' where the source has 'week')"
    )
    assert found[1] == (
        "2024-06-19-a.yaml:13: quotes[1].text: not found verbatim in the stored source text, "
        "nor anything close to it (is it the right source?)"
    )


def test_stored_source_must_exist_inside_the_folder(tmp_path: Path) -> None:
    write(tmp_path, "2024-06-19-a.yaml", briefing().replace("url: https://example.org/a", "text: ../outside.txt"))
    (tmp_path.parent / "outside.txt").write_text("x")
    assert problems(tmp_path) == [
        "2024-06-19-a.yaml:5: sources[0].text: no stored source text at '../outside.txt' (a path inside "
        f"{tmp_path.name}/)"
    ]


def test_a_stored_source_path_with_a_line_break_is_shown_on_one_line(tmp_path: Path) -> None:
    source = 'text: "sources/a.txt\\nThe next line"'
    write(tmp_path, "2024-06-19-a.yaml", briefing().replace("url: https://example.org/a", source))
    assert problems(tmp_path) == [
        "2024-06-19-a.yaml:5: sources[0].text: no stored source text at 'sources/a.txt\\nThe next line' "
        f"(a path inside {tmp_path.name}/)"
    ]


def test_drafts_are_left_out_unless_asked(tmp_path: Path) -> None:
    write(tmp_path, "2024-06-19-a.yaml", briefing())
    write(tmp_path, "2024-06-20-b.yaml", briefing("status: draft\n", date="2024-06-20"))
    assert list(link(load(tmp_path)).briefings) == ["2024-06-19-a"]
    assert list(link(load(tmp_path), drafts=True).briefings) == ["2024-06-20-b", "2024-06-19-a"]


def test_sample_corpus_links_quotes_events_and_actors() -> None:
    corpus = link(load(Path(__file__).parent.parent / "briefings"))
    assert list(corpus.briefings) == [SAMPLE_ID]
    assert [q.quote.text for q in corpus.actor_quotes["kim-jong-un"]] == [
        "without hesitation",
        "new multipolar world",
        "unconditional",
    ]
    dates = [e.date for e in corpus.briefing_events[SAMPLE_ID]]
    assert dates[0] == "2022/2024-06-19"
    assert dates[-1] == "2024-06-19"
    assert corpus.actor_events["viktor-orban"] == [
        "hungary-withdraws-objection-to-rutte",
        "nato-accepts-hungary-exclusion-from-ukraine-package",
    ]


def test_normalise_unifies_quote_marks_and_space() -> None:
    assert normalise("‘a’  “b”\n«c»") == normalise('\'a\' "b" "c"')
