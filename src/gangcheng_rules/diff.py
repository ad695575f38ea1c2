"""Compare two versions of the dataset: article, paragraph and item changes with a character-level redline.

Articles are matched by content, not number, so an insertion that renumbers everything after it shows as one
insertion plus renumberings, not as seventy amendments. Formatting variants (full/half-width punctuation and
digits, whitespace) are normalised away before comparing, so they never show as amendments.
"""

from __future__ import annotations

import difflib
import html
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .model import Article, Corpus
from .numerals import to_chinese
from .problems import DataError, Problem

SIMILAR = 0.5  # below this, two articles are different provisions, not an amendment of one another


def norm(text: str) -> str:
    """Text as compared: NFKC folds full-width digits and punctuation to half-width; whitespace removed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class Redline:
    ops: tuple[tuple[str, str], ...]  # ("equal" | "delete" | "insert", text)

    def text(self) -> str:
        return "".join(t if op == "equal" else f"[-{t}-]" if op == "delete" else f"{{+{t}+}}" for op, t in self.ops)

    def html(self) -> str:
        tag = {"equal": "{}", "delete": "<del>{}</del>", "insert": "<ins>{}</ins>"}
        return "".join(tag[op].format(html.escape(t)) for op, t in self.ops)


# Character-level matching (difflib) is quadratic in the worst case: a 40,000-character paragraph took minutes.
# So the common prefix and suffix are taken off first (an amendment usually touches a few places), and a
# middle longer than CHAR_LIMIT is matched as sentence-like runs; each changed stretch that is small enough
# then goes down to characters, a larger one is shown as deleted and inserted whole.
CHAR_LIMIT = 2000
_STOPS = frozenset("。；！？，、：")


def _runs(text: str) -> list[str]:
    """Cut after punctuation, or (in a long run without any) after characters picked by their code point,
    so the cuts depend on the content and realign right after an insertion; never longer than 400."""
    out, start = [], 0
    for i, ch in enumerate(text):
        n = i + 1 - start
        if ch in _STOPS or (n >= 40 and ord(ch) % 29 == 0) or n >= 400:
            out.append(text[start : i + 1])
            start = i + 1
    if start < len(text):
        out.append(text[start:])
    return out


def _diff(a: str, b: str, out: list[tuple[str, str]]) -> None:
    p = len(os.path.commonprefix([a, b]))
    s = len(os.path.commonprefix([a[p:][::-1], b[p:][::-1]]))
    if p:
        out.append(("equal", a[:p]))
    x, y = a[p : len(a) - s], b[p : len(b) - s]
    if not x or not y:
        out += [("delete", x)] if x else []
        out += [("insert", y)] if y else []
    elif len(x) <= CHAR_LIMIT and len(y) <= CHAR_LIMIT:
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes():
            if tag == "equal":
                out.append(("equal", x[i1:i2]))
            else:
                out += [("delete", x[i1:i2])] if i2 > i1 else []
                out += [("insert", y[j1:j2])] if j2 > j1 else []
    else:
        rx, ry = _runs(x), _runs(y)
        pending = ["", ""]  # neighbouring changed runs, diffed together

        def flush():
            dx, dy = pending
            if len(dx) <= CHAR_LIMIT and len(dy) <= CHAR_LIMIT:
                _diff(dx, dy, out)
            else:
                out.extend(op for op in (("delete", dx), ("insert", dy)) if op[1])
            pending[:] = ["", ""]

        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, rx, ry, autojunk=False).get_opcodes():
            if tag == "equal":
                if pending != ["", ""]:
                    flush()
                out.append(("equal", "".join(rx[i1:i2])))
            else:
                pending[0] += "".join(rx[i1:i2])
                pending[1] += "".join(ry[j1:j2])
        if pending != ["", ""]:
            flush()
    if s:
        out.append(("equal", a[len(a) - s :]))


def redline(old: str, new: str) -> Redline:
    ops: list[tuple[str, str]] = []
    _diff(norm(old), norm(new), ops)
    merged: list[tuple[str, str]] = []
    for op, t in ops:  # neighbouring runs of one kind read as one change
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + t)
        else:
            merged.append((op, t))
    return Redline(tuple(merged))


@dataclass(frozen=True)
class PartChange:
    kind: str  # added | removed | amended
    old_eid: str | None
    new_eid: str | None
    redline: Redline | None = None
    text: str | None = None


@dataclass
class ArticleChange:
    kind: str  # inserted | repealed | amended | renumbered | tags
    old: int | None
    new: int | None
    parts: list[PartChange] = field(default_factory=list)
    tags: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # field → {"added": [...], "removed": [...]}


@dataclass
class Comparison:
    old_version: str
    new_version: str
    changes: list[ArticleChange]

    def to_json(self) -> dict:
        def part(p: PartChange):
            d = {"kind": p.kind, "old_eid": p.old_eid, "new_eid": p.new_eid}
            if p.redline:
                d["redline"] = [list(op) for op in p.redline.ops]
            if p.text is not None:
                d["text"] = p.text
            return d

        return {
            "old_version": self.old_version,
            "new_version": self.new_version,
            "summary": self.summary(),
            "changes": [
                {"kind": c.kind, "old_article": c.old, "new_article": c.new, "parts": [part(p) for p in c.parts], "tags": c.tags}
                for c in self.changes
            ],
        }

    def summary(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for c in self.changes:
            out[c.kind] = out.get(c.kind, 0) + 1
        return dict(sorted(out.items()))


def _article_text(a: Article) -> str:
    return norm(a.text)


def _parts(a: Article) -> list[tuple[str, str]]:
    out = []
    for p in a.paragraphs:
        out.append((p.eid, p.text))
        out.extend((i.eid, i.label + i.text) for i in p.items)
    return out


def match_articles(old: Corpus, new: Corpus) -> list[tuple[Article | None, Article | None]]:
    """Pair old and new articles by content: identical text first, then the most similar above SIMILAR."""
    olds = {a.number: a for a in old.articles}
    news = {a.number: a for a in new.articles}
    pairs: list[tuple[Article | None, Article | None]] = []
    by_text: dict[str, list[int]] = {}
    for n, a in news.items():
        by_text.setdefault(_article_text(a), []).append(n)
    for n, a in list(olds.items()):
        cands = by_text.get(_article_text(a))
        if cands:
            m = min(cands, key=lambda k: abs(k - n))
            cands.remove(m)
            pairs.append((a, news.pop(m)))
            del olds[n]
    scored = []
    for n, a in olds.items():
        for m, b in news.items():
            ratio = difflib.SequenceMatcher(None, _article_text(a), _article_text(b), autojunk=False).ratio()
            if ratio >= SIMILAR:
                scored.append((-ratio, abs(n - m), n, m))
    for _, _, n, m in sorted(scored):
        if n in olds and m in news:
            pairs.append((olds.pop(n), news.pop(m)))
    pairs += [(a, None) for a in olds.values()] + [(None, b) for b in news.values()]
    return sorted(pairs, key=lambda p: p[1].number if p[1] else p[0].number - 0.5)


def diff_parts(a: Article, b: Article) -> list[PartChange]:
    pa, pb = _parts(a), _parts(b)
    sm = difflib.SequenceMatcher(None, [norm(t) for _, t in pa], [norm(t) for _, t in pb], autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        olds, news = pa[i1:i2], pb[j1:j2]
        # pair replaced parts one to one in order; the surplus is added or removed
        for (oe, ot), (ne, nt) in zip(olds, news, strict=False):
            out.append(PartChange("amended", oe, ne, redline(ot, nt)))
        for oe, ot in olds[len(news) :]:
            out.append(PartChange("removed", oe, None, text=ot))
        for ne, nt in news[len(olds) :]:
            out.append(PartChange("added", None, ne, text=nt))
    return out


def _tag_changes(a: Article, b: Article) -> dict[str, dict[str, list[str]]]:
    def norms(x: Article) -> set[str]:
        return {f"{o.modality or o.kind}:{'+'.join(o.bearers)}:{norm(o.quote)}" for o in x.norms}

    fields = {
        "subjects": (set(a.subjects), set(b.subjects)),
        "cites": (set(a.cites), set(b.cites)),
        "related": ({f"{r.relation}:{r.article}" for r in a.related}, {f"{r.relation}:{r.article}" for r in b.related}),
        "norms": (norms(a), norms(b)),
    }
    out = {}
    for name, (x, y) in fields.items():
        if x != y:
            out[name] = {"added": sorted(y - x), "removed": sorted(x - y)}
    return out


def compare(old: Corpus, new: Corpus) -> Comparison:
    if norm(old.document.title) != norm(new.document.title):
        raise DataError(
            [Problem("NEW", None, "$.document.title", f"different documents: {old.document.title!r} vs {new.document.title!r}")]
        )
    changes = []
    for a, b in match_articles(old, new):
        if a is None:
            changes.append(ArticleChange("inserted", None, b.number, [PartChange("added", None, e, text=t) for e, t in _parts(b)]))
        elif b is None:
            changes.append(ArticleChange("repealed", a.number, None, [PartChange("removed", e, None, text=t) for e, t in _parts(a)]))
        else:
            parts = diff_parts(a, b)
            tags = _tag_changes(a, b)
            kind = "amended" if parts else "renumbered" if a.number != b.number else "tags" if tags else None
            if kind:
                changes.append(ArticleChange(kind, a.number, b.number, parts, tags))
    return Comparison(old.document.dataset_version, new.document.dataset_version, changes)


def _label(n: int | None) -> str:
    return f"第{to_chinese(n)}条" if n else ""


def render_text(c: Comparison) -> str:
    lines = [f"{c.old_version} → {c.new_version}: " + (", ".join(f"{v} {k}" for k, v in c.summary().items()) or "no changes")]
    for ch in c.changes:
        head = {
            "inserted": f"inserted {_label(ch.new)} (art_{ch.new})",
            "repealed": f"repealed {_label(ch.old)} (art_{ch.old})",
            "renumbered": f"renumbered {_label(ch.old)} → {_label(ch.new)}",
            "amended": f"amended {_label(ch.new)} (art_{ch.new})" + (f", was {_label(ch.old)}" if ch.old != ch.new else ""),
            "tags": f"tags changed on {_label(ch.new)} (art_{ch.new})",
        }[ch.kind]
        lines.append(head)
        if ch.kind in ("amended",):
            for p in ch.parts:
                where = p.new_eid or p.old_eid
                body = p.redline.text() if p.redline else (f"{{+{norm(p.text)}+}}" if p.kind == "added" else f"[-{norm(p.text)}-]")
                lines.append(f"  {p.kind} {where}: {body}")
        for name, d in ch.tags.items():
            lines.append(f"  {name}: " + " ".join([f"+{x}" for x in d["added"]] + [f"-{x}" for x in d["removed"]]))
    return "\n".join(lines) + "\n"


def render_html(c: Comparison) -> str:
    from .render import environment

    summary = ", ".join(f"{v} {k}" for k, v in c.summary().items()) or "no changes"
    return environment().get_template("diff.html").render(c=c, summary=summary, label=_label, norm=norm)


def load_version(path: Path) -> Corpus:
    """A dataset version from a project directory (holding data/), a data/ directory, an export directory or an
    exported rules.json; a checkout is checked against its own schemas, an export against the packaged ones.

    A 1.x version (`obligations`, schema 1.0) is read in the 2.0 shape (legacy.py) and checked against the
    packaged (2.0) schemas; its tags predate the 2.0 conventions, so those are not checked on it.
    """
    from .exported import is_export, read_export
    from .legacy import is_v1_article, upgrade_article
    from .load import build, read_raw
    from .schemas import packaged_schemas
    from .validate import validate

    path = Path(path)
    if not path.exists():
        raise DataError([Problem(str(path), None, "$", "no such file or directory")])
    if is_export(path) or path.is_file():
        return read_export(path)
    root = path.parent if path.name == "data" and (path / "document.yaml").exists() else path
    raw = read_raw(root)
    legacy = any(is_v1_article(a.data) for a in raw.articles)
    if legacy:
        for a in raw.articles:
            a.data = upgrade_article(a.data)
    problems = validate(raw, conventions=not legacy, schemas=packaged_schemas() if legacy else None)
    if problems:
        raise DataError(problems)
    return build(raw)
