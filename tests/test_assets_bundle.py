"""The site's own styles and scripts are served as one sheet and one deferred script (issue 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gangcheng_rules import assets_bundle as B

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_every_listed_source_exists_and_every_source_is_listed():
    listed = {*B.SCRIPTS, *(name for name, _ in B.STYLES)}
    on_disk = {p.name for p in (DOCS / B.ASSET_DIR).iterdir() if p.suffix in (".css", ".js")}
    assert listed == on_disk


def test_styles_keep_their_order_so_later_rules_still_win():
    css = B.bundle_styles([(".a { color: red; }", None), (".a { color: blue; }", None)])
    assert css.index("red") < css.index("blue")


def test_a_print_sheet_is_wrapped_in_media_print():
    css = B.bundle_styles([(".x { display: none; }", "print")])
    assert css.strip() == "@media print{.x{display:none}}"


def test_a_print_sheet_already_wrapped_is_not_wrapped_twice():
    src = "/* why */\n@media print {\n  .x { display: none; }\n  @page { margin: 2cm; }\n}\n"
    assert B.is_only_media(src, "print")
    assert B.bundle_styles([(src, "print")]).count("@media") == 1
    assert B.is_only_media('@media print { .x::after { content: "}"; } }', "print")  # a brace in a string


@pytest.mark.parametrize(
    "css",
    [
        "@media print { .x { color: red; } }\n.y { color: blue; }",  # screen rules after the block
        ".y { color: blue; }\n@media print { .x { color: red; } }",  # before it
        "@media screen { .x { color: red; } }",
    ],
    ids=["rules-after", "rules-before", "other-medium"],
)
def test_a_sheet_with_rules_outside_its_print_block_is_wrapped(css):
    assert not B.is_only_media(css, "print")


def test_a_script_that_throws_does_not_stop_the_next():
    from py_mini_racer import MiniRacer

    js = B.bundle_scripts(["var seen = [];", "seen.push(1); throw new Error('one');", "seen.push(2);"])
    ctx = MiniRacer()
    ctx.eval("var setTimeout = function () {};")  # the error is re-thrown later, outside the bundle
    ctx.eval(js)
    assert ctx.eval("seen.join(',')") == "1,2"


def test_the_bundles_hold_every_source_minified(tmp_path):
    out = B.bundles(DOCS)
    assert set(out) == {B.STYLE_BUNDLE, B.SCRIPT_BUNDLE}
    assert out[B.SCRIPT_BUNDLE].count("try {") == len(B.SCRIPTS)
    assert "/*" not in out[B.STYLE_BUNDLE]  # comments stay in the sources
    assert ".gc-cite" in out[B.STYLE_BUNDLE] and "@page" in out[B.STYLE_BUNDLE]
