"""Everyday phrasing (data/vocab/phrases.yaml, thesaurus.py) and the extra pages in the search index,
specified by what they add to the index and by the reports a bad entry gets."""

from __future__ import annotations

import dataclasses
import re

import pytest

from datacopy import DataCopy
from gangcheng_rules import render
from gangcheng_rules.model import Phrase
from gangcheng_rules.read import read_raw, squash
from gangcheng_rules.search import Engine, _dec
from gangcheng_rules.searchsite import corpus_index, page_sections
from gangcheng_rules.thesaurus import CAP, article_phrases
from gangcheng_rules.validate import validate

PHRASES = "data/vocab/phrases.yaml"


@pytest.fixture(scope="module")
def index(corpus):
    return corpus_index(corpus, render.pages(corpus, {}, {}))


def gc_article(index, number: int) -> dict:
    return next(a for a in index["config"]["gc"]["articles"] if a["number"] == number)


# ------------------------------------------------------------------ expansion


def test_an_article_whose_text_holds_a_wording_carries_the_phrase_and_others_do_not(corpus):
    # 打报告 stands for 请示: articles 53, 54 and 63 say 请示; article 69 does not
    assert "打报告" in article_phrases(corpus, corpus.article(53))
    assert "打报告" in article_phrases(corpus, corpus.article(63))
    assert "打报告" not in article_phrases(corpus, corpus.article(69))
    # every phrase an article carries has a wording in that article's own text
    by_phrase = {p.phrase: p for p in corpus.phrases}
    for a in corpus.articles:
        for ph in article_phrases(corpus, a):
            assert any(squash(w) in squash(a.text) for w in by_phrase[ph].wording), (a.number, ph)


def test_phrase_level_entries_bridge_the_everyday_wordings(corpus):
    cases = {"来不了": 47, "没商量好": 46, "曝光": 33, "每三个月": 25}
    for phrase, number in cases.items():
        assert phrase in article_phrases(corpus, corpus.article(number)), phrase


def test_an_article_carries_at_most_cap_phrases_in_the_tables_order(corpus):
    many = tuple(Phrase(f"说法{i:02d}", ("请示",), "测试") for i in range(CAP + 5))
    c = dataclasses.replace(corpus, phrases=many)
    got = article_phrases(c, c.article(53))
    assert got == [p.phrase for p in many[:CAP]]


def test_without_a_phrase_table_nothing_is_added(corpus):
    c = dataclasses.replace(corpus, phrases=())
    assert all(article_phrases(c, a) == [] for a in c.articles)


def test_the_index_carries_each_phrase_as_one_token_and_the_browser_cuts_queries_into_it(corpus, index):
    assert "打报告" in _dec(gc_article(index, 53)["thesaurus"])
    assert gc_article(index, 1)["thesaurus"] == ""
    assert "没商量好" in index["config"]["gc"]["lex"].split()
    engine = Engine(index)
    assert engine.call("cut", "没商量好") == ["没商量好"]
    assert engine.call("cut", "要打报告") == ["要", "打报告"]


def test_the_phrases_do_not_change_how_the_legal_text_is_segmented(corpus, index):
    bare = corpus_index(dataclasses.replace(corpus, phrases=()), render.pages(corpus, {}, {}))
    for a, b in zip(index["config"]["gc"]["articles"], bare["config"]["gc"]["articles"], strict=True):
        assert a["units"] == b["units"]


# ------------------------------------------------------------------ the table's entries


def test_every_entry_of_the_real_table_is_valid_and_general(corpus):
    assert len(corpus.phrases) >= 40
    text = squash(corpus.source_text)
    for p in corpus.phrases:
        assert p.note.strip(), p.phrase
        assert all(squash(w) in text for w in p.wording), p.phrase
        # a phrase is what people say instead: were it the text's own word, it would need no entry
        assert p.phrase not in p.wording


def test_a_wording_the_text_lacks_is_reported_with_file_line_and_pointer(tmp_path):
    d = DataCopy(tmp_path, remembered=True)
    d.replace(PHRASES, "  wording: [每季度]\n", "  wording: [每季度, 每三月]\n")
    line = d.read(PHRASES)[: d.read(PHRASES).index("  wording: [每季度, 每三月]")].count("\n") + 1
    (p,) = validate(read_raw(tmp_path))
    assert str(p) == f"{PHRASES}:{line}: $[16].wording[1]: '每三月' does not occur in the text, so the phrase would find nothing"


