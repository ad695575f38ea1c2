"""A person reading the site in Debian's Chromium, the site served from a sub-path on 127.0.0.1.

They find their way from the home page to an article, share it, follow a cross-link, look up what the
区长 must do, print a chapter and switch to larger text with the keyboard; nothing is fetched from
another host, axe-core finds no accessibility violation on any page and every page that shows norm tags
shows the legend that says they are the editors' reading.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from conftest import AXE, DESKTOP, nav_pages, origin_of, reading, template_of
from gangcheng_rules.render import LEGEND

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pages(site_dir) -> list[str]:
    """Every page of the nav (home, chapters, indexes, figures, full text, data, using the data, changes)."""
    found = nav_pages(site_dir)
    assert {"", "chapters/chp_1/", "fulltext/", "figures/", "using-data/", "changes/"} <= set(found), found
    return found


def test_reader_goes_from_the_home_page_to_an_article_and_follows_its_links(reader):
    page = reader.open()
    expect(page.get_by_role("heading", level=1)).to_have_text("济南市钢城区人民政府工作规则")

    page.locator(".gc-contents").get_by_role("link", name="第九章 完善会议制度").click()
    expect(page).to_have_url(re.compile(r"/gangcheng/chapters/chp_9/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("第九章 完善会议制度")

    page.get_by_role("link", name="第四十条的链接").click()
    expect(page).to_have_url(re.compile(r"/chapters/chp_9/#art_40$"))
    expect(page.locator("#art_40")).to_be_in_viewport()

    # 区长办公会议 refers up to the 常务会议: the mention links to the article that constitutes it.
    page.locator("#art_41__para_1__list_1__item_3").get_by_role("link", name="区政府常务会议").click()
    expect(page).to_have_url(re.compile(r"/chapters/chp_9/#art_40$"))

    page.locator(".md-nav--primary").get_by_role("link", name="第四章 实行科学民主决策").click()
    expect(page).to_have_url(re.compile(r"/chapters/chp_4/$"))
    page.locator("#art_17__para_1").get_by_role("link", name="常务会议").click()
    expect(page).to_have_url(re.compile(r"/gangcheng/chapters/chp_9/#art_40$"))
    expect(page.locator("#art_40")).to_be_in_viewport()


def test_reader_opens_the_duties_of_the_district_mayor_and_sees_the_text_behind_one(reader):
    page = reader.open("actors/")
    page.locator(".gc-jump").get_by_role("link", name=re.compile(r"^区长 \d+ 项$")).click()
    expect(page).to_have_url(re.compile(r"/actors/#mayor$"))
    duties = page.locator("h2#mayor + .gc-actor")
    expect(duties).to_be_in_viewport()
    expect(duties.get_by_role("heading", name=re.compile(r"^义务：须做的事 \d+ 项$"))).to_be_visible()
    duty = duties.locator("li", has_text="召集和主持区政府常务会议")
    expect(duty).to_be_visible()

    duty.get_by_role("link", name="第四十条第一款").click()
    expect(page).to_have_url(re.compile(r"/chapters/chp_9/#art_40__norm_1$"))
    quote = page.locator("#art_40__norm_1")
    expect(quote).to_have_text("由区长召集和主持")
    expect(quote).to_be_in_viewport()
    # The quote the link points at is highlighted (:target) in the paragraph.
    assert quote.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 241, 199)"


def test_printing_a_chapter_leaves_out_the_site_chrome(reader):
    page = reader.open("chapters/chp_9/")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".gc-toolbar", "#art_40 + .gc-article .gc-meta"):
        expect(page.locator(chrome).first).to_be_hidden()
    expect(page.get_by_role("link", name="第四十条第一款的链接")).to_be_hidden()
    expect(page.locator("#art_40__para_1 .gc-text").first).to_be_visible()
    # Only article headings carry their address, resolved against where the site is served.
    address = page.locator("#art_40 .gc-permalink").evaluate("a => getComputedStyle(a, '::after').content")
    assert re.fullmatch(r'"http://127\.0\.0\.1:\d+/gangcheng/chapters/chp_9/#art_40"', address), address
    page.emulate_media(media="screen")
    expect(page.locator(".md-header")).to_be_visible()


def test_larger_text_can_be_switched_on_and_off_with_the_keyboard_and_is_remembered(reader):
    page = reader.open("chapters/chp_9/")
    button = page.get_by_role("button", name="大字号")
    expect(button).to_have_attribute("aria-pressed", "false")
    text = page.locator("#art_40__para_1 > .gc-p > .gc-text")
    normal = text.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")

    for _ in range(80):
        page.keyboard.press("Tab")
        if button.evaluate("b => b === document.activeElement"):
            break
    else:
        pytest.fail("the larger-text button cannot be reached with Tab")
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-pressed", "true")
    assert text.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= normal * 1.15

    page.reload()
    expect(page.get_by_role("button", name="大字号")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("html")).to_have_class(re.compile(r"\bgc-large\b"))

    page.get_by_role("button", name="大字号").focus()
    page.keyboard.press("Space")
    expect(page.get_by_role("button", name="大字号")).to_have_attribute("aria-pressed", "false")
    assert text.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") == normal


AXE_RUN = (
    # All of axe's rules except the experimental ones: WCAG 2.x A/AA and best practices.
    "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    ".map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)"
)


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN)


LEGEND_SEEN = """() => ({
  tags: document.querySelectorAll('.gc-normtag').length,
  legend: (document.querySelector('.gc-legend') || {}).textContent || '',
  panels: document.querySelectorAll('details.gc-norms').length,
  panelLegends: document.querySelectorAll('details.gc-norms > .gc-legend').length,
})"""


def legend_problems(page) -> list[str]:
    """A page that shows norm tags shows the legend (the editors' reading, said so), and so does every panel."""
    seen = page.evaluate(LEGEND_SEEN)  # one round trip: the page is read as it is, nothing waits
    if seen["tags"] == 0:
        return []
    found = []
    if LEGEND not in seen["legend"]:
        found.append(f"norm tags shown without the legend {LEGEND!r}")
    if seen["panels"] != seen["panelLegends"]:
        found.append(f"{seen['panels'] - seen['panelLegends']} of {seen['panels']} norm panels have no legend")
    return found


# Each pass over the pages is cut into parts of about equal work, so both xdist workers share it: every
# page is still checked once at desktop width and one page of each template on a phone. axe-core 4.14 takes
# ~31 s over every page at 1280 px and ~26 s over one page per template at 390 px, its time growing with
# the page (the full text alone 8 s): the parts are dealt by page size.
DESKTOP_PARTS, PHONE_PARTS = 4, 2


def part_of(site_dir, paths: list[str], part: int, parts: int) -> list[str]:
    """Part `part` of `parts`: the pages dealt largest first to the part with the least work so far
    (axe's time grows with the page)."""
    loads = [[0, []] for _ in range(parts)]
    for path in sorted(paths, key=lambda p: -(site_dir / p / "index.html").stat().st_size):
        least = min(loads, key=lambda load: load[0])
        least[0] += (site_dir / path / "index.html").stat().st_size
        least[1].append(path)
    return loads[part][1]


@pytest.mark.slow
@pytest.mark.parametrize("part", range(DESKTOP_PARTS))
def test_on_a_desktop_every_page_passes_axe_fetches_nothing_elsewhere_and_shows_the_legend_with_tags(reader, pages, site_dir, part):
    """One visit per page for the three checks every page must pass (opening a page costs as much as
    checking it); each check reports its own failures, page by page."""
    mine = part_of(site_dir, pages, part, DESKTOP_PARTS)
    assert mine
    violations, foreign, legends, requested = {}, {}, {}, []
    for path in mine:
        reader.requests.clear()
        page = reader.open(path)
        name = path or "home"
        legends[name] = legend_problems(page)
        violations[name] = axe_violations(page)
        # what a page fetches after it has loaded (the search index, lazy assets) is counted too
        page.wait_for_load_state("networkidle")
        foreign[name] = reader.foreign_requests()
        requested += reader.requests
    assert any(u.endswith("/gangcheng/assets/gc/bundle.css") for u in requested), "the requests were not recorded"
    failures = {
        "requests that left 127.0.0.1": {p: v for p, v in foreign.items() if v},
        "axe violations": {p: v for p, v in violations.items() if v},
        "norm tags shown without their legend": {p: v for p, v in legends.items() if v},
    }
    assert {check: pages for check, pages in failures.items() if pages} == {}


def test_the_pages_the_norm_tags_show_on_include_the_actors_the_figures_and_the_chapters(site_dir):
    """The legend check above runs on every page with tags: these are among them."""
    tagged = re.compile(r'class="[^"]*\bgc-normtag\b')
    showing = {p for p in nav_pages(site_dir) if tagged.search((site_dir / p / "index.html").read_text(encoding="utf-8"))}
    assert {"actors/", "figures/", "chapters/chp_9/"} <= showing


@pytest.mark.slow
@pytest.mark.parametrize("part", range(PHONE_PARTS))
def test_axe_finds_no_violation_on_a_phone_on_one_page_of_each_template(reader, pages, site_dir, part):
    # the twelve chapter pages share one template: the phone layout is checked on the first
    one_each = [p for i, p in enumerate(pages) if template_of(p) not in {template_of(q) for q in pages[:i]}]
    assert len(one_each) < len(pages) and "chapters/chp_1/" in one_each
    mine = part_of(site_dir, one_each, part, PHONE_PARTS)
    assert mine
    reader.page.set_viewport_size({"width": 390, "height": 900})
    found = {path or "home": axe_violations(reader.open(path)) for path in mine}
    assert {p: v for p, v in found.items() if v} == {}


def test_a_missing_address_under_the_sub_path_gets_a_chinese_page_that_leads_home(reader):
    response = reader.page.goto(reader.base + "chapters/chp_99/no/such/page/")
    assert response.status == 404
    page = reader.page
    expect(page.get_by_role("heading", level=1)).to_have_text("页面不存在（404）")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    # styled without finding any stylesheet: nothing was asked of the server's root
    assert page.locator("main").evaluate("e => getComputedStyle(e).maxWidth") != "none"
    assert page.locator("img, svg").count() == 0
    # the script has found where the site lives, so the link works under /gangcheng/
    expect(page.locator("html")).to_have_attribute("data-gc-base", "/gangcheng/")
    page.add_script_tag(path=str(AXE))
    assert page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => v.id)") == []
    page.get_by_role("link", name="返回首页").click()
    expect(page).to_have_url(reader.base)
    expect(page.get_by_role("heading", level=1)).to_have_text("济南市钢城区人民政府工作规则")
    assert not [u for u in reader.requests if u.startswith(origin_of(reader.base) + "/assets/")]
    assert reader.foreign_requests() == []


