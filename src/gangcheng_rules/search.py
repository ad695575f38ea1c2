"""Chinese full-text search over the rules: the index (built with jieba) and the ranking.

Two halves:

* ``build_index(corpus, pages)`` runs at build time. It segments every paragraph and item with a jieba
  Tokenizer that knows the vocabularies (actor, meeting, instrument and subject names and aliases, the
  synonyms' terms) and returns a compact, JSON-able index: the segmented text, the lexicon the browser
  needs to cut queries the same way, the traditional→simplified table (OpenCC, limited to the characters
  that can matter), the synonyms, the question words and the ranking parameters.
* ``Engine(index).search(query)`` is the ranking. ``assets/gcsearch.js`` implements the very same
  algorithm for the browser (as mkdocs-material's search worker); tests/test_search.py runs both over
  the development queries and generated ones and requires identical results. Everything that is data
  (word lists, tables, weights) lives in the index, so only the code exists twice, and it is small.

The algorithm, the same in both languages:

1. Normalise: keep the first ``maxq`` characters; fold full-width ASCII to half-width, traditional
   characters to simplified (per character, so positions in the text never shift), ASCII to lower case;
   write fractions the way the text does (2/3 → 三分之二).
2. Article references (第59条, 第五十九条, 59条, 五十九条) put those articles first, 第N章 that chapter's
   page; the reference is taken out and the rest of the query is searched as usual.
3. Cut each run of word characters (CJK ideographs; an ASCII letter/digit run counts as one unit)
   against the lexicon: fewest pieces, the longer piece first on ties. Question and function words
   (谁, 怎么, 多久, 吗, 哪些…) are dropped and split the run into chunks.
4. Each chunk gets variants: its numbers written the other way (三天 ↔ 3天) and synonyms (出差 → 外出).
   In each article a chunk scores with its best variant.
5. A variant's terms are its lexicon words (weight ``word``) and its overlapping pairs of units
   (``bigram``); a one-unit chunk is a word or a lone character (``char``). Each term scores BM25 per
   article; the title (chapter title), the subjects (names and aliases) and the names the article
   defines (``defined_in`` in the vocabularies) add to the term frequency with their weights. The whole
   variant found verbatim adds ``phrase`` × its own idf. The sum is scaled by the matched share of the
   query (``coord``), so an article matching every part beats one matching a part many times. When no
   article matches a single word or pair, the query's ideographs are scored one by one instead (rare
   characters carry meaning in Chinese), so a real query is never answered with nothing.
6. One result per article, best first (ties: article order). Its snippet is the paragraph or item with
   the most query weight, cut around its first match, escaped, matched terms in ``<mark>``. Pages
   (chapters, indexes) whose title matches come after the articles.
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import Corpus

INDEX_FORMAT = 1

# Ranking parameters, shipped inside the index so that the worker uses the same numbers. Weights are
# binary fractions (1, 0.5, 1.5…): term frequencies then sum exactly in any order, which the worker's
# faster index building relies on for bit-identical scores.
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
}

# Question and function words, dropped from queries; each splits the query where it stood.
STOPWORDS = """
谁 是谁 什么 啥 怎么 怎样 怎么样 怎么办 如何 为何 为什么 多久 多长 多长时间 多少 多少次 几 几次 几天 哪 哪些 哪个 哪里 哪儿
是否 能否 可否 要不要 能不能 可不可以 是不是 有没有 需不需要 会不会 该不该 吗 呢 吧 啊 呀 么 嘛 的 地 得 了 着 和 与 及 或 或者
是 在 有 能 要 需 需要 可以 应该 该 请问 一下 时候 什么时候 关于 对于
""".split()

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
UNIT_RE = re.compile(f"[0-9a-z]+|[{CJK}]")
RUN_RE = re.compile(f"[0-9a-z{CJK}]+")
ALNUM_RE = re.compile(r"[0-9a-z]+")
CN_NUM = "零〇一二两三四五六七八九十百千万"
CN_NUM_RE = re.compile(f"[{CN_NUM}]+")
ARABIC_RE = re.compile(r"[0-9]+")
FRACTION_RE = re.compile(r"([0-9]+)[ \t\r\n]*/[ \t\r\n]*([0-9]+)")
ARTICLE_REF_RE = re.compile(r"第?[ \t\r\n]*([0-9]+|[零〇一二两三四五六七八九十百]+)[ \t\r\n]*条")
CHAPTER_REF_RE = re.compile(r"第[ \t\r\n]*([0-9]+|[零〇一二两三四五六七八九十]+)[ \t\r\n]*章")
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_ESC = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}


# ---------------------------------------------------------------------------------------------------
# Characters and numbers (mirrored in gcsearch.js)
# ---------------------------------------------------------------------------------------------------


def fold(text: str, t2s: dict[str, str]) -> str:
    """Per character: full-width ASCII → half-width, U+3000 → space, traditional → simplified, A-Z → a-z."""
    out = []
    for ch in text:
        o = ord(ch)
        if 0xFF01 <= o <= 0xFF5E:
            ch = chr(o - 0xFEE0)
        elif o == 0x3000:
            ch = " "
        ch = t2s.get(ch, ch)
        if "A" <= ch <= "Z":
            ch = chr(ord(ch) + 32)
        out.append(ch)
    return "".join(out)


def escape(text: str) -> str:
    return "".join(_ESC.get(c, c) for c in text)


def cn_to_int(s: str) -> int | None:
    """二十四 → 24, 三千 → 3000, 十 → 10, 一百零五 → 105, 二〇二二 → 2022; None if not a number."""
    if not s or any(c not in _DIGITS and c not in _UNITS for c in s):
        return None
    if all(c in _DIGITS for c in s):
        if len(s) > 15:
            return None
        n = 0
        for c in s:
            n = n * 10 + _DIGITS[c]
        return n
    total, section, digit = 0, 0, -1
    for c in s:
        if c in _DIGITS:
            if digit > 0:
                return None  # two digits in a row inside a positional numeral
            digit = _DIGITS[c]
        else:
            unit = _UNITS[c]
            if unit == 10000:
                total += (section + max(digit, 0) or 1) * unit
                section = 0
            else:
                section += (1 if digit < 0 else digit) * unit
            digit = -1
    return total + section + max(digit, 0)


def int_to_cn(n: int) -> str:
    """24 → 二十四, 3000 → 三千, 10 → 十, 105 → 一百零五, 12345 → 一万二千三百四十五."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n >= 100000000:
        return str(n)
    out = ""
    if n >= 10000:
        out = int_to_cn(n // 10000) + "万"
        n %= 10000
        if n == 0:
            return out
        if n < 1000:
            out += "零"
    zero = False
    for value, name in ((1000, "千"), (100, "百"), (10, "十")):
        d = n // value
        n %= value
        if d:
            if zero:
                out += "零"
            zero = False
            out += ("" if value == 10 and d == 1 and not out else digits[d]) + name
        elif out:
            zero = True
    if n:
        out += ("零" if zero else "") + digits[n]
    return out


def number_variants(s: str) -> list[str]:
    """s with its Chinese numerals in digits, and with its digits in Chinese: 三天 → 3天, 3天 → 三天."""

    def to_arabic(m: re.Match) -> str:
        n = cn_to_int(m.group(0))
        return m.group(0) if n is None else str(n)

    def to_cn(m: re.Match) -> str:
        return int_to_cn(int(m.group(0))) if len(m.group(0)) <= 8 else m.group(0)

    out: list[str] = []
    for v in (CN_NUM_RE.sub(to_arabic, s), ARABIC_RE.sub(to_cn, s)):
        # a bare number written the other way would be a lone character (1 → 一): too vague to search
        if v != s and v not in out and len(units_of(v)) >= 2:
            out.append(v)
    return out


def _ref_number(g: str) -> int | None:
    if len(g) > 6:
        return None
    return int(g) if g[0] in "0123456789" else cn_to_int(g)


def take_refs(pattern: re.Pattern, s: str) -> tuple[list[int], str]:
    """Numbers referenced (第59条 …) in order, and s with each reference replaced by a space."""
    nums: list[int] = []

    def take(m: re.Match) -> str:
        n = _ref_number(m.group(1))
        if n is not None and n not in nums:
            nums.append(n)
        return " "

    return nums, pattern.sub(take, s)


def units_of(s: str) -> list[str]:
    """Word units of s: each CJK ideograph alone, each ASCII letter/digit run whole."""
    return UNIT_RE.findall(s)


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
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for w in words:
        tk.add_word(w)
    return tk


def tokenizer(corpus: Corpus):
    """A jieba Tokenizer of our own (the global one is left alone) that knows the vocabularies."""
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


def build_index(corpus: Corpus, pages: dict[int, str], extra_docs: list[dict] | None = None, base_config: dict | None = None) -> dict:
    """The site's search index: mkdocs-material's search_index.json shape, our data under config.gc.

    pages: article number → URL of the page holding it, relative to the site root ('chapter-10/').
    extra_docs: other pages as {'location', 'title'}, found by their title after the articles.
    base_config: the search plugin's config (lang, separator…), kept for the theme's highlighter.
    """
    tk = tokenizer(corpus)

    def seg(text: str) -> str:
        return _enc(segment(tk, text))

    page_urls: list[str] = []

    def page_id(url: str | None) -> int:
        if url is None:
            return -1
        if url not in page_urls:
            page_urls.append(url)
        return page_urls.index(url)

    subjects = [[t.id, seg(" ".join((t.name, *t.aliases)))] for t in corpus.subjects]
    subj_idx = {t.id: i for i, t in enumerate(corpus.subjects)}
    defines: dict[int, list[str]] = {}
    for t in corpus.actors:
        if t.defined_in:
            defines.setdefault(t.defined_in, []).extend((t.name, *t.aliases))
    chapters = [[ch.number, ch.heading, ch.title, seg(ch.title), page_id(pages.get(ch.first_article))] for ch in corpus.document.chapters]
    articles = []
    for a in corpus.articles:
        if a.number not in pages:
            continue
        units = []
        for p in a.paragraphs:
            units.append([p.eid.removeprefix(a.eid + "__"), "", seg(p.text)])
            for it in p.items:
                units.append([it.eid.removeprefix(a.eid + "__"), it.label, seg(it.text)])
        defs = seg(" ".join(defines.get(a.number, ())))
        articles.append([a.number, a.heading, a.chapter, page_id(pages[a.number]), [subj_idx[s] for s in a.subjects], defs, units])

    # The lexicon the browser cuts queries with: every word-like token of the index (the worker finds
    # those itself) plus the dictionary words inside longer tokens (区政府常务会议 → 常务会议, 会议…)
    # and the vocabulary's words, which are sent.
    uw = set(user_words(corpus))
    types: set[str] = set()
    for art in articles:
        types.update(t for u in art[6] for t in _dec(u[2]))
        types.update(_dec(art[5]))
    types.update(t for s in subjects for t in _dec(s[1]))
    types.update(t for ch in chapters for t in _dec(ch[3]))
    types = {t for t in types if len(t) >= 2 and is_word(t)}
    extra: set[str] = {w for w in uw if is_word(w)}
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
    chars.update(c for art in articles for u in art[6] for c in u[2])
    t2s = t2s_table(c for c in chars if re.fullmatch(f"[{CJK}]", c))

    synonyms: dict[str, list[str]] = {}
    for s in corpus.synonyms:
        key = fold(s.query, t2s)
        for t in s.terms:
            t = fold(t, t2s)
            if t not in synonyms.setdefault(key, []):
                synonyms[key].append(t)
    gc = {
        "v": INDEX_FORMAT,
        "params": PARAMS,
        "stop": " ".join(STOPWORDS),
        "lex": " ".join(sorted(extra)),
        "t2s": "".join(k + v for k, v in sorted(t2s.items())),
        "syn": synonyms,
        "pages": page_urls,
        "chapters": chapters,
        "subjects": subjects,
        "articles": articles,
        "docs": [[d["location"], d["title"]] for d in (extra_docs or [])],
    }
    config = {k: v for k, v in (base_config or {}).items() if k in ("lang", "separator", "pipeline", "fields")}
    config.setdefault("lang", ["zh"])
    config.setdefault("separator", r"[\s\u200b\u3000\-、。，．？！；]+")
    config["gc"] = gc
    return {"config": config, "docs": []}


# ---------------------------------------------------------------------------------------------------
# Query time (mirrored in gcsearch.js)
# ---------------------------------------------------------------------------------------------------


@dataclass
class Hit:
    """One result: an article, or a page when ``article`` is None."""

    location: str  # the article's anchor on its page
    title: str  # escaped
    score: float
    article: int | None = None
    unit: str = ""  # anchor of the snippet's paragraph or item
    unit_title: str = ""
    text: str = ""  # escaped HTML, matched terms in <mark>
    terms: dict[str, bool] = field(default_factory=dict)


@dataclass
class _Article:
    number: int
    heading: str
    url: str
    title: str
    units: list[tuple[str, str, list[str], str]]  # (eid suffix, label, tokens, folded text)
    fields: list[tuple[float, list[list[str]]]]  # (weight, token lists)
    tf: dict[str, float] = field(default_factory=dict)
    length: int = 0
    norm: str = ""


def round6(x: float) -> float:
    """Rounded to 1e-6, so that Python's and JavaScript's logarithms agree to the last bit."""
    return math.floor(x * 1e6 + 0.5) / 1e6


def unit_title(eid: str) -> str:
    """para_2 → 第二款; para_1__list_1__item_3 → 第一款第三项."""
    out = ""
    for part in eid.split("__"):
        kind, _, n = part.rpartition("_")
        if kind == "para" and n.isdigit():
            out += f"第{int_to_cn(int(n))}款"
        elif kind == "item" and n.isdigit():
            out += f"第{int_to_cn(int(n))}项"
    return out


class Engine:
    """The ranking, built from the index (the same JSON the browser worker receives)."""

    def __init__(self, index: dict):
        gc = index["config"]["gc"]
        self.p = p = gc["params"]
        t = gc["t2s"]
        self.t2s = {t[i]: t[i + 1] for i in range(0, len(t) - 1, 2)}
        self.stop = set(gc["stop"].split())
        self.syn: dict[str, list[str]] = gc["syn"]
        self.pages: list[str] = gc["pages"]
        chapters = {c[0]: c for c in gc["chapters"]}
        self.chapter_pages = {c[0]: (self.pages[c[4]], f"{c[1]} {c[2]}") for c in gc["chapters"] if c[4] >= 0}
        subjects = [_dec(s[1]) for s in gc["subjects"]]
        self.docs = gc["docs"]
        lexicon = set(gc["lex"].split())
        self.articles: list[_Article] = []
        for number, heading, chapter, page, subj, defs, units in gc["articles"]:
            ch = chapters[chapter]
            us = [(u[0], u[1], _dec(u[2]), fold("".join(_dec(u[2])), self.t2s)) for u in units]
            fields = [
                (1.0, [u[2] for u in us]),
                (p["title"], [_dec(ch[3])]),
                (p["subject"], [subjects[s] for s in subj]),
                (p["define"], [_dec(defs)]),
            ]
            self.articles.append(_Article(number, heading, self.pages[page], f"{heading} · {ch[1]} {ch[2]}", us, fields))
        for a in self.articles:
            for _w, lists in a.fields:
                for toks in lists:
                    for t in toks:
                        f = fold(t, self.t2s)
                        if is_word(f) and len(units_of(f)) >= 2:
                            lexicon.add(f)
        self.lexicon = lexicon
        self.cutset = lexicon | self.stop | set(self.syn)
        self.maxlen = max((len(units_of(w)) for w in self.cutset), default=1)
        self._subs: dict[str, list[str]] = {}
        df: dict[str, int] = {}
        total = 0
        for a in self.articles:
            tf: dict[str, float] = {}
            for weight, lists in a.fields:
                for toks in lists:
                    for term, w in self._index_terms(toks):
                        tf[term] = tf.get(term, 0.0) + weight * w
            a.tf = tf
            a.length = sum(len(units_of(fold(t, self.t2s))) for u in a.units for t in u[2])
            a.norm = "|".join(u[3] for u in a.units)
            total += a.length
            for term in tf:
                df[term] = df.get(term, 0) + 1
        self.n = len(self.articles)
        self.avglen = total / self.n if self.n else 1.0
        self.idf = {term: self._idf(d) for term, d in df.items()}
        self.idf_max = self._idf(0)

    def _idf(self, df: int) -> float:
        return round6(math.log(1 + (self.n - df + 0.5) / (df + 0.5)))

    # -- index terms -----------------------------------------------------------------------------

    def _word_terms(self, token: str) -> list[tuple[str, float]]:
        """A token's word terms: itself, and the lexicon words inside it (weighted ``sub``)."""
        hit = self._subs.get(token)
        if hit is None:
            hit = []
            us = units_of(token)
            if is_word(token) and (len(us) >= 2 or ALNUM_RE.fullmatch(token)):
                hit.append(("w:" + token, 1.0))
                for i in range(len(us)):
                    w = us[i]
                    for j in range(i + 1, min(len(us), i + self.maxlen)):
                        w += us[j]
                        if j - i + 1 < len(us) and w in self.lexicon:
                            hit.append(("w:" + w, self.p["sub"]))
            self._subs[token] = hit
        return hit

    def _index_terms(self, tokens: list[str]) -> list[tuple[str, float]]:
        """(term, weight) for the words, unit pairs and characters of a token list (a paragraph, item or field value)."""
        out: list[tuple[str, float]] = []
        prev = None
        for raw in tokens:
            tok = fold(raw, self.t2s)
            out.extend(self._word_terms(tok))
            us = units_of(tok)
            if not us or not is_word(tok):
                prev = None
            for u in us:
                out.append(("c:" + u, 1.0))
                if prev is not None:
                    out.append(("b:" + prev + u, 1.0))
                prev = u
        return out

    # -- query -----------------------------------------------------------------------------------

    def cut(self, run: str) -> list[str]:
        """Fewest pieces from the lexicon (unknown units alone); on a tie the longer first piece."""
        us = units_of(run)
        n = len(us)
        best = [0] * (n + 1)
        step = [1] * (n + 1)
        for i in range(n - 1, -1, -1):
            best[i] = best[i + 1] + 1
            step[i] = 1
            w = us[i]
            for j in range(i + 1, min(n, i + self.maxlen)):
                w += us[j]
                if w in self.cutset and best[j + 1] + 1 <= best[i]:
                    best[i] = best[j + 1] + 1
                    step[i] = j + 1 - i
        out, i = [], 0
        while i < n:
            out.append("".join(us[i : i + step[i]]))
            i += step[i]
        return out

    def parse(self, query: str) -> dict:
        """Normalised query: referenced articles and chapters, and the chunks to search."""
        s = fold(query[: int(self.p["maxq"])], self.t2s)
        s = FRACTION_RE.sub(
            lambda m: (
                f"{int_to_cn(int(m.group(2)))}分之{int_to_cn(int(m.group(1)))}" if len(m.group(1)) <= 8 and len(m.group(2)) <= 8 else " "
            ),
            s,
        )
        arts, s = take_refs(ARTICLE_REF_RE, s)
        chaps, s = take_refs(CHAPTER_REF_RE, s)
        chunks: list[str] = []
        runs = RUN_RE.findall(s)
        for run in runs:
            cur = ""
            for piece in self.cut(run):
                if piece in self.stop:
                    if cur:
                        chunks.append(cur)
                    cur = ""
                else:
                    cur += piece
            if cur:
                chunks.append(cur)
        if not chunks and not arts and not chaps:
            chunks = runs  # nothing but question words: search them rather than nothing
        out: list[str] = []
        for c in chunks:
            if c not in out:
                out.append(c)
        return {"articles": arts, "chapters": chaps, "chunks": out}

    def variants(self, chunk: str) -> list[str]:
        """The chunk, its numbers written the other way, and synonyms for its pieces (出差 → 外出)."""
        out: list[str] = []
        for form in (chunk, *number_variants(chunk)):
            partial = [""]
            for piece in self.cut(form):
                alts = [piece, *self.syn.get(piece, ())]
                partial = [v + a for v in partial for a in alts][: int(self.p["variants"])]
            for v in partial:
                if v not in out:
                    out.append(v)
        return out[: int(self.p["variants"])]

    def terms(self, variant: str, chars: bool = False) -> list[tuple[str, float]]:
        """(term, weight) of one variant: its lexicon words and unit pairs, or its one unit; with
        ``chars``, its ideographs one by one (the last resort when nothing else matched)."""
        p = self.p
        us = units_of(variant)
        if chars:
            return [("c:" + u, p["char"]) for u in us if not ALNUM_RE.fullmatch(u)]
        if len(us) == 1:
            u = us[0]
            return [("w:" + u, p["word"])] if ALNUM_RE.fullmatch(u) else [("c:" + u, p["char"])]
        out: list[tuple[str, float]] = []
        for piece in self.cut(variant):
            if len(units_of(piece)) >= 2 or ALNUM_RE.fullmatch(piece):
                out.append(("w:" + piece, p["word"]))
        for i in range(len(us) - 1):
            out.append(("b:" + us[i] + us[i + 1], p["bigram"]))
        return out

    def search(self, query: str, limit: int | None = None) -> list[Hit]:
        """Results for a query: referenced chapter pages, then articles best first, then other pages."""
        p = self.p
        q = self.parse(query)
        limit = int(p["limit"]) if limit is None else max(0, limit)
        total, share, found, phrases = self._score(q, False)
        if q["chunks"] and not any(total):
            # no word and no pair anywhere: rank by the query's characters rather than show nothing
            total, share, found, phrases = self._score(q, True)
        nchunks = len(q["chunks"])
        ranked = []  # (score, article index, score without the reference bonus)
        for ai, a in enumerate(self.articles):
            base = 0.0
            if total[ai] > 0:
                base = total[ai]
                for _ in range(int(p["coord"])):  # (matched share) ** coord, by multiplication as in JS
                    base *= share[ai] / nchunks
            base = round6(base)
            sc = base
            if a.number in q["articles"]:
                sc = round6(base + 1000.0 * (len(q["articles"]) - q["articles"].index(a.number)))
            if sc > 0:
                ranked.append((sc, ai, base))
        ranked.sort(key=lambda x: (-x[0], x[1]))
        top = max((x[2] for x in ranked), default=0.0)
        hits = [Hit(url, escape(title), 0.0) for c in q["chapters"] if c in self.chapter_pages for url, title in [self.chapter_pages[c]]]
        for sc, ai, base in ranked[:limit]:
            if sc == base and base < top * p["minrel"]:
                break
            hits.append(self._hit(self.articles[ai], sc, found[ai], phrases[ai]))
        return hits + self._pages(q)

    def _score(self, q: dict, chars: bool) -> tuple[list[float], list[float], list[list[list[tuple[str, float]]]], list[list[str]]]:
        """Per article: the summed chunk scores, the summed matched shares, the terms each chunk matched
        and the variants found verbatim."""
        p = self.p
        k1, b = p["k1"], p["b"]
        n = len(self.articles)
        total, share = [0.0] * n, [0.0] * n
        found: list[list[list[tuple[str, float]]]] = [[] for _ in range(n)]
        phrases: list[list[str]] = [[] for _ in range(n)]
        for chunk in q["chunks"]:
            best, best_share = [0.0] * n, [0.0] * n
            best_terms: list[list[tuple[str, float]]] = [[] for _ in range(n)]
            best_phrase: list[str | None] = [None] * n
            for v in self.variants(chunk):
                terms = self.terms(v, chars)
                if not terms:
                    continue
                weights = [w * self.idf.get(t, self.idf_max) for t, w in terms]
                full = sum(weights)
                pairs = [t for t, _w in terms if t.startswith("b:")]
                # the whole variant verbatim (all its pairs present and the text holds it)
                verbatim = [bool(pairs) and all(t in a.tf for t in pairs) and v in a.norm for a in self.articles]
                df = sum(verbatim)
                phrase = p["phrase"] * self._idf(df) if df else 0.0
                for ai, a in enumerate(self.articles):
                    norm = k1 * (1 - b + b * a.length / self.avglen)
                    sc, got, matched = 0.0, 0.0, []
                    for (t, _w), wt in zip(terms, weights, strict=True):
                        tf = a.tf.get(t, 0.0)
                        if tf > 0:
                            sc += wt * tf * (k1 + 1) / (tf + norm)
                            got += wt
                            matched.append((t, wt))
                    if sc <= 0:
                        continue
                    if verbatim[ai]:
                        sc += phrase
                        got = full
                    if sc > best[ai]:
                        best[ai], best_share[ai], best_terms[ai] = sc, got / full, matched
                        best_phrase[ai] = v if verbatim[ai] else None
            for ai in range(n):
                if best[ai] > 0:
                    total[ai] += best[ai]
                    share[ai] += best_share[ai]
                    found[ai].append(best_terms[ai])
                    if best_phrase[ai] is not None:
                        phrases[ai].append(best_phrase[ai])
        return total, share, found, phrases

    def _hit(self, a: _Article, score: float, found: list[list[tuple[str, float]]], phrases: list[str]) -> Hit:
        """The result for one article: its best paragraph or item as the snippet, matches marked."""
        p = self.p
        weight: dict[str, float] = {}
        marks: list[str] = []
        for matched in found:
            words = [t for t, _w in matched if t.startswith("w:")]
            for t, w in matched:
                weight[t[2:]] = max(weight.get(t[2:], 0.0), w)
            # mark the words a chunk matched; its pairs or character only when it matched no word
            for t in words or [t for t, _w in matched]:
                if t[2:] not in marks:
                    marks.append(t[2:])
        best_u, best_w = 0, 0.0
        for ui, u in enumerate(a.units):
            w = sum(wt for s, wt in weight.items() if s in u[3]) + sum(p["phrase"] for ph in phrases if ph in u[3])
            if w > best_w:
                best_u, best_w = ui, w
        eid, label, tokens, folded = a.units[best_u]
        text = "".join(tokens)
        mask = [False] * len(text)
        for m in marks:
            at = folded.find(m)
            while at >= 0:
                for k in range(at, at + len(m)):
                    mask[k] = True
                at = folded.find(m, at + 1)
        first = mask.index(True) if True in mask else 0
        size = int(p["snippet"])
        lo = 0 if len(text) <= size else max(0, min(first - int(p["before"]), len(text) - size))
        hi = min(len(text), lo + size)
        out = (escape(label) if lo == 0 else "…") if label or lo > 0 else ""
        i = lo
        while i < hi:
            j = i
            while j < hi and mask[j] == mask[i]:
                j += 1
            out += f"<mark>{escape(text[i:j])}</mark>" if mask[i] else escape(text[i:j])
            i = j
        if hi < len(text):
            out += "…"
        # for ?h= on the page: the marked stretches of the paragraph, none inside another
        runs: list[str] = []
        i = 0
        while i < len(text):
            j = i
            while j < len(text) and mask[j] == mask[i]:
                j += 1
            if mask[i] and text[i:j] not in runs:
                runs.append(text[i:j])
            i = j
        terms = {r: True for r in runs if not any(r != x and r in x for x in runs)}
        loc = f"{a.url}#art_{a.number}"
        return Hit(loc, escape(a.title), score, a.number, f"{loc}__{eid}", unit_title(eid), out, terms)

    def _pages(self, q: dict) -> list[Hit]:
        """Other pages whose title holds a chunk or is held by one, by the number of such chunks."""
        out = []
        for loc, title in self.docs:
            t = fold(title, self.t2s)
            tr = "".join(RUN_RE.findall(t))
            sc = float(sum(1 for c in q["chunks"] if len(units_of(c)) >= 2 and (c in t or (len(tr) >= 2 and tr in c))))
            if sc > 0:
                out.append((sc, loc, title))
        out.sort(key=lambda x: (-x[0], x[1]))
        return [Hit(loc, escape(title), sc) for sc, loc, title in out[:5]]
