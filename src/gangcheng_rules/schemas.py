"""One directory of JSON Schemas: the documents, their registry by $id and a validator per schema.

A SchemaSet is built per directory (a checkout's schema/ or the copy shipped in the package) and caches
what it parses on the instance, never process-wide, so two checkouts in one process never mix. A checkout's
set remembers in its build cache what passed (cacheentry's remembered passes): which schema files passed the
meta-schema, and which data passed which schema, keyed by the schema files' bytes, the data as canonical
JSON and the installed libraries; a build whose data did not change then runs no schema validation and
does not even import jsonschema (a tenth of a second).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .cacheentry import check_key, has_passed, installed, remember_pass
from .problems import Problem

if TYPE_CHECKING:
    import jsonschema
    from referencing import Registry

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
        from referencing import Registry, Resource

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
            key = check_key("json-schema", installed(), self.files[f"{name}{SUFFIX}"])
            if self.cache_dir is not None and has_passed(self.cache_dir, key):
                continue
            import jsonschema

            try:
                jsonschema.Draft202012Validator.check_schema(docs[name])
            except jsonschema.SchemaError as e:
                out.append(Problem(path, None, "$", f"not a valid JSON Schema: {e.message[:200]}"))
            else:
                if self.cache_dir is not None:
                    remember_pass(self.cache_dir, key)
        return out

    def data_pass_key(self, name: str, data) -> str | None:
        """The remembered-pass name of `data` against schema `name`, or None (nothing is remembered for this
        set, or the data holds a value JSON cannot spell, which is never remembered)."""
        if self.cache_dir is None:
            return None
        try:
            canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
        except (TypeError, ValueError):
            return None
        return check_key("json-data", self._set_identity, name.encode(), canonical.encode())

    def passed(self, key: str | None) -> bool:
        return key is not None and self.cache_dir is not None and has_passed(self.cache_dir, key)

    def remember(self, key: str | None) -> None:
        if key is not None and self.cache_dir is not None:
            remember_pass(self.cache_dir, key)

    @cached_property
    def _set_identity(self) -> bytes:
        """What a validation depends on besides its data: every schema file (a $ref may reach any of them) and
        the installed libraries (jsonschema, its meta-schemas, and the optional packages its format checker uses)."""
        files = b"".join(check_key(name, data).encode() for name, data in self.files.items())
        return installed() + files

    def validator(self, name: str) -> jsonschema.Draft202012Validator:
        import jsonschema

        if name not in self._validators:
            self._validators[name] = jsonschema.Draft202012Validator(
                self.schema(name), registry=self.registry, format_checker=jsonschema.FormatChecker()
            )
        return self._validators[name]


def packaged_schemas() -> SchemaSet:
    """The schemas shipped inside the installed package (src/gangcheng_rules/schema → the checkout's schema/)."""
    return SchemaSet(Path(str(resources.files("gangcheng_rules") / "schema")))
