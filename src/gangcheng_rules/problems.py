"""Problems are data: every check returns them; only the CLI and the hook print them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    pointer: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.pointer}: {self.message}"


class DataError(Exception):
    """Raised by load() when the data has problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.pointer, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))
