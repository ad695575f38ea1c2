"""The validator, specified by the failures it must catch.

Each fixture below breaks a copy of the real data in one way and names the failure; the test states the
exact report staff would see: file, line, JSON path and message. All problems are reported at once.
Each copy carries the schema passes of the untouched files, as a checkout that validated before does
(see datacopy.py): what a fixture breaks is checked in full, the rest as validate checks it on a second run.
"""

from __future__ import annotations

import time
import unicodedata

import pytest

from datacopy import DataCopy, alias_bomb
from gangcheng_rules import codepoints
from gangcheng_rules.build import load_corpus
from gangcheng_rules.diff import load_version
from gangcheng_rules.problems import DataError
from gangcheng_rules.read import read_raw
from gangcheng_rules.validate import validate
from gangcheng_rules.yamlfile import read_yaml

A12 = "data/articles/012.yaml"
A69 = "data/articles/069.yaml"
A44 = "data/articles/044.yaml"
A47 = "data/articles/047.yaml"
A49 = "data/articles/049.yaml"
A67 = "data/articles/067.yaml"


def yaml_syntax_error(d):
    d.replace(A12, "- functions", "- [functions")


def tab_character(d):
    d.replace(A12, "- eid: art_12__para_1", "-\teid: art_12__para_1")


def duplicate_key(d):
    d.replace(A12, "chapter: 3\n", "chapter: 3\nchapter: 3\n")


def number_is_a_string(d):
    d.replace(A12, "number: 12", "number: '12'")


def missing_subjects(d):
    d.replace(A12, "subjects:\n- functions\n", "")


def unknown_field(d):
    d.replace(A12, "chapter: 3\n", "chapter: 3\ncolour: red\n")


def article_gap(d):
    d.path("data/articles/030.yaml").unlink()


def duplicate_article_number(d):
    d.replace("data/articles/013.yaml", "number: 13\neid: art_13", "number: 12\neid: art_12")


def file_name_not_number(d):
    d.path(A12).rename(d.path("data/articles/12.yaml"))


def chapter_mismatch(d):
    d.replace(A12, "chapter: 3", "chapter: 4")


def malformed_eid(d):
    d.replace(A12, "- eid: art_12__para_1", "- eid: art_12_para_1")


def duplicate_eid(d):
    d.replace("data/articles/023.yaml", "- eid: art_23__para_2", "- eid: art_23__para_1")


def unknown_subject(d):
    d.replace(A12, "- functions", "- functionz")


def unknown_actor(d):
    d.replace(A12, "  - district_government\n", "  - district_govt\n")


def unknown_instrument(d):
    d.replace(A12, "cites: []", "cites:\n- magna_carta")


def quote_not_in_source(d):
    d.replace(A12, "  quote: 加强社会治理制度和能力建设", "  quote: 加强社会治理体系和能力建设")


def changed_character_in_legal_text(d):
    d.replace(A12, "强化12345市民服务热线", "强化12346市民服务热线")


def empty_paragraph(d):
    d.replace(
        A12,
        "  text: 加强社会治理制度和能力建设，健全基层社会管理服务体系，拓宽为民服务领域和渠道，强化12345市民服务热线平台作用，实现政府治理和社会调节、居民自治良性互动，创造安全稳定的社会环境。",
        "  text: ''",
    )


def not_utf8(d):
    d.path(A12).write_bytes(d.read(A12).encode("gb18030"))


def byte_order_mark(d):
    d.path(A12).write_bytes(b"\xef\xbb\xbf" + d.path(A12).read_bytes())


def extremely_long_file(d):
    d.write(A12, d.read(A12) + "# padding\n" * 40_000)


def related_article_missing(d):
    d.replace(A12, "- article: 9\n", "- article: 99\n")


def chapter_ranges_disagree(d):
    d.replace("data/document.yaml", "first_article: 4", "first_article: 5")


