"""Work a build need not redo (.cache/gcrules/passed/, Jinja's compiled templates): skipped only for the very
inputs it was done for; anything else, a damaged cache or none at all, does the work again."""

from __future__ import annotations

import json

import pytest
from jinja2 import DictLoader, Environment
from jinja2.bccache import bc_magic

from datacopy import DataCopy
from gangcheng_rules import akn, load
from gangcheng_rules.cacheentry import CACHE_DIR, PASSED, check_key, has_passed, remember_pass
from gangcheng_rules.export import build_files
from gangcheng_rules.problems import DataError
from gangcheng_rules.project import Project
from gangcheng_rules.read import read_raw
from gangcheng_rules.render import templates
from gangcheng_rules.validate import SCHEMAS, validate


@pytest.fixture
def project(tmp_path) -> Project:
    DataCopy(tmp_path)
    return Project(tmp_path)


def test_a_pass_names_exactly_its_inputs(tmp_path):
    key = check_key("kind", b"ab", b"c")
    assert key != check_key("kind", b"a", b"bc"), "inputs are length-prefixed"
    assert key != check_key("other", b"ab", b"c")
    assert not has_passed(tmp_path, key)
    remember_pass(tmp_path, key)
    assert has_passed(tmp_path, key)
    assert not has_passed(tmp_path, check_key("kind", b"ab", b"d"))


def test_a_cache_that_cannot_be_written_only_means_the_check_runs_again(tmp_path):
    (tmp_path / "file").write_text("not a directory")
    remember_pass(tmp_path / "file", check_key("kind", b"x"))  # no exception
    assert not has_passed(tmp_path / "file", check_key("kind", b"x"))


def test_the_export_is_the_same_whether_the_xsd_ran_or_its_pass_was_remembered(project):
    corpus = load(project)
    cold = build_files(corpus, project)
    assert [p.name for p in (project.root / CACHE_DIR / PASSED).glob("akn-xsd-*")], "the pass is remembered"
    assert build_files(corpus, project) == cold


def test_xml_the_oasis_schema_rejects_is_refused_after_the_real_export_passed(project, monkeypatch):
    corpus = load(project)
    build_files(corpus, project)
    real = akn.build

    def with_unknown_element(c):
        root = real(c)
        root.find(f".//{{{akn.NS}}}body").append(root.makeelement(f"{{{akn.NS}}}notAnAknElement"))
        return root

    monkeypatch.setattr(akn, "build", with_unknown_element)
    with pytest.raises(DataError) as e:
        build_files(corpus, project)
    assert any(p.pointer == "xsd" and "notAnAknElement" in p.message for p in e.value.problems)


def test_a_broken_schema_is_reported_after_its_valid_version_passed(project):
    assert project.schemas.check(SCHEMAS) == []
    path = project.schema_dir / "article.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["type"] = 5
    path.write_text(json.dumps(schema), encoding="utf-8")
    problems = Project(project.root).schemas.check(SCHEMAS)
    assert [(p.path, p.message[:24]) for p in problems] == [("schema/article.schema.json", "not a valid JSON Schema:")]


def test_compiled_templates_are_kept_apart_for_other_compiler_settings():
    env = templates.environment()
    assert templates.compile_key(env) != templates.compile_key(env.overlay(trim_blocks=False))
    other = env.overlay()
    other.filters = {**env.filters, "extra": str}
    assert templates.compile_key(env) != templates.compile_key(other)


def test_a_damaged_compiled_template_is_compiled_again(tmp_path):
    def render():
        cache = templates.BytecodeCache(str(tmp_path), "t-%s.cache")
        env = Environment(loader=DictLoader({"t.md": "{{ n }} 条"}), bytecode_cache=cache)
        return env.get_template("t.md").render(n=40)

    assert render() == "40 条"
    (entry,) = tmp_path.iterdir()
    assert entry.read_bytes().startswith(bc_magic)
    entry.write_bytes(bc_magic + b"\x80garbage")  # Jinja's header, then no pickle: unpickling raises
    assert render() == "40 条"


def test_an_article_broken_after_it_passed_its_schema_is_reported(project):
    assert validate(read_raw(project)) == []
    path = project.data_dir / "articles" / "040.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("chapter: 9\n", "chapter: nine\n", 1), encoding="utf-8")
    problems = validate(read_raw(Project(project.root)))
    assert [(p.path, p.pointer) for p in problems] == [("data/articles/040.yaml", "$.chapter")]


def test_the_same_data_is_validated_again_when_any_schema_file_changes(project):
    article = read_raw(project).articles[0].data
    key = project.schemas.data_pass_key("article", article)
    assert key is not None
    (project.schema_dir / "rules.schema.json").write_bytes(project.schemas.files["rules.schema.json"] + b"\n")
    assert Project(project.root).schemas.data_pass_key("article", article) != key


def test_data_json_cannot_spell_is_never_remembered(project):
    assert project.schemas.data_pass_key("article", {"number": float("nan")}) is None
    assert project.schemas.data_pass_key("article", {"date": object()}) is None
