"""Problems are data: every check returns them; only the CLI and the MkDocs plugin print them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    pointer: str
    message: str
    column: int | None = None  # 1-based; known for YAML syntax errors and characters the reader refuses

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}" + (f":{self.column}" if self.column else "")
        return f"{where}: {self.pointer}: {self.message}"


def sort_key(p: Problem):
    return (p.path, p.line or 0, p.column or 0, p.pointer, p.message)


class DataError(Exception):
    """Raised by load() when the data has problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))