def cue_not_covered(d):
    # drop the norm that quotes 须报区长审批: its 须 is then in no quote
    d.replace(
        A69,
        "  quote: 各街道办事处、功能区管委会主要负责人外出或休假，须报区长审批",
        "  quote: 各街道办事处、功能区管委会主要负责人外出或休假",
    )


def cue_not_in_quote(d):
    d.replace(A69, "  cue: 应\n", "  cue: 必须\n")


def strict_quote_with_standard_strength(d):
    d.replace("data/articles/059.yaml", "strength: strict", "strength: standard")


def defeasible_quote_with_standard_strength(d):
    d.replace("data/articles/040.yaml", "strength: defeasible", "strength: standard")


def item_label_out_of_sequence(d):
    d.replace("data/articles/036.yaml", "label: （二）", "label: （三）")


def norm_ids_out_of_order(d):
    d.replace(A69, "- id: art_69__norm_2\n", "- id: art_69__norm_9\n")


def source_not_in_article(d):
    d.replace(A12, "  source: art_12__para_1", "  source: art_12__para_2")


def empty_file(d):
    d.write(A12, "")


def duplicate_vocab_id(d):
    d.replace("data/vocab/subjects.yaml", "- {id: composition,", "- {id: general,")


def exclusion_context_missing(d):
    d.write("data/cue_exclusions/test.yaml", "- {source: art_12__para_1, cue: 可, context: 可以随便, reason: test}\n")


def note_target_unknown(d):
    d.replace("data/articles/018.yaml", "target: art_18__para_1", "target: art_18__para_7")


def synonym_term_not_in_text(d):
    d.write("data/vocab/synonyms.yaml", "- {query: 开会, terms: [会议, 开大会不存在]}\n")


def source_text_missing(d):
    d.path("data/source/gangcheng-government-work-rules-2022.txt").unlink()


def html_is_data_not_markup(d):
    # HTML in legal text is just a change of characters: caught by fidelity like any other edit
    d.replace(A12, "创造安全稳定的社会环境。", "创造安全稳定的社会环境。<script>alert(1)</script>")


# --- the reader refuses what the data never needs, with file:line:column ---------------------------------


def alias_bomb_7_levels(d):
    d.write(A12, alias_bomb(7))


def nesting_600_deep(d):
    d.replace(A12, "cites: []", "cites: " + "[" * 600 + "]" * 600)


def file_holds_only_null(d):
    d.write(A12, "~\n")


def list_at_top_level(d):
    d.write(A12, "- number: 12\n")


def integer_key(d):
    d.replace(A12, "chapter: 3\n", "chapter: 3\n1: one\n")


def null_key(d):
    d.replace(A12, "chapter: 3\n", "chapter: 3\nnull: nothing\n")


def list_as_key(d):
    d.replace(A12, "chapter: 3\n", "chapter: 3\n? [a, b]\n: c\n")


def not_a_number_where_integer_expected(d):
    d.replace(A12, "chapter: 3", "chapter: .nan")


def infinity(d):
    d.replace(A12, "chapter: 3", "chapter: -.inf")


def infinite_threshold(d):
    # `value` is a number, so the schema would pass .inf; JSON cannot hold it (json.dumps writes Infinity)
    d.replace(A69, "value: 24", "value: .inf")


def float_article_number(d):
    d.replace(A69, "number: 69", "number: 69.0")


def five_thousand_digit_number(d):
    d.replace(A12, "chapter: 3", "chapter: " + "9" * 5000)


def number_beyond_json_range(d):
    d.replace(A12, "- article: 9\n", "- article: 12345678901234567890\n")


def lone_surrogate_in_editorial_note(d):
    d.replace(A12, "note: 本章总体要求：加快职能转变", 'note: "本章总体要求\\ud800加快职能转变"')


def vertical_tab_in_legal_text(d):
    d.replace(A12, "  text: 加强社会治理制度", '  text: "加强社会\\v治理制度')
    d.replace(A12, "创造安全稳定的社会环境。\n", '创造安全稳定的社会环境。"\n')


