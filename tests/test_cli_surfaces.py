"""The input surfaces beside the YAML (CSV import, draft, init, places suggest, registries that
loop), as hostile as the YAML ones: each bad input is a clear problem naming the file, exit 1
(or 2 for a bad option), no traceback, no "internal error", and nothing written.

Every table and article here is made up by the test (synthetic).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.tools import csvtable, importer

from .conftest import REPO, copy_project, run_cli, write


def files_under(root: Path) -> dict[str, bytes]:
    """Every file under `root` but the parse cache (which checking writes) and its content."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "cache" not in p.relative_to(root).parts
    }


def assert_refused(code: int, err: str, *words: str, status: int = 1) -> None:
    assert code == status, err
    assert "Traceback" not in err
    assert "internal error" not in err
    for word in words:
        assert word in err, err


def import_events(capsys: pytest.CaptureFixture[str], root: Path, table: Path, *more: str) -> tuple[int, str, str]:
    return run_cli(capsys, "--root", str(root), "import", "events", str(table), *more)


# ---- CSV import -------------------------------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://example.org/x","click")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A2)",
]


def test_formula_cells_stay_text_in_yaml_and_are_neutralised_in_the_csv_export(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = io.StringIO()
    out = csv.writer(rows, lineterminator="\n")
    out.writerow(["id", "date", "title", "description", "place", "source"])
    for n, cell in enumerate(FORMULAS, 1):
        out.writerow([f"f{n}", "2024-06-01", cell, cell, "Pyongyang", cell])
    table = tmp_path / "formulas.csv"
    table.write_text(rows.getvalue(), encoding="utf-8")
    code, _, err = import_events(capsys, project, table)
    assert code == 0, err
    records = yaml.safe_load((project / "briefings/events/formulas.yaml").read_text(encoding="utf-8"))["events"]
    assert [r["title"] for r in records] == FORMULAS  # text, exactly as in the table
    assert [r["sources"][0]["title"] for r in records] == FORMULAS
    assert run_cli(capsys, "--root", str(project), "export", "--out", str(tmp_path / "csv"))[0] == 0
    with (tmp_path / "csv/events.csv").open(encoding="utf-8", newline="") as handle:
        exported = {row["id"]: row for row in csv.DictReader(handle)}
    for n, cell in enumerate(FORMULAS, 1):
        assert exported[f"f{n}"]["title"] == "'" + cell
    assert not [v for row in exported.values() for v in row.values() if v[:1] in ("=", "+", "@")]
    with (tmp_path / "csv/places.csv").open(encoding="utf-8", newline="") as handle:
        assert any(row["lat"].startswith("39.") for row in csv.DictReader(handle))  # numbers are left alone
    descriptor = json.loads((tmp_path / "csv/datapackage.json").read_text(encoding="utf-8"))
    assert "leading apostrophe" in descriptor["resources"][0]["description"]
    assert run_cli(capsys, "--root", str(project), "export", "--format", "json", "--out", str(tmp_path / "j"))[0] == 0
    events = {e["id"]: e for e in json.loads((tmp_path / "j/events.json").read_text(encoding="utf-8"))}
    assert events["f1"]["title"] == FORMULAS[0]  # JSON keeps the text as written


def test_utf16_and_a_byte_order_mark_are_read_and_other_encodings_are_named(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "id,date,title,place\nu1,2024-06-01,Réunion à Genève,Pyongyang\n"
    for name, data in (
        ("utf16.csv", text.encode("utf-16")),
        ("bom.csv", b"\xef\xbb\xbf" + text.replace("u1", "u3").encode()),
    ):
        (tmp_path / name).write_bytes(data)
        code, _, err = import_events(capsys, project, tmp_path / name)
        assert code == 0, err
        records = yaml.safe_load((project / f"briefings/events/{name[:-4]}.yaml").read_text(encoding="utf-8"))
        assert records["events"][0]["title"] == "Réunion à Genève"
    (tmp_path / "latin1.csv").write_bytes(text.replace("u1", "u2").encode("latin-1"))
    before = files_under(project)
    code, _, err = import_events(capsys, project, tmp_path / "latin1.csv")
    assert_refused(code, err, "latin1.csv", "not UTF-8 text (it looks like Windows-1252 or Latin-1)", "CSV UTF-8")
    assert files_under(project) == before


def test_empty_huge_and_odd_tables_are_refused_with_their_size(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = files_under(project)
    cases: list[tuple[Path, tuple[str, ...]]] = []
    empty = write(tmp_path, "empty.csv", "")
    cases.append((empty, ("empty.csv", "the file is empty")))
    header = write(tmp_path, "header.csv", "id,date,title\n")
    cases.append((header, ("header.csv:1", "no rows under the header")))
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:  # sparse: its size says enough, nothing is read
        handle.truncate(csvtable.MAX_CSV_BYTES + 1)
    cases.append((huge, ("huge.csv", f"{csvtable.MAX_CSV_BYTES + 1:,} bytes: too large for a table")))
    cell = write(tmp_path, "cell.csv", "id,date,title\nc1,2024-06-01," + "x" * (csvtable.MAX_CSV_CELL + 1) + "\n")
    cases.append((cell, ("cell.csv:2", f"a cell of more than {csvtable.MAX_CSV_CELL:,} characters")))
    wide = write(tmp_path, "wide.csv", ",".join(f"c{i}" for i in range(csvtable.MAX_CSV_COLUMNS + 1)) + "\n")
    cases.append((wide, ("wide.csv:1", f"{csvtable.MAX_CSV_COLUMNS + 1:,} columns")))
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 10)  # a spreadsheet saved as .xlsx, say
    cases.append((binary, ("binary.csv", "a binary file, not text")))
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    cases.append((folder, ("folder.csv", "a folder")))
    link = tmp_path / "link.csv"
    link.symlink_to(REPO / "README.md")
    cases.append((link, ("link.csv", "a symbolic link")))
    for table, words in cases:
        assert_refused(*import_events(capsys, project, table)[::2], *words)
    monkeypatch.setattr(csvtable, "MAX_CSV_ROWS", 3)
    rows = write(tmp_path, "rows.csv", "id,date,title\n" + "".join(f"r{i},2024-06-01,T{i}\n" for i in range(4)))
    assert_refused(*import_events(capsys, project, rows)[::2], "rows.csv:5", "more than 3 rows")
    assert files_under(project) == before


@pytest.mark.parametrize("name", ["../escape", "/tmp/abs", "a/b", "UPPER", "..", "-"])
def test_import_name_can_never_leave_briefings(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    table = write(tmp_path, "t.csv", "id,date,title\nt1,2024-06-01,T\n")
    before = files_under(tmp_path)
    code, _, err = import_events(capsys, project, table, "--name", name)
    assert_refused(code, err, "--name", status=2)
    assert files_under(tmp_path) == before


def test_a_table_too_big_for_one_registry_file_is_a_problem_not_an_internal_error(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "MAX_REGISTRY", 2)
    table = write(
        tmp_path, "many.csv", "id,date,title,place\n" + "".join(f"m{i},2024-06-01,T,P{i}\n" for i in range(3))
    )
    before = files_under(project)
    assert_refused(*import_events(capsys, project, table)[::2], "many.csv", "one registry file holds at most 2")
    assert files_under(project) == before


# ---- draft --------------------------------------------------------------------------------------


def draft(capsys: pytest.CaptureFixture[str], root: Path, article: Path, *more: str) -> tuple[int, str, str]:
    return run_cli(capsys, "--root", str(root), "draft", str(article), *more)


def test_a_hostile_web_page_gives_a_draft_with_nothing_executable(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = write(
        tmp_path,
        "page.html",
        """<!doctype html><html><head><title>Harbour talks | Example News</title>
        <script>alert(1)</script><meta property="og:url" content="javascript:alert(2)"></head>
        <body onload="alert(3)"><article><h1>Harbour talks</h1>
        <p onclick="alert(4)">Talks on the harbour began on Monday in the port city, officials said.</p>
        <p>“The harbour will be full by June,” said Ana Ruiz, the port's director.
        <a href="javascript:alert(5)">Read more</a> <img src=x onerror="alert(6)"></p>
        <p>“We are ready for the ships,” Ruiz added in a statement to reporters on Monday.</p>
        <style>p { color: red }</style><iframe src="javascript:alert(7)"></iframe></article></body></html>""",
    )
    code, _, err = draft(capsys, project, page, "--id", "harbour")
    assert code == 0, err
    written = (project / "briefings/harbour.yaml").read_text(encoding="utf-8")
    stored = (project / "briefings/sources/harbour.txt").read_text(encoding="utf-8")
    for text in (written, stored):
        assert "alert(" not in text
        assert "javascript:" not in text
        assert "<script" not in text
    record = yaml.safe_load(written)
    assert "The harbour will be full by June," in [q["text"] for q in record["quotes"]]
    assert run_cli(capsys, "--root", str(project), "check")[0] == 0


def test_binary_empty_huge_and_linked_articles_are_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.draft.source import MAX_BYTES

    before = files_under(project)
    pdf = tmp_path / "article.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b'"Words," said Ana.\x00\x00\x00' * 10)
    empty = write(tmp_path, "empty.txt", "  \n\n ")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    link = tmp_path / "link.txt"
    link.symlink_to(REPO / "briefings/sources/2024-06-19-north-korea-russia-pact.txt")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    for article, words in (
        (pdf, ("article.pdf", "a binary file, not text")),
        (nul, ("nul.txt", "a binary file, not text")),
        (empty, ("empty.txt", "the file is empty")),
        (huge, ("huge.txt", f"{MAX_BYTES + 1:,} bytes: too large for an article")),
        (link, ("link.txt", "a symbolic link")),
        (folder, ("folder.txt", "a folder")),
    ):
        assert_refused(*draft(capsys, project, article)[::2], *words)
    assert files_under(project) == before


def test_a_stored_text_that_is_a_symbolic_link_is_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = write(tmp_path, "a.txt", "“The harbour will be full by June,” said Ana Ruiz on Monday.\n")
    secret = write(tmp_path, "secret.txt", "not yours")
    (project / "briefings/sources/harbour.txt").symlink_to(secret)
    before = files_under(project)
    assert_refused(*draft(capsys, project, article, "--id", "harbour")[::2], "harbour.txt is a symbolic link")
    assert files_under(project) == before
    assert secret.read_text(encoding="utf-8") == "not yours"


def synthetic_article(paragraphs: int) -> str:
    """A long made-up article: named speakers, quotes, dates and places, over and over."""
    names = ["Ana Ruiz", "Omar Haddad", "Lena Berg", "Kofi Mensah", "Mei Tan"]
    out = ["2031-03-04\n\nHarbour talks drag on (SYNTHETIC)\n"]
    for n in range(paragraphs):
        who = names[n % len(names)]
        out.append(
            f"“Talks in round {n} went well,” said {who}, a negotiator, in Doha on Monday. "
            f"{who.split()[0]} added that “nothing is agreed until everything is agreed.” "
            f"The next round is on March {n % 28 + 1}, according to the Harbour Authority.\n"
        )
    return "\n".join(out)


def run_draft(root: Path, article: Path, bid: str) -> subprocess.CompletedProcess[str]:
    """A draft in a process of its own, stopped if it hangs (a guard, not a measurement: the
    figures are in bench/README.md)."""
    command = [sys.executable, "-m", "generator", "--root", str(root), "draft", str(article), "--id", bid]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.slow
def test_a_5_mb_article_and_thousands_of_stray_quote_marks_draft_whole_and_pass_check(
    tmp_path: Path,
) -> None:
    root = copy_project(tmp_path / "p")
    from generator.draft.source import MAX_BYTES

    big = tmp_path / "big.txt"
    data = synthetic_article(30_000).encode("utf-8")[: MAX_BYTES - 1_000]
    big.write_bytes(data[: data.rindex(b"\n") + 1])
    assert big.stat().st_size > 4_000_000
    marks = tmp_path / "marks.txt"
    pieces = ["“", "”", "‘", "’", '"', "'", "«", "»"]
    filler = ["said Ana Ruiz ", "word ", ". ", "\n\n", "x"]
    marks.write_text(
        "A made-up text of stray quote marks (SYNTHETIC).\n\n"
        + "".join(pieces[i % 8] + filler[(i * 7) % 5] for i in range(600_000)),
        encoding="utf-8",
    )
    for article, bid in ((big, "big"), (marks, "marks")):
        done = run_draft(root, article, bid)
        assert done.returncode == 0, done.stderr
        record = yaml.safe_load((root / f"briefings/{bid}.yaml").read_text(encoding="utf-8"))
        assert len(record["quotes"] or []) <= 500
    written = (root / "briefings/big.yaml").read_text(encoding="utf-8")
    assert "more quotes found, left out: a briefing holds at most 500 (see --json)" in written
    check = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), "check"], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stderr


def test_a_draft_with_more_quotes_than_a_briefing_holds_is_cut_with_a_comment(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = write(tmp_path, "long.txt", synthetic_article(420))  # two quotes a paragraph: 840
    code, out, err = draft(capsys, project, article, "--id", "long")
    assert code == 0, err
    written = (project / "briefings/long.yaml").read_text(encoding="utf-8")
    record = yaml.safe_load(written)
    assert len(record["quotes"]) == 500
    assert "more quotes found, left out: a briefing holds at most 500 (see --json)" in written
    assert "500 in the briefing" in out
    assert run_cli(capsys, "--root", str(project), "check")[0] == 0


# ---- registries that loop ----------------------------------------------------------------------


def test_places_and_actors_that_loop_or_nest_too_deep_are_problems_at_their_lines(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chain = "".join(
        f"  - id: level-{i}\n    name: Level {i}\n" + (f"    parent: level-{i + 1}\n" if i < 5_000 else "")
        for i in range(5_001)
    )
    write(project, "briefings/places/deep.yaml", "places:\n" + chain)
    write(
        project,
        "briefings/places/loop.yaml",
        "places:\n  - id: loop-a\n    name: A\n    parent: loop-b\n  - id: loop-b\n    name: B\n    parent: loop-a\n"
        "  - id: self\n    name: Self\n    parent: self\n",
    )
    write(
        project,
        "briefings/actors/loop.yaml",
        """
        actors:
          - id: unit-a
            name: Unit A
            kind: armed-group
            relations: [{type: part-of, actor: unit-b}]
          - id: unit-b
            name: Unit B
            kind: armed-group
            relations: [{type: part-of, actor: unit-a}]
          - id: selfish
            name: Selfish
            kind: person
            relations: [{type: leads, actor: selfish}]
        """,
    )
    code, _, err = run_cli(capsys, "--root", str(project), "check")
    assert_refused(code, err)
    assert "loop.yaml:4: places[0].parent: place 'loop-a' lies inside itself (through 'loop-b')" in err
    assert "loop.yaml:10: places[2].parent: place 'self' lies inside itself (through 'self')" in err
    assert "deep.yaml:" in err
    assert "more than 20 places above it" in err
    assert "actors/loop.yaml:5: actors[0].relations[0].actor: a loop: 'unit-a' is part of 'unit-b'" in err
    assert "actors/loop.yaml:13: actors[2].relations[0].actor: an actor cannot be related to itself" in err


# ---- init and places suggest -----------------------------------------------------------------


def test_init_refuses_a_non_empty_folder_a_file_and_a_link_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    busy = tmp_path / "busy"
    (busy / "docs").mkdir(parents=True)
    (busy / "notes.txt").write_text("mine", encoding="utf-8")
    file = write(tmp_path, "file", "x")
    link = tmp_path / "link"
    link.symlink_to(busy)
    linked_docs = tmp_path / "linked"
    linked_docs.mkdir()
    (linked_docs / "docs").symlink_to(busy / "docs")
    before = files_under(tmp_path)
    for target, words in (
        (busy, ("busy: is not empty (docs, notes.txt)",)),
        (file, ("file: is a file, not a folder",)),
        (link, ("link: is a symbolic link",)),
        (linked_docs, ("linked: is not empty (docs)",)),
    ):
        assert_refused(*run_cli(capsys, "init", str(target))[::2], *words)
    assert files_under(tmp_path) == before
    fresh = tmp_path / "repo"
    (fresh / ".git").mkdir(parents=True)
    (fresh / "LICENSE").write_text("licence", encoding="utf-8")
    assert run_cli(capsys, "init", str(fresh))[0] == 0  # a fresh git repository with its licence
    assert (fresh / "mkdocs.yml").is_file()


@pytest.mark.parametrize("output", ["../NAME.yaml", "../../x.yaml", "/tmp/x.yaml", "a/b.yaml", "x.txt", ".hidden.yaml"])
def test_places_suggest_output_stays_in_the_places_folder(
    project: Path, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    before = files_under(project.parent)
    code, _, err = run_cli(capsys, "--root", str(project), "places", "suggest", "--output", output)
    assert_refused(code, err, "--output is a file name in briefings/places/", status=2)
    assert files_under(project.parent) == before
