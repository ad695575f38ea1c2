"""A reader in Chromium reading the norm tags: they say what the law says, and say that they are the editors'.

Prohibitions read as the text does (副区长 不得 参加…, never 不得 不参加…); every page that shows a tag shows
the legend; on a phone the panels start folded and open from a link; a permalink's target is not hidden
under the sticky header; the deadlines page leads to the paragraph each figure comes from.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import DESKTOP, Tab, origin_of, reading

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

# A negation at the start of a prohibition's act would make 不得 + act a double negative.
NEGATED_ACT = re.compile(r"^(不得|不准|不要|不|未经|未|无|禁止|严禁|没有)")
NEGATION = re.compile(r"不|禁|勿")


def rows_of(page, selector: str) -> list[dict]:
    return page.locator(selector).evaluate_all(
        """rows => rows.map(r => ({
            id: r.dataset.norm || '',
            word: (r.querySelector('.gc-modal') || {}).textContent || '',
            act: (r.querySelector('.gc-action') || {}).textContent || '',
            text: r.textContent,
        }))"""
    )


def test_every_prohibition_reads_as_the_forbidden_act_after_a_negating_word(reader, corpus):
    prohibitions = {n.id for n in corpus.norms if n.kind == "duty" and n.modality == "prohibition"}
    assert len(prohibitions) >= 25, "the 25 former double negatives are prohibitions still"
    seen = set()
    for chapter in corpus.document.chapters:
        page = reader.open(f"chapters/chp_{chapter.number}/")
        for row in rows_of(page, ".gc-norm-row.gc-normtag--prohibition"):
            seen.add(row["id"])
            assert NEGATION.search(row["word"]), row
            assert not NEGATED_ACT.search(row["act"]), f"double negative: {row['text']}"
            assert not re.search(r"不得\s*(不|未|不得)", row["text"]), row["text"]
    assert seen == prohibitions


def test_the_deputy_mayor_must_not_attend_a_departments_award_meeting(reader):
    page = reader.open("chapters/chp_9/")
    row = page.locator('.gc-norm-row[data-norm="art_49__norm_6"]')
    expect(row.locator(".gc-bearers")).to_have_text("副区长")
    expect(row.locator(".gc-action")).to_have_text("参加各部门单独召开的系统内表彰会议")
    expect(row.locator(".gc-modal")).to_have_text(re.compile(r"^(一律)?(不|不得)$"))


# The legend on every page that shows norm tags, and on every panel: checked in test_browser_site.py's
# desktop pass, which opens every page once for all the checks every page must pass.


def test_editorial_readings_look_different_from_the_texts_own_words(reader):
    page = reader.open("chapters/chp_9/")
    explicit = page.locator(".gc-norm-row .gc-modal:not(.gc-modal--editorial)").first
    editorial = page.locator(".gc-norm-row .gc-modal--editorial").first
    expect(editorial).to_contain_text("编者")
    expect(editorial).to_have_attribute("title", re.compile("编者"))
    assert editorial.evaluate("e => getComputedStyle(e).borderStyle") == "dashed"
    assert explicit.evaluate("e => getComputedStyle(e).borderStyle") != "dashed"


def test_on_a_phone_the_norm_panels_start_folded_and_open_on_a_wide_screen(reader):
    reader.page.set_viewport_size(PHONE)
    page = reader.open("chapters/chp_9/")
    panels = page.locator("details.gc-norms")
    assert panels.count() > 0
    assert panels.evaluate_all("ds => ds.every(d => !d.open)")
    panels.first.locator("summary").click()
    expect(panels.first.locator(".gc-legend")).to_be_visible()
    reader.page.set_viewport_size(DESKTOP)
    page = reader.open("chapters/chp_9/")
    assert page.locator("details.gc-norms").evaluate_all("ds => ds.every(d => d.open)")


LAYOUT_SHIFTS = """window.__shifts = [];
new PerformanceObserver(l => l.getEntries().forEach(e => window.__shifts.push(e.value)))
  .observe({type: 'layout-shift', buffered: true});"""


# every norm panel marked by main.html's inline script at DOMContentLoaded (from then on it shows its own state)
PANELS_PARSED = "!document.querySelector('[data-gc-fold]:not([data-gc-parsed])')"


@pytest.fixture(scope="module")
def phone_tab(browser, site_url):
    """A phone's tab whose pages record their layout shifts (an init script stays with its tab)."""
    with Tab(browser, origin_of(site_url), init_scripts=[LAYOUT_SHIFTS], viewport=PHONE, is_mobile=True) as t:
        yield t


