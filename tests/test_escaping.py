"""Everything from the data is escaped wherever it lands: HTML pages, config strings, search, XML, CSV, JSON.

One hostile copy of the project is built once: markup is appended to EVERY free-text string of EVERY data
file (the fields that must be ids, enums, dates or verbatim text are listed below, with why), and planted
into the legal text of the source and the data alike, so that fidelity still passes and the legal text
itself carries markup. Then every output file is read back: the markup must arrive as text, never as an
element, attribute, link or template, and a browser reading the site sees no dialog.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from lxml import etree

from conftest import Build, background_build, copy_project, serve, started

# HTML, an event handler, an entity, both quotes, Jinja and Markdown syntax, a javascript: link, and a
# closing </title> that would end the <title> element if a page title were written raw.
MARKUP = (
    "<script>alert(1)</script><img src=x onerror=alert(2)><svg/onload=alert(3)>&amp;\"'{{ x }}{% x %}[a](javascript:alert(4))*x*</title>"
)
# The same without spaces, for the legal text (whose spacing the fidelity check may judge).
LEGAL = "".join(MARKUP.split())

# Strings that are not free text, by (file, field): the schema or the corpus rules fix their form.
# (Dates are YAML dates, not strings.)
CONSTRAINED = {
    ("document", "$.dataset_version"): "semantic version",
    ("document", "$.status"): "enum",
    ("document", "$.language"): "BCP 47 tag",
    ("document", "$.source_file"): "path of the source text",
    ("document", "$.chapters[].eid"): "eId",
    ("document", "$.changelog[].version"): "semantic version",
    ("vocab", "$[].id"): "id",
    ("vocab", "$[].kind"): "enum",
    ("article", "$.eid"): "eId",
    ("article", "$.paragraphs[].eid"): "eId",
    ("article", "$.paragraphs[].items[].eid"): "eId",
    ("article", "$.paragraphs[].items[].label"): "（一）… in sequence",
    ("article", "$.subjects[]"): "id",
    ("article", "$.cites[]"): "id",
    ("article", "$.norms[].id"): "id",
    ("article", "$.norms[].modality"): "enum",
    ("article", "$.norms[].strength"): "enum",
    ("article", "$.norms[].bearers[]"): "id",
    ("article", "$.norms[].kind"): "enum",
    ("article", "$.norms[].construction"): "enum",
    ("article", "$.norms[].bearer_mode"): "enum",
    ("article", "$.norms[].constitutive"): "enum",
    ("article", "$.norms[].overrides[]"): "id",
    ("article", "$.norms[].enforces[]"): "id",
    ("article", "$.norms[].roles.approver[]"): "id",
    ("article", "$.norms[].roles.signer[]"): "id",
    ("article", "$.norms[].roles.reviewer[]"): "id",
    ("article", "$.norms[].roles.recipient[]"): "id",
    ("article", "$.norms[].roles.consulted[]"): "id",
    ("article", "$.norms[].roles.delegate[]"): "id",
    ("article", "$.norms[].roles.delegator[]"): "id",
    ("article", "$.norms[].roles.supervisor[]"): "id",
    ("article", "$.norms[].roles.intermediary[]"): "id",
    ("article", "$.norms[].roles.attendee[]"): "id",
    ("article", "$.norms[].cue"): "enum",
    ("article", "$.norms[].source"): "eId",
    ("article", "$.norms[].deadline.offset"): "ISO duration",
    ("article", "$.norms[].frequency.interval"): "ISO duration",
    ("article", "$.norms[].threshold.comparator"): "enum",
    ("article", "$.norms[].threshold.quantity"): "enum",
    ("article", "$.norms[].threshold.unit"): "enum",
    ("article", "$.related[].relation"): "enum",
    ("article", "$.notes[].kind"): "enum",
    ("article", "$.notes[].target"): "eId",
    ("article", "$.questions[].unit"): "eId",
    ("vocab", "$[].phrase"): "word characters (queries are cut into it)",
}
# Verbatim legal text (fidelity): it gets markup only where the source text gets the same markup (PLANTS).
VERBATIM = {
    ("document", "$.title"),
    ("document", "$.notice.title"),
    ("document", "$.notice.addressees"),
    ("document", "$.notice.body"),
    ("document", "$.notice.signature"),
    ("document", "$.notice.date_text"),
    ("document", "$.chapters[].title"),
    ("article", "$.paragraphs[].text"),
    ("article", "$.paragraphs[].items[].text"),
    ("article", "$.norms[].quote"),
    ("article", "$.norms[].deadline.text"),
    ("article", "$.norms[].frequency.text"),
    ("article", "$.norms[].threshold.text"),
    ("vocab", "$[].terms[]"),  # synonyms' terms must occur in the text
    ("vocab", "$[].wording[]"),  # so must the wordings of the everyday phrases
}


def kind(rel: str) -> str:
    return "document" if rel == "data/document.yaml" else "article" if rel.startswith("data/articles/") else "vocab"


def strings(value, pattern: str = "$"):
    """(field pattern, container, key) of every string in a YAML value; list indexes shown as []."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for k, v in items:
        p = f"{pattern}.{k}" if isinstance(value, dict) else f"{pattern}[]"
        if isinstance(v, str):
            yield p, value, k
        else:
            yield from strings(v, p)


