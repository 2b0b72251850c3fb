"""Untrusted text stays text: property tests over arbitrary strings, through the site's own Markdown."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import ClassVar

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from generator.text.escape import (
    after_first_sentence,
    headline,
    md_link,
    md_text,
    parsed_inline,
    parsed_plain_text,
    plain_text,
    render_markdown,
    render_markdown_inline,
    safe_url,
)

from .conftest import REPO

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "---",
    "{{ 7*7 }}",
    "{% include 'x' %}",
    "1. not a list",
    "# not a heading",
    "| a | b |",
    "{: #id .class onclick='x' }",
    "*em* _em_ `code` ~~del~~",
    "&lt;already&gt; &amp;",
    "\x02wzxhzdk:0\x03",
]


class Collect(HTMLParser):
    """Text, tags and attributes of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text += data


def parse(html: str) -> Collect:
    parser = Collect()
    parser.feed(html)
    parser.close()
    return parser


class SiteMarkdown:
    """Python-Markdown configured exactly as mkdocs.yml configures it for the site."""

    md: ClassVar[markdown.Markdown | None] = None

    @classmethod
    def convert(cls, text: str) -> str:
        if cls.md is None:
            config = load_config(str(REPO / "mkdocs.yml"))
            cls.md = markdown.Markdown(
                extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]
            )
        cls.md.reset()
        return cls.md.convert(text)


def visible(text: str) -> str:
    """Text as a reader sees it: control characters gone, white space collapsed."""
    return " ".join("".join(c for c in text if c in "\t\n\r" or not (ord(c) < 32 or ord(c) == 127)).split())


# Text with Markdown and HTML punctuation over-represented.
free_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)) | st.sampled_from("<>&*_[]()#!|`{}:-=\\'\""))


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_as_itself(text: str) -> None:
    for context in ("{}", "- {}", "| {} | x |\n| --- | --- |\n| {} | x |", "# {}", "> {}"):
        html = SiteMarkdown.convert(context.format(md_text(text), md_text(text)))
        found = parse(html)
        assert visible(text) in visible(found.text), (context, html)
        assert set(found.tags) <= {
            "p",
            "ul",
            "li",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "h1",
            "a",
            "blockquote",
        }
        allowed = ("id", "href", "class", "title")
        assert all(name in allowed or (name, value) == ("dir", "auto") for name, value in found.attrs)


@settings(max_examples=300, deadline=None)
@given(free_text)
def test_any_text_in_a_list_item_renders_as_exactly_that_text(text: str) -> None:
    found = parse(SiteMarkdown.convert(f"- {md_text(text)}"))
    assert visible(found.text) == visible(text)
    assert set(found.tags) <= {"ul", "li"}


@settings(max_examples=300, deadline=None)
@given(free_text)
def test_any_markdown_field_yields_only_safe_html(text: str) -> None:
    html = SiteMarkdown.convert(f"x\n\n{render_markdown(text)}\n\ny")
    found = parse(html)
    assert not {"script", "img", "iframe", "style", "object", "svg"} & set(found.tags)
    for name, value in found.attrs:
        assert not name.startswith("on")
        if name == "href":
            assert (value or "").split(":", 1)[0].lower() in ("http", "https", "mailto") or ":" not in (value or "")


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_fields_keep_raw_html_and_bad_links_as_text(text: str) -> None:
    html = SiteMarkdown.convert(render_markdown(text))
    assert "<script" not in html
    assert "<img" not in html
    assert "javascript:" not in html.replace("javascript:alert", "")
    if "javascript" in text:
        assert "[x](javascript:alert(1))" in parse(html).text


def test_links_allow_only_web_schemes() -> None:
    assert safe_url("javascript:alert(1)") == "#"
    assert safe_url("https://example.org/a b(c)") == "https://example.org/a%20b%28c%29"
    html = SiteMarkdown.convert(md_link("a]b", "https://example.org/x)y"))
    assert parse(html).attrs == [("dir", "auto"), ("href", "https://example.org/x%29y")]  # (dir: the paragraph's)
    assert parse(html).text == "a]b"


def test_markdown_is_still_markdown_in_markdown_fields() -> None:
    html = render_markdown("**bold** and [a link](https://example.org)")
    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.org">a link</a>' in html


