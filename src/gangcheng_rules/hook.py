"""The MkDocs hook: validate the data, generate the pages and nav, write the export and search files.

mkdocs.yml names a thin file (overrides/hooks.py) that imports these functions. This and the CLI are
the only places that report problems: a data problem stops the build with the validator's messages
(path:line: pointer: message) and no Python traceback.
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

from . import documents, downloads, fulltext, load, offline, pagemeta, render, reproducible, shortlinks
from .export import build_files, with_documents
from .model import Corpus
from .problems import DataError
from .project import Project
from .render import Page
from .replace import ExportError, write_files
from .searchsite import EXCLUDED, write_site_search

log = logging.getLogger("mkdocs.hooks.gangcheng_rules")


class _Build:
    """What one build learns in on_config and uses in later events (MkDocs hooks are module functions)."""

    project: Project
    corpus: Corpus
    export: dict[str, bytes]  # made once in on_files (the pages list its files), written in on_post_build
    epoch_is_ours = False  # SOURCE_DATE_EPOCH was set by us (from the data), not by the caller
    pages: list[Page]  # generated in on_files; the search index lists them
    documents: downloads.Pending | None  # PDF, Word, text (issue 12): typeset beside the page rendering


_build = _Build()


def project(config: MkDocsConfig) -> Project:
    """The checkout whose data is built: the directory holding mkdocs.yml, not where the package lives."""
    return Project(Path(config.config_file_path).resolve().parent)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    proj = project(config)
    root = proj.root
    try:
        corpus = load(proj)
    except DataError as e:
        for p in e.problems:
            log.error(str(p))
        n = len(e.problems)
        raise Abort(
            f"Aborted: {n} data problem{'s' if n != 1 else ''} in {root / 'data'}; fix {'them' if n != 1 else 'it'} and build again."
        ) from None
    _build.project, _build.corpus = proj, corpus
    # MkDocs dates pages and the sitemap by SOURCE_DATE_EPOCH, else by the wall clock: default it to the data's
    # release date so a plain `mkdocs build` is reproducible too (the Makefile sets the same value).
    if reproducible.ENV not in os.environ or _build.epoch_is_ours:
        os.environ[reproducible.ENV] = str(reproducible.source_date_epoch(corpus.document))
        _build.epoch_is_ours = True
    # GCRULES_NO_DOCUMENTS: set only by scripts/bench_documents.py, to time a build without the files.
    _build.documents = None if os.environ.get("GCRULES_NO_DOCUMENTS") else downloads.Pending(corpus, root)
    config.nav = render.nav(corpus)
    config.nav.insert(1, {fulltext.TITLE: fulltext.SRC})  # issue 12: the 全文 page after the home page
    d = corpus.document
    # mkdocs-material prints copyright as raw HTML (it is meant to allow markup): data must be escaped.
    config.copyright = html.escape(f"{d.issuer}{render.cn_date(d.date)}印发 · 数据版本 {d.dataset_version}")
    config.extra["document_version"] = f"{render.cn_date(d.date)}印发 · 数据版本 {d.dataset_version}"  # printed head (issue 12)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    proj, corpus = _build.project, _build.corpus
    export = _build.export = build_files(corpus, proj)
    _build.pages = [*render.pages(corpus, export, proj.schemas.documents), fulltext.fulltext_page(corpus)]
    for page in _build.pages:
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            # Generated pages are never committed: a hand-written docs/ file of the same name is a mistake.
            raise Abort(f"Aborted: docs/{page.src_uri} would be replaced by the page generated from the data; remove it.")
        # our search index covers every page: the theme's search plugin need not index them
        files.append(File.generated(config, page.src_uri, content=EXCLUDED + page.markdown))
    return files


def on_page_content(content: str, page, config: MkDocsConfig, files: Files) -> str:
    """Issue 12: each page's own description (meta description, Open Graph), from its content."""
    if not page.meta.get("description"):
        # Escaped here: MkDocs' theme templates do not autoescape, and material writes this value as is.
        page.meta["description"] = html.escape(pagemeta.description(page.title or config.site_name, content))
    return content


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    """Issue 12: the document files' sizes and hashes, known once the PDF is typeset (after the pages rendered)."""
    if downloads.MARKER in output and _build.documents is not None:
        output = output.replace(downloads.MARKER, downloads.table_html(page.file.src_uri, _build.documents.files()))
    return output


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    pending = _build.documents
    export = with_documents(_build.corpus, _build.export, pending.files()) if pending else _build.export
    try:
        write_files(export, site / render.EXPORT_DIR, _build.project)
    except ExportError as e:
        raise Abort(f"Aborted: {e}") from None
    shortlinks.write_redirects(_build.corpus, site)
    write_site_search(_build.corpus, site, _build.pages)
    sitemap = site / "sitemap.xml.gz"
    if sitemap.exists():  # MkDocs stamps its gzip header with the build day: restamp it from SOURCE_DATE_EPOCH
        reproducible.rewrite_gzip(sitemap, reproducible.env_epoch() or 0)
    if pending:
        # Last: the offline copy zips the finished site (issue 12).
        when = documents.epoch_datetime(pending.epoch).timetuple()[:6]
        offline.write_offline_zip(_build.corpus, site, _build.project.root / downloads.CACHE_DIR, when)
