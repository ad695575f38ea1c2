"""A page's own description for <meta name="description"> and Open Graph previews (WeChat, mail, chat).

Read from the page's rendered content: the first paragraph of legal text if the page has one (a chapter
page previews its first article), else its first paragraph. mkdocs-material writes page.meta.description
into the description meta; overrides/main.html adds the Open Graph tags from the same value.
"""

from __future__ import annotations

import re
from html import unescape

LENGTH = 120
_TEXT = re.compile(r'<span class="gc-text">(.*?)</span><a class="gc-permalink"', re.S)
_PARA = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
_SCREEN_ONLY = re.compile(r'<span class="gc-screen-only">.*?</span>', re.S)
_TAG = re.compile(r"<[^>]+>")


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(_TAG.sub("", _SCREEN_ONLY.sub("", html)))).strip()


def description(title: str, html: str) -> str:
    """'Title：first text…', at most LENGTH characters of text."""
    m = _TEXT.search(html)
    first = plain(m.group(1)) if m else next((t for t in (plain(p) for p in _PARA.findall(html)) if t), "")
    if len(first) > LENGTH:
        first = first[:LENGTH] + "…"
    return f"{title}：{first}" if first else title
