"""Legal text as inline HTML: cross-links and norm highlights wrapped around spans of the verbatim text,
never adding, dropping or reordering a character; Markdown/HTML escaping of every string from the data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from ..crosslinks import mentions
from ..model import Article, Corpus, Norm
from .urls import CITATIONS, article_href, href


def md_text(text: str) -> Markup:
    """Text for a Markdown line (headings): Markdown syntax escaped, then HTML escaped."""
    text = re.sub(r"([\\`*_{}\[\]()#+\-.!|])", r"\\\1", text)
    return Markup(escape(text, quote=False))


def md_attr(text: str) -> Markup:
    """An attribute value on a Markdown line (data-toc-label, aria-label in a heading): ASCII punctuation as
    numeric character references, so neither Markdown, attr_list's quoting nor HTML reads it; shown as text."""
    return Markup("".join(c if c.isalnum() or c == " " or ord(c) > 127 else f"&#{ord(c)};" for c in text))


@dataclass(frozen=True)
class Wrap:
    """An element wrapped around text[start:end]. rank orders equal spans: lower is outer."""

    start: int
    end: int
    tag: str
    attrs: tuple[tuple[str, str], ...]
    rank: int = 0

    def open(self, first: bool) -> str:
        # A wrap split by a crossing one is reopened without its id, so ids stay unique.
        attrs = "".join(f' {k}="{escape(v)}"' for k, v in self.attrs if first or k != "id")
        return f"<{self.tag}{attrs}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def markup(text: str, wraps: list[Wrap]) -> Markup:
    """Escape text and wrap the given spans, nesting properly; the text content is unchanged."""
    wraps = sorted((w for w in wraps if w.start < w.end), key=lambda w: (w.start, -w.end, w.rank))
    cuts = sorted({0, len(text), *(w.start for w in wraps), *(w.end for w in wraps)})
    out: list[str] = []
    stack: list[Wrap] = []
    pending = iter(wraps)
    nxt = next(pending, None)
    for i, pos in enumerate(cuts):
        ending = [k for k, w in enumerate(stack) if w.end <= pos]
        if ending:
            popped = stack[ending[0] :]
            del stack[ending[0] :]
            out.extend(w.close() for w in reversed(popped))
            for w in popped:
                if w.end > pos:
                    stack.append(w)
                    out.append(w.open(first=False))
        while nxt is not None and nxt.start == pos:
            stack.append(nxt)
            out.append(nxt.open(first=True))
            nxt = next(pending, None)
        if i + 1 < len(cuts):
            out.append(escape(text[pos : cuts[i + 1]], quote=False))
    return Markup("".join(out))


def links(corpus: Corpus, article: Article, text: str, frm: str) -> list[Wrap]:
    """Cross-links for one fragment (crosslinks.mentions decides what is a mention), hrefs relative to frm."""
    out = []
    for m in mentions(corpus, article, text):
        target = href(frm, CITATIONS, m.target) if m.kind == "instrument" else article_href(frm, corpus, m.target)
        out.append(Wrap(m.start, m.end, "a", (("class", f"gc-xref gc-xref--{m.kind}"), ("href", target)), rank=1))
    return out


def fragment_html(corpus: Corpus, article: Article, eid: str, text: str, frm: str) -> Markup:
    wraps = links(corpus, article, text, frm)
    for o in article.norms:
        if o.source == eid and (at := text.find(o.quote)) >= 0:
            wraps.append(Wrap(at, at + len(o.quote), "span", (("class", f"gc-norm gc-norm--{norm_class(o)}"), ("id", o.id))))
    return markup(text, wraps)


def norm_class(n: Norm) -> str:
    """CSS modifier of a norm: its modality for duties (obligation, prohibition, permission), else its kind."""
    return n.modality if n.kind == "duty" and n.modality else n.kind
