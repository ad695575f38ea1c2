"""Builds that are byte-identical on any day, in any time zone, locale or checkout path.

The one clock a build may read is SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/).
We derive it from the dataset, not from git: the date of the newest changelog entry in data/document.yaml
(midnight UTC), so a fresh clone, a shallow CI clone and an unpacked sdist all get the same value, and the
sitemap's <lastmod> is the date the data was last released.

`python -m gangcheng_rules.reproducible [ROOT]` prints it (the Makefile uses this).
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import os
import sys
from pathlib import Path

from .model import Document

ENV = "SOURCE_DATE_EPOCH"


def source_date_epoch(document: Document) -> int:
    """Midnight UTC of the newest changelog entry (or of the document's date if there is none)."""
    day = max((c.date for c in document.changelog), default=document.date)
    return int(dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC).timestamp())


def rewrite_gzip(path: Path, mtime: int) -> None:
    """Rewrite a .gz file with a fixed header (mtime given, no file name), as gzip -n does."""
    data = gzip.decompress(path.read_bytes())
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=mtime, compresslevel=9) as gz:
        gz.write(data)
    path.write_bytes(buf.getvalue())


def env_epoch() -> int | None:
    value = os.environ.get(ENV)
    return int(value) if value and value.strip().isdigit() else None


def main(argv: list[str]) -> int:
    from .build import load_corpus

    print(source_date_epoch(load_corpus(argv[0] if argv else None).document))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
