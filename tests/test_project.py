"""A project is one checkout: its data is checked against, and published with, its own schemas."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

import gangcheng_rules
from clirun import Run, gcrules
from datacopy import ROOT, DataCopy
from gangcheng_rules.exported import read_export
from gangcheng_rules.problems import DataError
from gangcheng_rules.project import Project, ProjectNotFound
from gangcheng_rules.replace import write_files
from gangcheng_rules.schemas import packaged_schemas


def cli(*args, cwd) -> Run:
    return gcrules(*args, cwd=cwd)


@pytest.fixture
def stricter(tmp_path) -> Path:
    """A checkout whose article schema requires a field the data does not have."""
    d = DataCopy(tmp_path)
    schema_file = tmp_path / "schema" / "article.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["required"].append("reviewed_by")
    schema_file.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    return d.root


def test_a_root_is_checked_against_its_own_schemas_not_the_current_directorys(stricter):
    with pytest.raises(DataError) as e:
        gangcheng_rules.load(stricter)
    assert any(p.path == "data/articles/001.yaml" and "'reviewed_by' is required" in p.message for p in e.value.problems)
    assert len(gangcheng_rules.load(ROOT).articles) == 72, "nothing is cached across projects in one process"
    r = cli("validate", "--root", stricter, cwd=ROOT)
    assert r.returncode == 1 and "'reviewed_by' is required" in r.stderr


def test_a_root_without_schemas_says_so_instead_of_borrowing_anothers(tmp_path):
    DataCopy(tmp_path)
    for f in (tmp_path / "schema").iterdir():
        f.unlink()
    r = cli("validate", "--root", tmp_path, cwd=ROOT)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "schema/article.schema.json: $: missing" in r.stderr


def test_load_discovers_the_project_upwards_from_the_current_directory(monkeypatch):
    monkeypatch.chdir(ROOT / "data" / "articles")
    assert Project.discover() == Project(ROOT)
    assert len(gangcheng_rules.load().articles) == 72


def test_outside_any_project_discovery_is_a_clear_error_and_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ProjectNotFound, match="data/document.yaml"):
        gangcheng_rules.load()
    for args in (["validate"], ["search", "会议纪要"], ["export", tmp_path / "out"]):
        r = cli(*args, cwd=tmp_path)
        assert r.returncode == 2 and "no dataset found" in r.stderr and "Traceback" not in r.stderr, args
    assert not (tmp_path / "out").exists()


def test_a_project_is_named_by_a_project_or_any_spelling_of_its_path():
    assert Project.of(Project(ROOT)) == Project.of(str(ROOT)) == Project.of(ROOT / "data" / "..") == Project(ROOT)


def test_the_packaged_schemas_are_the_checkouts_schema_directory():
    assert packaged_schemas().files == Project(ROOT).schemas.files
    link = ROOT / "src" / "gangcheng_rules" / "schema"
    assert link.is_symlink() and link.resolve() == (ROOT / "schema").resolve(), "one home for the schemas"
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "schema/*.schema.json" in config["tool"]["setuptools"]["package-data"]["gangcheng_rules"]
    manifest = (ROOT / "MANIFEST.in").read_text(encoding="utf-8").splitlines()
    assert {"graft data", "graft schema"} <= set(manifest), "the sdist carries the dataset and its schemas"


@pytest.fixture(scope="module")
def export_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "data"
    r = cli("export", out, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    return out


def test_an_export_validates_from_anywhere_against_the_packaged_schemas(export_dir, tmp_path):
    for target in (export_dir, export_dir / "rules.json"):
        r = cli("validate", target, cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        assert "72 articles" in r.stdout and "packaged schemas" in r.stdout


def test_an_export_with_a_changed_file_fails_validation(export_dir, tmp_path):
    copy = tmp_path / "copy"
    write_files({str(p.relative_to(export_dir)): p.read_bytes() for p in export_dir.rglob("*") if p.is_file() and p.name[0] != "."}, copy)
    (copy / "articles" / "40.json").write_text("{}", encoding="utf-8")
    r = cli("validate", copy, cwd=tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert f"{copy / 'articles' / '40.json'}: $: changed since the export" in r.stderr
    assert "'number' is a required property" in r.stderr


def test_a_rules_json_that_breaks_the_bundle_schema_is_reported_with_its_pointer(export_dir, tmp_path):
    bundle = json.loads((export_dir / "rules.json").read_text(encoding="utf-8"))
    bundle["articles"][0]["number"] = "one"
    (tmp_path / "rules.json").write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError) as e:
        read_export(tmp_path / "rules.json")
    assert any(p.pointer == "$.articles[0].number" for p in e.value.problems)


def test_validate_takes_the_data_directory_too(tmp_path):
    r = cli("validate", ROOT / "data", cwd=tmp_path)
    assert r.returncode == 0 and "text matches the source" in r.stdout, r.stderr


def test_diff_compares_an_export_with_a_checkout(export_dir, tmp_path):
    r = cli("diff", export_dir, ROOT, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "无变更" in r.stdout


SDIST_PARTS = ("pyproject.toml", "MANIFEST.in", "README.md", "Makefile", "mkdocs.yml", "src", "data", "schema", "overrides", "docs")


def test_the_sdist_alone_validates_searches_and_diffs_checkouts_from_another_directory(tmp_path):
    """What `pip install .` ships, run with no checkout on the path (the by-hand check with a fresh venv is in the README)."""
    import shutil
    import subprocess
    import sys
    import tarfile

    tree = tmp_path / "tree"
    tree.mkdir()
    for name in SDIST_PARTS:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, tree / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        elif src.exists():
            shutil.copy2(src, tree / name)
    built = subprocess.run(
        [sys.executable, "-c", f"from setuptools import build_meta; print(build_meta.build_sdist({str(tmp_path / 'dist')!r}))"],
        cwd=tree,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    with tarfile.open(tmp_path / "dist" / built.stdout.split()[-1]) as tar:
        names = tar.getnames()
        tar.extractall(tmp_path / "unpacked", filter="data")
    assert "gangcheng-rules-1.0.0/data/document.yaml" in names and "gangcheng-rules-1.0.0/schema/rules.schema.json" in names
    package = tmp_path / "unpacked" / "gangcheng-rules-1.0.0" / "src"
    assert not (package / "gangcheng_rules" / "schema").is_symlink(), "the shipped package holds real schema files"

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(package), "HOME": str(tmp_path)}

    # One process (an interpreter with jieba and V8 costs ~2.7 s to start): it imports the shipped package,
    # says which file it imported, and runs the three commands in itself with click's CliRunner.
    script = """
import json, sys
import gangcheng_rules
from click.testing import CliRunner
from gangcheng_rules.cli import main
runs = [CliRunner().invoke(main, args) for args in json.loads(sys.argv[1])]
print(json.dumps({"imported": gangcheng_rules.__file__,
                  "runs": [[r.exit_code, r.stdout, r.stderr, repr(r.exception)] for r in runs]}))
"""
    commands = [["validate", "--root", ROOT], ["search", "会议纪要", "--root", ROOT, "--limit", "1"], ["diff", ROOT, tree]]
    ran = subprocess.run(
        [sys.executable, "-c", script, json.dumps([[str(a) for a in args] for args in commands])],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert ran.returncode == 0, ran.stderr
    out = json.loads(ran.stdout)
    assert out["imported"].startswith(str(package)), "the shipped package, not the checkout, is imported"
    (validated, searched, diffed) = out["runs"]
    assert validated[0] == 0 and "72 articles" in validated[1], validated
    assert searched[0] == 0 and "第四十八条" in searched[1], searched
    assert diffed[0] == 0 and "无变更" in diffed[1], diffed
