"""The static JSON API under data/v1/: one file per resource, an index, and an OpenAPI 3.1 description.

Every path is a plain file, so any static host serves it; the OpenAPI document lists each path's valid
parameter values, so clients (and the tests) can enumerate every resource.
"""

from __future__ import annotations

from . import SCHEMA_VERSION, licence, serialize
from .model import MODALITIES, Corpus, last_changed


def _norm_entry(corpus: Corpus, o) -> dict:
    return {"article": o.article, "norm": serialize.norm(o)}


def _article_meta(corpus: Corpus, n: int) -> dict:
    change = last_changed(corpus, n)
    a = corpus.article(n)
    return {
        "number": n,
        "eid": a.eid,
        "heading": a.heading,
        "chapter": a.chapter,
        "href": f"articles/{n}.json",
        "last_changed": {"version": change.version, "date": change.date.isoformat()} if change else None,
    }


def resources(corpus: Corpus, bundle: dict) -> dict[str, object]:
    """Path under v1/ → JSON object. bundle: serialize.bundle(corpus), which the export has already made."""
    out: dict[str, object] = {}
    out["document.json"] = bundle
    for a in bundle["articles"]:
        out[f"articles/{a['number']}.json"] = a
    for ch in corpus.document.chapters:
        out[f"chapters/{ch.number}.json"] = {
            "chapter": {
                "number": ch.number,
                "eid": ch.eid,
                "title": ch.title,
                "first_article": ch.first_article,
                "last_article": ch.last_article,
            },
            "articles": [serialize.article(a) for a in corpus.articles_in(ch)],
        }
    for t in corpus.actors:
        norms = [o for o in corpus.norms if t.id in o.bearers]
        out[f"actors/{t.id}.json"] = {
            "actor": serialize.term(t),
            "duties": {m: [_norm_entry(corpus, o) for o in norms if o.kind == "duty" and o.modality == m] for m in MODALITIES},
            "competences": [_norm_entry(corpus, o) for o in norms if o.kind == "competence"],
            "constitutive": [_norm_entry(corpus, o) for o in norms if o.kind == "constitutive"],
            "sanctions": [_norm_entry(corpus, o) for o in norms if o.kind == "sanction"],
            "roles_in": [{"norm": o.id, "role": o.role_of(t.id)} for o in corpus.norms if o.role_of(t.id)],
        }
    for t in corpus.subjects:
        out[f"subjects/{t.id}.json"] = {"subject": serialize.term(t), "articles": [a.number for a in corpus.articles if t.id in a.subjects]}
    for t in corpus.instruments:
        out[f"instruments/{t.id}.json"] = {
            "instrument": serialize.term(t),
            "cited_by": [a.number for a in corpus.articles if t.id in a.cites],
        }
    out["index.json"] = {
        "schema_version": SCHEMA_VERSION,
        "dataset_version": corpus.document.dataset_version,
        "title": corpus.document.title,
        "status": corpus.document.status,
        "openapi": "openapi.json",
        "document": "document.json",
        "articles": [_article_meta(corpus, a.number) for a in corpus.articles],
        "chapters": [
            {"number": c.number, "eid": c.eid, "title": c.title, "href": f"chapters/{c.number}.json"} for c in corpus.document.chapters
        ],
        "actors": [{"id": t.id, "name": t.name, "href": f"actors/{t.id}.json"} for t in corpus.actors],
        "subjects": [{"id": t.id, "name": t.name, "href": f"subjects/{t.id}.json"} for t in corpus.subjects],
        "instruments": [{"id": t.id, "name": t.name, "href": f"instruments/{t.id}.json"} for t in corpus.instruments],
    }
    return dict(sorted(out.items()))


def _param(name: str, values: list, kind: str, description: str) -> dict:
    return {"name": name, "in": "path", "required": True, "description": description, "schema": {"type": kind, "enum": values}}


def _get(summary: str, schema_ref: str, params: list | None = None) -> dict:
    op = {
        "summary": summary,
        "responses": {"200": {"description": summary, "content": {"application/json": {"schema": {"$ref": schema_ref}}}}},
    }
    if params:
        op["parameters"] = params
    return {"get": op}


def openapi(corpus: Corpus) -> dict:
    numbers = [a.number for a in corpus.articles]
    chapters = [c.number for c in corpus.document.chapters]
    s = "../schema/"
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": f"{corpus.document.title} · 静态 JSON API",
            "version": corpus.document.dataset_version,
            "description": "Static files: every path below is a file under data/v1/ of the site. "
            "Identifiers follow Akoma Ntoso naming (art_N, art_N__para_M, art_N__para_M__list_1__item_K).",
            "license": {"name": licence.EN, "identifier": licence.IDENTIFIER},
        },
        "servers": [{"url": ".", "description": "the directory holding this file (data/v1/)"}],
        "paths": {
            "/index.json": _get("Index of every resource with links", f"{s}api.schema.json#/$defs/index"),
            "/document.json": _get("The whole dataset (same as rules.json)", f"{s}rules.schema.json"),
            "/articles/{number}.json": _get(
                "One article", f"{s}article.schema.json", [_param("number", numbers, "integer", "Article number (第N条)")]
            ),
            "/chapters/{number}.json": _get(
                "One chapter with its articles",
                f"{s}api.schema.json#/$defs/chapter",
                [_param("number", chapters, "integer", "Chapter number (第N章)")],
            ),
            "/actors/{id}.json": _get(
                "One actor and its duties",
                f"{s}api.schema.json#/$defs/actor",
                [_param("id", [t.id for t in corpus.actors], "string", "Actor id")],
            ),
            "/subjects/{id}.json": _get(
                "One subject and its articles",
                f"{s}api.schema.json#/$defs/subject",
                [_param("id", [t.id for t in corpus.subjects], "string", "Subject id")],
            ),
            "/instruments/{id}.json": _get(
                "One cited instrument and where it is cited",
                f"{s}api.schema.json#/$defs/instrument",
                [_param("id", [t.id for t in corpus.instruments], "string", "Instrument id")],
            ),
        },
    }
