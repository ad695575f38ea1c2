"""How a norm tag reads in Chinese: the one wording shared by the site, the CSV and the diff.

A duty reads as bearer + word + act ("副区长 不得 参加…"). The word is the text's own modal word (the cue)
when the text says it (construction explicit); otherwise it is the editors' reading of the clause and is
marked as such wherever it is shown. Competences, constitutive rules and sanctions carry no modal word:
a forum competent for a matter is not under a duty to it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .model import Norm

KIND_NAME = {"duty": "义务", "competence": "职权", "constitutive": "制度规定", "sanction": "责任"}
MODALITY_NAME = {"obligation": "义务", "prohibition": "禁止", "permission": "许可"}
# The editors' word for a duty the text assigns without a modal word (由X…, X负责…).
EDITORIAL_WORD = {"obligation": "须", "prohibition": "不得", "permission": "可"}
CONSTITUTIVE_NAME = {
    "establishment": "制度",
    "composition": "组成",
    "scope": "适用范围",
    "validity": "效力",
    "quorum": "法定人数",
    "principle": "原则",
    "meaning": "含义",
    "delegation": "委托",
}
CONSTRUCTION_NAME = {"explicit": "原文用语", "assigned": "编者归纳", "inferred": "编者推定"}
CONSTRUCTION_EXPLAINED = {
    "explicit": "原文用语：条文本身用这个词（{word}）表达规范",
    "assigned": "编者归纳：条文没有“须”“应当”等情态词，编者依据“由……”“……负责”等句式归纳为{name}",
    "inferred": "编者推定：条文未写明主体，编者依据上下文推定承担者，并归纳为{name}",
}
ROLE_NAME = {
    "approver": "审批方",
    "signer": "签发方",
    "reviewer": "审核方",
    "recipient": "接收方",
    "consulted": "征求意见对象",
    "delegate": "受委托方",
    "delegator": "委托方",
    "supervisor": "监督方",
    "intermediary": "经办方",
    "attendee": "出席方",
}
BEARER_MODE = {"each": "各自", "all": "共同", "any": "之一"}
# The facts beside a norm, in the order shown: field → label.
FACT_NAME = {
    "condition": "条件",
    "exception": "例外",
    "precondition": "前提",
    "deadline": "时限",
    "frequency": "频次",
    "threshold": "数量要求",
}
STRENGTH_NAME = {"strict": "严格", "defeasible": "原则上"}


def kind_label(n: Norm) -> str:
    """义务 / 禁止 / 许可 for duties (by modality), else 职权 / 制度规定 / 责任."""
    return MODALITY_NAME[n.modality] if n.kind == "duty" else KIND_NAME[n.kind]


def kind_heading(n: Norm) -> str:
    """The label a norm's statement is introduced by: 职权 / 责任 / the constitutive type (组成, 效力…)."""
    if n.kind == "constitutive":
        return CONSTITUTIVE_NAME[n.constitutive]
    return KIND_NAME[n.kind]


def is_editorial(n: Norm) -> bool:
    return n.construction != "explicit"


NEGATION = re.compile(r"不得|不准|不要|不|严禁|禁止|勿")


def modal_word(n: Norm) -> str | None:
    """The word shown between bearer and act: the text's cue, or the editors' word; None for non-duties.

    A prohibition's action states the forbidden act positively, so its word must carry the negation: a cue
    that does not (一律 in 一律不参加) is shown with the negation that follows it in the quote (一律不)."""
    if n.kind != "duty":
        return None
    if n.construction != "explicit" or not n.cue:
        return EDITORIAL_WORD[n.modality]
    if n.modality == "prohibition" and not NEGATION.search(n.cue):
        m = re.search(f"{re.escape(n.cue)}(?:{NEGATION.pattern})", n.quote)
        return m.group(0) if m else EDITORIAL_WORD["prohibition"]
    return n.cue


KIND_EXPLAINED = {
    "competence": "职权：编者将本句归纳为该主体的职权范围（哪些事项由其办理或决定），不是义务",
    "constitutive": "制度规定（{name}）：编者将本句归纳为设立制度、组成、适用范围、效力等的规定，不设定义务",
    "sanction": "责任：编者将本句归纳为违反规定的后果（问责、追究责任）",
}


def word_explained(n: Norm) -> str:
    """What the word (or the heading) means, for a title text beside it and the legend."""
    if n.kind != "duty":
        return KIND_EXPLAINED[n.kind].format(name=kind_heading(n))
    return CONSTRUCTION_EXPLAINED[n.construction].format(word=modal_word(n), name=kind_label(n))


def role_label(role: str) -> str:
    return ROLE_NAME.get(role, role)


def bearer_text(n: Norm, names: Mapping[str, str]) -> str:
    text = "、".join(names.get(b, b) for b in n.bearers)
    mode = getattr(n, "bearer_mode", None)
    return f"{text}（{BEARER_MODE[mode]}）" if mode in BEARER_MODE and len(n.bearers) > 1 else text


def roles_text(n: Norm, names: Mapping[str, str]) -> str:
    """审批：区长；签发：… (empty when the norm names no other party)."""
    return "；".join(f"{role_label(r)}：{'、'.join(names.get(a, a) for a in ids)}" for r, ids in dict(n.roles).items())


def word_text(n: Norm) -> str:
    """The word or heading as plain text, the editors' reading marked: 须, 须（编者归纳）, 职权, 组成."""
    word = modal_word(n)
    if word is None:
        return kind_heading(n)
    return f"{word}（{CONSTRUCTION_NAME[n.construction]}）" if is_editorial(n) else word


def sentence(n: Norm, names: Mapping[str, str]) -> str:
    """The norm as one plain-text line: 副区长 不得 参加… / 职权：区政府常务会议 研究决定… / 效力：…"""
    act = n.action or n.quote
    if n.kind == "duty":
        return f"{bearer_text(n, names)} {word_text(n)} {act}"
    if n.kind == "competence":
        return f"职权：{bearer_text(n, names)} {act}"
    return f"{kind_heading(n)}：{act}"


def fact_text(n: Norm, name: str) -> str | None:
    """The text of one fact field (condition… or a figure's own wording), None when absent."""
    value = getattr(n, name)
    return value if value is None or isinstance(value, str) else value.text


def facts(n: Norm) -> list[tuple[str, str]]:
    """Label/value pairs shown beside a norm: condition, exception, precondition, deadline, frequency, threshold."""
    return [(label, text) for name, label in FACT_NAME.items() if (text := fact_text(n, name))]
