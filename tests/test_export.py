"""The export is what downstream tools consume: deterministic, schema-valid, complete, and never half-written."""

from __future__ import annotations

import csv
import dataclasses
import errno
import hashlib
import io
import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gangcheng_rules
from clirun import gcrules
from datacopy import ROOT, DataCopy
from gangcheng_rules import render, replace, serialize
from gangcheng_rules.build import from_bundle
from gangcheng_rules.export import build_files, norms_csv, write_export
from gangcheng_rules.project import Project
from gangcheng_rules.replace import MANIFEST, ExportError, write_files

SCHEMA = ROOT / "schema"
PROJECT = Project(ROOT)
validator = PROJECT.validator


@pytest.fixture(scope="module")
def exported(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "data"
    write_export(corpus, out, PROJECT)
    return out


def test_every_schema_is_valid_draft_2020_12_and_describes_every_property():
    for path in SCHEMA.glob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$id"].endswith(path.name)

        walk(schema, path.name)


def walk(node, where):
    """Every property has a description; every object with properties forbids unknown ones."""
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            assert "description" in sub, f"{where}.{name} has no description"
        if "properties" in node:
            assert node.get("additionalProperties") is False, f"{where} allows unknown fields"
        for k, v in node.items():
            if k != "if":  # a condition tests the instance; it describes no shape
                walk(v, f"{where}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            walk(v, f"{where}[{i}]")


def test_the_export_has_every_promised_file(exported):
    names = {str(p.relative_to(exported)) for p in exported.rglob("*") if p.is_file()}
    assert {"rules.json", "articles.jsonl", "norms.csv", "datapackage.json", "schema/rules.schema.json"} <= names
    assert {f"articles/{n}.json" for n in range(1, 73)} <= names


def test_every_exported_json_validates_against_the_published_schemas(exported):
    validator("rules").validate(json.loads((exported / "rules.json").read_text(encoding="utf-8")))
    article = validator("article")
    for path in (exported / "articles").glob("*.json"):
        article.validate(json.loads(path.read_text(encoding="utf-8")))
    for line in (exported / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        article.validate(json.loads(line))


def test_two_exports_are_byte_identical(corpus, tmp_path):
    write_export(corpus, tmp_path / "a", PROJECT)
    write_export(gangcheng_rules.load(), tmp_path / "b", PROJECT)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_rules_json_carries_versions_document_chapters_and_vocabularies(exported):
    rules = json.loads((exported / "rules.json").read_text(encoding="utf-8"))
    assert rules["schema_version"] == gangcheng_rules.SCHEMA_VERSION
    assert rules["dataset_version"] == rules["document"]["dataset_version"]
    assert [c["eid"] for c in rules["chapters"]] == [f"chp_{n}" for n in range(1, 13)]
    assert [a["eid"] for a in rules["articles"]] == [f"art_{n}" for n in range(1, 73)]
    assert {"subjects", "actors", "instruments", "synonyms", "phrases"} == set(rules["vocabularies"])


def csv_rows(exported) -> list[dict]:
    return list(csv.DictReader(io.StringIO((exported / "norms.csv").read_bytes().decode("utf-8-sig"))))


def test_norms_csv_opens_in_excel_and_lists_every_norm(corpus, exported):
    raw = (exported / "norms.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()), "Excel needs the BOM to read UTF-8"
    rows = csv_rows(exported)
    assert [r["id"] for r in rows] == [o.id for o in corpus.norms]
    row = next(r for r in rows if r["id"] == "art_69__norm_3")
    assert row["bearers"] == "subdistrict_heads" and row["cue"] == "须" and "须报区长审批" in row["quote"]
    assert (row["kind"], row["modality"], row["construction"], row["roles"]) == ("duty", "obligation", "explicit", "approver:mayor")


def test_norms_csv_has_typed_columns_and_no_literal_none(exported):
    rows = list(csv.DictReader(io.StringIO((exported / "norms.csv").read_text(encoding="utf-8-sig"))))
    assert not [r["id"] for r in rows if "none" in r.values()]
    by_id = {r["id"]: r for r in rows}
    # a competence has no modality; a gate lists its typed parties; an exception overrides its rule
    assert (by_id["art_40__norm_7"]["kind"], by_id["art_40__norm_7"]["modality"]) == ("competence", "")
    assert by_id["art_44__norm_1"]["roles"] == "approver:mayor;intermediary:deputy_mayor"
    assert by_id["art_49__norm_5"]["overrides"] == "art_49__norm_4"
    assert by_id["art_49__norm_6"]["action"] == "参加各部门单独召开的系统内表彰会议"
    assert by_id["art_71__norm_6"]["exception"] == "工作需要"
    assert by_id["art_37__norm_10"]["enforces"] == "art_37__norm_8"


def test_norms_csv_has_readable_columns_beside_the_machine_ones(corpus, exported):
    rows = {r["id"]: r for r in csv_rows(exported)}
    r = rows["art_69__norm_3"]
    assert r["label"] == "第六十九条第一款"
    assert r["url"] == "chapters/chp_11/#art_69__para_1"
    assert r["kind"] == "duty" and r["kind_name"] == "义务"
    assert r["construction"] == "explicit" and r["construction_name"] == "原文用语"
    assert r["bearer_names"] == "街道办事处、功能区管委会主要负责人"
    assert "approver:mayor" in r["roles"].split(";") and "审批方：区长" in r["party_names"]
    assert r["reading"].startswith("街道办事处、功能区管委会主要负责人 须 ")
    names = {"义务", "禁止", "许可", "职权", "制度规定", "责任"}
    assert {x["kind_name"] for x in rows.values()} <= names
    for n in corpus.norms:
        x = rows[n.id]
        assert x["label"] == render.eid_label(n.source) and x["url"].endswith(f"#{n.source}")
        assert (x["cue"] != "") == (n.construction == "explicit")
    assert not [(i, k) for i, x in rows.items() for k, v in x.items() if v.strip().lower() in ("none", "null", "nan")]


def test_datapackage_hashes_match_the_files(exported):
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        data = (exported / res["path"]).read_bytes()
        assert res["bytes"] == len(data)
        assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
    csv_res = next(r for r in package["resources"] if r["path"] == "norms.csv")
    assert [f["name"] for f in csv_res["schema"]["fields"]][:2] == ["id", "article"]
    assert csv_res["schema"]["fields"][1]["type"] == "integer"


def test_rules_json_round_trips_through_the_python_api(corpus, exported):
    bundle = json.loads((exported / "rules.json").read_text(encoding="utf-8"))
    again = from_bundle(bundle)
    assert again.articles == corpus.articles
    assert again.document == corpus.document
    assert serialize.bundle(again) == bundle


def test_a_failed_export_leaves_the_previous_export_untouched(corpus, tmp_path, monkeypatch):
    out = tmp_path / "data"
    write_export(corpus, out, PROJECT)
    before = tree(out)
    written = []

    def disk_full(path, data):
        if len(written) == 5:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        written.append(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    monkeypatch.setattr(replace, "write_file", disk_full)
    with pytest.raises(ExportError, match="No space left on device"):
        write_export(corpus, out, PROJECT)
    assert tree(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["data"], "no temporary directory is left behind"


def test_the_export_reflects_a_curated_change(tmp_path):
    d = DataCopy(tmp_path, remembered=True)
    d.replace("data/articles/012.yaml", "- functions\n", "- functions\n- petitions\n")
    files = build_files(gangcheng_rules.load(tmp_path), PROJECT)
    assert json.loads(files["articles/12.json"])["subjects"] == ["functions", "petitions"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["functions", "petitions", "meetings", "integrity"]), min_size=1, max_size=4, unique=True),
    st.text(alphabet="会议纪要区长签发、，。", min_size=1, max_size=30),
)
def test_serialize_and_from_bundle_are_inverse_for_any_tags_and_notes(corpus, subjects, note):
    import dataclasses

    from gangcheng_rules.model import Note

    a = dataclasses.replace(corpus.article(12), subjects=tuple(subjects), notes=(Note("editorial", note, "art_12"),))
    c = dataclasses.replace(corpus, articles=(*corpus.articles[:11], a, *corpus.articles[12:]))
    assert from_bundle(serialize.bundle(c)).article(12) == a


def test_the_datapackage_passes_frictionless_validate(exported):
    from frictionless import validate as frictionless_validate

    report = frictionless_validate(str(exported / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])


# ---------------------------------------------------------------- spreadsheets


def test_csv_cells_a_spreadsheet_would_run_as_formulas_start_with_an_apostrophe(corpus):
    risky = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]
    o = corpus.norms[0]
    evil = [dataclasses.replace(o, id=f"art_1__norm_{k + 1}", action=text) for k, text in enumerate(risky)]
    a = dataclasses.replace(corpus.article(1), norms=tuple(evil))
    c = dataclasses.replace(corpus, articles=(a, *corpus.articles[1:]))
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(norms_csv(c).decode("utf-8-sig"), newline=""))}
    assert [rows[f"art_1__norm_{k + 1}"]["action"] for k in range(len(risky))] == ["'" + t for t in risky]
    assert rows["art_1__norm_1"]["quote"] == o.quote, "ordinary cells are unchanged"


def test_the_csv_schema_and_the_data_page_say_how_formula_cells_are_written(corpus, exported):
    from gangcheng_rules import render

    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    fields = next(r for r in package["resources"] if r["path"] == "norms.csv")["schema"]["fields"]
    assert all("leading '" in f["description"] for f in fields if f["type"] == "string")
    page = render.using_page(corpus, build_files(corpus, PROJECT)).markdown
    assert "防止电子表格把它当作公式执行" in page


# ---------------------------------------------------------------- export that cannot destroy


def tree(d: Path) -> dict[str, tuple[int, str]]:
    """Every path under d (not following links) → (mode, sha256 of a file or link target)."""
    out = {}
    for p in sorted(d.rglob("*")):
        st = p.lstat()
        body = os.readlink(p).encode() if p.is_symlink() else p.read_bytes() if p.is_file() else b""
        out[str(p.relative_to(d))] = (st.st_mode, hashlib.sha256(body).hexdigest())
    return out


def cli(*args, cwd=ROOT):
    return gcrules(*args, cwd=cwd)


def refused(r) -> str:
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and "refusing" in r.stderr, r.stderr
    return r.stderr


@pytest.fixture
def checkout(tmp_path):
    """A throwaway checkout: data/, schema/ and a fake .git/ standing for the history a user cannot lose."""
    root = tmp_path / "checkout"
    DataCopy(root)
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    return root


@pytest.fixture
def previous(tmp_path):
    """A previous export written by gcrules."""
    out = tmp_path / "published"
    write_files({"rules.json": b"{}\n", "articles/1.json": b"{}\n"}, out)
    return out


def test_a_users_file_in_a_previous_export_is_a_refusal_and_survives(previous):
    (previous / "notes.txt").write_text("my notes")
    before = tree(previous)
    assert "notes.txt" in refused(cli("export", previous))
    assert tree(previous) == before


def test_an_export_file_edited_since_is_a_refusal_and_keeps_the_edit(previous):
    (previous / "rules.json").write_text('{"edited": true}')
    assert "changed since the export: rules.json" in refused(cli("export", previous))
    assert (previous / "rules.json").read_text() == '{"edited": true}'


def test_a_non_empty_directory_that_is_not_an_export_is_refused(tmp_path):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "cat.jpg").write_bytes(b"\xff\xd8")
    assert "not an export written by gcrules" in refused(cli("export", tmp_path / "photos"))
    assert (tmp_path / "photos" / "cat.jpg").read_bytes() == b"\xff\xd8"


