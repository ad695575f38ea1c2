"""Search by number (issue 11): 第N条第M款第K项, in Arabic or Chinese numerals, lands on that paragraph
or item, with no number marked as a highlight term; a bare number in range opens its article when the
text does not match it better; a number past the last article or chapter says how many there are.

The ranking is gcsearch.js itself, run in V8 over the real index (and over small hand-written ones).
"""

from __future__ import annotations

import re

import pytest

from conftest import articles
from gangcheng_rules import search as S
from tinyindex import tiny_index


@pytest.mark.parametrize("q", ["第40条第2款", "第四十条第二款", "40条2款", "第 40 条 第 2 款", "第４０条第２款", "第四十條第二款"])
def test_an_article_and_paragraph_land_on_that_paragraph(engine, q):
    hits = engine.search(q)
    assert hits[0].article == 40
    assert hits[0].unit == "chapters/chp_9/#art_40__para_2"
    assert hits[0].unit_title == "第二款"
    # the snippet is that paragraph, and nothing in it is marked: 二 is no term of the query
    assert hits[0].text.startswith("区政府常务会议原则上每月召开一次")
    assert "<mark>" not in hits[0].text
    assert hits[0].terms == {}


@pytest.mark.parametrize("q", ["第57条第3项", "57条3项", "第五十七条第三项", "五十七条三项"])
def test_an_article_and_item_land_on_that_item(engine, q):
    h = engine.search(q)[0]
    assert h.article == 57
    assert h.unit == "chapters/chp_10/#art_57__para_1__list_1__item_3"
    assert h.text.startswith("（三）") and "<mark>" not in h.text
    assert h.terms == {}


def test_paragraph_and_item_together(engine):
    h = engine.search("第41条第1款第2项")[0]
    assert (h.article, h.unit) == (41, "chapters/chp_9/#art_41__para_1__list_1__item_2")


def test_the_page_highlights_no_number_of_the_reference(engine):
    """?h= carries the hits' terms: for a reference alone there are none (no page full of marked 二)."""
    for q in ("第四十条第二款", "第40条第2款", "第57条第3项"):
        for group in engine.items(q):
            for doc in group:
                assert doc["terms"] == {}, q


def test_a_reference_with_words_marks_only_the_words(engine):
    h = engine.search("第40条第2款 列席")[0]
    assert h.article == 40 and h.unit.endswith("__para_2")
    assert set(h.terms) == {"列席"}


def test_a_paragraph_the_article_lacks_lands_on_the_article(engine):
    r = engine.respond("第40条第9款")
    assert r["results"][0].article == 40 and r["notice"] is None


def test_a_paragraph_number_alone_searches_nothing(engine):
    assert engine.call("parse", "第二款")["chunks"] == []
    assert engine.search("第二款") == []


@pytest.mark.parametrize(("q", "art"), [("59", 59), ("五十九", 59), ("七十二", 72), ("7", 7), ("三", 3)])
def test_a_bare_number_in_range_opens_that_article(engine, q, art):
    r = engine.respond(q)
    h = r["results"][0]
    assert h.article == art and r["notice"] is None
    assert "<mark>" not in h.text and h.terms == {}


def test_a_bare_number_the_text_matches_better_comes_after_that_match(engine):
    # 二十四小时 (article 69) matches 24 as text; article 24 still follows
    a = articles(engine.search("24"))
    assert a[0] == 69
    assert 24 in a[1:3]


@pytest.mark.parametrize("q", ["第99条", "第0条", "第100条", "99条", "第九十九条", "第73条第2款"])
def test_an_article_past_the_last_says_how_many_there_are(engine, q):
    r = engine.respond(q)
    assert r["results"] == []
    assert r["notice"] == {"kind": "out_of_range", "text": "本规则共七十二条", "url": "#contents"}


def test_a_bare_number_past_the_last_that_matches_nothing_says_so_too(engine):
    assert engine.respond("99")["notice"]["text"] == "本规则共七十二条"
    # 12345 (the hotline) is a word of the text: found, no notice
    r = engine.respond("12345")
    assert r["notice"] is None and articles(r["results"])[0] in (12, 27)


@pytest.mark.parametrize("q", ["第13章", "第十三章", "第0章"])
def test_a_chapter_past_the_last_says_how_many_there_are(engine, q):
    r = engine.respond(q)
    assert r["notice"]["kind"] == "out_of_range" and r["notice"]["text"] == "本规则共十二章"


def test_out_of_range_with_words_keeps_the_words_results(engine):
    r = engine.respond("第99条 会议纪要")
    assert r["notice"]["text"] == "本规则共七十二条"
    assert articles(r["results"])[0] == 48


def test_the_count_comes_from_the_index():
    eng = S.Engine(tiny_index({1: ["总则 一"], 2: ["会议 纪要"], 3: ["请假"]}, links={"contents": "#contents"}))
    assert eng.respond("第4条")["notice"]["text"] == "本规则共三条"
    assert eng.respond("第2章")["notice"]["text"] == "本规则共一章"
    # an index without links: the notice has no link, and still says it
    eng = S.Engine(tiny_index({1: ["总则"]}))
    assert eng.respond("第9条")["notice"] == {"kind": "out_of_range", "text": "本规则共一条", "url": None}


def test_citations_for_answer_cards(engine):
    """How gcanswer.js cites a unit: an article of one paragraph drops 第一款."""
    cite = lambda n, eid: engine.call("citation", n, eid)  # noqa: E731
    assert cite(57, "para_1__list_1__item_3") == "第五十七条第三项"
    assert cite(40, "para_2") == "第四十条第二款"
    assert cite(59, "") == "第五十九条"
    assert cite(48, "para_1") == "第四十八条"
    assert engine.call("unitUrl", 40, "para_2") == "chapters/chp_9/#art_40__para_2"


def test_reference_forms_never_mark_digits_in_snippets(engine):
    for q in ("第5条第1款", "第五条第一款", "5条1款"):
        h = engine.search(q)[0]
        assert h.article == 5 and not re.search(r"<mark>[一二三四五六七八九十0-9]+</mark>", h.text)
