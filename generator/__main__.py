"""`python -m generator` runs the `briefings` command."""

from .cli import main

raise SystemExit(main())
