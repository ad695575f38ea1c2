"""Chinese full-text search over the rules: the index (built here, with jieba) and the ranking (run here
from the site's own worker).

Two halves:

* ``build_index(corpus, pages)`` runs at build time. It segments every paragraph and item with a jieba
  Tokenizer that knows the vocabularies (actor, meeting, instrument and subject names and aliases, the
  synonyms' terms) and returns a compact, JSON-able index (schema/search-index.schema.json): the
  segmented text, the lexicon the browser needs to cut queries the same way, the traditional→simplified
  table (OpenCC, limited to the characters that can matter), the synonyms, the question words and the
  ranking parameters.
* ``Engine(index).search(query)`` is the ranking: ``assets/gcsearch.js``, the very file the site runs as
  its search worker, evaluated once per process in V8 (mini-racer, the engine of Chromium). There is one
  implementation; the CLI, the tests and the benchmark get exactly the browser's results.

The algorithm (gcsearch.js):

1. Normalise: keep the first ``maxq`` characters; fold full-width ASCII to half-width, traditional
   characters to simplified (per character, so positions in the text never shift), ASCII to lower case;
   write fractions the way the text does (2/3 → 三分之二).
2. Article references (第59条, 第五十九条, 59条, 五十九条) put those articles first, 第N章 that chapter's
   page; 第40条第2款, 第五十七条第三项, 57条3项 land on that paragraph or item (the hit's ``unit`` and
   snippet are it, nothing marked: the numbers are no highlight terms). 第2款 alone is dropped. The
   references are taken out and the rest of the query is searched as usual. A number past the last
   article or chapter gives the notice 本规则共七十二条 / 本规则共十二章 (counted from the index) with
   a link to the contents. A bare number (59, 五十九) opens that article when no word of the text
   matches it; when one does (24 → 二十四小时) the article follows at ``bare`` × the best score.
3. Cut each run of word characters (CJK ideographs; an ASCII letter/digit run counts as one unit)
   against the lexicon: fewest pieces, the longer piece first on ties. Question and function words
   (谁, 怎么, 多久, 吗, 哪些…) are dropped and split the run into chunks.
4. Each chunk gets variants: its numbers written the other way (三天 ↔ 3天) and synonyms (出差 → 外出).
   In each article a chunk scores with its best variant.
5. A variant's terms are its lexicon words (weight ``word``) and its overlapping pairs of units
   (``bigram``); a one-unit chunk is a word or a lone character (``char``). Each term scores BM25 per
   article, its idf computed over the articles only and damped for terms in more than the share
   ``ubiq`` of them (× ubiq / share: 区政府, 部门 tell articles apart too little to decide a ranking).
   The title (chapter title), the subjects (names and aliases), the names the article defines
   (``defined_in`` in the vocabularies), its curated questions (``question``) and its thesaurus words
   (``thesaurus``) add to the term frequency with their weights. The whole variant found verbatim adds
   ``phrase`` × its own idf. The sum is scaled by the matched (idf-weighted) share of each chunk
   (``coord``) and by the share of the query's distinct content words (its cut's pieces of two or more
   units, each once, found directly, through a synonym or verbatim, each weighing as damped) the article
   holds (``cover``): an article matching more of the query's distinct words beats one matching a
   common word many times.
6. Honest silence: when no content word of the query (a chunk of two or more units, or letters/digits)
   matches any article, page section or page title as a word or pair, there are no results and the
   notice is 本规则未涉及“…” (its Chinese content words; none for markup or a pasted page) with links to
   the subjects index and the actor index. No list is built on single characters (兼职 → 职); a single
   typed character is still searched.
7. One result per article, best first (ties: article order). Its snippet is the paragraph or item with
   the most query weight (or the one the query named), cut around its first match, escaped, matched
   terms in ``<mark>``. Sections of other pages (``docs[j].units``: the notice, the meetings table,
   actor and subject pages…) are scored like articles, without counting in idf or the average length,
   and rank among the articles by score, linking to their anchor; pages without sections whose title
   matches come after.
   The editorial fields' words (curated questions, data/articles questions[].q; everyday phrases,
   data/vocab/phrases.yaml, one token per phrase, see thesaurus.py) are sent in the lexicon, so a query
   is cut into them (没商量好, 打报告). Page sections come from render's page data
   (searchsite.page_sections), not from the built HTML.
8. ``respond(query)`` = {query, answer, notice, results}: the answer card comes from gcanswer.js (when
   loaded, see ``worker_source``) and must cite a unit of a real article, whose URL becomes its link;
   ``toItems`` puts the card or the notice first, its title HTML built by ``leadHtml`` from escaped
   data, with the highest score (Enter opens it).
"""

