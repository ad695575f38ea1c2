"""Short stable addresses per article: a/40/ → the article on its chapter page (chapters/chp_9/#art_40).

Static pages, so they work on any host and from disk: rel=canonical names the real address, a meta
refresh redirects without JavaScript, and a script keeps a paragraph or item fragment
(a/40/#art_40__para_2, or the short #para_2) which a meta refresh would drop.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from . import render
from .model import Corpus

PREFIX = "a"


def short_path(number: int) -> str:
    return f"{PREFIX}/{number}/index.html"


def redirect_html(corpus: Corpus, number: int, index_html: bool = False) -> str:
    """The redirect page of article `number`; index_html links to .../index.html (for file:// copies)."""
    a = corpus.article(number)
    page = "../../" + render.page_url(render.chapter_src(a.chapter)) + ("index.html" if index_html else "")
    target = f"{page}#{a.eid}"
    title = f"{a.heading} · {corpus.document.title}"
    script = (
        f"var h=location.hash.slice(1),e={json.dumps(a.eid)};"
        f'if(h&&h.indexOf(e+"__")!==0)h=/^para_\\d/.test(h)?e+"__"+h:"";'
        f"location.replace({json.dumps(page)}+'#'+(h||e));"
    )
    t = escape(target)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f'<link rel="canonical" href="{t}"><meta name="robots" content="noindex">'
        f'<meta http-equiv="refresh" content="0; url={t}">'
        f"<script>{script}</script></head>"
        f'<body><p>正在打开 <a href="{t}">{escape(title)}</a>。</p></body></html>\n'
    )


def redirects(corpus: Corpus, index_html: bool = False) -> dict[str, bytes]:
    return {short_path(a.number): redirect_html(corpus, a.number, index_html).encode() for a in corpus.articles}


def write_redirects(corpus: Corpus, site: Path) -> None:
    for rel, data in redirects(corpus).items():
        p = Path(site) / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
