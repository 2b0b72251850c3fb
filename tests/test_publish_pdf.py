"""Printable PDFs: text, marking, metadata, bookmarks, hostile text, no fetches, caching."""

from __future__ import annotations

import dataclasses
import http.server
import io
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pypdf
import pytest

from generator.link.corpus import link, normalise
from generator.load.files import load
from generator.load.project import Project, Settings
from generator.publish.pdf import briefing_jobs, build_pdfs, digest_job, render_pdf
from generator.render.digest import Selection

from .conftest import SAMPLE_ID, copy_project, run_cli, write

pytestmark = pytest.mark.slow


def pdf_text(data: bytes) -> list[str]:
    """Text of each page, white space collapsed (a line broken after a hyphen is joined again)."""
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    return [" ".join((page.extract_text() or "").replace("-\n", "-").split()) for page in pages]


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    root = copy_project(tmp_path_factory.mktemp("pdf") / "p")
    project = Project(root, Settings(marking="TLP:CLEAR", publisher="Briefings test desk"))
    corpus = link(load(project.briefings))
    made, _ = build_pdfs(briefing_jobs(project, corpus, [SAMPLE_ID]), project.pdf_cache, workers=1)
    return made[f"{SAMPLE_ID}.pdf"]


def body_text(data: bytes) -> str:
    """The text of all pages without running headers and footers, so it reads across page breaks."""
    pages = pdf_text(data)
    header = "North Korean troops could join Russia's invasion of Ukraine under new pact, experts warn"
    return " ".join(re.sub(r" ?Page \d+ of \d+ .*$", "", page).replace(header, "") for page in pages)


def test_every_quote_is_printed_with_its_speaker(sample_pdf: bytes) -> None:
    text = normalise(body_text(sample_pdf))
    corpus = link(load(Path(__file__).parent.parent / "briefings"))
    for quote in corpus.briefings[SAMPLE_ID].quotes:
        words = normalise(quote.text)
        assert words in text
        speaker = corpus.actors[quote.speaker].name
        assert re.search(re.escape(words) + r'"? — ' + re.escape(normalise(speaker)), text), quote.text


