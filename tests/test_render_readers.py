"""Readers and machines: the sample site's feeds read back by feed readers, its JSON-LD expanded
by a JSON-LD processor, its OpenGraph meta and feed links in each page's head."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import feedparser
import feedparser_rs
import pytest
from pyld import jsonld

from .conftest import SAMPLE_ID

SITE = "http://127.0.0.1:8000/"  # mkdocs.yml's default site_url: the sample is built with it
BRIEFING_URL = f"{SITE}generated/briefings/{SAMPLE_ID}/"
TITLE = "North Korean troops could join Russia's invasion of Ukraine under new pact, experts warn"
SCHEMA = "https://schema.org/"

# The JSON-LD processor runs offline: "https://schema.org" resolves to this context, which maps
# every term into the schema.org vocabulary and reads addresses as IRIs, as schema.org's own does.
OFFLINE_CONTEXT = {
    "@context": {
        "@vocab": SCHEMA,
        **{term: {"@id": SCHEMA + term, "@type": "@id"} for term in ("url", "sameAs", "mainEntityOfPage", "subjectOf")},
    }
}


def offline_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contextUrl": None, "documentUrl": url, "document": OFFLINE_CONTEXT}
    raise AssertionError(f"the JSON-LD processor tried to fetch {url}")


def head(site: Path, page: str) -> str:
    text = (site / page / "index.html").read_text(encoding="utf-8")
    return text[: text.index("</head>")]


def page_jsonld(site: Path, page: str) -> dict[str, Any]:
    (data,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head(site, page), re.S)
    return dict(json.loads(data))


def expand(data: dict[str, Any]) -> dict[str, Any]:
    (node,) = jsonld.expand(data, {"documentLoader": offline_loader})
    return dict(node)


def values(node: dict[str, Any], prop: str) -> list[Any]:
    return [v.get("@value", v.get("@id", v)) for v in node.get(SCHEMA + prop, [])]


@pytest.fixture(scope="module")
def site(built_sample: Path) -> Path:
    return built_sample / "site"


@pytest.fixture(scope="module")
def generated(built_sample: Path) -> Path:
    return built_sample / "docs/generated"


def test_the_briefings_atom_feed_reads_back_in_a_feed_reader(generated: Path) -> None:
    feed = feedparser.parse((generated / "briefings.atom.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Briefings"
    assert feed.feed.id == f"{SITE}generated/briefings.atom.xml"
    assert feed.feed.author == "Briefings"
    (entry,) = feed.entries
    assert entry.title == TITLE
    assert entry.id == entry.link == BRIEFING_URL  # stable: the briefing's address
    assert entry.published == entry.updated == "2024-06-19T00:00:00+00:00"
    assert "Kim Jong Un and Vladimir Putin signed a defence pact" in entry.summary
    assert "<strong>North Korean troops could join Russia's invasion of Ukraine</strong>" in entry.content[0].value
    assert {t.term for t in entry.tags} >= {"war in Ukraine", "nuclear technology", "TLP:CLEAR"}


def test_the_json_feed_reads_back_and_agrees_with_the_atom_feed(generated: Path) -> None:
    feed = feedparser_rs.parse((generated / "briefings.feed.json").read_bytes())
    assert not feed.bozo
    assert feed.version == "json11"
    (entry,) = feed.entries
    atom = feedparser.parse((generated / "briefings.atom.xml").read_bytes()).entries[0]
    assert (entry.id, entry.title, entry.published, entry.updated) == (
        atom.id,
        atom.title,
        atom.published,
        atom.updated,
    )
    data = json.loads((generated / "briefings.feed.json").read_text(encoding="utf-8"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == f"{SITE}generated/briefings.feed.json"


@pytest.mark.parametrize(
    ("page", "feed", "title"),
    [
        ("generated/actors/kim-jong-un", "generated/actors/kim-jong-un", "Briefings: Kim Jong Un"),
        ("generated/places/pyongyang", "generated/places/pyongyang", "Briefings: Pyongyang"),
        ("generated/topics/nuclear-technology", "generated/topics/nuclear-technology", "Briefings: nuclear technology"),
        ("generated/briefings", "generated/briefings", "Briefings"),
        ("", "generated/briefings", "Briefings"),
    ],
)
def test_pages_link_their_feeds_and_each_feed_lists_the_briefing(
    site: Path, built_sample: Path, page: str, feed: str, title: str
) -> None:
    links = re.findall(r'<link rel="alternate feed" type="([^"]+)" href="([^"]+)" title="([^"]+)">', head(site, page))
    assert [(t, x) for t, _, x in links] == [
        ("application/atom+xml", f"{title} (Atom)"),
        ("application/feed+json", f"{title} (JSON Feed)"),
    ]
    for (_, href, _), ext in zip(links, (".atom.xml", ".feed.json"), strict=True):
        target = (site / page / href).resolve()
        assert target == (site / (feed + ext)).resolve()
        parsed = feedparser_rs.parse(target.read_bytes())
        assert not parsed.bozo
        assert parsed.feed.title == title
        assert [e.id for e in parsed.entries] == [BRIEFING_URL]


def test_pages_with_no_briefing_of_their_own_link_no_feed(site: Path, generated: Path) -> None:
    assert 'rel="alternate' not in head(site, "generated/events/russia-north-korea-defence-pact-signed")
    assert not list(generated.glob("events/*.atom.xml"))


def test_the_briefing_is_a_report_with_mentions_citations_and_quotations(site: Path) -> None:
    data = page_jsonld(site, f"generated/briefings/{SAMPLE_ID}")
    node = expand(data)
    assert node["@type"] == [SCHEMA + "Report"]
    assert node["@id"] == BRIEFING_URL + "#briefing"
    assert values(node, "name") == [TITLE]
    assert values(node, "url") == [BRIEFING_URL]
    assert values(node, "datePublished") == ["2024-06-19T00:00:00+00:00"]
    assert values(node, "inLanguage") == ["en"]
    about = {values(t, "name")[0] for t in node[SCHEMA + "about"]}
    assert {"war in Ukraine", "nuclear technology"} <= about
    mentions = {(m["@type"][0].removeprefix(SCHEMA), values(m, "name")[0]) for m in node[SCHEMA + "mentions"]}
    assert {
        ("Person", "Kim Jong Un"),
        ("Country", "Russia"),
        ("Event", "Kim Jong Un and Vladimir Putin sign a defence pact in Pyongyang"),
    } <= mentions
    assert len(node[SCHEMA + "citation"]) == 1
    quotes = node[SCHEMA + "hasPart"]
    assert len(quotes) == 9
    assert all(q["@type"] == [SCHEMA + "Quotation"] for q in quotes)
    unconditional = next(q for q in quotes if values(q, "text") == ["unconditional"])
    speaker = unconditional[SCHEMA + "spokenByCharacter"][0]
    assert values(speaker, "name") == ["Kim Jong Un"]
    assert speaker["@type"] == [SCHEMA + "Person"]
    places = {values(p, "name")[0]: p for p in node[SCHEMA + "spatialCoverage"]}
    geo = places["Pyongyang"][SCHEMA + "geo"][0]
    assert float(values(geo, "latitude")[0]) == pytest.approx(39.03, abs=0.1)


@pytest.mark.parametrize(
    ("page", "kind", "name"),
    [
        ("generated/actors/kim-jong-un", "Person", "Kim Jong Un"),
        ("generated/actors/russia", "Country", "Russia"),
        ("generated/events/russia-north-korea-defence-pact-signed", "Event", None),
        ("generated/places/pyongyang", "City", "Pyongyang"),
    ],
)
def test_actor_event_and_place_pages_carry_their_own_types(site: Path, page: str, kind: str, name: str | None) -> None:
    node = expand(page_jsonld(site, page))
    assert node["@type"] == [SCHEMA + kind]
    if name:
        assert values(node, "name") == [name]
    if name == "Russia":
        assert values(node, "sameAs") == ["https://www.wikidata.org/wiki/Q159"]
    assert values(node, "url") == [f"{SITE}{page}/"]
    if kind == "Event":
        assert values(node, "startDate") == ["2024-06"]  # the precision the source gives
        locations = [values(p, "name")[0] for p in node[SCHEMA + "location"]]
        assert "Pyongyang" in locations


def test_briefing_head_has_opengraph_twitter_and_canonical(site: Path) -> None:
    text = head(site, f"generated/briefings/{SAMPLE_ID}")
    meta = dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', text))
    assert meta["og:type"] == "article"
    assert meta["og:title"] == TITLE.replace("'", "&#39;")
    assert meta["og:url"] == BRIEFING_URL
    assert meta["og:description"].startswith("Kim Jong Un and Vladimir Putin signed a defence pact")
    assert meta["article:published_time"] == "2024-06-19T00:00:00+00:00"
    assert meta["twitter:card"] == "summary"
    assert f'<link rel="canonical" href="{BRIEFING_URL}">' in text


def test_an_empty_sites_feed_is_valid_and_the_same_on_any_day(
    empty_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from .conftest import run_cli

    assert run_cli(capsys, "--root", str(empty_project), "build", "--no-site", "--no-pdf")[0] == 0
    path = empty_project / "docs/generated/briefings.atom.xml"
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo
    assert feed.entries == []
    assert feed.feed.updated == "1970-01-01T00:00:00+00:00"  # not the day it was built
    assert feedparser_rs.parse((empty_project / "docs/generated/briefings.feed.json").read_bytes()).entries == []


def test_an_edited_briefing_shows_in_its_feeds_in_the_same_process() -> None:
    """Atom entries are written once per process and reused; an edit makes a new entry."""
    from generator.link.corpus import link
    from generator.load.files import load
    from generator.render import feeds
    from generator.render.pages import Options
    from generator.render.workers import render_pages

    from .conftest import REPO

    def atom_feeds(title: str | None) -> dict[str, str]:
        corpus = link(load(REPO / "briefings"))
        if title is not None:
            corpus.briefings[SAMPLE_ID] = corpus.briefings[SAMPLE_ID].model_copy(update={"title": title})
        pages = render_pages(corpus, Options(exports=False))
        return {path: text for path, text in pages.items() if path.endswith(feeds.ATOM)}

    before = atom_feeds(None)
    after = atom_feeds("An edited title")
    assert len(after) == len(before) > 2  # the feed of all briefings, and those of actors, places, topics
    for path, text in after.items():
        assert "An edited title" in text, path
        assert "An edited title" not in before[path]