def test_without_javascript_the_404_page_is_styled_readable_and_links_to_the_root(reader_without_js):
    response = reader_without_js.page.goto(reader_without_js.base + "missing.html")
    assert response.status == 404
    page = reader_without_js.page
    expect(page.get_by_role("heading", level=1)).to_have_text("页面不存在（404）")
    assert page.locator(".gc404-home").evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(29, 78, 137)"
    expect(page.get_by_role("link", name="返回首页")).to_have_attribute("href", "/")


def test_without_javascript_the_larger_text_button_is_not_shown(reader_without_js):
    page = reader_without_js.open("chapters/chp_9/")
    expect(page.locator("#art_40")).to_be_visible()
    expect(page.locator("[data-gc-textsize]")).to_be_hidden()


def test_with_javascript_the_larger_text_button_is_shown(reader):
    page = reader.open("chapters/chp_9/")
    expect(page.get_by_role("button", name="大字号")).to_be_visible()


LEFT_BEHIND = """() => { localStorage.setItem('gc-left', '1'); sessionStorage.setItem('gc-left', '1');
  document.cookie = 'gc-left=1; path=/'; }"""
FOUND = """async () => ({
  stored: [localStorage.length, sessionStorage.length, document.cookie],
  print: matchMedia('print').matches,
  clipboard: (await navigator.permissions.query({name: 'clipboard-read'})).state,
  sheet: performance.getEntriesByType('resource').filter(e => e.name.endsWith('/assets/gc/bundle.css')).map(e => e.transferSize > e.encodedBodySize),
})"""


