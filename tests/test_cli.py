"""The command line: exit statuses and the words a user sees, for good and bad input."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline.stages import Counts

from .conftest import SAMPLE_ID, run_cli, start_serve, write

SAMPLE_FILE = f"briefings/{SAMPLE_ID}.yaml"


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_check_passes_on_the_sample(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "--root", str(project), "check")
    assert (code, err) == (0, "")
    assert out.startswith("OK: 1 briefing, 15 actors, 7 events, 9 quotes checked in ")


# (edit to make in the sample briefing, the message expected: path:line: field: message)
BAD_INPUT = {
    "broken-yaml": (
        "summary: >-",
        "summary: [unclosed",
        ":19:10: the '[' opened here is not closed: end it with ']' on the same line",
    ),
    "wrong-type": ("date: 2024-06-19", "date: [2024]", ":5: date: input should be a valid string (got a list)"),
    "unknown-field": ("key_points:", "keypoints:", ":25: keypoints: unknown field; did you mean 'key_points'?"),
    "bad-date": ("date: 2024-06-19", "date: 2024-06-31", ":5: date: no such day: '2024-06-31'"),
    "dangling-speaker": ("speaker: kim-jong-un", "speaker: kim-jong-il", ":102: quotes[5].speaker: unknown actor"),
    "dangling-event": (
        "  - russia-holds-luhansk-and-donetsk",
        "  - russia-holds-luhansk",
        ":135: events[4]: unknown event 'russia-holds-luhansk'; did you mean 'russia-holds-luhansk-and-donetsk'?",
    ),
    "misquote": ("text: unconditional", "text: unconditionally", ":107: quotes[7].text: not found verbatim"),
    "bad-id": ("speaker: philip-ingram", "speaker: Philip Ingram", ":80: quotes[0].speaker: expected an id of"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_exits_1_with_path_line_field_and_writes_nothing(
    built_copy: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    old, new, expected = BAD_INPUT[case]
    edit(built_copy / SAMPLE_FILE, old, new)
    before = tree(built_copy / "docs") | tree(built_copy / "site")
    for command in ("check", "build"):
        code, out, err = run_cli(
            capsys, "--root", str(built_copy), command, *(["--strict"] if command == "build" else [])
        )
        assert code == 1, err
        assert out == ""
        first = err.splitlines()[0]
        assert first.startswith(f"{built_copy / SAMPLE_FILE}{expected}"), err
        assert err.endswith("found; nothing was written.\n")
        assert "Traceback" not in err
    assert tree(built_copy / "docs") | tree(built_copy / "site") == before


def test_many_problems_are_all_reported(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project / SAMPLE_FILE, "date: 2024-06-19", "date: 2024-06-31")
    edit(project / SAMPLE_FILE, "key_points:", "keypoints:")
    edit(project / "briefings/actors.yaml", "kind: state", "kind: country")
    code, _, err = run_cli(capsys, "--root", str(project), "check")
    assert code == 1
    assert err.count("\n") == 4  # three problems and the summary line
    assert "actors.yaml:69: actors[6].kind: input should be 'person', 'state', 'government-body'" in err
    assert err.endswith("3 problems found; nothing was written.\n")


def test_failed_site_build_keeps_the_previous_site(built_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = tree(built_copy / "site")
    write(built_copy, "docs/about.md", "# About\n\n[broken](missing-page.md)\n")
    code, _, err = run_cli(capsys, "--root", str(built_copy), "build", "--strict")
    assert code == 1
    assert "missing-page.md" in err
    assert err.endswith("the previous site/ is left as it was.\n")
    assert tree(built_copy / "site") == before


def test_rerun_writes_only_changed_pages_and_removes_gone_ones(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "--root", str(project), "build", "--no-site", "--no-pdf")[0] == 0
    code, out, _ = run_cli(capsys, "--root", str(project), "build", "--no-site", "--no-pdf")
    assert "files 0 written, 0 unchanged, 0 removed" in out  # nothing changed: nothing rendered
    code, out, _ = run_cli(capsys, "--root", str(project), "build", "--no-site", "--no-pdf", "--full")
    files = [p for p in (project / "docs/generated").rglob("*") if p.is_file()]
    assert len(files) > 100  # pages, feeds, the export
    assert f"files 0 written, {len(files)} unchanged, 0 removed" in out
    edit(project / SAMPLE_FILE, "status: published", "status: draft")
    code, out, _ = run_cli(capsys, "--root", str(project), "build", "--no-site", "--no-pdf")
    assert code == 0
    assert "Done: 0 briefings" in out
    assert not (project / f"docs/generated/briefings/{SAMPLE_ID}.md").exists()
    assert (project / "docs/index.md").read_text().startswith("---\ntitle: Briefings")  # hand-written: untouched
    code, out, _ = run_cli(capsys, "--root", str(project), "build", "--no-site", "--no-pdf", "--drafts")
    assert "Done: 1 briefing," in out


def test_new_writes_a_draft_that_passes_check(empty_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--root", str(empty_project), "new", "Talks in Geneva!", "--date", "2025-01-02")
    assert code == 0
    path = empty_project / "briefings/2025-01-02-talks-in-geneva.yaml"
    assert out.startswith(f"Created {path} (status: draft)")
    assert path.read_text().startswith("# yaml-language-server: $schema=../schema/briefing.schema.json\n")
    assert run_cli(capsys, "--root", str(empty_project), "check")[0] == 0
    code, _, err = run_cli(capsys, "--root", str(empty_project), "new", "Talks in Geneva!", "--date", "2025-01-02")
    assert code == 1
    assert "exists already; nothing written" in err


@pytest.mark.parametrize(
    "args",
    [[], ["frobnicate"], ["build", "--bogus"], ["new"], ["new", "T", "--date", "2025-13-01"]],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, _, err = run_cli(capsys, *args)
    assert code == 2
    assert "usage: briefings" in err


@pytest.mark.parametrize("bid", ["abc\n", "abc\nx", "a" * 101, "Abc", "a_b"])
def test_new_and_draft_refuse_an_id_that_is_not_a_file_name(
    empty_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], bid: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("“The harbour will be full by June,” said Ana Ruiz.\n", encoding="utf-8")
    for args in (["new", "A title", "--id", bid], ["draft", str(article), "--id", bid]):
        code, _, err = run_cli(capsys, "--root", str(empty_project), *args)
        assert code == 2, args
        assert "--id must be at most 100 lowercase letters, digits and hyphens" in err
    assert not list((empty_project / "briefings").iterdir())


def test_the_summary_counts_in_the_singular_and_the_plural() -> None:
    assert str(Counts(1, 1, 1, 1)) == "1 briefing, 1 actor, 1 event, 1 quote"
    assert str(Counts(2, 0, 1_000, 3)) == "2 briefings, 0 actors, 1,000 events, 3 quotes"


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--help")
    assert code == 0
    for command in ("check", "build", "serve", "new", "schema"):
        assert command in out


def test_python_dash_m_and_console_script_agree(project: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project), "check"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.startswith("OK: 1 briefing")


def test_schema_check_reports_stale_schemas(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "--root", str(tmp_path), "schema", "--check")[0] == 1
    assert run_cli(capsys, "--root", str(tmp_path), "schema")[0] == 0
    assert run_cli(capsys, "--root", str(tmp_path), "schema", "--check")[0] == 0


def test_what_a_check_freezes_the_preview_frees_again(project: Path) -> None:
    """check() freezes what it made out of the cycle collector's way; the preview, which checks
    again and again, unfreezes and collects after each regeneration, so garbage cycles (an old
    template environment, say) do not pile up edit after edit."""
    import gc

    from generator.load.project import open_project
    from generator.pipeline.serve import _collect
    from generator.pipeline.stages import check

    check(open_project(project))
    assert gc.get_freeze_count() > 0
    _collect()
    assert gc.get_freeze_count() == 0


def test_serve_regenerates_when_a_yaml_file_changes(project: Path) -> None:
    """The live preview: a real `briefings serve` on 127.0.0.1, stopped by the test. A broken edit
    shows its problems on the page itself (a script every preview page loads) until it is fixed;
    PDFs of the last build stay; briefings.toml is watched."""
    import time
    import urllib.request

    pdf = project / "docs/generated/pdf/old.pdf"
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(b"%PDF-1.4 a PDF from the last full build")
    table = project / "docs/generated/export/quotes.csv"  # the export of the last build stays too
    table.parent.mkdir(parents=True)
    table.write_text("briefing,number\n", encoding="utf-8")
    temp = project.parent / "temp"  # where MkDocs' server keeps the site it serves
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    server, port = start_serve(project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    base = f"http://127.0.0.1:{port}/"
    url = f"{base}generated/briefings/{SAMPLE_ID}/"

    def page_has(words: str, timeout: float = 60, at: str = url) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(at, timeout=5) as response:
                    if words in response.read().decode("utf-8"):
                        return True
            except OSError:
                pass
            time.sleep(0.3)
        return False

    report = f"{base}generated/assets/serve.js"
    try:
        assert page_has("North Korean troops could join")
        assert page_has('src="../../assets/serve.js"')  # every preview page loads the report
        assert page_has("const problems = [];", at=report)
        edit(project / SAMPLE_FILE, "title: North Korean troops", "title: Edited title. North Korean troops")
        assert page_has("Edited title. North Korean troops")
        edit(project / SAMPLE_FILE, "date: 2024-06-19", "date: 2024-06-31")  # broken: the preview keeps going
        assert page_has(f"{SAMPLE_FILE}:5: date: no such day: '2024-06-31'", at=report)
        assert page_has("Edited title.")
        edit(project / SAMPLE_FILE, "date: 2024-06-31", "date: 2024-06-19")  # fixed: the report empties
        assert page_has("const problems = [];", at=report)
        about = project / "docs/about.md"  # hand-written pages are watched too
        about.write_text(about.read_text(encoding="utf-8") + "\nA line added while serving.\n", encoding="utf-8")
        assert page_has("A line added while serving.", at=f"{base}about/")
        (project / "briefings.toml").write_text("latest = 0\n", encoding="utf-8")  # settings are watched
        snippet = project / "docs/generated/snippets/latest.md"
        deadline = time.monotonic() + 60
        while "Edited title." in snippet.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.3)
        assert "Edited title." not in snippet.read_text(encoding="utf-8")
        article = project / "article.txt"  # synthetic
        article.write_text("2024-06-20 Harbour strike ends\n\n“We have a deal,” said Mara Quint.\n", encoding="utf-8")
        drafted = subprocess.run(
            [sys.executable, "-m", "generator", "--root", str(project), "draft", str(article), "--id", "harbour"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert drafted.returncode == 0, drafted.stderr
        assert page_has("We have a deal", at=f"{base}generated/briefings/harbour/")  # drafts show in the preview
        assert pdf.is_file()  # the PDF of the last build is still there
        assert table.read_text(encoding="utf-8") == "briefing,number\n"
        assert server.poll() is None
        assert any(temp.iterdir())  # the site being served
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert not any(temp.iterdir())  # stopped, the preview leaves nothing behind
    assert "no such day: '2024-06-31'" in output
    assert "the preview keeps the last good pages" in output
    assert "changed pages again" in output  # MkDocs built only the pages the edits changed


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('marking = "TLP:CLEAR"\npaper = "A5"\n', "briefings.toml:2: paper: expected 'A4' or 'Letter', got 'A5'"),
        ("latest = 'ten'\n", "briefings.toml:1: latest: expected a whole number, got 'ten'"),
        ("marking = 'TLP:RED'\nlatest = -3\n", "briefings.toml:2: latest: expected 0 to 1000, got -3"),
        ('markings = "x"\n', "briefings.toml:1: markings: unknown setting; did you mean 'marking'?"),
        ('publisher = "   "\n', "briefings.toml:1: publisher: expected 1 to 200 characters, got '   '"),
        (
            'max_marking = "AMBER"\n',
            "briefings.toml:1: max_marking: expected one of TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, "
            "TLP:RED, got 'AMBER'",
        ),
        ("marking = \n", "briefings.toml:1: invalid TOML"),
    ],
)
def test_bad_settings_are_reported(project: Path, capsys: pytest.CaptureFixture[str], toml: str, message: str) -> None:
    write(project, "briefings.toml", toml)
    code, _, err = run_cli(capsys, "--root", str(project), "check")
    assert code == 1
    assert f"{project}/{message}" in err


def test_settings_reach_the_pdf(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    import pypdf

    write(project, "briefings.toml", 'marking = "TLP:AMBER+STRICT"\npublisher = "Desk A"\n')
    assert run_cli(capsys, "--root", str(project), "pdf")[0] == 0
    reader = pypdf.PdfReader(io.BytesIO((project / f"build/pdf/{SAMPLE_ID}.pdf").read_bytes()))
    assert all("TLP:AMBER+STRICT" in (page.extract_text() or "") for page in reader.pages)
    assert reader.metadata is not None
    assert reader.metadata.author == "Desk A"


def test_relative_root_and_an_empty_project_build(
    empty_project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(empty_project.parent)
    code, out, err = run_cli(capsys, "-C", empty_project.name, "build", "--strict")
    assert (code, err) == (0, "")
    assert out.startswith("Done: 0 briefings, 0 actors, 0 events, 0 quotes;")
    home = (empty_project / "site/index.html").read_text(encoding="utf-8")
    assert "No briefings published yet." in home


def test_reference_problems_are_reported_with_validation_problems(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project / SAMPLE_FILE, "key_points:", "keypoints:")  # makes the sample invalid on its own
    write(
        project,
        "briefings/2024-06-20-b.yaml",
        """
        title: B
        date: 2024-06-20
        sources: [{title: S}]
        summary: S.
        actors: [{actor: vladimir-putn, role: r}]
        events: [putin-flies-to-vietnam-2024, no-such-event]
        """,
    )
    code, _, err = run_cli(capsys, "--root", str(project), "check")
    assert code == 1
    lines = err.splitlines()
    assert lines[0].endswith(f"{SAMPLE_FILE}:25: keypoints: unknown field; did you mean 'key_points'?")
    assert lines[1].endswith(
        "2024-06-20-b.yaml:5: actors[0].actor: unknown actor 'vladimir-putn'; did you mean 'vladimir-putin'?"
    )
    # an event defined inline in the invalid briefing is not reported as unknown; a missing one is
    assert lines[2].endswith("2024-06-20-b.yaml:6: events[1]: unknown event 'no-such-event'")
    assert lines[3] == "3 problems found; nothing was written."


def test_a_broken_registry_does_not_flood_references(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project / "briefings/actors.yaml", "kind: person", "kind: human")
    code, _, err = run_cli(capsys, "--root", str(project), "check")
    assert code == 1
    assert "unknown actor" not in err
    assert err.endswith("1 problem found; nothing was written.\n")


def test_generated_pages_are_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Sets iterate in another order under another PYTHONHASHSEED; the pages must not change."""
    from bench.synthetic import make_corpus

    from .conftest import copy_project

    trees = []
    for seed in ("1", "2"):
        root = copy_project(tmp_path / f"p{seed}", briefings=False)
        make_corpus(root, 80)
        env = {**os.environ, "PYTHONHASHSEED": seed}
        cmd = [sys.executable, "-m", "generator", "--root", str(root), "build", "--no-site", "--no-pdf"]
        assert subprocess.run(cmd, env=env, capture_output=True, check=False).returncode == 0
        out = root / "docs/generated"
        trees.append({str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*.md")})
    assert len(trees[0]) > 200
    assert trees[0] == trees[1]


def test_rebuild_after_an_edit_renders_less_and_gives_the_same_pages_as_a_full_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bench.synthetic import make_corpus

    from .conftest import copy_project

    root = copy_project(tmp_path / "p", briefings=False)
    make_corpus(root, 50)
    args = ["--root", str(root), "build", "--no-site", "--no-pdf"]
    assert run_cli(capsys, *args)[0] == 0
    path = sorted((root / "briefings").rglob("*-synthetic-*.yaml"))[10]
    edit(path, "SYNTHETIC briefing", "Edited briefing")
    code, out, _ = run_cli(capsys, *args)
    assert code == 0
    rendered = re.search(r"files (\d+) written, (\d+) unchanged", out)
    assert rendered is not None
    out_dir = root / "docs/generated"
    quick = {str(p.relative_to(out_dir)): p.read_bytes() for p in out_dir.rglob("*") if p.is_file()}
    code, out, _ = run_cli(capsys, *args, "--full")
    full = {str(p.relative_to(out_dir)): p.read_bytes() for p in out_dir.rglob("*") if p.is_file()}
    assert "files 0 written" in out  # the quick rebuild had written everything a full one would
    assert quick == full
    assert int(rendered.group(1)) + int(rendered.group(2)) < len(full) / 2
