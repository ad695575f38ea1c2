"""Everyday phrasing, document side: which everyday phrases (data/vocab/phrases.yaml) an article answers to.

Staff say 打报告 where the rules say 请示, 没商量好 where they say 协调不能取得一致. Word-for-word synonyms
(data/vocab/synonyms.yaml, applied to the query) cannot bridge phrases, so the phrases are added to the
articles instead, at build time: an article whose text holds one of an entry's wordings carries the phrase
as one searchable token (``articles[i].thesaurus`` in the index, scored with a low weight by the worker).

No thesaurus package is used: the Chinese thesauri on PyPI are word-level (同义词词林 groups such as
请示/请命/报请 cannot say 打报告), or ship their data without a licence that allows redistribution (see the
README). The phrase table is the project's own, reviewed entry by entry, each with a note.
"""

from __future__ import annotations

import functools

from .model import Article, Corpus, Phrase
from .read import squash

# Phrases one article carries at most: a long article holding many common wordings should not win
# everyday queries by the sheer number of its expansions.
CAP = 12


def article_phrases(corpus: Corpus, article: Article) -> list[str]:
    """The phrases whose wording the article's text holds, in the table's order, at most CAP."""
    return text_phrases(corpus, article.text)


def text_phrases(corpus: Corpus, text: str) -> list[str]:
    """The phrases whose wording a text holds (an article's, or one norm's words for answer cards), in
    the table's order, at most CAP."""
    text = squash(text)
    out: list[str] = []
    for phrase, wording in _squashed(corpus.phrases):
        if phrase not in out and any(w in text for w in wording):
            out.append(phrase)
    return out[:CAP]


@functools.cache  # one table per corpus, asked for each article and each norm
def _squashed(phrases: tuple[Phrase, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((p.phrase, tuple(squash(w) for w in p.wording)) for p in phrases)
