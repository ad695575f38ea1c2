"""Stage 3, model: validated raw data (or an exported rules.json) → the frozen model objects of model.py.

It owns the mapping from the published schema's dicts to the model (the inverse of serialize.bundle) and
load_corpus, the whole read → validate → build pipeline behind gangcheng_rules.load().
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import model as m
from .problems import DataError
from .project import Project
from .read import VOCABS, RawCorpus, read_raw
from .validate import validate


def _date(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def _quantity(d: dict | None) -> m.Quantity | None:
    return m.Quantity(**d) if d else None


def norm(o: dict) -> m.Norm:
    """A validated norm dict → Norm; roles are kept in the vocabulary's role order."""
    roles = o.get("roles", {})
    return m.Norm(
        **{
            **o,
            "bearers": tuple(o["bearers"]),
            "roles": tuple((r, tuple(roles[r])) for r in m.ROLES if r in roles),
            "overrides": tuple(o.get("overrides", ())),
            "enforces": tuple(o.get("enforces", ())),
            **{k: _quantity(o.get(k)) for k in ("deadline", "frequency", "threshold")},
        }
    )


def build(raw: RawCorpus) -> m.Corpus:
    """Raw, validated data → frozen model objects."""
    return from_data(
        raw.document.data,
        [d.data for d in raw.articles],
        {name: raw.vocabs[name].data for name in VOCABS},
        raw.synonyms.data if raw.synonyms else [],
        raw.source_text or "",
        raw.phrases.data if raw.phrases else [],
    )


def from_bundle(bundle: dict) -> m.Corpus:
    """A Corpus from an exported rules.json object (the inverse of serialize.bundle)."""
    v = bundle["vocabularies"]
    return from_data(bundle["document"], bundle["articles"], {name: v[name] for name in VOCABS}, v["synonyms"], "", v.get("phrases", []))


def from_data(
    d: dict, article_dicts: list[dict], vocabs: dict[str, list], synonym_dicts: list, source_text: str = "", phrase_dicts: list = ()
) -> m.Corpus:
    document = m.Document(
        title=d["title"],
        short_title=d["short_title"],
        issuer=d["issuer"],
        date=_date(d["date"]),
        status=d["status"],
        effective=_date(d["effective"]),
        dataset_version=d["dataset_version"],
        language=d["language"],
        classification=d["classification"],
        source_file=d["source_file"],
        notice=m.Notice(**d["notice"]),
        chapters=tuple(m.Chapter(**c) for c in d["chapters"]),
        changelog=tuple(
            m.Change(version=c["version"], date=_date(c["date"]), summary=c["summary"], articles=tuple(c.get("articles", ())))
            for c in d["changelog"]
        ),
    )
    articles = []
    for a in sorted(article_dicts, key=lambda x: x["number"]):
        articles.append(
            m.Article(
                number=a["number"],
                eid=a["eid"],
                chapter=a["chapter"],
                paragraphs=tuple(
                    m.Paragraph(
                        p["eid"], p["text"].strip(), tuple(m.Item(i["eid"], i["label"], i["text"].strip()) for i in p.get("items", ()))
                    )
                    for p in a["paragraphs"]
                ),
                subjects=tuple(a["subjects"]),
                norms=tuple(norm(o) for o in a["norms"]),
                cites=tuple(a["cites"]),
                related=tuple(m.Relation(r["article"], r["relation"], r.get("note")) for r in a["related"]),
                notes=tuple(m.Note(n["kind"], n["text"], n.get("target")) for n in a.get("notes", ())),
                questions=tuple(m.Question(q["q"], q["note"], q.get("unit")) for q in a.get("questions", ())),
            )
        )

    def terms(name):
        return tuple(m.Term(**{**t, "aliases": tuple(t.get("aliases", ()))}) for t in vocabs[name])

    synonyms = tuple(m.Synonym(s["query"], tuple(s["terms"]), s.get("note")) for s in synonym_dicts)
    phrases = tuple(m.Phrase(p["phrase"], tuple(p["wording"]), p["note"]) for p in phrase_dicts)
    return m.Corpus(document, tuple(articles), terms("subjects"), terms("actors"), terms("instruments"), synonyms, source_text, phrases)


def load_corpus(root: Project | Path | str | None = None) -> m.Corpus:
    """Read, validate and build the corpus of a project (None: discover it); DataError with every problem."""
    raw = read_raw(root)
    problems = validate(raw)
    if problems:
        raise DataError(problems)
    return build(raw)