from __future__ import annotations

import atexit
import functools
import itertools
import json
import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources

from . import answers
from .jiebadict import with_words
from .model import Corpus
from .thesaurus import article_phrases

INDEX_FORMAT = 2  # 2: named keys (schema/search-index.schema.json)

# Ranking parameters, shipped inside the index (data, so that tuning them needs no code change).
PARAMS: dict[str, float] = {
    "k1": 1.2,  # BM25 term-frequency saturation
    "sub": 0.5,  # a word found inside a longer token (常务会议 in 区政府常务会议) counts this much
    "b": 0.5,  # BM25 length normalisation
    "word": 1.0,  # weight of a lexicon word of the query
    "bigram": 0.5,  # weight of a pair of adjacent units
    "char": 0.5,  # weight of a lone character (one-character chunks, and the last resort)
    "phrase": 1.0,  # the whole variant found verbatim: this × its idf
    "title": 1.5,  # field weights, added to the term frequency
    "subject": 0.5,
    "define": 2.0,
    "coord": 2,  # score × (matched share of the query) ** coord (a whole number)
    "maxq": 200,  # characters of the query that are searched
    "limit": 30,  # article results at most
    "minrel": 0.05,  # articles scoring below this share of the best are left out
    "variants": 8,  # variants per chunk at most
    "snippet": 100,  # characters in a snippet
    "before": 20,  # characters shown before the first match
    # editorial fields, weighted low (added to the term frequency like title/subject)
    "question": 0.3,  # the article's curated questions (常见问题)
    "thesaurus": 0.3,  # everyday phrases whose wording the article holds (data/vocab/phrases.yaml)
    # ranking by distinct words, ubiquitous terms, bare numbers (issue 11)
    "ubiq": 0.15,  # a term in more than this share of the articles weighs less, by share / ubiq
    "cover": 1,  # score × (share of the query's distinct content words matched) ** cover (a whole number)
    "bare": 0.5,  # a bare article number (59) that the text also matches: that article scores this × the best
    "page": 0.6,  # a section of another page (notice, meetings, actors, figures…) scores this × its match
}

# Question and function words, dropped from queries; each splits the query where it stood.
STOPWORDS = """
谁 是谁 什么 啥 怎么 怎样 怎么样 怎么办 如何 为何 为什么 多久 多长 多长时间 多少 多少次 几 几次 几天 哪 哪些 哪个 哪里 哪儿
是否 能否 可否 要不要 能不能 可不可以 是不是 有没有 需不需要 会不会 该不该 吗 呢 吧 啊 呀 么 嘛 的 地 得 了 着 和 与 及 或 或者
是 在 有 能 要 需 需要 可以 应该 该 请问 一下 时候 什么时候 关于 对于
""".split()

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUN_RE = re.compile(f"[0-9a-z{CJK}]+")
# What the theme's highlighter splits a page's text with when it marks ?h= terms.
SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；]+"


def is_word(s: str) -> bool:
    """s is one run of word characters (no punctuation, space or symbol)."""
    return bool(s) and RUN_RE.fullmatch(s) is not None


# ---------------------------------------------------------------------------------------------------
# Build time: jieba segmentation and the index
# ---------------------------------------------------------------------------------------------------