def insert_after(text: str, anchor: str, what: str, start: int = 0) -> str:
    at = text.index(anchor, start) + len(anchor)
    return text[:at] + what + text[at:]


def plant_in_data(holder, path: tuple, anchor: str) -> None:
    """Insert LEGAL after anchor in the string at path inside holder."""
    for k in path[:-1]:
        holder = holder[k]
    assert anchor in holder[path[-1]], f"fixture out of date: {anchor!r} not in {path}"
    holder[path[-1]] = insert_after(holder[path[-1]], anchor, LEGAL)


def plant_legal_markup(docs: dict[str, object], source: str) -> str:
    """Put LEGAL into the source text and into the same places of the data; returns the new source."""
    d, art = docs["data/document.yaml"], docs["data/articles/040.yaml"]
    for key, anchor in (("title", "关于印发"), ("addressees", "区属各企事业单位"), ("body", "现印发给你们")):
        assert source.count(anchor) == 1, f"fixture out of date: {anchor!r} is not unique in the source"
        source = insert_after(source, anchor, LEGAL)
        plant_in_data(d, ("notice", key), anchor)
    # the title as a heading, after the notice: its last occurrence before the first chapter
    at = source.rindex(d["title"], 0, source.index("第一章")) + len(d["title"])
    source = source[:at] + LEGAL + source[at:]
    d["title"] += LEGAL
    # the first chapter heading is printed spaced out (总  则)
    title = d["chapters"][0]["title"]
    spaced = re.search(r"第一章\s+" + r"\s*".join(title), source)
    source = source[: spaced.end()] + LEGAL + source[spaced.end() :]
    d["chapters"][0]["title"] = title + LEGAL
    # article 40: a paragraph, an item, and the quotes and threshold that repeat their words
    start = source.index("第四十条")  # the source's article 40 begins here
    for anchor, paths in (
        ("由区长召集和主持", [("paragraphs", 0, "text"), ("norms", 0, "quote")]),
        ("超过应到人数", [("paragraphs", 0, "text"), ("norms", 1, "quote"), ("norms", 1, "threshold", "text")]),
        ("听取区政府重要工作情况汇报", [("paragraphs", 0, "items", 1, "text"), ("norms", 3, "quote")]),
    ):
        source = insert_after(source, anchor, LEGAL, start)
        for path in paths:
            plant_in_data(art, path, anchor)
    # a synonym term made of the markup: it occurs in the text now, so search honours it
    docs["data/vocab/synonyms.yaml"][0]["terms"].append(LEGAL)
    # and a phrase's wording: the articles holding it carry the phrase
    docs["data/vocab/phrases.yaml"][0]["wording"].append(LEGAL)
    return source


