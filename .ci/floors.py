"""Print pins of the lowest versions pyproject.toml allows for each direct dependency.

`make test-lowest` installs with these as constraints, so the floors we declare are tested.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

project = tomllib.loads(Path(sys.argv[1] if len(sys.argv) > 1 else "pyproject.toml").read_text())["project"]
optional = project.get("optional-dependencies", {})
for spec in [*project["dependencies"], *optional.get("draft", [])]:
    m = re.match(r"\s*([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?\s*>=\s*([0-9][0-9.]*)", spec)
    if m:
        print(f"{m.group(1)}=={m.group(2)}")
