"""The built site (`mkdocs build --strict`, as `make site` runs it): complete, self-contained, every link
resolving, and a build that refuses bad data with the validator's messages instead of a traceback."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import NO_DOCUMENTS, Build, background_build, copy_project, fragment_texts, nav_pages, started
from gangcheng_rules import render
from linkcheck import check_site, scan

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import pagespeed  # noqa: E402  (scripts/ is not a package)

# The pages the data must give (the nav is read from the built site; these must be in it).
EXPECTED = [
    "",
    *(f"chapters/chp_{n}/" for n in range(1, 13)),
    "fulltext/",
    "subjects/",
    "actors/",
    "citations/",
    "meetings/",
    "figures/",
    "dataset/",
    "using-data/",
    "changes/",
]


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_every_page_is_generated_from_the_data_and_in_the_nav(site_dir):
    nav = nav_pages(site_dir)
    assert [p for p in EXPECTED if p not in nav] == []
    assert [p for p in nav if not (site_dir / p / "index.html").is_file()] == []


def test_no_generated_page_is_kept_in_docs():
    docs = Path(__file__).resolve().parents[1] / "docs"
    assert not list(docs.rglob("*.md")), "pages are generated at build time; docs/ holds static assets only"


def test_every_internal_link_and_anchor_resolves(site_dir):
    problems = check_site(site_dir)
    assert not problems, "\n".join(map(str, problems[:20]))


def test_every_article_paragraph_and_item_id_is_in_the_site_once(corpus, site_dir):
    ids: list[str] = []
    for n in range(1, 13):
        ids += re.findall(r'\sid="(art_[^"]+)"', read(site_dir, f"chapters/chp_{n}/index.html"))
    expected = {a.eid for a in corpus.articles} | {e for a in corpus.articles for e in a.fragments()}
    assert expected <= set(ids)
    assert len(ids) == len(set(ids))


def test_the_site_shows_the_source_text_verbatim(corpus, site_dir):
    shown: dict[str, str] = {}
    for n in range(1, 13):
        shown.update(fragment_texts(read(site_dir, f"chapters/chp_{n}/index.html")))
    assert shown == {eid: text for a in corpus.articles for eid, text in a.fragments().items()}


def test_every_page_has_a_skip_link_and_declares_chinese(site_dir):
    for rel in nav_pages(site_dir):
        page = read(site_dir, rel + "index.html")
        assert '<html lang="zh"' in page, rel
        skip = re.search(r'<a href="([^"]+)" class="md-skip">', page)
        assert skip and skip.group(1).startswith("#"), rel
        assert f'id="{skip.group(1)[1:]}"' in page, rel


def test_chapter_pages_link_to_previous_and_next_chapter(site_dir):
    page = read(site_dir, "chapters/chp_9/index.html")
    footer = page[page.index('<footer class="md-footer">') :]
    assert 'href="../chp_8/"' in footer and 'href="../chp_10/"' in footer


def test_nothing_in_the_pages_or_our_assets_points_at_another_host(site_dir):
    namespace = "http://www.w3.org/2000/svg"  # inline SVG's XML namespace: an identifier, never fetched
    own = [*site_dir.rglob("*.html"), *(site_dir / "assets" / "gc").iterdir()]
    for path in own:
        text = path.read_text(encoding="utf-8").replace(namespace, "")
        hits = re.findall(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text)
        assert not hits, f"{path.relative_to(site_dir)}: {hits[:3]}"
    assert "fonts.googleapis" not in read(site_dir, "index.html")


def test_the_export_is_written_into_the_site(site_dir):
    data = site_dir / "data"
    for rel in (
        "rules.json",
        "norms.csv",
        "articles.jsonl",
        "datapackage.json",
        "articles/40.json",
        "schema/article.schema.json",
        "schema/rules.schema.json",
    ):
        assert (data / rel).is_file(), rel
    assert json.loads((data / "rules.json").read_text(encoding="utf-8"))["articles"][39]["eid"] == "art_40"


def test_data_page_lists_the_files_with_their_sizes(site_dir):
    page = read(site_dir, "dataset/index.html")
    size = (site_dir / "data" / "rules.json").stat().st_size
    assert 'href="../data/rules.json"' in page
    assert render.human_size(size) in page


def test_a_page_loads_the_sites_own_styles_and_scripts_as_one_sheet_and_one_deferred_script(site_dir):
    page = read(site_dir, "chapters/chp_9/index.html")
    assert '<link rel="stylesheet" href="../../assets/gc/bundle.css">' in page
    assert '<script src="../../assets/gc/bundle.js" defer></script>' in page
    assert "stylesheets/palette." not in page  # no palette configured: material's palette.css is not loaded
    assert not re.search(r'assets/gc/(?!bundle\.)[^"]*\.(css|js)"', page)
    assert sorted(p.name for p in (site_dir / "assets" / "gc").iterdir()) == ["bundle.css", "bundle.js"]


def test_no_script_holds_up_the_first_paint(site_dir):
    # The theme's script is deferred too (it would be fetched at high priority beside the style sheets),
    # and runs before ours as before; the only inline scripts are small and in <head> or JSON data.
    page = read(site_dir, "chapters/chp_9/index.html")
    tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", page)
    assert tags and all(re.search(r"\bdefer\b", t) for t in tags), tags
    assert "assets/javascripts/bundle." in tags[0] and "assets/gc/bundle.js" in tags[-1]


# What a new connection delivers in its first round trip (pagespeed.FIRST_ROUND_TRIP, as Lighthouse's
# simulation counts it), less the headers of a static server's reply (189 B from the bench's server): a page
# larger than this paints one round trip later. Chapter 9, the longest chapter, had 64 B to spare on 2026-12-02.
FIRST_ROUND_TRIP_BODY = pagespeed.FIRST_ROUND_TRIP - 200


def test_the_home_page_and_every_chapter_arrive_in_the_first_round_trip(corpus, site_dir):
    pages = [site_dir / "index.html", *sorted((site_dir / "chapters").glob("chp_*/index.html"))]
    assert len(pages) == 1 + len(corpus.document.chapters)
    sent = {p.relative_to(site_dir).as_posix(): len(pagespeed.gzipped(p.read_bytes())) for p in pages}
    assert {k: v for k, v in sent.items() if v > FIRST_ROUND_TRIP_BODY} == {}, f"over {FIRST_ROUND_TRIP_BODY:,} B"


# ---------------------------------------------------------------- the link checker


def test_link_checker_catches_a_broken_anchor_a_missing_page_and_a_foreign_host(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2>', encoding="utf-8")
    (tmp_path / "style.css").write_text("", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<link href="style.css"><a href="a/#here">ok</a><a href="#top" id="top">ok</a>'
        '<a href="a/#gone">anchor</a><a href="b/">page</a><script src="https://cdn.example/x.js"></script>'
        '<a href="/a/">root</a><a href="../up/">up</a><a href="mailto:x@example.org">mail</a>',
        encoding="utf-8",
    )
    got = {p.link: p.message for p in check_site(tmp_path)}
    expected = {
        "a/#gone": "no element with id 'gone'",
        "b/": "no such file",
        "https://cdn.example/x.js": "points at another host",
        "/a/": "root-absolute path",
        "../up/": "leads outside the site",
    }
    assert got.keys() == expected.keys()
    assert all(got[link].startswith(start) for link, start in expected.items()), got


def test_link_checker_catches_a_broken_anchor_in_the_built_site(site_dir, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    page = copy / "chapters" / "chp_9" / "index.html"
    page.write_text(read(copy, "chapters/chp_9/index.html").replace('id="art_40__para_2"', 'id="art_40__para_two"'), encoding="utf-8")
    problems = check_site(copy)
    assert problems, "a link to #art_40__para_2 now dangles"
    assert all("art_40__para_2" in p.link for p in problems)
    assert any(p.page == "chapters/chp_9/index.html" for p in problems)


def test_link_checker_reports_duplicate_ids():
    assert scan('<p id="x"></p><p id="x"></p>').duplicate_ids == ("x",)


# ---------------------------------------------------------------- bad input


def _with_a_bad_modality(project: Path) -> int:
    """Article 40's first norm given the modality 'duty' (no such value); the line it is on."""
    article = project / "data" / "articles" / "040.yaml"
    lines = article.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, s in enumerate(lines, 1) if s.strip() == "modality: obligation")
    lines[line - 1] = lines[line - 1].replace("obligation", "duty")
    article.write_text("".join(lines), encoding="utf-8")
    return line


@background_build("build_of_bad_data")
def _build_of_bad_data(tmp_path_factory) -> Build:
    # no documents: the build must stop at the data, before anything is typeset
    base = tmp_path_factory.mktemp("bad-data")
    project = copy_project(base / "project")
    build = Build(project, base / "out", NO_DOCUMENTS)
    build.line = _with_a_bad_modality(project)
    return build


@pytest.fixture(scope="module")
def build_of_bad_data(tmp_path_factory) -> Build:
    return started("build_of_bad_data", tmp_path_factory)


def test_a_data_problem_stops_the_build_with_the_validators_message_and_no_traceback(build_of_bad_data):
    result = build_of_bad_data.result()
    assert result.returncode != 0
    assert re.search(rf"data/articles/040\.yaml:{build_of_bad_data.line}: \$\.norms\[0\]\.modality: ", result.stderr), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (build_of_bad_data.out / "index.html").exists()
