"""Compare two versions of the dataset: article, paragraph and item changes with a character-level redline.

Articles are matched by content, not number, so an insertion that renumbers everything after it shows as one
insertion plus renumberings, not as seventy amendments. Formatting variants (full/half-width punctuation and
digits, whitespace) are normalised away before comparing, so they never show as amendments.
"""

from __future__ import annotations

import difflib
import html
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import normtext
from .model import Article, Corpus, Norm
from .numerals import to_chinese
from .problems import DataError, Problem
from .render import RELATION, eid_label

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


def redline(old: str, new: str) -> Redline:
    """Character redline aligned on the normalised texts, shown in the original characters (the new side's
    where both agree), so a full-width/half-width variant is never a change but the reader sees real punctuation."""
    a, oa = normalised(old)
    b, ob = normalised(new)
    ops = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("equal", _original(new, ob, j1, j2)))
        else:
            if i2 > i1:
                ops.append(("delete", _original(old, oa, i1, i2)))
            if j2 > j1:
                ops.append(("insert", _original(new, ob, j1, j2)))
    return Redline(tuple(ops))


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
    return eid_label(eid).removeprefix(article.heading) or article.heading


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
            out.append(f"相关条文：{verb}" + "、".join(f"第{to_chinese(n)}条（{RELATION.get(rel, rel)}）" for rel, n in rels))
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
    return f"第{to_chinese(n)}条" if n else ""


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
    rows = []
    # articles that only moved are listed together at the end: one line each would bury the amendments
    moved = [ch for ch in c.changes if ch.kind == "renumbered" and not ch.notes]
    for ch in c.changes:
        if ch in moved:
            continue
        parts = []
        for p in ch.parts:
            place = html.escape(part_place(p, ch))
            if p.redline:
                body = p.redline.html()
            else:
                tag = "ins" if p.kind == "added" else "del"
                body = f"<{tag}>{html.escape(p.text or '')}</{tag}>"
            label = "" if ch.kind in ("inserted", "repealed") else f'<span class="kind">{PART_NAME[p.kind]}</span>'
            parts.append(f'<li>{label}<span class="place">{place}</span>{body}</li>')
        parts.extend(f'<li class="note">{html.escape(note)}</li>' for note in ch.notes)
        rows.append(f'<section class="{ch.kind}"><h2>{html.escape(heading(ch))}</h2><ul>{"".join(parts)}</ul></section>')
    if moved:
        items = "".join(f"<li>{_label(ch.old)} → {_label(ch.new)}</li>" for ch in moved)
        rows.append(f'<section class="renumbered"><h2>重新编号 {len(moved)} 条（条文未变）</h2><ul class="moved">{items}</ul></section>')
        versions = f"{html.escape(c.old_version)} → {html.escape(c.new_version)}"
    return (
        '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>变更对照 {versions}</title>"
        "<style>del{background:#fde2e2;color:#8a1111;text-decoration:line-through}ins{background:#dcf3e2;color:#0b5a2a;text-decoration:underline}"
        "body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.8;color:#1f2329}"
        "ul{padding-left:1.2em}.kind,.place{font-weight:700;margin-right:.5em}.place{color:#4b5563}"
        ".moved{display:flex;flex-wrap:wrap;gap:.2em 1.5em;list-style:none;padding:0}.note{color:#1d4e89}h2{font-size:1.15em;border-top:1px solid #d5dce6;padding-top:.6em}</style></head><body>"
        f"<h1>变更对照 {versions}</h1><p>{html.escape(summary_text(c))}</p>"
        "<p>删除的文字<del>标红并加删除线</del>，新增的文字<ins>标绿并加下划线</ins>；全角、半角和空白的差别不算修改。"
        "“新增规范”“区长：须 → 可”等是编者所作规范标注的变化，不是条文的变化。</p>"
        f"{''.join(rows)}</body></html>\n"
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
    """A dataset version from a project directory (holding data/), a data/ directory, or an exported rules.json.

    A 1.x version (`obligations`, schema 1.0) is read in the 2.0 shape (legacy.py); its tags predate the 2.0
    conventions, so only the schema, references and fidelity are checked on it, not the norm conventions.
    """
    from .legacy import is_v1_article, upgrade_article, upgrade_bundle
    from .load import build, from_bundle, read_raw
    from .validate import validate, validator

    path = Path(path)
    if path.is_dir():
        root = path if (path / "data").is_dir() else path.parent if path.name == "data" else path
        raw = read_raw(root)
        legacy = any(is_v1_article(a.data) for a in raw.articles)
        for a in raw.articles:
            a.data = upgrade_article(a.data)
        problems = validate(raw, conventions=not legacy)
        if problems:
            raise DataError(problems)
        return build(raw)
    if not path.exists():
        raise DataError([Problem(str(path), None, "$", "no such file or directory")])
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise DataError([Problem(str(path), None, "$", f"cannot read: {e}")]) from None
    try:
        bundle = json.loads(text)
    except json.JSONDecodeError as e:
        raise DataError([Problem(str(path), e.lineno, "$", f"invalid JSON: {e.msg}")]) from None
    if isinstance(bundle, dict):
        bundle = upgrade_bundle(bundle)
    errors = list(validator("rules").iter_errors(bundle)) if isinstance(bundle, dict) and "articles" in bundle else None
    if errors is None:
        raise DataError([Problem(str(path), 1, "$", "not a rules.json export (no articles)")])
    if errors:
        from .validate import json_path

        raise DataError([Problem(str(path), None, json_path(e.absolute_path), e.message[:200]) for e in errors[:50]])
    return from_bundle(bundle)
