"""A link checker for a built site: every internal link, asset and anchor must resolve."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key) and (key == "id" or tag == "a"):
                self.ids.add(values[key] or "")
        wanted = LINKING.get(tag)
        if wanted and values.get(wanted) and values.get("rel") != "canonical":
            self.links.append(values[wanted] or "")


@dataclass
class Report:
    """What a check found."""

    pages: int = 0
    links: int = 0
    external: int = 0
    broken: list[str] = field(default_factory=list)


def check_site(site: Path, prefix: str = "/") -> Report:
    """Check every page of `site` as if it were served under `prefix` (e.g. /pr-preview/pr-7/)."""
    assert prefix.startswith("/")
    assert prefix.endswith("/")
    report = Report()
    parsed: dict[Path, _Page] = {}

    def page(path: Path) -> _Page:
        if path not in parsed:
            parser = _Page()
            parser.feed(path.read_text(encoding="utf-8"))
            parsed[path] = parser
        return parsed[path]

    for path in sorted(site.rglob("*.html")):
        report.pages += 1
        rel = path.relative_to(site).as_posix()
        url = prefix + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        for href in page(path).links:
            report.links += 1
            parts = urlsplit(href)
            if parts.scheme in ("http", "https", "mailto") or href.startswith("//"):
                report.external += 1
                continue
            if parts.scheme:
                report.broken.append(f"{url}: unexpected link scheme {href!r}")
                continue
            target = urlsplit(urljoin(url, href))
            target_path = posixpath.normpath(unquote(target.path))
            if target.path.endswith(("/", "/.", "/..")) and not target_path.endswith("/"):
                target_path += "/"
            if not target_path.startswith(prefix):
                report.broken.append(f"{url}: {href!r} leaves the site's path {prefix}")
                continue
            file = site / target_path[len(prefix) :]
            if target_path.endswith("/") or file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                report.broken.append(f"{url}: {href!r} -> missing {target_path}")
            elif target.fragment and file.suffix == ".html" and unquote(target.fragment) not in page(file).ids:
                report.broken.append(f"{url}: {href!r} -> no anchor #{target.fragment}")
    return report
