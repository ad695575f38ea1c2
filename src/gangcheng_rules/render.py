"""Corpus → the site's pages, as Markdown with HTML blocks. Pure functions: no files, no printing.

Legal text is rendered verbatim: cross-links and norm highlights are wrapped around spans of it and
never add, drop or reorder a character. Every string from the data is escaped (Jinja autoescape for
the templates, html.escape here), so HTML or Markdown in a YAML string renders as text.
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from html import escape

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from . import licence
from . import normtext as nt
from .crosslinks import mentions
from .eids import article_eid, article_label, chapter_eid, cn_date, eid_label, place_in_article, to_chinese
from .model import ROLES, Article, Chapter, Corpus, Norm, Quantity, Term, last_changed

# Source paths of the generated pages (MkDocs src_uri). With use_directory_urls, x.md is served at x/.
HOME = "index.md"
SUBJECTS = "subjects.md"
ACTORS = "actors.md"
CITATIONS = "citations.md"
MEETINGS = "meetings.md"
FIGURES = "figures.md"
# Not "data.md": the export owns site/data/ and replaces that directory whole.
DATASET = "dataset.md"
USING = "using-data.md"
CHANGES = "changes.md"
EXPORT_DIR = "data"

STRENGTH = nt.STRENGTH_NAME
# Prefixed with 本条规范 on a norm panel, 本页各项规范 on an index page.
LEGEND = "为编者依据原文所作标注，不是原文的一部分"
RELATION = {"defines": "术语定义", "implements": "本条细化", "refers": "援引", "see_also": "另见"}
ACTOR_KIND = {"person": "人员", "body": "机构", "group": "群体", "meeting": "会议"}
INSTRUMENT_KIND = {
    "law": "法律",
    "regulation": "规章",
    "policy": "政策文件",
    "work_rules": "工作规则",
    "report": "报告",
    "party_regulation": "党内法规",
}


@dataclass(frozen=True)
class Page:
    src_uri: str
    title: str
    markdown: str


# ---------------------------------------------------------------- URLs


def chapter_src(number: int) -> str:
    return f"chapters/{chapter_eid(number)}.md"


def page_url(src_uri: str) -> str:
    """URL of a page relative to the site root, as MkDocs serves it with use_directory_urls."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def href(frm: str, to: str, anchor: str = "") -> str:
    """Relative link from page `frm` to page `to` (both src_uris): works under any sub-path."""
    frag = f"#{anchor}" if anchor else ""
    if frm == to and frag:
        return frag
    base = page_url(frm).rstrip("/") or "."
    rel = posixpath.relpath(page_url(to).rstrip("/") or ".", base)
    return ("./" if rel == "." else rel + "/") + frag


def file_href(frm: str, path: str) -> str:
    """Relative link from page `frm` to a file of the built site (such as data/rules.json)."""
    return posixpath.relpath(path, page_url(frm).rstrip("/") or ".")


def article_href(frm: str, corpus: Corpus, number: int, eid: str | None = None) -> str:
    return href(frm, chapter_src(corpus.article(number).chapter), eid or article_eid(number))


# ---------------------------------------------------------------- display labels


def article_range(chapter: Chapter) -> str:
    first = article_label(chapter.first_article)
    if chapter.first_article == chapter.last_article:
        return first
    return f"{first}至{article_label(chapter.last_article)}"


def chapter_title(chapter: Chapter) -> str:
    return f"{chapter.heading} {chapter.title}"


def norm_facts(o: Norm) -> list[tuple[str, str]]:
    """Label/value pairs shown beside a norm: condition, exception, precondition, deadline, frequency, threshold."""
    out = []
    if o.condition:
        out.append(("条件", o.condition))
    if o.exception:
        out.append(("例外", o.exception))
    if o.precondition:
        out.append(("前提", o.precondition))
    if o.deadline:
        out.append(("时限", o.deadline.text))
    if o.frequency:
        out.append(("频次", o.frequency.text))
    if o.threshold:
        out.append(("数量要求", o.threshold.text))
    return out


def snippet(article: Article, length: int = 36) -> str:
    text = article.text
    return text if len(text) <= length else text[:length] + "…"


def md_text(text: str) -> Markup:
    """Text for a Markdown line (headings): Markdown syntax escaped, then HTML escaped."""
    text = re.sub(r"([\\`*_{}\[\]()#+\-.!|])", r"\\\1", text)
    return Markup(escape(text, quote=False))


