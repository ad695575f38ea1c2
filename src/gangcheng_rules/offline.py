"""A zip of the whole built site that works opened from disk (file://): a USB copy or an intranet share.

Three things differ from the served site, and only in the copy:
- links to a directory (chapters/chp_9/) point at its index.html, since file:// shows a directory listing;
- the search index is inlined as a script (search/search_index.js, `var __index = …`, which
  mkdocs-material reads instead of fetching; file:// forbids fetch), whatever the index holds;
- a small shim (assets/gc/offlineworker.js) runs the project's search worker on the page, since browsers
  refuse `new Worker()` on file://: the worker's script is wrapped as a function of its `self`
  (gcsearch.js → gcsearch.offline.js, unchanged inside), and result links point at index.html.
The zip is deterministic (sorted entries, fixed dates and modes) and cached by the hash of the site's files.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import tempfile
import zipfile
from importlib import resources
from pathlib import Path

from . import shortlinks
from .model import Corpus
from .searchsite import WORKER_PATH

ZIP_NAME = "gangcheng-government-work-rules-offline.zip"
FOLDER = "gangcheng-government-work-rules"  # the zip's top folder: unzipping never scatters files
SHIM = "assets/gc/offlineworker.js"
INDEX = "search/search_index.json"
INDEX_JS = "search/search_index.js"

# href="…/" or href="." (relative, not a scheme, not #, not /), with an optional #fragment
_DIR_LINK = re.compile(r'(\shref=")(?![a-z][a-z0-9+.-]*:|#|/)([^"#?]*)("|#)')
_BUNDLE = re.compile(r'<script src="([^"]*)assets/javascripts/bundle\.[^"]*"')


def file_link(target: str) -> str:
    """A relative link as file:// needs it: a directory gets index.html."""
    if target in (".", "./"):
        return "index.html"
    if target.endswith("/"):
        return target + "index.html"
    if target == ".." or target.endswith("/.."):
        return target + "/index.html"
    return target


def offline_html(html: str) -> str:
    def link(m: re.Match) -> str:
        return m.group(1) + file_link(m.group(2)) + m.group(3) if m.group(2) else m.group(0)

    html = _DIR_LINK.sub(link, html)
    # before the theme's bundle, which reads __index and creates the worker when it runs
    return _BUNDLE.sub(
        lambda m: f'<script src="{m.group(1)}{INDEX_JS}"></script><script src="{m.group(1)}{SHIM}"></script>{m.group(0)}', html, count=1
    )


def site_files(site: Path) -> dict[str, bytes]:
    skip = (ZIP_NAME, f"{ZIP_NAME}.sha256")
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file() and p.name not in skip}


def offline_files(corpus: Corpus, site: Path) -> dict[str, bytes]:
    files = site_files(site)
    out: dict[str, bytes] = {}
    for rel, data in files.items():
        out[rel] = offline_html(data.decode("utf-8")).encode("utf-8") if rel.endswith(".html") else data
    out.update(shortlinks.redirects(corpus, index_html=True))
    if INDEX in files:
        out[INDEX_JS] = b"var __index = " + files[INDEX] + b";\n"
    out[SHIM] = resources.files("gangcheng_rules").joinpath("assets/offlineworker.js").read_bytes()
    if WORKER_PATH in files:
        # the worker answers messages only where importScripts exists (a worker): on the page it stands in too
        wrapped = b"(function (self, importScripts) {\n" + files[WORKER_PATH] + b"\n})(window.__gcWorkerScope, function () {});\n"
        out[WORKER_PATH.removesuffix(".js") + ".offline.js"] = wrapped
    return out


def zip_bytes(files: dict[str, bytes], when: tuple[int, ...]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for rel in sorted(files):
            info = zipfile.ZipInfo(f"{FOLDER}/{rel}", date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, files[rel], compresslevel=6)
    return buf.getvalue()


def write_offline_zip(corpus: Corpus, site: Path, cache_dir: Path, when: tuple[int, ...]) -> Path:
    """Zip the built site into site/ZIP_NAME, reusing the cached zip when no file of the site changed."""
    site = Path(site)
    files = offline_files(corpus, site)
    h = hashlib.sha256(repr(when).encode())
    for rel in sorted(files):
        h.update(rel.encode() + b"\0" + hashlib.sha256(files[rel]).digest())
    cached = Path(cache_dir) / f"offline-{h.hexdigest()[:32]}.zip"
    if not cached.is_file():
        cached.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".offline-", dir=cached.parent)
        with open(fd, "wb") as f:
            f.write(zip_bytes(files, when))
        Path(tmp).replace(cached)
        for old in cached.parent.glob("offline-*.zip"):  # one site, one current copy: the cache stays small
            if old != cached:
                old.unlink(missing_ok=True)
    target = site / ZIP_NAME
    shutil.copyfile(cached, target)
    # The pages cannot state the size and hash of a zip that contains them: a sidecar file does (sha256sum -c).
    digest = hashlib.sha256(cached.read_bytes()).hexdigest()
    (site / f"{ZIP_NAME}.sha256").write_text(f"{digest}  {ZIP_NAME}\n", encoding="utf-8")
    return target
