"""The command line: `gcrules validate | export | search | …`. Printing and exit codes live here only."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .problems import DataError, Problem

EXIT_DATA = 1
EXIT_USAGE = 2


def report(problems: list[Problem]) -> None:
    for p in problems:
        click.echo(str(p), err=True)
    click.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found.", err=True)


def load_or_exit(root):
    from . import load

    try:
        return load(root)
    except DataError as e:
        report(e.problems)
        sys.exit(EXIT_DATA)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gangcheng-rules")
def main():
    """济南市钢城区人民政府工作规则: validate, export and search the rules dataset.

    \b
    Examples:
      gcrules validate
      gcrules export site/data
      gcrules search 常务会议多久开一次
    """


root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Project directory holding data/ and schema/ (default: this checkout).",
)


@main.command()
@root_option
def validate(root):
    """Check the data: schemas, ids, references, fidelity to the source, cue coverage.

    Every problem is printed as PATH:LINE: JSON-PATH: MESSAGE; exit status 1 if any.

    \b
    Example:
      gcrules validate
      gcrules validate --root path/to/checkout
    """
    corpus = load_or_exit(root)
    n = len(corpus.obligations)
    click.echo(f"OK: {len(corpus.articles)} articles, {n} norms, {len(corpus.document.chapters)} chapters; text matches the source.")


@main.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@root_option
def export(out_dir, root):
    """Write rules.json, articles/N.json, articles.jsonl, obligations.csv, schemas and datapackage.json.

    The directory is written in full or not at all (built aside, then moved into place);
    two runs give byte-identical files.

    \b
    Example:
      gcrules export site/data
    """
    from .export import write_export

    corpus = load_or_exit(root)
    from .load import project_root

    try:
        files = write_export(corpus, out_dir, (root or project_root()) / "schema")
    except DataError as e:
        report(e.problems)
        sys.exit(EXIT_DATA)
    click.echo(f"Wrote {len(files)} files to {out_dir}")


@main.command()
@click.argument("old", type=click.Path(exists=True, path_type=Path))
@click.argument("new", type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file (only if the comparison succeeds)."
)
def diff(old, new, fmt, output):
    """Compare two dataset versions: articles inserted, repealed, renumbered, amended (with a redline), tag changes.

    OLD and NEW are project directories (holding data/), data/ directories or exported rules.json files.
    Full/half-width punctuation and digits and whitespace never count as amendments.

    \b
    Examples:
      gcrules diff old-checkout/ .
      gcrules diff v1/rules.json site/data/rules.json --format html -o changes.html
      gcrules diff v1/rules.json v2/rules.json --format json
    """
    from . import diff as d

    try:
        comparison = d.compare(d.load_version(old), d.load_version(new))
    except DataError as e:
        report(e.problems)
        sys.exit(EXIT_DATA)
    render = {"text": d.render_text, "json": lambda c: json.dumps(c.to_json(), ensure_ascii=False, indent=2) + "\n", "html": d.render_html}[
        fmt
    ]
    out = render(comparison)
    if output:
        tmp = output.with_name(f".{output.name}.tmp")
        tmp.write_text(out, encoding="utf-8")
        tmp.replace(output)
    else:
        click.echo(out, nl=False)


@main.command()
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON (rank, article, title, url, score, snippet, terms).")
@click.option("--limit", "-n", type=click.IntRange(1, 100), default=10, show_default=True, help="Print at most N articles.")
@root_option
def search(query, as_json, limit, root):
    """Search the rules as the site's search box does: the same index, ranked by the site's own
    search worker (gcsearch.js, run here in V8), so the results are the browser's.

    QUERY is what a person would type: words run together, a question, an article number
    (第59条, 五十九条, 59条), traditional characters or everyday words (出差, 开会). Only its
    first 200 characters are searched. URLs are relative to the site root.

    \b
    Examples:
      gcrules search 常务会议多久开一次
      gcrules search 第五十九条
      gcrules search 會議紀要 --json
      gcrules search 出差 --limit 3
    """
    from .search import Engine
    from .searchsite import corpus_index

    # a lone surrogate (undecodable command-line bytes) would break printing: make it visible instead
    query = query.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if not query.strip():
        raise click.UsageError("QUERY is empty: give the words to look for, e.g. gcrules search 会议纪要")
    engine = Engine(corpus_index(load_or_exit(root)))
    hits = [h for h in engine.search(query, limit=limit) if h.article is not None]
    if as_json:
        out = [
            {
                "rank": i + 1,
                "article": h.article,
                "title": _plain(h.title),
                "url": h.location,
                "paragraph_url": h.unit,
                "score": h.score,
                "snippet": _plain(h.text),
                "snippet_html": h.text,
                "terms": sorted(h.terms),
            }
            for i, h in enumerate(hits)
        ]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo("没有找到符合条件的结果。试试更短的词、换个说法，或输入条号（如 第59条）。")
        return
    for i, h in enumerate(hits, 1):
        click.echo(f"{i:>2}. {_plain(h.title)}  {h.location}")
        click.echo("    " + _marked(h.text))


def _plain(fragment: str) -> str:
    """Our escaped snippet HTML → text (only <mark> and entities occur in it)."""
    import html
    import re

    return html.unescape(re.sub(r"</?mark>", "", fragment))


def _marked(fragment: str) -> str:
    """Snippet with the matches in bold (plain text when not printing to a terminal)."""
    import html
    import re

    parts = re.split(r"<mark>(.*?)</mark>", fragment)
    return "".join(click.style(html.unescape(p), bold=True, fg="red") if k % 2 else html.unescape(p) for k, p in enumerate(parts))


if __name__ == "__main__":
    main()