def md_attr(text: str) -> Markup:
    """An attribute value on a Markdown line (data-toc-label, aria-label in a heading): ASCII punctuation as
    numeric character references, so neither Markdown, attr_list's quoting nor HTML reads it; shown as text."""
    return Markup("".join(c if c.isalnum() or c == " " or ord(c) > 127 else f"&#{ord(c)};" for c in text))


# ---------------------------------------------------------------- legal text with links and highlights


@dataclass(frozen=True)
class Wrap:
    """An element wrapped around text[start:end]. rank orders equal spans: lower is outer."""

    start: int
    end: int
    tag: str
    attrs: tuple[tuple[str, str], ...]
    rank: int = 0

    def open(self, first: bool) -> str:
        # A wrap split by a crossing one is reopened without its id, so ids stay unique.
        attrs = "".join(f' {k}="{escape(v)}"' for k, v in self.attrs if first or k != "id")
        return f"<{self.tag}{attrs}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def markup(text: str, wraps: list[Wrap]) -> Markup:
    """Escape text and wrap the given spans, nesting properly; the text content is unchanged."""
    wraps = sorted((w for w in wraps if w.start < w.end), key=lambda w: (w.start, -w.end, w.rank))
    cuts = sorted({0, len(text), *(w.start for w in wraps), *(w.end for w in wraps)})
    out: list[str] = []
    stack: list[Wrap] = []
    pending = iter(wraps)
    nxt = next(pending, None)
    for i, pos in enumerate(cuts):
        ending = [k for k, w in enumerate(stack) if w.end <= pos]
        if ending:
            popped = stack[ending[0] :]
            del stack[ending[0] :]
            out.extend(w.close() for w in reversed(popped))
            for w in popped:
                if w.end > pos:
                    stack.append(w)
                    out.append(w.open(first=False))
        while nxt is not None and nxt.start == pos:
            stack.append(nxt)
            out.append(nxt.open(first=True))
            nxt = next(pending, None)
        if i + 1 < len(cuts):
            out.append(escape(text[pos : cuts[i + 1]], quote=False))
    return Markup("".join(out))


def links(corpus: Corpus, article: Article, text: str, frm: str) -> list[Wrap]:
    """Cross-links for one fragment (crosslinks.mentions decides what is a mention), hrefs relative to frm."""
    out = []
    for m in mentions(corpus, article, text):
        target = href(frm, CITATIONS, m.target) if m.kind == "instrument" else article_href(frm, corpus, m.target)
        out.append(Wrap(m.start, m.end, "a", (("class", f"gc-xref gc-xref--{m.kind}"), ("href", target)), rank=1))
    return out


def fragment_html(corpus: Corpus, article: Article, eid: str, text: str, frm: str) -> Markup:
    wraps = links(corpus, article, text, frm)
    for o in article.norms:
        if o.source == eid and (at := text.find(o.quote)) >= 0:
            wraps.append(Wrap(at, at + len(o.quote), "span", (("class", f"gc-norm gc-norm--{norm_class(o)}"), ("id", o.id))))
    return markup(text, wraps)


# ---------------------------------------------------------------- templates


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("gangcheng_rules", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=md_text, md_attr=md_attr, size=human_size, cndate=cn_date, cn=to_chinese)
    env.globals.update(STRENGTH=STRENGTH, RELATION=RELATION, LEGEND=LEGEND)
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def human_size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


# ---------------------------------------------------------------- pages


def norm_class(n: Norm) -> str:
    """CSS modifier of a norm: its modality for duties (obligation, prohibition, permission), else its kind."""
    return n.modality if n.kind == "duty" and n.modality else n.kind


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


def home_page(corpus: Corpus, files: dict[str, bytes]) -> Page:
    d = corpus.document
    chapters = [(chapter_title(c), href(HOME, chapter_src(c.number)), article_range(c), c) for c in d.chapters]
    downloads = [(path, file_href(HOME, f"{EXPORT_DIR}/{path}"), desc, len(files[path])) for path, desc in MAIN_FILES if path in files]
    schemas = [(p.removeprefix("schema/"), file_href(HOME, f"{EXPORT_DIR}/{p}")) for p in sorted(files) if p.startswith("schema/")]
    return Page(
        HOME,
        "首页",
        render(
            "home.md",
            d=d,
            chapters=chapters,
            downloads=downloads,
            schemas=schemas,
            dataset_href=href(HOME, DATASET),
            fulltext_href=href(HOME, "fulltext.md"),  # issue 12 (fulltext.SRC)
            licence=licence,
            n_articles=len(corpus.articles),
            n_norms=len(corpus.norms),
            links={
                "subjects": href(HOME, SUBJECTS),
                "actors": href(HOME, ACTORS),
                "citations": href(HOME, CITATIONS),
                "meetings": href(HOME, MEETINGS),
                "figures": href(HOME, FIGURES),
            },
        ),
    )


