"""Display text that is not legal text: article ranges, chapter titles, norm facts, snippets, and the
names of relations, strengths, actor and instrument kinds (the eId labels themselves are eids.py's).
"""

from __future__ import annotations

from .. import normtext as nt
from ..eids import article_label
from ..model import Article, Chapter

STRENGTH = nt.STRENGTH_NAME


# Prefixed with 本条规范 on a norm panel, 本页各项规范 on an index page.
LEGEND = "为编者依据原文所作标注，不是原文的一部分"


RELATION = {"defines": "术语定义", "implements": "本条细化", "refers": "援引", "see_also": "另见"}


ACTOR_KIND = {"person": "人员", "body": "机构", "group": "群体", "meeting": "会议"}


INSTRUMENT_KIND = {
    "law": "法律",
    "regulation": "规章",
    "policy": "政策文件",
    "work_rules": "工作规则",
    "report": "报告",
    "party_regulation": "党内法规",
}


def article_range(chapter: Chapter) -> str:
    first = article_label(chapter.first_article)
    if chapter.first_article == chapter.last_article:
        return first
    return f"{first}至{article_label(chapter.last_article)}"


def chapter_title(chapter: Chapter) -> str:
    return f"{chapter.heading} {chapter.title}"


norm_facts = nt.facts  # the labelled facts are normtext's, shared with the answer phrases


def snippet(article: Article, length: int = 36) -> str:
    text = article.text
    return text if len(text) <= length else text[:length] + "…"