def information_separator_in_legal_text(d):
    d.replace(A12, "  text: 加强社会治理制度", '  text: "加强社会\\x1c治理制度')
    d.replace(A12, "创造安全稳定的社会环境。\n", '创造安全稳定的社会环境。"\n')


def next_line_c1_in_action(d):
    d.replace(A12, "  action: 加强社会治理制度和能力建设，健全基层社会管理服务体系", '  action: "加强社会治理制度\\x85和能力建设"')


def form_feed_in_file(d):
    d.replace(A12, "cites: []", "cites: []\x0c")


def binary_tag(d):
    d.replace(A12, "note: 本章总体要求：加快职能转变", "note: !!binary aGVsbG8=")


def impossible_date(d):
    d.replace("data/document.yaml", "date: 2022-04-08", "date: 2022-02-30")


def null_where_an_object_is_expected(d):
    d.replace("data/document.yaml", "notice:\n", "notice: ~\nx_notice:\n")


def null_paragraph(d):
    d.replace(A12, "paragraphs:\n", "paragraphs:\n- ~\n")


def list_where_text_is_expected(d):
    d.replace(A12, "  text: 加强社会治理制度", "  text:\n  - 加强社会治理制度")


# --- references point at things that exist; the article set is the chapters' range -----------------------


def actor_defined_in_missing_article(d):
    d.replace("data/vocab/actors.yaml", "  defined_in: 4\n", "  defined_in: 99\n")


def changelog_names_missing_article(d):
    d.replace("data/document.yaml", "    summary: 首次发布", "    articles: [99]\n    summary: 首次发布")


def no_article_files(d):
    for p in d.path("data/articles").glob("*.yaml"):
        p.unlink()


def articles_directory_missing(d):
    no_article_files(d)
    d.path("data/articles").rmdir()


def last_article_missing(d):
    d.path("data/articles/072.yaml").unlink()


def article_beyond_the_chapters(d):
    d.write("data/articles/073.yaml", d.read("data/articles/072.yaml").replace("art_72", "art_73").replace("number: 72", "number: 73"))


def chapters_run_far_beyond_the_files(d):
    d.replace("data/document.yaml", "last_article: 72", "last_article: 999")


# --- fidelity sees what readers see --------------------------------------------------------------------


def no_break_space_in_legal_text(d):
    d.replace(A12, "强化12345市民服务热线", "强化12345市民\u00a0服务热线")


def ideographic_space_in_legal_text(d):
    d.replace(A12, "强化12345市民服务热线", "强化12345市民\u3000服务热线")


def em_space_in_legal_text(d):
    d.replace(A12, "强化12345市民服务热线", "强化12345市民\u2003服务热线")


def ascii_space_in_legal_text(d):
    d.replace(A12, "强化12345市民服务热线", "强化12345市民 服务热线")


def legal_text_folded_over_lines(d):
    # a folded scalar joins its lines with spaces: the published text would show them
    d.replace(A12, "  text: 加强社会治理制度和能力建设，", "  text: >-\n    加强社会治理制度和能力建设，\n    ")


# ---- norm model 2.0: the mechanical conventions (see the data page, 标注规则)


def prohibition_with_negated_action(d):
    # the display reads 副区长 不得 + action: 不得 不参加 would say he must attend
    d.replace(A49, "  action: 参加各部门单独召开的系统内表彰会议", "  action: 不参加各部门单独召开的系统内表彰会议")


def prohibition_with_not_allowed_inside_action(d):
    d.replace("data/articles/058.yaml", "  action: 各自向下行文", "  action: 未经协商一致不得各自向下行文")


def fangke_clause_tagged_as_obligation(d):
    # 须经分管区长签署后方可提交: 方可 makes it a conditional permission
    d.replace(A44, "  modality: permission", "  modality: obligation")


def approver_is_also_a_bearer(d):
    d.replace(A47, "    approver:\n    - mayor", "    approver:\n    - gov_leaders")