def user_words(corpus: Corpus) -> list[str]:
    """Words jieba must keep whole: vocabulary names, aliases and titles, and the synonyms' terms."""
    words: set[str] = set()
    for t in (*corpus.actors, *corpus.subjects, *corpus.instruments):
        for w in (t.name, *t.aliases, t.title or ""):
            # names such as 街道办事处、功能区管委会主要负责人 hold punctuation: their parts are words
            words.update(p for p in re.findall(f"[0-9A-Za-z{CJK}]+", w) if len(p) >= 2)
    for s in corpus.synonyms:
        words.update(p for t in s.terms for p in re.findall(f"[0-9A-Za-z{CJK}]+", t) if len(p) >= 2)
    return sorted(words)


@functools.cache
def _tokenizer(words: tuple[str, ...]):
    return with_words(words)


def tokenizer(corpus: Corpus):
    """A jieba Tokenizer that knows the vocabularies (the process's shared dictionary plus their words)."""
    return _tokenizer(tuple(user_words(corpus)))


def segment(tk, text: str) -> list[str]:
    """jieba's precise mode without HMM (deterministic); the tokens cover the text exactly."""
    return list(tk.cut(text, HMM=False))


def t2s_table(chars: Iterable[str]) -> dict[str, str]:
    """Traditional → simplified (OpenCC t2s) for every ideograph whose simplified form is in `chars`."""
    import opencc

    conv = opencc.OpenCC("t2s")
    wanted = set(chars)
    table: dict[str, str] = {}
    for a, b in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)):
        cands = [chr(c) for c in range(a, b + 1)]
        # one character per line: OpenCC then converts characters, not phrases
        simp = conv.convert("\n".join(cands)).split("\n")
        if len(simp) != len(cands):
            simp = [conv.convert(c) for c in cands]
        for t, s in zip(cands, simp, strict=True):
            if s != t and len(s) == 1 and s in wanted:
                table[t] = s
    return table


def _enc(tokens: Iterable[str]) -> str:
    """Tokens joined by spaces; a space inside a token is kept as U+00A0."""
    return " ".join(t.replace(" ", "\u00a0") for t in tokens)


def _dec(s: str) -> list[str]:
    return [t.replace("\u00a0", " ") for t in s.split(" ")] if s else []


