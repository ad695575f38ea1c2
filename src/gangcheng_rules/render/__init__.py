"""Corpus → the site's pages, as Markdown with HTML blocks. Pure functions: no files, no printing.

Legal text is rendered verbatim: cross-links and norm highlights are wrapped around spans of it and
never add, drop or reorder a character. Every string from the data is escaped (Jinja autoescape for
the templates, html.escape in markup), so HTML or Markdown in a YAML string renders as text.

One module per job: urls (page files, URLs, links), labels (display text), markup (inline legal text),
templates (the Jinja environment), articles (chapter pages), indexes and datapages (the other page
families), site (all pages and the nav). Everything is re-exported here: callers write render.X.
"""

from ..eids import cn_date, eid_label  # noqa: F401  (render.eid_label, render.cn_date: the labels' old home)
from .articles import article_block, article_context, chapter_page, norm_view  # noqa: F401
from .datapages import (  # noqa: F401
    MAIN_FILES,
    SchemaRow,
    changes_page,
    dataset_page,
    file_descriptions,
    home_page,
    schema_anchor,
    schema_docs,
    schema_rows,
    schema_type,
    using_page,
)
from .indexes import (  # noqa: F401
    BEARER_GROUPS,
    COMPARATOR,
    FIGURE_GROUPS,
    actor_duties,
    actors_page,
    citations_page,
    figure_data,
    figure_kind,
    figure_rows,
    figures_page,
    meeting_quote,
    meeting_rows,
    meetings_page,
    subjects_page,
)
from .labels import ACTOR_KIND, INSTRUMENT_KIND, LEGEND, RELATION, STRENGTH, article_range, chapter_title, norm_facts, snippet  # noqa: F401
from .markup import Wrap, fragment_html, links, markup, md_attr, md_text, norm_class  # noqa: F401
from .site import nav, pages  # noqa: F401
from .templates import environment, human_size, render  # noqa: F401
from .urls import (  # noqa: F401
    ACTORS,
    CHANGES,
    CITATIONS,
    DATASET,
    EXPORT_DIR,
    FIGURES,
    HOME,
    MEETINGS,
    SUBJECTS,
    USING,
    Page,
    article_href,
    chapter_src,
    file_href,
    href,
    page_url,
)
