"""A disposable copy of the project's data and schemas, for tests that break it on purpose.

The schemas are copied too: a root's data is checked against that root's schema/, never the checkout's.

remembered=True also gives the copy the schema passes of the untouched data (.cache/gcrules/passed/), as a
checkout that validated before has them: a file the test leaves alone passed these very schemas with these
very bytes, so validate does not check it against them again; every file the test changes is checked
(its key is another), and every corpus rule, fidelity and coverage check still reads the whole copy. The
schema validation of 80 files is most of what a cold validate costs (~0.7 s of ~1 s a case); the cold path is
tested with the default copies (test_passed_checks.py).
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from gangcheng_rules.cacheentry import CACHE_DIR, PASSED

ROOT = Path(__file__).resolve().parent.parent


class DataCopy:
    def __init__(self, root: Path, remembered: bool = False):
        self.root = root
        shutil.copytree(ROOT / "data", root / "data")
        shutil.copytree(ROOT / "schema", root / "schema")
        if remembered:
            shutil.copytree(pristine_passes(), root / CACHE_DIR / PASSED)

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        self.path(rel).write_text(text, encoding="utf-8")

    def replace(self, rel: str, old: str, new: str, count: int = 1) -> None:
        text = self.read(rel)
        assert old in text, f"fixture out of date: {old!r} not in {rel}"
        self.write(rel, text.replace(old, new, count))


def alias_bomb(levels: int) -> str:
    """The billion-laughs YAML: each level a list of nine aliases of the one before (4 KB at 7 levels)."""
    lines = ["l0: &l0 [" + ", ".join(["lol"] * 9) + "]"]
    for n in range(1, levels):
        lines.append(f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@functools.cache
def pristine_passes() -> Path:
    """The schema passes of the checkout's data, made once per process by validating an untouched copy
    (never taken from the checkout's own cache, whose state depends on what ran before)."""
    from gangcheng_rules.read import read_raw
    from gangcheng_rules.validate import validate

    root = Path(tempfile.mkdtemp(prefix="pristine-passes-"))
    atexit.register(shutil.rmtree, root, True)
    DataCopy(root)
    assert validate(read_raw(root)) == [], "the checkout's data does not validate"
    return root / CACHE_DIR / PASSED
