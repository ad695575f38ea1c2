"""A zip of the whole built site that works opened from disk (file://): a USB copy or an intranet share.

Three things differ from the served site, and only in the copy:
- links to a directory (chapters/chp_9/) point at its index.html, since file:// shows a directory listing;
- the search index is inlined as a script (search/search_index.js, `var __index = …`, which
  mkdocs-material reads instead of fetching; file:// forbids fetch), our data (search/gc_index.json and
  gc_norms.json, which the served worker fetches itself) put back in it as config.gc;
- a small shim (assets/gc/offlineworker.js) runs the project's search worker on the page, since browsers
  refuse `new Worker()` on file://: the worker's script is wrapped as a function of its `self`
  and of an `importScripts` (gcsearch.js → gcsearch.offline.js, unchanged inside), and result links point
  at index.html.
The zip is deterministic (sorted entries, fixed dates and modes). Zipping the site costs about a second, and
so would reading and hashing it to learn whether it changed: the cache (`.cache/gcrules/offline-<key>/`) is
keyed instead by what the site is built from (site_key: the data, the docs and theme overrides, this
package's code and assets, mkdocs.yml, the installed distributions, SOURCE_DATE_EPOCH), known before the
build. An entry is used only if the site's file names and sizes (a stat each) are those it was made from
and the zip's SHA-256 is the one it recorded; otherwise the zip is made again and the entry replaced.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import zipfile
from importlib import resources
from pathlib import Path

from . import shortlinks
from .cacheentry import installed, remove_entry, store_aside
from .model import Corpus
from .searchsite import INDEX_PATH, WORKER_PATH, joined_index

ZIP_NAME = "gangcheng-government-work-rules-offline.zip"
FOLDER = "gangcheng-government-work-rules"  # the zip's top folder: unzipping never scatters files
SHIM = "assets/gc/offlineworker.js"
INDEX_JS = "search/search_index.js"

# href="…/" or href="." (relative, not a scheme, not #, not /), with an optional #fragment
_DIR_LINK = re.compile(r'(\shref=")(?![a-z][a-z0-9+.-]*:|#|/)([^"#?]*)("|#)')
# the theme's script tag, whatever its other attributes (overrides/main.html defers it)
_BUNDLE = re.compile(r'<script\b[^>]*?\bsrc="([^"]*)assets/javascripts/bundle\.[^"]*"[^>]*>')


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


def in_copy(p: Path) -> bool:
    """A file of the site the copy holds: not the zip itself, and not the theme's source maps (1.2 MB that only
    a browser's developer tools ask for, and that would cost the zip a third of its time)."""
    return p.is_file() and p.name not in (ZIP_NAME, f"{ZIP_NAME}.sha256") and not p.name.endswith(".map")


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if in_copy(p)}


def offline_files(corpus: Corpus, site: Path) -> dict[str, bytes]:
    files = site_files(site)
    out: dict[str, bytes] = {}
    for rel, data in files.items():
        out[rel] = offline_html(data.decode("utf-8")).encode("utf-8") if rel.endswith(".html") else data
    out.update(shortlinks.redirects(corpus, index_html=True))
    if INDEX_PATH in files:
        index = joined_index(json.loads(files[INDEX_PATH]), lambda rel: json.loads(files[rel]))
        inline = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        out[INDEX_JS] = b"var __index = " + inline + b";\n"
    out[SHIM] = resources.files("gangcheng_rules").joinpath("assets/offlineworker.js").read_bytes()
    if WORKER_PATH in files:
        # importScripts too: the worker answers the theme only where it sees a worker's global scope
        scope = b"})(window.__gcWorkerScope, function importScripts() {});\n"
        wrapped = b"(function (self, importScripts) {\n" + files[WORKER_PATH] + b"\n" + scope
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


def _tree(h, root: Path, label: str) -> None:
    """Hash every file under root (names and bytes), in a fixed order; bytecode caches aside."""
    root = Path(root)
    if not root.is_dir():
        h.update(f"{label}: none\0".encode())
        return
    for p in sorted(root.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(f"{label}/{p.relative_to(root).as_posix()}\0".encode() + hashlib.sha256(p.read_bytes()).digest())


def site_key(config, corpus: Corpus, when: tuple[int, ...]) -> str:
    """What the built site is made from, hashed (a few hundred kB of sources, not the site's megabytes).
    config: the MkDocs config (its file, docs_dir, theme custom_dir and the settings the CLI can change)."""
    h = hashlib.sha256(repr(when).encode() + b"\0")
    config_file = Path(config.config_file_path)
    root = config_file.parent
    h.update(config_file.read_bytes())
    custom_dir = config.theme.custom_dir  # overrides/: templates and the hooks file
    settings = (config.use_directory_urls, config.site_url, config.theme.name, custom_dir)
    h.update(repr(settings).encode())
    h.update(repr(sorted((k, v) for k, v in os.environ.items() if k.startswith("GCRULES_"))).encode())
    _tree(h, root / "data", "data")
    _tree(h, Path(config.docs_dir), "docs")
    if custom_dir:
        _tree(h, Path(custom_dir), "theme")
    _tree(h, Path(__file__).parent, "package")
    for name in ("package.json", "package-lock.json", "pyproject.toml"):
        p = root / name
        h.update(name.encode() + (hashlib.sha256(p.read_bytes()).digest() if p.is_file() else b"-"))
    h.update(installed())  # the installed versions (mkdocs, the theme, markdown extensions, jieba…)
    h.update(corpus.source_text.encode())
    return h.hexdigest()[:32]


def site_sizes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_size for p in sorted(site.rglob("*")) if in_copy(p)}


MANIFEST = "manifest.json"  # in a cache entry: the zip's SHA-256 and the site (names, sizes) it was made from


def cached_zip(entry: Path, sizes: dict[str, int]) -> tuple[bytes, str] | None:
    """The cached zip and its SHA-256, if the entry is whole and was made from a site of these files."""
    try:
        manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
        data = (entry / ZIP_NAME).read_bytes()
    except (OSError, ValueError):
        return None
    digest = hashlib.sha256(data).hexdigest()
    if not isinstance(manifest, dict) or manifest.get("sha256") != digest or manifest.get("site") != sizes:
        return None
    return data, digest


def write_offline_zip(corpus: Corpus, site: Path, cache_dir: Path, when: tuple[int, ...], key: str) -> Path:
    """Zip the built site into site/ZIP_NAME, reusing the cached zip of the same key (site_key) when it is sound."""
    site, cache_dir = Path(site), Path(cache_dir)
    entry = cache_dir / f"offline-{key}"
    sizes = site_sizes(site)
    hit = cached_zip(entry, sizes)
    if hit is None:
        data = zip_bytes(offline_files(corpus, site), when)
        digest = hashlib.sha256(data).hexdigest()
        manifest = json.dumps({"sha256": digest, "site": sizes}, sort_keys=True).encode("utf-8")
        store_aside(entry, {ZIP_NAME: data, MANIFEST: manifest})
        for old in cache_dir.glob("offline-*"):  # one site, one current copy: the cache stays small
            if old != entry:
                remove_entry(old)
    else:
        data, digest = hit
    target = site / ZIP_NAME
    target.write_bytes(data)
    # The pages cannot state the size and hash of a zip that contains them: a sidecar file does (sha256sum -c).
    (site / f"{ZIP_NAME}.sha256").write_text(f"{digest}  {ZIP_NAME}\n", encoding="utf-8")
    return target
