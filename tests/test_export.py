"""The export is what downstream tools consume: deterministic, schema-valid, complete, and never half-written."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gangcheng_rules
from datacopy import ROOT, DataCopy
from gangcheng_rules import render, serialize
from gangcheng_rules.export import build_files, write_export
from gangcheng_rules.load import from_bundle
from gangcheng_rules.validate import validator

SCHEMA = ROOT / "schema"


@pytest.fixture(scope="module")
def corpus():
    return gangcheng_rules.load()


@pytest.fixture(scope="module")
def exported(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "data"
    write_export(corpus, out, SCHEMA)
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
    write_export(corpus, tmp_path / "a", SCHEMA)
    write_export(gangcheng_rules.load(), tmp_path / "b", SCHEMA)
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
    assert {"subjects", "actors", "instruments", "synonyms"} == set(rules["vocabularies"])


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
    write_export(corpus, out, SCHEMA)
    before = (out / "rules.json").read_bytes()

    def explode(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(Path, "rename", explode)
    with pytest.raises(OSError):
        write_export(corpus, out, SCHEMA)
    assert (out / "rules.json").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["data"], "no temporary directory is left behind"


def test_the_export_reflects_a_curated_change(tmp_path):
    d = DataCopy(tmp_path)
    d.replace("data/articles/012.yaml", "- functions\n", "- functions\n- petitions\n")
    files = build_files(gangcheng_rules.load(tmp_path), SCHEMA)
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


def test_the_datapackage_describes_every_csv_column_in_order(exported):
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    fields = next(r for r in package["resources"] if r["path"] == "norms.csv")["schema"]["fields"]
    header = next(csv.reader(io.StringIO((exported / "norms.csv").read_bytes().decode("utf-8-sig"))))
    assert [f["name"] for f in fields] == header
    assert all(f["description"] for f in fields)
