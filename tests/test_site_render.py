"""Rendering the pages from the data: the legal text verbatim and escaped, eIds as ids, links that add
no characters, and indexes derived from the data. Pages are converted with the Markdown extensions
mkdocs.yml configures, so what is checked here is what the site shows.

Regenerate the golden files after an intended change with: GC_UPDATE_GOLDEN=1 pytest tests/test_site_render.py
"""

from __future__ import annotations

import dataclasses
import html
import json
import os
import re
from pathlib import Path

import markdown
import pytest
import yaml

from conftest import ROOT, fragment_texts
from gangcheng_rules import render
from gangcheng_rules.export import build_files
from gangcheng_rules.model import Norm
from gangcheng_rules.project import Project
from gangcheng_rules.render import htmlblocks
from linkcheck import scan

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("GC_UPDATE_GOLDEN") == "1"


def markdown_extensions():
    """The extensions and settings of mkdocs.yml, so tests convert pages exactly as the build does."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, settings = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            settings[name] = options
    return names, settings


def to_html(md: str) -> str:
    """A page's Markdown converted as the build converts it: its HTML blocks carried past Markdown and put back."""
    names, settings = markdown_extensions()
    md = re.sub(r"\A---\n.*?\n---\n", "", md, flags=re.S)  # front matter is MkDocs', not Markdown's
    return htmlblocks.restore(markdown.markdown(htmlblocks.carry(md), extensions=names, extension_configs=settings))


