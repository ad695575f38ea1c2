"""Akoma Ntoso ids and their Chinese display labels: the one home of the eId grammar and of numerals.

It owns how an id is spelled (Arabic digits: chp_9, art_40, art_40__para_2, art_40__para_1__list_1__item_3,
art_40__norm_1, notice__p_2), how it reads to a person (Chinese numerals only in display text: 第四十条第二款,
第九章, （三）), and dates in Chinese (2022年4月8日). validate checks ids against these spellings, akn checks
the XML against EID, render, export, diff and the documents print these labels. cn2an does the numerals.
"""

from __future__ import annotations

import functools
import re
from datetime import date

import cn2an

# Every eId the project writes (akn checks its XML against it).
EID = re.compile(r"^(chp_[1-9][0-9]*|art_[1-9][0-9]*(__para_[1-9][0-9]*(__list_1(__item_[1-9][0-9]*)?)?)?|notice|notice__p_[1-9][0-9]*)$")
# An article's own eIds (article, paragraph, item), with the numbers they hold.
ARTICLE_PART = re.compile(r"^art_(\d+)(?:__para_(\d+)(?:__list_1__item_(\d+))?)?$")


# ---------------------------------------------------------------- ids (Arabic digits)


def chapter_eid(n: int) -> str:
    return f"chp_{n}"


def article_eid(n: int) -> str:
    return f"art_{n}"


def paragraph_eid(article: int, k: int) -> str:
    """The k-th paragraph (款) of an article, counted from 1."""
    return f"art_{article}__para_{k}"


def item_eid(paragraph: str, k: int) -> str:
    """The k-th item (项) of a paragraph's list, counted from 1 (each paragraph has at most one list)."""
    return f"{paragraph}__list_1__item_{k}"


def norm_id(article: int, k: int) -> str:
    """The k-th norm tag of an article, counted from 1 (norms are numbered in order)."""
    return f"art_{article}__norm_{k}"


def article_number(eid: str) -> int:
    """art_40__para_2 (or art_40__norm_1) → 40."""
    return int(eid.split("__")[0].removeprefix("art_"))


# ---------------------------------------------------------------- display (Chinese numerals)


@functools.cache  # thousands of labels per build, of a hundred-odd numbers
def to_chinese(n: int) -> str:
    """40 → 四十, 12 → 十二 (the form printed in 第十二条)."""
    return cn2an.an2cn(n, "low")


def article_label(n: int) -> str:
    """40 → 第四十条."""
    return f"第{to_chinese(n)}条"


def chapter_label(n: int) -> str:
    """9 → 第九章."""
    return f"第{to_chinese(n)}章"


def item_label(k: int) -> str:
    """3 → （三）: how the official text numbers the items of a list."""
    return f"（{to_chinese(k)}）"


def eid_label(eid: str) -> str:
    """art_39__para_1__list_1__item_3 → 第三十九条第一款第三项."""
    m = ARTICLE_PART.match(eid)
    if not m:
        raise ValueError(f"not an article eId: {eid}")
    art, para, item = m.groups()
    out = article_label(int(art))
    if para:
        out += f"第{to_chinese(int(para))}款"
    if item:
        out += f"第{to_chinese(int(item))}项"
    return out


def place_in_article(eid: str, article: int) -> str:
    """第一款第二项: a place named within its article (the article's own label when eid is the article)."""
    own = article_label(article)
    return eid_label(eid).removeprefix(own) or own


def cn_date(d: date) -> str:
    """2022-04-08 → 2022年4月8日."""
    return f"{d.year}年{d.month}月{d.day}日"
