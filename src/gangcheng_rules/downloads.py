"""The document files (PDF, Word, text) for a build, cached by the hash of what they are made from.

Typesetting the PDF takes a second or two; a rebuild whose data did not change takes the files from
the cache (`.cache/gcrules/` in the project, gitignored). The key covers the data (the dataset bundle
and the source text), the code and fonts that make the files, and SOURCE_DATE_EPOCH. Cache entries are
written aside and renamed into place, so an interrupted build never leaves half a file behind.

A cache miss is typeset in a worker process started as soon as the data is loaded, so the PDF is
made while MkDocs renders the pages; `files()` waits for it.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor
from importlib import metadata
from pathlib import Path

from . import documents, serialize
from .model import Corpus

CACHE_DIR = Path(".cache") / "gcrules"
_MAKERS = ("documents.py", "pdf.py", "wordfile.py")


def cache_key(corpus: Corpus, epoch: int) -> str:
    h = hashlib.sha256()
    h.update(json.dumps(serialize.bundle(corpus), ensure_ascii=False, sort_keys=True).encode())
    h.update(corpus.source_text.encode())
    h.update(str(epoch).encode())
    here = Path(__file__).parent
    for name in _MAKERS:
        h.update((here / name).read_bytes())
    for dist in ("weasyprint", "python-docx"):
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            pass
    return h.hexdigest()[:32]


def make(corpus: Corpus, epoch: int) -> dict[str, bytes]:
    """Typeset all document files (no cache)."""
    from .pdf import build_pdf
    from .wordfile import build_docx

    return {
        documents.PDF: build_pdf(corpus, epoch),
        documents.DOCX: build_docx(corpus, epoch),
        documents.TXT: documents.plain_text(corpus),
    }


def read_cache(entry: Path) -> dict[str, bytes] | None:
    try:
        return {name: (entry / name).read_bytes() for name in documents.DOCUMENT_FILES}
    except OSError:  # not cached, or removed meanwhile (make clean, another build): typeset again
        return None


def write_cache(entry: Path, files: dict[str, bytes]) -> None:
    entry.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{entry.name}-", dir=entry.parent))
    for name, data in files.items():
        (tmp / name).write_bytes(data)
    try:
        tmp.rename(entry)
    except OSError:  # another build stored the same entry meanwhile: same key, same bytes
        for name in files:
            (tmp / name).unlink()
        tmp.rmdir()


class Pending:
    """The document files of one build: from the cache at once, or from a worker started now."""

    def __init__(self, corpus: Corpus, root: Path):
        self.epoch = documents.source_epoch(corpus)
        self.entry = Path(root) / CACHE_DIR / cache_key(corpus, self.epoch)
        self._files = read_cache(self.entry)
        self._future: Future | None = None
        self._pool = None
        if self._files is None:
            # spawn, not fork: forking a process that runs threads (mkdocs serve) can deadlock
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            self._future = self._pool.submit(make, corpus, self.epoch)

    @property
    def cached(self) -> bool:
        return self._future is None

    def files(self) -> dict[str, bytes]:
        if self._files is None:
            assert self._future is not None and self._pool is not None
            try:
                self._files = self._future.result()
            finally:
                self._pool.shutdown()
            write_cache(self.entry, self._files)
        return self._files


MARKER = "<!-- gc:document-downloads -->"


def table_html(frm: str, files: dict[str, bytes]) -> str:
    """The download table of the document files for page `frm` (a src_uri): links, sizes, SHA-256."""
    from . import render

    rows = [
        (path, render.file_href(frm, f"{render.EXPORT_DIR}/{path}"), desc, len(files[path]), hashlib.sha256(files[path]).hexdigest())
        for path, (_, _, _, desc) in documents.DOCUMENT_FILES.items()
    ]
    from .offline import ZIP_NAME

    zip_href = render.file_href(frm, ZIP_NAME)
    offline = {"name": ZIP_NAME, "href": zip_href, "sha_href": zip_href + ".sha256"}
    return render.render("document-downloads.html", rows=rows, offline=offline)
