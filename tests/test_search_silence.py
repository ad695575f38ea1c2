"""Honest silence and the lead entry (issue 11): a query whose content words the rules do not contain
gets no results and the notice 本规则未涉及“…” with where to look instead, never a list built on
single characters (职, 下); the answer card (from gcanswer.js, here a stub defined by the test only) or
the notice is the first result entry, built from escaped data, with the highest score so that Enter
opens it; bad input gives escaped text, no card and no freeze.
"""

from __future__ import annotations

import json
import re
import time

import pytest

from clirun import gcrules
from conftest import articles
from gangcheng_rules import search as S
from tinyindex import tiny_index


@pytest.mark.parametrize(("q", "words"), [("兼职", "兼职"), ("下载", "下载"), ("工资怎么发", "工资"), ("怎么下载文件模板", None)])
def test_topics_the_rules_do_not_cover_get_the_notice_and_no_results(engine, q, words):
    r = engine.respond(q)
    if words is None:  # 文件 is a word of the rules: found by it
        assert r["results"] and r["notice"] is None
        return
    assert r["results"] == []
    n = r["notice"]
    assert n["kind"] == "uncovered"
    assert n["text"] == f"本规则未涉及“{words}”"
    assert n["url"] == "subjects/"
    assert [s["url"] for s in n["suggest"]] == ["subjects/", "actors/"]


@pytest.mark.parametrize("q", ["请假", "会议纪要", "局长休年假要谁批准", "兼职 会议", "工资 审计"])
def test_a_real_word_of_the_rules_is_still_found(engine, q):
    r = engine.respond(q)
    assert r["results"] and r["notice"] is None


@pytest.mark.parametrize(
    ("q", "missing"), [("怎么下载文件模板", {"下载", "模板"}), ("工资 审计", {"工资"}), ("单位停车位怎么申请", {"停车位", "申请"})]
)
def test_a_partial_answer_lists_the_words_the_rules_do_not_hold_under_each_result(engine, q, missing):
    # the theme shows terms marked false as 缺少: …, and highlights only the true ones
    hits = engine.search(q)
    assert hits
    for h in hits:
        if h.article is not None:
            assert {t for t, found in h.terms.items() if not found} == missing
            assert all(found for t, found in h.terms.items() if t not in missing)


def test_a_query_the_rules_answer_whole_lists_nothing_missing(engine):
    for q in ("请假", "会议纪要谁签发", "局长休年假要谁批准", "第四十条第二款"):
        assert all(all(h.terms.values()) for h in engine.search(q)), q


def test_a_single_character_query_still_searches(engine):
    # one typed character is how many queries begin: no notice while typing
    r = engine.respond("会")
    assert r["results"] and r["notice"] is None


def test_silence_lists_nothing_built_on_single_characters(engine):
    """Before issue 11, 兼职 listed articles on 职 and 下载 on 下."""
    for q in ("兼职", "下载", "工资怎么发"):
        assert engine.search(q) == []


@pytest.mark.parametrize(
    "q",
    ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "a" * 10000, "测" * 10000, "😀🎉", "\u202e\u200f", ".*+?^${}()|[]\\"],
)
def test_bad_input_gets_no_card_no_notice_and_no_freeze(engine, q):
    start = time.perf_counter()
    r = engine.respond(q)
    assert time.perf_counter() - start < 2.0
    assert r["answer"] is None and r["notice"] is None and r["results"] == []


# ---------------------------------------------------------------------------------------------------
# the lead entry, with a stub gcanswer (test only: the real one is gcanswer.js)

STUB = """
globalThis.gcanswer = {
  answer(engine, query, hits) {
    globalThis.gcanswerCalls = (globalThis.gcanswerCalls || 0) + 1;
    const spec = globalThis.gcanswerStub;
    if (!spec) return null;
    if (spec === "throw") throw new Error("stub failure");
    const h = hits.find((x) => x.article === spec.article);
    if (!h) return null;
    const source = engine.citation(spec.article, spec.unit);
    return { text: spec.phrase + "（" + source + "）", source, url: spec.url ?? engine.unitUrl(spec.article, spec.unit),
             slot: "signer", article: spec.article, unit: spec.unit };
  },
};
"""