def test_a_file_as_target_is_refused(tmp_path):
    (tmp_path / "rules").write_text("keep")
    assert "is a file" in refused(cli("export", tmp_path / "rules"))
    assert (tmp_path / "rules").read_text() == "keep"


def test_a_symlink_as_target_is_refused_and_what_it_points_to_is_intact(previous, tmp_path):
    (tmp_path / "link").symlink_to(previous, target_is_directory=True)
    before = tree(previous)
    assert "symbolic link" in refused(cli("export", tmp_path / "link"))
    assert tree(previous) == before and (tmp_path / "link").is_symlink()


@pytest.mark.parametrize("inside", ["data", "data/articles", "data/new", "schema", ".git", "src/out"])
def test_exporting_into_the_projects_own_directories_is_refused_and_they_are_intact(checkout, inside):
    before = tree(checkout)
    refused(cli("export", checkout / inside, "--root", checkout))
    assert tree(checkout) == before


@pytest.mark.parametrize("target", [".", "..", "checkout", "/"])
def test_exporting_onto_the_project_root_or_above_is_refused_and_the_checkout_is_intact(checkout, target):
    before = tree(checkout)
    where = checkout.parent if target == "checkout" else target
    refused(cli("export", where, "--root", checkout, cwd=checkout))
    assert tree(checkout) == before