def hostile_project(dest: Path) -> tuple[Path, set[tuple[str, str]]]:
    """A copy of the project with markup in every string field; returns it and the fields that got it."""
    root = copy_project(dest)
    paths = sorted((root / "data").rglob("*.yaml"))
    docs = {p.relative_to(root).as_posix(): yaml.safe_load(p.read_text(encoding="utf-8")) for p in paths}
    source_path = root / docs["data/document.yaml"]["source_file"]
    source = plant_legal_markup(docs, source_path.read_text(encoding="utf-8"))
    free: set[tuple[str, str]] = set()
    for rel, data in docs.items():
        for pattern, holder, key in list(strings(data)):
            field = (kind(rel), pattern)
            if field in CONSTRAINED or field in VERBATIM:
                continue
            holder[key] += MARKUP
            free.add(field)
    # an actor wording made of the markup: the text is cross-linked where the markup occurs
    next(a for a in docs["data/vocab/actors.yaml"] if a["id"] == "mayor")["aliases"].append(LEGAL)
    for rel, data in docs.items():
        (root / rel).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    source_path.write_text(source, encoding="utf-8")
    return root, free


# ---------------------------------------------------------------- the one hostile build


@background_build("hostile")
def _hostile_build(tmp_path_factory) -> Build:
    # with the documents: the legal text carrying markup is typeset into the PDF too, and that must build
    base = tmp_path_factory.mktemp("hostile")
    root, free = hostile_project(base / "project")
    build = Build(root, base / "site")
    build.free = free
    return build


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile project and its site, built once for every check below (started before the first test)."""
    build = started("hostile", tmp_path_factory)
    result = build.result()
    assert result.returncode == 0, f"the hostile data must still build:\n{result.stdout}\n{result.stderr}"
    return build.project, build.out, build.free


def test_every_string_field_is_either_given_markup_or_constrained(hostile):
    root, _, free = hostile
    seen = {
        (kind(p.relative_to(root).as_posix()), pattern)
        for p in (root / "data").rglob("*.yaml")
        for pattern, _, _ in strings(yaml.safe_load(p.read_text(encoding="utf-8")))
    }
    assert seen == free | set(CONSTRAINED) | VERBATIM, "classify a new field, or drop a stale one"
    assert {("document", "$.issuer"), ("article", "$.norms[].action"), ("vocab", "$[].note")} <= free


class _Page(HTMLParser):
    """What a browser would make of a page: its elements and attributes, and its text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.injected: list[str] = []
        self.text: list[str] = []
        self.script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.injected.append(f"<{tag} {name}={value!r}>")
        if tag in ("img", "svg"):  # the site's own icons are inline <svg>s: only ours carry src=x
            if ("src", "x") in attrs or any(n.startswith(("onload", "onerror")) for n, _ in attrs):
                self.injected.append(f"<{tag}>")
        self.script = tag == "script"

    def handle_endtag(self, tag):
        self.script = False

    def handle_data(self, data):
        if self.script and "alert(" in data:
            self.injected.append(f"<script>{data[:60]}")
        if not self.script:
            self.text.append(data)


def read_page(path: Path) -> _Page:
    p = _Page()
    p.feed(path.read_text(encoding="utf-8"))
    p.close()
    return p


def test_no_page_holds_an_element_attribute_or_link_made_from_the_data(hostile):
    _, site, _ = hostile
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 20
    for path in pages:
        page = read_page(path)
        rel = path.relative_to(site).as_posix()
        assert page.injected == [], rel
        text = "".join(page.text)
        # the footer (config.copyright, from document.yaml) is on every page: the markup is its text. The short
        # addresses a/N/ are redirect stubs with no footer: their title carries the document title's markup.
        shown = LEGAL if rel.startswith("a/") else MARKUP
        assert shown in text, f"{rel}: the markup is not shown as text"
        assert "<em>x</em>" not in path.read_text(encoding="utf-8"), rel


