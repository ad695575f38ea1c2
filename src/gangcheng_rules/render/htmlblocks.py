"""HTML blocks carried past Markdown: the generated pages' bodies, which Markdown would only copy.

A page is Markdown for its headings (the table of contents, the heading ids) and HTML for everything else.
Python-Markdown and MkDocs each parse every raw HTML block with html.parser just to copy it through, which
was most of the page conversion (0.5 of 0.8 s of CPU a build, for 1 MB of generated pages).

A template marks such a block with `{% filter html_block %}` (mark): the page's Markdown keeps the block as
written, between two comments, so it reads and tests as before. The MkDocs plugin hands MkDocs each page
with its marked blocks turned into one comment apiece (carry: base64, so no `--` or `>` inside ends it), which
both parsers skip in one search for `-->`, and puts the blocks back in on_page_content (restore), before
anything reads the page.

Data cannot forge a mark or a carrier: every string from the data reaches a page escaped, so `<!--` is ours.
The ids inside the blocks are handed to MkDocs (anchor_ids), so links to them are still validated.
"""

from __future__ import annotations

import base64
import re

from markupsafe import Markup

OPEN, CLOSE = "<!--gc-html-->", "<!--/gc-html-->"
_MARKED = re.compile(re.escape(OPEN) + r"(.*?)" + re.escape(CLOSE), re.S)
_CARRIER = re.compile(r"<!--gc-html ([A-Za-z0-9+/=]*)-->")
_ID = re.compile(r"""\sid=["']([^"']+)["']""")


def mark(html: str) -> Markup:
    """The Jinja filter `html_block`: the block between the marks, its final newline after them."""
    html = str(html)
    if OPEN in html:  # carry() pairs each mark with the next end mark
        raise ValueError("an html_block inside another")
    body, end = (html[:-1], "\n") if html.endswith("\n") else (html, "")
    return Markup(f"{OPEN}{body}{CLOSE}{end}")


def carry(markdown: str) -> str:
    """A page's Markdown for MkDocs: each marked block one comment in its place."""
    return _MARKED.sub(lambda m: f"<!--gc-html {base64.b64encode(m.group(1).encode('utf-8')).decode('ascii')}-->", markdown)


def restore(html: str) -> str:
    """The converted page with every carried block back in its place, as the template wrote it (no marks)."""
    return _CARRIER.sub(lambda m: base64.b64decode(m.group(1)).decode("utf-8"), html)


def anchor_ids(html: str) -> set[str]:
    """Every id attribute of a restored page: MkDocs validates links to anchors against the ids it saw,
    and it never saw those of the carried blocks."""
    return set(_ID.findall(html))
