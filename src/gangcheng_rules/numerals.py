"""Chinese numerals for display and for reading article numbers typed by people (cn2an does the work)."""

from __future__ import annotations

import re

import cn2an

_CN_DIGITS = "零〇一二两三四五六七八九十百千"


def to_chinese(n: int) -> str:
    """40 → 四十, 12 → 十二 (the form printed in 第十二条)."""
    return cn2an.an2cn(n, "low")


def parse_number(text: str) -> int | None:
    """'59', '五十九', '５９' → 59; None if the text is not a number."""
    text = text.strip().translate({ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９"})
    if text.isdigit():
        return int(text)
    if text and all(c in _CN_DIGITS for c in text):
        try:
            return int(cn2an.cn2an(text, "smart"))
        except (ValueError, KeyError):
            return None
    return None


ARTICLE_REF = re.compile(r"第?\s*([0-9０-９]+|[零〇一二两三四五六七八九十百]+)\s*条")


def article_refs(text: str) -> list[int]:
    """Article numbers a query or text mentions: 第59条, 第五十九条, 59条, 五十九条."""
    out = []
    for m in ARTICLE_REF.finditer(text):
        n = parse_number(m.group(1))
        if n is not None:
            out.append(n)
    return out
