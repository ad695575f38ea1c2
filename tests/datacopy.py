"""A disposable copy of the project's data and schemas, for tests that break it on purpose.

The schemas are copied too: a root's data is checked against that root's schema/, never the checkout's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class DataCopy:
    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(ROOT / "data", root / "data")
        shutil.copytree(ROOT / "schema", root / "schema")

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
