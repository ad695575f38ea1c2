"""The one Jinja environment of the site's pages (templates/), its filters and globals (autoescape on)."""

from __future__ import annotations

import functools
import hashlib

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined

from ..eids import cn_date, to_chinese
from .htmlblocks import mark
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
    env.filters.update(md=md_text, md_attr=md_attr, size=human_size, cndate=cn_date, cn=to_chinese, html_block=mark)
    env.globals.update(STRENGTH=STRENGTH, RELATION=RELATION, LEGEND=LEGEND)
    # Compiling the templates is a tenth of the page rendering: keep the compiled code between processes.
    env.bytecode_cache = BytecodeCache(pattern=f"gcrules-{compile_key(env)}-%s.cache")
    return env


def compile_key(env: Environment) -> str:
    """What a template's compiled code depends on besides its source (which Jinja checks itself): Jinja's
    version and the settings and filter names the compiler reads. Another value is another cache."""
    settings = (
        jinja2.__version__,
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.autoescape,
        env.optimized,
        env.finalize is None,
        env.is_async,
        sorted(env.extensions),
        sorted(env.filters),
        sorted(env.tests),
    )
    return hashlib.sha256(repr(settings).encode()).hexdigest()[:16]


class BytecodeCache(FileSystemBytecodeCache):
    """Jinja's file cache (per user in the system's temp directory, written aside and renamed, each entry
    checked against its template's source and the Python version) in which a damaged or unwritable file
    only means compiling again."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 (a damaged file: unpickling can raise anything)
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def human_size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"