def inner_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.fixture(scope="module")
def schemas():
    return {p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8")) for p in (ROOT / "schema").glob("*.schema.json")}


@pytest.fixture(scope="module")
def site_pages(corpus, schemas):
    return {p.src_uri: p for p in render.pages(corpus, build_files(corpus, Project(ROOT)), schemas)}


@pytest.fixture(scope="module")
def chapter_html(corpus, site_pages):
    return {c.number: to_html(site_pages[render.chapter_src(c.number)].markdown) for c in corpus.document.chapters}


# ---------------------------------------------------------------- the legal text


def test_every_article_paragraph_item_and_norm_carries_its_eid_as_html_id(corpus, chapter_html):
    ids: list[str] = []
    for page in chapter_html.values():
        ids += [i for i in re.findall(r'\sid="([^"]+)"', page)]
    expected = {a.eid for a in corpus.articles}
    expected |= {eid for a in corpus.articles for eid in a.fragments()}
    expected |= {o.id for o in corpus.norms}
    assert len(corpus.articles) == 72
    assert expected <= set(ids), sorted(expected - set(ids))[:10]
    assert len(ids) == len(set(ids)), "an id occurs twice across the chapter pages"


def test_each_chapter_page_has_its_articles_in_order(corpus, chapter_html):
    for chapter in corpus.document.chapters:
        found = [int(n) for n in re.findall(r'<h2 id="art_(\d+)"', chapter_html[chapter.number])]
        assert found == list(range(chapter.first_article, chapter.last_article + 1))


def test_article_headings_read_in_chinese_numerals(chapter_html):
    heading = re.search(r'<h2 id="art_40">(.*?)</h2>', chapter_html[9]).group(1)
    assert inner_text(heading).replace("\u2060¶", "").strip() == "第四十条"


def test_chapter_heading_shows_number_and_title(chapter_html):
    h1 = re.search(r'<h1 id="chp_9">(.*?)</h1>', chapter_html[9]).group(1)
    assert inner_text(h1) == "第九章 完善会议制度"


def test_the_text_a_reader_sees_is_the_source_text_character_for_character(corpus, chapter_html):
    shown: dict[str, str] = {}
    for page in chapter_html.values():
        shown.update(fragment_texts(page))
    expected = {eid: text for a in corpus.articles for eid, text in a.fragments().items()}
    assert shown == expected


def test_items_show_their_label_and_unlabelled_items_show_none(chapter_html):
    item = re.search(r'<li class="gc-item" id="art_39__para_1__list_1__item_3">(.*?)</li>', chapter_html[9]).group(1)
    assert '<span class="gc-label">（三）</span>' in item
    unlabelled = re.search(
        r'<li class="gc-item gc-item--unlabelled" id="art_43__para_1__list_1__item_2">(.*?)</li>', chapter_html[9]
    ).group(1)
    assert "gc-label" not in unlabelled
    assert inner_text(unlabelled).startswith("研究决定有关人事任免事项")


def test_article_paragraph_and_item_have_permalinks_with_chinese_names(chapter_html):
    page = chapter_html[9]
    assert '<a class="gc-permalink" href="#art_40" aria-label="第四十条的链接">' in page
    assert '<a class="gc-permalink" href="#art_40__para_1" aria-label="第四十条第一款的链接">' in page
    assert '<a class="gc-permalink" href="#art_39__para_1__list_1__item_3" aria-label="第三十九条第一款第三项的链接">' in page


def test_a_norm_quote_is_marked_where_it_sits_without_changing_the_paragraph(corpus, chapter_html):
    page = chapter_html[9]
    span = re.search(r'<span class="gc-norm gc-norm--[a-z]+" id="art_40__norm_1">(.*?)</span>', page).group(1)
    assert inner_text(span) == corpus.article(40).norms[0].quote == "由区长召集和主持"


def test_nested_norm_quotes_nest_and_every_norm_id_is_used_once(corpus, chapter_html):
    page = chapter_html[8]
    for o in corpus.article(37).norms:
        assert page.count(f'id="{o.id}"') == 1


# ---------------------------------------------------------------- escaping

HOSTILE = '<script>alert("x")</script><b onclick="x">粗</b> **星号** _下划线_ [链接](http://evil.example/) `代码` &amp; {#id}'


def hostile_corpus(corpus):
    """The corpus with HTML and Markdown planted in text of every kind: legal text, titles, names, notes."""
    a1 = corpus.article(1)
    a1 = dataclasses.replace(a1, paragraphs=(dataclasses.replace(a1.paragraphs[0], text=HOSTILE + a1.paragraphs[0].text),))
    d = corpus.document
    chapters = (dataclasses.replace(d.chapters[0], title=HOSTILE), *d.chapters[1:])
    d = dataclasses.replace(d, chapters=chapters, notice=dataclasses.replace(d.notice, body=HOSTILE), classification=HOSTILE)
    actors = tuple(dataclasses.replace(t, name=HOSTILE, description=HOSTILE) if t.id == "mayor" else t for t in corpus.actors)
    subjects = tuple(dataclasses.replace(t, name=HOSTILE) if t.id == "general" else t for t in corpus.subjects)
    return dataclasses.replace(corpus, articles=(a1, *corpus.articles[1:]), document=d, actors=actors, subjects=subjects)


def test_html_and_markdown_in_the_data_render_as_text(corpus, schemas):
    evil = hostile_corpus(corpus)
    pages = render.pages(evil, build_files(corpus, Project(ROOT)), schemas)
    for page in pages:
        out = to_html(page.markdown)
        assert "<script>" not in out and "<b " not in out, page.src_uri
        assert "evil.example" not in " ".join(re.findall(r'href="([^"]*)"', out)), page.src_uri
        assert "<strong>星号" not in out and "<em>下划线" not in out and "<code>代码" not in out, page.src_uri
    chapter_1 = to_html(next(p for p in pages if p.src_uri == render.chapter_src(1)).markdown)
    assert fragment_texts(chapter_1)["art_1__para_1"] == HOSTILE + corpus.article(1).paragraphs[0].text
    assert inner_text(re.search(r'<h1 id="chp_1">(.*?)</h1>', chapter_1).group(1)) == f"第一章 {HOSTILE}"
    actors = to_html(next(p for p in pages if p.src_uri == render.ACTORS).markdown)
    heading = re.search(r'<h2 id="mayor">(.*?)<a class="gc-permalink"', actors).group(1)
    assert inner_text(heading).strip() == HOSTILE


def test_table_of_contents_labels_from_the_data_are_text(corpus):
    names, settings = markdown_extensions()
    evil = hostile_corpus(corpus)
    md = markdown.Markdown(extensions=names, extension_configs=settings)
    md.convert(render.chapter_page(evil, evil.document.chapters[0]).markdown)
    assert html.unescape(md.toc_tokens[0]["name"]) == f"第一章 {HOSTILE}"


# ---------------------------------------------------------------- golden files


@pytest.mark.parametrize("number", [39, 40, 43, 49, 69])
def test_rendered_article_matches_its_golden_file(corpus, number):
    """39 labelled items and related articles; 40 a meeting's competences and quorum; 43 unlabelled items and
    notes; 49 prohibitions and an exception; 69 gates with approvers and deadlines."""
    article = corpus.article(number)
    check_golden(f"art_{number}.md", render.article_block(corpus, article, render.chapter_src(article.chapter)))


def every_kind_and_construction(corpus):
    """Article 49 tagged with one norm of every kind and construction (a rendering fixture, not a reading of 49)."""
    a = corpus.article(49)
    p = a.paragraphs[0].eid
    norms = (
        Norm(
            "art_49__norm_1", "duty", "explicit", ("departments",), "确需邀请的须报区政府批准", p, modality="obligation",
            strength="standard", cue="须", roles=(("approver", ("district_government",)),), action="邀请街道、功能区负责人参加会议前报区政府批准",
            condition="确需邀请的", overrides=("art_49__norm_2",),
        ),
        Norm(
            "art_49__norm_2", "duty", "explicit", ("departments",), "一律不得邀请各街道办事处、功能区管委会主要负责人及分管负责人参加", p,
            modality="prohibition", strength="strict", cue="不得", action="邀请各街道办事处、功能区管委会主要负责人及分管负责人参加部门工作会议",
        ),
        Norm(
            "art_49__norm_3", "duty", "explicit", ("deputy_mayor",), "分管区长一律不参加", p, modality="prohibition", strength="strict",
            cue="一律", action="参加各部门单独召开的系统内表彰会议",
        ),
        Norm(
            "art_49__norm_4", "duty", "assigned", ("district_government", "departments"), "要减少数量，控制规模", p, modality="obligation",
            strength="standard", cue=None, bearer_mode="each", action="减少工作会议数量，控制规模",
        ),
        Norm(
            "art_49__norm_5", "duty", "inferred", ("deputy_mayor",), "原则上不要求各街道办事处、功能区管委会和区政府其他相关部门主要负责人参加", p,
            modality="permission", strength="defeasible", action="只要求分管部门主要负责人参加其召开的会议", exception="除分管部门外",
        ),
        Norm(
            "art_49__norm_6", "competence", "assigned", ("district_government",), "确需邀请的须报区政府批准", p,
            action="批准部门会议邀请街道、功能区负责人参加",
        ),
        Norm(
            "art_49__norm_7", "constitutive", "assigned", ("departments",), "各类会议都要开短会、讲短话", p, constitutive="scope",
            action="开短会、讲短话的要求适用于各类会议",
        ),
        Norm(
            "art_49__norm_8", "sanction", "assigned", ("departments",), "不作宣传报道", p, action="系统内表彰会议不作宣传报道",
            enforces=("art_49__norm_2",),
        ),
    )  # fmt: skip
    return dataclasses.replace(
        corpus, articles=tuple(dataclasses.replace(x, norms=norms) if x.number == 49 else x for x in corpus.articles)
    )


def norm_readings(md: str) -> list[str]:
    """The reading of each norm row (bearer, word, act), without the figures and the place."""
    rows = re.findall(r'<li class="gc-norm-row[^"]*"[^>]*>(.*?)</li>', to_html(md))
    return [inner_text(re.split(r'<span class="gc-(?:badge|fact)|<a class="gc-where"', r)[0]) for r in rows]


def test_every_kind_and_construction_reads_as_specified(corpus):
    c = every_kind_and_construction(corpus)
    assert norm_readings(render.article_block(c, c.article(49), render.chapter_src(9))) == [
        "区政府各部门 须 邀请街道、功能区负责人参加会议前报区政府批准",
        "区政府各部门 不得 邀请各街道办事处、功能区管委会主要负责人及分管负责人参加部门工作会议",
        "副区长 一律不 参加各部门单独召开的系统内表彰会议",
        "区政府、区政府各部门（各自） 编者归纳：须 减少工作会议数量，控制规模",
        "副区长 编者推定：可 只要求分管部门主要负责人参加其召开的会议",
        "职权：区政府 批准部门会议邀请街道、功能区负责人参加",
        "适用范围：开短会、讲短话的要求适用于各类会议",
        "责任：系统内表彰会议不作宣传报道",
    ]


def test_every_kind_and_construction_matches_its_golden_file(corpus):
    c = every_kind_and_construction(corpus)
    check_golden("norm_kinds.md", render.article_block(c, c.article(49), render.chapter_src(9)))


def check_golden(name: str, got: str) -> None:
    golden = GOLDEN / name
    if UPDATE_GOLDEN:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8"), f"rendering changed; if intended, rerun with GC_UPDATE_GOLDEN=1 and review {golden}"


# ---------------------------------------------------------------- cross-links


def links_in(fragment: str) -> list[tuple[str, str]]:
    return [(h, inner_text(t)) for h, t in re.findall(r'<a class="gc-xref[^"]*" href="([^"]+)">(.*?)</a>', fragment)]


def fragment(corpus, eid: str) -> str:
    number = int(re.match(r"art_(\d+)", eid).group(1))
    article = corpus.article(number)
    return render.fragment_html(corpus, article, eid, article.fragments()[eid], render.chapter_src(article.chapter))


def test_cross_links_add_no_character_to_the_legal_text(corpus):
    for a in corpus.articles:
        for eid, text in a.fragments().items():
            assert inner_text(fragment(corpus, eid)) == text, eid


def test_a_meeting_mentioned_elsewhere_links_to_the_article_that_defines_it(corpus):
    assert links_in(fragment(corpus, "art_41__para_1__list_1__item_3")) == [("#art_40", "区政府常务会议")]
    assert ("../chp_9/#art_40", "常务会议") in links_in(fragment(corpus, "art_17__para_1"))


def test_the_defining_article_does_not_link_to_itself(corpus):
    assert all(h != "#art_40" for h, _ in links_in(fragment(corpus, "art_40__para_1")))
    assert all(h != "#art_40" for h, _ in links_in(fragment(corpus, "art_40__para_2")))


def test_longest_wording_wins_and_links_never_overlap(corpus):
    # 区政府办公室主任 (defined in 7) is linked whole, not as 办公室主任 or 区政府办公室.
    assert ("../chp_2/#art_7", "区政府办公室主任") in links_in(fragment(corpus, "art_39__para_1"))
    for a in corpus.articles:
        for eid in a.fragments():
            out = fragment(corpus, eid)
            assert not re.search(r"<a [^>]*>[^<]*(<(?!/a)[^>]*>[^<]*)*<a ", out), f"nested link in {eid}"


def test_wordings_of_undefined_actors_are_not_linked_to_another_actor(corpus):
    # 街道办事处、功能区管委会主要负责人 has no defining article: its 主要负责人 must not link to 区政府工作部门主要负责人.
    text = corpus.article(40).fragments()["art_40__para_2"]
    assert "街道办事处、功能区管委会主要负责人" in text
    assert all(t != "主要负责人" for _, t in links_in(fragment(corpus, "art_40__para_2")))


def test_cited_instrument_titles_link_to_the_citations_page(corpus):
    got = links_in(fragment(corpus, "art_1__para_1"))
    assert ("../../citations/#constitution", "中华人民共和国宪法") in got
    assert len([h for h, _ in got if "citations" in h]) == 6
    # Written without 《》 in the text, linked where the article cites it.
    assert ("../../citations/#eight_point_rules", "中央八项规定") in links_in(fragment(corpus, "art_66__para_1"))
    # The nested 〈…〉 title inside a longer 《…》 title is not linked separately.
    assert len([h for h, _ in links_in(fragment(corpus, "art_51__para_1")) if "citations" in h]) == 3


def test_crossing_spans_are_split_and_the_id_kept_once():
    text = "甲乙丙丁戊"
    out = render.markup(
        text,
        [
            render.Wrap(0, 3, "span", (("id", "n1"),)),
            render.Wrap(2, 5, "a", (("href", "#x"), ("id", "l1")), rank=1),
        ],
    )
    assert inner_text(out) == text
    assert out == '<span id="n1">甲乙<a href="#x" id="l1">丙</a></span><a href="#x">丁戊</a>'


# ---------------------------------------------------------------- labels and links


@pytest.mark.parametrize(
    ("eid", "label"),
    [
        ("art_40", "第四十条"),
        ("art_40__para_1", "第四十条第一款"),
        ("art_39__para_1__list_1__item_3", "第三十九条第一款第三项"),
        ("art_12__para_2", "第十二条第二款"),
    ],
)
def test_eid_labels_use_chinese_numerals(eid, label):
    assert render.eid_label(eid) == label


@pytest.mark.parametrize(
    ("frm", "to", "anchor", "expected"),
    [
        ("index.md", "chapters/chp_9.md", "", "chapters/chp_9/"),
        ("chapters/chp_9.md", "chapters/chp_2.md", "art_7", "../chp_2/#art_7"),
        ("chapters/chp_9.md", "actors.md", "mayor", "../../actors/#mayor"),
        ("actors.md", "index.md", "", "../"),
        ("chapters/chp_9.md", "chapters/chp_9.md", "art_40", "#art_40"),
    ],
)
def test_links_between_pages_are_relative(frm, to, anchor, expected):
    assert render.href(frm, to, anchor) == expected


def test_downloads_link_into_the_export_relative_to_the_page():
    assert render.file_href("index.md", "data/rules.json") == "data/rules.json"
    assert render.file_href("dataset.md", "data/rules.json") == "../data/rules.json"


def test_chapter_article_ranges_read_in_chinese(corpus):
    ranges = [render.article_range(c) for c in corpus.document.chapters]
    assert ranges[0] == "第一条至第三条"
    assert ranges[-1] == "第七十二条"


# ---------------------------------------------------------------- pages derived from the data


def test_nav_lists_home_twelve_chapters_indexes_and_data(corpus):
    nav = render.nav(corpus)
    assert nav[0] == {"首页": "index.md"}
    chapters = nav[1]["正文"]
    assert len(chapters) == 12
    assert chapters[8] == {"第九章 完善会议制度": "chapters/chp_9.md"}
    assert [next(iter(x.values())) for x in nav[2]["索引"]] == ["subjects.md", "actors.md", "citations.md", "meetings.md", "figures.md"]
    assert nav[3] == {"开放数据": [{"数据文件与结构": "dataset.md"}, {"使用数据": "using-data.md"}, {"变更记录": "changes.md"}]}


def test_home_page_has_the_policy_library_record_notice_contents_and_downloads(corpus, site_pages):
    out = to_html(site_pages["index.md"].markdown)
    for label in ("标题", "发文机关", "成文日期", "施行日期", "主题分类", "状态", "数据版本"):
        assert f"<dt>{label}</dt>" in out
    assert "现行有效" in out and "2022年4月8日" in out and corpus.document.dataset_version in out
    assert corpus.document.notice.title in out and corpus.document.notice.addressees in out
    assert out.count('class="gc-contents-no"') == 12
    assert "第一条至第三条" in out
    for path in (
        "data/rules.json",
        "data/norms.csv",
        "data/articles.jsonl",
        "data/datapackage.json",
        "data/schema/article.schema.json",
    ):
        assert f'href="{path}"' in out


def test_meeting_table_is_read_from_the_articles_that_constitute_the_meetings(corpus):
    rows = {r["m"].id: r for r in render.meeting_rows(corpus)}
    assert list(rows) == ["plenary_meeting", "executive_meeting", "mayor_office_meeting", "special_meeting", "party_group_meeting"]
    assert [q["text"] for q in rows["plenary_meeting"]["frequency"]] == ["每半年召开一次"]
    assert [q["text"] for q in rows["executive_meeting"]["frequency"]] == ["每月召开一次"]
    assert [q["text"] for q in rows["mayor_office_meeting"]["frequency"]] == ["每周召开一次"]
    assert [q["text"] for q in rows["special_meeting"]["frequency"]] == ["根据需要召开"]  # recorded as its frequency since 2.0.0
    assert [q["text"] for q in rows["executive_meeting"]["quorum"]] == ["超过应到人数的二分之一"]
    assert [q["text"] for q in rows["party_group_meeting"]["quorum"]] == ["超过应到人数的二分之一", "超过应到人数的三分之二"]
    assert rows["plenary_meeting"]["quorum"] == []
    assert rows["executive_meeting"]["composition"]["text"] == "由区长、副区长、区政府办公室主任组成"
    assert rows["special_meeting"]["composition"] is None
    assert [q["text"] for q in rows["executive_meeting"]["conveners"]] == ["由区长召集和主持"]
    assert len(rows["executive_meeting"]["tasks"]) == 7
    assert rows["party_group_meeting"]["tasks"][0][0] == ""  # unlabelled, as printed
    assert any("列席" in q["text"] for q in rows["mayor_office_meeting"]["attend"])


def test_actor_index_lists_norms_by_kind_with_links_to_the_quote(corpus, site_pages):
    out = to_html(site_pages["actors.md"].markdown)
    section = out[out.index('<h2 id="mayor">') : out.index('<h2 id="executive_deputy_mayor">')]
    assert "召集和主持区政府常务会议" in section
    assert 'href="../chapters/chp_9/#art_40__norm_1"' in section
    duties = render.actor_duties(corpus, corpus.term("actors", "mayor"), render.ACTORS)
    order = [css for css, _ in render.BEARER_GROUPS]
    assert [css for css, _, _ in duties["groups"]] == sorted((css for css, _, _ in duties["groups"]), key=order.index)
    assert duties["count"] == sum(1 for o in corpus.norms if "mayor" in o.bearers)
    for css, _, rows in duties["groups"]:
        assert all(render.norm_class(r["n"]) == css and "mayor" in r["n"].bearers for r in rows)


def test_an_actors_role_entries_say_who_acts_and_in_which_role(corpus, site_pages):
    out = to_html(site_pages["actors.md"].markdown)
    section = out[out.index('<h2 id="mayor">') : out.index('<h2 id="executive_deputy_mayor">')]
    duties = render.actor_duties(corpus, corpus.term("actors", "mayor"), render.ACTORS)
    assert duties["roles"], "区长 approves, receives reports and signs for others"
    for role, name, rows in duties["roles"]:
        assert f"作为{name}" in section
        for r in rows:
            assert "mayor" not in r["n"].bearers or role not in ("approver", "signer", "reviewer")
            assert "mayor" in dict(r["n"].roles)[role]
    entries = re.findall(r'<li class="gc-normtag[^"]*">(.*?)</li>', section)
    role_entries = [inner_text(e) for e in entries if "gc-role-of" in e]
    assert role_entries and all(re.search(r"（区长：[^）]+）", e) for e in role_entries)
    # who acts is named first: the bearer, never the 区长 whose page this is
    assert all(not e.startswith("区长 ") for e in role_entries if "（区长：审批方）" in e)


def test_every_actor_subject_and_instrument_has_a_section_with_its_id(corpus, site_pages):
    for page, vocab in (("actors.md", corpus.actors), ("subjects.md", corpus.subjects), ("citations.md", corpus.instruments)):
        ids = scan(to_html(site_pages[page].markdown)).ids
        assert {t.id for t in vocab} <= ids, page


def test_data_page_documents_every_schema_property(schemas, site_pages):
    out = to_html(site_pages["dataset.md"].markdown)
    for name, schema in schemas.items():
        assert f'id="schema-{name}"' in out
        for prop in schema.get("properties", {}):
            assert f"<code>{prop}</code>" in out, (name, prop)
    for prop in schemas["article"]["$defs"]["norm"]["properties"]:
        assert f"<code>{prop}</code>" in out


def test_data_page_lists_every_synonym_of_the_data_and_says_so_when_there_are_none(corpus, schemas):
    files = build_files(corpus, Project(ROOT))
    out = to_html(render.dataset_page(corpus, files, schemas).markdown)
    rows = [
        inner_text(r)
        for r in re.findall(r"<tr><td.*?</tr>", out.split('class="gc-table gc-stack gc-synonyms"', 1)[1].split("</table>", 1)[0])
    ]
    assert corpus.synonyms and len(rows) == len(corpus.synonyms)
    for s, row in zip(corpus.synonyms, rows, strict=True):
        assert row.startswith(s.query) and "、".join(s.terms) in row, row
    assert "目前尚未收录同义词" not in out
    empty = to_html(render.dataset_page(dataclasses.replace(corpus, synonyms=()), files, schemas).markdown)
    assert "目前尚未收录同义词" in empty and "gc-synonyms" not in empty


def test_the_figures_page_lists_every_deadline_frequency_and_threshold_linked_to_its_paragraph(corpus, site_pages):
    groups = render.figure_rows(corpus)
    rows = [r for g in groups for r in g["rows"]]
    expected = [(n.id, q.text) for n in corpus.norms for q in (n.deadline, n.frequency, n.threshold) if q]
    assert sorted((r["n"].id, r["figure"]) for r in rows) == sorted(expected)
    for r in rows:
        chapter = corpus.article(r["n"].article).chapter
        assert r["href"] == f"../chapters/chp_{chapter}/#{r['n'].source}"
    quorum = next(g for g in groups if g["key"] == "quorum")["rows"]
    assert quorum and all(r["n"].threshold.quantity == "attendance" or r["n"].constitutive == "quorum" for r in quorum)
    out = to_html(site_pages[render.FIGURES].markdown)
    assert out.count('<tr class="gc-normtag') == len(expected)
    assert render.LEGEND in out
