"""Answer cards at query time (assets/gcanswer.js, served after gcsearch.js in the one worker file and run
here in the same V8 context): the slot a question asks, the norm that answers it among the best articles,
the card's text, citation and link, and no card when no norm fits or the input is not a question.
"""

from __future__ import annotations

import copy
import json
import re
import time

import pytest

from gangcheng_rules import search as S


def run(engine, body: str, *args):
    """Evaluate `(e, ...args) => body` against this engine in the worker's V8 context."""
    return S._call(f"((...a) => ((e, ...args) => {body})(gcEngines.get({json.dumps(engine._name)}), ...a))", args)


def answer(engine, q: str):
    return run(engine, "gcanswer.answer(e, args[0], e.search(args[0]))", q)


def detect(engine, q: str):
    return run(engine, "gcanswer.detect(e, args[0])", q)


def phrases(index) -> set[str]:
    return {p for a in index["config"]["gc"]["articles"] for r in json.loads(a["norms"]) for p in r["slots"].values()}


def test_the_worker_file_is_the_ranking_then_the_answers():
    src = S.worker_source()
    assert src.index("globalThis.gcsearch = api") < src.index("globalThis.gcanswer =")


# ---------------------------------------------------------------------------------------------------
# the slot asked


@pytest.mark.parametrize(
    ("q", "slot"),
    [
        ("公文由谁负责审理", "who"),
        ("这事找谁", "who"),
        ("哪个部门负责督查", "who"),
        ("外出要谁批准", "approver"),
        ("开会来不了跟谁请假", "approver"),
        ("请假向谁请", "approver"),
        ("会议纪要谁签发", "signer"),
        ("外出得经过谁同意", "approver"),
        ("上会前要谁点头", "approver"),
        ("这份文件谁来签批", "signer"),
        ("签发前谁审签", "reviewer"),  # the act right after 谁 is what is asked
        ("报来的文件谁先审", "reviewer"),
        ("一次能报几件事", "many"),
        ("这个流程怎么走", "how"),
        ("正式公文谁审核", "reviewer"),
        ("部门发文谁把关", "reviewer"),
        ("什么时候报备", "when"),
        ("休假要提前几天报告", "when"),
        ("多久之前要报告", "when"),
        ("外出前多久报备", "when"),
        ("交办的事多长时间内办完", "when"),
        ("常务会议多久开一次", "often"),
        ("学法的频率", "often"),
        ("出席人数要多少人", "many"),
        ("要几分之几的人到会", "many"),
        ("简报最多多少字", "many"),
        ("能不能对外行文", "may"),
        ("可以邀请街道负责人吗", "may"),
        ("需要报区政府批准吗", "approver"),  # who approves is the more specific question
        ("要不要事先报告", "may"),
        ("必须以正式公文报送吗", "may"),
        ("是否需要会签", "may"),
        ("来文怎么处理", "how"),
        ("不能参加会议怎么办", "how"),  # 怎么's 么 is no yes/no particle
        ("能去么", "may"),
        ("请示的程序是什么", "how"),
        ("请示的程序", None),  # a topic named, not asked about: a keyword query gets no card
        ("公文办理流程怎么走", "how"),
        ("重大行政决策程序", None),
        ("會議紀要誰簽發", "signer"),  # folded as the engine folds: traditional → simplified
        ("ｈｔｍｌ多久一次", "often"),
        ("区政府常务会议", None),
        ("第五十七条", None),
        ("", None),
    ],
)
def test_the_slot_comes_from_the_question_words(engine, q, slot):
    assert detect(engine, q) == slot


# ---------------------------------------------------------------------------------------------------
# cards against the real index (questions written for these tests, apart from bench/answers.yaml)


@pytest.mark.parametrize(
    ("q", "slot", "article", "unit", "says"),
    [
        ("区政府的公文由谁负责审理", "who", 57, "para_1", "由区政府办公室负责审理和送签"),
        ("政府领导开会不能出席要向谁请假", "approver", 47, "para_1", "应向区长请假"),
        ("全体会议的纪要谁签发", "signer", 48, "para_1", "由区长签发"),
        ("决策方案由谁进行合法性审查", "reviewer", 18, "para_1", "区政府法制机构进行合法性审查"),
        ("领导干部休假要提前几天报备", "when", 69, "para_2", "提前3天报备"),
        ("区长办公会议多久召开一次", "often", 41, "para_2", "每周召开一次"),
        ("简报每期最多多少字", "many", 59, None, "2000字以内"),
        ("内设机构可以对外正式行文吗", "may", 58, "para_1", "不可以：各部门内设机构不得对外正式行文"),
        ("请示涉及其他部门职权怎么处理", "how", 53, None, "协商"),
        ("以区政府办公室名义制发的公文由谁签发", "signer", 57, "para_1__list_1__item_3", "区政府办公室主任签发"),
    ],
)
def test_a_question_of_each_kind_gets_the_norms_answer(engine, index, q, slot, article, unit, says):
    card = answer(engine, q)
    assert card is not None, q
    assert (card["slot"], card["article"]) == (slot, article)
    assert says in card["text"]
    if unit:
        assert card["unit"] == unit
    # the text is one of the index's phrases and its citation, nothing else
    phrase, source = re.fullmatch(r"(.*)（(第[^（）]+)）", card["text"]).groups()
    assert phrase in phrases(index) and source == card["source"]
    assert card["url"].endswith(f"#art_{article}__{card['unit']}")


