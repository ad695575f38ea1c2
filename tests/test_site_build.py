"""The built site (`mkdocs build --strict`, as `make site` runs it): complete, self-contained, every link
resolving, and a build that refuses bad data with the validator's messages instead of a traceback."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from conftest import copy_project, fragment_texts, mkdocs_build
from gangcheng_rules import render
from linkcheck import check_site, scan

PAGES = [
    "index.html",
    *(f"chapters/chp_{n}/index.html" for n in range(1, 13)),
    "subjects/index.html",
    "actors/index.html",
    "citations/index.html",
    "meetings/index.html",
    "dataset/index.html",
]


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_every_page_is_generated_from_the_data(site_dir):
    missing = [p for p in PAGES if not (site_dir / p).is_file()]
    assert not missing


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
    for rel in PAGES:
        page = read(site_dir, rel)
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


def test_a_data_problem_stops_the_build_with_the_validators_message_and_no_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    article = project / "data" / "articles" / "040.yaml"
    lines = article.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, s in enumerate(lines, 1) if s.strip() == "modality: obligation")
    lines[line - 1] = lines[line - 1].replace("obligation", "duty")
    article.write_text("".join(lines), encoding="utf-8")

    result = mkdocs_build(project, tmp_path / "out")

    assert result.returncode != 0
    assert re.search(rf"data/articles/040\.yaml:{line}: \$\.norms\[0\]\.modality: ", result.stderr), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "out" / "index.html").exists()


def test_html_in_a_yaml_string_is_shown_as_text_in_the_built_site(tmp_path):
    project = copy_project(tmp_path / "project")
    actors = project / "data" / "vocab" / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    planted = "区政府实行区长负责制<script>window.gcInjected=1</script><b>粗体</b>"
    text = text.replace("description: 区政府实行区长负责制，区长领导区政府工作。", f"description: '{planted}'")
    actors.write_text(text, encoding="utf-8")

    result = mkdocs_build(project, tmp_path / "out")

    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "actors" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.gcInjected=1&lt;/script&gt;&lt;b&gt;粗体&lt;/b&gt;" in page
    assert "<script>window.gcInjected" not in page and "<b>粗体" not in page