@settings(max_examples=40, deadline=None)
@given(title=free_text.filter(lambda t: visible(t) != ""), quote=free_text.filter(lambda t: visible(t) != ""))
def test_any_title_and_quote_survive_the_whole_page_template(title: str, quote: str) -> None:
    """End to end through the real templates: the page shows the title and quote exactly, as text."""
    from generator.link.corpus import link
    from generator.load.files import Inputs
    from generator.model.records import Actor, Briefing
    from generator.render.workers import render_pages

    actors = [Actor.model_validate({"id": "a", "name": title, "kind": "person"})]
    briefing = Briefing.model_validate(
        {
            "title": title,
            "date": "2024-01-01",
            "sources": [{"title": title}],
            "summary": quote,
            "actors": [{"actor": "a", "role": quote}],
            "quotes": [{"text": quote, "speaker": "a", "context": title}],
            "places": [title],
        }
    )
    pages = render_pages(link(Inputs(REPO, actors=actors, briefings={"b": briefing})))
    html = SiteMarkdown.convert(pages["briefings/b.md"].split("---\n", 2)[2])
    found = parse(html)
    assert not {"script", "img", "iframe", "style", "svg"} & set(found.tags)
    assert not [name for name, _ in found.attrs if name.startswith("on")]
    h1 = html[html.index("<h1") : html.index('<a class="headerlink"')]  # without the permalink
    assert visible(parse(h1).text) == visible(title)
    quotes = html[html.index('id="key-quotes"') :]  # the summary may hold a blockquote of its own
    quote_html = quotes[quotes.index("<blockquote>") : quotes.index("</blockquote>")]
    assert visible(quote) in visible(parse(quote_html).text)


# Markdown's syntax characters, line breaks of every kind, and words: plain_text's short cut
# (text with no syntax in it is its own plain text) must agree with rendering it.
MARKDOWN_ISH = st.text(
    alphabet=st.sampled_from(list("ab1 9.)#>+-=*_`[]()<>&|~!:\\\"'\t\n\r\x00\x0b\x0c\xa0\u2028\u00e9;")),
    max_size=40,
)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(MARKDOWN_ISH, free_text))
def test_plain_text_agrees_with_rendering_the_markdown(text: str) -> None:
    assert plain_text(text) == parsed_plain_text(text)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(MARKDOWN_ISH, free_text))
def test_inline_markdown_agrees_with_the_parser(text: str) -> None:
    assert render_markdown_inline(text) == parsed_inline(text)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(MARKDOWN_ISH, free_text, st.text(alphabet=st.sampled_from(list("ab .!?*_\n")), max_size=60)))
def test_what_follows_the_headline_is_the_rest_of_the_text(text: str) -> None:
    """A page that heads an entry with its first sentence shows the rest below it: no word lost,
    none shown twice."""
    rest = after_first_sentence(text)
    if rest is not None:
        assert " ".join(f"{headline(text)} {plain_text(rest)}".split()) == plain_text(text)


def test_a_cut_or_unsplittable_first_sentence_leaves_the_text_whole() -> None:
    assert after_first_sentence("A siege. Shelling at night.") == "Shelling at night."
    assert after_first_sentence("One sentence only.") == ""
    assert after_first_sentence("word " * 40 + "end. More.") is None  # the headline is cut
    assert after_first_sentence("**Bold. still bold** after.") is None  # markup across the end


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("Talks **stalled** on [day two](https://example.org).", "Talks stalled on day two."),
        ("Line one\r# Two", "Line one Two"),
        ("1. first\n2. second", "first second"),
        ("well-known  words\n\nnext", "well-known words next"),
    ],
)
def test_plain_text_drops_markup_and_keeps_words(text: str, plain: str) -> None:
    assert plain_text(text) == plain


def test_blocks_of_text_take_their_direction_from_their_words_and_raw_html_is_left_alone() -> None:
    html = SiteMarkdown.convert('<div class="bf-filter" hidden>box</div>\n\nلن نتراجع\n\n- item')
    assert html.startswith('<div class="bf-filter" hidden>box</div>')  # not inside a <p>
    assert '<p dir="auto">لن نتراجع</p>' in html
    assert '<li dir="auto">item</li>' in html