def test_the_first_articles_only_record_for_the_slot_answers_a_loosely_worded_question(engine):
    # 限时 is not the text's word; 第四十四条, ranked first, has one figure of the kind asked
    card = answer(engine, "议题汇报限时多少")
    assert card["article"] == 44 and "不超过10分钟" in card["text"]
    cands = run(engine, "gcanswer.candidates(e, args[0], e.search(args[0])).map((c) => [c.id, c.only, c.share])", "议题汇报限时多少")
    assert cands[0][:2] == ["norm_6", True] and cands[0][2] < 0.4


def test_the_citation_names_the_paragraph_only_when_the_article_has_several(engine):
    # 第五十七条 has one paragraph with items: 第五十七条第三项
    assert answer(engine, "以区政府办公室名义制发的公文由谁签发")["source"] == "第五十七条第三项"
    # 第六十九条 has two paragraphs
    assert answer(engine, "领导干部休假要提前几天报备")["source"] == "第六十九条第二款"
    assert answer(engine, "内设机构可以对外正式行文吗")["source"] == "第五十八条"


def test_the_card_links_where_the_hit_for_that_unit_links(engine):
    card = answer(engine, "全体会议的纪要谁签发")
    hit = next(h for h in engine.search("全体会议的纪要谁签发") if h.article == 48)
    assert card["url"] == hit.location + "__" + card["unit"]


# ---------------------------------------------------------------------------------------------------
# no card: never a guessed answer


@pytest.mark.parametrize(
    "q",
    [
        "兼职要谁批准",  # a topic the rules do not cover
        "年终奖发多少",
        "公务员考试什么时候报名",
        "谁能批准出国",
        "专题会议出席人数要多少",  # 专题会议 has no quorum; 党组会议's is another meeting's
        "谁签发",  # no content: which document?
        "区政府常务会议",  # not a question
        "火箭发射谁签发",
        "兼职需要谁批准",
        "体检多久一次",
        "调休要提前几天申请",
        "周末能不能加班",
    ],
)
def test_no_card_when_no_norm_fits(engine, q):
    assert answer(engine, q) is None


@pytest.mark.parametrize(
    "q",
    [
        "<script>alert(1)</script>谁签发",
        '"><img src=x onerror=alert(1)>多久一次',
        "会" * 10_000 + "谁签发",
        "谁签发" * 3_400,
        "🙂🙂谁批准🙂",
        ".*+?^${}()|[]\\/谁审核",
        "\u202e\u200f谁签发\u202c",
        "\ud800谁签发",
        "\u0000\u0001",
    ],
)
def test_bad_input_gives_no_card_and_no_freeze(engine, q):
    t = time.perf_counter()
    assert answer(engine, q) is None
    assert time.perf_counter() - t < 2.0


def test_a_question_with_hostile_text_around_it_never_echoes_it(engine, index):
    card = answer(engine, "“全体会议的纪要”谁签发？<>&")
    assert card is not None and not set("<>&“") & set(card["text"])
    assert card["text"].removesuffix(f"（{card['source']}）") in phrases(index)


def test_without_hits_or_records_there_is_no_card(engine, index):
    assert run(engine, "gcanswer.answer(e, args[0], [])", "全体会议的纪要谁签发") is None
    assert run(engine, "gcanswer.answer(e, null, e.search('会议纪要谁签发'))") is None
    # an index written before answer records (no articles[i].norms): the worker answers, without cards
    old = copy.deepcopy(index)  # the session's index, changed in a copy
    for a in old["config"]["gc"]["articles"]:
        del a["norms"]
    del old["config"]["gc"]["parties"]
    assert answer(S.Engine(old), "全体会议的纪要谁签发") is None


def test_only_the_top_three_articles_may_answer(engine):
    q = "全体会议的纪要谁签发"
    own = engine.call("search", q, None)
    assert own[0]["article"] == 48 and answer(engine, q)["article"] == 48
    others = [h for h in engine.call("search", "公文 会议", None) if h["article"] not in (None, 48)][:3]
    assert len(others) == 3
    card = S._call(f"((q, hs) => gcanswer.answer(gcEngines.get({json.dumps(engine._name)}), q, hs))", (q, others + own))
    assert card is None or card["article"] != 48
