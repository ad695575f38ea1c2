"""The whole site: every generated page and the nav, in the order the nav shows them."""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from ..model import Corpus
from .articles import chapter_page
from .datapages import changes_page, dataset_page, home_page, using_page
from .indexes import actors_page, citations_page, figures_page, meetings_page, subjects_page
from .labels import chapter_title
from .urls import ACTORS, CHANGES, CITATIONS, DATASET, FIGURES, HOME, MEETINGS, SUBJECTS, USING, Page, chapter_src


def pages(corpus: Corpus, files: dict[str, bytes], schemas: dict[str, dict]) -> list[Page]:
    """Every generated page. files: the export (relative path → bytes); schemas: name → JSON Schema."""
    return [
        home_page(corpus, files),
        *(chapter_page(corpus, c) for c in corpus.document.chapters),
        subjects_page(corpus),
        actors_page(corpus),
        citations_page(corpus),
        meetings_page(corpus),
        figures_page(corpus),
        dataset_page(corpus, files, schemas),
        using_page(corpus, files),
        changes_page(corpus),
    ]


def nav(corpus: Corpus) -> list:
    """The MkDocs nav: home, the chapters, the indexes, the data page.

    Titles are HTML to MkDocs and the theme (printed unescaped in the nav, the header and the footer),
    so chapter titles from the data are escaped, as Markup so that the theme's `| e` leaves them be.
    """
    return [
        {"首页": HOME},
        {"正文": [{Markup(escape(chapter_title(c))): chapter_src(c.number)} for c in corpus.document.chapters]},
        {
            "索引": [
                {"主题索引": SUBJECTS},
                {"主体与职责": ACTORS},
                {"引用文件": CITATIONS},
                {"会议制度对照": MEETINGS},
                {"时限与数量要求一览": FIGURES},
            ]
        },
        {"开放数据": [{"数据文件与结构": DATASET}, {"使用数据": USING}, {"变更记录": CHANGES}]},
    ]