def cue_on_a_norm_not_explicit(d):
    d.replace(A12, "  construction: inferred\n", "  construction: inferred\n  cue: 要\n")


def explicit_norm_without_cue(d):
    d.replace(A69, "  cue: 应\n", "")


def modality_on_a_competence(d):
    d.replace("data/articles/040.yaml", "  kind: competence\n", "  kind: competence\n  modality: obligation\n", count=1)


def duty_without_modality(d):
    d.replace(A12, "  modality: obligation\n", "")


def constitutive_without_its_type(d):
    d.replace(A69, "  constitutive: establishment\n", "")


def several_bearers_without_mode(d):
    d.replace(A49, "  bearer_mode: each\n", "", count=1)


def one_bearer_with_mode(d):
    d.replace(A12, "  - district_government\n", "  - district_government\n  bearer_mode: each\n")


def overrides_an_unknown_norm(d):
    d.replace(A49, "  overrides:\n  - art_49__norm_4", "  overrides:\n  - art_49__norm_40")


def overrides_itself(d):
    d.replace(A49, "  overrides:\n  - art_49__norm_4", "  overrides:\n  - art_49__norm_5")


def enforces_an_unknown_norm(d):
    d.replace(A67, "  enforces:\n  - art_65__norm_1", "  enforces:\n  - art_99__norm_1")


def enforces_on_a_duty(d):
    d.replace(A12, "  source: art_12__para_1\n", "  source: art_12__para_1\n  enforces:\n  - art_13__norm_1\n")


def unknown_actor_in_a_role(d):
    d.replace(A47, "    approver:\n    - mayor", "    approver:\n    - mayr")


def unknown_role(d):
    d.replace(A47, "    approver:\n", "    boss:\n")


def cue_none_of_schema_1_0(d):
    d.replace(A69, "  cue: 应\n", "  cue: none\n")


def obligations_key_of_schema_1_0(d):
    d.replace(A12, "norms:", "obligations:")


