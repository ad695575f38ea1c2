"""The build cache of the document files and the offline copy (.cache/gcrules/): an entry is used only when it
is whole and is what it says it is; a damaged one is made again, never published."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from gangcheng_rules import documents, downloads, offline

FILES = {name: f"{name} bytes".encode() for name in documents.DOCUMENT_FILES}


def test_a_written_entry_is_read_back(tmp_path):
    entry = tmp_path / "key"
    downloads.write_cache(entry, FILES)
    assert downloads.read_cache(entry) == FILES
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no temporary directory left behind"


def test_a_truncated_file_in_an_entry_is_a_cache_miss_and_is_replaced(tmp_path):
    entry = tmp_path / "key"
    downloads.write_cache(entry, FILES)
    (entry / documents.PDF).write_bytes(b"%PDF-1.7 trunc")
    assert downloads.read_cache(entry) is None
    downloads.write_cache(entry, FILES)
    assert downloads.read_cache(entry) == FILES


def test_an_entry_without_its_checksums_is_a_cache_miss(tmp_path):
    entry = tmp_path / "key"
    downloads.write_cache(entry, FILES)
    (entry / downloads.SUMS).unlink()
    assert downloads.read_cache(entry) is None


def test_the_worker_is_forked_in_a_single_threaded_build():
    run = subprocess.run(
        [sys.executable, "-c", "from gangcheng_rules import downloads; print(downloads.start_method())"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.strip() == "fork"


def test_the_worker_is_spawned_while_another_thread_runs_as_in_mkdocs_serve():
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)
    server.start()
    try:
        assert downloads.start_method() == "spawn"
    finally:
        stop.set()
        server.join()


def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text('<a href="chapters/">x</a>', encoding="utf-8")
    (root / "assets" / "bundle.js.map").write_text("{}", encoding="utf-8")
    return root


WHEN = (2024, 1, 2, 3, 4, 5)


def test_the_offline_zip_is_reused_from_an_entry_of_the_same_key(tmp_path, corpus):
    root, cache = site(tmp_path), tmp_path / "cache"
    offline.write_offline_zip(corpus, root, cache, WHEN, "k1")
    first = (root / offline.ZIP_NAME).read_bytes()
    (cache / "offline-k1" / offline.ZIP_NAME).write_bytes(first)  # untouched entry
    offline.write_offline_zip(corpus, root, cache, WHEN, "k1")
    assert (root / offline.ZIP_NAME).read_bytes() == first
    assert "bundle.js.map" not in str(offline.site_sizes(root)), "source maps stay out of the copy"


def test_a_damaged_offline_zip_in_the_cache_is_made_again(tmp_path, corpus):
    root, cache = site(tmp_path), tmp_path / "cache"
    offline.write_offline_zip(corpus, root, cache, WHEN, "k1")
    good = (root / offline.ZIP_NAME).read_bytes()
    (cache / "offline-k1" / offline.ZIP_NAME).write_bytes(good[:-10])
    offline.write_offline_zip(corpus, root, cache, WHEN, "k1")
    assert (root / offline.ZIP_NAME).read_bytes() == good
    assert (cache / "offline-k1" / offline.ZIP_NAME).read_bytes() == good


def test_a_cached_zip_of_a_site_whose_files_changed_is_not_used(tmp_path, corpus):
    root, cache = site(tmp_path), tmp_path / "cache"
    offline.write_offline_zip(corpus, root, cache, WHEN, "k1")
    (root / "new.html").write_text("<p>new</p>", encoding="utf-8")  # something the key did not see
    offline.write_offline_zip(corpus, root, cache, WHEN, "k1")
    manifest = json.loads((cache / "offline-k1" / offline.MANIFEST).read_text(encoding="utf-8"))
    assert "new.html" in manifest["site"]


def test_only_the_current_offline_copy_is_kept(tmp_path, corpus):
    root, cache = site(tmp_path), tmp_path / "cache"
    offline.write_offline_zip(corpus, root, cache, WHEN, "k1")
    offline.write_offline_zip(corpus, root, cache, WHEN, "k2")
    assert sorted(p.name for p in cache.iterdir()) == ["offline-k2"]


class Theme:
    name = "material"

    def __init__(self, custom_dir: Path):
        self.custom_dir = str(custom_dir)


def config(root: Path) -> SimpleNamespace:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "overrides").mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return SimpleNamespace(
        config_file_path=str(root / "mkdocs.yml"),
        docs_dir=str(root / "docs"),
        use_directory_urls=True,
        site_url=None,
        theme=Theme(root / "overrides"),
    )


def test_the_offline_key_changes_with_a_docs_page_a_template_the_config_or_source_date_epoch(tmp_path, corpus):
    cfg = config(tmp_path)
    key = offline.site_key(cfg, corpus, WHEN)
    assert offline.site_key(cfg, corpus, WHEN) == key
    (tmp_path / "overrides" / "main.html").write_text("{% extends 'base.html' %}\n", encoding="utf-8")
    with_template = offline.site_key(cfg, corpus, WHEN)
    assert with_template != key
    (tmp_path / "docs" / "extra.md").write_text("# new\n", encoding="utf-8")
    with_page = offline.site_key(cfg, corpus, WHEN)
    assert with_page != with_template
    cfg.use_directory_urls = False
    assert offline.site_key(cfg, corpus, WHEN) != with_page
    cfg.use_directory_urls = True
    assert offline.site_key(cfg, corpus, (2025, 1, 1, 0, 0, 0)) != with_page


@pytest.mark.parametrize(
    "tag",
    [
        '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>',
        '<script defer src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>',
        '<script src="../assets/javascripts/bundle.a5f9d56c.min.js" defer></script>',
    ],
)
def test_the_offline_page_loads_the_inlined_index_and_worker_shim_before_the_themes_script(tag):
    # however the theme's script tag is written (overrides/main.html defers it), the copy's index and
    # shim are plain scripts before it, so they have run when the theme creates its worker
    out = offline.offline_html(f"<body><p>x</p>{tag}</body>")
    at = out.index(tag)
    assert out.index(offline.INDEX_JS) < at and out.index(offline.SHIM) < at
    assert out.count(offline.INDEX_JS) == 1
