"""One checkout of the dataset: where its data, source text and schemas are, and its schema validators.

Everything that reads a dataset (validate, export, diff, search, the site) takes a Project, so the data of
one root is always checked against, and published with, the schemas of the same root.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .cacheentry import CACHE_DIR
from .schemas import SchemaSet

MARKER = Path("data") / "document.yaml"
# Directories of a checkout that a writing command never writes into (besides the root and its parents).
PROTECTED = ("data", "schema", "src", ".git")


class ProjectNotFound(Exception):
    """No directory holding data/document.yaml was given or found."""


@dataclass(frozen=True)
class Project:
    root: Path

    def __post_init__(self):
        object.__setattr__(self, "root", Path(os.path.abspath(self.root)))

    @classmethod
    def of(cls, root: Project | Path | str | None = None) -> Project:
        """A Project as given (a Project or its root directory), or the one discovered from the current directory."""
        if isinstance(root, Project):
            return root
        if root is None or str(root) == "":
            return cls.discover()
        return cls(Path(root))

    @classmethod
    def discover(cls, start: Path | str | None = None) -> Project:
        """The nearest directory, from start (default: the current directory) upwards, that holds data/document.yaml."""
        here = Path(os.path.abspath(start or Path.cwd()))
        for d in (here, *here.parents):
            if (d / MARKER).is_file():
                return cls(d)
        raise ProjectNotFound(
            f"no dataset found: neither {here} nor any directory above it holds {MARKER.as_posix()}; "
            "run inside a checkout or give --root DIR"
        )

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def schema_dir(self) -> Path:
        return self.root / "schema"

    @property
    def document_file(self) -> Path:
        return self.root / MARKER

    def source_file(self, declared: str | None) -> Path:
        """The official text: document.yaml's source_file, relative to the root."""
        return self.root / (declared or "data/source/gangcheng-government-work-rules-2022.txt")

    @cached_property
    def schemas(self) -> SchemaSet:
        return SchemaSet(self.schema_dir, cache_dir=self.root / CACHE_DIR)

    def validator(self, name: str):
        return self.schemas.validator(name)

    def protected(self) -> tuple[Path, ...]:
        """Resolved directories no export may land in or replace."""
        return tuple((self.root / name).resolve() for name in PROTECTED)