@pytest.mark.parametrize("path", ["chapters/chp_9/", ""], ids=["chapter", "home"])
def test_on_a_slow_phone_the_page_does_not_move_when_the_scripts_arrive(phone_tab, site_url, path):
    # The scripts arrive well after the first paint (as on a slow phone): folding the norm panels then
    # must not shift the text the reader has started on (the panels look folded from the first paint).
    with reading(phone_tab, site_url) as reader:
        page = reader.page

        def late(route):
            page.wait_for_timeout(600)
            route.continue_()

        page.route(re.compile(r"/assets/gc/bundle\.js$"), late)
        reader.open(path)
        page.wait_for_function(PANELS_PARSED)
        page.wait_for_timeout(300)
        if path:
            assert page.locator("details.gc-norms").evaluate_all("ds => ds.length > 0 && ds.every(d => !d.open)")
        assert page.evaluate("window.__shifts") == []


def test_on_a_phone_whose_scripts_fail_to_load_the_panels_open_once_the_page_is_parsed(phone_tab, site_url):
    # The panels look folded only until DOMContentLoaded: without normfold.js they must not stay hidden
    # (their summary would toggle a panel whose content the style sheet keeps hidden).
    with reading(phone_tab, site_url) as reader:
        page = reader.page
        page.route(re.compile(r"/assets/gc/bundle\.js$"), lambda route: route.abort())
        reader.open("chapters/chp_9/")
        page.wait_for_function(PANELS_PARSED)
        panels = page.locator("details.gc-norms")
        assert panels.evaluate_all("ds => ds.length > 0 && ds.every(d => d.open)")
        expect(panels.first.locator(".gc-legend")).to_be_visible()


def test_without_javascript_the_panels_stay_open_on_a_phone(reader_without_js):
    reader_without_js.page.set_viewport_size(PHONE)
    page = reader_without_js.open("chapters/chp_9/")
    assert page.locator("details.gc-norms").evaluate_all("ds => ds.every(d => d.open)")


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("target", ["art_40", "art_40__para_2", "art_69__para_1"])
def test_a_permalink_opens_its_target_below_the_sticky_header(reader, width, target):
    reader.page.set_viewport_size({"width": width, "height": 800})
    chapter = 9 if target.startswith("art_40") else 11
    page = reader.open(f"chapters/chp_{chapter}/#{target}")
    header = page.locator(".md-header").bounding_box()
    box = page.locator(f"[id='{target}']").bounding_box()
    assert box["y"] >= header["y"] + header["height"], (box, header)


def test_the_deadlines_page_lists_each_figure_and_leads_to_its_paragraph(reader, corpus):
    page = reader.open("")
    page.locator(".gc-howto").get_by_role("link", name="时限与数量要求一览").click()
    expect(page).to_have_url(re.compile(r"/figures/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("时限与数量要求一览")
    figures = sum(1 for n in corpus.norms for q in (n.deadline, n.frequency, n.threshold) if q)
    expect(page.locator("table.gc-figures tbody tr")).to_have_count(figures)
    link = page.locator("a.gc-figure", has_text="提前3天").first
    href = link.get_attribute("href")
    link.click()
    target = href.rsplit("#", 1)[1]
    expect(page).to_have_url(re.compile(rf"/chapters/chp_\d+/#{target}$"))
    expect(page.locator(f"[id='{target}']")).to_be_in_viewport()
