"""Model → plain JSON-ready dicts in the published schema's shape (the inverse of build.from_data)."""

from __future__ import annotations

import dataclasses

from . import SCHEMA_VERSION
from .model import Article, Corpus, Norm, Quantity, Term


def _quantity(q: Quantity) -> dict:
    return {k: v for k, v in dataclasses.asdict(q).items() if v is not None}


# Published key order (schema/article.schema.json); absent optional fields are left out.
NORM_FIELDS = (
    "id", "kind", "modality", "strength", "construction", "cue", "bearers", "bearer_mode", "roles", "action",
    "constitutive", "quote", "source", "condition", "exception", "precondition", "overrides", "enforces",
    "deadline", "frequency", "threshold",
)  # fmt: skip


def norm(o: Norm) -> dict:
    out: dict = {}
    for key in NORM_FIELDS:
        v = getattr(o, key)
        if v is None or v == ():
            continue
        if key == "roles":
            v = {r: list(ids) for r, ids in v}
        elif isinstance(v, Quantity):
            v = _quantity(v)
        elif isinstance(v, tuple):
            v = list(v)
        out[key] = v
    return out


def article(a: Article) -> dict:
    paras = []
    for p in a.paragraphs:
        d: dict = {"eid": p.eid, "text": p.text}
        if p.items:
            d["items"] = [{"eid": i.eid, "label": i.label, "text": i.text} for i in p.items]
        paras.append(d)
    out = {
        "number": a.number,
        "eid": a.eid,
        "chapter": a.chapter,
        "paragraphs": paras,
        "subjects": list(a.subjects),
        "norms": [norm(o) for o in a.norms],
        "cites": list(a.cites),
        "related": [{k: v for k, v in dataclasses.asdict(r).items() if v is not None} for r in a.related],
    }
    if a.notes:
        out["notes"] = [{k: v for k, v in (("kind", n.kind), ("target", n.target), ("text", n.text)) if v is not None} for n in a.notes]
    if a.questions:
        out["questions"] = [{k: v for k, v in (("q", q.q), ("note", q.note), ("unit", q.unit)) if v is not None} for q in a.questions]
    return out


def term(t: Term) -> dict:
    out: dict = {"id": t.id, "name": t.name}
    if t.title is not None:
        out["title"] = t.title
    if t.aliases:
        out["aliases"] = list(t.aliases)
    if t.kind is not None:
        out["kind"] = t.kind
    out["description"] = t.description
    if t.defined_in is not None:
        out["defined_in"] = t.defined_in
    return out


def document(c: Corpus) -> dict:
    d = c.document
    return {
        "title": d.title,
        "short_title": d.short_title,
        "issuer": d.issuer,
        "date": d.date.isoformat(),
        "status": d.status,
        "effective": d.effective.isoformat(),
        "dataset_version": d.dataset_version,
        "language": d.language,
        "classification": d.classification,
        "source_file": d.source_file,
        "notice": dataclasses.asdict(d.notice),
        "chapters": [dataclasses.asdict(ch) for ch in d.chapters],
        "changelog": [
            {
                "version": ch.version,
                "date": ch.date.isoformat(),
                "summary": ch.summary,
                **({"articles": list(ch.articles)} if ch.articles else {}),
            }
            for ch in d.changelog
        ],
    }


def bundle(c: Corpus) -> dict:
    """The whole dataset as one object (rules.json)."""
    doc = document(c)
    return {
        "schema_version": SCHEMA_VERSION,
        "dataset_version": c.document.dataset_version,
        "document": doc,
        "chapters": doc["chapters"],
        "articles": [article(a) for a in c.articles],
        "vocabularies": {
            "subjects": [term(t) for t in c.subjects],
            "actors": [term(t) for t in c.actors],
            "instruments": [term(t) for t in c.instruments],
            "synonyms": [{"query": s.query, "terms": list(s.terms), **({"note": s.note} if s.note else {})} for s in c.synonyms],
            "phrases": [{"phrase": p.phrase, "wording": list(p.wording), "note": p.note} for p in c.phrases],
        },
    }