def test_export_dot_outside_a_project_is_refused(previous):
    refused(cli("export", ".", "--root", ROOT, cwd=previous))


def test_an_unwritable_parent_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from gangcheng_rules.cli import main

    def denied(path, mode=0o777, **kw):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    # root ignores chmod, so the denial is simulated where the export makes its directory
    monkeypatch.setattr(replace.os, "mkdir", denied)
    r = CliRunner().invoke(main, ["export", str(tmp_path / "out")])
    assert r.exit_code == 2, r.output
    assert "permission denied" in r.output and "Traceback" not in r.output
    assert list(tmp_path.iterdir()) == []


def test_a_second_export_replaces_the_first_whole(tmp_path):
    out = tmp_path / "out"
    write_files({"a.txt": b"1", "sub/b.txt": b"2"}, out)
    write_files({"c.txt": b"3"}, out)
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == [MANIFEST, "c.txt"]
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["files"] == {"c.txt": "sha256:" + hashlib.sha256(b"3").hexdigest()} and manifest["complete"] is True
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_files_and_directories_follow_the_umask_not_mkdtemps_0700(tmp_path):
    old = os.umask(0o022)
    try:
        write_files({"a.json": b"{}", "sub/b.json": b"{}"}, tmp_path / "out")
        os.umask(0o027)
        write_files({"a.json": b"{}"}, tmp_path / "private")
    finally:
        os.umask(old)
    modes = {str(p.relative_to(tmp_path)): stat.S_IMODE(p.stat().st_mode) for p in tmp_path.rglob("*")}
    assert modes["out"] == modes["out/sub"] == 0o755
    assert modes["out/a.json"] == modes["out/sub/b.json"] == modes[f"out/{MANIFEST}"] == 0o644
    assert modes["private"] == 0o750 and modes["private/a.json"] == 0o640


