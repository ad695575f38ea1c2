"""A finished page's indentation is collapsed; what the browser shows is not changed (issue 10)."""

from __future__ import annotations

from gangcheng_rules.htmlspace import collapse


def test_indentation_and_blank_lines_become_one_line_break():
    html = "<ul>\n    <li>\n      <a href='#a'>第一条</a>\n    </li>\n\n\n  </ul>\n"
    assert collapse(html) == "<ul>\n<li>\n<a href='#a'>第一条</a>\n</li>\n</ul>\n"


def test_a_space_between_words_on_one_line_stays_a_space():
    assert collapse("<p>区政府  <b>全体会议</b> 制度</p>") == "<p>区政府  <b>全体会议</b> 制度</p>"


def test_a_line_break_between_inline_words_is_kept_as_a_break_the_browser_shows_as_a_space():
    assert collapse("<p>甲\n      <span>乙</span></p>") == "<p>甲\n<span>乙</span></p>"


def test_preformatted_text_and_code_are_left_as_they_are():
    pre = "<pre><code>gcrules validate\n    data/articles/\n\n  done</code></pre>"
    area = "<textarea>\n  一\n\n  二</textarea>"
    script = "<script>\n  var s = `a\n    b`;\n</script>"
    style = "<style>\n  .a {\n    color: red;\n  }\n</style>"
    for kept in (pre, area, script, style):
        assert collapse(f"<div>\n    {kept}\n    </div>") == f"<div>\n{kept}\n</div>"


def test_a_page_holding_no_line_break_is_unchanged():
    assert collapse("<p>第三条</p>") == "<p>第三条</p>"
