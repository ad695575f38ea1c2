"""The whole document as files (PDF, Word, text), as the built site publishes them under data/.

The text of every file is the official text: compared with data/source/ with whitespace, the cover and
the running heads and feet aside. The PDF's outline, fonts and metadata and the Word file's headings,
fonts and page numbers are what a reader's viewer shows.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
import zipfile

import pytest

from conftest import ROOT
from gangcheng_rules import documents, downloads
from gangcheng_rules.eids import to_chinese

SOURCE = sorted((ROOT / "data" / "source").glob("*.txt"))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def source_text() -> str:
    (path,) = SOURCE
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def data_dir(site_dir):
    return site_dir / "data"


@pytest.fixture(scope="module")
def pdf_path(data_dir):
    return data_dir / documents.PDF


def test_the_text_file_is_the_official_text_byte_for_byte(data_dir):
    (path,) = SOURCE
    assert (data_dir / documents.TXT).read_bytes() == path.read_bytes()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (make test installs it)")
def test_the_pdf_text_read_in_order_is_the_official_text(pdf_path, source_text, corpus):
    short = corpus.document.short_title
    pages = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf_path), "-"], capture_output=True, text=True, check=True)
    pages = pages.stdout.split("\f")
    body = []
    for k, page in enumerate(pages[1:], start=2):  # page 1 is the cover
        lines = [squash(ln) for ln in page.splitlines() if ln.strip()]
        if not lines:
            continue
        # The margin boxes come after the page's text in the content stream.
        assert lines[-2:] == [short, f"—{k}—"], f"page {k}: running head and page number"
        body.extend(lines[:-2])
    assert squash("\n".join(body)) == squash(source_text)


def test_the_pdf_has_a_bookmark_for_the_notice_every_chapter_and_every_article(pdf_path, corpus):
    from pypdf import PdfReader

    outline = PdfReader(pdf_path).outline
    top = [o for o in outline if not isinstance(o, list)]
    assert [o.title for o in top] == [corpus.document.notice.title] + [f"{c.heading}\u3000{c.title}" for c in corpus.document.chapters]
    children = [o for o in outline if isinstance(o, list)]
    articles = [o.title for group in children for o in group]
    assert articles == [f"第{to_chinese(a.number)}条" for a in corpus.articles]


def test_the_pdf_embeds_subsets_of_free_cjk_fonts_and_names_the_document(pdf_path, corpus):
    from pypdf import PdfReader

    reader = PdfReader(pdf_path)
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for desc in font.get("/DescendantFonts", []):
                fd = desc.get_object()["/FontDescriptor"]
                assert any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")), f"{font['/BaseFont']} is not embedded"
            fonts.add(str(font["/BaseFont"]))
    assert fonts and all(re.match(r"^/[A-Z]{6}\+Noto-(Serif|Sans)-CJK", f) for f in fonts), fonts
    meta = reader.metadata
    d = corpus.document
    assert (meta.title, meta.author, meta.subject) == (d.title, d.issuer, d.notice.title)
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"
    assert "/StructTreeRoot" in reader.trailer["/Root"], "a tagged PDF (reading order for screen readers)"
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.5)  # A4
    assert pdf_path.stat().st_size <= 1.5 * 1024 * 1024


def docx_paragraphs(path):
    import docx

    return docx.Document(str(path)).paragraphs


def test_the_word_file_has_chapters_and_articles_as_headings_and_the_official_text(data_dir, corpus, source_text):
    paras = docx_paragraphs(data_dir / documents.DOCX)
    h1 = [p.text for p in paras if p.style.name == "Heading 1"]
    h2 = [p.text for p in paras if p.style.name == "Heading 2"]
    assert h1 == [f"{c.heading}\u3000{c.title}" for c in corpus.document.chapters]
    assert h2 == [f"第{to_chinese(a.number)}条" for a in corpus.articles]
    start = next(k for k, p in enumerate(paras) if p.text == corpus.document.notice.title)
    assert squash("".join(p.text for p in paras[start:])) == squash(source_text)
    # Item labels are text, not Word numbering, so a copy keeps them.
    assert any(p.text.startswith("（一）") for p in paras)
    assert not any(p._p.pPr is not None and p._p.pPr.numPr is not None for p in paras)


def test_the_word_file_sets_east_asian_fonts_page_numbers_and_fixed_dates(data_dir, corpus):
    raw = (data_dir / documents.DOCX).read_bytes()
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        styles = z.read("word/styles.xml").decode()
        footers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/footer")]
        core = z.read("docProps/core.xml").decode()
        stamps = {i.date_time for i in z.infolist()}
    assert 'w:eastAsia="Noto Serif CJK SC"' in styles and 'w:eastAsia="Noto Sans CJK SC"' in styles
    assert any("PAGE" in f and "fldChar" in f for f in footers)
    epoch = documents.epoch_datetime(documents.source_epoch(corpus))
    assert f"{epoch:%Y-%m-%dT%H:%M:%S}Z" in core
    assert stamps == {epoch.timetuple()[:6]}


def test_the_document_files_are_listed_with_their_size_and_hash(data_dir):
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    listed = {r["path"]: r for r in package["resources"]}
    for path in documents.DOCUMENT_FILES:
        data = (data_dir / path).read_bytes()
        assert listed[path]["bytes"] == len(data)
        assert listed[path]["hash"] == f"sha256:{hashlib.sha256(data).hexdigest()}"


def test_the_home_page_lists_every_document_file_with_its_sha256(site_dir, data_dir):
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    for path in documents.DOCUMENT_FILES:
        assert f'href="data/{path}"' in home
        assert hashlib.sha256((data_dir / path).read_bytes()).hexdigest() in home
    assert downloads.MARKER not in home


# Typesetting twice gives the same bytes: test_reproducible.py typesets the documents again in a copy of the
# project with no cache (another path, time zone, locale and hash seed) and compares every file of the two sites.


def test_a_changed_source_date_epoch_is_a_different_cache_entry(corpus):
    assert downloads.cache_key(corpus, 0) != downloads.cache_key(corpus, 1)


def test_every_article_has_a_short_address_that_names_its_chapter_page(site_dir, corpus):
    for a in corpus.articles:
        html = (site_dir / "a" / str(a.number) / "index.html").read_text(encoding="utf-8")
        target = f"../../chapters/chp_{a.chapter}/#{a.eid}"
        assert f'<link rel="canonical" href="{target}">' in html
        assert f'<meta http-equiv="refresh" content="0; url={target}">' in html


def test_each_page_describes_itself_for_link_previews(site_dir):
    def meta(page: str) -> tuple[str, str]:
        html = (site_dir / page).read_text(encoding="utf-8")
        desc = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
        og = re.search(r'<meta property="og:description" content="([^"]*)"', html).group(1)
        return desc, og

    chapter, og = meta("chapters/chp_9/index.html")
    assert chapter == og and chapter.startswith("第九章 完善会议制度：区政府实行全体会议")
    descriptions = {meta(p)[0] for p in ("index.html", "chapters/chp_1/index.html", "fulltext/index.html", "meetings/index.html")}
    assert len(descriptions) == 4, "every page has its own description"
    # no site_url is configured: no absolute address is invented
    assert 'property="og:url"' not in (site_dir / "index.html").read_text(encoding="utf-8")


def test_the_full_text_page_holds_every_article_with_the_chapter_pages_ids(site_dir, corpus):
    html = (site_dir / "fulltext" / "index.html").read_text(encoding="utf-8")
    for a in corpus.articles:
        for eid in a.fragments():
            assert html.count(f'id="{eid}"') == 1, eid
    assert html.count("data-gc-canonical=") == len(corpus.document.chapters)
    assert 'data-gc-canonical="../chapters/chp_9/"' in html