KILLED_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from gangcheng_rules import replace

    real, written = replace.write_file, []

    def write_then_hang(path, data):
        real(path, data)
        written.append(path)
        if len(written) == 10:
            print("half written", flush=True)
            time.sleep(300)

    replace.write_file = write_then_hang
    replace.write_files({f"articles/{n}.json": b"new" for n in range(1, 73)}, Path(sys.argv[1]))
    """
)


def test_kill_9_mid_export_leaves_the_previous_export_complete_and_the_next_run_cleans_up(previous, tmp_path):
    before = tree(previous)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    with subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(previous)], stdout=subprocess.PIPE, text=True, env=env) as proc:
        try:
            assert proc.stdout.readline() == "half written\n"
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert tree(previous) == before, "the previous export is complete and unchanged"
    (stale,) = tmp_path.glob(".published.gcrules-*")
    assert len(list(stale.rglob("*.json"))) >= 10

    write_files({"rules.json": b"[]\n"}, previous)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["published"], "the stale temporary is gone"
    assert (previous / "rules.json").read_bytes() == b"[]\n" and not (previous / "articles").exists()


def test_a_stale_looking_directory_we_did_not_write_is_left_alone(previous, tmp_path):
    theirs = tmp_path / ".published.gcrules-mine"
    theirs.mkdir()
    (theirs / "keep.txt").write_text("x")
    write_files({"rules.json": b"[]\n"}, previous)
    assert (theirs / "keep.txt").read_text() == "x"


def test_the_site_build_refuses_a_foreign_site_data_directory_with_a_build_error(tmp_path, monkeypatch):
    from types import SimpleNamespace

    from mkdocs.exceptions import Abort

    from gangcheng_rules.plugin import GangchengRulesPlugin

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "notes.txt").write_text("mine")
    plugin = GangchengRulesPlugin()
    plugin.export, plugin.project = {"rules.json": b"{}"}, PROJECT
    plugin.documents, plugin.pages = None, []
    with pytest.raises(Abort, match="not an export written by gcrules"):
        plugin.on_post_build(config=SimpleNamespace(site_dir=str(tmp_path)))
    assert (tmp_path / "data" / "notes.txt").read_text() == "mine"


def test_the_datapackage_describes_every_csv_column_in_order(exported):
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    fields = next(r for r in package["resources"] if r["path"] == "norms.csv")["schema"]["fields"]
    header = next(csv.reader(io.StringIO((exported / "norms.csv").read_bytes().decode("utf-8-sig"))))
    assert [f["name"] for f in fields] == header
    assert all(f["description"] for f in fields)