def test_the_tab_tests_take_turns_at_comes_back_as_a_new_one(tab, site_url):
    """The readers of one worker share a tab (conftest.Tab): nothing one leaves behind reaches the next."""
    with reading(tab, site_url) as first:
        page = first.open("")
        page.evaluate(LEFT_BEHIND)
        page.set_viewport_size({"width": 390, "height": 700})
        page.emulate_media(media="print")
        page.context.grant_permissions(["clipboard-read"], origin=origin_of(site_url))
        page.route("**/assets/gc/bundle.css", lambda route: route.abort())
    heard = len(first.requests)
    with reading(tab, site_url) as second:
        page = second.open("")
        found = page.evaluate(FOUND)
        assert found["stored"] == [0, 0, ""]
        assert page.viewport_size == DESKTOP and found["print"] is False
        assert found["clipboard"] == "prompt"
        # the style sheet came over the network, whole: not aborted by the old route, nor revalidated in the old cache
        assert found["sheet"] == [True]
        assert second.requests and len(first.requests) == heard


def _evaluations_and_layouts(trace: dict, page_url: str):
    """(inline script evaluations of the page, the theme bundle's evaluation, layouts), each as (start, end)
    in µs, all on the page's main thread, from a Chromium trace."""
    events = [e for e in trace["traceEvents"] if e.get("ph") == "X"]
    url = lambda e: e.get("args", {}).get("data", {}).get("url", "")  # noqa: E731
    inline = [e for e in events if e["name"] == "EvaluateScript" and url(e) == page_url]
    assert inline, "no inline script of the page was evaluated"
    thread = (inline[0]["pid"], inline[0]["tid"])
    mine = [e for e in events if (e["pid"], e["tid"]) == thread]
    span = lambda e: (e["ts"], e["ts"] + e.get("dur", 0))  # noqa: E731
    theme = [span(e) for e in mine if e["name"] == "EvaluateScript" and "/assets/javascripts/bundle." in url(e)]
    return [span(e) for e in inline], theme, [span(e) for e in mine if e["name"] == "Layout"]


@pytest.mark.parametrize("path", ["", "chapters/chp_9/"])
def test_the_head_script_lays_the_page_out_before_the_theme_script_runs(browser, reader, site_url, path):
    """overrides/main.html: the head script reads the layout, so the style sheets are matched and the page
    laid out in its task, before the task that resumes parsing and may run the theme's deferred script too
    (Lighthouse's simulation ties the first paint to the first layout: README, 首次排版). The reader's tab
    comes with its HTTP cache cleared: the page and its scripts load as on a first visit."""
    browser.start_tracing(page=reader.page, categories=["devtools.timeline"])
    try:
        reader.open(path).wait_for_load_state("load")
    finally:
        trace = json.loads(browser.stop_tracing())
    inline, theme, layouts = _evaluations_and_layouts(trace, site_url + path)
    assert len(theme) == 1
    in_head_script = [lay for lay in layouts if any(a <= lay[0] and lay[1] <= b for a, b in inline)]
    assert in_head_script, "no layout inside an inline script"
    assert in_head_script[0][1] <= theme[0][0]
