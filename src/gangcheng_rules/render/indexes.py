"""The reference page family: 主题索引, 主体与职责, 引用文件, 会议制度对照 and 时限与数量要求一览."""

from __future__ import annotations

import re

from .. import normtext as nt
from ..eids import article_label, eid_label
from ..model import ROLES, Corpus, Norm, Quantity, Term
from .articles import norm_view
from .labels import ACTOR_KIND, INSTRUMENT_KIND, snippet
from .markup import norm_class
from .templates import render
from .urls import ACTORS, CITATIONS, FIGURES, MEETINGS, SUBJECTS, Page, article_href, href


def subjects_page(corpus: Corpus) -> Page:
    sections = []
    for t in corpus.subjects:
        arts = [a for a in corpus.articles if t.id in a.subjects]
        sections.append({"t": t, "articles": [(a.heading, article_href(SUBJECTS, corpus, a.number), snippet(a)) for a in arts]})
    return Page(SUBJECTS, "主题索引", render("subjects.md", sections=sections))


# What an actor bears, by kind (duties by modality), then where it takes part in another's norm, by role.
BEARER_GROUPS = (
    ("obligation", "义务：须做的事"),
    ("prohibition", "禁止：不得做的事"),
    ("permission", "许可：可以做的事"),
    ("competence", "职权：办理或决定的事项"),
    ("constitutive", "制度规定"),
    ("sanction", "责任"),
)


def actor_duties(corpus: Corpus, actor: Term, frm: str) -> dict:
    def row(o: Norm) -> dict:
        return {
            **norm_view(corpus, o, frm),
            "where": eid_label(o.source),
            "href": article_href(frm, corpus, o.article, o.id),
        }

    groups = [(css, name, [row(o) for o in corpus.norms if actor.id in o.bearers and norm_class(o) == css]) for css, name in BEARER_GROUPS]
    roles = []
    taken = {r for o in corpus.norms for r, ids in o.roles if actor.id in ids}
    for role in (r for r in ROLES if r in taken):
        rows = [row(o) for o in corpus.norms if actor.id in dict(o.roles).get(role, ())]
        roles.append((role, nt.role_label(role), rows))
    return {
        "groups": [g for g in groups if g[2]],
        "roles": roles,
        "count": sum(len(g[2]) for g in groups),
        "role_count": sum(len(r[2]) for r in roles),
    }


def actors_page(corpus: Corpus) -> Page:
    sections = []
    for t in corpus.actors:
        sections.append(
            {
                "t": t,
                "kind": ACTOR_KIND.get(t.kind or "", t.kind or ""),
                "defined": (article_label(t.defined_in), article_href(ACTORS, corpus, t.defined_in)) if t.defined_in else None,
                **actor_duties(corpus, t, ACTORS),
            }
        )
    kinds = [(name, [s for s in sections if s["t"].kind == kind]) for kind, name in ACTOR_KIND.items()]
    kinds = [(name, ss) for name, ss in kinds if ss]
    return Page(ACTORS, "主体与职责", render("actors.md", sections=sections, kinds=kinds))


def citations_page(corpus: Corpus) -> Page:
    sections = []
    for t in corpus.instruments:
        places = []
        for a in corpus.articles:
            if t.id not in a.cites:
                continue
            title = t.title or t.name
            eids = [eid for eid, text in a.fragments().items() if title in text] or [a.eid]
            places.extend((eid_label(e), article_href(CITATIONS, corpus, a.number, e)) for e in eids)
        sections.append({"t": t, "kind": INSTRUMENT_KIND.get(t.kind or "", t.kind or ""), "places": places})
    return Page(CITATIONS, "引用文件", render("citations.md", sections=sections))


def meeting_quote(corpus: Corpus, o: Norm, short: Quantity | None = None) -> dict:
    """A norm's quote, or the figure it states (short), linked to where it sits in the text."""
    return {
        "text": short.text if short else o.quote,
        "href": article_href(MEETINGS, corpus, o.article, o.id),
        "condition": o.condition,
        "strength": o.strength,
    }


