"""One directory of JSON Schemas: the documents, their registry by $id and a validator per schema.

A SchemaSet is built per directory (a checkout's schema/ or the copy shipped in the package) and caches
what it parses on the instance, never process-wide, so two checkouts in one process never mix. A checkout's
set remembers in its build cache which schema files passed the meta-schema (by their bytes and the
jsonschema versions), so each file is checked against it once, not on every build.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from importlib import metadata, resources
from pathlib import Path

import jsonschema
from referencing import Registry, Resource

from .cacheentry import check_key, has_passed, remember_pass
from .problems import Problem

SUFFIX = ".schema.json"


@dataclass(frozen=True)
class SchemaSet:
    directory: Path
    cache_dir: Path | None = field(default=None, compare=False)  # where passes are remembered (None: nowhere)
    _validators: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def files(self) -> dict[str, bytes]:
        """File name → bytes of every *.schema.json, in name order (the export publishes these bytes)."""
        return {p.name: p.read_bytes() for p in sorted(self.directory.glob(f"*{SUFFIX}"))}

    @cached_property
    def documents(self) -> dict[str, dict]:
        """Schema name ('article', 'rules', …) → parsed schema."""
        return {name.removesuffix(SUFFIX): json.loads(data.decode("utf-8")) for name, data in self.files.items()}

    def schema(self, name: str) -> dict:
        try:
            return self.documents[name]
        except KeyError:
            raise FileNotFoundError(f"no {name}{SUFFIX} in {self.directory}") from None

    @cached_property
    def registry(self) -> Registry:
        """All schemas of the set by $id, so rules.schema.json's relative $refs resolve offline."""
        return Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in self.documents.values())

    def check(self, names: tuple[str, ...], rel: str = "schema") -> list[Problem]:
        """Problems that stop validation with this set: a needed schema missing, unreadable or not a valid schema."""
        out = []
        try:
            docs = self.documents
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            return [Problem(rel, getattr(e, "lineno", None), "$", f"cannot read the schemas: {e}")]
        for name in names:
            path = f"{rel}/{name}{SUFFIX}"
            if name not in docs:
                out.append(Problem(path, None, "$", "missing: the data cannot be checked without it"))
                continue
            key = check_key("json-schema", self._checker_version, self.files[f"{name}{SUFFIX}"])
            if self.cache_dir is not None and has_passed(self.cache_dir, key):
                continue
            try:
                jsonschema.Draft202012Validator.check_schema(docs[name])
            except jsonschema.SchemaError as e:
                out.append(Problem(path, None, "$", f"not a valid JSON Schema: {e.message[:200]}"))
            else:
                if self.cache_dir is not None:
                    remember_pass(self.cache_dir, key)
        return out

    @cached_property
    def _checker_version(self) -> bytes:
        """The meta-schema check is jsonschema's and its bundled meta-schemas': their versions are part of a pass."""
        return "".join(f"{d}={metadata.version(d)};" for d in ("jsonschema", "jsonschema-specifications")).encode()

    def validator(self, name: str) -> jsonschema.Draft202012Validator:
        if name not in self._validators:
            self._validators[name] = jsonschema.Draft202012Validator(
                self.schema(name), registry=self.registry, format_checker=jsonschema.FormatChecker()
            )
        return self._validators[name]


def packaged_schemas() -> SchemaSet:
    """The schemas shipped inside the installed package (src/gangcheng_rules/schema → the checkout's schema/)."""
    return SchemaSet(Path(str(resources.files("gangcheng_rules") / "schema")))
