"""Where each page lives and how pages link to each other: the page files (index.md, chapters/chp_9.md …),
their URLs, relative hrefs and the Page a renderer returns. Every link on the site is relative.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ..eids import article_eid, chapter_eid
from ..model import Corpus

# Source paths of the generated pages (MkDocs src_uri). With use_directory_urls, x.md is served at x/.
HOME = "index.md"


SUBJECTS = "subjects.md"


ACTORS = "actors.md"


CITATIONS = "citations.md"


MEETINGS = "meetings.md"


FIGURES = "figures.md"


# Not "data.md": the export owns site/data/ and replaces that directory whole.
DATASET = "dataset.md"


USING = "using-data.md"


CHANGES = "changes.md"


EXPORT_DIR = "data"


@dataclass(frozen=True)
class Page:
    src_uri: str
    title: str
    markdown: str


def chapter_src(number: int) -> str:
    return f"chapters/{chapter_eid(number)}.md"


def page_url(src_uri: str) -> str:
    """URL of a page relative to the site root, as MkDocs serves it with use_directory_urls."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def href(frm: str, to: str, anchor: str = "") -> str:
    """Relative link from page `frm` to page `to` (both src_uris): works under any sub-path."""
    frag = f"#{anchor}" if anchor else ""
    if frm == to and frag:
        return frag
    base = page_url(frm).rstrip("/") or "."
    rel = posixpath.relpath(page_url(to).rstrip("/") or ".", base)
    return ("./" if rel == "." else rel + "/") + frag


def file_href(frm: str, path: str) -> str:
    """Relative link from page `frm` to a file of the built site (such as data/rules.json)."""
    return posixpath.relpath(path, page_url(frm).rstrip("/") or ".")


def article_href(frm: str, corpus: Corpus, number: int, eid: str | None = None) -> str:
    return href(frm, chapter_src(corpus.article(number).chapter), eid or article_eid(number))
