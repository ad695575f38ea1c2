"""The Python API downstream code uses, and the small pieces of Chinese handling under it."""

from __future__ import annotations

import dataclasses

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gangcheng_rules
from gangcheng_rules.cues import find_cues
from gangcheng_rules.eids import article_label, eid_label, to_chinese


def test_load_returns_frozen_typed_objects(corpus):
    art = corpus.article(40)
    assert isinstance(art, gangcheng_rules.Article)
    assert art.heading == "第四十条"
    assert corpus.chapter_of(art).heading == "第九章" and corpus.chapter_of(art).title == "完善会议制度"
    with pytest.raises(dataclasses.FrozenInstanceError):
        art.number = 41  # type: ignore[misc]


@pytest.mark.parametrize("number", [0, -1, 73, 1000, True, "1"])
def test_an_article_number_outside_1_to_72_is_an_error_not_a_wrapped_index(corpus, number):
    with pytest.raises(KeyError) as e:
        corpus.article(number)
    assert isinstance(e.value, gangcheng_rules.model.NoSuchArticle)
    assert str(e.value) == f"no article {number!r}: the rules have articles 1..72"


def test_the_first_and_last_articles_are_found_by_their_numbers(corpus):
    assert (corpus.article(1).number, corpus.article(72).number) == (1, 72)


def test_the_corpus_has_the_whole_document(corpus):
    assert [a.number for a in corpus.articles] == list(range(1, 73))
    assert len(corpus.document.chapters) == 12
    assert corpus.document.notice.title == "关于印发《济南市钢城区人民政府工作规则》的通知"
    assert str(corpus.document.date) == "2022-04-08"


def test_every_article_has_a_subject_and_the_rules_have_norms(corpus):
    assert all(a.subjects for a in corpus.articles)
    assert len(corpus.norms) > 200
    with_cue = [a.number for a in corpus.articles if find_cues(a.text)]
    assert all(corpus.article(n).norms for n in with_cue)


def test_item_ids_and_labels(corpus):
    item = corpus.article(39).paragraphs[0].items[2]
    assert item.eid == "art_39__para_1__list_1__item_3" and item.label == "（三）"
    assert all(i.label == "" for i in corpus.article(43).paragraphs[0].items), "article 43 prints no labels"


def test_norms_name_their_bearers_and_figures(corpus):
    (quorum,) = [o for o in corpus.article(40).norms if o.threshold and o.threshold.value == 0.5]
    assert quorum.threshold.comparator == "gt"
    freq = [o.frequency for o in corpus.article(41).norms if o.frequency]
    assert freq and freq[0].interval == "P1W"
    (ahead,) = [o.deadline for o in corpus.article(69).norms if o.deadline and o.deadline.offset]
    assert ahead.offset == "-P3D"


@given(st.integers(min_value=1, max_value=999))
def test_chinese_numerals_read_back_as_the_number(n):
    assert int(cn2an.cn2an(to_chinese(n), "strict")) == n
    assert article_label(n) == eid_label(f"art_{n}") == f"第{to_chinese(n)}条"


@pytest.mark.parametrize(("n", "label"), [(10, "第十条"), (12, "第十二条"), (40, "第四十条"), (59, "第五十九条"), (72, "第七十二条")])
def test_article_labels_are_written_as_the_official_text_writes_them(n, label):
    assert article_label(n) == label


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("区政府工作要高举旗帜", ["要"]),
        ("重要指示和主要任务，根据需要", []),
        ("出席人数应超过应到人数的二分之一", ["应"]),
        ("应由区政府制定", ["应"]),
        ("须经分管区长签署后方可提交", ["须", "方可"]),
        ("健全覆盖城乡、可持续、均等化的体系", []),
        ("一律不得邀请", ["一律", "不得"]),
    ],
)
def test_modal_cues_are_words_not_characters(text, cues):
    assert [c for _, _, c in find_cues(text)] == cues


def test_norms_say_what_kind_of_rule_the_text_states(corpus):
    kinds = {o.id: o for o in corpus.norms}
    # a forum's task list is its remit, not a duty to hold each item at every meeting
    assert {o.kind for o in corpus.article(40).norms if o.source.startswith("art_40__para_1__list_1")} == {"competence"}
    assert (kinds["art_40__norm_2"].kind, kinds["art_40__norm_2"].constitutive) == ("constitutive", "quorum")
    (validity,) = [o for o in corpus.article(23).norms if o.constitutive == "validity"]
    assert "一律无效" in validity.quote
    assert kinds["art_37__norm_10"].kind == "sanction" and kinds["art_37__norm_10"].enforces == ("art_37__norm_8",)
    assert all(o.modality is None and o.strength is None for o in corpus.norms if o.kind != "duty")


def test_parties_are_typed_and_exceptions_point_at_their_rule(corpus):
    kinds = {o.id: o for o in corpus.norms}
    gate = kinds["art_44__norm_1"]
    assert gate.bearers == ("lead_department",) and gate.role_of("mayor") == "approver" and gate.role_of("deputy_mayor") == "intermediary"
    assert kinds["art_57__norm_3"].roles == (("signer", ("mayor",)), ("reviewer", ("deputy_mayor",)))
    assert kinds["art_49__norm_5"].overrides == ("art_49__norm_4",)
    assert kinds["art_71__norm_6"].exception == "工作需要" and kinds["art_71__norm_6"].condition is None
    assert kinds["art_44__norm_4"].modality == "permission" and kinds["art_44__norm_4"].cue == "方可"


def test_the_text_s_own_word_is_kept_apart_from_the_editors_reading(corpus):
    for o in corpus.norms:
        assert (o.cue is not None) == (o.construction == "explicit"), o.id
    assert corpus.article(45).norms[0].construction == "assigned"  # 组织工作由区政府办公室负责
    assert corpus.article(10).norms[0].construction == "inferred"  # no subject: the editors read 区政府
