"""The open-data pages: how to use the data, the changelog, and when each article last changed."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import gangcheng_rules
from datacopy import ROOT
from gangcheng_rules import render
from gangcheng_rules.export import build_files
from gangcheng_rules.model import Change, last_changed
from gangcheng_rules.project import Project


@pytest.fixture(scope="module")
def corpus():
    return gangcheng_rules.load()


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
    assert "数据更正见" in html and "数据版本 2.0.0" in html
    assert last_changed(amended, 1).version == "1.0.0"  # the enactment clause has no tag to revise
    html = render.article_block(amended, amended.article(1), render.chapter_src(1))
    assert "数据首次发布于" in html and "数据版本 1.0.0" in html and "条文自印发以来未修订" in html
    assert 'href="../../changes/#v1-0-0"' in html


def test_the_changes_page_lists_releases_newest_first_with_their_articles(amended):
    page = render.changes_page(amended)
    # the table the page's text promises, one row per release, newest first
    assert "<table" in page.markdown
    assert page.markdown.index('<tr id="v1-1-0">') < page.markdown.index('<tr id="v1-0-0">')
    assert "第十二条" in page.markdown and "现行有效" in page.markdown
    # the source states no effective date: the page says so instead of asserting one
    assert "原文未载明施行日期" in page.markdown and "起施行" not in page.markdown


def test_the_using_data_page_shows_fetch_examples_urls_ids_and_licence(corpus):
    page = render.using_page(corpus, build_files(corpus, Project(ROOT)))
    md = page.markdown
    assert "from urllib.request import urlopen" in md and "await fetch(" in md
    assert "data/v1/actors/{id}.json" in md and "openapi.json" in md
    assert "/akn/cn-370117/act/rules/2022-04-08/gangcheng-government-work-rules" in md
    assert "art_N__para_M__list_1__item_K" in md
    assert "著作权法》第五条" in md
    assert 'href="../data/v1/index.json"' in md


def test_the_open_data_pages_are_in_the_nav(corpus):
    flat = str(render.nav(corpus))
    assert render.USING in flat and render.CHANGES in flat and render.DATASET in flat
