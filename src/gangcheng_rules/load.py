"""Load the data directory: read every file (with line numbers), validate, build the typed model."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import model as m
from .problems import DataError, Problem
from .yamlfile import YamlDoc, read_yaml

VOCABS = ("subjects", "actors", "instruments")


def project_root() -> Path:
    """The checkout (data/, schema/) this package runs from, or the current directory."""
    here = Path(__file__).resolve().parents[2]
    return here if (here / "data" / "document.yaml").exists() else Path.cwd()


@dataclass
class RawCorpus:
    root: Path
    document: YamlDoc | None = None
    articles: list[YamlDoc] = field(default_factory=list)
    vocabs: dict[str, YamlDoc] = field(default_factory=dict)
    synonyms: YamlDoc | None = None
    exclusions: list[YamlDoc] = field(default_factory=list)
    source_path: str = ""
    source_text: str | None = None
    problems: list[Problem] = field(default_factory=list)

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def all_docs(self) -> list[YamlDoc]:
        docs = [self.document, *self.articles, *self.vocabs.values(), self.synonyms, *self.exclusions]
        return [d for d in docs if d is not None]


def read_raw(root: Path | str | None = None) -> RawCorpus:
    root = Path(root) if root else project_root()
    raw = RawCorpus(root)
    data = root / "data"
    if not (data / "document.yaml").exists():
        raw.problems.append(Problem(raw.rel(data / "document.yaml"), None, "$", "missing: is this the project directory?"))
        return raw
    raw.document = read_yaml(data / "document.yaml", raw.rel(data / "document.yaml"))
    for path in sorted((data / "articles").glob("*")):
        if path.suffix in (".yaml", ".yml"):
            raw.articles.append(read_yaml(path, raw.rel(path)))
        elif path.is_file():
            raw.problems.append(Problem(raw.rel(path), None, "$", "unexpected file in data/articles/ (articles are NNN.yaml)"))
    for name in VOCABS:
        path = data / "vocab" / f"{name}.yaml"
        raw.vocabs[name] = read_yaml(path, raw.rel(path))
    syn = data / "vocab" / "synonyms.yaml"
    if syn.exists():
        raw.synonyms = read_yaml(syn, raw.rel(syn))
    for path in sorted((data / "cue_exclusions").glob("*.yaml")):
        raw.exclusions.append(read_yaml(path, raw.rel(path)))
    doc = raw.document.data if isinstance(raw.document.data, dict) else {}
    src = root / str(doc.get("source_file") or "data/source/gangcheng-government-work-rules-2022.txt")
    raw.source_path = raw.rel(src)
    try:
        raw.source_text = src.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raw.problems.append(Problem(raw.source_path, None, "$", f"cannot read the official source text: {e}"))
    return raw


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
    )


def from_bundle(bundle: dict) -> m.Corpus:
    """A Corpus from an exported rules.json object (the inverse of serialize.bundle)."""
    v = bundle["vocabularies"]
    return from_data(bundle["document"], bundle["articles"], {name: v[name] for name in VOCABS}, v["synonyms"])


def from_data(d: dict, article_dicts: list[dict], vocabs: dict[str, list], synonym_dicts: list, source_text: str = "") -> m.Corpus:
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
            )
        )

    def terms(name):
        return tuple(m.Term(**{**t, "aliases": tuple(t.get("aliases", ()))}) for t in vocabs[name])

    synonyms = tuple(m.Synonym(s["query"], tuple(s["terms"]), s.get("note")) for s in synonym_dicts)
    return m.Corpus(document, tuple(articles), terms("subjects"), terms("actors"), terms("instruments"), synonyms, source_text)


def load_corpus(root: Path | str | None = None) -> m.Corpus:
    from .validate import validate

    raw = read_raw(root)
    problems = validate(raw)
    if problems:
        raise DataError(problems)
    return build(raw)


WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """The text with all whitespace removed: the form fidelity is judged in."""
    return WS.sub("", text)
