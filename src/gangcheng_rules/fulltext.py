"""The 全文 page: the notice and all articles on one page, for reading through and printing.

Articles are the chapter pages' own blocks (render.article_block) with the same eIds; the chapter pages
stay the canonical address of an article (search and cross-links point there), which the page says and
each chapter section records in data-gc-canonical for the citation control.
"""

from __future__ import annotations

from markupsafe import Markup

from . import render
from .documents import DOCUMENT_FILES, DOCX, PDF, TXT
from .model import Corpus

SRC = "fulltext.md"
TITLE = "全文"
_LABELS = {PDF: "下载 PDF", DOCX: "下载 Word", TXT: "下载纯文本"}


def fulltext_page(corpus: Corpus) -> render.Page:
    d = corpus.document
    sections = []
    for c in d.chapters:
        canonical = render.href(SRC, render.chapter_src(c.number))
        blocks = [Markup(render.article_block(corpus, a, SRC)) for a in corpus.articles_in(c)]
        sections.append((c, canonical, blocks))
    files = [(_LABELS[p], render.file_href(SRC, f"{render.EXPORT_DIR}/{p}")) for p in DOCUMENT_FILES]
    md = render.render(
        "fulltext.md",
        d=d,
        chapters=[(c, [a.number for a in corpus.articles_in(c)]) for c in d.chapters],
        sections=sections,
        files=files,
        n_articles=len(corpus.articles),
    )
    return render.Page(SRC, TITLE, md)