SAVE = "globalThis.gcanswerSaved = globalThis.gcanswer; delete globalThis.gcanswer;"
RESTORE = (
    "delete globalThis.gcanswer; delete globalThis.gcanswerStub; delete globalThis.gcanswerCalls;"
    " if (globalThis.gcanswerSaved) globalThis.gcanswer = globalThis.gcanswerSaved; delete globalThis.gcanswerSaved;"
)


@pytest.fixture
def stub(engine):
    """gcanswer replaced by the stub in this process's V8 context for one test (the real gcanswer.js,
    when the worker has it, is put back after)."""
    ctx = S._v8()
    ctx.eval(SAVE)
    ctx.eval(STUB)

    def answer_with(spec):
        ctx.eval(f"globalThis.gcanswerStub = {json.dumps(spec, ensure_ascii=False)};")

    yield answer_with
    ctx.eval(RESTORE)


def test_without_gcanswer_there_is_never_a_card(engine):
    ctx = S._v8()
    ctx.eval(SAVE)
    try:
        assert engine.respond("会议纪要谁签发")["answer"] is None
    finally:
        ctx.eval(RESTORE)


def test_the_card_comes_first_with_its_citation_and_the_cited_paragraph(engine, stub):
    stub({"article": 57, "unit": "para_1__list_1__item_3", "phrase": "由区长签发"})
    r = engine.respond("成立临时机构的文件谁签发")
    assert r["answer"] == {
        "text": "由区长签发（第五十七条第三项）",
        "source": "第五十七条第三项",
        "url": "chapters/chp_10/#art_57__para_1__list_1__item_3",
        "slot": "signer",
        "article": 57,
        "unit": "para_1__list_1__item_3",
    }
    items = engine.items("成立临时机构的文件谁签发")
    lead = items[0]
    assert len(lead) == 1
    assert lead[0]["location"] == r["answer"]["url"]
    assert lead[0]["title"] == (
        '<span class="gc-lead gc-lead--answer" data-answer="由区长签发（第五十七条第三项）">由区长签发（<cite>第五十七条第三项</cite>）'
        '<span class="gc-lead-note">编者据条文整理，以原文为准</span></span>'
    )
    # Enter opens the entry with the highest score: the card
    assert lead[0]["score"] > max(d["score"] for g in items[1:] for d in g)
    # the cited paragraph opens with the words the article's own result highlights
    same = next(h for h in r["results"] if h.article == r["answer"]["article"])
    assert lead[0]["terms"] == {t: True for t, found in same.terms.items() if found} != {}


def test_an_answer_citing_no_unit_of_its_article_is_dropped(engine, stub):
    stub({"article": 57, "unit": "para_9", "phrase": "由区长签发"})
    assert engine.respond("成立临时机构的文件谁签发")["answer"] is None
    stub({"article": 57, "unit": "para_1__list_1__item_3", "phrase": "由区长签发", "url": "https://elsewhere.example/"})
    # the link is always the cited unit's, whatever the answer said
    assert engine.respond("成立临时机构的文件谁签发")["answer"]["url"] == "chapters/chp_10/#art_57__para_1__list_1__item_3"


def test_a_failing_gcanswer_leaves_the_results(engine, stub):
    stub("throw")
    r = engine.respond("会议纪要")
    assert r["answer"] is None and articles(r["results"])[0] == 48


def test_no_card_is_asked_for_when_the_rules_are_silent_or_nothing_is_found(engine, stub):
    stub({"article": 57, "unit": "para_1", "phrase": "x"})
    for q in ("兼职", "<script>", "😀"):
        assert engine.respond(q)["answer"] is None
    assert S._v8().eval("globalThis.gcanswerCalls || 0") == 0


