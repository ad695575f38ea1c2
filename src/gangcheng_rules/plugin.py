"""The MkDocs integration, a plugin (mkdocs.yml `plugins: [search, gangcheng-rules]`): validate the data,
generate the pages and nav, write the export, redirects, search index and offline copy into the site.

It owns the build's order of events and what one build carries between them (on the plugin instance, reset
in on_config, never in a module global). With the CLI it is the only place that reports problems: a data
problem stops the build with the validator's messages (path:line: pointer: message), no Python traceback.
"""

from __future__ import annotations

import logging
import os
from html import escape  # not `import html`: on_page_content's argument is named `html` by MkDocs
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from . import assets_bundle, documents, downloads, fulltext, htmlspace, load, offline, pagemeta, render, reproducible, shortlinks
from .eids import cn_date
from .export import build_files, with_documents
from .model import Corpus
from .problems import DataError
from .project import Project
from .render import Page, htmlblocks
from .replace import ExportError, check_target, write_files
from .searchsite import EXCLUDED, corpus_index, site_search_files, worker_url, write_site_search

log = logging.getLogger("mkdocs.plugins.gangcheng_rules")


def project(config: MkDocsConfig) -> Project:
    """The checkout whose data is built: the directory holding mkdocs.yml, not where the package lives."""
    return Project(Path(config.config_file_path).resolve().parent)


class GangchengRulesPlugin(BasePlugin):
    """One instance per `mkdocs build` or `mkdocs serve` process; each build starts afresh in on_config."""

    project: Project
    corpus: Corpus
    export: dict[str, bytes]  # made once in on_files (the pages list its files), written in on_post_build
    pages: list[Page]  # generated in on_files; the search index lists them
    search_files: dict[str, str]  # made in on_files (the pages' config names the worker's version), written in on_post_build
    documents: downloads.Pending | None = None  # PDF, Word, text (issue 12): typeset beside the page rendering
    epoch_is_ours = False  # SOURCE_DATE_EPOCH was set by us (from the data), not by the caller

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having on_startup makes MkDocs keep this one instance for every rebuild of `mkdocs serve`: what one
        # build carries is reset in on_config; only epoch_is_ours lasts the whole process.
        self.epoch_is_ours = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
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
        self.project, self.corpus = proj, corpus
        self.export, self.pages, self.search_files = {}, [], {}
        # MkDocs dates pages and the sitemap by SOURCE_DATE_EPOCH, else by the wall clock: default it to the data's
        # release date so a plain `mkdocs build` is reproducible too (the Makefile sets the same value).
        if reproducible.ENV not in os.environ or self.epoch_is_ours:
            os.environ[reproducible.ENV] = str(reproducible.source_date_epoch(corpus.document))
            self.epoch_is_ours = True
        # GCRULES_NO_DOCUMENTS: set only by scripts/bench_documents.py, to time a build without the files.
        self.documents = None if os.environ.get("GCRULES_NO_DOCUMENTS") else downloads.Pending(corpus, root)
        config.nav = render.nav(corpus)
        config.nav.insert(1, {fulltext.TITLE: fulltext.SRC})  # issue 12: the 全文 page after the home page
        d = corpus.document
        # mkdocs-material prints copyright as raw HTML (it is meant to allow markup): data must be escaped.
        config.copyright = escape(f"{d.issuer}{cn_date(d.date)}印发 · 数据版本 {d.dataset_version}")
        config.extra["document_version"] = f"{cn_date(d.date)}印发 · 数据版本 {d.dataset_version}"  # printed head (issue 12)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        proj, corpus = self.project, self.corpus
        export = self.export = build_files(corpus, proj)
        self.pages = [*render.pages(corpus, export, proj.schemas.documents), fulltext.fulltext_page(corpus)]
        # made here, written in on_post_build: the pages' config names the worker by its content's hash
        self.search_files = site_search_files(corpus_index(corpus, self.pages))
        for page in self.pages:
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                # Generated pages are never committed: a hand-written docs/ file of the same name is a mistake.
                raise Abort(f"Aborted: docs/{page.src_uri} would be replaced by the page generated from the data; remove it.")
            # our search index covers every page: the theme's search plugin need not index them
            # its HTML blocks carried past Markdown (render/htmlblocks.py), back in on_page_content
            files.append(File.generated(config, page.src_uri, content=EXCLUDED + htmlblocks.carry(page.markdown)))
        assets_bundle.add_bundles(files, config)  # issue 10: one deferred script and one style sheet per page
        return files

    # First among the plugins: nothing may read a page before its HTML blocks are back (render/htmlblocks.py).
    @event_priority(100)
    def on_page_content(self, html: str, *, page, config: MkDocsConfig, files: Files) -> str:
        """The generated pages' HTML blocks, carried past Markdown, back in place (their ids told to MkDocs's
        anchor validation). Issue 12: each page's own description (meta description, Open Graph), from its content."""
        html = htmlblocks.restore(html)
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= htmlblocks.anchor_ids(html)
        if not page.meta.get("description"):
            # Escaped here: MkDocs' theme templates do not autoescape, and material writes this value as is.
            page.meta["description"] = escape(pagemeta.description(page.title or config.site_name, html))
        return html

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """Issue 10: the theme's |tojson (the search's messages in every page's __config) writes Chinese as
        itself, not as \\uXXXX escapes twice its size; <, >, & and ' are still escaped."""
        env.policies["json.dumps_kwargs"] = {**env.policies["json.dumps_kwargs"], "ensure_ascii": False}
        # the search worker's address with its content's hash (searchsite.worker_url), for overrides/main.html
        env.globals["gc_worker"] = worker_url(self.search_files)
        return env

    def on_post_page(self, output: str, *, page, config: MkDocsConfig) -> str:
        """Issue 10: the theme's indentation collapsed (htmlspace). Issue 12: a page listing the document
        files is filled in on_post_build, once they are typeset (no wait here)."""
        output = htmlspace.collapse(output)
        if self.documents is not None:
            self.documents.note_page(output, page.file.abs_dest_path, page.file.src_uri)
        return output

    # Last among the plugins: mkdocs-material's search plugin writes search/search_index.json in its
    # on_post_build (default priority 0), and our index must replace it; the offline copy zips the finished site.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        try:  # refuse a site/data/ the export did not write before anything else is written
            check_target(site / render.EXPORT_DIR, self.project)
        except ExportError as e:
            raise Abort(f"Aborted: {e}") from None
        shortlinks.write_redirects(self.corpus, site)
        write_site_search(site, self.search_files)
        sitemap = site / "sitemap.xml.gz"
        if sitemap.exists():  # MkDocs stamps its gzip header with the build day: restamp it from SOURCE_DATE_EPOCH
            reproducible.rewrite_gzip(sitemap, reproducible.env_epoch() or 0)
        # Issue 12: the steps that need the document files come last, so the worker typesetting them has the most time.
        pending = self.documents
        if pending:
            pending.fill_pages()
        export = with_documents(self.corpus, self.export, pending.files()) if pending else self.export
        try:
            write_files(export, site / render.EXPORT_DIR, self.project)
        except ExportError as e:
            raise Abort(f"Aborted: {e}") from None
        if pending:
            # Last: the offline copy zips the finished site, cached by what the site is built from.
            when = documents.epoch_datetime(pending.epoch).timetuple()[:6]
            key = offline.site_key(config, self.corpus, when)
            offline.write_offline_zip(self.corpus, site, self.project.root / downloads.CACHE_DIR, when, key)
