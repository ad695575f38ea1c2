"""A person asking the built site's search box in Chromium (issue 11): the lead entry.

They type as staff do; for a topic the rules do not cover they read 本规则未涉及“…” and where to look
instead, with no article listed; for 第99条 how many articles there are, and Enter takes them to the
contents; for 第四十条第二款 Enter opens that very paragraph, with no 二 marked all over the page. An
answer card comes first with its citation and a line saying it is the editors' reading, is read out by
the polite live region, carries data-answer on its <li>, and Enter opens the cited paragraph: the
plumbing is shown with a stub gcanswer (defined here, served inside the worker), then real questions of
every slot kind get the site's own cards.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import AXE, watched_page
from gangcheng_rules.eids import to_chinese
from test_browser_search import articles, open_search, results, type_query

pytestmark = pytest.mark.browser

# Answers one question only, from the page's own worker code: the card's text, source and link are
# made by the engine (citation, unitUrl), as gcanswer.js must.
STUB_GCANSWER = """
globalThis.gcanswer = {
  answer(engine, query, hits) {
    if (!hits.length || hits[0].article !== 48 || query.indexOf("签发") < 0) return null;
    const source = engine.citation(48, "para_1");
    return { text: "由区长签发（" + source + "）", source, url: engine.unitUrl(48, "para_1"), slot: "signer", article: 48, unit: "para_1" };
  },
};
"""


def lead(page):
    return results(page).first


def live_text(page) -> str:
    return page.locator("#gc-search-live").inner_text()


def article_links(page) -> list[str]:
    hrefs = page.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    return [h for h in hrefs if re.search(r"#art_\d+", h)]


def test_the_live_region_is_there_before_any_result(reader):
    page = reader.open()  # a page of its own: no search has run on it yet
    region = page.locator("#gc-search-live")
    expect(region).to_have_attribute("aria-live", "polite")
    assert region.inner_text() == ""
    box = region.bounding_box()
    assert box is None or (box["width"] <= 1 and box["height"] <= 1)  # visually hidden, still read


@pytest.mark.parametrize(("query", "words"), [("兼职", "兼职"), ("下载", "下载"), ("工资怎么发", "工资")])
def test_a_topic_the_rules_do_not_cover_is_said_so(search_page, query, words):
    page, errors = open_search(search_page)
    type_query(page, query)
    first = lead(page)
    expect(first).to_have_attribute("data-notice", "uncovered")
    expect(first).to_contain_text(f"本规则未涉及“{words}”")
    assert f"本规则未涉及“{words}”" in live_text(page)
    # no confident list: no article at all, only where to look instead
    assert article_links(page) == []
    hrefs = page.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert any("/subjects/" in h for h in hrefs) and any("/actors/" in h for h in hrefs)
    expect(page.locator(".md-search-result__meta")).to_have_text("没有找到相关条文")
    assert errors == []


def test_a_real_word_is_still_found_and_announces_nothing(search_page):
    page, errors = open_search(search_page)
    type_query(page, "请假")
    first = lead(page)
    assert first.get_attribute("data-notice") is None and first.get_attribute("data-answer") is None
    assert re.search(r"#art_(47|69)__", first.locator("a.md-search-result__link").first.get_attribute("href"))
    assert live_text(page) == ""
    assert errors == []


def test_an_article_past_the_last_says_how_many_and_enter_opens_the_contents(search_page):
    page, errors = open_search(search_page)
    type_query(page, "第99条")
    first = lead(page)
    expect(first).to_have_attribute("data-notice", "out_of_range")
    expect(first).to_contain_text("本规则共七十二条")
    assert "本规则共七十二条" in live_text(page)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/gangcheng/(\?h=)?#contents$"))
    expect(page.locator("#contents")).to_be_in_viewport()
    assert errors == []


@pytest.mark.parametrize("query", ["第四十条第二款", "第40条第2款"])
def test_a_paragraph_number_opens_that_paragraph_with_nothing_marked(search_page, query):
    page, errors = open_search(search_page)
    type_query(page, query)
    hrefs = lead(page).locator("a.md-search-result__link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert any(h.endswith("#art_40__para_2") for h in hrefs), hrefs
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/gangcheng/chapters/chp_9/.*#art_40__para_2$"))
    expect(page.locator("#art_40__para_2")).to_be_in_viewport()
    # the theme highlights the ?h= terms: a number reference passes none, so no 二 is marked
    assert page.locator("mark[data-md-highlight]").count() == 0
    assert errors == []


def test_a_bare_number_opens_that_article(search_page):
    page, errors = open_search(search_page)
    type_query(page, "59")
    assert re.search(r"#art_59(__|$)", lead(page).locator("a.md-search-result__link").first.get_attribute("href"))
    assert errors == []


def test_every_link_of_a_result_opens_its_paragraph(search_page):
    """The heading's link too (the first in the DOM, which a script opening "the first result" follows)."""
    page, errors = open_search(search_page)
    type_query(page, "常务会议出席人数")
    hrefs = lead(page).locator("a.md-search-result__link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs and all(re.search(r"#art_40__para_1$", h) for h in hrefs), hrefs
    assert errors == []


@pytest.fixture(scope="module")
def stub_page(browser, site_url):
    """A page whose search worker is the site's with the stub gcanswer appended, as
    search.worker_source() appends gcanswer.js (shared by the module's stub cases, like search_page)."""

    def with_stub(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text() + "\n" + STUB_GCANSWER)

    worker = re.compile(r".*/assets/javascripts/gcsearch\.js(\?v=[0-9a-f]+)?$")  # asked for with its version
    with watched_page(browser, site_url, [(worker, with_stub)]) as (page, errors):
        yield page, errors, site_url


@pytest.fixture
def asking(stub_page):
    """The stub's page, on the home page (if a case followed a result), its error list emptied."""
    return open_search(stub_page)


def test_the_answer_card_comes_first_is_read_out_and_enter_opens_its_paragraph(asking):
    page, errors = asking
    type_query(page, "谁签发会议纪要")
    first = lead(page)
    expect(first).to_have_attribute("data-answer", "由区长签发（第四十八条）")
    expect(first.locator(".gc-lead cite")).to_have_text("第四十八条")
    expect(first).to_contain_text("由区长签发（第四十八条）")
    assert first.locator("a.md-search-result__link").first.get_attribute("href").endswith("#art_48__para_1")
    assert live_text(page) == "由区长签发（第四十八条）编者据条文整理，以原文为准"
    # the articles follow the card
    second = results(page).nth(1).locator("a.md-search-result__link").first.get_attribute("href")
    assert second.endswith("#art_48__para_1") or second.endswith("#art_48")
    # the card is readable: axe finds nothing wrong in the open search with it
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run('.md-search', {resultTypes: ['violations']})).violations.map(v => v.id)")
    assert found == []
    page.locator(".md-search__input").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/gangcheng/chapters/chp_9/.*#art_48__para_1$"))
    expect(page.locator("#art_48__para_1")).to_be_in_viewport()
    assert errors == []


