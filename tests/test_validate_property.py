"""One promise, tried on many inputs: whatever `validate` accepts builds, exports and renders; whatever it
refuses is reported as Problems, never as a traceback.

Hypothesis mutates a copy of the real data (keys deleted, values replaced by nulls, lists, floats, huge
numbers, control characters, surrogates, markup; articles dropped, duplicated or renumbered) and runs
the same steps the MkDocs build runs, in-process. A fixed seed keeps CI stable; the environment variables
GC_PROPERTY_EXAMPLES and GC_PROPERTY_SEED=random run a longer, fresh search.
"""

from __future__ import annotations

import importlib
import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from conftest import NO_DOCUMENTS, Build, background_build, copy_project, started
from datacopy import ROOT
from gangcheng_rules import export, render, searchsite
from gangcheng_rules.build import build
from gangcheng_rules.problems import Problem
from gangcheng_rules.project import Project
from gangcheng_rules.read import read_raw
from gangcheng_rules.validate import validate
from gangcheng_rules.yamlfile import read_yaml

FILES = [
    *(f"data/articles/{n:03d}.yaml" for n in (1, 12, 39, 40, 43, 53, 69, 72)),
    "data/document.yaml",
    "data/vocab/actors.yaml",
    "data/vocab/subjects.yaml",
    "data/vocab/instruments.yaml",
    "data/vocab/synonyms.yaml",
    "data/cue_exclusions/exclusions.yaml",
]

# Strings the data may hold (markup, template syntax, quotes, emoji, bidi and zero-width characters) and
# strings it may not (control characters, a lone surrogate, a noncharacter).
NASTY_TEXT = [
    "<script>alert(1)</script>",
    "{{ config.site_name }}{% raw %}",
    "'\"&amp;\\",
    '=HYPERLINK("http://x")',
    "# heading\n\n* list",
    "😀\u202e\u200b",
    "\u00a0\u3000",
    "\x0b",
    "\x1c",
    "\x85",
    "\ud800",
    "\ufffe",
    " ",
    "",
]
HUGE = "<a 5,000-digit integer>"  # written into the YAML as digits: Python will not turn such an int into text
REPLACEMENTS = st.one_of(
    st.sampled_from([None, [], {}, True, 0, -1, 69.0, 0.5, float("nan"), float("inf"), 10**30, HUGE, "x"]),
    st.sampled_from(NASTY_TEXT),
    st.integers(min_value=-3, max_value=1000),
)


def paths(node, prefix=()):
    """Every path into a YAML document, as tuples of keys and indexes."""
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths(v, (*prefix, i))


def apply(data, path, op, value):
    """data with the node at path deleted, replaced, wrapped in a list, or a string spliced into it."""
    if not path:
        return value if op == "replace" else data
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    key = path[-1]
    if op == "delete":
        del parent[key]
    elif op == "replace":
        parent[key] = value
    elif op == "wrap":
        parent[key] = [parent[key]]
    elif op == "splice" and isinstance(parent[key], str):
        text = parent[key]
        cut = len(text) // 2
        parent[key] = text[:cut] + (value if isinstance(value, str) else str(value)) + text[cut:]
    return data


@st.composite
def mutation(draw):
    kind = draw(st.sampled_from(["node", "node", "editorial", "editorial", "drop-article", "copy-article"]))
    if kind == "drop-article":
        return ("drop", draw(st.integers(1, 72)))
    if kind == "copy-article":
        return ("copy", draw(st.integers(1, 72)), draw(st.integers(1, 74)))
    rel = draw(st.sampled_from(FILES))
    if kind == "editorial":
        return ("node", rel, draw(st.integers(0, 10**6)), "splice", draw(st.sampled_from(NASTY_TEXT)))
    return ("node", rel, draw(st.integers(0, 10**6)), draw(st.sampled_from(["delete", "replace", "wrap", "splice"])), draw(REPLACEMENTS))


def mutate(root: Path, m) -> None:
    arts = root / "data" / "articles"
    if m[0] == "drop":
        (arts / f"{m[1]:03d}.yaml").unlink(missing_ok=True)
        return
    if m[0] == "copy":
        src = arts / f"{m[1]:03d}.yaml"
        if src.exists() and m[1] != m[2]:
            shutil.copyfile(src, arts / f"{m[2]:03d}.yaml")
        return
    _, rel, pick, op, value = m
    path = root / rel
    if not path.exists():
        return
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if op == "splice" and isinstance(value, str):
        # editorial strings: that is where staff type, and nasty-but-valid values must build
        everything = [p for p in paths(data) if p and p[-1] in ("action", "note", "description", "summary", "reason", "condition")]
    else:
        everything = list(paths(data))
    if not everything:
        return
    data = apply(data, everything[pick % len(everything)], op, value)
    # the dumper escapes what it cannot print ("\ud800", "\x0b"), as an editor's YAML would hold it
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
    path.write_text(text.replace(f"'{HUGE}'", "9" * 5000), encoding="utf-8")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pristine")
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "schema", root / "schema")  # a root is checked against its own schemas
    return root