CASES = [
    (
        yaml_syntax_error,
        A12,
        9,
        "$",
        "YAML syntax error: expected ',' or ']', but got ':' (while parsing a flow sequence on line 8, column 3)",
    ),
    (tab_character, A12, 5, "$", "tab character"),
    (duplicate_key, A12, 4, "$.chapter", "duplicate key (first defined on line 3)"),
    (number_is_a_string, A12, 1, "$.number", "must be of type integer, not str"),
    (missing_subjects, A12, 1, "$", "'subjects' is required"),
    (unknown_field, A12, 4, "$.colour", "unknown field"),
    (article_gap, "data/articles/030.yaml", None, "$", "article 30 is missing"),
    (duplicate_article_number, "data/articles/013.yaml", 1, "$.number", "duplicate article number 12"),
    (file_name_not_number, "data/articles/12.yaml", 1, "$.number", "must be in file 012.yaml"),
    (chapter_mismatch, A12, 3, "$.chapter", "data/document.yaml puts article 12 in chapter 3"),
    (malformed_eid, A12, 5, "$.paragraphs[0].eid", "does not match"),
    (duplicate_eid, "data/articles/023.yaml", 7, "$.paragraphs[1].eid", "duplicate eId art_23__para_1"),
    (unknown_subject, A12, 8, "$.subjects[0]", "unknown subject id 'functionz'"),
    (unknown_actor, A12, 16, "$.norms[0].bearers[0]", "unknown actor id 'district_govt'"),
    (unknown_instrument, A12, 21, "$.cites[0]", "unknown instrument id 'magna_carta'"),
    (quote_not_in_source, A12, 18, "$.norms[0].quote", "is not a verbatim part of art_12__para_1"),
    (
        changed_character_in_legal_text,
        A12,
        6,
        "$.paragraphs[0].text",
        "at character 46 of this field: data has “…和渠道，强化1234【6】市民服务热线平台作用…”, source has “…和渠道，强化1234【5】市民服务热线平台作用…”",
    ),
    (empty_paragraph, A12, 6, "$.paragraphs[0].text", "must not be empty"),
    (not_utf8, A12, 6, "$", "not valid UTF-8"),
    (byte_order_mark, A12, 1, "$", "byte-order mark"),
    (extremely_long_file, A12, None, "$", "over the 262144-byte limit"),
    (related_article_missing, A12, 22, "$.related[0].article", "article 99 does not exist"),
    (chapter_ranges_disagree, "data/document.yaml", None, "$.chapters[1].first_article", "must be 4"),
    (cue_not_covered, A69, None, "$.paragraphs[0].text", "modal cue '须'"),
    (cue_not_in_quote, A69, None, "$.norms[1].cue", "cue '必须' does not occur in the quote"),
    (strict_quote_with_standard_strength, "data/articles/059.yaml", 54, "$.norms[3].strength", "must be strict: the quote says 一律"),
    (
        defeasible_quote_with_standard_strength,
        "data/articles/040.yaml",
        119,
        "$.norms[9].strength",
        "must be defeasible: the quote says 原则上",
    ),
    (item_label_out_of_sequence, "data/articles/036.yaml", None, "$.paragraphs[0].items[1].label", "expected （二）"),
    (norm_ids_out_of_order, A69, None, "$.norms[1].id", "must be art_69__norm_2"),
    (source_not_in_article, A12, 19, "$.norms[0].source", "is not a paragraph or item of this article"),
    (empty_file, A12, 1, "$", "file is empty"),
    (duplicate_vocab_id, "data/vocab/subjects.yaml", None, "$[1].id", "duplicate id 'general'"),
    (exclusion_context_missing, "data/cue_exclusions/test.yaml", 1, "$[0].context", "does not occur in art_12__para_1"),
    (note_target_unknown, "data/articles/018.yaml", None, "$.notes[0].target", "is not an eId of this article"),
    (synonym_term_not_in_text, "data/vocab/synonyms.yaml", 1, "$[0].terms[1]", "does not occur in the text"),
    (source_text_missing, "data/source/gangcheng-government-work-rules-2022.txt", None, "$", "cannot read the official source text"),
    (html_is_data_not_markup, A12, 6, "$.paragraphs[0].text", "text differs from the official source"),
    (prohibition_with_negated_action, A49, None, "$.norms[5].action", "a prohibition's action states the forbidden act positively"),
    (
        prohibition_with_not_allowed_inside_action,
        "data/articles/058.yaml",
        None,
        "$.norms[0].action",
        "states the forbidden act positively",
    ),
    (fangke_clause_tagged_as_obligation, A44, None, "$.norms[3].modality", "must be permission: 方可"),
    (approver_is_also_a_bearer, A47, None, "$.norms[0].roles.approver", "'gov_leaders' is a bearer"),
    (cue_on_a_norm_not_explicit, A12, None, "$.norms[0]", "a cue is the text's modal word: only an explicit norm has one"),
    (explicit_norm_without_cue, A69, None, "$.norms[1]", "'cue' is required: an explicit norm names the text's modal word"),
    (modality_on_a_competence, "data/articles/040.yaml", None, "$.norms[2]", "modality and strength are for duties only"),
    (duty_without_modality, A12, None, "$.norms[0]", "'modality' is required: a duty has a modality and a strength"),
    (constitutive_without_its_type, A69, None, "$.norms[0]", "'constitutive' is required"),
    (several_bearers_without_mode, A49, None, "$.norms[0]", "'bearer_mode' is required: several bearers need a bearer_mode"),
    (one_bearer_with_mode, A12, None, "$.norms[0]", "bearer_mode is for several bearers only"),
    (overrides_an_unknown_norm, A49, None, "$.norms[4].overrides[0]", "art_49__norm_40 is not a norm of this article"),
    (overrides_itself, A49, None, "$.norms[4].overrides[0]", "a norm cannot override itself"),
    (enforces_an_unknown_norm, A67, None, "$.norms[4].enforces[0]", "art_99__norm_1 is not a norm of any article"),
    (enforces_on_a_duty, A12, None, "$.norms[0]", "enforces is for sanctions only"),
    (unknown_actor_in_a_role, A47, None, "$.norms[0].roles.approver[0]", "unknown actor id 'mayr'"),
    (unknown_role, A47, None, "$.norms[0].roles.boss", "unknown field"),
    (cue_none_of_schema_1_0, A69, None, "$.norms[1].cue", "'none' is not one of"),
    (obligations_key_of_schema_1_0, A12, None, "$.obligations", "unknown field"),
]

