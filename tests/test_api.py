"""The static JSON API: every path the OpenAPI document describes exists on a served site and validates."""

from __future__ import annotations

import itertools
import json
import urllib.request
from pathlib import Path

import jsonschema
import pytest
from openapi_spec_validator import validate as validate_openapi

from gangcheng_rules.validate import registry


@pytest.fixture(scope="module")
def served(site_dir, site_url):
    """The built site (make site) served on 127.0.0.1 under a sub-path: its data/ directory and API base URL."""
    return site_dir / "data", f"{site_url.rstrip('/')}/data/v1"


def get(url: str):
    with urllib.request.urlopen(url, timeout=10) as r:
        assert r.headers.get_content_type() == "application/json"
        return json.loads(r.read().decode("utf-8"))


def schema_for(ref: str) -> dict:
    """'../schema/api.schema.json#/$defs/index' → a schema resolvable in the published registry."""
    file, _, fragment = ref.partition("#")
    base = "https://gangcheng-rules.example/schema/" + Path(file).name
    return {"$ref": f"{base}#{fragment}" if fragment else base}


def expand(path: str, op: dict) -> list[str]:
    params = op.get("parameters", [])
    if not params:
        return [path]
    values = [[(p["name"], v) for v in p["schema"]["enum"]] for p in params]
    out = []
    for combo in itertools.product(*values):
        p = path
        for name, v in combo:
            p = p.replace("{" + name + "}", str(v))
        out.append(p)
    return out


def test_the_openapi_document_is_valid_openapi_3_1(served):
    data, _ = served
    spec = json.loads((data / "v1" / "openapi.json").read_text(encoding="utf-8"))
    assert spec["openapi"] == "3.1.0"
    validate_openapi(spec, base_uri=(data / "v1" / "openapi.json").as_uri())


def test_every_described_path_is_served_and_validates(served):
    data, base = served
    spec = json.loads((data / "v1" / "openapi.json").read_text(encoding="utf-8"))
    checked = 0
    for path, item in spec["paths"].items():
        op = item["get"]
        schema = schema_for(op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"])
        v = jsonschema.Draft202012Validator(schema, registry=registry())
        for concrete in expand(path, op):
            v.validate(get(base + concrete))
            checked += 1
    assert checked > 72 + 12


def test_every_file_under_v1_is_described(served):
    data, _ = served
    spec = json.loads((data / "v1" / "openapi.json").read_text(encoding="utf-8"))
    described = {p for path, item in spec["paths"].items() for p in expand(path, item["get"])} | {"/openapi.json"}
    on_disk = {"/" + str(p.relative_to(data / "v1")) for p in (data / "v1").rglob("*.json")}
    assert on_disk == described


def test_actor_duties_are_grouped_by_modality(served):
    _, base = served
    mayor = get(base + "/actors/mayor.json")
    assert mayor["actor"]["name"] == "区长"
    assert mayor["duties"]["obligation"], "区长 must do things"
    assert all(d["norm"]["modality"] == "obligation" for d in mayor["duties"]["obligation"])


def test_the_index_links_resolve_and_show_status_and_versions(served):
    _, base = served
    index = get(base + "/index.json")
    assert index["status"] == "现行有效"
    assert index["articles"][39]["heading"] == "第四十条"
    assert index["articles"][39]["last_changed"]["version"] == "2.0.0"
    for link in index["chapters"] + index["actors"][:3]:
        get(f"{base}/{link['href']}")