def build_index(corpus: Corpus, pages: dict[int, str], extra_docs: list[dict] | None = None) -> dict:
    """The site's search index: mkdocs-material's search_index.json shape, our data under config.gc
    (described by schema/search-index.schema.json).

    pages: article number → URL of the page holding it, relative to the site root ('chapters/chp_10/').
    extra_docs: other pages as {'location', 'title'} and optionally their sections as 'units':
    [(anchor, label, text), …], segmented here like an article's paragraphs.
    """
    tk = tokenizer(corpus)

    def seg(text: str) -> str:
        return _enc(segment(tk, text))

    def seg_words(text: str) -> str:
        return _enc(t for t in segment(tk, text) if is_word(t))

    page_urls: list[str] = []

    def page_id(url: str | None) -> int:
        if url is None:
            return -1
        if url not in page_urls:
            page_urls.append(url)
        return page_urls.index(url)

    subjects = [{"id": t.id, "tokens": seg(" ".join((t.name, *t.aliases)))} for t in corpus.subjects]
    subj_idx = {t.id: i for i, t in enumerate(corpus.subjects)}
    defines: dict[int, list[str]] = {}
    for t in corpus.actors:
        if t.defined_in:
            defines.setdefault(t.defined_in, []).extend((t.name, *t.aliases))
    chapters = [
        {
            "number": ch.number,
            "heading": ch.heading,
            "title": ch.title,
            "tokens": seg(ch.title),
            "page": page_id(pages.get(ch.first_article)),
        }
        for ch in corpus.document.chapters
    ]
    articles = []
    for a in corpus.articles:
        if a.number not in pages:
            continue
        units: dict[str, list[str]] = {"eid": [], "label": [], "tokens": []}
        for eid, label, text in a.parts():
            units["eid"].append(eid.removeprefix(a.eid + "__"))
            units["label"].append(label)
            units["tokens"].append(seg(text))
        articles.append(
            {
                "number": a.number,
                "heading": a.heading,
                "chapter": a.chapter,
                "page": page_id(pages[a.number]),
                "subjects": [subj_idx[s] for s in a.subjects],
                "defines": seg(" ".join(defines.get(a.number, ()))),
                "units": units,
                # what answer cards are worded from (gcanswer.js), as JSON text: the worker parses an
                # article's records only when that article is a top hit of a question, so at start-up
                # they cost the browser one string each, not thousands of objects to parse and copy
                "norms": json.dumps(answers.norm_records(corpus, a, seg, _enc), ensure_ascii=False, separators=(",", ":")),
                "questions": seg_words(" ".join(q.q for q in a.questions)),
                "thesaurus": _enc(article_phrases(corpus, a)),
            }
        )
    docs = []
    for d in extra_docs or ():
        doc = {"location": d["location"], "title": d["title"]}
        if d.get("units"):
            doc["units"] = {
                "eid": [anchor for anchor, _, _ in d["units"]],
                "label": [label for _, label, _ in d["units"]],
                "tokens": [seg(text) for _, _, text in d["units"]],
            }
        docs.append(doc)

    # The lexicon the browser cuts queries with: every word-like token of the index (the worker finds
    # those itself) plus the dictionary words inside longer tokens (区政府常务会议 → 常务会议, 会议…)
    # and the vocabulary's words, which are sent.
    uw = set(user_words(corpus))
    types: set[str] = set()
    for art in articles:
        types.update(t for u in art["units"]["tokens"] for t in _dec(u))
        types.update(_dec(art["defines"]))
    types.update(t for s in subjects for t in _dec(s["tokens"]))
    types.update(t for ch in chapters for t in _dec(ch["tokens"]))
    types = {t for t in types if len(t) >= 2 and is_word(t)}
    # the editorial fields' words are sent, so queries are cut into them whatever fields the worker reads
    extra: set[str] = {w for w in uw if is_word(w)}
    extra.update(t for art in articles for f in ("questions", "thesaurus") for t in _dec(art[f]) if len(t) >= 2)
    extra.update(t for d in docs for u in d.get("units", {}).get("tokens", ()) for t in _dec(u) if len(t) >= 2 and is_word(t))
    for t in types:
        n = len(t)
        for i in range(n):
            for j in range(i + 2, min(n, i + 16) + 1):
                w = t[i:j]
                if j - i < n and (tk.FREQ.get(w) or w in uw):
                    extra.add(w)
    extra -= types

    # Characters whose traditional forms matter: those of the text, the lexicon, the question words,
    # the synonyms' keys and the article/chapter reference words.
    chars = set("".join(types | extra | set(STOPWORDS)) + "第条章")
    chars.update(c for s in corpus.synonyms for c in s.query)
    chars.update(c for art in articles for u in art["units"]["tokens"] for c in u)
    chars.update(c for art in articles for c in art["questions"] + art["thesaurus"])
    t2s = t2s_table(c for c in chars if re.fullmatch(f"[{CJK}]", c))

    synonyms: dict[str, list[str]] = {}
    for s in corpus.synonyms:
        for t in s.terms:
            if t not in synonyms.setdefault(s.query, []):
                synonyms[s.query].append(t)
    gc = {
        "v": INDEX_FORMAT,
        "params": PARAMS,
        "stop": " ".join(STOPWORDS),
        "lex": " ".join(sorted(extra)),
        "t2s": "".join(k + v for k, v in sorted(t2s.items())),
        "syn": synonyms,
        "parties": answers.party_names(corpus),  # a card must be about the party a question names (gcanswer.js)
        "pages": page_urls,
        "chapters": chapters,
        "subjects": subjects,
        "articles": articles,
        "docs": docs,
    }
    # lang and separator are for the theme's highlighter on the page a result opens (?h=)
    return {"config": {"lang": ["zh"], "separator": SEPARATOR, "gc": gc}, "docs": []}


# ---------------------------------------------------------------------------------------------------
# Query time: the worker's own code, in V8
# ---------------------------------------------------------------------------------------------------