def meeting_rows(corpus: Corpus) -> list[dict]:
    """The meeting types, each read from the article that constitutes it and the norms it carries."""
    rows = []
    frm = MEETINGS
    for m in sorted((t for t in corpus.actors if t.kind == "meeting" and t.defined_in), key=lambda t: t.defined_in):
        art = corpus.article(m.defined_in)
        first = art.paragraphs[0]
        composition = re.search(r"由[^，。；]*组成", first.text)
        conveners = [o for o in art.norms if o.action and "召集" in o.action]
        frequency = [o for o in art.norms if o.frequency]
        if not frequency:
            frequency = [o for o in art.norms if o.action and "召开" in o.action]
        quorum = [o for o in art.norms if o.threshold and o.threshold.quantity == "attendance"]
        # Who attends: 列席 (sits in) or 出席 (attends); 出席人数 norms are the quorum, not attendance.
        attend = [o for o in art.norms if o.action and ("列席" in o.action or o.action.startswith("出席")) and not o.threshold]
        tasks = [i for p in art.paragraphs for i in p.items]
        elsewhere = sorted({o.article for o in corpus.norms if o.article != art.number and (m.id in o.bearers or m.id in o.parties)})
        rows.append(
            {
                "m": m,
                "article": (art.heading, article_href(frm, corpus, art.number)),
                "composition": {"text": composition.group(0), "href": article_href(frm, corpus, art.number, first.eid)}
                if composition
                else None,
                "conveners": [meeting_quote(corpus, o) for o in conveners],
                "frequency": [meeting_quote(corpus, o, o.frequency) for o in frequency],
                "quorum": [meeting_quote(corpus, o, o.threshold) for o in quorum],
                "attend": [meeting_quote(corpus, o) for o in attend],
                "tasks": [(i.label, i.text, article_href(frm, corpus, art.number, i.eid)) for i in tasks],
                "elsewhere": [(article_label(n), article_href(frm, corpus, n)) for n in elsewhere],
            }
        )
    return rows


def meetings_page(corpus: Corpus) -> Page:
    return Page(MEETINGS, "会议制度对照", render("meetings.md", rows=meeting_rows(corpus)))


FIGURE_GROUPS = (
    ("deadline", "时限", "多长时间内、在什么时候之前办理"),
    ("frequency", "频次", "多久一次"),
    ("quorum", "出席人数与法定人数", "会议须有多少人出席方能召开或表决"),
    ("threshold", "数量与篇幅要求", "字数、时长、人数等数量上限或下限"),
)


def figure_kind(n: Norm, field: str) -> str:
    """Which group a norm's figure belongs to: attendance thresholds and quorum rules are quorums."""
    if field == "threshold" and (n.threshold.quantity == "attendance" or n.constitutive == "quorum"):
        return "quorum"
    return field


def figure_rows(corpus: Corpus) -> list[dict]:
    """Every deadline, frequency and threshold the norms record, grouped, each linked to its paragraph."""
    groups = {key: [] for key, _, _ in FIGURE_GROUPS}
    for n in corpus.norms:
        for field in ("deadline", "frequency", "threshold"):
            q: Quantity | None = getattr(n, field)
            if q is None:
                continue
            groups[figure_kind(n, field)].append(
                {
                    "n": n,
                    "figure": q.text,
                    "data": figure_data(q),
                    "v": norm_view(corpus, n, FIGURES),
                    "where": eid_label(n.source),
                    "href": article_href(FIGURES, corpus, n.article, n.source),
                    "norm_href": article_href(FIGURES, corpus, n.article, n.id),
                }
            )
    return [{"key": k, "title": t, "hint": h, "rows": groups[k]} for k, t, h in FIGURE_GROUPS if groups[k]]


COMPARATOR = {"gt": ">", "ge": "≥", "lt": "<", "le": "≤", "eq": "="}


def figure_data(q: Quantity) -> str:
    """The machine-readable form of a figure as a reader can check it: -P3D, P1M ×1, attendance > 0.5."""
    if q.offset:
        return q.offset + (f"（相对于：{q.relative_to}）" if q.relative_to else "")
    if q.interval:
        return q.interval + (f" × {q.times}" if q.times else "")
    if q.comparator:
        value = f"{q.value:g}" if q.value is not None else ""
        return f"{q.quantity or ''} {COMPARATOR.get(q.comparator, q.comparator)} {value}{(' ' + q.unit) if q.unit else ''}".strip()
    return ""


def figures_page(corpus: Corpus) -> Page:
    groups = figure_rows(corpus)
    return Page(
        FIGURES,
        "时限与数量要求一览",
        render("figures.md", groups=groups, total=sum(len(g["rows"]) for g in groups), legend_href=href(FIGURES, ACTORS, "legend")),
    )