# Each of these breaks one file in one way, and validate reports exactly one problem: no cascade into
# "article 12 is missing" or "article 12 does not exist" elsewhere. (breakage, file, line, pointer, message)
ONE_PROBLEM = [
    (alias_bomb_7_levels, A12, 6, "$", "aliases expand to more than 200000 values"),
    (nesting_600_deep, A12, 20, "$", "nested more than 50 levels deep"),
    (file_holds_only_null, A12, 1, "$", "file holds only null"),
    (list_at_top_level, A12, 1, "$", "must be of type object, not list"),
    (integer_key, A12, 4, "$.1", "keys must be strings; this key is int '1'"),
    (null_key, A12, 4, "$.null", "keys must be strings; this key is null 'null'"),
    (list_as_key, A12, 4, "$", "keys must be strings; this key is a list"),
    (not_a_number_where_integer_expected, A12, 3, "$.chapter", ".nan is not a finite number"),
    (infinity, A12, 3, "$.chapter", "-.inf is not a finite number"),
    (infinite_threshold, A69, 129, "$.norms[6].threshold.value", ".inf is not a finite number"),
    (float_article_number, A69, 1, "$.number", "write whole numbers without a decimal point: 69, not 69.0"),
    (five_thousand_digit_number, A12, 3, "$.chapter", "integer of 5000 characters is out of range"),
    (number_beyond_json_range, A12, 22, "$.related[0].article", "integer 12345678901234567890 is out of range"),
    (lone_surrogate_in_editorial_note, A12, 24, "$.related[0].note", "contains U+D800 <surrogate> (first at character 7)"),
    (vertical_tab_in_legal_text, A12, 6, "$.paragraphs[0].text", "contains U+000B LINE TABULATION (first at character 5)"),
    (information_separator_in_legal_text, A12, 6, "$.paragraphs[0].text", "contains U+001C INFORMATION SEPARATOR FOUR"),
    (next_line_c1_in_action, A12, 17, "$.norms[0].action", "contains U+0085 NEXT LINE"),
    (form_feed_in_file, A12, 20, "$", "U+000C FORM FEED is not allowed in a data file"),
    (binary_tag, A12, 24, "$.related[0].note", "YAML tag !!binary is not allowed"),
    (impossible_date, "data/document.yaml", 6, "$.date", "'2022-02-30' is not a valid timestamp"),
    (null_paragraph, A12, 5, "$.paragraphs[0]", "must be of type object, not NoneType"),
    (list_where_text_is_expected, A12, 6, "$.paragraphs[0].text", "must be of type string, not list"),
    (not_utf8, A12, 6, "$", "not valid UTF-8"),
    (number_is_a_string, A12, 1, "$.number", "must be of type integer, not str"),
    (actor_defined_in_missing_article, "data/vocab/actors.yaml", 8, "$[0].defined_in", "article 99 does not exist"),
    (changelog_names_missing_article, "data/document.yaml", 22, "$.changelog[0].articles[0]", "article 99 does not exist"),
    (no_article_files, "data/articles", None, "$", "no article files: expected 001.yaml to 072.yaml"),
    (articles_directory_missing, "data/articles", None, "$", "no article files: expected 001.yaml to 072.yaml"),
    (last_article_missing, "data/articles/072.yaml", None, "$", "article 72 is missing: the chapters in data/document.yaml cover 1..72"),
    (article_beyond_the_chapters, "data/articles/073.yaml", 3, "$.chapter", "no chapter in data/document.yaml covers article 73"),
    (
        no_break_space_in_legal_text,
        A12,
        6,
        "$.paragraphs[0].text",
        "at character 49 of this field: data has “…，强化12345市民【⟨U+00A0 NO-BREAK SPACE⟩】服务热线平台作用，实…”, "
        "source has “…，强化12345市民【】服务热线平台作用，实…”",
    ),
    (ideographic_space_in_legal_text, A12, 6, "$.paragraphs[0].text", "【⟨U+3000 IDEOGRAPHIC SPACE⟩】"),
    (em_space_in_legal_text, A12, 6, "$.paragraphs[0].text", "【⟨U+2003 EM SPACE⟩】"),
    (ascii_space_in_legal_text, A12, 6, "$.paragraphs[0].text", "【⟨U+0020 SPACE⟩】"),
]