def test_pdfs_are_tagged_for_screen_readers(sample_pdf: bytes) -> None:
    """PDF/UA-1: a structure tree, marked content, the document's language and its title shown."""
    reader = pypdf.PdfReader(io.BytesIO(sample_pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"])
    tree = root["/StructTreeRoot"].get_object()
    assert tree["/K"]  # the structure tree has content
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata is not None
    assert (
        reader.metadata.title
        == "North Korean troops could join Russia's invasion of Ukraine under new pact, experts warn"
    )
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp  # the document claims PDF/UA-1
    assert "**" not in xmp  # the summary as plain text, not Markdown


def test_the_map_is_drawn_into_the_pdf(sample_pdf: bytes) -> None:
    text = body_text(sample_pdf)
    caption = "Map of this briefing: 1 place with coordinates."
    assert caption in text
    # The SVG's label is drawn as text beside its point, after the list of places and before the caption.
    places = text.index("Vietnam Map of this briefing")
    assert "Pyongyang" in text[places : places + len(caption) + 200]


def test_every_page_has_page_numbers_marking_and_date(sample_pdf: bytes) -> None:
    pages = pdf_text(sample_pdf)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "TLP:CLEAR" in page
        assert "19 June 2024" in page
        assert "North Korean troops could join Russia's invasion" in page  # running header


def test_metadata_and_embedded_fonts(sample_pdf: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(sample_pdf))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "North Korean troops could join Russia's invasion of Ukraine under new pact, experts warn"
    assert meta.author == "Briefings test desk"
    assert "Kim Jong Un and Vladimir Putin signed a defence pact" in (meta.subject or "")
    assert "war in Ukraine" in str(meta.get("/Keywords"))
    fonts = [f for page in reader.pages for f in page["/Resources"]["/Font"].values()]
    for font in fonts:
        descendant = font.get_object()
        desc = descendant["/DescendantFonts"][0].get_object() if "/DescendantFonts" in descendant else descendant
        assert any(k in desc["/FontDescriptor"] for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert [round(float(x)) for x in reader.pages[0].mediabox[2:]] == [595, 842]  # A4


def test_digest_has_cover_contents_and_bookmarks(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    write(
        root,
        "briefings/2024-06-20-second.yaml",
        "title: Second briefing\ndate: 2024-06-20\nsources: [{title: S}]\nsummary: Second.\ntopics: [NATO]\n",
    )
    project = Project(root)
    corpus = link(load(project.briefings))
    made, _ = build_pdfs([digest_job(project, corpus, Selection(topic="NATO"))], project.pdf_cache, workers=1)
    reader = pypdf.PdfReader(io.BytesIO(made["digest.pdf"]))
    cover = " ".join((reader.pages[0].extract_text() or "").split())
    assert "Briefings digest" in cover
    assert "2 briefings" in cover
    assert re.search(r"20 June 2024: Second briefing ?\.+ ?2\b", cover)  # contents with page numbers
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[:2] == [
        "Second briefing",
        "North Korean troops could join Russia's invasion of Ukraine under new pact, experts warn",
    ]
    sections = next(item for item in reader.outline if isinstance(item, list))
    assert "Bottom line" in [s.title for s in sections if not isinstance(s, list)]


class Counter(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Counter.hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[str]:
    server = http.server.HTTPServer(("127.0.0.1", 0), Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Counter.hits = []
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_hostile_text_is_printed_as_text_and_nothing_is_fetched(tmp_path: Path, local_server: str) -> None:
    root = copy_project(tmp_path / "p", briefings=False)
    write(
        root,
        "briefings/actors.yaml",
        'actors: [{id: x, name: "<b>Bold</b> <script>alert(1)</script>", kind: person}]\n',
    )
    write(
        root,
        "briefings/2024-01-01-x.yaml",
        f"""
        title: "<h1>Title</h1><link rel=stylesheet href={local_server}/t.css>"
        date: 2024-01-01
        sources: [{{title: "<img src={local_server}/s.png>", url: "{local_server}/page"}}]
        summary: |
          ![remote]({local_server}/img.png) <img src="{local_server}/raw.png">
          <style>@import "{local_server}/i.css";</style>
        actors: [{{actor: x, role: r}}]
        quotes: [{{text: "<i>quoted</i>", speaker: x}}]
        """,
    )
    project = Project(root)
    corpus = link(load(project.briefings))
    (job,) = briefing_jobs(project, corpus, ["2024-01-01-x"])
    text = " ".join(pdf_text(render_pdf(job.html)))
    assert "<h1>Title</h1><link rel=stylesheet" in text
    assert "<b>Bold</b> <script>alert(1)</script>" in text
    assert "<i>quoted</i>" in text
    assert '<img src="' in text
    assert Counter.hits == []


def test_rerun_renders_only_what_changed(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    write(
        root,
        "briefings/2024-06-20-second.yaml",
        "title: Second\ndate: 2024-06-20\nsources: [{title: S}]\nsummary: S.\n",
    )
    project = Project(root)

    def run() -> tuple[int, int]:
        corpus = link(load(project.briefings))
        _, stats = build_pdfs(briefing_jobs(project, corpus, corpus.briefings), project.pdf_cache, workers=2)
        return stats.rendered, stats.cached

    assert run() == (2, 0)
    assert run() == (0, 2)
    path = root / "briefings/2024-06-20-second.yaml"
    path.write_text(path.read_text().replace("summary: S.", "summary: Changed."))
    assert run() == (1, 1)


def test_workers_are_replaced_as_they_go_and_every_pdf_is_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint's memory grows with each document, so a long build replaces its workers every
    RECYCLE PDFs; no PDF is lost or given another's bytes on the way."""
    import concurrent.futures

    from generator.publish import pdf

    root = copy_project(tmp_path / "p")
    for n in range(4):
        write(
            root,
            f"briefings/2024-06-2{n}-b{n}.yaml",
            f"title: Brief {n}\ndate: 2024-06-2{n}\nsources: [{{title: S}}]\n",
        )
    project = Project(root)
    corpus = link(load(project.briefings))
    pools: list[object] = []

    class Counted(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            pools.append(self)

    monkeypatch.setattr(pdf, "ProcessPoolExecutor", Counted)
    monkeypatch.setattr(pdf, "BATCH", 1)
    monkeypatch.setattr(pdf, "RECYCLE", 1)
    made: dict[str, bytes] = {}
    _, stats = build_pdfs(
        briefing_jobs(project, corpus, corpus.briefings), project.pdf_cache, workers=2, sink=made.__setitem__
    )
    assert stats.rendered == len(corpus.briefings) == 5
    assert len(pools) == 3  # 2 PDFs a pool, then a fresh one
    for name, data in made.items():
        bid = name.removesuffix(".pdf")
        text = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
        assert corpus.briefings[bid].title.split()[0] in text
    _, again = build_pdfs(briefing_jobs(project, corpus, corpus.briefings), project.pdf_cache, workers=2)
    assert (again.rendered, len(pools)) == (0, 3)  # nothing to render: no pool is started


def test_letter_paper_and_pdf_command(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--root", str(project), "pdf", "--paper", "Letter")
    assert code == 0
    path = project / "build/pdf" / f"{SAMPLE_ID}.pdf"
    assert str(path) in out
    reader = pypdf.PdfReader(path)
    assert [round(float(x)) for x in reader.pages[0].mediabox[2:]] == [612, 792]
    code, out, _ = run_cli(capsys, "--root", str(project), "pdf", "--digest", "--actor", "viktor-orban")
    assert code == 0
    assert "digest-actor-viktor-orban.pdf" in out
    code, out, _ = run_cli(capsys, "--root", str(project), "pdf", "--digest", "--newest", "1")
    assert code == 0
    assert "digest-the-newest-1.pdf" in out
    code, _, err = run_cli(capsys, "--root", str(project), "pdf", "--digest", "--newest", "0")
    assert code == 2
    assert "expected a whole number of at least 1, got '0'" in err
    code, _, err = run_cli(capsys, "--root", str(project), "pdf", "no-such-briefing")
    assert code == 2
    assert "no briefing with id 'no-such-briefing'" in err


def test_built_site_links_and_serves_the_pdfs(built_sample: Path) -> None:
    page = (built_sample / f"site/generated/briefings/{SAMPLE_ID}/index.html").read_text(encoding="utf-8")
    assert f'<a href="../../pdf/{SAMPLE_ID}.pdf">Printable PDF</a>' in page
    assert (built_sample / f"site/generated/pdf/{SAMPLE_ID}.pdf").read_bytes().startswith(b"%PDF-")
    index = (built_sample / "site/generated/briefings/index.html").read_text(encoding="utf-8")
    assert '<a href="../pdf/digest.pdf">digest PDF</a>' in index
    assert (built_sample / "site/generated/pdf/digest.pdf").read_bytes().startswith(b"%PDF-")


def test_a_build_makes_again_only_the_pdfs_of_briefings_whose_page_it_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With nothing changed no briefing's HTML is made (only the digest's); after one edit, only
    the PDFs of the pages that edit can change. A big corpus's digest holds its newest briefings."""
    from bench.synthetic import make_corpus
    from generator.pipeline import stages as pipeline
    from generator.publish import pdf
    from generator.render import digest

    monkeypatch.setattr(digest, "SITE_DIGEST_MAX", 5)
    root = tmp_path / "p"
    make_corpus(root, 12)
    project = Project(root)
    made: list[list[str]] = []
    html = pdf.PdfRenderer.html

    def spy(self: pdf.PdfRenderer, bids: list[str], **kwargs: object) -> str:
        made.append(list(bids))
        return html(self, bids, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf.PdfRenderer, "html", spy)

    def build() -> tuple[list[list[str]], pdf.PdfStats]:
        made.clear()
        _, stats = pipeline.generate(project, pipeline.check(project), pdfs=True)
        assert stats is not None
        return list(made), stats

    every = list(pipeline.check(project).briefings)
    first, stats = build()
    assert first == [[bid] for bid in every] + [every[:5]]  # each briefing, then the newest five
    assert (stats.rendered, stats.cached) == (13, 0)
    listing = (project.generated / "briefings/index.md").read_text(encoding="utf-8")
    assert "The newest 5 in one printable file" in listing
    pdfs = {bid: project.generated / f"pdf/{bid}.pdf" for bid in every}
    when = {bid: p.stat().st_mtime_ns for bid, p in pdfs.items()}

    again, stats = build()
    assert again == [every[:5]]  # the digest alone
    assert (stats.rendered, stats.cached) == (0, 13)

    edited = every[-1]  # the oldest: not in the digest
    path = next(root.rglob(f"{edited}.yaml"))
    path.write_text(path.read_text(encoding="utf-8").replace("SYNTHETIC briefing", "Edited briefing", 1), "utf-8")
    after, stats = build()
    assert after[:-1] == [[edited]]  # not the briefings whose pages show its title: their PDFs do not
    assert stats.rendered == 1  # its PDF: the others' HTML came out the same
    assert "Edited briefing" in " ".join(pdf_text(pdfs[edited].read_bytes()))
    assert [bid for bid in every if pdfs[bid].stat().st_mtime_ns != when[bid]] == [edited]

    path.write_text(path.read_text(encoding="utf-8").replace("topics:\n", "topics:\n- a new topic\n", 1), "utf-8")
    topic, stats = build()  # a topic page comes: every page is rendered, but one PDF can differ
    assert topic[:-1] == [[edited]]
    assert all(p.is_file() for p in pdfs.values())  # the others are left where they were

    project = dataclasses.replace(project, settings=dataclasses.replace(project.settings, paper="Letter"))
    letter, stats = build()  # the paper is in every PDF: all of them again
    assert len(letter) == 13
    assert stats.rendered == 13
