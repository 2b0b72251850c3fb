"""Write a data frame saved by R (.rda, as CRAN packages ship their data) as the CSV its data
set's own download has: python bench/rda_to_csv.py FILE.rda OUT.csv.

Needs `pip install pyreadr pandas` (not a dependency of briefings). Used for the public samples
in bench/README ("Public data sets read whole"): UCDP GED's 1,000-event sample in the CRAN package
uncertainUCDP (data/ucdpged.rda) and ACLED's 9,000-event sample in ACLED's own R package acledR
(data/acled_old_deletion_dummy.rda). Neither table is kept in this repository.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path
from typing import Any


def cell(value: Any, column: str) -> str:
    """A value as the data sets' CSV writes it: whole numbers without '.0', dates ISO, NA empty."""
    if value is None or value != value:  # NA: NaN and NaT are not equal to themselves
        return ""
    if isinstance(value, float) and value.is_integer() and column not in ("latitude", "longitude"):
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.000")  # UCDP GED's CSV
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def plain(value: Any) -> Any:
    """A pandas timestamp as Python's datetime; anything else as it is."""
    return value.to_pydatetime() if hasattr(value, "to_pydatetime") else value


def main() -> None:
    import pyreadr

    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    (frame,) = pyreadr.read_r(str(source)).values()
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(frame.columns)
        for row in frame.itertuples(index=False):
            writer.writerow([cell(plain(v), c) for v, c in zip(row, frame.columns, strict=True)])
    print(f"{len(frame):,} rows, {len(frame.columns)} columns -> {out}")


if __name__ == "__main__":
    main()
