"""Check a built site: every internal link and #anchor resolves, nothing points at another host.

Pure: returns problems, prints nothing. Links are resolved the way a browser resolves them from the
page's own location, so a site that passes also works when served from a sub-path.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that make the browser load or navigate to a URL.
LINK_ATTRS = {
    "a": "href",
    "area": "href",
    "link": "href",
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "form": "action",
}
IGNORED_SCHEMES = {"javascript", "mailto", "tel", "data", "blob"}
# The theme's 404 page is served for any missing path, at any depth; MkDocs gives it root-absolute links by design.
SKIP_PAGES = ("404.html",)


@dataclass(frozen=True, order=True)
class LinkProblem:
    page: str
    link: str
    message: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link}: {self.message}"


class _Scan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.append(a["name"])
        attr = LINK_ATTRS.get(tag)
        if attr and a.get(attr) is not None:
            self.links.append(a[attr])


@dataclass(frozen=True)
class PageScan:
    ids: frozenset[str]
    links: tuple[str, ...]
    duplicate_ids: tuple[str, ...]


def scan(html: str) -> PageScan:
    s = _Scan()
    s.feed(html)
    s.close()
    seen: set[str] = set()
    dups = []
    for i in s.ids:
        if i in seen:
            dups.append(i)
        seen.add(i)
    return PageScan(frozenset(s.ids), tuple(s.links), tuple(sorted(set(dups))))


def check_site(site_dir: Path | str, *, skip: tuple[str, ...] = SKIP_PAGES) -> list[LinkProblem]:
    """Every problem with the links of every HTML page under site_dir, sorted."""
    site = Path(site_dir)

    @functools.cache
    def page(rel: str) -> PageScan:
        return scan((site / rel).read_text(encoding="utf-8"))

    def target_file(rel_path: str, trailing_slash: bool) -> str | None:
        p = site / rel_path
        if p.is_dir() or trailing_slash:
            index = posixpath.join(rel_path, "index.html") if rel_path not in ("", ".") else "index.html"
            return index if (site / index).is_file() else None
        return rel_path if p.is_file() else None

    problems: list[LinkProblem] = []
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    for rel in pages:
        if rel in skip:
            continue
        scanned = page(rel)
        for dup in scanned.duplicate_ids:
            problems.append(LinkProblem(rel, f"#{dup}", "duplicate id on the page"))
        for link in scanned.links:
            problems += _check_link(site, rel, link, page, target_file)
    return sorted(set(problems))


def _check_link(site: Path, rel: str, link: str, page, target_file) -> list[LinkProblem]:
    parts = urlsplit(link.strip())
    if parts.scheme in IGNORED_SCHEMES:
        return []
    if parts.scheme or parts.netloc:
        return [LinkProblem(rel, link, "points at another host: the site must make no requests elsewhere")]
    if parts.path.startswith("/"):
        return [LinkProblem(rel, link, "root-absolute path: breaks when the site is served from a sub-path")]
    path = unquote(parts.path)
    if path:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
        if joined == ".." or joined.startswith("../"):
            return [LinkProblem(rel, link, "leads outside the site")]
        target = target_file("" if joined == "." else joined, path.endswith("/"))
        if target is None:
            return [LinkProblem(rel, link, "no such file in the site")]
    else:
        target = rel
    fragment = unquote(parts.fragment)
    if fragment and target.endswith(".html") and fragment not in page(target).ids:
        return [LinkProblem(rel, link, f"no element with id {fragment!r} in {target}")]
    return []
