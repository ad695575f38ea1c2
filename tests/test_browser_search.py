"""A person using the search box of the built site in Debian's Chromium (served from a sub-path).

They type the way staff do (keywords, words run together, questions, article numbers, everyday words,
traditional characters) and the first result is the article they want; Enter opens it with the words
highlighted. Hostile or odd input shows escaped text and a Chinese "no result" message, never an
error or a frozen page. Typing follows search_eval.py: a Chinese run is committed at once, as an input
method does, and followed by one key press. Uses the session-wide site and browser of conftest.py.

One page serves every search case (as one person keeps the page open and searches again): opening a
page and starting the worker per case cost more than the searches themselves. Each case clears the box
first and checks that the page raised no error while it ran.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def type_query(page, text: str) -> None:
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    page.keyboard.press("End")
    for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if run.isascii():
            page.keyboard.type(run)
        else:
            page.keyboard.insert_text(run)
            page.keyboard.press("End")
    settle(page)


SETTLE_JS = """
() => new Promise((resolve) => {
  const box = document.querySelector('.md-search-result');
  let last = performance.now();
  const obs = new MutationObserver(() => { last = performance.now(); });
  obs.observe(box, {childList: true, subtree: true, characterData: true});
  const start = performance.now();
  const tick = () => {
    const now = performance.now();
    if (now - last >= 300 || now - start > 8000) { obs.disconnect(); resolve(now - start); }
    else setTimeout(tick, 20);
  };
  tick();
})
"""


def settle(page) -> None:
    """Wait until the result list has stopped changing (answers to earlier keystrokes have landed)."""
    page.evaluate(SETTLE_JS)


def results(page):
    return page.locator(".md-search-result__list > li")


def articles(page):
    """The result entries after the lead entry (answer card or notice, issue 11), if there is one."""
    return page.locator(".md-search-result__list > li:not(:has(.gc-lead))")


def open_search(search_page):
    """The shared page (back on the home page if a case followed a result), its error list emptied."""
    page, errors, home = search_page
    if page.url != home:
        page.goto(home)
    errors.clear()
    # the search is ready once the worker has answered the index
    expect(page.locator(".md-search__input")).to_be_visible()
    return page, errors


def first_article(page) -> int:
    link = articles(page).first.locator("a.md-search-result__link").first
    m = re.search(r"#art_(\d+)(?:__|$)", link.get_attribute("href"))
    assert m, link.get_attribute("href")
    return int(m.group(1))


KINDS = [
    ("keyword", "会议纪要", 48, "第四十八条 · 第九章 完善会议制度"),
    ("keyword", "12345", 27, "第二十七条 · 第六章 推进政务公开"),
    ("phrase", "常务会议出席人数", 40, "第四十条 · 第九章 完善会议制度"),
    ("question", "常务会议多久开一次", 40, "第四十条 · 第九章 完善会议制度"),
    ("question", "谁签发会议纪要", 48, "第四十八条 · 第九章 完善会议制度"),
    ("number", "第59条", 59, "第五十九条 · 第十章 规范公文处理"),
    ("number", "五十九条", 59, "第五十九条 · 第十章 规范公文处理"),
    ("synonym", "出差", 69, "第六十九条 · 第十一章 加强作风纪律建设"),
    ("synonym", "提前三天", 69, "第六十九条 · 第十一章 加强作风纪律建设"),
    ("traditional", "會議紀要", 48, "第四十八条 · 第九章 完善会议制度"),
]


@pytest.mark.parametrize(("kind", "query", "article", "title"), KINDS, ids=[f"{k}-{q}" for k, q, _, _ in KINDS])
def test_first_result_is_the_article_wanted(search_page, kind, query, article, title):
    page, errors = open_search(search_page)
    type_query(page, query)
    expect(articles(page).first).to_be_visible()
    first = articles(page).first
    assert first_article(page) == article
    expect(first.locator("h1")).to_have_text(title)
    # its best paragraph is shown under it, not folded away behind "more results"
    expect(first.locator("details")).to_have_count(0)
    expect(first.locator("article").nth(1)).to_be_visible()
    if kind != "number":
        expect(first.locator("mark").first).to_be_visible()
    assert errors == []


def test_enter_opens_the_first_result_with_the_words_highlighted(search_page):
    page, errors = open_search(search_page)
    type_query(page, "谁签发会议纪要")
    expect(results(page).first).to_be_visible()
    page.keyboard.press("Enter")
    # at the paragraph the result showed (issue 11)
    expect(page).to_have_url(re.compile(r"/gangcheng/chapters/chp_9/\?h=.*#art_48__para_1$"))
    marks = page.locator("#art_48__para_1 mark[data-md-highlight]")
    expect(marks.first).to_be_visible()
    assert {m.inner_text() for m in marks.all()} >= {"会议纪要"}
    assert errors == []


def no_result_text(page) -> str:
    return page.evaluate("JSON.parse(document.getElementById('__config').textContent).translations['search.result.none']")


BAD = {
    "script": "<script>alert(1)</script>",
    "html": '<img src=x onerror="alert(1)">',
    "emoji": "😀🎉👍",
    "punctuation": "！？。，、；：……",
    "ten-thousand": "测" * 10000,
}


@pytest.mark.parametrize("query", BAD.values(), ids=BAD.keys())
def test_bad_queries_show_a_chinese_no_result_message(search_page, query):
    page, errors = open_search(search_page)
    type_query(page, query)
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(no_result_text(page))
    assert re.search(r"[\u4e00-\u9fff]", meta.inner_text())
    expect(results(page)).to_have_count(0)
    # the text stays text: nothing was injected into the page
    assert page.locator(".md-search__input").input_value() == query
    assert page.locator(".md-search-result img, .md-search-result script").count() == 0
    # and the page still answers
    type_query(page, "会议纪要")
    expect(results(page).first).to_be_visible()
    assert first_article(page) == 48
    assert errors == []


def test_html_typed_with_words_is_escaped_in_the_results(search_page):
    page, errors = open_search(search_page)
    type_query(page, "<b>会议纪要</b>")
    expect(results(page).first).to_be_visible()
    assert first_article(page) == 48
    assert page.locator(".md-search-result b, .md-search-result__list script").count() == 0
    assert errors == []
