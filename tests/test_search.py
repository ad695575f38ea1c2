"""Search: query normalisation, number forms, traditional characters, synonyms, ranking properties, the
site files, the CLI command, the worker protocol, and parity between search.py and gcsearch.js.

The browser worker (assets/gcsearch.js) and the CLI (search.py) are two implementations of one
algorithm; the parity tests run the worker's code in node over the development queries, a few
thousand generated ones and a hostile index, and require byte-identical results.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gangcheng_rules import search as S
from gangcheng_rules.searchsite import INDEX_PATH, WORKER_PATH, article_pages, corpus_index, write_site_search

ROOT = Path(__file__).resolve().parents[1]
WORKER = ROOT / "src" / "gangcheng_rules" / "assets" / "gcsearch.js"
DEV_QUERIES = ROOT.parent / "shared" / "eval" / "queries-dev.yaml"
NODE = shutil.which("node")


@pytest.fixture(scope="module")
def index(corpus):
    return corpus_index(corpus)


@pytest.fixture(scope="module")
def engine(index):
    return S.Engine(index)


def articles(hits) -> list[int]:
    return [h.article for h in hits if h.article is not None]


def top(engine, q) -> int | None:
    a = articles(engine.search(q))
    return a[0] if a else None


def dev_queries() -> list[dict]:
    if not DEV_QUERIES.exists():
        return []
    return yaml.safe_load(DEV_QUERIES.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------------
# normalisation, numbers, traditional characters


def test_fold_makes_full_width_half_width_lowercase_and_simplified(engine):
    assert S.fold("ＡＢＣ１２３", {}) == "abc123"
    assert S.fold("第\u3000５９条", {}) == "第 59条"
    assert S.fold("會議紀要", engine.t2s) == "会议纪要"
    assert S.fold("第五十九條", engine.t2s) == "第五十九条"
    # one character for one character: positions in the text never shift
    text = "".join("".join(u[2]) for a in engine.articles for u in a.units) + "ＡＢＣ會議　"
    assert len(S.fold(text, engine.t2s)) == len(text)


def test_t2s_table_comes_from_opencc_and_only_holds_characters_that_matter(index, engine):
    table = engine.t2s
    for trad, simp in ("會会", "議议", "紀纪", "條条", "區区", "務务", "專专", "聽听"):
        assert table[trad] == simp
    text = {c for a in engine.articles for u in a.units for c in u[3]}
    wanted = text | set("".join(engine.lexicon)) | set("".join(engine.stop)) | set("".join(engine.syn)) | set("第条章")
    assert set(table.values()) <= wanted
    assert len(index["config"]["gc"]["t2s"]) < 20000  # a few thousand pairs, not the whole of OpenCC


@pytest.mark.parametrize("n", [*range(0, 130), 1000, 2000, 2022, 3000, 10000, 10010, 12345, 100000, 1000000, 99999999])
def test_chinese_numerals_round_trip(n):
    assert S.cn_to_int(S.int_to_cn(n)) == n


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
    assert S.cn_to_int(text) == n


@pytest.mark.parametrize("text", ["", "九九九十", "abc", "第十"])
def test_not_numerals(text):
    assert S.cn_to_int(text) is None


def test_number_variants_write_numbers_the_other_way():
    assert S.number_variants("提前三天") == ["提前3天"]
    assert S.number_variants("提前3天") == ["提前三天"]
    assert S.number_variants("二十四小时") == ["24小时"]
    assert S.number_variants("3000字") == ["三千字"]
    assert S.number_variants("1") == []  # a lone 一 would match nearly everything
    assert S.number_variants("会议纪要") == []


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
    assert engine.parse("2/3")["chunks"] == ["三分之二"]


@pytest.mark.parametrize(("q", "art"), [("提前三天", 69), ("二十四小时", 69), ("十分钟", 44), ("三千字", 59), ("10分钟", 44)])
def test_numbers_match_whichever_way_they_are_written(engine, q, art):
    assert top(engine, q) == art


# ---------------------------------------------------------------------------------------------------
# question words, synonyms, segmentation


def test_question_words_are_dropped_and_split_the_query(engine):
    assert engine.parse("谁签发会议纪要")["chunks"] == ["签发会议纪要"]
    assert engine.parse("常务会议多久开一次")["chunks"] == ["常务会议", "开一次"]
    assert engine.parse("领导出差需要报备吗")["chunks"] == ["领导出差", "报备"]
    assert top(engine, "谁签发会议纪要") == top(engine, "签发会议纪要") == 48
    # a query of question words only is still searched
    assert engine.parse("需要")["chunks"] == ["需要"]


def test_question_words_inside_a_word_stay(engine):
    # 了 and 是 are question/function words alone, not inside 了解 or 实事求是
    assert "了解基层" in "".join(engine.parse("了解基层情况")["chunks"])
    assert "实事求是" in "".join(engine.parse("实事求是")["chunks"])


def test_the_synonyms_file_is_in_the_index(corpus, engine):
    assert corpus.synonyms, "data/vocab/synonyms.yaml has entries"
    assert all(s.note for s in corpus.synonyms), "every synonym says why it holds"
    for s in corpus.synonyms:
        assert engine.syn[S.fold(s.query, engine.t2s)] == [S.fold(t, engine.t2s) for t in s.terms]


def test_every_synonym_finds_an_article_with_one_of_its_terms(corpus, engine):
    for s in corpus.synonyms:
        hits = engine.search(s.query)
        assert hits, s.query
        art = next(a for a in engine.articles if a.number == hits[0].article)
        assert any(t in art.norm for t in (s.query, *s.terms)), (s.query, hits[0].article)


def test_synonyms_apply_to_whole_words_only(engine):
    # 办公会 → 区长办公会议 must not rewrite the 办公会 inside 区长办公会议 itself
    assert engine.variants("区长办公会议") == ["区长办公会议"]
    assert "外出" in engine.variants("出差")


def test_user_dictionary_keeps_vocabulary_names_whole(corpus):
    tk = S.tokenizer(corpus)
    for name in ("区政府常务会议", "区长办公会议", "规范性文件", "因公出访"):
        assert name in S.segment(tk, f"关于{name}的规定")
    assert "请销假" in S.user_words(corpus)  # a synonym's term


def test_query_cut_agrees_with_the_index_vocabulary(engine):
    assert engine.cut("常务会议出席人数") == ["常务会议", "出席", "人数"]
    assert engine.cut("区长办公会议") == ["区长办公会议"]
    assert engine.cut("12345热线") == ["12345", "热线"]


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
    assert len(arts) <= engine.p["limit"]


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
    assert len(plain) <= engine.p["snippet"] + 2
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
    art = gc["articles"][47]  # article 48
    art[6][0][2] = "<script>alert(1)</script> 会议纪要 & <b> \" ' 由 区长 签发"
    gc["chapters"][8][2] = "完善<i>会议</i>制度"
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
]


@pytest.mark.parametrize("q", BAD, ids=lambda q: repr(q[:12]))
def test_bad_input_never_fails(engine, q):
    hits = engine.search(q)
    assert isinstance(hits, list)
    for h in hits:
        assert "<script" not in h.text and "<script" not in h.title


@pytest.mark.parametrize("q", ["", "  ", "！？。，", "<script>alert(1)</script>", "😀🎉👍", "a" * 10000])
def test_bad_input_finds_nothing(engine, q):
    assert engine.search(q) == []


def test_only_the_first_characters_are_searched(engine):
    q = "会议纪要" + "测" * 10000
    assert engine.parse(q)["chunks"] == engine.parse(q[: int(engine.p["maxq"])])["chunks"]


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
# parity: gcsearch.js (in node) gives exactly what search.py gives


def test_weights_are_binary_fractions():
    """The worker sums term frequencies in another order than search.py: exact only for such weights."""
    for key in ("sub", "word", "bigram", "char", "title", "subject", "define"):
        assert (S.PARAMS[key] * 1024).is_integer(), key


NODE_RUNNER = r"""
const fs = require("fs");
const { Engine } = require(process.argv[1]);
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const engine = new Engine(input.index);
const out = input.queries.map((q) => engine.search(q));
process.stdout.write(JSON.stringify(out));
"""


def run_node(script: str, payload: dict, timeout: int) -> list:
    """Run a snippet against the browser worker's own file in node, JSON in and out."""
    assert NODE, "node is needed to run the browser worker's code (make test installs it with the npm tools)"
    r = subprocess.run(
        [NODE, "-e", script, str(WORKER)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def run_js(index: dict, queries: list[str]) -> list:
    return run_node(NODE_RUNNER, {"index": index, "queries": queries}, 300)


def as_json(hits: list[S.Hit]) -> list[dict]:
    out = []
    for h in hits:
        d = dataclasses.asdict(h)
        d["unitTitle"] = d.pop("unit_title")
        out.append(d)
    return out


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
            q = re.sub(r"[0-9]+", lambda m: S.int_to_cn(int(m.group(0))), piece) + rnd.choice(["", "天", "次"])
        elif kind == 4:
            q = rnd.choice(names) + rnd.choice(["", " ", "的职责", "吗"])
        elif kind == 5:
            s = rnd.choice(corpus.synonyms)
            q = rnd.choice(["", "领导", "会议"]) + s.query + rnd.choice(["", "要报备吗", "规定"])
        elif kind == 6:
            num = rnd.randint(0, 80)
            q = rnd.choice([f"第{num}条", f"第{S.int_to_cn(num)}条", f"{num}条", f"第{num}章", f"第{S.int_to_cn(num)}章 {piece}"])
        elif kind == 7:
            q = "".join(rnd.choice(junk) for _ in range(rnd.randint(1, 8))) + rnd.choice(["", piece])
        else:
            q = piece[: rnd.randint(1, 3)] + rnd.choice(junk) + rnd.choice(texts)[:4]
        out.append(q)
    return out


def test_worker_ranking_equals_python_ranking_on_development_queries(index, engine):
    queries = [q["q"] for q in dev_queries()] or ["会议纪要"]
    assert run_js(index, queries) == [as_json(engine.search(q)) for q in queries]


def test_worker_ranking_equals_python_ranking_on_generated_queries(corpus, index, engine):
    queries = generated_queries(corpus) + BAD
    js = run_js(index, queries)
    diffs = [q for q, j in zip(queries, js, strict=True) if j != as_json(engine.search(q))]
    assert diffs == []


def test_worker_ranking_equals_python_ranking_on_a_hostile_index_with_pages(corpus, index):
    ix = hostile_index(
        S.build_index(corpus, {a.number: f"c/{a.chapter}/" for a in corpus.articles}, [{"location": "x/", "title": "会议<制度>"}])
    )
    eng = S.Engine(ix)
    queries = ["会议纪要", "script", "<script>", "会议制度", "第九章", "第48条", "制度", *BAD]
    assert run_js(ix, queries) == [as_json(eng.search(q)) for q in queries]


WORKER_PROTOCOL = r"""
const fs = require("fs"), vm = require("vm");
const sent = [];
let handler = null;
const self = {
  postMessage: (m) => sent.push(JSON.parse(JSON.stringify(m))),
  addEventListener: (type, fn) => { if (type === "message") handler = fn; },
};
vm.runInNewContext(fs.readFileSync(process.argv[1], "utf8"), { self, console, setTimeout });
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const steps = input.messages;
(async () => {
  for (const m of steps) {
    handler({ data: m });
    await new Promise((r) => setTimeout(r, 5));
  }
  process.stdout.write(JSON.stringify(sent));
})();
"""


def run_worker(messages: list) -> list:
    return run_node(WORKER_PROTOCOL, {"messages": messages}, 120)


def test_worker_speaks_mkdocs_materials_protocol(index):
    out = run_worker(
        [
            {"type": 2, "data": "会议纪要"},
            {"type": 0, "data": {**index, "options": {"suggest": False}}},
            {"type": 2, "data": "會議紀要"},
            {"type": 2, "data": "<script>"},
        ]
    )
    assert [m["type"] for m in out] == [3, 1, 3, 3]  # RESULT (nothing yet), READY, RESULT, RESULT
    assert out[0]["data"] == {"items": []}
    items = out[2]["data"]["items"]
    assert items, "results"
    section, article = items[0]
    # the theme shows the last document of a group as its heading and the others as sections
    assert article["location"] == "chapters/chp_9/#art_48" and article["title"] == "第四十八条 · 第九章 完善会议制度"
    assert section["location"] == "chapters/chp_9/#art_48__para_1" and "<mark>会议纪要</mark>" in section["text"]
    assert section["terms"] == article["terms"] == {"会议纪要": True}
    scores = [g[0]["score"] for g in items]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == len(scores)  # Enter opens the first
    assert all(g[0]["score"] == g[-1]["score"] for g in items)  # no section folded away under "more"
    assert out[3]["data"] == {"items": []}


def test_worker_survives_a_broken_index():
    out = run_worker([{"type": 0, "data": {"config": {}, "docs": []}}, {"type": 2, "data": "会议"}, {"type": 9}])
    assert [m["type"] for m in out] == [1, 3]
    assert out[1]["data"] == {"items": []}


# ---------------------------------------------------------------------------------------------------
# the files in the site


def fake_site(tmp_path: Path, corpus) -> Path:
    site = tmp_path / "site"
    for ch in corpus.document.chapters:
        ids = "".join(f'<h3 id="art_{n}">x</h3><p id="art_{n}__para_1">y</p>' for n in range(ch.first_article, ch.last_article + 1))
        (site / "chapters" / f"chp_{ch.number}").mkdir(parents=True)
        (site / "chapters" / f"chp_{ch.number}" / "index.html").write_text(f"<html><body>{ids}</body></html>", encoding="utf-8")
    everything = "".join(f'<h3 id="art_{n}">x</h3>' for n in range(1, 73))
    (site / "all.html").write_text(everything, encoding="utf-8")  # a full-text page: not where articles live
    (site / "index.html").write_text('<a href="chapters/chp_9/#art_40">link</a>', encoding="utf-8")
    stock = {
        "config": {"lang": ["zh"], "separator": "[\\s\\-]+", "pipeline": ["stemmer"], "fields": {}},
        "docs": [
            {"location": "", "title": "首页", "text": "正文" * 100},
            {"location": "chapters/chp_9/", "title": "第九章\u200b 完善\u200b会议\u200b制度", "text": "会议" * 100},
            {"location": "chapters/chp_9/#art_40", "title": "第四十条", "text": "常务会议" * 100},
        ],
    }
    (site / "search").mkdir()
    (site / INDEX_PATH).write_text(json.dumps(stock, ensure_ascii=False), encoding="utf-8")
    return site


def test_articles_belong_to_their_chapter_page(tmp_path, corpus):
    site = fake_site(tmp_path, corpus)
    pages = article_pages(site)
    assert pages[40] == "chapters/chp_9/"
    assert pages[1] == "chapters/chp_1/"
    assert set(pages) == set(range(1, 73))


def test_write_site_search_replaces_the_plugins_index_and_adds_the_worker(tmp_path, corpus):
    site = fake_site(tmp_path, corpus)
    stock_raw = (site / INDEX_PATH).read_bytes()
    write_site_search(corpus, site)
    ix = json.loads((site / INDEX_PATH).read_text(encoding="utf-8"))
    assert ix["docs"] == []
    assert ix["config"]["separator"] == "[\\s\\-]+"  # the theme's highlighter on the target page uses it
    gc = ix["config"]["gc"]
    assert gc["v"] == S.INDEX_FORMAT
    assert gc["stock"] == {"bytes": len(stock_raw), "gzip": len(gzip.compress(stock_raw, 9))}
    assert gc["docs"] == [["", "首页"], ["chapters/chp_9/", "第九章 完善会议制度"]]
    assert len(gc["articles"]) == 72
    assert (site / WORKER_PATH).read_bytes() == WORKER.read_bytes()
    # a second run (mkdocs serve rebuilding) keeps what the first learnt
    write_site_search(corpus, site)
    assert json.loads((site / INDEX_PATH).read_text(encoding="utf-8")) == ix


def test_write_site_search_without_the_search_plugin(tmp_path, corpus):
    site = fake_site(tmp_path, corpus)
    (site / INDEX_PATH).unlink()
    write_site_search(corpus, site)
    gc = json.loads((site / INDEX_PATH).read_text(encoding="utf-8"))["config"]["gc"]
    assert "stock" not in gc and gc["docs"] == [] and len(gc["articles"]) == 72


def test_built_site_carries_our_index_and_worker(site_dir, corpus):
    ix = json.loads((site_dir / INDEX_PATH).read_text(encoding="utf-8"))
    gc = ix["config"]["gc"]
    assert len(gc["articles"]) == len(corpus.articles)
    assert (site_dir / WORKER_PATH).exists()
    assert "assets/javascripts/gcsearch.js" in (site_dir / "index.html").read_text(encoding="utf-8")
    for number, _h, _c, page, *_ in gc["articles"]:
        html = (site_dir / gc["pages"][page] / "index.html").read_text(encoding="utf-8")
        assert f'id="art_{number}"' in html
    # compact: what the search downloads stays well under twice the plugin's own index (gzip)
    raw = (site_dir / INDEX_PATH).read_bytes() + (site_dir / WORKER_PATH).read_bytes()
    assert len(gzip.compress(raw, 9)) <= 2 * gc["stock"]["gzip"]


# ---------------------------------------------------------------------------------------------------
# the CLI


def cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "gangcheng_rules.cli", "search", *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8"
    )


def test_cli_search_prints_ranked_articles():
    r = cli("常务会议多久开一次", "--limit", "3")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == " 1. 第四十条 · 第九章 完善会议制度  chapters/chp_9/#art_40"
    assert sum(1 for line in lines if re.match(r"^ ?\d+\. ", line)) == 3


def test_cli_search_json_is_the_sites_ranking(engine):
    r = cli("會議紀要", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
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
    assert r.returncode == 0 and json.loads(r.stdout) == []


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
