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

from . import normtext
from .eids import article_label, eid_label, place_in_article
from .model import Article, Corpus, Norm
from .problems import DataError, Problem
from .render import RELATION

SIMILAR = 0.5  # below this, two articles are different provisions, not an amendment of one another


def norm(text: str) -> str:
    """Text as compared: NFKC folds full-width digits and punctuation to half-width; whitespace removed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def normalised(text: str) -> tuple[str, list[int]]:
    """norm(text), and for each of its characters the index of the original character it came from."""
    out: list[str] = []
    origin: list[int] = []
    for i, c in enumerate(text):
        folded = "".join(unicodedata.normalize("NFKC", c).split())
        out.append(folded)
        origin.extend([i] * len(folded))
    return "".join(out), origin


def _original(text: str, origin: list[int], i1: int, i2: int) -> str:
    """The original characters behind normalised positions i1..i2 (a folded character is taken whole)."""
    if i2 <= i1:
        return ""
    return text[origin[i1] : origin[i2 - 1] + 1]


@dataclass(frozen=True)
class Redline:
    ops: tuple[tuple[str, str], ...]  # ("equal" | "delete" | "insert", original text)

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
    """Character redline aligned on the normalised texts (linear-time, see _diff), shown in the original
    characters (the new side's where both agree), so a full-width/half-width variant is never a change but the
    reader sees the real punctuation."""
    a, oa = normalised(old)
    b, ob = normalised(new)
    ops: list[tuple[str, str]] = []
    _diff(a, b, ops)
    out: list[tuple[str, str]] = []
    i = j = 0
    for op, t in ops:
        if op == "equal":
            text, i, j = _original(new, ob, j, j + len(t)), i + len(t), j + len(t)
        elif op == "delete":
            text, i = _original(old, oa, i, i + len(t)), i + len(t)
        else:
            text, j = _original(new, ob, j, j + len(t)), j + len(t)
        if out and out[-1][0] == op:  # neighbouring runs of one kind read as one change
            out[-1] = (op, out[-1][1] + text)
        elif text:
            out.append((op, text))
    return Redline(tuple(out))


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
    notes: list[str] = field(default_factory=list)  # the tag changes as sentences a reader understands


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
                {
                    "kind": c.kind,
                    "old_article": c.old,
                    "new_article": c.new,
                    "parts": [part(p) for p in c.parts],
                    "tags": c.tags,
                    "notes": c.notes,
                }
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
    return [(eid, label + text) for eid, label, text in a.parts()]


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


# ---------------------------------------------------------------- tag changes, as data and as sentences

QUANTITIES = (
    ("condition", "条件"),
    ("exception", "例外"),
    ("precondition", "前提"),
    ("deadline", "时限"),
    ("frequency", "频次"),
    ("threshold", "数量要求"),
)


@dataclass(frozen=True)
class Names:
    """Display names from both versions' vocabularies (the new name wins), so removed ids still read."""

    actors: dict[str, str]
    subjects: dict[str, str]
    instruments: dict[str, str]
    # 1.x did not type its parties (the upgrade files them all under one role): across a major version,
    # compare who takes part, not in which role, so the upgrade's placeholder never reads as a change.
    typed_roles: bool = True

    @classmethod
    def of(cls, old: Corpus, new: Corpus) -> Names:
        def merged(vocab: str) -> dict[str, str]:
            return {t.id: t.name for c in (old, new) for t in getattr(c, vocab)}

        def major(c: Corpus) -> str:
            return c.document.dataset_version.split(".")[0]

        return cls(merged("actors"), merged("subjects"), merged("instruments"), major(old) == major(new))


def _norm_key(n: Norm) -> str:
    return f"{n.kind}:{n.modality or ''}:{'+'.join(n.bearers)}:{norm(n.quote)}"


def pair_norms(olds: tuple[Norm, ...], news: tuple[Norm, ...]) -> list[tuple[Norm | None, Norm | None]]:
    """Old and new norms of one article paired by their quote: the same span first, then the most similar."""
    left, right = list(olds), list(news)
    pairs: list[tuple[Norm | None, Norm | None]] = []
    for o in list(left):
        same = next((n for n in right if norm(n.quote) == norm(o.quote)), None)
        if same is not None:
            pairs.append((o, same))
            left.remove(o)
            right.remove(same)
    scored = sorted(
        (-difflib.SequenceMatcher(None, norm(o.quote), norm(n.quote), autojunk=False).ratio(), i, j)
        for i, o in enumerate(left)
        for j, n in enumerate(right)
    )
    used_l: set[int] = set()
    used_r: set[int] = set()
    for score, i, j in scored:
        if -score >= SIMILAR and i not in used_l and j not in used_r:
            pairs.append((left[i], right[j]))
            used_l.add(i)
            used_r.add(j)
    pairs += [(o, None) for i, o in enumerate(left) if i not in used_l]
    pairs += [(None, n) for j, n in enumerate(right) if j not in used_r]
    return pairs


def _qtext(n: Norm, key: str) -> str:
    value = getattr(n, key, None)
    return value.text if hasattr(value, "text") else (value or "")


def norm_notes(o: Norm, n: Norm, names: Names, where: str) -> list[str]:
    """What changed in one norm, one sentence per field: 【第一款】区长：须 → 可."""
    a = names.actors
    out = []
    if normtext.word_text(o) != normtext.word_text(n):
        out.append(f"{normtext.bearer_text(n, a)}：{normtext.word_text(o)} → {normtext.word_text(n)}")
    if normtext.bearer_text(o, a) != normtext.bearer_text(n, a):
        out.append(f"承担者：{normtext.bearer_text(o, a)} → {normtext.bearer_text(n, a)}")
    parties = normtext.roles_text if names.typed_roles else _parties_text
    if parties(o, a) != parties(n, a):
        out.append(f"相关方：{parties(o, a) or '无'} → {parties(n, a) or '无'}")
    if (o.action or o.quote) != (n.action or n.quote):
        out.append(f"内容：{o.action or o.quote} → {n.action or n.quote}")
    if norm(o.quote) != norm(n.quote):
        out.append(f"引文：{o.quote} → {n.quote}")
    if n.kind == "duty" and o.kind == "duty" and o.strength != n.strength:
        out.append(f"强度：{normtext.STRENGTH_NAME.get(o.strength, '一般')} → {normtext.STRENGTH_NAME.get(n.strength, '一般')}")
    for key, label in QUANTITIES:
        x, y = _qtext(o, key), _qtext(n, key)
        if x != y:
            out.append(f"{label}：新增“{y}”" if not x else f"{label}：删除“{x}”" if not y else f"{label}：{x} → {y}")
    return [f"【{where}】{s}" for s in out]


def _parties_text(n: Norm, actors: dict[str, str]) -> str:
    return "、".join(actors.get(p, p) for p in sorted(n.parties))


def _where(eid: str, article: Article) -> str:
    """第一款第二项: a place named within its article."""
    return place_in_article(eid, article.number)


def _tag_changes(a: Article, b: Article) -> dict[str, dict[str, list[str]]]:
    fields = {
        "subjects": (set(a.subjects), set(b.subjects)),
        "cites": (set(a.cites), set(b.cites)),
        "related": ({f"{r.relation}:{r.article}" for r in a.related}, {f"{r.relation}:{r.article}" for r in b.related}),
        "norms": ({_norm_key(n) for n in a.norms}, {_norm_key(n) for n in b.norms}),
    }
    out = {}
    for name, (x, y) in fields.items():
        if x != y:
            out[name] = {"added": sorted(y - x), "removed": sorted(x - y)}
    return out


def tag_notes(a: Article, b: Article, names: Names) -> list[str]:
    """The tag changes of a matched article as sentences: 主题：新增“信访”, 新增规范：…, 区长：须 → 可."""
    out = []
    for label, ids, vocab, fmt in (
        ("主题", (a.subjects, b.subjects), names.subjects, "“{}”"),
        ("引用文件", (a.cites, b.cites), names.instruments, "《{}》"),
    ):
        added = [fmt.format(vocab.get(x, x)) for x in ids[1] if x not in ids[0]]
        removed = [fmt.format(vocab.get(x, x)) for x in ids[0] if x not in ids[1]]
        if added:
            out.append(f"{label}：新增{'、'.join(added)}")
        if removed:
            out.append(f"{label}：删除{'、'.join(removed)}")
    rel_old = {(r.relation, r.article) for r in a.related}
    rel_new = {(r.relation, r.article) for r in b.related}
    for verb, rels in (("新增", sorted(rel_new - rel_old, key=lambda r: r[1])), ("删除", sorted(rel_old - rel_new, key=lambda r: r[1]))):
        if rels:
            out.append(f"相关条文：{verb}" + "、".join(f"{article_label(n)}（{RELATION.get(rel, rel)}）" for rel, n in rels))
    for o, n in pair_norms(a.norms, b.norms):
        if o is None:
            out.append(f"新增规范【{_where(n.source, b)}】：{normtext.sentence(n, names.actors)}")
        elif n is None:
            out.append(f"删除规范【{_where(o.source, a)}】：{normtext.sentence(o, names.actors)}")
        else:
            out += norm_notes(o, n, names, _where(n.source, b))
    return out


def compare(old: Corpus, new: Corpus) -> Comparison:
    if norm(old.document.title) != norm(new.document.title):
        raise DataError(
            [
                Problem(
                    SIDES["new"],
                    None,
                    "$.document.title",
                    f"different documents（不是同一份文件）: 旧版本为“{old.document.title}”，新版本为“{new.document.title}”",
                )
            ]
        )
    names = Names.of(old, new)
    changes = []
    for a, b in match_articles(old, new):
        if a is None:
            changes.append(ArticleChange("inserted", None, b.number, [PartChange("added", None, e, text=t) for e, t in _parts(b)]))
        elif b is None:
            changes.append(ArticleChange("repealed", a.number, None, [PartChange("removed", e, None, text=t) for e, t in _parts(a)]))
        else:
            parts = diff_parts(a, b)
            tags = _tag_changes(a, b)
            notes = tag_notes(a, b, names) if tags or _worded_differently(a, b) else []
            kind = "amended" if parts else "renumbered" if a.number != b.number else "tags" if tags or notes else None
            if kind:
                changes.append(ArticleChange(kind, a.number, b.number, parts, tags, notes))
    return Comparison(old.document.dataset_version, new.document.dataset_version, changes)


def _worded_differently(a: Article, b: Article) -> bool:
    """Norm fields beyond the machine key (action, roles, figures…) changed."""
    return [_norm_fingerprint(n) for n in a.norms] != [_norm_fingerprint(n) for n in b.norms]


def _norm_fingerprint(n: Norm) -> tuple:
    return (
        _norm_key(n),
        normtext.word_text(n),
        n.action,
        tuple(sorted((r, tuple(ids)) for r, ids in dict(n.roles).items())),
        getattr(n, "strength", None),
        tuple(_qtext(n, k) for k, _ in QUANTITIES),
    )


# ---------------------------------------------------------------- rendering for people

KIND_NAME = {"inserted": "新增", "repealed": "删除", "amended": "修改", "renumbered": "重新编号", "tags": "标注变更"}
PART_NAME = {"added": "新增", "removed": "删除", "amended": "修改"}
SIDES = {"old": "旧版本（OLD）", "new": "新版本（NEW）"}


def _label(n: int | None) -> str:
    return article_label(n) if n else ""


def summary_text(c: Comparison) -> str:
    counts = c.summary()
    return "，".join(f"{KIND_NAME[k]} {counts[k]} 条" for k in KIND_NAME if k in counts) or "无变更"


def heading(ch: ArticleChange) -> str:
    """修改 第十三条（原第十二条）, 新增 第六条, 重新编号 第六条 → 第七条."""
    if ch.kind == "inserted":
        return f"新增 {_label(ch.new)}"
    if ch.kind == "repealed":
        return f"删除 {_label(ch.old)}"
    if ch.kind == "renumbered":
        return f"重新编号 {_label(ch.old)} → {_label(ch.new)}"
    was = f"（原{_label(ch.old)}）" if ch.old != ch.new else ""
    return f"{KIND_NAME[ch.kind]} {_label(ch.new)}{was}"


def part_place(p: PartChange, ch: ArticleChange) -> str:
    """第二款第三项, and where it was when that differs (第三款（原第二款）)."""

    def within(eid: str | None, number: int | None) -> str:
        return eid_label(eid).removeprefix(_label(number)) if eid and number else ""

    new, old = within(p.new_eid, ch.new), within(p.old_eid, ch.old)
    if new and old and new != old:
        return f"{new}（原{old}）"
    return new or old


def render_text(c: Comparison) -> str:
    lines = [f"{c.old_version} → {c.new_version}：{summary_text(c)}"]
    for ch in c.changes:
        lines.append(heading(ch))
        for p in ch.parts:
            place = part_place(p, ch)
            if ch.kind in ("inserted", "repealed"):
                lines.append(f"  {place}：{p.text}")
            elif p.redline:
                lines.append(f"  {PART_NAME[p.kind]} {place}：{p.redline.text()}")
            else:
                lines.append(f"  {PART_NAME[p.kind]} {place}：{p.text}")
        lines.extend(f"  {note}" for note in ch.notes)
    return "\n".join(lines) + "\n"


def render_html(c: Comparison) -> str:
    from .render import environment

    # articles that only moved are listed together at the end: one line each would bury the amendments
    moved = [ch for ch in c.changes if ch.kind == "renumbered" and not ch.notes]
    return (
        environment()
        .get_template("diff.html")
        .render(
            c=c,
            changes=[ch for ch in c.changes if ch not in moved],
            moved=moved,
            summary=summary_text(c),
            heading=heading,
            place=part_place,
            part_name=PART_NAME,
            label=_label,
        )
    )


def load_side(path: Path, side: str) -> Corpus:
    """load_version, with every problem naming the side it is on (旧版本（OLD） / 新版本（NEW））."""
    path = Path(path)
    try:
        return load_version(path)
    except DataError as e:

        def where(p: Problem) -> str:
            inside = path.is_dir() and not Path(p.path).is_absolute() and not p.path.startswith(str(path))
            return f"{SIDES[side]} {path / p.path if inside else p.path}"

        raise DataError([Problem(where(p), p.line, p.pointer, p.message) for p in e.problems]) from None


def load_version(path: Path) -> Corpus:
    """A dataset version from a project directory (holding data/), a data/ directory, an export directory or an
    exported rules.json; a checkout is checked against its own schemas, an export against the packaged ones.

    A 1.x version (`obligations`, schema 1.0) is read in the 2.0 shape (legacy.py) and checked against the
    packaged (2.0) schemas; its tags predate the 2.0 conventions, so those are not checked on it.
    """
    from .build import build
    from .exported import is_export, read_export
    from .legacy import is_v1_article, upgrade_article
    from .read import read_raw
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