MAIN_FILES = [
    ("rules.json", "全部数据（JSON）：文件信息、章节、条文、规范标注和词表"),
    ("norms.csv", "规范清单（CSV，可用 Excel 打开）：每行一项规范（义务、禁止、许可、职权、制度规定、责任），附条款位置、网址和中文读法"),
    ("articles.jsonl", "条文（JSON Lines）：每行一条"),
    ("datapackage.json", "数据包描述（Frictionless Data Package）：文件、大小和校验值"),
    ("gangcheng-government-work-rules.akn.xml", "Akoma Ntoso 3.0 XML：全文，含章、条、款、项结构和交叉引用"),
    ("v1/index.json", "静态 JSON API 的索引：每条、每章、每个主体、主题和引用文件各一个文件"),
    ("v1/openapi.json", "静态 JSON API 的 OpenAPI 3.1 描述"),
]


def file_descriptions(files: dict[str, bytes]) -> dict[str, str]:
    out = dict(MAIN_FILES)
    out.update(
        {p: "JSON Schema：" + p.removeprefix("schema/").removesuffix(".schema.json") + " 的结构" for p in files if p.startswith("schema/")}
    )
    return out


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


# ---------------------------------------------------------------- deadlines, frequencies, thresholds

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


# ---------------------------------------------------------------- the data page


@dataclass(frozen=True)
class SchemaRow:
    path: str
    type: Markup
    required: bool
    description: str


def schema_anchor(name: str, definition: str | None = None) -> str:
    return f"schema-{name}" + (f"-{definition}" if definition else "")


def schema_type(node: dict, name: str, schemas: dict[str, dict]) -> Markup:
    """Short type description; a $ref to a documented table becomes a link to it."""
    if "$ref" in node:
        file, _, pointer = node["$ref"].partition("#")
        target = file.removesuffix(".schema.json") if file else name
        definition = pointer.removeprefix("/$defs/") if pointer.startswith("/$defs/") else None
        resolved = schemas.get(target, {}).get("$defs", {}).get(definition) if definition else None
        if resolved is not None and "properties" not in resolved:
            # A scalar definition (such as text) has no table of its own: show what it is.
            return Markup("{} <code>{}</code>").format(schema_type(resolved, target, schemas), definition)
        label = definition or (file + ("#" + pointer if pointer else ""))
        return Markup('<a href="#{}"><code>{}</code></a>').format(schema_anchor(target, definition), label)
    if "enum" in node:
        return Markup("枚举：") + Markup(" | ").join(Markup("<code>{}</code>").format(v) for v in node["enum"])
    kind = node.get("type", "")
    if kind == "array" and isinstance(node.get("items"), dict):
        return Markup("array of ") + schema_type(node["items"], name, schemas)
    extra = []
    if "pattern" in node:
        extra.append(Markup("<code>{}</code>").format(node["pattern"]))
    if "minimum" in node:
        extra.append(Markup("≥ {}").format(node["minimum"]))
    out = Markup("<code>{}</code>").format(kind or "any")
    return out + (Markup(" ") + Markup(" ").join(extra) if extra else Markup(""))


def schema_rows(node: dict, name: str, schemas: dict[str, dict], prefix: str = "") -> list[SchemaRow]:
    """One row per property, nested inline objects flattened into dotted paths (a.b, list[].c)."""
    if node.get("type") == "array" and isinstance(node.get("items"), dict) and "properties" in node["items"]:
        return schema_rows(node["items"], name, schemas, f"{prefix}[].")
    rows = []
    required = set(node.get("required", ()))
    for key, prop in node.get("properties", {}).items():
        path = prefix + key
        rows.append(SchemaRow(path, schema_type(prop, name, schemas), key in required, prop.get("description", "")))
        if "properties" in prop:
            rows += schema_rows(prop, name, schemas, path + ".")
        elif prop.get("type") == "array" and isinstance(prop.get("items"), dict) and "properties" in prop["items"]:
            rows += schema_rows(prop["items"], name, schemas, path + "[].")
    return rows


