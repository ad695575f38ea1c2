"""常见问题: curated questions per article (data/articles/*.yaml `questions`), specified by what staff and
reusers see: the validator's reports, the section under the article, the search index and the exports."""

from __future__ import annotations

import dataclasses
import json

import jsonschema
import pytest

from datacopy import ROOT, DataCopy
from gangcheng_rules import akn, render, serialize
from gangcheng_rules.build import from_bundle
from gangcheng_rules.export import build_files
from gangcheng_rules.model import Question
from gangcheng_rules.project import Project
from gangcheng_rules.read import read_raw
from gangcheng_rules.search import _dec
from gangcheng_rules.validate import validate

A69 = "data/articles/069.yaml"
FIRST_Q = "- q: 办公室主任外出要报告谁\n"


def line_of(d: DataCopy, rel: str, text: str) -> int:
    """1-based line where `text` starts in the file."""
    body = d.read(rel)
    return body[: body.index(text)].count("\n") + 1


# Each fixture breaks the first question of article 69 in one way; the line is the question's own.
def unit_not_in_the_article(d):
    d.replace(A69, "  unit: art_69__para_1\n", "  unit: art_69__para_9\n")
    return "$.questions[0].unit", "art_69__para_9 is not a paragraph or item of this article", "  unit: art_69__para_9"


def unit_of_another_article(d):
    d.replace(A69, "  unit: art_69__para_1\n", "  unit: art_47__para_1\n")
    return "$.questions[0].unit", "art_47__para_1 is not a paragraph or item of this article", "  unit: art_47__para_1"


def blank_question(d):
    d.replace(A69, FIRST_Q, '- q: "   "\n')
    return "$.questions[0].q", "must not be empty", '- q: "   "'


def question_without_note(d):
    d.replace(A69, "  note: 副区长、办公室主任外出或休假，应事前报告区长。\n", "")
    return "$.questions[0]", "'note' is required", FIRST_Q


def unknown_field_in_a_question(d):
    d.replace(A69, FIRST_Q, FIRST_Q + "  answer: 区长\n")
    return "$.questions[0].answer", "unknown field", "  answer: 区长"


def the_same_question_twice(d):
    d.replace(A69, "- q: 休假期间手机可以关机吗\n", "- q: 办公室主任 外出要报告谁\n")
    return "$.questions[1].q", "the same question as questions[0]", "- q: 办公室主任 外出要报告谁"


@pytest.mark.parametrize(
    "breakage",
    [
        unit_not_in_the_article,
        unit_of_another_article,
        blank_question,
        question_without_note,
        unknown_field_in_a_question,
        the_same_question_twice,
    ],
)
def test_a_bad_question_is_reported_with_file_line_and_pointer(tmp_path, breakage):
    d = DataCopy(tmp_path, remembered=True)
    pointer, message, where = breakage(d)
    problems = validate(read_raw(tmp_path))
    line = line_of(d, A69, where)
    assert [str(p) for p in problems] == [f"{A69}:{line}: {pointer}: {message}"]


def test_the_real_data_has_questions_on_at_least_thirty_articles_each_pointing_into_its_article(corpus):
    asked = [a for a in corpus.articles if a.questions]
    assert len(asked) >= 30
    for a in asked:
        assert 1 <= len(a.questions) <= 3, a.number
        for q in a.questions:
            assert q.q.strip() and q.note.strip()
            assert q.unit in a.fragments(), (a.number, q.unit)


def with_question(corpus, number: int, q: Question):
    a = corpus.article(number)
    arts = tuple(dataclasses.replace(x, questions=(q,)) if x is a else x for x in corpus.articles)
    return dataclasses.replace(corpus, articles=arts)


def test_the_article_page_shows_the_questions_as_editorial_each_linked_to_its_paragraph(corpus):
    a = corpus.article(69)
    out = render.article_block(corpus, a, render.chapter_src(a.chapter))
    section = out.split('<div class="gc-questions">', 1)[1].split("</div>", 1)[0]
    assert "常见问题" in section and "编者整理的常见问法，不是原文的一部分" in section
    for q in a.questions:
        assert f'<a href="#{q.unit}">{q.q}</a>' in section
        assert q.note in section
    # an article without questions has no section
    bare = next(x for x in corpus.articles if not x.questions)
    assert "gc-questions" not in render.article_block(corpus, bare, render.chapter_src(bare.chapter))


def test_markup_in_a_question_or_its_note_is_shown_as_text(corpus):
    hostile = Question('<img src=x onerror="alert(1)">要谁批', "<b>区长</b> & {{ x }}", "art_69__para_1")
    c = with_question(corpus, 69, hostile)
    out = render.article_block(c, c.article(69), render.chapter_src(11))
    assert "<img" not in out and "<b>" not in out
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;要谁批" in out
    assert "&lt;b&gt;区长&lt;/b&gt; &amp; {{ x }}" in out


def test_a_question_without_a_unit_links_to_the_article(corpus):
    c = with_question(corpus, 25, Question("学法多久一次", "每季度一次。"))
    out = render.article_block(c, c.article(25), render.chapter_src(4))
    assert '<a href="#art_25">学法多久一次</a>' in out


def test_the_search_index_carries_each_articles_questions_as_word_tokens(corpus, index):
    ix = index
    schema = json.loads((ROOT / "schema" / "search-index.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(ix)
    arts = {a["number"]: a for a in ix["config"]["gc"]["articles"]}
    toks = _dec(arts[69]["questions"])
    assert {"办公室主任", "外出", "手机", "关机"} <= set(toks)
    assert all(t.strip() and t not in "？，。" for t in toks)
    bare = next(x for x in corpus.articles if not x.questions)
    assert arts[bare.number]["questions"] == ""
    # a question's word the legal text lacks (关机) is sent in the lexicon the browser cuts queries with
    assert "关机" not in "".join(a.text for a in corpus.articles)
    assert "关机" in ix["config"]["gc"]["lex"].split()


def test_the_json_exports_and_the_api_carry_the_questions_and_read_back(corpus):
    files = build_files(corpus, Project(ROOT))
    art = json.loads(files["articles/69.json"])
    assert art["questions"][0] == {
        "q": "办公室主任外出要报告谁",
        "note": "副区长、办公室主任外出或休假，应事前报告区长。",
        "unit": "art_69__para_1",
    }
    assert json.loads(files["v1/articles/69.json"])["questions"] == art["questions"]
    bundle = json.loads(files["rules.json"])
    assert from_bundle(bundle).article(69).questions == corpus.article(69).questions
    # optional: articles without questions leave the field out
    bare = next(x for x in corpus.articles if not x.questions)
    assert "questions" not in serialize.article(bare)
    # the Akoma Ntoso file is the legal text only: editorial questions are not in it (nor in norms.csv)
    assert "办公室主任外出要报告谁" not in files[akn.FILENAME].decode()
    assert "办公室主任外出要报告谁" not in files["norms.csv"].decode()
