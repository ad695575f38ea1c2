"""A person putting text into the search box without typing it key by key (docs/assets/gc/searchinput.js):
pasting (long-press or right-click, so no key event at all), committing with an input method, or
dictating. The search runs all the same, once per value, and Enter right after opens the first result
of what is in the box, never a result of what was there before."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import Tab, origin_of, reading

pytestmark = pytest.mark.browser

# The theme's worker messages: type 2 is a query. Counted to show that no value is searched twice.
COUNT_QUERIES = """
(() => {
  const post = Worker.prototype.postMessage;
  window.gcQueries = [];
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === 2) window.gcQueries.push(message.data);
    return post.call(this, message, ...rest);
  };
  // READY (type 1): the theme sends the box's value once the worker is ready, so a test that sets a
  // value must not start before then
  window.gcReady = false;
  const W = window.Worker;
  window.Worker = function (...args) {
    const w = new W(...args);
    w.addEventListener("message", (e) => { if (e.data && e.data.type === 1) window.gcReady = true; });
    return w;
  };
  window.Worker.prototype = W.prototype;
})();
"""

# What a paste does to the page: the value changes and one input event says so; no key is pressed.
PASTE = """
([text]) => {
  const box = document.querySelector('.md-search__input');
  box.value = text;
  box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste', data: text}));
}
"""

# An input method: composition starts, the reading is shown while composing, the choice is committed.
COMPOSE = """
([reading, text]) => {
  const box = document.querySelector('.md-search__input');
  box.dispatchEvent(new CompositionEvent('compositionstart', {bubbles: true, data: ''}));
  box.value = reading;
  box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertCompositionText', data: reading, isComposing: true}));
  box.value = text;
  box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertCompositionText', data: text, isComposing: true}));
  box.dispatchEvent(new CompositionEvent('compositionend', {bubbles: true, data: text}));
}
"""


def first_link(page):
    return page.locator(".md-search-result__list .md-search-result__link").first


@pytest.fixture(scope="module")
def counting_tab(browser, site_url):
    """A tab whose pages count the queries their search worker is sent (an init script stays with its tab)."""
    with Tab(browser, origin_of(site_url), init_scripts=[COUNT_QUERIES]) as t:
        yield t


@pytest.fixture
def search(counting_tab, site_url):
    """The home page with its search box open and focused (clicked, as a person does), queries counted."""
    with reading(counting_tab, site_url) as reader:
        page = reader.open("")
        page.locator(".md-search__input").click()
        page.wait_for_function("window.gcReady === true")
        yield page
        assert reader.errors == []


def test_a_pasted_query_shows_its_results_without_any_key_press(search):
    page = search
    page.evaluate(PASTE, ["会议纪要"])
    expect(first_link(page)).to_have_attribute("href", re.compile(r"#art_48(__|$)"))
    page.wait_for_timeout(300)  # past the debounce: a late second search would have been sent by now
    assert page.evaluate("window.gcQueries").count("会议纪要") == 1


def test_typed_keys_are_searched_once_per_value_as_before(search):
    page = search
    page.evaluate("() => { window.gcKeyups = 0; document.addEventListener('keyup', () => window.gcKeyups++, true); }")
    page.keyboard.type("12345")
    expect(first_link(page)).to_be_visible()
    page.wait_for_timeout(300)
    queries = page.evaluate("window.gcQueries")
    # the last value once, no value twice (which intermediate values the theme sends is its own affair)
    assert queries.count("12345") == 1 and len(queries) == len(set(queries))
    # no keyup of ours after the real ones: whoever times a search from the last keyup sees the real one
    assert page.evaluate("window.gcKeyups") == 5


def test_enter_right_after_an_input_method_commit_opens_the_first_result_at_its_paragraph(search):
    page = search
    page.evaluate(COMPOSE, ["huiyijiyao", "会议纪要"])
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/chapters/chp_9/\?h=.*#art_48(__para_\d+)?$"))
    target = page.url.rsplit("#", 1)[1]
    expect(page.locator(f"#{target}")).to_be_in_viewport()


def test_enter_right_after_a_paste_opens_a_result_of_the_pasted_words_not_of_the_old_ones(search):
    page = search
    page.keyboard.type("12345")
    expect(first_link(page)).to_have_attribute("href", re.compile(r"#art_(12|27)(__|$)"))
    page.locator(".md-search__input").select_text()
    page.evaluate(PASTE, ["自助餐"])
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/chapters/chp_11/\?h=.*#art_71(__para_\d+)?$"))


def test_while_an_input_method_is_composing_nothing_is_searched(search):
    page = search
    page.evaluate(
        """() => {
      const box = document.querySelector('.md-search__input');
      box.dispatchEvent(new CompositionEvent('compositionstart', {bubbles: true, data: ''}));
      box.value = 'zizhu';
      box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertCompositionText', data: 'zizhu', isComposing: true}));
    }"""
    )
    page.wait_for_timeout(400)
    assert "zizhu" not in page.evaluate("window.gcQueries")
