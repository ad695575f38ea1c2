"""The catalogue of published files: every file the export and the site offer for download, once.

It owns each file's path, its Data Package resource name, format and media type, and the two
descriptions: Chinese on the site (首页, 开放数据, the document downloads) and English in
datapackage.json. export.datapackage, render's file lists and the document downloads read this table.
"""

from __future__ import annotations

from dataclasses import dataclass

BASENAME = "gangcheng-government-work-rules"
AKN = f"{BASENAME}.akn.xml"
TXT = f"{BASENAME}.txt"
PDF = f"{BASENAME}.pdf"
DOCX = f"{BASENAME}.docx"


@dataclass(frozen=True)
class Published:
    path: str  # relative to the export directory (site/data/)
    name: str  # the Data Package resource name ("" if datapackage.json does not list it as a resource)
    format: str
    mediatype: str
    zh: str  # shown on the site
    en: str = ""  # datapackage.json's description of the resource


# The main files, in the order the home page and 开放数据 list them.
MAIN = (
    Published(
        "rules.json",
        "rules",
        "json",
        "application/json",
        "全部数据（JSON）：文件信息、章节、条文、规范标注和词表",
        "The whole dataset; schema: schema/rules.schema.json",
    ),
    Published(
        "norms.csv",
        "norms",
        "csv",
        "text/csv",
        "规范清单（CSV，可用 Excel 打开）：每行一项规范（义务、禁止、许可、职权、制度规定、责任），附条款位置、网址和中文读法",
        "Every tagged norm, one per row.",
    ),
    Published(
        "articles.jsonl",
        "articles",
        "jsonl",
        "application/jsonl",
        "条文（JSON Lines）：每行一条",
        "One article per line (schema/article.schema.json)",
    ),
    Published("datapackage.json", "", "json", "application/json", "数据包描述（Frictionless Data Package）：文件、大小和校验值"),
    Published(
        AKN,
        "akoma-ntoso",
        "xml",
        "application/akn+xml",
        "Akoma Ntoso 3.0 XML：全文，含章、条、款、项结构和交叉引用",
        "Akoma Ntoso 3.0 XML of the whole document, valid against the OASIS schema",
    ),
    Published("v1/index.json", "", "json", "application/json", "静态 JSON API 的索引：每条、每章、每个主体、主题和引用文件各一个文件"),
    Published("v1/openapi.json", "", "json", "application/json", "静态 JSON API 的 OpenAPI 3.1 描述"),
)

# The whole document as PDF, Word and text (issue 12): typeset by documents.py during the site build.
DOCUMENTS = (
    Published(
        PDF,
        "pdf",
        "pdf",
        "application/pdf",
        "全文 PDF（A4，可打印、可复制文字，含章、条书签）",
        "The whole document (pdf): notice and all articles",
    ),
    Published(
        DOCX,
        "docx",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "全文 Word 文档（.docx，可编辑）",
        "The whole document (docx): notice and all articles",
    ),
    Published(
        TXT, "text", "txt", "text/plain", "全文纯文本（UTF-8），与官方原文逐字相同", "The whole document (txt): notice and all articles"
    ),
)
BY_PATH = {f.path: f for f in (*MAIN, *DOCUMENTS)}


def description(path: str) -> str | None:
    """The Chinese description of a published file (the schemas are described by name), None if unlisted."""
    if path in BY_PATH:
        return BY_PATH[path].zh
    if path.startswith("schema/"):
        return "JSON Schema：" + path.removeprefix("schema/").removesuffix(".schema.json") + " 的结构"
    return None
