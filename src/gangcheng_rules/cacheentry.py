"""Build caches under .cache/gcrules/: an entry is a directory that appears whole or not at all."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path


def store_aside(entry: Path, files: dict[str, bytes]) -> None:
    """Write `files` into the directory `entry` at once: built in a temporary sibling and renamed, so a reader
    sees the whole entry or none; a damaged entry of the same name is moved aside and removed."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{entry.name}-", dir=entry.parent))
    for name, data in files.items():
        (tmp / name).write_bytes(data)
    try:
        tmp.rename(entry)
        return
    except OSError:  # an entry of that name exists: another build's (same key, same bytes) or a damaged one
        pass
    old = Path(tempfile.mkdtemp(prefix=f".{entry.name}-old-", dir=entry.parent))
    try:
        entry.rename(old / "entry")
        tmp.rename(entry)
    except OSError:  # another build swapped in its copy meanwhile: keep it
        pass
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(tmp, ignore_errors=True)


def remove_entry(path: Path) -> None:
    """Remove a stale entry (a directory, or a file left by an older version of the cache)."""
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
