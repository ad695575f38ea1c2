"""The home page (with its list of the data files) and the open-data page family: 开放数据 (files and schemas), 使用数据, 变更记录."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from .. import catalogue, licence
from ..eids import article_label
from ..model import Corpus
from .labels import article_range, chapter_title
from .templates import render
from .urls import (
    ACTORS,
    CHANGES,
    CITATIONS,
    DATASET,
    EXPORT_DIR,
    FIGURES,
    HOME,
    MEETINGS,
    SUBJECTS,
    USING,
    Page,
    article_href,
    chapter_src,
    file_href,
    href,
)


def home_page(corpus: Corpus, files: dict[str, bytes]) -> Page:
    d = corpus.document
    chapters = [(chapter_title(c), href(HOME, chapter_src(c.number)), article_range(c), c) for c in d.chapters]
    downloads = [(path, file_href(HOME, f"{EXPORT_DIR}/{path}"), desc, len(files[path])) for path, desc in MAIN_FILES if path in files]
    schemas = [(p.removeprefix("schema/"), file_href(HOME, f"{EXPORT_DIR}/{p}")) for p in sorted(files) if p.startswith("schema/")]
    return Page(
        HOME,
        "首页",
        render(
            "home.md",
            d=d,
            chapters=chapters,
            downloads=downloads,
            schemas=schemas,
            dataset_href=href(HOME, DATASET),
            fulltext_href=href(HOME, "fulltext.md"),  # issue 12 (fulltext.SRC)
            licence=licence,
            n_articles=len(corpus.articles),
            n_norms=len(corpus.norms),
            links={
                "subjects": href(HOME, SUBJECTS),
                "actors": href(HOME, ACTORS),
                "citations": href(HOME, CITATIONS),
                "meetings": href(HOME, MEETINGS),
                "figures": href(HOME, FIGURES),
            },
        ),
    )


MAIN_FILES = [(f.path, f.zh) for f in catalogue.MAIN]


def file_descriptions(files: dict[str, bytes]) -> dict[str, str]:
    """Path → Chinese description of every published file the export holds (catalogue.py's table)."""
    return {p: d for p in files if (d := catalogue.description(p)) is not None}


@dataclass(frozen=True)
class SchemaRow:
    path: str
    type: Markup
    required: bool
    description: str


def schema_anchor(name: str, definition: str | None = None) -> str:
    return f"schema-{name}" + (f"-{definition}" if definition else "")


def schema_type(node: dict, name: str, schemas: dict[str, dict]) -> Markup:
    """Short type description; a $ref to a documented table becomes a link to it."""
    if "$ref" in node:
        file, _, pointer = node["$ref"].partition("#")
        target = file.removesuffix(".schema.json") if file else name
        definition = pointer.removeprefix("/$defs/") if pointer.startswith("/$defs/") else None
        resolved = schemas.get(target, {}).get("$defs", {}).get(definition) if definition else None
        if resolved is not None and "properties" not in resolved:
            # A scalar definition (such as text) has no table of its own: show what it is.
            return Markup("{} <code>{}</code>").format(schema_type(resolved, target, schemas), definition)
        label = definition or (file + ("#" + pointer if pointer else ""))
        return Markup('<a href="#{}"><code>{}</code></a>').format(schema_anchor(target, definition), label)
    if "enum" in node:
        return Markup("枚举：") + Markup(" | ").join(Markup("<code>{}</code>").format(v) for v in node["enum"])
    kind = node.get("type", "")
    if kind == "array" and isinstance(node.get("items"), dict):
        return Markup("array of ") + schema_type(node["items"], name, schemas)
    extra = []
    if "pattern" in node:
        extra.append(Markup("<code>{}</code>").format(node["pattern"]))
    if "minimum" in node:
        extra.append(Markup("≥ {}").format(node["minimum"]))
    out = Markup("<code>{}</code>").format(kind or "any")
    return out + (Markup(" ") + Markup(" ").join(extra) if extra else Markup(""))


def schema_rows(node: dict, name: str, schemas: dict[str, dict], prefix: str = "") -> list[SchemaRow]:
    """One row per property, nested inline objects flattened into dotted paths (a.b, list[].c)."""
    if node.get("type") == "array" and isinstance(node.get("items"), dict) and "properties" in node["items"]:
        return schema_rows(node["items"], name, schemas, f"{prefix}[].")
    rows = []
    required = set(node.get("required", ()))
    for key, prop in node.get("properties", {}).items():
        path = prefix + key
        rows.append(SchemaRow(path, schema_type(prop, name, schemas), key in required, prop.get("description", "")))
        if "properties" in prop:
            rows += schema_rows(prop, name, schemas, path + ".")
        elif prop.get("type") == "array" and isinstance(prop.get("items"), dict) and "properties" in prop["items"]:
            rows += schema_rows(prop["items"], name, schemas, path + "[].")
    return rows


def schema_docs(schemas: dict[str, dict]) -> list[dict]:
    order = ["rules", "document", "article", "vocabulary", "synonyms", "phrases", "cue-exclusions"]
    names = sorted(schemas, key=lambda n: (order.index(n) if n in order else len(order), n))
    out = []
    for name in names:
        s = schemas[name]
        defs = [
            {
                "name": d,
                "anchor": schema_anchor(name, d),
                "description": node.get("description", ""),
                "rows": schema_rows(node, name, schemas),
            }
            for d, node in s.get("$defs", {}).items()
            if "properties" in node
        ]
        out.append(
            {
                "name": name,
                "file": f"schema/{name}.schema.json",
                "anchor": schema_anchor(name),
                "title": s.get("title", name),
                "description": s.get("description", ""),
                "rows": schema_rows(s, name, schemas),
                "defs": defs,
            }
        )
    return out


def dataset_page(corpus: Corpus, files: dict[str, bytes], schemas: dict[str, dict]) -> Page:
    described = file_descriptions(files)
    articles = sorted((p for p in files if p.startswith("articles/")), key=lambda p: int(re.sub(r"\D", "", p)))
    listed = [
        (path, file_href(DATASET, f"{EXPORT_DIR}/{path}"), len(files[path]), described.get(path, ""))
        for path in sorted(files)
        if not path.startswith(("articles/", "v1/")) or path in ("v1/index.json", "v1/openapi.json")
    ]
    per_article = [(p, file_href(DATASET, f"{EXPORT_DIR}/{p}"), len(files[p])) for p in articles]
    return Page(
        DATASET,
        "开放数据",
        render(
            "dataset.md",
            d=corpus.document,
            files=listed,
            per_article=per_article,
            per_article_bytes=sum(n for _, _, n in per_article),
            schemas=schema_docs(schemas),
            synonyms=corpus.synonyms,
            phrases=corpus.phrases,
            data_prefix=file_href(DATASET, EXPORT_DIR),
        ),
    )


def using_page(corpus: Corpus, files: dict[str, bytes]) -> Page:
    from ..akn import uris

    data = file_href(USING, EXPORT_DIR)
    return Page(
        USING,
        "使用数据",
        render(
            "using-data.md",
            d=corpus.document,
            data=data,
            frbr=uris(corpus),
            dataset_href=href(USING, DATASET),
            example=corpus.article(40),
            n_files=len(files),
            changes_href=href(USING, CHANGES),
            licence=licence,
        ),
    )


def changes_page(corpus: Corpus) -> Page:
    releases = [
        {"c": c, "articles": [(article_label(n), article_href(CHANGES, corpus, n)) for n in c.articles]}
        for c in reversed(corpus.document.changelog)
    ]
    return Page(CHANGES, "变更记录", render("changes.md", d=corpus.document, releases=releases, using_href=href(CHANGES, USING, "diff")))
