"""Search: query normalisation, number forms, traditional characters, synonyms, ranking properties,
hostile input, the index and its schema, the site files, the CLI command and the worker protocol.

There is one ranking, assets/gcsearch.js; these tests run that very file in V8 (gangcheng_rules.search
.Engine), so what they check is what the site's search box does.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import time
from pathlib import Path

import jsonschema
import pytest
import yaml

from clirun import gcrules
from conftest import articles
from gangcheng_rules import render
from gangcheng_rules import search as S
from gangcheng_rules.searchsite import (
    DATA_PATH,
    EXCLUDED,
    INDEX_PATH,
    NORMS_PATH,
    WORKER_PATH,
    article_pages,
    corpus_index,
    heading,
    read_site_index,
    site_search_files,
    worker_url,
    write_site_search,
)

ROOT = Path(__file__).resolve().parents[1]
WORKER = ROOT / "src" / "gangcheng_rules" / "assets" / "gcsearch.js"
SCHEMA = ROOT / "schema" / "search-index.schema.json"
DEV_QUERIES = ROOT.parent / "shared" / "eval" / "queries-dev.yaml"


def top(engine, q) -> int | None:
    a = articles(engine.search(q))
    return a[0] if a else None


def parse(engine, q) -> dict:
    return engine.call("parse", q)


def unit_texts(index) -> dict[int, str]:
    """Article number → its text (paragraphs and items joined), from the index."""
    return {
        a["number"]: "|".join(t.replace(" ", "").replace("\u00a0", " ") for t in a["units"]["tokens"])
        for a in index["config"]["gc"]["articles"]
    }


def dev_queries() -> list[dict]:
    if not DEV_QUERIES.exists():
        return []
    return yaml.safe_load(DEV_QUERIES.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------------
# normalisation, numbers, traditional characters


def test_fold_makes_full_width_half_width_lowercase_and_simplified(engine, index):
    norm = lambda t: engine.call("normalise", t)  # noqa: E731
    assert norm("ＡＢＣ１２３") == "abc123"
    assert norm("第\u3000５９条") == "第 59条"
    assert norm("會議紀要") == "会议纪要"
    assert norm("第五十九條") == "第五十九条"
    # one character for one character: positions in the text never shift
    text = "".join(unit_texts(index).values()) + "ＡＢＣ會議　"
    assert len(norm(text)) == len(text)


def test_t2s_table_comes_from_opencc_and_only_holds_characters_that_matter(index):
    gc = index["config"]["gc"]
    pairs = gc["t2s"]
    table = {pairs[i]: pairs[i + 1] for i in range(0, len(pairs) - 1, 2)}
    for trad, simp in ("會会", "議议", "紀纪", "條条", "區区", "務务", "專专", "聽听"):
        assert table[trad] == simp
    text = set("".join(unit_texts(index).values()))
    wanted = text | set(gc["lex"]) | set(gc["stop"]) | set("".join(gc["syn"])) | set("第条章")
    wanted |= {c for a in gc["articles"] for c in a.get("questions", "") + a.get("thesaurus", "")}  # editorial fields
    assert set(table.values()) <= wanted
    assert len(pairs) < 20000  # a few thousand pairs, not the whole of OpenCC


@pytest.mark.parametrize("n", [*range(0, 130), 1000, 2000, 2022, 3000, 10000, 10010, 12345, 100000, 1000000, 99999999])
def test_chinese_numerals_round_trip(n):
    assert S.js("cnToInt", S.js("intToCn", n)) == n


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("十", 10),
        ("十二", 12),
        ("二十四", 24),
        ("五十九", 59),
        ("七十二", 72),
        ("一百零五", 105),
        ("两千", 2000),
        ("三千", 3000),
        ("二〇二二", 2022),
        ("一万二千三百四十五", 12345),
    ],
)
def test_chinese_numerals_read(text, n):
    assert S.js("cnToInt", text) == n


@pytest.mark.parametrize("text", ["", "九九九十", "abc", "第十"])
def test_not_numerals(text):
    assert S.js("cnToInt", text) is None


def test_number_variants_write_numbers_the_other_way():
    nv = lambda t: S.js("numberVariants", t)  # noqa: E731
    assert nv("提前三天") == ["提前3天"]
    assert nv("提前3天") == ["提前三天"]
    assert nv("二十四小时") == ["24小时"]
    assert nv("3000字") == ["三千字"]
    assert nv("1") == []  # a lone 一 would match nearly everything
    assert nv("会议纪要") == []


@pytest.mark.parametrize("q", ["第59条", "第五十九条", "59条", "五十九条", "第 59 条", "第５９条", "第五十九條", "第59條", "  第59条  "])
def test_every_form_of_an_article_number_puts_it_first(engine, q):
    hits = engine.search(q)
    assert hits[0].article == 59
    assert hits[0].location.endswith("#art_59")


def test_an_article_number_with_words_puts_it_first_and_ranks_the_rest(engine):
    a = articles(engine.search("第40条 会议纪要"))
    assert a[0] == 40
    assert a[1] == 48


def test_a_number_with_no_article_finds_no_article(engine):
    assert articles(engine.search("第100条")) == []
    assert articles(engine.search("第0条")) == []


def test_fractions_are_written_as_the_text_writes_them(engine):
    assert top(engine, "2/3") == 43
    assert top(engine, "三分之二") == 43
    assert parse(engine, "2/3")["chunks"] == ["三分之二"]


@pytest.mark.parametrize(("q", "art"), [("提前三天", 69), ("二十四小时", 69), ("十分钟", 44), ("三千字", 59), ("10分钟", 44)])
def test_numbers_match_whichever_way_they_are_written(engine, q, art):
    assert top(engine, q) == art


# ---------------------------------------------------------------------------------------------------
# question words, synonyms, segmentation


def test_question_words_are_dropped_and_split_the_query(engine):
    assert parse(engine, "谁签发会议纪要")["chunks"] == ["签发会议纪要"]
    assert parse(engine, "常务会议多久开一次")["chunks"] == ["常务会议", "开一次"]
    assert parse(engine, "领导出差需要报备吗")["chunks"] == ["领导出差", "报备"]
    assert top(engine, "谁签发会议纪要") == top(engine, "签发会议纪要") == 48
    # a query of question words only is still searched
    assert parse(engine, "需要")["chunks"] == ["需要"]


def test_question_words_inside_a_word_stay(engine):
    # 了 and 是 are question/function words alone, not inside 了解 or 实事求是
    assert "了解基层" in "".join(parse(engine, "了解基层情况")["chunks"])
    assert "实事求是" in "".join(parse(engine, "实事求是")["chunks"])


def test_the_synonyms_file_is_in_the_index(corpus, index):
    assert corpus.synonyms, "data/vocab/synonyms.yaml has entries"
    assert all(s.note for s in corpus.synonyms), "every synonym says why it holds"
    syn = index["config"]["gc"]["syn"]
    for s in corpus.synonyms:
        assert syn[s.query] == list(dict.fromkeys(s.terms))


def test_every_synonym_finds_an_article_with_one_of_its_terms(corpus, engine, index):
    texts = unit_texts(index)
    for s in corpus.synonyms:
        hits = engine.search(s.query)
        assert hits, s.query
        assert any(t in texts[hits[0].article] for t in (s.query, *s.terms)), (s.query, hits[0].article)


def test_synonyms_apply_to_whole_words_only(engine):
    # 办公会 → 区长办公会议 must not rewrite the 办公会 inside 区长办公会议 itself
    assert engine.call("variants", "区长办公会议") == ["区长办公会议"]
    assert "外出" in engine.call("variants", "出差")


def test_user_dictionary_keeps_vocabulary_names_whole(corpus):
    tk = S.tokenizer(corpus)
    for name in ("区政府常务会议", "区长办公会议", "规范性文件", "因公出访"):
        assert name in S.segment(tk, f"关于{name}的规定")
    assert "请销假" in S.user_words(corpus)  # a synonym's term


def test_one_jieba_dictionary_serves_the_cue_check_and_the_index(corpus):
    from gangcheng_rules.jiebadict import dictionary

    shared = dictionary()
    tk = S.tokenizer(corpus)
    assert tk is not shared and tk.FREQ is not shared.FREQ
    assert "区政府常务会议" in tk.FREQ and "区政府常务会议" not in shared.FREQ  # the cue check's words stay jieba's own
    assert set(shared.FREQ) <= set(tk.FREQ)


def test_query_cut_agrees_with_the_index_vocabulary(engine):
    assert engine.call("cut", "常务会议出席人数") == ["常务会议", "出席", "人数"]
    assert engine.call("cut", "区长办公会议") == ["区长办公会议"]
    assert engine.call("cut", "12345热线") == ["12345", "热线"]


# ---------------------------------------------------------------------------------------------------
# ranking properties


QUERIES = ["会议", "区政府", "常务会议", "公文", "第59条", "请假", "出差", "會議紀要", "部门之间意见分歧", "a", "12345", "政府由哪些人组成"]


@pytest.mark.parametrize("q", QUERIES)
def test_one_result_per_article_best_first(engine, q):
    hits = engine.search(q)
    arts = articles(hits)
    assert len(arts) == len(set(arts))
    scores = [h.score for h in hits if h.article is not None]
    assert scores == sorted(scores, reverse=True)
    assert len(arts) <= engine.params["limit"]


def test_articles_come_before_other_pages(corpus):
    pages = {a.number: f"chapters/chp_{a.chapter}/" for a in corpus.articles}
    docs = [{"location": "meetings/", "title": "会议制度对照"}, {"location": "chapters/chp_9/", "title": "第九章 完善会议制度"}]
    eng = S.Engine(S.build_index(corpus, pages, docs))
    hits = eng.search("会议制度")
    kinds = [h.article is None for h in hits]
    assert kinds == sorted(kinds)  # False (articles) first
    assert [h.location for h in hits if h.article is None] == ["chapters/chp_9/", "meetings/"]
    assert eng.search("第九章")[0].location == "chapters/chp_9/"


def test_the_article_that_defines_a_name_ranks_first_for_it(corpus, engine):
    for actor in corpus.actors:
        if actor.defined_in and actor.kind == "meeting":
            assert top(engine, actor.name) == actor.defined_in, actor.name


def test_result_has_title_snippet_and_anchors(engine):
    h = engine.search("会议纪要")[0]
    assert h.article == 48
    assert h.title == "第四十八条 · 第九章 完善会议制度"
    assert h.location == "chapters/chp_9/#art_48"
    assert h.unit == "chapters/chp_9/#art_48__para_1"
    assert h.unit_title == "第一款"
    assert "<mark>会议纪要</mark>" in h.text
    assert h.terms == {"会议纪要": True}


def test_snippet_is_cut_around_the_first_match(engine):
    h = engine.search("议事协调机构办公室所在部门行文")[0]
    assert h.article == 59
    plain = re.sub(r"</?mark>", "", h.text)
    assert plain.startswith("…") and plain.endswith("…")
    assert len(plain) <= engine.params["snippet"] + 2
    assert "<mark>" in h.text


def test_item_snippets_show_their_label(engine):
    h = engine.search("人大代表建议和政协提案办理情况")[0]
    assert h.article == 36
    assert "__list_1__item_" in h.unit
    assert h.text.startswith("（七）")
    assert h.unit_title.endswith("项")


def hostile_index(index: dict) -> dict:
    """The index with HTML in a paragraph, the vocabulary and a chapter title."""
    ix = json.loads(json.dumps(index))
    gc = ix["config"]["gc"]
    art = next(a for a in gc["articles"] if a["number"] == 48)
    art["units"]["tokens"][0] = "<script>alert(1)</script> 会议纪要 & <b> \" ' 由 区长 签发"
    next(c for c in gc["chapters"] if c["number"] == 9)["title"] = "完善<i>会议</i>制度"
    return ix


@pytest.mark.parametrize("q", ["会议纪要", "script", "<script>", "alert"])
def test_text_from_the_data_is_escaped(index, q):
    eng = S.Engine(hostile_index(index))
    for h in eng.search(q):
        for html in (h.title, h.text):
            assert "<script" not in html and "<b>" not in html and "<i>" not in html
            assert not re.search(r"<(?!/?mark>)", html), html
    h = eng.search("会议纪要")[0]
    assert "&lt;script&gt;" in h.text and "&amp;" in h.text and "&quot;" in h.text and "&#39;" in h.text
    assert "完善&lt;i&gt;会议&lt;/i&gt;制度" in h.title


BAD = [
    "",
    " ",
    "\u3000",
    "！？。，、；：",
    "<script>alert(1)</script>",
    "😀🎉👍",
    "\ud800",
    "\x00\x01",
    "a" * 10000,
    "测" * 10000,
    "第" * 300 + "条",
    "<" * 50,
    "&amp;",
    "'\"",
    "第99999999999条",
    "\u202e会议纪要\u202c",  # right-to-left override around words
    "\u200f\u200e\u061c",  # direction marks only
    ".*+?^${}()|[]\\",  # regular-expression characters
    "(会议)+纪要[^",
    "会议😀纪要",
    '<img src=x onerror="alert(1)">会议',
]


def assert_escaped(hits) -> None:
    """Only our own <mark> is markup in a result; everything else is text."""
    for h in hits:
        for html in (h.title, h.text):
            assert not re.search(r"<(?!/?mark>)", html), html


@pytest.mark.parametrize("q", BAD, ids=lambda q: repr(q[:12]))
def test_bad_input_never_fails_freezes_or_injects(engine, q):
    start = time.perf_counter()
    hits = engine.search(q)
    assert time.perf_counter() - start < 2.0
    assert isinstance(hits, list)
    assert_escaped(hits)


def test_words_inside_hostile_input_are_still_found(engine):
    assert top(engine, "\u202e会议纪要\u202c") == 48
    assert top(engine, "会议😀纪要") == top(engine, "会议 纪要")
    assert top(engine, '<img src=x onerror="alert(1)">会议纪要') == 48
    assert top(engine, "(会议纪要)+[^") == 48


@pytest.mark.parametrize("q", ["", "  ", "！？。，", "<script>alert(1)</script>", "😀🎉👍", "a" * 10000])
def test_bad_input_finds_nothing(engine, q):
    assert engine.search(q) == []


def test_only_the_first_characters_are_searched(engine):
    q = "会议纪要" + "测" * 10000
    assert parse(engine, q)["chunks"] == parse(engine, q[: int(engine.params["maxq"])])["chunks"]


@pytest.mark.skipif(not DEV_QUERIES.exists(), reason="../shared/eval/queries-dev.yaml is not beside the project")
def test_development_queries_meet_the_quality_targets(engine):
    """The same figures make bench measures in the browser, here straight from the ranking."""
    rows = []
    for q in dev_queries():
        arts = articles(engine.search(q["q"]))
        rank = next((i + 1 for i, a in enumerate(arts) if a in q["relevant"]), None)
        rows.append((q, rank, bool(arts)))
    n = len(rows)
    mrr = sum(1 / r for _, r, _ in rows if r and r <= 10) / n
    s5 = sum(1 for _, r, _ in rows if r and r <= 5) / n
    assert mrr >= 0.95
    assert s5 >= 0.98
    assert all(found for _, _, found in rows)
    assert all(r == 1 for q, r, _ in rows if q["kind"] in ("number", "traditional"))


# ---------------------------------------------------------------------------------------------------
# many queries of every kind


def generated_queries(corpus, n: int = 1500, seed: int = 4) -> list[str]:
    """Queries of every kind made from the corpus: pieces of the text (also in traditional characters,
    with question words, with numbers in the other form), vocabulary names, synonyms, article numbers,
    and junk."""
    import opencc

    rnd = random.Random(seed)
    s2t = opencc.OpenCC("s2t")
    texts = [u.text for a in corpus.articles for u in (*a.paragraphs, *(i for p in a.paragraphs for i in p.items))]
    names = [w for t in (*corpus.actors, *corpus.subjects, *corpus.instruments) for w in (t.name, *t.aliases)]
    asks = ["谁", "怎么", "多久", "吗", "哪些", "什么", "如何", "是否", "需要", "的", "呢"]
    junk = "<>&\"'/\\!?！？。，、；：（）()[]{}《》“”…—～·\u3000 \t\n😀🎉𠀀\ufeff\u200b"
    out = []
    for _ in range(n):
        kind = rnd.randrange(9)
        t = rnd.choice(texts)
        i = rnd.randrange(len(t))
        piece = t[i : i + rnd.randint(1, 12)]
        if kind == 0:
            q = piece
        elif kind == 1:
            q = s2t.convert(piece)
        elif kind == 2:
            q = rnd.choice(asks) + piece + rnd.choice(asks)
        elif kind == 3:
            q = re.sub(r"[0-9]+", lambda m: S.js("intToCn", int(m.group(0))), piece) + rnd.choice(["", "天", "次"])
        elif kind == 4:
            q = rnd.choice(names) + rnd.choice(["", " ", "的职责", "吗"])
        elif kind == 5:
            s = rnd.choice(corpus.synonyms)
            q = rnd.choice(["", "领导", "会议"]) + s.query + rnd.choice(["", "要报备吗", "规定"])
        elif kind == 6:
            num = rnd.randint(0, 80)
            q = rnd.choice([f"第{num}条", f"第{S.js('intToCn', num)}条", f"{num}条", f"第{num}章", f"第{S.js('intToCn', num)}章 {piece}"])
        elif kind == 7:
            q = "".join(rnd.choice(junk) for _ in range(rnd.randint(1, 8))) + rnd.choice(["", piece])
        else:
            q = piece[: rnd.randint(1, 3)] + rnd.choice(junk) + rnd.choice(texts)[:4]
        out.append(q)
    return out


def test_generated_queries_give_well_formed_escaped_results(corpus, engine, index):
    """A few thousand queries cut from the text (also traditional, with question words, numbers the other
    way), vocabulary names, synonyms, article numbers and junk: results are one per article, best first,
    escaped, anchored on the article's page, and a piece of an article's text finds that article."""
    queries = generated_queries(corpus)
    texts = unit_texts(index)
    start = time.perf_counter()
    for q in queries:
        hits = engine.search(q)
        arts = articles(hits)
        assert len(arts) == len(set(arts)), q
        scores = [h.score for h in hits if h.article is not None]
        assert scores == sorted(scores, reverse=True), q
        assert_escaped(hits)
        for h in hits:
            if h.article is not None:
                assert h.location.endswith(f"#art_{h.article}") and h.unit.startswith(h.location + "__"), q
    assert (time.perf_counter() - start) / len(queries) < 0.05  # well under a keystroke
    # an exact stretch of four or more characters of the text: one of the first five results holds it
    rnd = random.Random(7)
    for _ in range(200):
        n, text = rnd.choice(sorted(texts.items()))
        i = rnd.randrange(max(1, len(text) - 8))
        piece = max(re.findall(r"[\u4e00-\u9fff]+", text[i : i + 8]) or [""], key=len)
        if len(piece) >= 4 and parse(engine, piece)["chunks"] == [piece]:  # no question word inside
            assert any(piece in texts[m] for m in articles(engine.search(piece))[:5]), piece


def test_a_hostile_index_with_pages_still_escapes_everything(corpus):
    ix = hostile_index(
        S.build_index(corpus, {a.number: f"c/{a.chapter}/" for a in corpus.articles}, [{"location": "x/", "title": "会议<制度>"}])
    )
    eng = S.Engine(ix)
    for q in ["会议纪要", "script", "<script>", "会议制度", "第九章", "第48条", "制度", *BAD]:
        assert_escaped(eng.search(q))
    assert [h.title for h in eng.search("会议制度") if h.article is None] == ["会议&lt;制度&gt;"]


# ---------------------------------------------------------------------------------------------------
# the worker protocol (the file run as the site runs it: a worker, in V8)


WORKER_HARNESS = """
globalThis.sent = [];
globalThis.queue = [];
let handler = null;
globalThis.self = {
  postMessage: (m) => sent.push(JSON.parse(JSON.stringify(m))),
  addEventListener: (type, fn) => { if (type === "message") handler = fn; },
};
globalThis.importScripts = () => {};
globalThis.setTimeout = (fn) => queue.push(fn);
globalThis.deliver = (m) => { handler({ data: m }); while (queue.length) queue.shift()(); };
"""


def run_worker(messages: list) -> list:
    """gcsearch.js loaded as a worker in a fresh V8 context; the messages delivered one by one."""
    from py_mini_racer import MiniRacer

    ctx = MiniRacer()
    try:
        ctx.eval(WORKER_HARNESS)
        ctx.eval(S.worker_source())
        for m in messages:
            ctx.eval(f"deliver(JSON.parse({json.dumps(json.dumps(m, ensure_ascii=False))}))")
        return json.loads(ctx.eval("JSON.stringify(sent)"))
    finally:
        ctx.close()


def test_worker_speaks_mkdocs_materials_protocol(index):
    out = run_worker(
        [
            {"type": 2, "data": "会议纪要"},
            {"type": 0, "data": {**index, "options": {"suggest": False}}},
            {"type": 2, "data": "會議紀要"},
            {"type": 2, "data": "<script>"},
        ]
    )
    # READY, then every query: the one sent before the index is answered once the engine is built
    assert [m["type"] for m in out] == [1, 3, 3, 3]
    assert out[1]["data"]["items"][0][0]["location"] == "chapters/chp_9/#art_48__para_1"
    items = out[2]["data"]["items"]
    assert items, "results"
    section, article = items[0]
    # the theme shows the last document of a group as its heading and the others as sections
    # both open the paragraph (issue 11), the heading's link too
    assert article["location"] == "chapters/chp_9/#art_48__para_1" and article["title"] == "第四十八条 · 第九章 完善会议制度"
    assert section["location"] == "chapters/chp_9/#art_48__para_1" and "<mark>会议纪要</mark>" in section["text"]
    assert section["terms"] == article["terms"] == {"会议纪要": True}
    scores = [g[0]["score"] for g in items]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == len(scores)  # Enter opens the first
    # no section folded away under "more" (the theme folds those below the first); the paragraph
    # scores above its article, below the next result, so that Enter opens the paragraph
    assert all(g[-1]["score"] <= g[0]["score"] < g[-1]["score"] + 1 for g in items)
    assert out[3]["data"] == {"items": []}
    # the worker's answer is the Engine's: one implementation
    assert items == S.Engine(index).items("會議紀要")


SERVED_HARNESS = """
globalThis.self.location = { href: "http://127.0.0.1/gangcheng/assets/javascripts/gcsearch.js" };
// V8 alone has no URL: relative paths resolved against a base, as a browser does for these
globalThis.URL = class {
  constructor(rel, base) {
    const parts = base.split("/").slice(0, -1);
    for (const p of rel.split("/")) p === ".." ? parts.pop() : p !== "." && parts.push(p);
    this.href = parts.join("/");
  }
  toString() { return this.href; }
};
globalThis.asked = [];
globalThis.held = {};
// fetch of the site's files (globalThis.files, by path from the site root); a path in `held` answers
// only when release(path) is called
globalThis.fetch = (url) => {
  const path = String(url).replace("http://127.0.0.1/gangcheng/", "").split("?")[0];  // the files by path, versions aside
  asked.push(path);
  const respond = () => (path in files
    ? { ok: true, status: 200, url: String(url), json: () => Promise.resolve(JSON.parse(files[path])) }
    : { ok: false, status: 404, url: String(url), json: () => Promise.reject(new Error("no json")) });
  if (path in held) return new Promise((resolve) => { held[path] = () => resolve(respond()); });
  return Promise.resolve(respond());
};
globalThis.release = (path) => { held[path](); };
globalThis.drain = () => { while (queue.length) queue.shift()(); };
"""


def run_served_worker(files: dict[str, str], steps: list, held: tuple[str, ...] = ()) -> tuple[list, list]:
    """The worker as the site serves it (its addresses first, fetch answering with `files`); steps are
    messages to deliver or ("release", path) for a held file. Returns (messages sent, paths fetched)."""
    from py_mini_racer import MiniRacer

    ctx = MiniRacer()
    try:
        ctx.eval(WORKER_HARNESS)
        ctx.eval(SERVED_HARNESS)
        ctx.eval(f"globalThis.files = JSON.parse({json.dumps(json.dumps(files, ensure_ascii=False))});")
        for path in held:
            ctx.eval(f"held[{json.dumps(path)}] = null;")
        ctx.eval(files[WORKER_PATH])
        for step in steps:
            if isinstance(step, tuple):
                ctx.eval(f"release({json.dumps(step[1])})")
            else:
                ctx.eval(f"deliver(JSON.parse({json.dumps(json.dumps(step, ensure_ascii=False))}))")
            # promise callbacks run between evaluations; then what they scheduled
            ctx.eval("drain()")
        return json.loads(ctx.eval("JSON.stringify(sent)")), json.loads(ctx.eval("JSON.stringify(asked)"))
    finally:
        ctx.close()


@pytest.fixture(scope="module")
def served(index):
    return site_search_files(index)


def test_the_served_worker_fetches_its_own_data_and_answers_from_it(served, index):
    setup = {"type": 0, "data": {**json.loads(served[INDEX_PATH]), "options": {"suggest": False}}}
    out, asked = run_served_worker(served, [setup, {"type": 2, "data": "會議紀要"}])
    # the ranking data, then the answer records; the theme's message carried neither
    assert asked == [DATA_PATH, NORMS_PATH] and "gc" not in setup["data"]["config"]
    assert [m["type"] for m in out] == [1, 3]
    assert out[1]["data"]["items"] == S.Engine(index).items("會議紀要")


def test_a_question_waits_for_the_answer_records_and_a_keyword_does_not(served, index):
    setup = {"type": 0, "data": json.loads(served[INDEX_PATH])}
    question = "谁签发会议纪要"
    out, _ = run_served_worker(
        served,
        [setup, {"type": 2, "data": "会议纪要"}, {"type": 2, "data": question}, ("release", NORMS_PATH)],
        held=(NORMS_PATH,),
    )
    assert [m["type"] for m in out] == [1, 3, 3]
    # the keyword is answered before the records are in; the question after, with its card first
    assert out[1]["data"]["items"] == S.Engine(index).items("会议纪要")
    card = out[2]["data"]["items"]
    assert card == S.Engine(index).items(question) and "data-answer" in card[0][0]["title"]


def test_without_its_answer_records_the_worker_still_searches(served, index):
    files = {k: v for k, v in served.items() if k != NORMS_PATH}
    out, _ = run_served_worker(files, [{"type": 0, "data": json.loads(served[INDEX_PATH])}, {"type": 2, "data": "谁签发会议纪要"}])
    assert [m["type"] for m in out] == [1, 3]
    items = out[1]["data"]["items"]
    assert items and not any("data-answer" in entry["title"] for group in items for entry in group)
    assert items[0][0]["location"] == S.Engine(index).items("谁签发会议纪要")[1][0]["location"]


def test_without_its_data_the_served_worker_is_ready_and_finds_nothing(served):
    files = {WORKER_PATH: served[WORKER_PATH]}
    out, _ = run_served_worker(files, [{"type": 0, "data": json.loads(served[INDEX_PATH])}, {"type": 2, "data": "会议纪要"}])
    assert out == [{"type": 1}, {"type": 3, "data": {"items": []}}]


def test_worker_survives_a_broken_index():
    out = run_worker([{"type": 0, "data": {"config": {}, "docs": []}}, {"type": 2, "data": "会议"}, {"type": 9}])
    assert [m["type"] for m in out] == [1, 3]
    assert out[1]["data"] == {"items": []}


def test_outside_a_worker_the_file_only_defines_the_engine():
    from py_mini_racer import MiniRacer

    ctx = MiniRacer()
    try:
        ctx.eval(S.worker_source())
        assert ctx.eval("typeof gcsearch.Engine") == "function"
        assert ctx.eval("typeof onmessage") == "undefined"
    finally:
        ctx.close()


# ---------------------------------------------------------------------------------------------------
# the files in the site


def test_the_index_follows_its_schema(index, corpus):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(index)) == []
    with_pages = corpus_index(corpus, [render.Page("meetings/index.md", "会议", "# 会议制度对照 { #x }\n")])
    assert list(validator.iter_errors(with_pages)) == []
    # the answer records are JSON text (parsed by the worker when needed): their content has its schema too
    records = jsonschema.Draft202012Validator(
        schema["$defs"]["article"]["properties"]["norms"]["contentSchema"] | {"$defs": schema["$defs"]}
    )
    for art in index["config"]["gc"]["articles"]:
        assert list(records.iter_errors(json.loads(art["norms"]))) == []
    assert list(records.iter_errors([{"id": "norm_1"}])), "a record lacking its unit, kind, tokens and slots is refused"


def test_the_served_files_follow_the_schema(site_dir):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    whole = jsonschema.Draft202012Validator(schema)
    data = jsonschema.Draft202012Validator({"$ref": "#/$defs/index", "$defs": schema["$defs"]})
    served = json.loads((site_dir / INDEX_PATH).read_text(encoding="utf-8"))
    assert list(whole.iter_errors(served)) == [] and "gc" not in served["config"]
    assert list(data.iter_errors(json.loads((site_dir / DATA_PATH).read_text(encoding="utf-8")))) == []
    norms_file = jsonschema.Draft202012Validator({"$ref": "#/$defs/normsFile", "$defs": schema["$defs"]})
    norms = json.loads((site_dir / NORMS_PATH).read_text(encoding="utf-8"))
    assert list(norms_file.iter_errors(norms)) == []
    assert list(norms_file.iter_errors({**norms, "x": "[]"})) and list(norms_file.iter_errors({"1": []})), (
        "a key or a value the worker would misread"
    )
    assert list(whole.iter_errors(read_site_index(site_dir))) == []


def test_the_schema_rejects_what_the_worker_would_misread(index):
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    broken = json.loads(json.dumps(index))
    broken["config"]["gc"]["articles"][0]["units"]["text"] = []  # a key the worker does not read
    broken["config"]["gc"]["stock"] = {"bytes": 1}  # the benchmark's figures are not part of the index
    del broken["config"]["gc"]["chapters"][0]["page"]
    messages = sorted(e.message for e in validator.iter_errors(broken))
    assert len(messages) == 3, messages


def test_named_keys_cost_little_download(index):
    """Columnar units keep the named keys' overhead small (gzip, as served)."""
    import gzip

    def gz(ix) -> int:
        return len(gzip.compress(json.dumps(ix, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 9))

    # answer records (answers.py: phrases and words of ~220 norms) are budgeted apart
    bare = json.loads(json.dumps(index))
    for a in bare["config"]["gc"]["articles"]:
        a.pop("norms", None)
    bare["config"]["gc"].pop("parties", None)
    assert gz(bare) < 20_000
    assert gz(index) - gz(bare) < 14_000


def test_articles_belong_to_their_chapter_page(corpus):
    pages = article_pages(corpus)
    assert pages[40] == "chapters/chp_9/"
    assert pages[1] == "chapters/chp_1/"
    assert set(pages) == {a.number for a in corpus.articles}


def test_other_pages_are_found_by_their_heading():
    page = render.Page("using-data/index.md", "使用数据", "# 使用数据 / Using the data { #using-data }\n\ntext")
    assert heading(page) == "使用数据 / Using the data"
    assert heading(render.Page("x.md", "标题", "no heading")) == "标题"


def data_addresses(files: dict[str, str]) -> dict[str, str]:
    """What the served worker's first line tells it to fetch."""
    prelude = files[WORKER_PATH].split("\n", 1)[0]
    return json.loads(prelude.removeprefix("var GCSEARCH_DATA = ").removesuffix(";"))


def test_write_site_search_writes_our_index_and_the_worker(tmp_path, corpus):
    site = tmp_path / "site"
    pages = [
        render.Page("index.md", "首页", "# 济南市钢城区人民政府工作规则 { #doc-title }\n"),
        render.Page("chapters/chp_9.md", "第九章", "# 第九章 完善会议制度 { #chp_9 }\n"),
    ]
    files = site_search_files(corpus_index(corpus, pages))
    write_site_search(site, files)
    # the theme's file is small: its settings only; our data is in the two files the worker fetches
    served = json.loads((site / INDEX_PATH).read_text(encoding="utf-8"))
    assert served == {"config": {"lang": ["zh"], "separator": served["config"]["separator"]}, "docs": []}
    ranking = json.loads((site / DATA_PATH).read_text(encoding="utf-8"))
    norms = json.loads((site / NORMS_PATH).read_text(encoding="utf-8"))
    assert not any("norms" in a for a in ranking["articles"])
    assert sorted(norms, key=int) == [str(a.number) for a in corpus.articles]
    ix = read_site_index(site)
    assert ix == corpus_index(corpus, pages)
    gc = ix["config"]["gc"]
    assert gc["v"] == S.INDEX_FORMAT
    assert "stock" not in gc
    # the home page is also searched by its notice (tests/test_phrasing.py); a chapter by its title only
    assert [{k: d[k] for k in ("location", "title")} for d in gc["docs"]] == [
        {"location": "", "title": "济南市钢城区人民政府工作规则"},
        {"location": "chapters/chp_9/", "title": "第九章 完善会议制度"},
    ]
    # the page's top (its heading) and its sections
    assert gc["docs"][0]["units"]["eid"] == ["", "notice"] and "units" not in gc["docs"][1]
    assert len(gc["articles"]) == len(corpus.articles)
    # the served worker: the scripts, told first where its two files are, relative to itself
    worker = (site / WORKER_PATH).read_text(encoding="utf-8")
    prelude, scripts = worker.split("\n", 1)
    assert scripts == S.worker_source() and S.worker_source().startswith(WORKER.read_text(encoding="utf-8"))
    # each asked for with its content's hash, so that no cache pairs an old file with a new worker
    assert prelude == "var GCSEARCH_DATA = " + json.dumps(data_addresses(files), sort_keys=True) + ";"
    assert data_addresses(files) == {
        "index": "../../search/gc_index.json?v=" + hashlib.sha256((site / DATA_PATH).read_bytes()).hexdigest()[:12],
        "norms": "../../search/gc_norms.json?v=" + hashlib.sha256((site / NORMS_PATH).read_bytes()).hexdigest()[:12],
    }
    assert worker_url(files) == WORKER_PATH + "?v=" + hashlib.sha256(worker.encode("utf-8")).hexdigest()[:12]
    # a second run (mkdocs serve rebuilding) writes the same
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    write_site_search(site, site_search_files(corpus_index(corpus, pages)))
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_a_change_in_the_data_changes_the_addresses_the_worker_and_the_pages_ask_for(index):
    files = site_search_files(index)
    changed = json.loads(json.dumps(index))
    next(a for a in changed["config"]["gc"]["articles"] if a["norms"] != "[]")["norms"] = "[]"
    other = site_search_files(changed)
    first, second = data_addresses(files), data_addresses(other)
    # the records' address changed, the ranking data's did not, and so did the worker's
    assert first["index"] == second["index"] and first["norms"] != second["norms"]
    assert worker_url(files) != worker_url(other)


def test_every_page_asks_for_the_worker_by_its_version(site_dir):
    url = worker_url({WORKER_PATH: (site_dir / WORKER_PATH).read_text(encoding="utf-8")})
    for page in ("index.html", "chapters/chp_9/index.html"):
        config = re.search(
            r'<script id="__config" type="application/json">(.*?)</script>', (site_dir / page).read_text(encoding="utf-8"), re.S
        )
        search = json.loads(config.group(1))["search"]
        assert search.endswith(url) and search.split("?")[0].endswith(WORKER_PATH)


def test_generated_pages_take_the_search_exclusion_as_front_matter(site_dir):
    # prepended to render's markdown, it is read as front matter, never shown as text
    assert EXCLUDED.startswith("---\n") and "exclude: true" in EXCLUDED
    for html in (site_dir / "index.html", site_dir / "chapters" / "chp_9" / "index.html"):
        text = html.read_text(encoding="utf-8")
        assert "exclude: true" not in text and "search:" not in text.split("<main", 1)[-1]


def test_built_site_carries_our_index_and_worker(site_dir, corpus):
    ix = read_site_index(site_dir)
    gc = ix["config"]["gc"]
    assert len(gc["articles"]) == len(corpus.articles)
    assert (site_dir / WORKER_PATH).exists()
    assert "assets/javascripts/gcsearch.js" in (site_dir / "index.html").read_text(encoding="utf-8")
    for art in gc["articles"]:
        html = (site_dir / gc["pages"][art["page"]] / "index.html").read_text(encoding="utf-8")
        assert f'id="art_{art["number"]}"' in html
    titles = {d["location"]: d["title"] for d in gc["docs"]}
    assert titles[""] == "济南市钢城区人民政府工作规则" and titles["meetings/"] == "会议制度对照"
    # the theme's search plugin indexed nothing: no section of any page reached its (replaced) index
    assert ix["docs"] == []


# ---------------------------------------------------------------------------------------------------
# the CLI


def cli(*args):
    return gcrules("search", *args)


def test_cli_search_prints_ranked_articles():
    r = cli("常务会议多久开一次", "--limit", "3")
    assert r.returncode == 0, r.stderr
    # an answer card's line (issue 11), when there is one, comes before the numbered results
    numbered = [line for line in r.stdout.splitlines() if re.match(r"^ ?\d+\. ", line)]
    # each result links the paragraph its snippet is from, as the site's result does
    assert numbered[0] == " 1. 第四十条 · 第九章 完善会议制度  chapters/chp_9/#art_40__para_2"
    assert len(numbered) == 3


def test_cli_search_json_is_the_sites_ranking(engine):
    r = cli("會議紀要", "--json")
    assert r.returncode == 0, r.stderr
    response = json.loads(r.stdout)
    assert set(response) == {"query", "answer", "notice", "results"} and response["query"] == "會議紀要"
    out = response["results"]
    hits = [h for h in engine.search("會議紀要", limit=10) if h.article is not None]
    assert [o["article"] for o in out] == [h.article for h in hits]
    assert out[0] | {"score": None} == {
        "rank": 1,
        "article": 48,
        "title": "第四十八条 · 第九章 完善会议制度",
        "url": "chapters/chp_9/#art_48",
        "paragraph_url": "chapters/chp_9/#art_48__para_1",
        "score": None,
        "snippet": hits[0].text.replace("<mark>", "").replace("</mark>", ""),
        "snippet_html": hits[0].text,
        "terms": ["会议纪要"],
    }


@pytest.mark.parametrize("q", ["！？。", "<script>alert(1)</script>", "😀", "a" * 10000])
def test_cli_search_bad_input_says_nothing_was_found(q):
    r = cli(q)
    assert r.returncode == 0
    assert "Traceback" not in r.stderr
    assert "没有找到符合条件的结果" in r.stdout
    r = cli(q, "--json")
    assert r.returncode == 0 and json.loads(r.stdout) == {"query": q, "answer": None, "notice": None, "results": []}


@pytest.mark.parametrize("args", [[""], ["  "], [], ["会议", "--limit", "0"], ["会议", "--limit", "x"], ["会议", "--nope"]])
def test_cli_search_usage_errors_exit_2(args):
    r = cli(*args)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert "Usage:" in r.stderr


def test_cli_search_help_has_examples():
    r = cli("--help")
    assert r.returncode == 0
    assert "gcrules search 第五十九条" in r.stdout and "--json" in r.stdout and "--limit" in r.stdout
