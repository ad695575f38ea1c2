"""The document files (PDF, Word, text) for a build, cached by the hash of what they are made from.

Typesetting the PDF takes seconds of CPU; a rebuild whose data did not change takes the files from the
cache (`.cache/gcrules/` in the project, gitignored). The key covers the data (the dataset bundle and
the source text), the code and fonts that make the files, and SOURCE_DATE_EPOCH. Cache entries are
written aside and renamed into place, so an interrupted build never leaves half a file behind; each
entry lists its files' SHA-256, and an entry that does not match (a truncated or edited file) is
typeset again and replaced.

A cache miss is typeset in a worker process started as soon as the data is loaded, so the PDF is made
on the other core while MkDocs renders the pages. Nothing waits for it until the site is written:
the pages that list the files (sizes and hashes) are written with MARKER and filled in on_post_build.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from importlib import metadata
from pathlib import Path

from . import documents, serialize
from .cacheentry import CACHE_DIR, store_aside
from .model import Corpus

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


SUMS = "SHA256SUMS"  # in each cache entry: what its files must hash to (sha256sum -c reads it too)


def sums(files: dict[str, bytes]) -> str:
    return "".join(f"{hashlib.sha256(files[name]).hexdigest()}  {name}\n" for name in sorted(files))


def read_cache(entry: Path) -> dict[str, bytes] | None:
    """The cached files, or None when not cached, removed meanwhile, or not what the entry says it holds."""
    try:
        files = {name: (entry / name).read_bytes() for name in documents.DOCUMENT_FILES}
        listed = (entry / SUMS).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return files if listed == sums(files) else None


def write_cache(entry: Path, files: dict[str, bytes]) -> None:
    store_aside(entry, {**files, SUMS: sums(files).encode("utf-8")})


def start_method() -> str:
    """fork when this process runs no other thread (mkdocs build): the worker starts at once, without importing
    the package again; spawn otherwise (mkdocs serve runs threads, and forking them can deadlock)."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


class Pending:
    """The document files of one build: from the cache at once, or from a worker started now."""

    def __init__(self, corpus: Corpus, root: Path):
        self.epoch = documents.source_epoch(corpus)
        self.entry = Path(root) / CACHE_DIR / cache_key(corpus, self.epoch)
        self._files = read_cache(self.entry)
        self._future: Future | None = None
        self._pool = None
        self._marked: list[tuple[str, str]] = []  # (written page, its src_uri) holding MARKER
        if self._files is None:
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context(start_method()))
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

    def note_page(self, output: str, dest: str, src_uri: str) -> None:
        """Remember a page (its rendered HTML, the file MkDocs writes it to) whose download table waits for the files."""
        if MARKER in output:
            self._marked.append((dest, src_uri))

    def fill_pages(self) -> None:
        """Put the download table into the noted pages, now written (waits for the files)."""
        files = self.files()
        for dest, src_uri in self._marked:
            page = Path(dest)
            html = page.read_text(encoding="utf-8").replace(MARKER, table_html(src_uri, files))
            tmp = page.with_name(f".{page.name}.{os.getpid()}.tmp")  # written aside (mode from the umask), swapped in
            tmp.write_text(html, encoding="utf-8", newline="")
            tmp.replace(page)
        self._marked.clear()


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
