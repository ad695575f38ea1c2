"""Read back an export (a rules.json file or an export directory), checked against the packaged schemas.

An installed package validates and compares exports without any checkout: the schemas it checks them
against are the ones it ships (the shape from_bundle understands), not whatever the export carries.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from . import model as m
from .legacy import upgrade_article, upgrade_bundle
from .problems import DataError, Problem
from .replace import MANIFEST
from .schemas import SchemaSet, packaged_schemas

MAX_REPORTED = 50


def is_export(path: Path) -> bool:
    """A rules.json file or a directory holding one (and no data/document.yaml)."""
    path = Path(path)
    if path.is_dir():
        return (path / "rules.json").is_file() and not (path / "data" / "document.yaml").exists()
    return path.suffix == ".json"


def read_export(path: Path, schemas: SchemaSet | None = None) -> m.Corpus:
    """The corpus of an export; raises DataError with every problem (schema, integrity) found."""
    from .build import from_bundle
    from .validate import json_path

    schemas = schemas or packaged_schemas()
    path = Path(path)
    problems: list[Problem] = []
    rules = path / "rules.json" if path.is_dir() else path
    if path.is_dir():
        problems += _integrity(path)
        article = schemas.validator("article")
        for f in sorted((path / "articles").glob("*.json")):
            obj = _read_json(f, problems)
            if obj is not None:
                obj = upgrade_article(obj)
                problems += [Problem(str(f), None, json_path(e.absolute_path), e.message[:200]) for e in article.iter_errors(obj)]
    bundle = _read_json(rules, problems)
    if isinstance(bundle, dict):
        bundle = upgrade_bundle(bundle)  # a 1.0 export (obligations) in the 2.0 shape
    if bundle is not None:
        if not isinstance(bundle, dict) or "articles" not in bundle:
            problems.append(Problem(str(rules), 1, "$", "not a rules.json export (no articles)"))
        else:
            try:
                errors = sorted(schemas.validator("rules").iter_errors(bundle), key=lambda e: list(map(str, e.absolute_path)))
            except RecursionError:
                errors = None
                problems.append(Problem(str(rules), None, "$", "nested too deeply to be a rules.json export"))
            if errors is not None:
                problems += [Problem(str(rules), None, json_path(e.absolute_path), e.message[:200]) for e in errors]
                if not errors:
                    problems += check_bundle(bundle, str(rules))
    if problems:
        raise DataError(problems[:MAX_REPORTED])
    return from_bundle(bundle)


def _read_json(path: Path, problems: list[Problem]):
    if not path.exists():
        problems.append(Problem(str(path), None, "$", "no such file or directory"))
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        problems.append(Problem(str(path), None, "$", f"cannot read: {e}"))
    except json.JSONDecodeError as e:
        problems.append(Problem(str(path), e.lineno, "$", f"invalid JSON: {e.msg}"))
    except (ValueError, RecursionError) as e:  # a number too long to convert, nesting too deep to parse
        problems.append(Problem(str(path), None, "$", f"invalid JSON: {str(e)[:200]}"))
    return None


def check_bundle(bundle: dict, path: str) -> list[Problem]:
    """What the schema cannot say about a rules.json (edited by hand, say): one article per number, 1..N,
    eIds unique. Without this two articles numbered 1 would collapse into one and compare as "no changes"."""
    out = []
    seen: dict[int, int] = {}
    eids: dict[str, str] = {}
    for i, a in enumerate(bundle["articles"]):
        n = a["number"]
        if n in seen:
            out.append(Problem(path, None, f"$.articles[{i}].number", f"duplicate article number {n} (also $.articles[{seen[n]}])"))
        seen.setdefault(n, i)
        units = [(f"$.articles[{i}].eid", a["eid"])]
        for k, p in enumerate(a["paragraphs"]):
            units.append((f"$.articles[{i}].paragraphs[{k}].eid", p["eid"]))
            units += [(f"$.articles[{i}].paragraphs[{k}].items[{j}].eid", it["eid"]) for j, it in enumerate(p.get("items", []))]
        for pointer, eid in units:
            if eid in eids:
                out.append(Problem(path, None, pointer, f"duplicate eId {eid} (also {eids[eid]})"))
            eids.setdefault(eid, pointer)
    missing = sorted(set(range(1, max(seen, default=0) + 1)) - set(seen))
    if missing:
        out.append(
            Problem(path, None, "$.articles", f"articles must run 1..{max(seen)} without gaps; missing {', '.join(map(str, missing[:20]))}")
        )
    return out


def _integrity(d: Path) -> list[Problem]:
    """Files of an export directory against its manifest: missing or changed files are problems."""
    manifest = d / MANIFEST
    if not manifest.exists():
        return []  # exports made before the manifest existed: the schemas still apply
    try:
        files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as e:
        return [Problem(str(manifest), None, "$", f"unreadable manifest: {e}")]
    out = []
    for rel, digest in sorted(files.items()):
        f = d / rel
        if not f.is_file():
            out.append(Problem(str(f), None, "$", "listed in the export's manifest but missing"))
        elif "sha256:" + hashlib.sha256(f.read_bytes()).hexdigest() != digest:
            out.append(Problem(str(f), None, "$", "changed since the export (its sha256 differs from the manifest)"))
    return out
