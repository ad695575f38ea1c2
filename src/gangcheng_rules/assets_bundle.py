"""The site's own scripts and style sheets, served as ONE deferred script and ONE style sheet (issue 10).

The sources stay separate, readable files in docs/assets/gc/, one purpose each; pages load only the two
bundles, which the MkDocs integration generates at build time (mkdocs.yml lists only their names, the
script with `defer: true`). The sources themselves are not copied to the site.

To add a script or a style sheet: put the file in docs/assets/gc/ and its name in SCRIPTS or STYLES below.
Order matters: scripts run in this order, and later style rules win. A script runs deferred, that is
after the whole page is parsed and before DOMContentLoaded, so it may read the page at once (as every
source here does) and must not use document.write. The bundles are minified (rcssmin, rjsmin): the
style sheet blocks the first paint, so every byte of it counts (issue 10: first paint no later than stock
mkdocs-material's); the sources keep their comments.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import rcssmin
import rjsmin

ASSET_DIR = "assets/gc"
SCRIPT_BUNDLE = f"{ASSET_DIR}/bundle.js"
STYLE_BUNDLE = f"{ASSET_DIR}/bundle.css"

# (file in docs/assets/gc/) in running order
SCRIPTS = (
    "textsize.js",
    "printurls.js",
    "dialogname.js",
    "normfold.js",
    "cite.js",  # issue 12: 复制引用
    "fulltext.js",  # issue 12: the 全文 page's print button
    "printmargins.js",
    "searchinput.js",  # issue 11: search on paste, input-method commit and voice input; Enter opens the first result
    "searchlead.js",  # issue 11: the search's answer card / notice, announced and marked on its <li>
)
# (file, media): a sheet for one medium only is wrapped in `@media MEDIUM { }` unless it is already
STYLES = (
    ("site.css", None),
    ("print.css", "print"),
    ("document.css", None),
)

_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def is_only_media(css: str, medium: str) -> bool:
    """Whether the whole sheet (comments aside) is one `@media MEDIUM { … }` block."""
    body = _COMMENT.sub("", css).strip()
    head = re.match(rf"@media\s+{re.escape(medium)}\s*\{{", body)
    if not head:
        return False
    depth, quote = 0, ""
    for i, c in enumerate(body[head.end() - 1 :], head.end() - 1):
        if quote:
            quote = "" if c == quote and body[i - 1] != "\\" else quote
        elif c in "\"'":
            quote = c
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i == len(body) - 1
    return False


def bundle_styles(sheets: Iterable[tuple[str, str | None]]) -> str:
    """One minified style sheet of (css, medium) in order; a sheet for one medium only is wrapped in
    `@media MEDIUM {}` (so it can share the file with the screen rules) unless it already is."""
    parts = []
    for css, medium in sheets:
        css = css.strip()
        if medium and not is_only_media(css, medium):
            css = f"@media {medium} {{\n{css}\n}}"
        parts.append(css)
    return rcssmin.cssmin("\n".join(parts)) + "\n"


def bundle_scripts(scripts: Iterable[str]) -> str:
    """One minified script of the sources in order. Each source runs in its own try block, so that, as when
    they were separate files, one that throws does not stop the others (the error is still reported)."""
    parts = [f"try {{\n{rjsmin.jsmin(js).strip()}\n}} catch (e) {{ setTimeout(function () {{ throw e; }}); }}" for js in scripts]
    return "\n".join(parts) + "\n"


def bundles(docs_dir: Path) -> dict[str, str]:
    """{site path: text} of the two bundles, from the sources listed above in docs_dir/assets/gc/."""
    src = Path(docs_dir) / ASSET_DIR

    def read(name: str) -> str:
        return (src / name).read_text(encoding="utf-8")

    return {
        STYLE_BUNDLE: bundle_styles((read(name), medium) for name, medium in STYLES),
        SCRIPT_BUNDLE: bundle_scripts(read(name) for name in SCRIPTS),
    }


def add_bundles(files, config) -> None:
    """The MkDocs integration's one call (in on_files): append the two generated bundles to `files` and
    leave the sources out of the site (the pages load only the bundles; mkdocs.yml names them).
    Raises FileNotFoundError naming a listed source that is missing."""
    from mkdocs.structure.files import File

    sources = {f"{ASSET_DIR}/{name}" for name in (*SCRIPTS, *(name for name, _ in STYLES))}
    for f in [f for f in files if f.src_uri in sources]:
        files.remove(f)
    for path, text in bundles(Path(config.docs_dir)).items():
        files.append(File.generated(config, path, content=text))
