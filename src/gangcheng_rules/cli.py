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


def project_or_exit(root):
    """The Project at --root, or the one found from the current directory; exit 2 with a message if none."""
    from .project import Project, ProjectNotFound

    try:
        return Project.of(root)
    except ProjectNotFound as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(EXIT_USAGE)


def load_or_exit(root):
    from . import load

    try:
        return load(project_or_exit(root))
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
    help="Project directory holding data/ and schema/ (default: the nearest such directory from here upwards).",
)


@main.command()
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@root_option
def validate(path, root):
    """Check the data: schemas, ids, references, fidelity to the source, cue coverage.

    PATH (or --root) is a checkout, its data/ directory, an export directory or an exported
    rules.json; without either, the checkout holding the current directory. A checkout is checked
    against its own schema/; an export against the schemas shipped in this package (and against
    its manifest: no file missing or changed).

    Every problem is printed as PATH:LINE: JSON-PATH: MESSAGE; exit status 1 if any.

    \b
    Example:
      gcrules validate
      gcrules validate --root path/to/checkout
      gcrules validate site/data
    """
    from .exported import is_export, read_export

    if path is not None and root is not None:
        raise click.UsageError("give PATH or --root, not both")
    path = path if path is not None else root
    if path is not None and (is_export(path) or path.is_file()):
        try:
            corpus = read_export(path)
        except DataError as e:
            report(e.problems)
            sys.exit(EXIT_DATA)
        click.echo(
            f"OK: {len(corpus.articles)} articles, {len(corpus.norms)} norms in the export {path}; valid against the packaged schemas."
        )
        return
    if path is not None and path.name == "data" and (path / "document.yaml").exists():
        path = path.parent
    corpus = load_or_exit(path)
    n = len(corpus.norms)
    click.echo(f"OK: {len(corpus.articles)} articles, {n} norms, {len(corpus.document.chapters)} chapters; text matches the source.")


@main.command()
@click.argument("out_dir", type=click.Path(path_type=Path))
@root_option
def export(out_dir, root):
    """Write rules.json, articles/N.json, articles.jsonl, norms.csv, schemas and datapackage.json.

    OUT_DIR is new, empty or a previous export (it carries .gcrules-export.json); anything else is
    refused with exit status 2 and left untouched: a file, the project or a directory above it, its
    data/, schema/, src/ or .git, a directory holding files the export did not write or that changed
    since. The new export is written beside OUT_DIR and swapped in whole; two runs give
    byte-identical files.

    \b
    Example:
      gcrules export site/data
    """
    from .export import write_export
    from .replace import ExportError, check_target

    project = project_or_exit(root)
    try:
        check_target(out_dir, project)  # refuse before the slower validation
    except ExportError as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(EXIT_USAGE)
    corpus = load_or_exit(project)
    try:
        files = write_export(corpus, out_dir, project)
    except ExportError as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(EXIT_USAGE)
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
    """Compare two dataset versions, in Chinese: 新增、删除、修改、重新编号 articles, a redline, tag changes.

    OLD and NEW are project directories (holding data/), data/ directories or exported rules.json files,
    of schema 1.0 (obligations) or 2.0 (norms). Places read 第二款第三项; the redline shows the original
    punctuation, but full/half-width variants and whitespace never count as amendments. Every problem
    names its side: 旧版本（OLD） or 新版本（NEW）.

    \b
    Examples:
      gcrules diff old-checkout/ .
      gcrules diff v1/rules.json site/data/rules.json --format html -o changes.html
      gcrules diff v1/rules.json v2/rules.json --format json
    """
    from . import diff as d

    if output and not output.parent.is_dir():
        raise click.BadParameter(f"{output.parent} is not a directory: create it first, or write elsewhere", param_hint="'-o' / '--output'")
    try:
        comparison = d.compare(d.load_side(old, "old"), d.load_side(new, "new"))
    except DataError as e:
        report(e.problems)
        sys.exit(EXIT_DATA)
    render = {"text": d.render_text, "json": lambda c: json.dumps(c.to_json(), ensure_ascii=False, indent=2) + "\n", "html": d.render_html}[
        fmt
    ]
    out = render(comparison)
    if output:
        tmp = output.with_name(f".{output.name}.tmp")
        try:
            tmp.write_text(out, encoding="utf-8")
            tmp.replace(output)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            click.echo(f"Error: cannot write {output}: {e.strerror or e}", err=True)
            sys.exit(EXIT_USAGE)
    else:
        click.echo(out, nl=False)


@main.command()
@click.argument("query")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='Print {"query", "answer", "notice", "results"} as JSON (results: rank, article, title, url, score, snippet, terms).',
)
@click.option("--limit", "-n", type=click.IntRange(1, 100), default=10, show_default=True, help="Print at most N articles.")
@root_option
def search(query, as_json, limit, root):
    """Search the rules as the site's search box does: the same index, ranked by the site's own
    search worker (gcsearch.js, run here in V8), so the results are the browser's.

    QUERY is what a person would type: words run together, a question, an article number
    (第59条, 五十九条, 第40条第2款), traditional characters or everyday words (出差, 开会). Only its
    first 200 characters are searched. URLs are relative to the site root. When a norm answers the
    question, the answer (with its citation) is printed first; a topic the rules do not cover, or an
    article number past the last, is said so.

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
    response = engine.respond(query)
    hits = [h for h in response["results"] if h.article is not None][:limit]
    answer, notice = response["answer"], response["notice"]
    if as_json:
        results = [
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
        out = {
            "query": query,
            "answer": answer and {k: answer[k] for k in ("text", "source", "url")},
            "notice": notice and {k: notice[k] for k in ("kind", "text", "url") if k in notice},
            "results": results,
        }
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    if answer:
        click.echo(f"答：{answer['text']}  {answer['url']}")
    if notice:
        click.echo(
            notice["text"]
            + "。"
            + "".join(f"  {s['title']}: {s['url']}" for s in notice.get("suggest", []))
            + (f"  {notice['url']}" if notice.get("url") and not notice.get("suggest") else "")
        )
    if not hits:
        click.echo("没有找到符合条件的结果。试试更短的词、换个说法，或输入条号（如 第59条）。")
        return
    for i, h in enumerate(hits, 1):
        # the paragraph the snippet is from, as the site's result links it (the article when there is none)
        click.echo(f"{i:>2}. {_plain(h.title)}  {h.unit or h.location}")
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
