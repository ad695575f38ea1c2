"""`gcrules diff`: what changed between two versions, at article, paragraph and item level."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from amendment import amend
from clirun import gcrules
from datacopy import ROOT, DataCopy
from gangcheng_rules import serialize
from gangcheng_rules.build import from_bundle
from gangcheng_rules.diff import compare, load_version, norm, redline, render_html, render_text
from gangcheng_rules.problems import DataError

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def v1(corpus):
    return serialize.bundle(corpus)


@pytest.fixture(scope="module")
def comparison(v1):
    return compare(from_bundle(v1), from_bundle(amend(v1)))


def test_the_amendment_is_summarised_as_a_reader_would(comparison):
    assert comparison.summary() == {"amended": 2, "inserted": 1, "renumbered": 62, "repealed": 1}


def test_inserted_and_repealed_articles_are_named(comparison):
    (ins,) = [c for c in comparison.changes if c.kind == "inserted"]
    (rep,) = [c for c in comparison.changes if c.kind == "repealed"]
    assert (ins.old, ins.new) == (None, 6)
    assert (rep.old, rep.new) == (70, None)


def test_amended_article_carries_a_character_redline(comparison):
    (a12,) = [c for c in comparison.changes if c.old == 12]
    assert (a12.kind, a12.new) == ("amended", 13)
    (part,) = a12.parts
    assert (part.old_eid, part.new_eid) == ("art_12__para_1", "art_13__para_1")
    assert "[-12345-]" not in part.redline.text()  # digits differ in one place only
    assert "1234[-5-]{+6+}" in part.redline.text()
    assert "{+、公平正义+}" in part.redline.text()


def test_an_amended_item_is_reported_at_item_level(comparison):
    (a40,) = [c for c in comparison.changes if c.old == 40]
    assert [(p.kind, p.old_eid) for p in a40.parts] == [("amended", "art_40__para_1__list_1__item_2")]


def test_formatting_variants_are_not_amendments(comparison):
    assert not [c for c in comparison.changes if c.old == 3]
    assert norm("（一）区政府，12345。") == norm("(一)区政府,１２３４５。 ")


def test_the_redline_shows_the_original_punctuation_not_the_normalised_form():
    # matched on NFKC text, so the retyped comma is no change; shown as the new text prints it
    assert redline("会议纪要，由区长签发。", "会议纪要,由区长签发（第3稿）。").text() == "会议纪要,由区长签发{+（第3稿）+}。"
    assert redline("提前３天报备。", "提前5天报备。").text() == "提前[-３-]{+5+}天报备。"
    assert redline("（一）甲", "（一）乙").text() == "（一）[-甲-]{+乙+}"


def test_the_1_0_0_release_compares_with_the_current_data_across_the_rename():
    # tests/fixtures/rules-1.0.0.json is the export of release 1.0.0 (schema 1.0, `obligations`)
    old = load_version(FIXTURES / "rules-1.0.0.json")
    assert old.document.dataset_version == "1.0.0"
    assert {o.kind for o in old.norms} == {"duty"}
    c = compare(old, load_version(ROOT))
    assert {ch.kind for ch in c.changes} == {"tags"}, "the text did not change between 1.0.0 and 2.0.0"
    (a23,) = [ch for ch in c.changes if ch.new == 23]
    assert any(x.startswith("constitutive:") and "一律无效" in x for x in a23.tags["norms"]["added"])


def test_a_1_0_checkout_reads_as_2_0_without_the_2_0_conventions(tmp_path):
    d = DataCopy(tmp_path)
    for path in sorted(d.path("data/articles").glob("*.yaml")):
        number = int(path.stem)
        article = next(
            a for a in json.loads((FIXTURES / "rules-1.0.0.json").read_text(encoding="utf-8"))["articles"] if a["number"] == number
        )
        path.write_text(yaml.safe_dump(article, allow_unicode=True, sort_keys=False), encoding="utf-8")
    old = load_version(tmp_path)
    # 1.0 stated prohibitions negatively; read as 1.0, that is not an error
    assert old.article(49).norms[5].action == "不参加各部门单独召开的系统内表彰会议"
    assert old.article(69).norms[2].roles == (("recipient", ("mayor",)),)


def test_identical_versions_have_no_changes(v1):
    c = compare(from_bundle(v1), from_bundle(v1))
    assert c.changes == [] and render_text(c).endswith("无变更\n")


def test_tag_changes_are_reported_as_data_and_as_sentences(v1):
    v2 = json.loads(json.dumps(v1))
    v2["articles"][11]["subjects"].append("petitions")
    (c,) = compare(from_bundle(v1), from_bundle(v2)).changes
    assert c.kind == "tags" and c.tags == {"subjects": {"added": ["petitions"], "removed": []}}
    assert c.notes == ["主题：新增“信访”"]
    assert render_text(compare(from_bundle(v1), from_bundle(v2))).splitlines()[1:] == ["标注变更 第十二条", "  主题：新增“信访”"]


def test_html_output_escapes_text():
    assert redline("<b>甲</b>", "<b>乙</b>").html() == "&lt;b&gt;<del>甲</del><ins>乙</ins>&lt;/b&gt;"


def test_text_output_reads_as_a_change_list_in_chinese(comparison):
    out = render_text(comparison)
    assert out.splitlines()[0] == "2.0.0 → 2.1.0：新增 1 条，删除 1 条，修改 2 条，重新编号 62 条"
    assert "\n新增 第六条\n  第一款：常务副区长协助区长处理区政府日常工作。\n" in out
    assert "\n删除 第七十条\n  第一款：区政府及各部门要严格执行财经纪律，" in out
    assert "\n重新编号 第六条 → 第七条\n" in out
    assert "\n修改 第十三条（原第十二条）\n  修改 第一款：" in out
    assert "  修改 第一款第二项：（二）听取区政府重要工作情况{+和重点项目进展+}汇报；" in out
    assert "art_" not in out, "places are named 第N条第M款, never by eId"


def test_html_output_is_in_chinese_and_shows_inserted_and_repealed_text(comparison):
    out = render_html(comparison)
    assert out.startswith('<!doctype html><html lang="zh-Hans">')
    assert "<h2>新增 第六条</h2>" in out and "<ins>常务副区长协助区长处理区政府日常工作。</ins>" in out
    assert "<h2>删除 第七十条</h2>" in out and "<del>区政府及各部门要严格执行财经纪律，" in out
    assert "<h2>修改 第十三条（原第十二条）</h2>" in out and '<span class="place">第一款</span>' in out
    assert "art_" not in re.sub(r"<[^>]+>", "", out)


def cli(*args):
    return gcrules("diff", *args)


def test_cli_compares_a_directory_with_an_export_in_every_format(tmp_path, v1):
    (tmp_path / "v2.json").write_text(json.dumps(amend(v1), ensure_ascii=False), encoding="utf-8")
    r = cli(ROOT, tmp_path / "v2.json")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("2.0.0 → 2.1.0：")
    r = cli(ROOT, tmp_path / "v2.json", "--format", "json")
    assert json.loads(r.stdout)["summary"]["inserted"] == 1
    r = cli(ROOT, tmp_path / "v2.json", "--format", "html", "-o", tmp_path / "out.html")
    assert r.returncode == 0 and (tmp_path / "out.html").read_text(encoding="utf-8").startswith("<!doctype html>")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"articles": [', "invalid JSON"),
        ('{"hello": 1}', "not a rules.json export"),
        ('{"articles": []}', "is a required property"),
    ],
    ids=["truncated-json", "not-an-export", "schema-invalid"],
)
@pytest.mark.parametrize("side", ["old", "new"])
def test_corrupt_inputs_name_the_side_and_the_file_and_write_nothing(tmp_path, content, message, side):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    out = tmp_path / "out.html"
    args = (bad, ROOT) if side == "old" else (ROOT, bad)
    r = cli(*args, "--format", "html", "-o", out)
    assert r.returncode == 1
    assert str(bad) in r.stderr and message in r.stderr and "Traceback" not in r.stderr
    label = {"old": "旧版本（OLD）", "new": "新版本（NEW）"}[side]
    assert all(line.startswith(label) for line in r.stderr.splitlines()[:-1]), r.stderr
    assert not out.exists()


def test_different_documents_are_refused(tmp_path, v1):
    other = json.loads(json.dumps(v1))
    other["document"]["title"] = "另一份规则"
    (tmp_path / "other.json").write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    r = cli(ROOT, tmp_path / "other.json")
    assert r.returncode == 1 and "different documents" in r.stderr
    assert r.stderr.startswith("新版本（NEW）") and "另一份规则" in r.stderr


def test_a_missing_input_is_a_usage_error(tmp_path):
    r = cli(ROOT, tmp_path / "nope.json")
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_a_40000_character_paragraph_diffs_in_a_second_with_the_changes_exact():
    import time

    old = "区政府常务会议由区长召集和主持，出席人数应超过应到人数的二分之一。" * 1200
    new = old[:20000] + "新增内容，" + old[20000:30000].replace("区长", "副区长", 3) + old[30000:]
    start = time.perf_counter()
    r = redline(old, new)
    assert time.perf_counter() - start < 2
    assert [op for op in r.ops if op[0] != "equal"] == [("insert", "新增内容，"), ("insert", "副"), ("insert", "副"), ("insert", "副")]
    # shown in the original characters: the old side reads back as old, the new side as new
    assert "".join(t for op, t in r.ops if op != "insert") == old
    assert "".join(t for op, t in r.ops if op != "delete") == new


def test_two_unrelated_40000_character_paragraphs_are_shown_as_replaced_quickly():
    import random
    import time

    rng = random.Random(8)
    chars = [chr(0x4E00 + i) for i in range(3000)]
    a, b = ("".join(rng.choice(chars) for _ in range(40000)) for _ in range(2))
    start = time.perf_counter()
    r = redline(a, b)
    assert time.perf_counter() - start < 2
    assert "".join(t for op, t in r.ops if op != "insert") == a and "".join(t for op, t in r.ops if op != "delete") == b


def test_output_into_a_missing_directory_is_a_usage_error_not_a_traceback(tmp_path):
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    (tmp_path / "b.json").write_text("{}", encoding="utf-8")
    r = cli(tmp_path / "a.json", tmp_path / "b.json", "-o", tmp_path / "no" / "such" / "dir" / "out.txt")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "is not a directory" in r.stderr
    assert not (tmp_path / "no").exists()


def test_a_new_version_with_article_1_twice_is_a_problem_not_no_changes(tmp_path, v1):
    v2 = json.loads(json.dumps(v1))
    v2["articles"].insert(1, json.loads(json.dumps(v2["articles"][0])))
    (tmp_path / "dup.json").write_text(json.dumps(v2, ensure_ascii=False), encoding="utf-8")
    r = cli(tmp_path / "dup.json", tmp_path / "dup.json")
    assert r.returncode == 1, r.stdout
    assert "duplicate article number 1" in r.stderr and "无变更" not in r.stdout


@pytest.mark.parametrize(
    "content",
    [
        "[1, 2]",
        '"rules"',
        '{"articles": "all of them"}',
        '{"articles": [{"number": "one"}]}',
        '{"articles": ' + "[" * 100000 + "]" * 100000 + "}",
        '{"articles": [' + "1" * 5000 + "]}",
        "[" * 3000 + "]" * 3000,
    ],
    ids=["array", "string", "wrong-type", "wrong-article", "deeply-nested", "5000-digit-number", "nested-array"],
)
def test_a_malformed_rules_json_is_a_problem_not_a_traceback(tmp_path, content):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as e:  # what the CLI reports, exit 1; any other exception is a traceback
        load_version(bad)
    assert e.value.problems and all(p.path == str(bad) for p in e.value.problems)


def test_a_bundle_missing_a_required_key_names_it(tmp_path, v1):
    v2 = json.loads(json.dumps(v1))
    del v2["articles"][3]["paragraphs"]
    (tmp_path / "v2.json").write_text(json.dumps(v2, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_version(tmp_path / "v2.json")
    assert [(p.pointer, p.message) for p in e.value.problems] == [("$.articles[3]", "'paragraphs' is a required property")]


def test_a_bundle_with_a_gap_in_the_articles_is_a_problem(tmp_path, v1):
    v2 = json.loads(json.dumps(v1))
    del v2["articles"][40]
    (tmp_path / "v2.json").write_text(json.dumps(v2, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_version(tmp_path / "v2.json")
    assert [p.message for p in e.value.problems] == ["articles must run 1..72 without gaps; missing 41"]


def test_the_html_page_shows_markup_in_the_text_as_text(v1):
    v2 = json.loads(json.dumps(v1))
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>{{ x }}"
    v2["articles"][11]["paragraphs"][0]["text"] += hostile
    v2["articles"][0]["paragraphs"].append({"eid": "art_1__para_2", "text": hostile})
    page = render_html(compare(from_bundle(v1), from_bundle(v2)))
    assert "<script" not in page and "<img" not in page
    # shown in the original characters (whitespace is only ignored for matching)
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;{{ x }}") == 2
    assert "<ins>&lt;script&gt;" in page  # the redline's own markup is kept