def test_a_card_with_large_text_stays_inside_the_results(asking):
    page, errors = asking
    page.evaluate("document.documentElement.classList.add('gc-large')")
    try:
        type_query(page, "谁签发会议纪要")
        card = lead(page).locator(".gc-lead")
        expect(card).to_be_visible()
        box, list_box = card.bounding_box(), page.locator(".md-search-result__list").bounding_box()
        assert box["x"] >= list_box["x"] and box["x"] + box["width"] <= list_box["x"] + list_box["width"] + 1
    finally:
        page.evaluate("document.documentElement.classList.remove('gc-large')")  # the page is shared
    assert errors == []


@pytest.mark.parametrize(
    "query", ["<script>alert(1)</script>谁签发", '<img src=x onerror="alert(1)">', "测" * 10000, "\u202e谁签发\u202c😀"]
)
def test_bad_input_shows_no_card_and_injects_nothing(asking, query):
    page, errors = asking
    type_query(page, query)
    assert page.locator(".md-search-result__list > li[data-answer]").count() == 0
    assert page.locator(".md-search-result img, .md-search-result script").count() == 0
    assert errors == []


# Questions of every slot kind, as staff type them, answered by the site's own gcanswer.js: the card
# must cite the paragraph or item that holds the answer, say what the text says there, and link to it.
REAL_CARDS = [
    ("who", "谁主持区政府全体会议", "art_39__para_1", ["区长", "主持"]),
    ("approver", "局长休年假要谁批准", "art_69__para_1", ["分管副区长同意", "区长审批"]),
    ("signer", "规范性文件由谁签发", "art_57__para_1__list_1__item_3", ["区长签发"]),
    ("reviewer", "公文报送前谁审核", "art_52__para_1", ["区政府办公室审核"]),
    ("when", "休假要提前几天报备", "art_69__para_2", ["提前3天"]),
    ("often", "区政府全体会议多久召开一次", "art_39__para_2", ["每半年"]),
    ("many", "人事任免需要多少人同意", "art_43__para_1", ["三分之二"]),
    ("may", "部门内设机构可以对外发文吗", "art_58__para_1", ["不可以", "不得对外正式行文"]),
    ("how", "意见不一致怎么办", "art_46__para_1", ["协调"]),
]


