"""Folders deleted without waiting: the site a build replaces, and its scratch folders.

Deleting a site of 50,000 pages takes seconds (a minute or two at 500,000), and nothing in a build
needs to wait for it. The folder is renamed into the system's temporary folder at once (so its
name is free and nothing in the project can read it or trip over it), and a process of its own
deletes it there while the build goes on or ends. Where the temporary folder is on another file
system (no rename across them), the folder is deleted here and now, as before.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

TRASH_PREFIX = "briefings-trash-"
_DELETE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


def discard(folder: Path) -> None:
    """Take `folder` out of the way now and delete it in the background (see above)."""
    if not folder.is_dir():
        return
    trash = Path(tempfile.gettempdir()) / f"{TRASH_PREFIX}{secrets.token_hex(6)}"
    try:
        if os.stat(trash.parent).st_dev != os.stat(folder).st_dev:
            raise OSError("another file system")
        folder.rename(trash)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    try:
        subprocess.Popen(
            [sys.executable, "-c", _DELETE, str(trash)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # (not stopped with the build's own process group)
        )
    except OSError:
        shutil.rmtree(trash, ignore_errors=True)