def test_the_real_data_is_valid():
    assert validate(read_raw()) == []


@pytest.mark.parametrize(("breakage", "path", "line", "pointer", "message"), CASES, ids=[c[0].__name__ for c in CASES])
def test_each_kind_of_bad_input_is_reported_with_file_line_and_field(tmp_path, breakage, path, line, pointer, message):
    d = DataCopy(tmp_path, remembered=True)
    breakage(d)
    problems = validate(read_raw(tmp_path))
    matching = [p for p in problems if p.path == path and p.pointer == pointer and message in p.message]
    assert matching, "\n".join(map(str, problems)) or "no problems reported"
    if line is not None:
        assert matching[0].line == line, str(matching[0])


@pytest.mark.parametrize(("breakage", "path", "line", "pointer", "message"), ONE_PROBLEM, ids=[c[0].__name__ for c in ONE_PROBLEM])
def test_one_broken_file_is_one_problem(tmp_path, breakage, path, line, pointer, message):
    d = DataCopy(tmp_path, remembered=True)
    breakage(d)
    problems = validate(read_raw(tmp_path))
    assert len(problems) == 1, "\n".join(map(str, problems)) or "no problems reported"
    (p,) = problems
    assert (p.path, p.line, p.pointer) == (path, line, pointer), str(p)
    assert message in p.message, str(p)
    assert "\n" not in str(p)


def test_a_wrong_typed_number_does_not_make_the_article_vanish(tmp_path):
    # 040 is related to from eight articles; its number is taken from its file name instead
    d = DataCopy(tmp_path, remembered=True)
    d.replace("data/articles/040.yaml", "number: 40", "number: [40]")
    (p,) = validate(read_raw(tmp_path))
    assert str(p).startswith("data/articles/040.yaml:1: $.number: must be of type integer, not list")


def test_syntax_errors_say_file_line_column_on_one_line(tmp_path):
    d = DataCopy(tmp_path, remembered=True)
    yaml_syntax_error(d)
    (p,) = validate(read_raw(tmp_path))
    assert str(p) == (
        "data/articles/012.yaml:9:6: $: YAML syntax error: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence on line 8, column 3)"
    )


def test_an_alias_bomb_is_refused_at_once(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb(9), encoding="utf-8")  # 9 levels: 387 million values if expanded
    started = time.perf_counter()
    doc = read_yaml(path)
    assert time.perf_counter() - started < 1
    assert doc.data is None and "aliases expand to more than" in doc.problems[0].message


def test_a_few_reused_lists_are_read_as_copies(tmp_path):
    # PyYAML's dumper writes a repeated list as &id001 / *id001: a few values, allowed (only bombs are refused)
    path = tmp_path / "reuse.yaml"
    path.write_text("a: &id001\n- x\n- y\nb: *id001\n", encoding="utf-8")
    doc = read_yaml(path)
    assert doc.problems == []
    assert doc.data["a"] == doc.data["b"] == ["x", "y"]
    assert doc.data["a"] is not doc.data["b"]  # built as copies: changing one never changes another


