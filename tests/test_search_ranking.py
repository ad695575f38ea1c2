"""Ranking (issue 11): an article matching more of the query's distinct words beats one repeating a
common word; words most articles carry (区政府, 部门…) weigh less by how many carry them; an article's
curated questions and thesaurus words find it, weighing less than its text; the other pages' sections
(the notice, the meetings table, actor and subject pages…) are scored like articles and link to their
section. Small hand-written indexes show each mechanism (and that without it the ranking differs);
the real index keeps the development queries' figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import articles
from gangcheng_rules import search as S
from tinyindex import tiny_index

DEV_QUERIES = Path(__file__).resolve().parents[2] / "shared" / "eval" / "queries-dev.yaml"


def common_words_index(**params) -> dict:
    """Article 1 repeats three words most articles carry; article 2 holds the query's rare word once,
    in a long paragraph; ten more articles carry the common words."""
    arts = {
        1: ["区政府 部门 文件 ， 区政府 部门 文件 ， 区政府 部门 文件 。"],
        2: [
            "区政府 会议 纪要 ， 由 区长 签发 ； 属 委托 召开 的 专题 会议 ， 会议 纪要 由 受 委托 的 副区长 签署 ， 按 规定 程序 印发 有关 单位 执行"
        ],
    }
    for n in range(3, 13):
        arts[n] = ["区政府 要 做好 工作" + (" 部门 负责" if n < 9 else "") + (" 文件 报送" if n < 7 else "")]
    return tiny_index(arts, params=params)


@pytest.mark.parametrize("q", ["区政府 部门 文件 签发", "部门文件谁签发"])
def test_a_rare_word_beats_common_words_repeated(q):
    assert articles(S.Engine(common_words_index()).search(q))[0] == 2
    # the same index without damping and without counting distinct words: the repeated common words win
    assert articles(S.Engine(common_words_index(ubiq=1, cover=0)).search(q))[0] == 1


def test_ubiquitous_terms_weigh_less_by_their_share_of_articles(engine, corpus):
    n = len(corpus.articles)
    ubiq = engine.params["ubiq"]
    assert engine.call("damp", 5) == 1
    assert engine.call("damp", 61) == pytest.approx(ubiq / (61 / n))  # 区政府 is in 61 of the 72 articles
    assert engine.call("damp", 36) > engine.call("damp", 61)


def test_distinct_words_are_counted_once_and_found_through_synonyms(engine, corpus):
    cover, total, absent = engine.call("coverage", engine.call("parse", "出差 出差 报备"))
    assert absent == []
    at = str([a.number for a in corpus.articles].index(69))  # a Float64Array crosses as {"0": …}
    # 出差 (through its synonym 外出) and 报备, each once: article 69 holds both
    assert cover[at] == pytest.approx(total)
    assert engine.call("coverage", engine.call("parse", "出差 报备"))[1] == pytest.approx(total)


def test_the_real_index_prefers_the_article_with_more_of_the_distinct_words(engine):
    # 请假 + 外出: 69 holds both (请销假 through the synonym, 外出); 47 only 请假
    assert articles(engine.search("请假外出"))[0] == 69
    assert articles(engine.search("部门规范性文件备案"))[0] in (23, 58)


# ---------------------------------------------------------------------------------------------------
# questions and thesaurus fields


ARTS = {1: ["副区长 外出 ， 应 事前 报告 区长 。"], 2: ["区政府 会议 由 区长 召集 。"], 3: ["请假 须 经 同意"]}
FIELDS = {1: {"questions": "领导 出差 要 跟 谁 说", "thesaurus": "离开 本地"}, 3: {"questions": "召集"}}


def test_an_articles_questions_and_thesaurus_words_find_it():
    eng = S.Engine(tiny_index(ARTS, fields=FIELDS))
    assert articles(eng.search("领导出差"))[0] == 1
    assert articles(eng.search("离开本地")) == [1]
    # with the weights at zero, the same words find nothing
    off = S.Engine(tiny_index(ARTS, fields=FIELDS, params={"question": 0, "thesaurus": 0}))
    assert off.search("离开本地") == []


def test_the_text_weighs_more_than_the_questions():
    eng = S.Engine(tiny_index(ARTS, fields=FIELDS))
    # 召集 is in article 2's text and in article 3's questions
    assert articles(eng.search("召集")) == [2, 3]
    hits = eng.search("召集")
    assert hits[0].score > 2 * hits[1].score


def test_questions_do_not_lengthen_the_article():
    plain = S.Engine(tiny_index(ARTS))
    asked = S.Engine(tiny_index(ARTS, fields=FIELDS))
    # 区长 is in the text of 1 and 2 only: their scores do not change with questions added elsewhere
    assert [round(h.score, 9) for h in plain.search("区长")] == [round(h.score, 9) for h in asked.search("区长")]


# ---------------------------------------------------------------------------------------------------
# other pages' sections

DOCS = [
    {
        "location": "meetings/",
        "title": "会议制度对照",
        "units": {
            "eid": ["mtg-standing", ""],
            "label": ["常务会议", "说明"],
            "tokens": ["常务 会议 每月 召开 一次", "本页 由 条文 生成"],
        },
    },
    {"location": "using-data/", "title": "使用数据"},
]


def test_a_pages_section_is_found_and_links_to_its_anchor():
    eng = S.Engine(tiny_index(ARTS, docs=DOCS))
    h = eng.search("每月召开")[0]
    assert (h.article, h.location, h.unit, h.unit_title) == (None, "meetings/", "meetings/#mtg-standing", "常务会议")
    assert "<mark>每月召开</mark>" in h.text
    group = eng.items("每月召开")[0]
    # the theme renders the section under the page's heading, as for an article
    assert [d["location"] for d in group] == ["meetings/#mtg-standing", "meetings/#mtg-standing"]
    assert [d["title"] for d in group] == ["常务会议", "会议制度对照"]


def test_pages_rank_among_articles_by_score_and_do_not_change_article_scores():
    plain = S.Engine(tiny_index(ARTS))
    with_docs = S.Engine(tiny_index(ARTS, docs=DOCS))
    hits = with_docs.search("会议")
    assert [h.location for h in hits] == ["chapters/chp_1/#art_2", "meetings/"]
    # pages do not count in idf or the average length: the articles score as before
    assert [h.score for h in plain.search("会议")] == [h.score for h in with_docs.search("会议") if h.article is not None]


def test_pages_without_sections_are_still_found_by_their_title():
    eng = S.Engine(tiny_index(ARTS, docs=DOCS))
    assert [h.location for h in eng.search("使用数据")] == ["using-data/"]


def test_a_pages_section_makes_a_word_covered():
    eng = S.Engine(tiny_index(ARTS, docs=DOCS, links={"subjects": "subjects/"}))
    r = eng.respond("每月召开")
    assert r["notice"] is None and r["results"]


def test_the_schema_describes_the_links_and_parameters(engine):
    """questions, thesaurus and docs[j].units are described by the schema."""
    import json

    import jsonschema

    schema = json.loads((Path(__file__).resolve().parents[1] / "schema" / "search-index.schema.json").read_text(encoding="utf-8"))
    v = jsonschema.Draft202012Validator(schema)
    ix = tiny_index(ARTS, links={"contents": "#contents", "subjects": "subjects/", "actors": "actors/"})
    assert list(v.iter_errors(ix)) == []
    assert {"ubiq", "cover", "bare"} <= set(ix["config"]["gc"]["params"])
    ix["config"]["gc"]["links"]["elsewhere"] = "x/"
    assert len(list(v.iter_errors(ix))) == 1


# ---------------------------------------------------------------------------------------------------
# no regression


@pytest.mark.skipif(not DEV_QUERIES.exists(), reason="../shared/eval/queries-dev.yaml is not beside the project")
def test_development_queries_all_first(engine):
    for q in yaml.safe_load(DEV_QUERIES.read_text(encoding="utf-8")):
        a = articles(engine.search(q["q"]))
        assert a and a[0] in q["relevant"], (q["q"], a[:5])
