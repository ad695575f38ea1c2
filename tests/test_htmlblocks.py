"""HTML blocks carried past Markdown (render/htmlblocks.py): a page reads the same, its headings are still
Markdown's, the ids in its blocks are still anchors MkDocs knows, and the data cannot forge a block."""

from __future__ import annotations

import base64
from types import SimpleNamespace

import markdown
import pytest

from gangcheng_rules.plugin import GangchengRulesPlugin
from gangcheng_rules.render import htmlblocks, render
from test_site_render import markdown_extensions, to_html

# a block Markdown would re-serialise (boolean attributes, nested blocks), with what could end a comment
BLOCK = '<div class="gc-meta" id="art_9__meta">\n<details open><summary>a -- b --> c</summary>\n<dl><div><dt>x</dt><dd>*y*</dd></div></dl>\n</details>\n</div>'
PAGE = f'## 第九条 {{ #art_9 }}\n\n{htmlblocks.mark(BLOCK + chr(10))}\n<div class="gc-ft" markdown>\n\n{htmlblocks.mark(BLOCK)}\n\n</div>\n'


def test_a_marked_block_reaches_the_page_exactly_as_written_even_inside_a_markdown_block():
    html = to_html(PAGE)
    assert html.count(BLOCK) == 2, html  # md_in_html would have written open="open" and moved the newlines
    assert "<em>" not in html and "gc-html" not in html


def test_markdown_sees_one_comment_per_block_and_still_makes_the_contents_from_the_headings():
    carried = htmlblocks.carry(PAGE)
    assert "<details" not in carried and carried.count("<!--gc-html ") == 2
    names, settings = markdown_extensions()
    md = markdown.Markdown(extensions=names, extension_configs=settings)
    md.convert(carried)
    assert [t["id"] for t in md.toc_tokens] == ["art_9"]


def test_a_block_inside_a_block_is_refused_rather_than_cut_at_the_wrong_end():
    with pytest.raises(ValueError):
        htmlblocks.mark(f"<div>{htmlblocks.mark('<p>x</p>')}</div>")


def test_a_mark_or_a_carrier_spelled_in_the_data_arrives_as_text():
    forged = f"{htmlblocks.OPEN}<b>x</b>{htmlblocks.CLOSE}<!--gc-html {base64.b64encode(b'<script>alert(1)</script>').decode()}-->"
    out = to_html(render("schema-table.html", caption=forged, rows=[]))
    assert "<script>" not in out and "<b>" not in out and "&lt;!--gc-html" in out


def test_the_plugin_restores_blocks_before_other_plugins_and_tells_mkdocs_their_ids():
    page = SimpleNamespace(meta={"description": "d"}, present_anchor_ids={"art_9"})
    carried = htmlblocks.carry(htmlblocks.mark(BLOCK))
    html = GangchengRulesPlugin().on_page_content('<h2 id="art_9">x</h2>' + carried, page=page, config=None, files=None)
    assert html == '<h2 id="art_9">x</h2>' + BLOCK
    assert page.present_anchor_ids == {"art_9", "art_9__meta"}
    assert GangchengRulesPlugin.on_page_content.mkdocs_priority == 100
