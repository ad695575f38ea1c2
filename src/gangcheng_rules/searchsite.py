"""Site search files written into the built site (called from the MkDocs plugin's on_post_build).

mkdocs-material's search UI fetches ``search/search_index.json`` on every page and passes it to the worker
named in the page config (overrides/main.html points that at ``assets/javascripts/gcsearch.js``). We
write that file small (the theme's settings only). Our index data, its ``config.gc``, is
``search/gc_index.json`` without the answer records, which are ``search/gc_norms.json`` (most of the
bytes, read only for questions): the worker fetches both itself as it starts, so the page's main thread
neither parses the data nor copies it into the worker, and ranking never waits for the records
(read_site_index puts the three back together).
The search plugin stays for its UI, but indexes nothing: our plugin marks every generated page
``search: exclude`` (its documented front matter), so it neither parses nor segments pages whose index
this module would replace.

Where each article lives and what the other pages are called come from the model (render's URLs and
pages), not from the built HTML.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
from collections.abc import Iterable
from pathlib import Path

from . import render
from .model import Corpus
from .render import Page, chapter_src, page_url
from .render.urls import ACTORS, HOME, SUBJECTS
from .search import build_index, worker_source

INDEX_PATH = "search/search_index.json"
DATA_PATH = "search/gc_index.json"
NORMS_PATH = "search/gc_norms.json"
WORKER_PATH = "assets/javascripts/gcsearch.js"
# Front matter of every generated page: mkdocs-material's search plugin then skips it.
EXCLUDED = "---\nsearch:\n  exclude: true\n---\n"


def article_pages(corpus: Corpus) -> dict[int, str]:
    """Article number → URL of its chapter's page, as render names it."""
    return {a.number: page_url(chapter_src(a.chapter)) for a in corpus.articles}


def heading(page: Page) -> str:
    """The page's first-level heading as render wrote it ('# 第九章 完善会议制度 { #chp_9 … }'), else its title."""
    for line in page.markdown.splitlines():
        if line.startswith("# "):
            # as text: undo render.md_text (HTML escapes, then Markdown backslashes); the worker escapes it once
            return re.sub(r"\\(.)", r"\1", html.unescape(line[2:].split(" {", 1)[0].strip()))
    return page.title


def _text(*parts: str | None) -> str:
    return "\n".join(p for p in parts if p)


def _listed(label: str, names) -> str | None:
    """Names as the reference pages list them (文中又称：甲、乙), so that a snippet does not run them together."""
    return f"{label}：{'、'.join(names)}" if names else None


def page_sections(corpus: Corpus, src_uri: str) -> list[tuple[str, str, str]]:
    """The searchable sections of a reference page as (anchor, label, text), read from the data render
    builds the page from (the same functions, so anchors and titles are the page's own); [] for pages
    searched by their heading only.

    Actor and subject sections hold what the page says about them (name, kind, description, and the other
    names as the page lists them: 文中又称：甲、乙 / 相关词：…), not the norm texts listed under them: those are the articles' own text
    and are found there, at their paragraph.
    """
    if src_uri == render.HOME:
        n = corpus.document.notice
        return [("notice", "印发通知", _text(n.title, n.addressees, n.body, n.signature, n.date_text))]
    if src_uri == render.MEETINGS:
        out = []
        for r in render.meeting_rows(corpus):
            quotes = [q["text"] for key in ("conveners", "frequency", "quorum", "attend") for q in r[key]]
            tasks = [text for _, text, _ in r["tasks"]]
            out.append((r["m"].id, r["m"].name, _text(r["m"].name, *r["m"].aliases, (r["composition"] or {}).get("text"), *quotes, *tasks)))
        return out
    if src_uri == render.ACTORS:
        return [
            (t.id, t.name, _text(t.name, render.ACTOR_KIND.get(t.kind or ""), _listed("文中又称", t.aliases), t.description))
            for t in corpus.actors
        ]
    if src_uri == render.SUBJECTS:
        return [(t.id, t.name, _text(t.name, t.description, _listed("相关词", t.aliases))) for t in corpus.subjects]
    if src_uri == render.FIGURES:
        return [
            (g["key"], g["title"], _text(g["title"], g["hint"], *dict.fromkeys(r["figure"] for r in g["rows"])))
            for g in render.figure_rows(corpus)
        ]
    return []


