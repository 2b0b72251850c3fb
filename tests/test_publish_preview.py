"""The preview's MkDocs builds (publish/preview.py): after a full build, only the pages a request
names are built again; anything it cannot do page by page falls back to MkDocs' own build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.publish import preview

CONFIG = """\
site_name: Preview test
site_url: http://127.0.0.1:8000/
theme:
  name: material
markdown_extensions:
  - pymdownx.snippets:
      base_path: [docs]
      check_paths: true
exclude_docs: |
  snippets/
nav:
  - Home: index.md
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # MkDocs runs in the project (the snippets' base path is docs/)
    (tmp_path / "docs/snippets").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "docs/index.md").write_text('# Home\n\n--8<-- "snippets/latest.md"\n', encoding="utf-8")
    (tmp_path / "docs/snippets/latest.md").write_text("Latest: first\n", encoding="utf-8")
    for name in ("one", "two"):
        (tmp_path / f"docs/{name}.md").write_text(f"# Page {name}\n\nversion 1\n", encoding="utf-8")
    return tmp_path


class Builds:
    """An IncrementalBuild over the project, counting the full builds it makes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.full = 0
        self.cache = root / "build/cache"
        self.cache.mkdir(parents=True)
        preview.add_request(self.cache, [], [])

        def counted(config: object, **kwargs: object) -> None:
            self.full += 1
            build(config, **kwargs)  # type: ignore[arg-type]

        self.run = preview.IncrementalBuild(counted, self.cache / preview.REQUESTS)

    def __call__(self) -> None:
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.root / "site"))
        self.run(config, serve_url="http://127.0.0.1:8000/", dirty=True)

    def page(self, name: str) -> str:
        return (self.root / "site" / name / "index.html").read_text(encoding="utf-8")

    def stamp(self, name: str) -> int:
        return os.stat(self.root / "site" / name / "index.html").st_mtime_ns


def test_a_request_builds_only_the_pages_it_names(project: Path) -> None:
    builds = Builds(project)
    builds()
    assert builds.full == 1
    untouched = builds.stamp("two")
    (project / "docs/one.md").write_text("# Page one\n\nversion 2\n", encoding="utf-8")
    preview.add_request(builds.cache, ["one.md"], [])
    builds()
    assert builds.full == 1  # no second full build
    assert "version 2" in builds.page("one")
    assert builds.stamp("two") == untouched  # not written again


def test_the_pages_named_first_are_built_alone_then_the_rest(project: Path) -> None:
    builds = Builds(project)
    rounds: list[str] = []
    builds.run.again = lambda: rounds.append("again")
    builds()
    untouched = builds.stamp("two")
    for name in ("one", "two"):
        (project / f"docs/{name}.md").write_text(f"# Page {name}\n\nversion 2\n", encoding="utf-8")
    preview.add_request(builds.cache, ["one.md", "two.md"], [], first=["one.md"])
    builds()
    assert "version 2" in builds.page("one")
    assert builds.stamp("two") == untouched  # left for the next round, which the server is asked for
    assert rounds == ["again"]
    builds()
    assert "version 2" in builds.page("two")
    assert rounds == ["again"]
    assert builds.full == 1
    builds()  # nothing new: nothing built
    assert builds.full == 1


def test_a_changed_snippet_builds_the_pages_that_include_it(project: Path) -> None:
    builds = Builds(project)
    builds()
    (project / "docs/snippets/latest.md").write_text("Latest: second\n", encoding="utf-8")
    preview.add_request(builds.cache, ["snippets/latest.md"], [])
    builds()
    assert builds.full == 1
    assert "Latest: second" in (project / "site/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", ["new file", "removed file", "missed request", "config changed"])
def test_what_cannot_be_built_page_by_page_gets_a_full_build(project: Path, case: str) -> None:
    builds = Builds(project)
    builds()
    (project / "docs/one.md").write_text("# Page one\n\nversion 2\n", encoding="utf-8")
    if case == "new file":
        (project / "docs/three.md").write_text("# Page three\n", encoding="utf-8")
        preview.add_request(builds.cache, ["one.md", "three.md"], [])
    elif case == "removed file":
        (project / "docs/two.md").unlink()
        preview.add_request(builds.cache, ["one.md"], ["two.md"])
    elif case == "missed request":
        (project / "build/cache" / preview.REQUESTS).write_text(
            '[{"serial": 99, "changed": ["one.md"], "removed": []}]', encoding="utf-8"
        )
    elif case == "config changed":
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("Preview test", "Renamed"), encoding="utf-8")
        os.utime(config, (1, 1))
        preview.add_request(builds.cache, ["one.md"], [])
    builds()
    assert builds.full == 2
    assert "version 2" in builds.page("one")
    if case == "new file":
        assert "Page three" in builds.page("three")
    # after a full build, requests are built page by page again
    (project / "docs/one.md").write_text("# Page one\n\nversion 3\n", encoding="utf-8")
    preview.add_request(builds.cache, ["one.md"], [])
    builds()
    assert builds.full == 2
    assert "version 3" in builds.page("one")


def test_requests_keep_the_last_ones_and_paths_inside_docs(tmp_path: Path) -> None:
    for k in range(preview.KEEP + 5):
        preview.add_request(tmp_path, [f"generated/p{k}.md"], [])
    requests = preview.read_requests(tmp_path / preview.REQUESTS)
    assert [r.serial for r in requests] == list(range(6, preview.KEEP + 6))
    assert requests[-1].changed == [f"generated/p{preview.KEEP + 4}.md"]
    docs = tmp_path / "docs"
    assert preview.docs_paths(docs, docs / "generated", ["a/b.md"]) == ["generated/a/b.md"]
    assert preview.docs_paths(docs, docs, ["about.md"]) == ["about.md"]
    (tmp_path / preview.REQUESTS).write_text("not json", encoding="utf-8")
    assert preview.read_requests(tmp_path / preview.REQUESTS) == []
