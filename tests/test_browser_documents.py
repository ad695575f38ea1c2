"""A person citing, sharing and taking the rules away: 复制引用, short addresses, the offline copy.

The citation is what staff paste into their own documents: the title in 《》, the place in Chinese
numerals, and the permanent address of that place on its chapter page.
"""

from __future__ import annotations

import re
import zipfile

import pytest
from playwright.sync_api import expect

from conftest import origin_of
from gangcheng_rules import documents, offline
from test_browser_search import type_query

pytestmark = pytest.mark.browser

TITLE = "《济南市钢城区人民政府工作规则》"


def cite(page, eid: str) -> str:
    """Press the 复制引用 control of one article, paragraph or item and read what was announced."""
    host = page.locator(f"[id='{eid}']")
    button = host.locator(":scope > .gc-cite, :scope > p > .gc-cite").first
    # its name starts with the words it shows (WCAG 2.5.3): a voice user says 复制引用 and is understood
    expect(button).to_have_text("复制引用")
    expect(button).to_have_accessible_name(re.compile(r"^复制引用：第"))
    button.focus()
    page.keyboard.press("Enter")
    status = page.locator(".gc-cite-status")
    expect(status).to_contain_text(TITLE)
    return status.text_content()


@pytest.mark.parametrize(
    ("eid", "place"),
    [
        ("art_40", "第四十条"),
        ("art_40__para_2", "第四十条第二款"),
        ("art_40__para_1__list_1__item_3", "第四十条第一款第三项"),
        # an item of an article of one paragraph is cited without 第一款
        ("art_42__para_1__list_1__item_2", "第四十二条第二项"),
    ],
)
def test_copying_a_citation_gives_the_title_the_place_and_its_address(reader, site_url, eid, place):
    reader.page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin_of(site_url))
    page = reader.open("chapters/chp_9/")
    announced = cite(page, eid)
    expected = f"{TITLE}{place} {site_url}chapters/chp_9/#{eid}"
    assert announced == f"已复制引用：{expected}"
    assert page.evaluate("navigator.clipboard.readText()") == expected


def test_without_the_clipboard_api_the_citation_is_shown_selected(browser, site_url):
    context = browser.new_context(locale="zh-CN")
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page = context.new_page()
    page.goto(site_url + "fulltext/")
    cite(page, "art_40__para_1")
    field = page.locator("[id='art_40__para_1'] .gc-cite-field")
    expect(field).to_be_focused()
    # The 全文 page cites the chapter page: that is the article's permanent address.
    assert field.input_value() == f"{TITLE}第四十条第一款 {site_url}chapters/chp_9/#art_40__para_1"
    assert page.evaluate("document.activeElement.selectionEnd - document.activeElement.selectionStart") == len(field.input_value())
    context.close()


def test_a_short_address_opens_the_article_on_its_chapter_page(reader, site_url):
    page = reader.open("a/40/")
    page.wait_for_url("**/chapters/chp_9/#art_40")
    expect(page.locator("[id='art_40']")).to_be_in_viewport()
    page = reader.open("a/40/#para_2")
    page.wait_for_url("**/chapters/chp_9/#art_40__para_2")


def test_the_offline_copy_opened_from_disk_navigates_and_searches(browser, site_dir, tmp_path):
    with zipfile.ZipFile(site_dir / offline.ZIP_NAME) as z:
        z.extractall(tmp_path)
    home = (tmp_path / offline.FOLDER / "index.html").as_uri()
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(home)
    page.get_by_role("link", name="第九章 完善会议制度").first.click()
    assert page.url.endswith("/chapters/chp_9/index.html")
    expect(page.locator("h1")).to_contain_text("完善会议制度")
    page.get_by_role("link", name="首页").first.click()
    assert page.url == home
    type_query(page, "常务会议多久开一次")
    # the answer card too: the copy carries the answer records the served worker fetches apart
    card = page.locator(".md-search-result__list > li").first
    expect(card).to_have_attribute("data-answer", "区政府常务会议原则上每月召开一次（第四十条第二款）")
    first = page.locator(".md-search-result__list > li a.md-search-result__link").first
    expect(first).to_be_visible()
    # the page itself, not its directory (file:// would list the directory); ?h= highlights the query
    # (at the paragraph the result shows, issue 11)
    target = re.compile(r"/chapters/chp_9/index\.html(\?h=[^#]*)?#art_40(__para_\d+)?$")
    assert target.search(first.get_attribute("href"))
    first.click()
    page.wait_for_url(target)
    # the short address works from disk too
    page.goto((tmp_path / offline.FOLDER / "a" / "40" / "index.html").as_uri())
    page.wait_for_url("**/chapters/chp_9/index.html#art_40")
    assert not errors
    context.close()


def test_the_offline_copy_is_made_again_byte_for_byte_from_the_same_site(corpus, site_dir):
    when = documents.epoch_datetime(documents.source_epoch(corpus)).timetuple()[:6]
    again = offline.zip_bytes(offline.offline_files(corpus, site_dir), when)
    assert again == (site_dir / offline.ZIP_NAME).read_bytes()
    with zipfile.ZipFile(site_dir / offline.ZIP_NAME) as z:
        assert all(i.filename.startswith(offline.FOLDER + "/") and i.date_time == when for i in z.infolist())
