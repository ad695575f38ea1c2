"""The chapter pages: each article with its paragraphs, items, norm tags, relations and notes."""

from __future__ import annotations

from markupsafe import Markup

from .. import normtext as nt
from ..eids import article_label, eid_label, place_in_article
from ..model import Article, Chapter, Corpus, Norm, last_changed
from .labels import RELATION, STRENGTH, article_range, chapter_title, norm_facts
from .markup import fragment_html, norm_class
from .templates import render
from .urls import ACTORS, CHANGES, CITATIONS, SUBJECTS, Page, article_href, chapter_src, href


def norm_view(corpus: Corpus, n: Norm, frm: str) -> dict:
    """What a norm row shows: bearers (linked), the word or kind chip, the act, figures and other parties."""
    actors = {t.id: t for t in corpus.actors}
    names = {k: t.name for k, t in actors.items()}
    by_id = {o.id: o for o in corpus.norms} if n.overrides or n.enforces else {}

    def party(a: str) -> tuple[str, str]:
        return (actors[a].name, href(frm, ACTORS, a))

    return {
        "n": n,
        "css": norm_class(n),
        "kind": nt.kind_label(n),
        "bearers": [party(b) for b in n.bearers],
        "mode": nt.BEARER_MODE.get(n.bearer_mode or "") if len(n.bearers) > 1 else None,
        "word": nt.modal_word(n),
        "heading": nt.kind_heading(n),
        "editorial": nt.is_editorial(n),
        "construction": nt.CONSTRUCTION_NAME[n.construction],
        "explain": nt.word_explained(n),
        "action": n.action or n.quote,
        "strength": STRENGTH.get(n.strength or ""),
        "facts": norm_facts(n),
        "roles": [(nt.role_label(r), [party(a) for a in ids]) for r, ids in n.roles],
        "text": nt.sentence(n, names),
        # 例外于 (this norm is an exception to) / 针对 (the norms whose breach a sanction answers), linked
        "links": [
            (label, [(nt.sentence(by_id[i], names), article_href(frm, corpus, by_id[i].article, i)) for i in ids if i in by_id])
            for label, ids in (("例外于", n.overrides), ("针对", n.enforces))
            if ids
        ],
    }


def article_context(corpus: Corpus, article: Article, frm: str) -> dict:
    paragraphs = []
    for p in article.paragraphs:
        items = [
            {"eid": i.eid, "label": i.label, "html": fragment_html(corpus, article, i.eid, i.text, frm), "link": eid_label(i.eid)}
            for i in p.items
        ]
        paragraphs.append(
            {"eid": p.eid, "html": fragment_html(corpus, article, p.eid, p.text, frm), "list_items": items, "link": eid_label(p.eid)}
        )
    norms = [
        {
            **norm_view(corpus, o, frm),
            # Within the article, the place is named from the paragraph down: 第二款第三项.
            "where": place_in_article(o.source, article.number),
        }
        for o in article.norms
    ]
    return {
        "a": article,
        "paragraphs": paragraphs,
        "norms": norms,
        "subjects": [(corpus.term("subjects", s).name, href(frm, SUBJECTS, s)) for s in article.subjects],
        "cites": [(corpus.term("instruments", c).name, href(frm, CITATIONS, c)) for c in article.cites],
        "related": [
            (article_label(r.article), article_href(frm, corpus, r.article), RELATION[r.relation], r.note) for r in article.related
        ],
        "notes": [(n.text, eid_label(n.target) if n.target else None) for n in article.notes],
        # 常见问题: each question links to the paragraph or item that answers it (else the article)
        "questions": [
            (q.q, q.note, f"#{q.unit or article.eid}", place_in_article(q.unit, article.number) if q.unit else None)
            for q in article.questions
        ],
        "changed": last_changed(corpus, article.number),
        "changes_href": href(frm, CHANGES),
        "legend_href": href(frm, ACTORS, "legend"),
    }


def article_block(corpus: Corpus, article: Article, frm: str) -> str:
    """One article as Markdown: its heading (for the page's table of contents) and its HTML body."""
    return render("article.md", **article_context(corpus, article, frm))


def chapter_page(corpus: Corpus, chapter: Chapter) -> Page:
    src = chapter_src(chapter.number)
    articles = [Markup(article_block(corpus, a, src)) for a in corpus.articles_in(chapter)]
    md = render(
        "chapter.md", chapter=chapter, title=chapter_title(chapter), range=article_range(chapter), count=len(articles), articles=articles
    )
    return Page(src, chapter_title(chapter), md)