@dataclass
class Hit:
    """One result: an article, or a page when ``article`` is None (the worker's result, as Python)."""

    location: str  # the article's anchor on its page
    title: str  # escaped
    score: float
    article: int | None = None
    unit: str = ""  # anchor of the snippet's paragraph or item
    unit_title: str = ""
    text: str = ""  # escaped HTML, matched terms in <mark>
    terms: dict[str, bool] = field(default_factory=dict)


# The served worker: the ranking, then the answer cards (gcanswer.js uses what gcsearch.js defines).
WORKER_FILES = ("gcsearch.js", "gcanswer.js")


def worker_source(data: dict[str, str] | None = None) -> str:
    """The search worker as the site ships it: assets/gcsearch.js and, when present, assets/gcanswer.js,
    concatenated (one file, one request). data: the addresses, relative to the worker's own, of the files
    the served worker fetches itself ({"index": …, "norms": …}, searchsite), set before the scripts."""
    assets = resources.files(__package__) / "assets"
    parts = [(assets / name).read_text(encoding="utf-8") for name in WORKER_FILES if (assets / name).is_file()]
    if data is not None:
        parts.insert(0, f"var GCSEARCH_DATA = {json.dumps(data, sort_keys=True)};")  # JSON is a JS literal
    return "\n".join(parts)


@functools.cache
def _v8():
    """One V8 context per process with gcsearch.js loaded (closed at exit: mini-racer would otherwise
    keep the interpreter from exiting)."""
    from py_mini_racer import MiniRacer

    ctx = MiniRacer()
    ctx.eval(worker_source())
    ctx.eval("globalThis.gcEngines = new Map();")
    atexit.register(ctx.close)
    return ctx


def js(function: str, *args):
    """Call one of gcsearch.js's pure functions (cnToInt, intToCn, numberVariants, unitTitle, escape)."""
    return _call(f"gcsearch.{function}", args)


def _call(target: str, args: tuple):
    # JSON both ways: strings cross the boundary, no handles to JS objects stay behind; \u escapes
    # carry what UTF-8 cannot (a lone surrogate typed or pasted into a query)
    payload = json.dumps(json.dumps(list(args)))
    out = _v8().eval(f"JSON.stringify({target}(...JSON.parse({payload})) ?? null)")
    return json.loads(out)


class Engine:
    """The ranking of gcsearch.js over one index, in this process's V8 context."""

    _ids = itertools.count()

    def __init__(self, index: dict):
        self.index = index
        self.params = index["config"]["gc"]["params"]
        self._name = f"e{next(self._ids)}"
        payload = json.dumps(json.dumps(index, ensure_ascii=False, separators=(",", ":")), ensure_ascii=False)
        _v8().eval(f"gcEngines.set({json.dumps(self._name)}, new gcsearch.Engine(JSON.parse({payload})));")
        weakref.finalize(self, _forget, self._name).atexit = False

    def call(self, method: str, *args):
        """One of the worker Engine's methods (parse, cut, variants…), JSON in and out."""
        return _call(f"((...a) => {{ const e = gcEngines.get({json.dumps(self._name)}); return e.{method}(...a); }})", args)

    def search(self, query: str, limit: int | None = None) -> list[Hit]:
        """Results for a query, exactly as the site's search box ranks them."""
        return [_hit(h) for h in self.call("search", query, limit)]

    def respond(self, query: str) -> dict:
        """The worker's whole answer: {"query", "answer": None | {text, source, url, slot, article, unit},
        "notice": None | {kind, text, url, …}, "results": [Hit, …]}."""
        r = self.call("respond", query)
        r["results"] = [_hit(h) for h in r["results"]]
        return r

    def items(self, query: str) -> list:
        """The RESULT message's items for a query, as the theme receives them (lead entry first)."""
        return _call(f"((q) => gcsearch.toItems(gcEngines.get({json.dumps(self._name)}).respond(q)))", (query,))


def _hit(h: dict) -> Hit:
    return Hit(h["location"], h["title"], h["score"], h["article"], h["unit"], h["unitTitle"], h["text"], h["terms"])


def _forget(name: str) -> None:
    if _v8.cache_info().currsize:
        _v8().eval(f"gcEngines.delete({json.dumps(name)});")
