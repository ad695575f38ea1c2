"""The whole document as files people download: plain text, PDF and Word.

Only the legal text (the notice, the title, chapters and articles) goes into these files, with a cover
that names the document; no editorial annotation. The PDF and Word files are made by pdf.py and
wordfile.py from the outline built here, so the three files carry the same text in the same order.

Files are deterministic: their dates come from SOURCE_DATE_EPOCH (default: the last release of the
dataset), so a rebuild of the same data gives the same bytes. downloads.py caches them by the data's hash.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from . import catalogue, reproducible
from .catalogue import BASENAME, DOCX, PDF, TXT  # noqa: F401  (documents.PDF … : their old home)
from .eids import article_label, cn_date
from .model import Corpus

# path → (resource name, format, media type, Chinese description shown on the site), from the catalogue
DOCUMENT_FILES = {f.path: (f.name, f.format, f.mediatype, f.zh) for f in catalogue.DOCUMENTS}


def source_epoch(corpus: Corpus) -> int:
    """SOURCE_DATE_EPOCH if set, else the dataset's own (reproducible.source_date_epoch)."""
    env = reproducible.env_epoch()
    return env if env is not None else reproducible.source_date_epoch(corpus.document)


def epoch_datetime(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, tz=UTC)


def plain_text(corpus: Corpus) -> bytes:
    """The official text exactly as in data/source/ (validate has checked the data reproduces it)."""
    return corpus.source_text.encode("utf-8")


# ---------------------------------------------------------------- the outline shared by PDF and Word


@dataclass(frozen=True)
class Block:
    """One line of the document. kind: chapter | article | item; lead is the bold 第N条 of an article's
    first paragraph (kept apart so the text can be set in bold), text the rest, verbatim."""

    kind: str
    text: str
    eid: str
    lead: str = ""


def outline(corpus: Corpus) -> list[Block]:
    """Chapters, then each article's paragraphs and items, in the order of the source."""
    out: list[Block] = []
    for ch in corpus.document.chapters:
        out.append(Block("chapter", f"{ch.heading}\u3000{ch.title}", ch.eid))
        for a in corpus.articles_in(ch):
            for k, p in enumerate(a.paragraphs):
                lead = article_label(a.number) if k == 0 else ""
                out.append(Block("article", p.text, p.eid, lead))
                out.extend(Block("item", i.label + i.text, i.eid) for i in p.items)
    return out


def cover_lines(corpus: Corpus) -> list[tuple[str, str]]:
    """Label/value lines of the cover: issuer, date, status, dataset version."""
    d = corpus.document
    version = d.dataset_version + (f"（{cn_date(d.changelog[-1].date)}）" if d.changelog else "")
    return [("发文机关", d.issuer), ("成文日期", cn_date(d.date)), ("状态", d.status), ("数据版本", version)]


COVER_NOTE = "本文件由开放数据集自动生成，正文与官方文本逐字相同；封面信息为编者所加。"
