"""Write the open-data export: deterministic files, written aside and moved into place whole."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

from lxml import etree

from . import akn, api, licence, serialize
from .documents import DOCUMENT_FILES
from .model import Corpus
from .problems import DataError

CSV_FIELDS = [
    ("id", "string", "Norm id (art_N__norm_K)"),
    ("article", "integer", "Article number"),
    ("source", "string", "eId of the paragraph or item"),
    ("modality", "string", "obligation | prohibition | permission"),
    ("strength", "string", "strict | standard | defeasible"),
    ("bearers", "string", "Actor ids of the bearers, separated by ;"),
    ("bearer_names", "string", "Chinese names of the bearers, separated by ；"),
    ("auxiliary", "string", "Actor ids of auxiliary parties, separated by ;"),
    ("cue", "string", "Modal cue word, or none"),
    ("action", "string", "Plain description of the action"),
    ("quote", "string", "Verbatim span of the source carrying the norm"),
    ("condition", "string", "Condition under which the norm applies"),
    ("deadline", "string", "Deadline as written"),
    ("frequency", "string", "Frequency as written"),
    ("threshold", "string", "Threshold as written"),
]


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def obligations_csv(corpus: Corpus) -> bytes:
    names = {t.id: t.name for t in corpus.actors}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([f[0] for f in CSV_FIELDS])
    for o in corpus.obligations:
        w.writerow(
            [
                o.id,
                o.article,
                o.source,
                o.modality,
                o.strength,
                ";".join(o.bearers),
                "；".join(names[b] for b in o.bearers),
                ";".join(o.auxiliary),
                o.cue,
                o.action or "",
                o.quote,
                o.condition or "",
                o.deadline.text if o.deadline else "",
                o.frequency.text if o.frequency else "",
                o.threshold.text if o.threshold else "",
            ]
        )
    # BOM so Excel detects UTF-8 and shows the Chinese correctly
    return "\ufeff".encode() + buf.getvalue().encode("utf-8")


def with_documents(corpus: Corpus, files: dict[str, bytes], docs: dict[str, bytes]) -> dict[str, bytes]:
    """The export plus the document files (PDF, Word, text), datapackage.json listing them too."""
    out = {**files, **docs}
    out["datapackage.json"] = dumps(datapackage(corpus, out)).encode()
    return out


def build_files(corpus: Corpus, schema_dir: Path) -> dict[str, bytes]:
    """Relative path → content. Pure: same corpus, same bytes."""
    bundle = serialize.bundle(corpus)
    files: dict[str, bytes] = {"rules.json": dumps(bundle).encode()}
    for a in bundle["articles"]:
        files[f"articles/{a['number']}.json"] = dumps(a).encode()
    files["articles.jsonl"] = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in bundle["articles"]).encode()
    files["obligations.csv"] = obligations_csv(corpus)
    for path in sorted(schema_dir.glob("*.schema.json")):
        files[f"schema/{path.name}"] = path.read_bytes()
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
            "obligations",
            "obligations.csv",
            "csv",
            "text/csv",
            type="table",
            encoding="utf-8-sig",
            description="Every tagged norm, one per row",
            schema={"fields": [{"name": n, "type": t, "description": desc} for n, t, desc in CSV_FIELDS], "primaryKey": ["id"]},
        ),
    ]
    # The whole document as PDF, Word and text (documents.py), when the site build adds them (issue 12).
    for path, (name, fmt, media, _) in DOCUMENT_FILES.items():
        if path in files:
            r = res(name, path, fmt, media, type="file", description=f"The whole document ({fmt}): notice and all articles")
            if fmt != "txt":
                del r["encoding"]  # binary
            resources.append(r)
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "gangcheng-government-work-rules",
        "title": d.title,
        "version": d.dataset_version,
        "created": f"{(d.changelog[-1].date if d.changelog else d.date).isoformat()}T00:00:00Z",
        "licenses": [{"name": licence.IDENTIFIER, "path": licence.URL, "title": licence.ZH}],
        "sources": [{"title": f"{d.issuer}：{d.notice.title}（{d.date.isoformat()}）"}],
        "resources": resources,
    }


def write_export(corpus: Corpus, out_dir: Path, schema_dir: Path) -> list[str]:
    """Build the export and write it to out_dir (see write_files)."""
    return write_files(build_files(corpus, schema_dir), out_dir)


def write_files(files: dict[str, bytes], out_dir: Path) -> list[str]:
    """Write files in a temporary sibling directory, then swap it in: never a half-written export."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        for rel, data in files.items():
            p = tmp / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
        old = None
        if out_dir.exists():
            old = out_dir.with_name(f".{out_dir.name}-old-{os.getpid()}")
            out_dir.rename(old)
        tmp.rename(out_dir)
        if old:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return sorted(files)