def test_every_actors_description_with_markup_reads_as_text_on_the_actors_page(hostile):
    root, site, _ = hostile
    actors = yaml.safe_load((root / "data" / "vocab" / "actors.yaml").read_text(encoding="utf-8"))
    text = "".join(read_page(site / "actors" / "index.html").text)
    described = [a for a in actors if a.get("description")]
    assert described and all(a["description"].endswith(MARKUP) for a in described)
    assert [a["id"] for a in described if a["description"] not in text] == []


def test_the_legal_text_and_titles_with_markup_read_as_text(hostile):
    _, site, _ = hostile
    chapter_9 = "".join(read_page(site / "chapters/chp_9/index.html").text)
    assert f"由区长召集和主持{LEGAL}" in chapter_9 and f"听取区政府重要工作情况汇报{LEGAL}；" in chapter_9
    chapter_1 = (site / "chapters/chp_1/index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", chapter_1, re.S).group(1)
    assert "<" not in title and f"第一章 总则{LEGAL}" in "".join(read_page(site / "chapters/chp_1/index.html").text)


def json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from json_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from json_strings(v)


def test_the_search_index_carries_the_markup_as_plain_text_and_results_escape_it(hostile):
    from gangcheng_rules.search import Engine
    from gangcheng_rules.searchsite import read_site_index

    _, site, _ = hostile
    index = read_site_index(site)
    texts = list(json_strings(index))
    # plain text in the index (never pre-escaped, or the results would show entities)
    assert any("<script>alert(1)</script>" in t for t in texts) and not any("&lt;script" in t for t in texts)
    # the snippet of article 40 holds the markup, escaped once (the worker and the CLI insert it as HTML)
    hits = Engine(index).search("第四十条", limit=5)
    assert hits[0].article == 40 and "由区长召集和主持&lt;script&gt;alert(1)&lt;/script&gt;" in hits[0].text
    for h in hits:
        assert "<script" not in h.text and "<img" not in h.text and "<svg" not in h.text, h.text
        assert "<script" not in h.title and "<" not in h.title.replace("<mark>", "").replace("</mark>", "")


def test_the_exports_round_trip_the_markup_as_text(hostile):
    _, site, _ = hostile
    data = site / "data"
    rules = json.loads((data / "rules.json").read_text(encoding="utf-8"))
    assert rules["document"]["issuer"].endswith(MARKUP) and rules["document"]["title"].endswith(LEGAL)
    for path in [*data.rglob("*.json")]:
        json.loads(path.read_text(encoding="utf-8"))
    for line in (data / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        json.loads(line)
    rows = list(csv.reader(io.StringIO((data / "norms.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert any(cell.endswith(MARKUP) for row in rows for cell in row)
    (xml,) = data.glob("*.akn.xml")
    tree = etree.parse(str(xml))
    assert not [e.tag for e in tree.iter() if isinstance(e.tag, str) and etree.QName(e).localname in ("script", "img", "svg")]
    text = "".join(tree.getroot().itertext())
    assert f"由区长召集和主持{LEGAL}" in text and f"第一章{LEGAL}" not in text


@pytest.mark.browser
@pytest.mark.slow  # 8–14 s: left to the end of the run, it kept one worker busy alone
def test_a_reader_of_the_hostile_site_sees_no_dialog_and_the_markup_as_text(hostile, browser, tmp_path):
    from playwright.sync_api import expect

    from test_browser_search import type_query

    _, site, _ = hostile
    with serve(site, tmp_path) as base:
        context = browser.new_context(locale="zh-CN")
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in ("", "chapters/chp_1/", "chapters/chp_9/", "actors/", "no/such/page/"):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            expect(page.locator("footer").first).to_contain_text(MARKUP)
        page.goto(base + "chapters/chp_9/")
        expect(page.locator("#art_40__para_1").first).to_contain_text(f"由区长召集和主持{LEGAL}")
        # search: the worker inserts the snippet as HTML; the markup in it must stay text
        type_query(page, "第四十条")
        result = page.locator(".md-search-result__list > li").first
        expect(result).to_contain_text("<script>alert(1)</script>")
        assert page.locator(".md-search-result script, .md-search-result img, .md-search-result svg").count() == 0
        page.wait_for_timeout(300)
        context.close()
    assert dialogs == []