def page_docs(pages: Iterable[Page], corpus: Corpus | None = None) -> list[dict]:
    """The site's pages as the index's other documents: their heading, and with the corpus the sections
    of the reference pages (page_sections)."""
    out = []
    for p in pages:
        doc: dict = {"location": page_url(p.src_uri), "title": heading(p)}
        if corpus is not None and (units := page_sections(corpus, p.src_uri)):
            # the page's own heading is a section too (its top): 会议制度对照 finds the page itself
            doc["units"] = [("", doc["title"], doc["title"]), *units]
        out.append(doc)
    return out


def site_links() -> dict[str, str]:
    """Pages the search's notices point to (issue 11): the chapter contents (本规则共七十二条), the
    subjects index and the actor index (本规则未涉及……)."""
    return {"contents": page_url(HOME) + "#contents", "subjects": page_url(SUBJECTS), "actors": page_url(ACTORS)}


def corpus_index(corpus: Corpus, pages: Iterable[Page] = ()) -> dict:
    """The index the site carries (the CLI's, without pages: articles only)."""
    index = build_index(corpus, article_pages(corpus), page_docs(pages, corpus))
    index["config"]["gc"]["links"] = site_links()
    return index


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _version(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def site_search_files(index: dict) -> dict[str, str]:
    """The files an index is served as (path in the site → text): the theme's search_index.json without
    our data, config.gc; that data without its answer records (DATA_PATH); the records, article number →
    records as JSON text (NORMS_PATH); and the worker, told where the two are. The worker asks for each
    file with its content's hash as ?v=, and the pages ask for the worker so (worker_url): a browser
    holding an older copy of one of them from its cache never pairs it with the new others."""
    config = {k: v for k, v in index["config"].items() if k != "gc"}
    gc = index["config"]["gc"]
    ranking = _dumps({**gc, "articles": [{k: v for k, v in a.items() if k != "norms"} for a in gc["articles"]]})
    norms = _dumps({str(a["number"]): a.get("norms", "[]") for a in gc["articles"]})
    here = posixpath.dirname(WORKER_PATH)
    data = {
        "index": f"{posixpath.relpath(DATA_PATH, here)}?v={_version(ranking)}",
        "norms": f"{posixpath.relpath(NORMS_PATH, here)}?v={_version(norms)}",
    }
    return {
        INDEX_PATH: _dumps({**index, "config": config}),
        DATA_PATH: ranking,
        NORMS_PATH: norms,
        WORKER_PATH: worker_source(data),
    }


def worker_url(files: dict[str, str]) -> str:
    """The worker's address as the pages' config gives it to the theme: its path and its content's hash."""
    return f"{WORKER_PATH}?v={_version(files[WORKER_PATH])}"


def read_site_index(site_dir: Path) -> dict:
    """A built site's index as one object, config.gc in place with its answer records, as the worker
    puts it together."""
    site_dir = Path(site_dir)
    index = json.loads((site_dir / INDEX_PATH).read_text(encoding="utf-8"))
    return joined_index(index, lambda rel: json.loads((site_dir / rel).read_text(encoding="utf-8")))


def joined_index(index: dict, read) -> dict:
    """index (a served search_index.json) with config.gc put back from the files read(path) gives."""
    if "gc" not in index["config"]:
        gc = read(DATA_PATH)
        norms = read(NORMS_PATH)
        gc["articles"] = [{**a, "norms": norms[str(a["number"])]} for a in gc["articles"]]
        index["config"]["gc"] = gc
    return index


def write_site_search(site_dir: Path, files: dict[str, str]) -> None:
    """Write the search files (site_search_files) into site_dir (called from the MkDocs plugin's on_post_build)."""
    for rel, text in files.items():
        out = Path(site_dir) / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
