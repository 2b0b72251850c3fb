"""Run `mkdocs build` for briefings: python -m generator.mkdocs_run [mkdocs build options].

For an incremental (--dirty) build into a copy of the previous site whose pages are hard links,
every file MkDocs writes is first unlinked, so the previous site is never changed in place. The
warning MkDocs gives for every --dirty build is dropped: here the copy is kept consistent by
briefings (see site.py), so it would only make --strict fail.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys

from mkdocs import utils
from mkdocs.__main__ import cli


def _write_file(content: bytes, output_path: str) -> None:
    os.makedirs(os.path.dirname(output_path), exist_ok=True)
    if os.path.lexists(output_path):
        os.unlink(output_path)
    with open(output_path, "wb") as f:
        f.write(content)


def _copy_file(source_path: str, output_path: str) -> None:
    os.makedirs(os.path.dirname(output_path), exist_ok=True)
    if os.path.isdir(output_path):
        output_path = os.path.join(output_path, os.path.basename(source_path))
    if os.path.lexists(output_path):
        os.unlink(output_path)
    shutil.copyfile(source_path, output_path)


class _NoDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "A 'dirty' build is being performed" not in record.getMessage()


def main() -> None:
    utils.write_file = _write_file
    utils.copy_file = _copy_file
    logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyWarning())
    cli(["build", *sys.argv[1:]])


if __name__ == "__main__":
    main()
