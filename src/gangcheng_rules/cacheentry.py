"""Build caches under .cache/gcrules/: an entry is a directory that appears whole or not at all; a passed
check is an empty file named by the hash of everything it checked.

Remembered passes are for checks that are pure functions of bytes but cost more than their whole stage
(compiling the Akoma Ntoso XSD takes longer than building and writing the export): the same inputs
passed before, so they pass again. Only passes are remembered, so a failure always runs the check and
reports current messages; a missing, emptied or unwritable cache only means the check runs.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

CACHE_DIR = Path(".cache") / "gcrules"  # in the project (gitignored)
PASSED = "passed"  # CACHE_DIR/passed/<kind>-<sha256 of the inputs>


def check_key(kind: str, *inputs: bytes) -> str:
    """The name of a check of `kind` over exactly these inputs (each length-prefixed, so no two splits collide)."""
    h = hashlib.sha256(kind.encode() + b"\0")
    for data in inputs:
        h.update(len(data).to_bytes(8, "big") + data)
    return f"{kind}-{h.hexdigest()}"


@functools.cache
def installed() -> bytes:
    """The installed distributions (every .dist-info and .egg-info on sys.path, by name and version): what the
    libraries a cached result was made with are."""
    names = set()
    for entry in sys.path:
        try:
            names.update(n for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info")))
        except OSError:  # a zip file, a missing or unreadable directory: no distributions listed there
            pass
    return "\n".join(sorted(names)).encode()


def has_passed(cache_dir: Path, key: str) -> bool:
    try:
        return (Path(cache_dir) / PASSED / key).is_file()
    except OSError:  # a cache directory this user may not search: the check runs
        return False


def remember_pass(cache_dir: Path, key: str) -> None:
    """Note that the check `key` passed (an empty file: nothing in it to be half-written or edited)."""
    try:
        d = Path(cache_dir) / PASSED
        d.mkdir(parents=True, exist_ok=True)
        (d / key).touch()
    except OSError:  # a read-only checkout: the check simply runs next time too
        pass


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
