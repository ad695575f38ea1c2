"""The site is a pure function of the checkout: no clock, time zone, locale, hash seed or path leaks into it."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import ROOT, Build, background_build, copy_project, started
from gangcheng_rules.reproducible import source_date_epoch


def manifest(site: Path) -> dict[str, tuple[str, str]]:
    """Every path of a built site → (permission bits, sha256 of the contents)."""
    out = {}
    for p in sorted(site.rglob("*")):
        body = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        out[p.relative_to(site).as_posix()] = (oct(stat.S_IMODE(p.lstat().st_mode)), body)
    return out


@background_build("other_build")
def _other_build(tmp_path_factory) -> Build:
    """The site built from a copy at another path, on the far side of the date line, in the C locale, another
    hash seed; with the documents, typeset again there (the copy has no cache), so they are compared too."""
    project = copy_project(tmp_path_factory.mktemp("elsewhere") / "a" / "different" / "checkout")
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "LANGUAGE")}
    env.update(TZ="Pacific/Kiritimati", LANG="C", LC_ALL="C", PYTHONHASHSEED="4242", NO_MKDOCS_2_WARNING="1")
    return Build(project, project.parent / "site", base_env=env)


@pytest.fixture(scope="module")
def other_build(tmp_path_factory) -> Path:
    build = started("other_build", tmp_path_factory)
    r = build.result()
    assert r.returncode == 0, r.stderr
    return build.out


def test_two_builds_in_other_paths_time_zones_locales_and_hash_seeds_are_byte_identical_modes_included(site_dir, other_build):
    ours, theirs = manifest(site_dir), manifest(other_build)
    assert sorted(ours) == sorted(theirs)
    assert {p: v for p, v in ours.items() if theirs[p] != v} == {}


def test_nothing_in_the_site_carries_todays_date(site_dir):
    days = {dt.datetime.now(dt.UTC).date(), dt.datetime.now(ZoneInfo("Pacific/Kiritimati")).date()}
    data_dates = (ROOT / "data" / "document.yaml").read_text(encoding="utf-8")
    days = {d for d in days if d.isoformat() not in data_dates}  # a release dated today may say so
    forms = [f for d in days for f in (d.isoformat(), f"{d.year}年{d.month}月{d.day}日", d.strftime("%d %b %Y"), d.strftime("%B %d, %Y"))]
    hits = [
        (p.relative_to(site_dir).as_posix(), f)
        for p in site_dir.rglob("*")
        if p.is_file() and p.suffix in (".html", ".json", ".xml", ".js", ".txt", ".csv", ".jsonl")
        for f in forms
        if f in p.read_text(encoding="utf-8", errors="replace")
    ]
    assert hits == []


def test_the_sitemap_gzip_header_holds_the_release_date_and_no_name(site_dir, corpus):
    raw = (site_dir / "sitemap.xml.gz").read_bytes()
    flags, mtime = raw[3], int.from_bytes(raw[4:8], "little")
    newest = max(c.date for c in corpus.document.changelog)
    assert mtime == source_date_epoch(corpus.document) == int(dt.datetime.combine(newest, dt.time(), dt.UTC).timestamp())
    assert flags & 0x08 == 0, "no file name in the header"
    assert gzip.decompress(raw) == (site_dir / "sitemap.xml").read_bytes()


def test_source_date_epoch_is_the_newest_changelog_date_for_the_makefile_too(corpus):
    r = subprocess.run([sys.executable, "-m", "gangcheng_rules.reproducible", str(ROOT)], capture_output=True, text=True, cwd="/")
    assert r.returncode == 0, r.stderr
    assert int(r.stdout) == source_date_epoch(corpus.document)
    assert "gangcheng_rules.reproducible" in (ROOT / "Makefile").read_text(encoding="utf-8")
