"""The open-data pages: how to use the data, the changelog, and when each article last changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from datacopy import ROOT
from gangcheng_rules import render
from gangcheng_rules.export import build_files
from gangcheng_rules.model import Change, last_changed
from gangcheng_rules.project import Project


@pytest.fixture(scope="module")
def amended(corpus):
    """The same rules after a (fictional) release 1.1.0 that changed article 12 only."""
    release = Change("1.1.0", dt.date(2027, 1, 5), "修改第十二条。", (12,))
    doc = dataclasses.replace(corpus.document, dataset_version="1.1.0", changelog=(*corpus.document.changelog, release))
    return dataclasses.replace(corpus, document=doc)


def test_each_article_names_the_release_that_last_changed_it(amended):
    assert last_changed(amended, 12).version == "1.1.0"
    assert last_changed(amended, 13).version == "2.0.0"  # its norm tags were revised
    html = render.article_block(amended, amended.article(12), render.chapter_src(3))
    # a release touching the article corrects the data; the rules themselves were not amended
    assert "数据更正见" in html and "数据版本 1.1.0" in html and "2027年1月5日" in html and "条文自印发以来未修订" in html
    html = render.article_block(amended, amended.article(13), render.chapter_src(3))
    last = last_changed(amended, 13)
    assert f"数据版本 {last.version}</a>（{render.cn_date(last.date)}）" in html and "条文自印发以来未修订" in html
    assert f'href="../../changes/#v{last.version.replace(".", "-")}"' in html
    # an article no release touched says when its data was first published
    untouched = next(a for a in amended.articles if all(a.number not in c.articles for c in amended.document.changelog[1:]))
    first = amended.document.changelog[0]
    html = render.article_block(amended, untouched, render.chapter_src(untouched.chapter))
    assert "数据首次发布于" in html and f"数据版本 {first.version}" in html


def test_the_changes_page_lists_releases_newest_first_with_their_articles(amended):
    page = render.changes_page(amended)
    # the table the page's text promises, one row per release, newest first
    assert "<table" in page.markdown
    assert page.markdown.index('<tr id="v1-1-0">') < page.markdown.index('<tr id="v1-0-0">')
    assert "第十二条" in page.markdown and "现行有效" in page.markdown
    # the source states no effective date: the page says so instead of asserting one
    assert "原文未载明施行日期" in page.markdown and "起施行" not in page.markdown


def test_the_using_data_page_shows_the_datas_version_uris_and_example_and_links_only_exported_files(corpus):
    from gangcheng_rules.akn import uris

    files = build_files(corpus, Project(ROOT))
    release = dataclasses.replace(corpus.document, dataset_version="9.8.7", issuer="某区人民政府")
    md = render.using_page(dataclasses.replace(corpus, document=release), files).markdown
    # what the page says comes from the data: its version, issuer, FRBR URIs and the example article's place
    assert "当前 9.8.7" in md and "当前 " + corpus.document.dataset_version not in md and "（某区人民政府，" in md
    for uri in uris(corpus).values():
        assert f"<code>{uri}</code>" in md
    example = corpus.article(40)
    assert f"chapters/chp_{example.chapter}/#art_40__para_1" in md
    # every file the page links is one the export writes (a renamed export file cannot leave a dead example)
    linked = set(re.findall(r'href="\.\./data/([^"]+)"', md))
    assert "rules.json" in linked and linked <= set(files), linked - set(files)


def test_the_open_data_pages_are_in_the_nav(corpus):
    flat = str(render.nav(corpus))
    assert render.USING in flat and render.CHANGES in flat and render.DATASET in flat
