"""The whole document as a PDF, typeset by WeasyPrint from HTML and CSS paged media.

Why WeasyPrint: the site is HTML and CSS already, and WeasyPrint gives what an official document needs
from CSS alone — running heads and "— N —" page numbers in @page margin boxes, a bookmark per heading
(bookmark-level), PDF metadata from <meta>, font subsetting and a tagged PDF (PDF/UA-1) — without a
second markup language to keep escaping right. Layout follows GB/T 9704 as far as free fonts allow:
Noto Serif CJK (OFL, Debian fonts-noto-cjk) in place of 宋体/仿宋, Noto Sans CJK for 黑体 headings.
"""

from __future__ import annotations

from html import escape

from .documents import COVER_NOTE, cover_lines, epoch_datetime, outline
from .model import Corpus

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"

# GB/T 9704: A4, text block 156 × 225 mm (margins top 37, inner 28); body 三号 (16 pt), 22 lines a page
# of 28 characters; titles 二号 (22 pt); page numbers 四号 with a dash on each side, 7 mm below the block.
CSS = f"""
@page {{
  size: A4;
  margin: 37mm 26mm 35mm 28mm;
  @top-center {{ content: string(short-title); font: 10.5pt "{SERIF}"; color: #444; vertical-align: bottom; padding-bottom: 6mm; }}
  @bottom-center {{ content: "— " counter(page) " —"; font: 14pt "{SERIF}"; vertical-align: top; padding-top: 7mm; }}
}}
@page cover {{ @top-center {{ content: none; }} @bottom-center {{ content: none; }} }}
html {{ font-family: "{SERIF}"; font-size: 16pt; line-height: 28.9pt; color: #000; text-align: justify; }}
h1, h2, h3, p {{ margin: 0; font-weight: normal; }}
.cover {{ page: cover; text-align: center; padding-top: 40mm; }}
.cover h1 {{ font-size: 26pt; line-height: 1.5; font-weight: bold; letter-spacing: 0.05em; bookmark-level: none; }}
.cover .issuer {{ margin-top: 18mm; font-size: 18pt; }}
.cover dl {{ margin: 45mm auto 0; width: 120mm; font-size: 14pt; line-height: 2; text-align: left; }}
.cover dl div {{ display: flex; }}
.cover dt {{ width: 30mm; text-align-last: justify; margin-right: 8mm; font-family: "{SANS}"; }}
.cover dd {{ margin: 0; }}
.cover .note {{ margin-top: 30mm; font-size: 10.5pt; line-height: 1.6; color: #444; }}
.notice {{ break-before: page; string-set: short-title var(--short-title); }}
.notice h2, .doc-title {{ font-size: 22pt; line-height: 1.5; font-weight: bold; text-align: center; margin-bottom: 28.9pt; }}
.notice h2 {{ bookmark-level: 1; bookmark-label: content(text); }}
.notice h2 .line {{ display: block; }}
.notice .to {{ margin-top: 0; }}
.notice .body {{ text-indent: 2em; }}
.notice .sign {{ margin-top: 28.9pt; text-align: right; padding-right: 2em; }}
.notice .date {{ text-align: right; padding-right: 2em; }}
.rules {{ break-before: page; }}
.doc-title {{ bookmark-level: none; }}
.chapter {{ font-family: "{SANS}"; text-align: center; margin: 14pt 0; bookmark-level: 1; break-after: avoid; }}
.art {{ text-indent: 2em; }}
.art b {{ font-family: "{SANS}"; font-weight: normal; bookmark-level: 2; bookmark-label: content(); }}
.item {{ text-indent: 2em; }}
"""


def css_string(text: str) -> str:
    """A CSS string literal: quotes and backslashes escaped, control characters as hex escapes."""
    return '"' + "".join(f"\\{ord(c):x} " if c in '"\\' or ord(c) < 32 else c for c in text) + '"'


def title_lines(title: str) -> str:
    """A long title broken before the quoted name (关于印发 / 《…》的通知), never inside it, as
    GB/T 9704 arranges multi-line titles; the text itself is unchanged."""
    head, sep, rest = title.partition("《")
    if not sep or not head:
        return escape(title)
    return f'<span class="line">{escape(head)}</span><span class="line">{escape(sep + rest)}</span>'


def document_html(corpus: Corpus, epoch: int) -> str:
    d = corpus.document
    stamp = epoch_datetime(epoch).strftime("%Y-%m-%dT%H:%M:%SZ")
    e = escape
    # The running head is set from the notice on (the cover has none); string-set takes a literal.
    # "</" would end the <style> element: the CSS escape \/ reads as "/".
    style = CSS.replace("var(--short-title)", css_string(d.short_title)).replace("</", "<\\/")
    head = (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{e(d.title)}</title>'
        f'<meta name="author" content="{e(d.issuer)}">'
        f'<meta name="description" content="{e(d.notice.title)}">'
        f'<meta name="keywords" content="{e(d.classification)}">'
        f'<meta name="generator" content="gangcheng-rules">'
        f'<meta name="dcterms.created" content="{stamp}"><meta name="dcterms.modified" content="{stamp}">'
        f"<style>{style}</style></head><body>"
    )
    cover = "".join(f"<div><dt>{e(k)}</dt><dd>{e(v)}</dd></div>" for k, v in cover_lines(corpus))
    n = d.notice
    parts = [
        head,
        f'<section class="cover"><h1>{e(d.title)}</h1><p class="issuer">{e(d.issuer)}</p><dl>{cover}</dl>',
        f'<p class="note">{e(COVER_NOTE)}</p></section>',
        f'<section class="notice"><h2>{title_lines(n.title)}</h2><p class="to">{e(n.addressees)}</p><p class="body">{e(n.body)}</p>',
        f'<p class="sign">{e(n.signature)}</p><p class="date">{e(n.date_text)}</p></section>',
        f'<section class="rules"><h2 class="doc-title">{e(d.title)}</h2>',
    ]
    for b in outline(corpus):
        if b.kind == "chapter":
            parts.append(f'<h3 class="chapter" id="{b.eid}">{e(b.text)}</h3>')
        elif b.lead:
            # The 第N条 label and the text are separated by a full-width space, as in the source's layout.
            parts.append(f'<p class="art" id="{b.eid}"><b>{e(b.lead)}</b>\u3000{e(b.text)}</p>')
        else:
            parts.append(f'<p class="{"item" if b.kind == "item" else "art"}" id="{b.eid}">{e(b.text)}</p>')
    parts.append("</section></body></html>")
    return "".join(parts)


def build_pdf(corpus: Corpus, epoch: int) -> bytes:
    import weasyprint  # imported here: loading pango costs time, and only a cache miss needs it

    html = weasyprint.HTML(string=document_html(corpus, epoch))
    # A fixed identifier (the title) instead of a random one, so the bytes are reproducible.
    return html.write_pdf(pdf_tags=True, pdf_identifier=corpus.document.title.encode("utf-8"), uncompressed_pdf=False)