@pytest.fixture(scope="module")
def memoised():
    """Each example changes one to three files of eighty: the pure per-file steps (reading a file, its
    schema check) are memoised on their input so the rest is not redone; one object per file read, so
    the schema check is remembered by the object (cue detection is remembered by cues.find_cues itself)."""
    docs, schemas = {}, {}

    def read(path, display=None):
        key = (display, path.read_bytes() if path.is_file() else None)
        if key not in docs:
            docs[key] = read_yaml(path, display)
        return docs[key]

    loading, validating = importlib.import_module("gangcheng_rules.read"), importlib.import_module("gangcheng_rules.validate")
    real_check = validating.check_schema

    def check(doc, name, schema_set):
        if (id(doc), name) not in schemas:
            schemas[id(doc), name] = (doc, real_check(doc, name, schema_set))  # holding doc keeps its id unique
        return list(schemas[id(doc), name][1])

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(loading, "read_yaml", read)
        mp.setattr(validating, "check_schema", check)
        yield


SCHEMAS = Project(ROOT).schemas.documents


def build_everything(root: Path) -> None:
    """What the MkDocs hook does with valid data: model, export files, pages, search index."""
    corpus = build(read_raw(root))
    files = export.build_files(corpus, Project(root))
    render.pages(corpus, files, SCHEMAS)
    searchsite.corpus_index(corpus)


@settings(
    # CI runs a fixed, quick sample; GC_PROPERTY_EXAMPLES=500 GC_PROPERTY_SEED=random explores further
    max_examples=int(os.environ.get("GC_PROPERTY_EXAMPLES", "15")),
    derandomize=os.environ.get("GC_PROPERTY_SEED") != "random",
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutations=st.lists(mutation(), min_size=1, max_size=3))
# the failures issue 8 found, always tried: each once passed validate and then broke the build or validate
@example(mutations=[("node", "data/vocab/actors.yaml", 0, "splice", "\ud800")])  # surrogate in a description
@example(mutations=[("node", "data/articles/012.yaml", 1, "splice", "\x0b")])  # vertical tab in a note
@example(mutations=[("node", "data/articles/069.yaml", 1, "replace", 69.0)])  # number: 69.0
@example(mutations=[("node", "data/vocab/actors.yaml", 10, "replace", 99)])  # defined_in: 99
@example(mutations=[("node", "data/articles/012.yaml", 3, "replace", float("nan"))])  # chapter: .nan
@example(mutations=[("node", "data/articles/012.yaml", 3, "replace", HUGE)])  # chapter: 5,000 digits
@example(mutations=[("node", "data/document.yaml", 0, "replace", None)])  # a file holding only null
@example(mutations=[("drop", 72)])
@example(mutations=[("copy", 12, 73)])
@example(mutations=[("node", "data/articles/012.yaml", 0, "splice", "<script>alert(1)</script>")])  # valid: builds
def test_validate_ok_means_build_export_and_render_succeed(pristine, memoised, tmp_path_factory, mutations):
    root = tmp_path_factory.mktemp("mutant")
    shutil.copytree(pristine / "data", root / "data")
    for m in mutations:
        mutate(root, m)
    problems = validate(read_raw(root))  # never raises
    event("refused" if problems else "accepted, so built")
    if problems:
        assert all(isinstance(p, Problem) and "\n" not in str(p) for p in problems)
    else:
        build_everything(root)


NASTY = {
    # markup, template syntax and a formula in editorial strings: valid, and must build as text
    "markup_and_templates_in_a_description": (
        "data/vocab/actors.yaml",
        "description: 区政府实行区长负责制，区长领导区政府工作。",
        "description: '<script>alert(1)</script>{{ config }}{% raw %}=1+1 ‮😀'",
    ),
    "markdown_in_a_note": ("data/articles/012.yaml", "note: 本章总体要求：加快职能转变", "note: '# 标题\\n\\n* 列表 | 表格 | ` `'"),
}


@background_build("nasty_build")
def _nasty_build(tmp_path_factory) -> Build:
    """One real build with every nasty case at once (each edits another file; a build costs ~6 s of CPU),
    started before the first test. Without the documents: they are typeset from the legal text alone, which
    these cases leave untouched (editorial fields only)."""
    base = tmp_path_factory.mktemp("nasty")
    project = copy_project(base / "project")
    assert len({rel for rel, _, _ in NASTY.values()}) == len(NASTY), "each case in a file of its own"
    for rel, old, new in NASTY.values():
        text = (project / rel).read_text(encoding="utf-8")
        assert old in text
        (project / rel).write_text(text.replace(old, new), encoding="utf-8")
    return Build(project, base / "out", NO_DOCUMENTS)


@pytest.fixture(scope="module")
def nasty_build(tmp_path_factory) -> Build:
    return started("nasty_build", tmp_path_factory)


def test_nasty_but_valid_data_builds_the_real_site(nasty_build):
    for rel, _, new in NASTY.values():
        assert new in (nasty_build.project / rel).read_text(encoding="utf-8"), rel
    assert validate(read_raw(nasty_build.project)) == []
    result = nasty_build.result()
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
