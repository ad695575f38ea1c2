"""Site search files written into the built site (called from the MkDocs plugin's on_post_build).

mkdocs-material's search UI fetches ``search/search_index.json`` and passes it to the worker named in
the page config (overrides/main.html points that at ``assets/javascripts/gcsearch.js``). We write our
index to that file (one download, no extra request) and copy our worker beside the theme's scripts.
The search plugin stays for its UI, but indexes nothing: our plugin marks every generated page
``search: exclude`` (its documented front matter), so it neither parses nor segments pages whose index
this module would replace.

Where each article lives and what the other pages are called come from the model (render's URLs and
pages), not from the built HTML.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from pathlib import Path

from .model import Corpus
from .render import Page, chapter_src, page_url
from .render.urls import ACTORS, HOME, SUBJECTS
from .search import build_index, worker_source

INDEX_PATH = "search/search_index.json"
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


def page_docs(pages: Iterable[Page]) -> list[dict]:
    """The site's pages as the index's other documents (found by their heading after the articles)."""
    return [{"location": page_url(p.src_uri), "title": heading(p)} for p in pages]


def site_links() -> dict[str, str]:
    """Pages the search's notices point to (issue 11): the chapter contents (本规则共七十二条), the
    subjects index and the actor index (本规则未涉及……)."""
    return {"contents": page_url(HOME) + "#contents", "subjects": page_url(SUBJECTS), "actors": page_url(ACTORS)}


def corpus_index(corpus: Corpus, pages: Iterable[Page] = ()) -> dict:
    """The index the site carries (the CLI's, without pages: articles only)."""
    index = build_index(corpus, article_pages(corpus), page_docs(pages))
    index["config"]["gc"]["links"] = site_links()
    return index


def write_site_search(corpus: Corpus, site_dir: Path, pages: Iterable[Page] = ()) -> None:
    """Write the search index and worker into site_dir (called from the MkDocs plugin's on_post_build)."""
    site_dir = Path(site_dir)
    out = site_dir / INDEX_PATH
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(corpus_index(corpus, pages), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    worker = site_dir / WORKER_PATH
    worker.parent.mkdir(parents=True, exist_ok=True)
    worker.write_text(worker_source(), encoding="utf-8")
