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

from . import akn, api, catalogue, licence, serialize
from . import normtext as nt
from .cacheentry import CACHE_DIR, check_key, has_passed, remember_pass
from .eids import eid_label
from .model import Corpus, Norm
from .problems import DataError
from .project import Project
from .render import chapter_src, page_url
from .replace import write_files

__all__ = ["build_files", "norms_csv", "write_export", "write_files"]

# Machine columns keep the data's ids and codes; the readable ones (label, url, *_name, reading) say the
# same in Chinese for people with a spreadsheet. An absent value is an empty cell, never "none".
CSV_FIELDS = [
    ("id", "string", "Norm id (art_N__norm_K)"),
    ("article", "integer", "Article number"),
    ("label", "string", "Where the norm sits, as people cite it: 第N条第M款(第K项)"),
    ("url", "string", "Page URL of the paragraph or item, relative to the site root (chapters/chp_9/#art_40__para_1)"),
    ("source", "string", "eId of the paragraph or item"),
    ("kind", "string", "duty | competence | constitutive | sanction"),
    ("kind_name", "string", "Kind in Chinese: 义务 | 禁止 | 许可 (duties, by modality) | 职权 | 制度规定 | 责任"),
    ("modality", "string", "Duties only: obligation | prohibition | permission"),
    ("strength", "string", "Duties only: strict | standard | defeasible"),
    ("construction", "string", "explicit (the text's modal word) | assigned | inferred (the editors' reading)"),
    ("construction_name", "string", "Construction in Chinese: 原文用语 | 编者归纳 | 编者推定"),
    ("cue", "string", "The text's modal word, for explicit norms only"),
    (
        "constitutive",
        "string",
        "Constitutive rules only: establishment | composition | scope | validity | quorum | principle | meaning | delegation",
    ),
    ("bearers", "string", "Actor ids of the bearers, separated by ;"),
    ("bearer_names", "string", "Chinese names of the bearers, separated by 、"),
    ("bearer_mode", "string", "each | all | any, when there are several bearers"),
    ("roles", "string", "Other parties by role: role:actor id, separated by ; (approver:mayor;signer:…)"),
    ("party_names", "string", "Other parties in Chinese by role: 审批方：区长；签发方：…"),
    ("action", "string", "What is required, forbidden, permitted, within the remit, or stated (a prohibition states the forbidden act)"),
    ("reading", "string", "The norm as the site reads it: 副区长 不得 参加… / 职权：… / 组成：…"),
    ("quote", "string", "Verbatim span of the source carrying the norm"),
    ("condition", "string", "When the norm applies (…的)"),
    ("exception", "string", "Exception (除…外)"),
    ("precondition", "string", "Precondition (须经, 经…后, 未经…)"),
    ("deadline", "string", "Deadline as written"),
    ("deadline_offset", "string", "Deadline as an ISO 8601 duration (negative: before the event)"),
    ("frequency", "string", "Frequency as written"),
    ("frequency_interval", "string", "Frequency interval as an ISO 8601 duration"),
    ("frequency_times", "integer", "Times per interval"),
    ("threshold", "string", "Threshold as written"),
    ("threshold_quantity", "string", "What the threshold counts (attendance, characters, minutes…)"),
    ("threshold_comparator", "string", "gt | ge | lt | le | eq"),
    ("threshold_value", "number", "Threshold value"),
    ("threshold_unit", "string", "Threshold unit"),
    ("overrides", "string", "Ids of the norms of the same article this one is an exception to, separated by ;"),
    ("enforces", "string", "Sanctions only: ids of the norms whose breach this sanctions, separated by ;"),
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


def norm_row(corpus: Corpus, n: Norm, names: dict[str, str]) -> list:
    """One CSV row, in CSV_FIELDS order."""
    article = corpus.article(n.article)
    q = {k: getattr(n, k) for k in ("deadline", "frequency", "threshold")}

    def attr(key: str, sub: str):
        value = getattr(q[key], sub) if q[key] else None
        return "" if value is None else value

    return [
        n.id,
        n.article,
        eid_label(n.source),
        f"{page_url(chapter_src(article.chapter))}#{n.source}",
        n.source,
        n.kind,
        nt.kind_label(n),
        n.modality or "",
        n.strength or "",
        n.construction,
        nt.CONSTRUCTION_NAME[n.construction],
        n.cue or "",
        n.constitutive or "",
        ";".join(n.bearers),
        "、".join(names[b] for b in n.bearers),
        n.bearer_mode or "",
        ";".join(f"{r}:{a}" for r, ids in n.roles for a in ids),
        nt.roles_text(n, names),
        n.action or "",
        nt.sentence(n, names),
        n.quote,
        n.condition or "",
        n.exception or "",
        n.precondition or "",
        attr("deadline", "text"),
        attr("deadline", "offset"),
        attr("frequency", "text"),
        attr("frequency", "interval"),
        attr("frequency", "times"),
        attr("threshold", "text"),
        attr("threshold", "quantity"),
        attr("threshold", "comparator"),
        attr("threshold", "value"),
        attr("threshold", "unit"),
        ";".join(n.overrides),
        ";".join(n.enforces),
    ]


def norms_csv(corpus: Corpus) -> bytes:
    names = {t.id: t.name for t in corpus.actors}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([f[0] for f in CSV_FIELDS])
    for n in corpus.norms:
        w.writerow(spreadsheet_safe(cell) for cell in norm_row(corpus, n, names))
    # BOM so Excel detects UTF-8 and shows the Chinese correctly
    return "\ufeff".encode() + buf.getvalue().encode("utf-8")


def with_documents(corpus: Corpus, files: dict[str, bytes], docs: dict[str, bytes]) -> dict[str, bytes]:
    """The export plus the document files (PDF, Word, text), datapackage.json listing them too."""
    out = {**files, **docs}
    out["datapackage.json"] = dumps(datapackage(corpus, out)).encode()
    return out


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
    # Compiling the XSD costs more than the rest of the export: bytes that passed it before pass again.
    cache, passed = project.root / CACHE_DIR, check_key("akn-xsd", xml, *akn.xsd_inputs())
    known = has_passed(cache, passed)
    problems = akn.check(etree.fromstring(xml), xsd=not known)
    if problems:  # never publish XML that the OASIS schema rejects
        raise DataError(problems)
    if not known:
        remember_pass(cache, passed)
    files[akn.FILENAME] = xml
    files["datapackage.json"] = dumps(datapackage(corpus, files)).encode()
    return files


def datapackage(corpus: Corpus, files: dict[str, bytes]) -> dict:
    d = corpus.document

    def res(path, kind, **extra):
        f, data = catalogue.BY_PATH[path], files[path]
        return {
            "name": f.name,
            "path": path,
            "format": f.format,
            "mediatype": f.mediatype,
            "encoding": "utf-8",
            "bytes": len(data),
            "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
            "type": kind,
            "description": f.en,
            **extra,
        }

    resources = [
        res("rules.json", "json"),
        # nested objects per line: a plain file to Frictionless, not a table
        res("articles.jsonl", "file"),
        res(akn.FILENAME, "file"),
        res(
            "norms.csv",
            "table",
            encoding="utf-8-sig",
            description=catalogue.BY_PATH["norms.csv"].en + " " + CSV_NOTE,
            schema={
                "fields": [
                    {"name": n, "type": t, "description": desc + (FIELD_NOTE if t == "string" else "")} for n, t, desc in CSV_FIELDS
                ],
                "primaryKey": ["id"],
            },
        ),
    ]
    # The whole document as PDF, Word and text (documents.py), when the site build adds them (issue 12).
    for f in catalogue.DOCUMENTS:
        if f.path in files:
            r = res(f.path, "file")
            if f.format != "txt":
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


def write_export(corpus: Corpus, out_dir: Path, project: Project) -> list[str]:
    """Build the export and write it to out_dir (see write_files)."""
    return write_files(build_files(corpus, project), out_dir, project)
