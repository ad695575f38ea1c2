"""Answer records (gangcheng_rules.answers): what the search index carries per norm so that the worker can
answer a question with one short sentence. Every phrase is worded from the norm's data, says what the
text says (its own quote, never a stronger reading) and exists only when the norm has the data for it.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from gangcheng_rules import answers as A
from gangcheng_rules import search as S
from gangcheng_rules.model import Quantity


@pytest.fixture(scope="module")
def seg(corpus):
    tk = S.tokenizer(corpus)
    return lambda text: S._enc(S.segment(tk, text))


@pytest.fixture(scope="module")
def records(corpus, seg):
    """norm id → (norm, its record) for every norm that has one."""
    out = {}
    for a in corpus.articles:
        by_id = {a.eid + "__" + r["id"]: r for r in A.norm_records(corpus, a, seg)}
        for n in a.norms:
            if n.id in by_id:
                out[n.id] = (n, by_id[n.id])
    return out


@pytest.fixture(scope="module")
def actors(corpus):
    return {t.id: t for t in corpus.actors}


def names_of(actor) -> tuple[str, ...]:
    return (actor.name, *actor.aliases)


def slots(corpus, number: int, norm: int) -> dict[str, str]:
    a = corpus.article(number)
    n = next(n for n in a.norms if n.id == f"art_{number}__norm_{norm}")
    return A.phrases(n, {t.id: t for t in corpus.actors}, a.fragments()[n.source], any(n.id in m.overrides for m in a.norms))


# ---------------------------------------------------------------------------------------------------
# the records


def test_the_index_carries_the_records_build_index_gets_from_answers(corpus, seg, index):
    for art in index["config"]["gc"]["articles"]:
        # as JSON text, which the worker parses only for the articles a question's top hits are
        assert json.loads(art["norms"]) == A.norm_records(corpus, corpus.article(art["number"]), seg, S._enc)


def test_a_record_carries_the_everyday_phrases_its_own_words_hold(corpus, seg):
    # 局长 (data/vocab/phrases.yaml) is the everyday name of 区政府各部门主要负责人: the record of the norm
    # that names them can be found by it, the records of norms that do not name them cannot.
    recs = {r["id"]: r for r in A.norm_records(corpus, corpus.article(69), seg, S._enc)}
    tokens = {i: S._dec(r["tokens"]) for i, r in recs.items()}
    named = [i for i in recs if "部门主要负责人" in "".join(tokens[i])]
    assert named and all("局长" in tokens[i] for i in named)
    assert any("局长" not in t for i, t in tokens.items() if i not in named)
    assert A.norm_records(corpus, corpus.article(69), seg) != list(recs.values())  # without enc, no phrases


def test_each_record_points_at_a_unit_of_its_article_and_names_its_norm(corpus, records):
    for n, r in records.values():
        a = corpus.article(n.article)
        assert a.eid + "__" + r["unit"] in a.fragments()
        assert a.eid + "__" + r["unit"] == n.source
        assert (r["kind"], r["modality"]) == (n.kind, n.modality)
        assert set(r["slots"]) <= set(A.SLOTS) and r["slots"]


def test_norms_that_answer_no_slot_have_no_record(corpus, records):
    without = [n for n in corpus.norms if n.id not in records]
    assert without, "some norms (a system established, a sanction) answer no question slot"
    for n in without:
        assert n.kind != "duty"


def test_tokens_are_the_indexs_segmentation_of_the_norms_words(corpus, records, actors, seg):
    n, r = records["art_69__norm_4"]
    fields = r["tokens"].split(" | ")
    names = [actors[i].name for i in ("department_heads", "deputy_mayor", "mayor")]
    # the action, the parties, then what every phrase says (the quote led by its condition)
    assert ["".join(S._dec(f)) for f in fields] == [n.action, *names, A.body(n)]
    # the very tokens the index cuts the text into (one jieba, the index's)
    assert all(S._dec(f) == S._dec(seg("".join(S._dec(f)))) for f in fields)


# ---------------------------------------------------------------------------------------------------
# faithful phrases


def test_every_phrase_holds_its_norms_verbatim_quote(records):
    for n, r in records.values():
        for slot, phrase in r["slots"].items():
            assert n.quote in phrase, (n.id, slot)


def test_a_prohibition_answers_may_with_no_and_the_texts_own_negation(records):
    prohibitions = [(n, r) for n, r in records.values() if n.modality == "prohibition"]
    assert len(prohibitions) >= 20
    for n, r in prohibitions:
        may = r["slots"]["may"]
        assert may.startswith("不可以：") or (n.strength == "defeasible" and may.startswith("原则上不可以：")), n.id
        assert n.cue in may


def test_yes_no_verdicts_follow_the_modality_and_never_drop_principle(records):
    seen = set()
    for n, r in records.values():
        may = r["slots"].get("may")
        if n.kind != "duty":
            assert may is None, n.id
            continue
        verdict = {"obligation": "须：", "prohibition": "不可以：", "permission": "可以："}[n.modality]
        expected = ("原则上" if n.strength == "defeasible" else "") + verdict
        assert may.startswith(expected), (n.id, may)
        seen.add((n.modality, n.strength == "defeasible"))
    assert ("obligation", True) in seen and ("prohibition", True) in seen and ("permission", False) in seen


def test_the_condition_the_quote_leaves_out_leads_the_answer(corpus):
    # 第六十九条：区政府各部门主要负责人外出或休假，须经分管副区长同意后报区长审批 (quote: 须经…审批)
    assert slots(corpus, 69, 4)["approver"] == "外出或休假，须经分管副区长同意后报区长审批"
    # 未经区政府批准 is the gate of the prohibition, outside its quote: dropping it would strengthen the rule
    assert slots(corpus, 58, 2)["may"].startswith("不可以：未经区政府批准，区政府各部门不得直接向下级政府行文部署工作")


def test_a_condition_recorded_with_the_quotes_first_words_is_said_once(corpus):
    how = slots(corpus, 52, 4)["how"]
    assert how.startswith("各类来文来电需同时呈报区长和区政府其他领导的，先呈报区长签批后")
    assert how.count("需同时呈报") == 1


def test_an_exception_outside_the_quote_and_an_overriding_norm_are_said(corpus):
    assert slots(corpus, 71, 8)["may"] == "不可以：区政府领导不参加各类合影、剪彩、典礼等活动（例外：区委、区政府统一安排的活动）"
    # 第五十八条 norm 5 (可加“经区政府同意”字样由部门行文) is an exception to norm 2
    assert slots(corpus, 58, 2)["may"].endswith(A.OVERRIDDEN)
    assert not slots(corpus, 58, 3)["may"].endswith(A.OVERRIDDEN)


def test_an_approver_phrase_names_an_approver(records, actors):
    found = [(n, r) for n, r in records.values() if "approver" in r["slots"]]
    assert len(found) >= 8
    for n, r in found:
        ids = A.role_actors(n, "approver")
        assert any(w in r["slots"]["approver"] for i in ids for w in names_of(actors[i])), n.id


def test_signer_and_reviewer_phrases_name_theirs(records, actors):
    for role in ("signer", "reviewer"):
        found = [(n, r) for n, r in records.values() if role in r["slots"]]
        assert len(found) >= 4, role
        for n, r in found:
            assert any(w in r["slots"][role] for i in A.role_actors(n, role) for w in names_of(actors[i])), (role, n.id)


def test_a_competence_to_sign_answers_who_signs(corpus):
    # 以政府名义下发的便函类公文，根据公文内容，由分管副区长签发: the deputy mayor's signing authority
    assert slots(corpus, 57, 5)["signer"] == "以政府名义下发的便函类公文，根据公文内容，由分管副区长签发"


def test_a_duty_whose_action_is_the_review_makes_its_bearer_the_reviewer(corpus):
    # 主要负责人审核把关 (action 审核把关所拟公文); but 报区长审批 is the approver's act, not the bearer's
    assert slots(corpus, 56, 2)["reviewer"] == "主要负责人审核把关（审核方：区政府工作部门主要负责人）"
    assert "approver" not in slots(corpus, 15, 1)  # 深化行政审批制度改革: no one approves anything
    n = next(n for n in corpus.article(69).norms if n.id == "art_69__norm_3")
    assert A.role_actors(n, "approver") == ("mayor",)


def test_a_party_the_quote_does_not_name_is_given_with_its_role(corpus, actors):
    n = next(n for n in corpus.article(53).norms if n.id == "art_53__norm_2")
    assert n.quote == "由主要负责人签发"
    signer = slots(corpus, 53, 2)["signer"]
    assert signer.startswith("由主要负责人签发（签发方：") and actors["department_heads"].name in signer


def test_who_only_when_the_units_text_names_the_bearer(corpus):
    # 上述领导干部外出或休假，须提前3天报备: the paragraph names nobody (the editors resolved 上述领导干部)
    assert "who" not in slots(corpus, 69, 5)
    assert slots(corpus, 69, 5)["when"] == "上述领导干部外出或休假，须提前3天报备"
    assert slots(corpus, 57, 1)["who"] == "由区政府办公室负责审理和送签"
    # a bearer the quote leaves out is put before it
    assert slots(corpus, 47, 3)["who"] == "区政府其他组成人员：未经同意不得缺席或由他人代替参加"


def test_a_longer_name_is_not_also_the_shorter_one_inside_it(corpus, actors):
    # 办公室主任 names the director; the office (办公室) is not named by it
    assert A.mentioned("经办公室主任审核后报区长确定", actors) == {"office_director", "mayor"}


def test_figures_answer_when_often_and_many(corpus):
    assert slots(corpus, 69, 5)["when"].endswith("须提前3天报备")
    assert "每季度举办一次" in slots(corpus, 25, 1)["often"]
    assert "二分之一" in slots(corpus, 40, 2)["many"]
    assert slots(corpus, 44, 6)["many"] == "汇报时间原则上不超过10分钟"


def test_no_phrase_for_a_slot_the_norm_has_no_data_for(records):
    for n, r in records.values():
        s = r["slots"]
        assert ("when" in s) == (n.deadline is not None), n.id
        assert ("often" in s) == (n.frequency is not None), n.id
        assert ("many" in s) == (n.threshold is not None), n.id
        for role in A.ROLE_SLOTS:
            assert (role in s) == bool(A.role_actors(n, role)), (n.id, role)
        if "how" in s:
            assert n.kind == "duty" and n.modality != "prohibition"
            assert n.precondition or n.condition or any(r_ in A.PROCEDURE_ROLES for r_, _ in n.roles)


def test_a_figure_the_quote_does_not_give_is_labelled(corpus):
    a = corpus.article(69)
    n = next(n for n in a.norms if n.id == "art_69__norm_7")
    moved = replace(n, threshold=Quantity(text="48小时"), deadline=Quantity(text="当日"))
    s = A.phrases(moved, {t.id: t for t in corpus.actors}, a.fragments()[n.source])
    assert s["many"].endswith("（数量要求：48小时）") and s["when"].endswith("（时限：当日）")


def test_a_norm_without_parties_or_figures_answers_only_yes_no_and_who(corpus):
    a = corpus.article(58)
    n = next(n for n in a.norms if n.id == "art_58__norm_3")
    assert set(A.phrases(n, {t.id: t for t in corpus.actors}, a.fragments()[n.source])) == {"who", "may"}
