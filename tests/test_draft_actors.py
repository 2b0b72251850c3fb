"""Actors an analyst keeps, from `briefings draft`: no bylines or agency credits, acronyms joined
to their names, a state's ministry as an organisation of its own that speaks, a description
naming another body not given to the person just named. Texts made up for the test."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.draft.analyse import analyse
from generator.draft.entity import NOT_ACTORS

ARTICLE = (
    "Envoys meet over port dispute\n\n"
    "By ANNA KELLER AFP\n\n"
    "Brussels (AFP) - Russia's foreign ministry said on Tuesday that talks would resume. "
    "\u201cWe are ready,\u201d the ministry said in a statement.\n\n"
    "The British Foreign Office said it was \u201cdeeply concerned\u201d about the delay.\n\n"
    "\u201cNothing has changed,\u201d the Russian defence ministry said.\n\n"
    "Foreign minister Ivo Marsh said the dispute was \u201clong\u201d. "
    "The UN rights chief said the talks were \u201ca good start\u201d. "
    "The United Nations and the UN have called for calm, as has the European Union (EU).\n\n"
    "Trump's July visit was cancelled, officials said.\n"
)


def found() -> tuple[dict[str, str], dict[str, str | None]]:
    a = analyse(ARTICLE)
    kinds = {e.name: e.kind for e in a.entities if not e.place}
    speakers = {
        ARTICLE[q.quoted.start : q.quoted.end].strip("\u201c\u201d,"): q.speaker.name if q.speaker else None
        for q in a.quotes
    }
    return kinds, speakers


def test_the_byline_and_the_agency_credit_are_no_actors() -> None:
    kinds, _ = found()
    assert not [n for n in kinds if "KELLER" in n.upper() or n == "AFP"], kinds


def test_an_acronym_and_its_name_are_one_organisation() -> None:
    kinds, _ = found()
    assert kinds.get("United Nations") == "organisation"
    assert "UN" not in kinds
    assert kinds.get("European Union") == "organisation"
    assert "EU" not in kinds


def test_a_possessive_before_a_month_ends_a_name() -> None:
    kinds, _ = found()
    assert not [n for n in kinds if "July" in n], kinds


def test_a_states_ministry_speaks_for_itself() -> None:
    kinds, speakers = found()
    assert kinds["Russia's foreign ministry"] == "government-body"
    assert kinds["British Foreign Office"] == "government-body"
    assert "Office" not in kinds
    assert speakers["We are ready"] == "Russia's foreign ministry"  # "the ministry said"
    assert speakers["deeply concerned"] == "British Foreign Office"
    assert speakers["Nothing has changed"] == "Russian defence ministry"


def test_a_description_naming_another_body_is_not_the_person_just_named() -> None:
    _, speakers = found()
    assert speakers["long"] == "Ivo Marsh"
    assert "a good start" in speakers
    assert speakers["a good start"] is None  # "The UN rights chief": no one named here, for the analyst


def test_one_person_spelt_two_ways_is_one_actor_and_found_under_the_registrys_spelling() -> None:
    from generator.draft.names import Registry

    text = (
        "Volodymyr Zelensky met envoys on Monday. "
        "\u201cWe will not give up,\u201d Volodymyr Zelenskiy said after the talks. "
        "Taleban fighters took the town, said Ann Hollis.\n"
    )
    people = [e for e in analyse(text).entities if e.kind == "person"]
    assert [(e.name, len(e.mentions)) for e in people if "Zelensk" in e.name] == [("Volodymyr Zelensky", 2)]
    registry = Registry()
    registry.add_actor("taliban", "Taliban", "armed-group", [])
    registry.add_actor("volodymyr-zelensky", "Volodymyr Zelensky", "person", ["Zelensky"])
    found = {e.name: e.actor for e in analyse(text, registry).entities}
    assert found.get("Taliban") == "taliban"  # "Taleban": the registry's actor, under its name
    assert found.get("Volodymyr Zelensky") == "volodymyr-zelensky"
    assert "Taleban" not in found


def test_a_states_ministry_is_proposed_as_part_of_its_state_and_the_draft_passes_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from .conftest import copy_project, run_cli, write

    root = copy_project(tmp_path / "p", briefings=False)
    article = write(tmp_path, "article.txt", ARTICLE)
    code, _, err = run_cli(capsys, "--root", str(root), "draft", str(article), "--date", "2031-03-04")
    assert code == 0, err
    proposed = yaml.safe_load(next((root / "briefings/actors").glob("drafted-*.yaml")).read_text(encoding="utf-8"))
    by_name = {a["name"]: a for a in proposed["actors"]}
    assert by_name["Russia's foreign ministry"]["relations"] == [{"type": "part-of", "actor": "russia"}]
    assert by_name["Russia"]["kind"] == "state"
    assert "relations" not in by_name["British Foreign Office"]  # (the article names no British state)
    assert run_cli(capsys, "--root", str(root), "check")[0] == 0


@pytest.mark.parametrize(
    ("text", "proposed", "not_proposed"),
    [
        (
            "Lawmakers debated the Clean Harbour Act for hours. Mara Quint said it would pass.",
            {"Mara Quint"},
            {"Clean Harbour Act"},
        ),
        ("Turnout fell on Election Day in Synthville, Jon Bek said.", {"Jon Bek"}, {"Election Day"}),
        ("Polls of Latino Republicans were mixed, Jon Bek said.", {"Jon Bek"}, {"Latino Republicans"}),
        ("It was, said Republican Bob Dale, a fair fight.", {"Bob Dale"}, {"Republican Bob Dale"}),
        ("Follow Jane Dorr on Twitter. The vote was close, officials said.", set(), {"Follow Jane Dorr", "Jane Dorr"}),
        ("The vote, said Jane Dorr, was close. Follow Jane Dorr on Twitter.", {"Jane Dorr"}, {"Follow Jane Dorr"}),
        ("Classes at Synth Valley College Saturday were cancelled.", {"Synth Valley College"}, set()),
        ("Aides to Marta Quill's Synthville office said the trip was off.", {"Marta Quill"}, set()),
        ("The Inspector General said the audit was done.", set(), {"Inspector General"}),
        (
            "Senator Ivo Marsh Says Synthland Will Win The Vote\n\nThe vote was close, officials said.",
            set(),
            {"Senator Ivo Marsh Says Synthland Will Win The Vote", "Ivo Marsh Says Synthland Will Win The Vote"},
        ),
        ("By Laura BassettFlagShareLikeReply staff\n\nThe vote was close.", set(), {"Laura BassettFlagShareLikeReply"}),
        ("Talks went on. Quint said on Tuesday that the deal was near.", {"Quint"}, set()),
        (
            "Mara Quint: Harbour Deal Takes Synthland Back To Work\n\nThe deal takes effect today, Quint said.",
            {"Mara Quint"},
            {"Mara Quint Harbour Deal", "Harbour Deal Takes Synthland Back To Work", "Harbour Deal Takes Synthland"},
        ),
        ("Turkish President said so. POTUS agreed. It was OK.", set(), {"Turkish President", "POTUS", "OK"}),
        (
            "Migrants from Central America reached Washington D.C. this week, said Synth Research, and "
            "Islamic State-linked groups warned of Radical Synthetic Extremism.",
            {"Synth Research"},
            {"Central America", "Washington D.C", "Islamic State-linked", "Radical Synthetic Extremism"},
        ),
        (
            "Figures from the Bureau of Labor Statistics showed a rise on Lake Synth, Jo Ann said.",
            {"Bureau of Labor Statistics", "Jo Ann"},
            {"Bureau", "Labor Statistics", "Lake Synth"},
        ),
        ("Obama spoke at the White House on Tuesday, Jon Bek said.", {"White House"}, {"White House on"}),
        (
            "The vote was close, Jon Bek said.\n\n— White House Correspondent Jane Dorr.\n",
            {"Jon Bek"},
            {"Jane Dorr", "Jane"},
        ),
        (
            "New Polls Show Double-Digit Gaps in Synth Contest\n\nThe vote was close, Jon Bek said.",
            {"Jon Bek"},
            {"Polls Show Double-Digit Gaps", "Synth Contest"},
        ),
        ("How Ivo Marsh Thinks About Synthland\n\nMarsh said the vote was close.", {"Ivo Marsh"}, {"Ivo Marsh Thinks"}),
        (
            "Quint May Not Have Won, But He Fully Supported One\n\nThe vote was close, Jon Bek said.",
            {"Jon Bek"},
            {"Fully Supported One"},
        ),
        (
            "From Day One, super PAC money and DNA tests were the issue, Jon Bek said.",
            {"Jon Bek"},
            {"Day One", "PAC", "DNA"},
        ),
        (
            "We met at the Golden Synth restaurant by the Old Synth Office building, Jon Bek said.",
            {"Jon Bek"},
            {"Golden Synth", "Old Synth Office"},
        ),
        ("Biden spent Thursday in St. Synth, Minnesota, where Jon Bek said he spoke.", {"Jon Bek"}, {"St. Synth"}),
        ("Voters in Synth Hill were angry, as in Ayn Synth's book, Jon Bek said.", {"Ayn Synth"}, {"Synth Hill"}),
        (
            "Kevin Brady, chairman of the House Ways and Means Committee, said so. Dean Baker of the Center for "
            "Economic and Policy Research agreed. The Department of Justice and Hillary Clinton declined.",
            {"House Ways and Means Committee", "Center for Economic and Policy Research", "Department of Justice",
             "Hillary Clinton"},
            {"House Ways", "Policy Research"},
        ),
        ("Newest | OldestAni Vrabel 5pts moderator. Madame Chair, delegates, Jon Bek said.", {"Jon Bek"},
         {"OldestAni Vrabel", "Madame Chair"}),
        (
            "He told ABC\u2019s \u201cGood Synth America\u201d and ''Synth Girls.'' of a 'Mad Synth' movie, "
            "Jon Bek said.",
            {"Jon Bek"},
            {"Good Synth America", "Synth Girls", "Mad Synth"},
        ),
        (
            "The vote was close, Jon Bek said.\n\nJane Dorr/Getty Images\n\n"
            "Contributing: Ivo Marsh and Ada Lind, USA TODAY.",
            {"Jon Bek"},
            {"Jane Dorr", "Ivo Marsh", "Ada Lind"},
        ),
        (
            "Since World War II and the Great Recession, the Scarborough Shoal was a Twilight Zone, Jon Bek said.",
            {"Jon Bek"},
            {"World War II", "World War", "Great Recession", "Scarborough Shoal", "Twilight Zone"},
        ),
        (
            "Dublin-based Synth Pharma and the Synth Trade Research Council agreed. Fox Business Network and "
            "Fox News did not.",
            {"Synth Pharma", "Synth Trade Research Council", "Fox Business Network", "Fox News"},
            {"Dublin-based Synth Pharma", "Fox Business Network and Fox News"},
        ),
        ("Suddenly I had an epiphany on Capitol Hill about the Asia Pacific, Jon Bek said.", {"Jon Bek"},
         {"Suddenly I", "Suddenly", "Capitol Hill", "Asia Pacific"}),
        (
            "DECATUR, Ill. \u2014 The Puerto Rican governor was there, Jon Bek said.",
            {"Jon Bek"},
            {"Ill", "Puerto Rican"},
        ),
        ("Synthland backed Obama twice. President Obama won.", {"Obama"}, set()),
        (
            "Exit polls by Edison Synth Research for The Associated Press came in. Pastors Ivo Marsh and Jon Bek "
            "prayed. Just last week, J.J. MacSynth said so.",
            {"Edison Synth Research", "Associated Press", "Ivo Marsh", "J.J. MacSynth"},
            {"Edison Synth Research for The Associated Press", "Pastors Ivo Marsh", "J.J"},
        ),
        (
            "I'll fight for AZ, not DC, on the State IG report and my DVR, Jon Bek said. The Pacific Rim, the Gulf "
            "States and Western Europe agreed.",
            {"Jon Bek"},
            {"AZ", "DC", "IG", "DVR", "Pacific Rim", "Gulf States", "Western Europe"},
        ),
        (
            "Nick Daniloff, a reporter for U.S. News & World Report, read the U.S. Constitution on The Tonight Show "
            "Starring Jimmy Fallon. Radical Islamic groups and Southern Europeans were there.",
            {"Nick Daniloff", "U.S. News & World Report"},
            {"World Report", "U.S. Constitution", "Show Starring Jimmy Fallon", "Radical Islamic",
             "Southern Europeans"},
        ),
        (
            "Texas Gov. Hears About Synth Grab, Launches EPIC 4-Word Warning To White House\n\n"
            "It was close, Jon Bek said.",
            {"Jon Bek"},
            {"Word Warning To White House", "White House"},
        ),
        (
            "The vote was close, Jon Bek said.\n\n- Ada Lind.\n\nTranslated by Ivo Marsh.\n\n"
            "(Additional reporting by Mara Quint in Synthville)\n\nOn Twitter follow Jane Dorr https://x.test/jd",
            {"Jon Bek"},
            {"Ada Lind", "Ivo Marsh", "Mara Quint", "Jane Dorr"},
        ),
        ("Candidates:\n\n- Ada Lind\n- Ivo Marsh\n", {"Ada Lind", "Ivo Marsh"}, set()),
        (
            "Golf courses here in South Florida are closing; Florida is a microcosm, said the Democratic National "
            "Committee\u2019s chair at the Convention.",
            {"Democratic National Committee"},
            {"South Florida", "National Committee", "Convention"},
        ),
        (
            "Sherrilyn Ifill, head of the NAACP Synth Defense and Educational Fund, said so.",
            {"NAACP Synth Defense and Educational Fund", "Sherrilyn Ifill"},
            {"and Educational Fund"},
        ),
    ],
)  # fmt: skip
def test_things_groups_headlines_and_page_buttons_are_not_proposed(
    text: str, proposed: set[str], not_proposed: set[str]
) -> None:
    a = analyse(text)
    actors = {e.name for e in a.entities if not e.place and e.kind not in NOT_ACTORS}
    assert proposed <= actors, actors
    assert not (not_proposed & actors), actors
    kinds = {e.name: e.kind for e in a.entities}
    assert kinds.get("Synth Research", "organisation") == "organisation"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Synth Examiner reported that the Synth Marine Corps and the Synth Legislature disagreed, "
            "according to ProPublica and the Synthville Register.",
            {
                "Synth Examiner": "media",
                "ProPublica": "media",
                "Synthville Register": "media",
                "Synth Marine Corps": "armed-group",
                "Synth Legislature": "government-body",
            },
        ),
        (  # media and companies named without an organisation's word
            "Ivo Marsh told El Synthal newspaper and Fox Business that CNN Worldwide was wrong. Twitter's Jon Bek "
            "said Human Rights Watch agreed.",
            {
                "El Synthal": "media",
                "Fox Business": "media",
                "CNN Worldwide": "media",
                "Twitter": "organisation",
                "Human Rights Watch": "organisation",
            },
        ),
        (  # teams, firms and groups the news names without an organisation's word
            "The Denver Broncos, the New York Times, Warner Music and Planned Parenthood said so, and Boko Haram "
            "and Hamas did not, Jon Bek said.",
            {
                "Denver Broncos": "organisation",
                "New York Times": "media",
                "Warner Music": "organisation",
                "Planned Parenthood": "organisation",
                "Boko Haram": "armed-group",
                "Hamas": "armed-group",
            },
        ),
    ],
)
def test_organisations_are_proposed_as_the_kind_they_are(text: str, expected: dict[str, str]) -> None:
    kinds = {e.name: e.kind for e in analyse(text).entities}
    assert {name: kinds.get(name) for name in expected} == expected
