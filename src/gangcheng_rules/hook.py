"""The MkDocs hook: validate the data, generate the pages and nav, write the export and search files.

mkdocs.yml names a thin file (overrides/hooks.py) that imports these functions. This and the CLI are
the only places that report problems: a data problem stops the build with the validator's messages
(path:line: pointer: message) and no Python traceback.
"""

from __future__ import annotations

import json
import logging
import os
from html import escape
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

from . import documents, downloads, fulltext, load, offline, pagemeta, render, shortlinks
from .export import build_files, with_documents, write_files
from .model import Corpus
from .problems import DataError
from .searchsite import write_site_search

log = logging.getLogger("mkdocs.hooks.gangcheng_rules")


class _Build:
    """What one build learns in on_config and uses in later events (MkDocs hooks are module functions)."""

    root: Path
    corpus: Corpus
    export: dict[str, bytes]  # made once in on_files (the pages list its files), written in on_post_build
    documents: downloads.Pending | None  # PDF, Word, text (issue 12): typeset beside the page rendering


_build = _Build()


def project_root(config: MkDocsConfig) -> Path:
    """The checkout whose data is built: the directory holding mkdocs.yml, not where the package lives."""
    return Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = project_root(config)
    try:
        corpus = load(root)
    except DataError as e:
        for p in e.problems:
            log.error(str(p))
        n = len(e.problems)
        raise Abort(
            f"Aborted: {n} data problem{'s' if n != 1 else ''} in {root / 'data'}; fix {'them' if n != 1 else 'it'} and build again."
        ) from None
    _build.root, _build.corpus = root, corpus
    # GCRULES_NO_DOCUMENTS: set only by scripts/bench_documents.py, to time a build without the files.
    _build.documents = None if os.environ.get("GCRULES_NO_DOCUMENTS") else downloads.Pending(corpus, root)
    config.nav = render.nav(corpus)
    config.nav.insert(1, {fulltext.TITLE: fulltext.SRC})  # issue 12: the 全文 page after the home page
    d = corpus.document
    config.copyright = f"{d.issuer}{render.cn_date(d.date)}印发 · 数据版本 {d.dataset_version}"
    config.extra["document_version"] = f"{render.cn_date(d.date)}印发 · 数据版本 {d.dataset_version}"  # printed head (issue 12)
    return config


def schemas(root: Path) -> dict[str, dict]:
    return {
        p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((root / "schema").glob("*.schema.json"))
    }


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root, corpus = _build.root, _build.corpus
    export = _build.export = build_files(corpus, root / "schema")
    for page in [*render.pages(corpus, export, schemas(root)), fulltext.fulltext_page(corpus)]:
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            # Generated pages are never committed: a hand-written docs/ file of the same name is a mistake.
            raise Abort(f"Aborted: docs/{page.src_uri} would be replaced by the page generated from the data; remove it.")
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    return files


def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:
    """Issue 12: each page's own description (meta description, Open Graph), from its content."""
    if not page.meta.get("description"):
        # Escaped here: MkDocs' theme templates do not autoescape, and material writes this value as is.
        page.meta["description"] = escape(pagemeta.description(page.title or config.site_name, html))
    return html


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    """Issue 12: the document files' sizes and hashes, known once the PDF is typeset (after the pages rendered)."""
    if downloads.MARKER in output and _build.documents is not None:
        output = output.replace(downloads.MARKER, downloads.table_html(page.file.src_uri, _build.documents.files()))
    return output


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    pending = _build.documents
    export = with_documents(_build.corpus, _build.export, pending.files()) if pending else _build.export
    write_files(export, site / render.EXPORT_DIR)
    shortlinks.write_redirects(_build.corpus, site)
    write_site_search(_build.corpus, site)
    if pending:
        # Last: the offline copy zips the finished site (issue 12).
        when = documents.epoch_datetime(pending.epoch).timetuple()[:6]
        offline.write_offline_zip(_build.corpus, site, _build.root / downloads.CACHE_DIR, when)