def test_the_lead_html_escapes_everything(engine):
    html = S.js(
        "leadHtml",
        {"answer": {"text": '<b>由"区长"签发</b>&（第一条）', "source": "第一条", "url": "x"}, "notice": None},
    )
    assert "<b>" not in html and "&lt;b&gt;" in html and "&quot;" in html and "&amp;" in html
    assert re.fullmatch(
        r'<span class="gc-lead gc-lead--answer" data-answer="[^"<>]*">[^<>]*（<cite>第一条</cite>）<span class="gc-lead-note">编者据条文整理，以原文为准</span></span>',
        html,
    )
    html = S.js(
        "leadHtml",
        {"answer": None, "notice": {"kind": "uncovered", "text": "本规则未涉及“<i>”", "suggest": [{"title": "<主题>", "url": "s/"}]}},
    )
    assert "<i>" not in html and "&lt;主题&gt;" in html and 'data-notice="uncovered"' in html


def test_the_notice_entry_links_no_article(engine):
    items = engine.items("兼职")
    assert 'data-notice="uncovered"' in items[0][0]["title"] and "本规则未涉及“兼职”" in items[0][0]["title"]
    locations = [d["location"] for g in items for d in g]
    assert locations == ["subjects/", "actors/"]
    assert not any("#art_" in loc for loc in locations)
    out = engine.items("第99条")
    assert out[0][0]["location"] == "#contents" and 'data-notice="out_of_range"' in out[0][0]["title"]
    assert len(out) == 1


def test_to_items_still_takes_a_list_of_hits(engine):
    hits = engine.call("search", "会议纪要")
    assert S.js("toItems", hits) == S.js("toItems", {"answer": None, "notice": None, "results": hits})


def test_the_worker_answers_the_theme_with_the_lead_entry(index):
    """The file run as the site runs it (a worker in a fresh V8): a notice arrives as the first item."""
    from test_search import run_worker

    out = run_worker([{"type": 0, "data": index}, {"type": 2, "data": "兼职"}, {"type": 2, "data": "第四十条第二款"}])
    silence, para = out[1]["data"]["items"], out[2]["data"]["items"]
    assert 'data-notice="uncovered"' in silence[0][0]["title"]
    assert para[0][0]["location"] == "chapters/chp_9/#art_40__para_2"


def test_an_index_without_links_still_gives_the_notice():
    eng = S.Engine(tiny_index({1: ["会议 纪要 由 区长 签发"], 2: ["请假"]}))
    n = eng.respond("兼职")["notice"]
    assert n == {"kind": "uncovered", "text": "本规则未涉及“兼职”", "words": ["兼职"], "url": None, "suggest": []}


def test_the_cli_prints_the_answer_first_and_gives_it_in_json(stub):
    stub({"article": 57, "unit": "para_1__list_1__item_3", "phrase": "由区长签发"})
    r = gcrules("search", "成立临时机构的文件谁签发", "--limit", "2")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "答：由区长签发（第五十七条第三项）  chapters/chp_10/#art_57__para_1__list_1__item_3"
    assert lines[1].startswith(" 1. 第五十七条")
    out = json.loads(gcrules("search", "成立临时机构的文件谁签发", "--json").stdout)
    assert out["answer"] == {
        "text": "由区长签发（第五十七条第三项）",
        "source": "第五十七条第三项",
        "url": "chapters/chp_10/#art_57__para_1__list_1__item_3",
    }
    assert out["results"][0]["article"] == 57


def test_the_cli_says_when_the_rules_are_silent():
    r = gcrules("search", "兼职")
    assert r.returncode == 0
    assert r.stdout.splitlines()[0].startswith("本规则未涉及“兼职”。")
    out = json.loads(gcrules("search", "第99条", "--json").stdout)
    assert out["notice"] == {"kind": "out_of_range", "text": "本规则共七十二条", "url": "#contents"}
    assert out["results"] == [] and out["answer"] is None
