"""The one Jinja environment of the site's pages (templates/), its filters and globals (autoescape on)."""

from __future__ import annotations

import functools

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..eids import cn_date, to_chinese
from .labels import LEGEND, RELATION, STRENGTH
from .markup import md_attr, md_text


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("gangcheng_rules", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=md_text, md_attr=md_attr, size=human_size, cndate=cn_date, cn=to_chinese)
    env.globals.update(STRENGTH=STRENGTH, RELATION=RELATION, LEGEND=LEGEND)
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def human_size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"
