"""Site search files written into the built site (called from the MkDocs hook's on_post_build).

mkdocs-material's search UI fetches ``search/search_index.json`` and passes it to the worker named in
the page config (overrides/main.html points that at ``assets/javascripts/gcsearch.js``). So we replace
the search plugin's index with ours, in the same file (one download, no extra request), and copy our
worker beside the theme's scripts. MkDocs runs hooks' on_post_build after the plugins' (hooks are
registered as plugins after the configured ones), so the search plugin has already written its file.

Where each article lives is read from the built pages themselves (the HTML id ``art_N``), so the index
follows whatever URLs the site uses.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import shutil
from importlib import resources
from pathlib import Path

from .model import Corpus
from .search import build_index

INDEX_PATH = "search/search_index.json"
WORKER_PATH = "assets/javascripts/gcsearch.js"
_ART_ID = re.compile(r"""\sid=["']?art_(\d+)["'\s>]""")


def page_url(site_dir: Path, html_file: Path) -> str:
    """site/chapters/9/index.html → 'chapters/9/'; site/index.html → ''; site/x.html → 'x.html'."""
    rel = html_file.relative_to(site_dir).as_posix()
    return rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel


def article_pages(site_dir: Path) -> dict[int, str]:
    """Article number → URL of the page that holds it (id="art_N").

    An article shown on several pages (a chapter page and a full-text page, say) belongs to the page
    with the fewest articles, i.e. its chapter page; ties go to the first URL in sorted order.
    """
    found: dict[str, set[int]] = {}
    for f in sorted(site_dir.rglob("*.html")):
        ids = {int(n) for n in _ART_ID.findall(f.read_text(encoding="utf-8", errors="replace"))}
        if ids:
            found[page_url(site_dir, f)] = ids
    out: dict[int, str] = {}
    for url, ids in sorted(found.items(), key=lambda kv: (len(kv[1]), kv[0])):
        for n in ids:
            out.setdefault(n, url)
    return out


def site_index(corpus: Corpus, site_dir: Path) -> dict:
    """Our index for a built site, from its pages and the search plugin's index (if written)."""
    site_dir = Path(site_dir)
    stock_file = site_dir / INDEX_PATH
    config, docs, stock_size = None, [], None
    if stock_file.exists():
        raw = stock_file.read_bytes()
        try:
            stock = json.loads(raw)
        except ValueError:
            stock = None
        if isinstance(stock, dict) and isinstance(stock.get("config"), dict):
            config = stock["config"]
            ours = config.get("gc")
            if isinstance(ours, dict):  # already ours (a second call on the same site): keep what it knew
                docs = [{"location": loc, "title": title} for loc, title in ours.get("docs", [])]
                stock_size = ours.get("stock")
            else:
                stock_size = {"bytes": len(raw), "gzip": len(gzip.compress(raw, 9))}
                # other pages, by title (the plugin cuts titles with U+200B when jieba is installed); the
                # plugin's titles are HTML, ours are text (the worker and the CLI escape them once)
                docs = [
                    {"location": d["location"], "title": html.unescape(str(d.get("title", ""))).replace("\u200b", "")}
                    for d in stock.get("docs", [])
                    if isinstance(d, dict) and "#" not in str(d.get("location", "#"))
                ]
    index = build_index(corpus, article_pages(site_dir), docs, config)
    if stock_size:
        # the plugin's own index for this very site: what `make bench` compares our download with
        index["config"]["gc"]["stock"] = stock_size
    return index


def corpus_index(corpus: Corpus) -> dict:
    """The index the site would carry, without building the site (the CLI's): the chapter pages'
    URLs as render.py names them, no other pages."""
    from .render import chapter_src, page_url

    return build_index(corpus, {a.number: page_url(chapter_src(a.chapter)) for a in corpus.articles})


def write_site_search(corpus: Corpus, site_dir: Path) -> None:
    """Write the search index and worker into site_dir (called from the MkDocs hook's on_post_build)."""
    site_dir = Path(site_dir)
    index = site_index(corpus, site_dir)
    out = site_dir / INDEX_PATH
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    worker = site_dir / WORKER_PATH
    worker.parent.mkdir(parents=True, exist_ok=True)
    with resources.as_file(resources.files(__package__) / "assets" / "gcsearch.js") as src:
        shutil.copyfile(src, worker)
