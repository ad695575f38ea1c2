"""Answer records: for each norm, the short Chinese answers a question can be given from it.

Build time, pure. ``norm_records(corpus, article, seg)`` returns the ``articles[i].norms`` records of the
search index (schema/search-index.schema.json): the unit the norm is in, its kind and modality, its words
(segmented by the index's own tokenizer, passed in as ``seg``) and, per question slot, a phrase:

    who       谁 / 由谁 / 哪个部门         the bearers, when the text of the norm's unit names them
    approver  谁批 / 跟谁请假              the approver role (or a competence to approve)
    signer    谁签发                       the signer role (or a competence to sign)
    reviewer  谁审核                       the reviewer role
    when      什么时候 / 提前几天          the deadline
    often     多久一次                     the frequency
    many      多少人 / 多少字              the threshold
    may       能不能 / 需要…吗             duties: 须 / 不可以 / 可以, 原则上 when the norm is defeasible
    how       怎么办 / 程序                duties with a condition, gate or parties: the quote with its parties

A phrase is worded from the data alone and never reads stronger than the norm: its body is the text's own
quote, led by the condition and precondition the quote does not already contain, followed by the exception
it does not contain and a note when another norm of the article is an exception to it. Slot by slot only
the framing changes (the verdict word, the bearer, a labelled party or figure when the quote does not name
it). A norm without the data for a slot has no phrase for it: the worker then shows no card.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace

from . import normtext as nt
from .model import Article, Corpus, Norm, Term
from .thesaurus import text_phrases

SLOTS = ("who", "approver", "signer", "reviewer", "when", "often", "many", "may", "how")
ROLE_SLOTS = ("approver", "signer", "reviewer")
FIGURE_SLOTS = {"when": "deadline", "often": "frequency", "many": "threshold"}
# The yes/no verdict of a duty; a defeasible duty's verdict is qualified (原则上须…), never stronger.
VERDICT = {"obligation": "须", "prohibition": "不可以", "permission": "可以"}
# A competence to sign or approve (由分管副区长签发) makes its bearer the signer or approver, and so does a
# duty whose action begins with the act (审核把关所拟公文: the bearer reviews; 报区长审批 does not begin
# with it, the approver is another): the verbs of the editors' action that say so.
ROLE_VERBS = {"signer": ("签发", "签批"), "approver": ("审批", "批准"), "reviewer": ("审核", "审查", "审签")}
# Parties that make a duty a procedure (the how slot): a gate passes through them.
PROCEDURE_ROLES = ("approver", "signer", "reviewer", "recipient", "consulted", "intermediary")
OVERRIDDEN = "（本条另有例外规定）"
SEPARATOR = " | "  # between the segmented fields of a record's tokens: no pair of words spans two fields


def mentioned(text: str, actors: dict[str, Term]) -> set[str]:
    """Ids of the actors the text names (by name or alias), longest names first: 办公室主任 names the
    director, not also the office (办公室) inside it."""
    surfaces = _surfaces(tuple((i, t.name, t.aliases) for i, t in actors.items()))
    taken = [False] * len(text)
    out: set[str] = set()
    for w, i in surfaces:
        at = text.find(w)
        while at >= 0:
            if not any(taken[at : at + len(w)]):
                taken[at : at + len(w)] = [True] * len(w)
                out.add(i)
            at = text.find(w, at + 1)
    return out


@functools.cache  # the same actors for every norm of a build
def _surfaces(actors: tuple[tuple[str, str, tuple[str, ...]], ...]) -> list[tuple[str, str]]:
    return sorted(((w, i) for i, name, aliases in actors for w in (name, *aliases) if w), key=lambda x: -len(x[0]))


def _contains(text: str, part: str) -> bool:
    # a condition is recorded as a clause (不能出席会议的); the quote may hold it without its 的
    return part in text or part.removesuffix("的") in text


def _join(text: str, part: str) -> str:
    """text，part, or one run when part begins with what text ends with (a condition recorded with the
    quote's first words: 各类来文来电需同时呈报…的 + 需同时呈报…的，先呈报… → the sentence once)."""
    if not text:
        return part
    for k in range(min(len(text), len(part)), 1, -1):
        if text.endswith(part[:k]):
            return text + part[k:]
    return f"{text}，{part}"


def body(n: Norm, overridden: bool = False) -> str:
    """The text's own quote, led by the condition and precondition it lacks, followed by the exception it
    lacks and a note when another norm of the article overrides it: what every phrase of the norm says."""
    lead: list[str] = []
    for part in (n.condition, n.precondition):
        if part and not _contains(n.quote, part) and not any(_contains(x, part) for x in lead):
            lead.append(part)
    out = ""
    for part in (*lead, n.quote):
        out = _join(out, part)
    if n.exception and not _contains(n.quote, n.exception):
        out += f"（{nt.FACT_NAME['exception']}：{n.exception}）"
    return out + (OVERRIDDEN if overridden else "")


def role_actors(n: Norm, role: str) -> tuple[str, ...]:
    """The actors holding a role in the norm; for a competence to sign, approve or review, or a duty whose
    action is that act, its bearers."""
    actors = dict(n.roles).get(role, ())
    if actors or role not in ROLE_VERBS:
        return actors
    action = n.action or ""
    if n.kind == "competence" and any(v in action for v in ROLE_VERBS[role]):
        return n.bearers
    if n.kind == "duty" and action.startswith(ROLE_VERBS[role]):
        return n.bearers
    return ()


def phrases(n: Norm, actors: dict[str, Term], unit_text: str, overridden: bool = False) -> dict[str, str]:
    """slot → the answer phrase this norm gives to it (no citation); slots the norm has no data for are absent."""
    names = {k: t.name for k, t in actors.items()}
    b = body(n, overridden)
    in_body = mentioned(b, actors)

    def named(ids: tuple[str, ...]) -> bool:
        return any(i in in_body for i in ids)

    out: dict[str, str] = {}
    # who: only when the unit's own text names a bearer (a bearer the editors resolved from elsewhere is
    # their reading, not an answer the text gives)
    if n.kind in ("duty", "competence") and mentioned(unit_text, actors) & set(n.bearers):
        out["who"] = b if named(n.bearers) else f"{nt.bearer_text(n, names)}：{b}"
    for role in ROLE_SLOTS:
        ids = role_actors(n, role)
        if ids:
            out[role] = b if named(ids) else f"{b}（{nt.role_label(role)}：{'、'.join(names.get(i, i) for i in ids)}）"
    for slot, name in FIGURE_SLOTS.items():
        text = nt.fact_text(n, name)
        if text:
            out[slot] = b if text in b else f"{b}（{nt.FACT_NAME[name]}：{text}）"
    if n.kind == "duty" and n.modality in VERDICT:
        qualifier = nt.STRENGTH_NAME["defeasible"] if n.strength == "defeasible" else ""
        out["may"] = f"{qualifier}{VERDICT[n.modality]}：{b}"
        procedure = [(r, ids) for r, ids in n.roles if r in PROCEDURE_ROLES]
        if n.modality != "prohibition" and (procedure or n.precondition or n.condition):
            parties = nt.roles_text(replace(n, roles=tuple(procedure)), names)
            out["how"] = f"{b}（{parties}）" if parties else b
    return {s: out[s] for s in SLOTS if s in out}


def party_names(corpus: Corpus) -> list[str]:
    """Every name and alias of the actors (parties and meetings), longest first: the worker gives no card
    from a norm whose words lack a party the question names (专题会议 asked, 党组会议's quorum found)."""
    words = {w for t in corpus.actors for w in (t.name, *t.aliases) if len(w) >= 2}
    return sorted(words, key=lambda w: (-len(w), w))


def norm_records(corpus: Corpus, article: Article, seg: Callable[[str], str], enc: Callable[[list[str]], str] | None = None) -> list[dict]:
    """The article's answer records, in norm order; norms that answer no slot are left out.

    seg: the index's segmenter (text → encoded tokens, search.build_index's), so that records are cut
    exactly as the text they are matched beside. enc: the index's token encoder; with it, the everyday
    phrases whose wording the norm's own words hold (data/vocab/phrases.yaml: 局长 for 各部门主要负责人) are
    one more field, so a card is found by them as its article is."""
    actors = {t.id: t for t in corpus.actors}
    fragments = article.fragments()
    overridden = {i for n in article.norms for i in n.overrides}
    prefix = article.eid + "__"
    out = []
    for n in article.norms:
        slots = phrases(n, actors, fragments.get(n.source, ""), n.id in overridden)
        if not slots:
            continue
        parties = [actors[i].name for i in (*n.bearers, *(i for _, ids in n.roles for i in ids)) if i in actors]
        words = [f for f in (n.action, *dict.fromkeys(parties), body(n)) if f]
        fields = [seg(f) for f in words]
        if enc is not None and (everyday := text_phrases(corpus, "\n".join(words))):
            fields.append(enc(everyday))
        out.append(
            {
                "id": n.id.removeprefix(prefix),
                "unit": n.source.removeprefix(prefix),
                "kind": n.kind,
                "modality": n.modality,
                "tokens": SEPARATOR.join(fields),
                "slots": slots,
            }
        )
    return out