def test_a_duplicate_phrase_is_reported_at_its_second_entry(tmp_path):
    d = DataCopy(tmp_path, remembered=True)
    body = d.read(PHRASES)
    first = re.search(r"^- phrase: (\S+)$", body, re.M).group(1)
    n = len(re.findall(r"^- phrase:", body, re.M))
    d.write(PHRASES, body + f"- phrase: {first}\n  wording: [请示]\n  note: 重复。\n")
    (p,) = validate(read_raw(tmp_path))
    assert str(p) == f"{PHRASES}:{body.count(chr(10)) + 1}: $[{n}].phrase: duplicate phrase {first!r} (first at entry 0)"


def test_a_phrase_with_a_space_or_punctuation_is_refused_by_the_schema(tmp_path):
    d = DataCopy(tmp_path, remembered=True)
    body = d.read(PHRASES)
    d.write(PHRASES, body + "- phrase: 打 报告\n  wording: [请示]\n  note: 有空格。\n")
    (p,) = validate(read_raw(tmp_path))
    assert str(p).startswith(f"{PHRASES}:{body.count(chr(10)) + 1}: $[") and "'打 报告' does not match" in str(p)


# ------------------------------------------------------------------ extra pages


def test_the_reference_pages_are_indexed_by_section_with_the_pages_own_anchors(corpus, index):
    docs = {d["location"]: d for d in index["config"]["gc"]["docs"]}
    pages = {p.src_uri: p for p in render.pages(corpus, {}, {})}
    expected = {
        render.HOME: {"notice"},
        render.MEETINGS: {t.id for t in corpus.actors if t.kind == "meeting" and t.defined_in},
        render.ACTORS: {t.id for t in corpus.actors},
        render.SUBJECTS: {t.id for t in corpus.subjects},
        render.FIGURES: {"deadline", "frequency", "quorum", "threshold"},
    }
    for src, anchors in expected.items():
        units = docs[render.page_url(src)]["units"]
        assert set(units["eid"]) == anchors | {""}, src  # "": the page's top, found by its heading
        assert units["eid"][0] == "" and units["label"][0] == docs[render.page_url(src)]["title"]
        assert len(units["label"]) == len(units["tokens"]) == len(units["eid"])
        md = pages[src].markdown
        for anchor in units["eid"]:
            # the anchor is an id on the page: a heading attribute or an element id
            assert f"{{ #{anchor}" in md or f'id="{anchor}"' in md, (src, anchor)
    # chapter pages are articles: their own doc stays title-only
    assert "units" not in docs[render.page_url(render.chapter_src(9))]


def test_each_section_holds_what_its_page_shows(corpus, index):
    docs = {d["location"]: d for d in index["config"]["gc"]["docs"]}

    def text(src, anchor):
        u = docs[render.page_url(src)]["units"]
        return "".join(_dec(u["tokens"][u["eid"].index(anchor)]))

    assert corpus.document.notice.body in text(render.HOME, "notice")
    assert "每半年召开一次" in text(render.MEETINGS, "plenary_meeting")
    mayor = corpus.term("actors", "mayor")
    assert mayor.name in text(render.ACTORS, "mayor") and mayor.description in text(render.ACTORS, "mayor")
    assert "提前3天" in text(render.FIGURES, "deadline")
    # what a section shows is never legal text that belongs to the articles: no norm list under actors
    assert "外出或休假事前报告区长" not in text(render.ACTORS, "mayor")
    # other names as the page lists them, so that a snippet does not run them together with the name
    named = next(t for t in corpus.actors if len(t.aliases) >= 2)
    listed = "文中又称：" + "、".join(named.aliases)
    assert listed in text(render.ACTORS, named.id)
    subject = next(t for t in corpus.subjects if t.aliases)
    assert "相关词：" + "、".join(subject.aliases) in text(render.SUBJECTS, subject.id)


def test_a_sections_other_names_read_as_its_page_lists_them(corpus, site_dir):
    named = next(t for t in corpus.actors if len(t.aliases) >= 2)
    page = (site_dir / render.page_url(render.ACTORS) / "index.html").read_text(encoding="utf-8")
    assert "文中又称：" + "、".join(named.aliases) in page


def test_pages_without_sections_are_searched_by_their_heading_only(corpus):
    assert page_sections(corpus, render.DATASET) == []
    assert page_sections(corpus, render.chapter_src(1)) == []
