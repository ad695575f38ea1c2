"""Small search indexes written by hand (the shape of schema/search-index.schema.json), for ranking
properties that the real 72 articles show only by accident: each article is a list of units, each unit
its tokens separated by spaces (as jieba would have cut them)."""

from __future__ import annotations

from gangcheng_rules import search as S


def tiny_index(
    articles: dict[int, list[str]],
    *,
    docs: list[dict] | None = None,
    syn: dict[str, list[str]] | None = None,
    fields: dict[int, dict] | None = None,
    params: dict | None = None,
    links: dict | None = None,
) -> dict:
    """articles: number → units (space-separated tokens); fields: number → extra article keys
    (questions, thesaurus as space-separated tokens); docs: {location, title, units?}."""
    arts = []
    for n, units in sorted(articles.items()):
        arts.append(
            {
                "number": n,
                "heading": f"第{S.js('intToCn', n)}条",
                "chapter": 1,
                "page": 0,
                "subjects": [],
                "defines": "",
                "units": {
                    "eid": [f"para_{k + 1}" for k in range(len(units))],
                    "label": ["" for _ in units],
                    "tokens": list(units),
                },
                **(fields or {}).get(n, {}),
            }
        )
    gc = {
        "v": S.INDEX_FORMAT,
        "params": {**S.PARAMS, **(params or {})},
        "stop": " ".join(S.STOPWORDS),
        "lex": "",
        "t2s": "",
        "syn": syn or {},
        "pages": ["chapters/chp_1/"],
        "chapters": [{"number": 1, "heading": "第一章", "title": "总则", "tokens": "总则", "page": 0}],
        "subjects": [],
        "articles": arts,
        "docs": docs or [],
    }
    if links is not None:
        gc["links"] = links
    return {"config": {"lang": ["zh"], "separator": S.SEPARATOR, "gc": gc}, "docs": []}