def schema_docs(schemas: dict[str, dict]) -> list[dict]:
    order = ["rules", "document", "article", "vocabulary", "synonyms", "cue-exclusions"]
    names = sorted(schemas, key=lambda n: (order.index(n) if n in order else len(order), n))
    out = []
    for name in names:
        s = schemas[name]
        defs = [
            {
                "name": d,
                "anchor": schema_anchor(name, d),
                "description": node.get("description", ""),
                "rows": schema_rows(node, name, schemas),
            }
            for d, node in s.get("$defs", {}).items()
            if "properties" in node
        ]
        out.append(
            {
                "name": name,
                "file": f"schema/{name}.schema.json",
                "anchor": schema_anchor(name),
                "title": s.get("title", name),
                "description": s.get("description", ""),
                "rows": schema_rows(s, name, schemas),
                "defs": defs,
            }
        )
    return out


def dataset_page(corpus: Corpus, files: dict[str, bytes], schemas: dict[str, dict]) -> Page:
    described = file_descriptions(files)
    articles = sorted((p for p in files if p.startswith("articles/")), key=lambda p: int(re.sub(r"\D", "", p)))
    listed = [
        (path, file_href(DATASET, f"{EXPORT_DIR}/{path}"), len(files[path]), described.get(path, ""))
        for path in sorted(files)
        if not path.startswith(("articles/", "v1/")) or path in ("v1/index.json", "v1/openapi.json")
    ]
    per_article = [(p, file_href(DATASET, f"{EXPORT_DIR}/{p}"), len(files[p])) for p in articles]
    return Page(
        DATASET,
        "开放数据",
        render(
            "dataset.md",
            d=corpus.document,
            files=listed,
            per_article=per_article,
            per_article_bytes=sum(n for _, _, n in per_article),
            schemas=schema_docs(schemas),
            synonyms=corpus.synonyms,
            data_prefix=file_href(DATASET, EXPORT_DIR),
        ),
    )


def using_page(corpus: Corpus, files: dict[str, bytes]) -> Page:
    from .akn import uris

    data = file_href(USING, EXPORT_DIR)
    return Page(
        USING,
        "使用数据",
        render(
            "using-data.md",
            d=corpus.document,
            data=data,
            frbr=uris(corpus),
            dataset_href=href(USING, DATASET),
            example=corpus.article(40),
            n_files=len(files),
            changes_href=href(USING, CHANGES),
            licence=licence,
        ),
    )


def changes_page(corpus: Corpus) -> Page:
    releases = [
        {"c": c, "articles": [(article_label(n), article_href(CHANGES, corpus, n)) for n in c.articles]}
        for c in reversed(corpus.document.changelog)
    ]
    return Page(CHANGES, "变更记录", render("changes.md", d=corpus.document, releases=releases, using_href=href(CHANGES, USING, "diff")))


# ---------------------------------------------------------------- the site


def pages(corpus: Corpus, files: dict[str, bytes], schemas: dict[str, dict]) -> list[Page]:
    """Every generated page. files: the export (relative path → bytes); schemas: name → JSON Schema."""
    return [
        home_page(corpus, files),
        *(chapter_page(corpus, c) for c in corpus.document.chapters),
        subjects_page(corpus),
        actors_page(corpus),
        citations_page(corpus),
        meetings_page(corpus),
        figures_page(corpus),
        dataset_page(corpus, files, schemas),
        using_page(corpus, files),
        changes_page(corpus),
    ]


def nav(corpus: Corpus) -> list:
    """The MkDocs nav: home, the chapters, the indexes, the data page.

    Titles are HTML to MkDocs and the theme (printed unescaped in the nav, the header and the footer),
    so chapter titles from the data are escaped, as Markup so that the theme's `| e` leaves them be.
    """
    return [
        {"首页": HOME},
        {"正文": [{Markup(escape(chapter_title(c))): chapter_src(c.number)} for c in corpus.document.chapters]},
        {
            "索引": [
                {"主题索引": SUBJECTS},
                {"主体与职责": ACTORS},
                {"引用文件": CITATIONS},
                {"会议制度对照": MEETINGS},
                {"时限与数量要求一览": FIGURES},
            ]
        },
        {"开放数据": [{"数据文件与结构": DATASET}, {"使用数据": USING}, {"变更记录": CHANGES}]},
    ]