def test_a_file_read_again_unchanged_is_the_same_data_in_a_copy_of_its_own(tmp_path):
    # read_yaml remembers a file's parse by its bytes: what one caller changes, the next does not see
    path = tmp_path / "012.yaml"
    path.write_text("a:\n- x\n", encoding="utf-8")
    first = read_yaml(path, "data/articles/012.yaml")
    first.data["a"].append("changed by a caller")
    first.problems.append("noted by a caller")
    again = read_yaml(path, "data/articles/012.yaml")
    assert (again.data, again.lines, again.problems) == ({"a": ["x"]}, {"$": 1, "$.a": 1, "$.a[0]": 2}, [])
    # another name is another file: its problems name it
    path.write_text("a: [\n", encoding="utf-8")
    assert read_yaml(path, "data/articles/012.yaml").problems[0].path == "data/articles/012.yaml"
    assert read_yaml(path, "data/articles/013.yaml").problems[0].path == "data/articles/013.yaml"
    # changed bytes are read anew
    path.write_text("a:\n- y\n", encoding="utf-8")
    assert read_yaml(path, "data/articles/012.yaml").data == {"a": ["y"]}


@pytest.mark.parametrize("breakage", [nesting_600_deep, alias_bomb_7_levels])
def test_build_and_diff_refuse_hostile_yaml_with_problems(tmp_path, breakage):
    d = DataCopy(tmp_path, remembered=True)
    breakage(d)
    with pytest.raises(DataError) as e:
        load_corpus(tmp_path)
    assert [p.path for p in e.value.problems] == [A12]
    with pytest.raises(DataError):
        load_version(tmp_path)


def test_invisible_characters_are_named_by_code_point():
    assert [codepoints.name(c) for c in "\x0b\x9f\u00a0\ud800"] == [
        "U+000B LINE TABULATION",
        "U+009F APPLICATION PROGRAM COMMAND",
        "U+00A0 NO-BREAK SPACE",
        "U+D800 <surrogate>",
    ]
    assert all(unicodedata.lookup(n) == c for c, n in codepoints.CONTROL_NAMES.items())


def test_every_problem_is_reported_at_once(tmp_path):
    """Five breakages in four files, each reported: a file that cannot be read hides no other file's problem
    (the unreadable file is another than the ones broken in other ways, so nothing can be masked)."""
    d = DataCopy(tmp_path, remembered=True)
    for breakage in (unknown_subject, quote_not_in_source, chapter_ranges_disagree):
        breakage(d)
    d.replace("data/articles/040.yaml", "number: 40", "number: '40'")
    d.path(A69).write_bytes(d.read(A69).encode("gb18030"))
    problems = validate(read_raw(tmp_path))
    expected = [
        (A12, "$.subjects[0]", "unknown subject id 'functionz'"),
        (A12, "$.norms[0].quote", "is not a verbatim part of art_12__para_1"),
        ("data/document.yaml", "$.chapters[1].first_article", "must be 4"),
        ("data/articles/040.yaml", "$.number", ""),
        (A69, "$", "not valid UTF-8"),
    ]
    missing = [e for e in expected if not any((p.path, p.pointer) == e[:2] and e[2] in p.message for p in problems)]
    assert missing == [], "\n".join(map(str, problems))


def test_problem_prints_compiler_style(tmp_path):
    d = DataCopy(tmp_path, remembered=True)
    empty_paragraph(d)
    (p,) = [p for p in validate(read_raw(tmp_path)) if p.pointer == "$.paragraphs[0].text" and "empty" in p.message]
    assert str(p) == "data/articles/012.yaml:6: $.paragraphs[0].text: must not be empty"


def test_an_uncovered_cue_names_its_context(tmp_path):
    d = DataCopy(tmp_path, remembered=True)
    cue_not_covered(d)
    (p,) = [p for p in validate(read_raw(tmp_path)) if "modal cue" in p.message]
    assert "须报区长审批" in p.message
