"""Build the open-data export: deterministic files from the corpus and the project's schemas.

Writing them safely (aside, then swapped in; refusing to replace what we did not write) is in replace.py.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from lxml import etree

from . import akn, api, serialize
from .model import Corpus
from .problems import DataError
from .project import Project
from .replace import write_files

__all__ = ["build_files", "norms_csv", "write_export", "write_files"]

CSV_FIELDS = [
    ("id", "string", "Norm id (art_N__norm_K)"),
    ("article", "integer", "Article number"),
    ("source", "string", "eId of the paragraph or item"),
    ("kind", "string", "duty | competence | constitutive | sanction"),
    ("modality", "string", "Duties: obligation | prohibition | permission; empty otherwise"),
    ("strength", "string", "Duties: strict | standard | defeasible; empty otherwise"),
    ("construction", "string", "explicit (the text's modal word) | assigned | inferred (the editors' reading)"),
    ("cue", "string", "The text's modal word when construction is explicit; empty otherwise"),
    ("bearers", "string", "Actor ids of the bearers, separated by ;"),
    ("bearer_names", "string", "Chinese names of the bearers, separated by ；"),
    ("bearer_mode", "string", "each | all | any when there are several bearers; empty for one"),
    ("roles", "string", "Other parties as role:actor_id, separated by ;"),
    ("action", "string", "Editorial wording of the act, matter or statement (a prohibition's forbidden act, stated positively)"),
    (
        "constitutive",
        "string",
        "Constitutive statements: establishment | composition | scope | validity | quorum | principle | meaning | delegation",
    ),
    ("quote", "string", "Verbatim span of the source carrying the norm"),
    ("condition", "string", "When the norm applies"),
    ("exception", "string", "What the text excepts (除…外)"),
    ("precondition", "string", "Gate to pass first (须经…, 经…后, 未经…)"),
    ("overrides", "string", "Ids of the norms this one is an exception to, separated by ;"),
    ("enforces", "string", "Sanctions: ids of the norms whose breach they sanction, separated by ;"),
    ("deadline", "string", "Deadline as written"),
    ("frequency", "string", "Frequency as written"),
    ("threshold", "string", "Threshold as written"),
]


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


# A spreadsheet runs a cell that begins with one of these as a formula (OWASP "CSV injection"): such a
# cell is written with a leading apostrophe, which spreadsheets hide and treat as "this is text".
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_NOTE = "Cells beginning with = + - @, a tab or a carriage return are written with a leading apostrophe (') so spreadsheets do not run them as formulas."


FIELD_NOTE = " (a leading ' is added when the value begins with = + - @, tab or CR)"


def spreadsheet_safe(value) -> str:
    """A CSV cell that a spreadsheet shows as text, never evaluates."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def norms_csv(corpus: Corpus) -> bytes:
    names = {t.id: t.name for t in corpus.actors}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([f[0] for f in CSV_FIELDS])
    for o in corpus.norms:
        w.writerow(
            spreadsheet_safe(cell)
            for cell in [
                o.id,
                o.article,
                o.source,
                o.kind,
                o.modality or "",
                o.strength or "",
                o.construction,
                o.cue or "",
                ";".join(o.bearers),
                "；".join(names[b] for b in o.bearers),
                o.bearer_mode or "",
                ";".join(f"{role}:{a}" for role, ids in o.roles for a in ids),
                o.action or "",
                o.constitutive or "",
                o.quote,
                o.condition or "",
                o.exception or "",
                o.precondition or "",
                ";".join(o.overrides),
                ";".join(o.enforces),
                o.deadline.text if o.deadline else "",
                o.frequency.text if o.frequency else "",
                o.threshold.text if o.threshold else "",
            ]
        )
    # BOM so Excel detects UTF-8 and shows the Chinese correctly
    return "\ufeff".encode() + buf.getvalue().encode("utf-8")


def build_files(corpus: Corpus, project: Project) -> dict[str, bytes]:
    """Relative path → content. Pure: same corpus and schemas, same bytes. Publishes the project's own schemas."""
    bundle = serialize.bundle(corpus)
    files: dict[str, bytes] = {"rules.json": dumps(bundle).encode()}
    for a in bundle["articles"]:
        files[f"articles/{a['number']}.json"] = dumps(a).encode()
    files["articles.jsonl"] = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in bundle["articles"]).encode()
    files["norms.csv"] = norms_csv(corpus)
    for name, data in project.schemas.files.items():
        files[f"schema/{name}"] = data
    for rel, obj in api.resources(corpus, bundle).items():
        files[f"v1/{rel}"] = dumps(obj).encode()
    files["v1/openapi.json"] = dumps(api.openapi(corpus)).encode()
    xml = akn.to_bytes(akn.build(corpus))
    problems = akn.check(etree.fromstring(xml))
    if problems:  # never publish XML that the OASIS schema rejects
        raise DataError(problems)
    files[akn.FILENAME] = xml
    files["datapackage.json"] = dumps(datapackage(corpus, files)).encode()
    return files


def datapackage(corpus: Corpus, files: dict[str, bytes]) -> dict:
    d = corpus.document

    def res(name, path, fmt, media, **extra):
        data = files[path]
        return {
            "name": name,
            "path": path,
            "format": fmt,
            "mediatype": media,
            "encoding": "utf-8",
            "bytes": len(data),
            "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
            **extra,
        }

    resources = [
        res(
            "rules",
            "rules.json",
            "json",
            "application/json",
            type="json",
            description="The whole dataset; schema: schema/rules.schema.json",
        ),
        # nested objects per line: a plain file to Frictionless, not a table
        res(
            "articles",
            "articles.jsonl",
            "jsonl",
            "application/jsonl",
            type="file",
            description="One article per line (schema/article.schema.json)",
        ),
        res(
            "akoma-ntoso",
            akn.FILENAME,
            "xml",
            "application/akn+xml",
            type="file",
            description="Akoma Ntoso 3.0 XML of the whole document, valid against the OASIS schema",
        ),
        res(
            "norms",
            "norms.csv",
            "csv",
            "text/csv",
            type="table",
            encoding="utf-8-sig",
            description="Every tagged norm, one per row. " + CSV_NOTE,
            schema={
                "fields": [
                    {"name": n, "type": t, "description": desc + (FIELD_NOTE if t == "string" else "")} for n, t, desc in CSV_FIELDS
                ],
                "primaryKey": ["id"],
            },
        ),
    ]
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "gangcheng-government-work-rules",
        "title": d.title,
        "version": d.dataset_version,
        "created": f"{(d.changelog[-1].date if d.changelog else d.date).isoformat()}T00:00:00Z",
        "licenses": [{"name": "public-domain", "title": "不适用著作权法保护的官方文件（《中华人民共和国著作权法》第五条）"}],
        "sources": [{"title": f"{d.issuer}：{d.notice.title}（{d.date.isoformat()}）"}],
        "resources": resources,
    }


def write_export(corpus: Corpus, out_dir: Path, project: Project) -> list[str]:
    """Build the export and write it to out_dir (see write_files)."""
    return write_files(build_files(corpus, project), out_dir, project)
