"""The whole document as a Word file (.docx), written with python-docx.

Chapters are Heading 1 and articles Heading 2, so Word's and WPS's navigation pane lists them; each
article heading is its 第N条 and the text follows as body paragraphs, verbatim, with item labels kept as
text (no auto-numbering, which would change the text on copy). East-Asian fonts are set through
w:eastAsia on every style, because Word ignores the Latin font name for Chinese characters.
python-docx stamps the zip entries with the current time: the package is rewritten with fixed ones.
"""

from __future__ import annotations

import io
import zipfile

from .documents import COVER_NOTE, cover_lines, epoch_datetime, outline
from .model import Corpus

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"
# Fallbacks Word and WPS have on Chinese Windows, named in the theme-independent font slots.
SERIF_FALLBACK = "宋体"


def _fonts(style_or_run, east_asian: str, size_pt: float | None = None, bold: bool | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = style_or_run.font
    font.name = east_asian
    if size_pt:
        font.size = Pt(size_pt)
    if bold is not None:
        font.bold = bold
    rpr = style_or_run.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), east_asian)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme), None)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _page_number_footer(section) -> None:
    """— PAGE — centred in the footer, as a field so Word and WPS number the pages themselves."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = p.add_run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
    p.add_run(" —")


def build_docx(corpus: Corpus, epoch: int) -> bytes:
    import docx
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Mm, Pt

    d = corpus.document
    doc = docx.Document()
    styles = doc.styles
    normal = styles["Normal"]
    _fonts(normal, SERIF, 16)
    normal.paragraph_format.line_spacing = Pt(28.9)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.first_line_indent = Pt(32)
    for name, font, size in (("Title", SERIF, 22), ("Heading 1", SANS, 16), ("Heading 2", SANS, 16)):
        st = styles[name]
        _fonts(st, font, size, bold=name == "Title")
        st.font.color.rgb = None
        st.paragraph_format.first_line_indent = Pt(0)
        st.paragraph_format.line_spacing = Pt(28.9)
        st.paragraph_format.space_before = Pt(0)
        st.paragraph_format.space_after = Pt(0)
        st.paragraph_format.keep_with_next = True
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styles["Title"].paragraph_format.space_after = Pt(28.9)
    styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styles["Heading 1"].paragraph_format.space_before = Pt(14)
    styles["Heading 1"].paragraph_format.space_after = Pt(14)
    # Heading 2 is the article label: a run-in heading would need a custom field; a short line is clearer.
    styles["Heading 2"].paragraph_format.first_line_indent = Pt(32)

    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)

    # Cover (no page number: the first section has its own, empty footer)
    t = doc.add_paragraph(d.title, style="Title")
    t.paragraph_format.space_before = Pt(120)
    for label, value in cover_lines(corpus):
        p = doc.add_paragraph(f"{label}：{value}")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.first_line_indent = Pt(0)
    note = doc.add_paragraph()
    note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    note.paragraph_format.first_line_indent = Pt(0)
    note.paragraph_format.space_before = Pt(60)
    r = note.add_run(COVER_NOTE)
    r.font.size = Pt(10.5)

    body = doc.add_section(WD_SECTION.NEW_PAGE)
    body.footer.is_linked_to_previous = False
    _page_number_footer(body)
    header = body.header
    header.is_linked_to_previous = False
    hp = header.paragraphs[0]
    hp.text = d.short_title
    hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    hp.paragraph_format.first_line_indent = Pt(0)

    n = d.notice
    doc.add_paragraph(n.title, style="Title")
    to = doc.add_paragraph(n.addressees)
    to.paragraph_format.first_line_indent = Pt(0)
    doc.add_paragraph(n.body)
    for line in (n.signature, n.date_text):
        p = doc.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.add_run().add_break(WD_BREAK.PAGE)

    doc.add_paragraph(d.title, style="Title")
    for b in outline(corpus):
        if b.kind == "chapter":
            doc.add_heading(b.text, level=1)
        elif b.lead:
            doc.add_heading(b.lead, level=2)
            doc.add_paragraph(b.text)
        else:
            doc.add_paragraph(b.text)

    stamp = epoch_datetime(epoch).replace(tzinfo=None)
    cp = doc.core_properties
    cp.title, cp.author, cp.subject, cp.language = d.title, d.issuer, n.title, "zh-CN"
    cp.keywords, cp.last_modified_by, cp.revision = d.classification, d.issuer, 1
    cp.created = cp.modified = stamp
    cp.last_printed = stamp
    buf = io.BytesIO()
    doc.save(buf)
    return fixed_zip(buf.getvalue(), stamp.timetuple()[:6])


def fixed_zip(data: bytes, when: tuple[int, ...]) -> bytes:
    """The same zip with every entry stamped `when` and fixed attributes, entries in their original order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