@pytest.mark.parametrize(("slot", "query", "unit", "words"), REAL_CARDS, ids=[c[0] for c in REAL_CARDS])
def test_a_question_of_each_kind_gets_a_card_citing_its_paragraph(search_page, slot, query, unit, words):
    page, errors = open_search(search_page)
    type_query(page, query)
    first = lead(page)
    expect(first).to_have_attribute("data-answer", re.compile(".+"))
    answer = first.get_attribute("data-answer")
    for w in words:
        assert w in answer, (slot, answer)
    article = int(unit.split("__")[0].removeprefix("art_"))
    assert f"第{to_chinese(article)}条" in first.locator(".gc-lead cite").inner_text()
    assert first.locator("a.md-search-result__link").first.get_attribute("href").endswith("#" + unit)
    expect(first.locator(".gc-lead-note")).to_have_text("编者据条文整理，以原文为准")
    assert answer in live_text(page)
    # the card's words are the text's: the cited unit on the page holds the card's quote
    page.locator(".md-search__input").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"#{unit}$"))
    held = page.locator(f"#{unit}").inner_text()
    assert any(len(w) >= 2 and w in held for w in words if w != "不可以")
    assert errors == []


def test_the_count_under_a_card_counts_the_results_not_the_card(search_page):
    """The theme counts every entry it lists; under a card (or the 第99条 notice) that count is of the
    results alone, question after question (a list the theme renders whole: fewer than ten entries)."""
    page, errors = open_search(search_page)
    meta = page.locator(".md-search-result__meta")
    checked = 0
    for query in ["谁签发会议纪要", *(c[1] for c in REAL_CARDS)]:
        type_query(page, query)
        expect(lead(page)).to_have_attribute("data-answer", re.compile(".+"))
        shown = articles(page).count()
        if shown + 1 >= 10:
            continue  # the theme renders ten at a time: the rest are not on the page to count
        expected = "没有找到相关条文" if shown == 0 else "找到 1 个符合条件的结果" if shown == 1 else f"{shown} 个符合条件的结果"
        expect(meta).to_have_text(expected)
        checked += 1
    assert checked >= 3, checked
    type_query(page, "第99条")
    expect(lead(page)).to_have_attribute("data-notice", "out_of_range")
    assert articles(page).count() == 0
    expect(meta).to_have_text("没有找到相关条文")
    assert errors == []
