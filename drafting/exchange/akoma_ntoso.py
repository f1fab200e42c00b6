"""Akoma Ntoso (OASIS LegalDocML 3.0) export and import, for moving drafts between systems.

Mapping: 编 part, 分编 subpart, 章 chapter, 节 section, 条 article, 款 paragraph (no <num>: a 款
is counted by position, not labelled), 项 point, 目 point inside a point. A 款 with items holds
them in a <list> whose <intro> is the lead-in. ``eId`` names the position (chp_1, chp_1__sec_2,
art_12, art_12__para_2, art_12__para_2__point_3) and the ``GUID`` attribute keeps the unit's
stable uid, so a round trip keeps uids. <num> holds the Chinese label (第十二条, （三）), the
printed one where the unit keeps a number lock. The preamble is <preamble> (its 序言 heading a
named <container>), appendices are <attachments> of <doc>s holding <p> and <table>.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from drafting.errors import ParseError
from drafting.model.matter import Appendix, Cell, Preamble, Table
from drafting.model.numbering import Number, compute_numbers, prune_locks
from drafting.model.stages import stage_words
from drafting.model.units import Draft, Numbering, Unit, UnitKind, new_uid

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_A = f"{{{AKN_NS}}}"

#: Our unit kinds as AKN elements, and the eId abbreviations of the AKN naming convention.
_ELEMENT = {
    UnitKind.PART: "part",
    UnitKind.SUBPART: "subpart",
    UnitKind.CHAPTER: "chapter",
    UnitKind.SECTION: "section",
    UnitKind.ARTICLE: "article",
    UnitKind.PARAGRAPH: "paragraph",
    UnitKind.ITEM: "point",
    UnitKind.SUBITEM: "point",
}
_ABBR = {
    UnitKind.PART: "part",
    UnitKind.SUBPART: "subpart",
    UnitKind.CHAPTER: "chp",
    UnitKind.SECTION: "sec",
    UnitKind.ARTICLE: "art",
    UnitKind.PARAGRAPH: "para",
    UnitKind.ITEM: "point",
    UnitKind.SUBITEM: "point",
}

#: AKN hierarchy elements read on import (ours and the common ones of other producers).
_IMPORT_KIND = {
    "book": UnitKind.PART,
    "part": UnitKind.PART,
    "title": UnitKind.PART,
    "subpart": UnitKind.SUBPART,
    "tome": UnitKind.SUBPART,
    "chapter": UnitKind.CHAPTER,
    "subchapter": UnitKind.SECTION,
    "section": UnitKind.SECTION,
    "subsection": UnitKind.SECTION,
    "article": UnitKind.ARTICLE,
    "paragraph": UnitKind.PARAGRAPH,
    "subparagraph": UnitKind.PARAGRAPH,
    "alinea": UnitKind.PARAGRAPH,
    "point": UnitKind.ITEM,
    "item": UnitKind.ITEM,
    "indent": UnitKind.ITEM,
}

_TITLE_NOTE = "titleNote"
_TITLE_NOTE_PRINTED = "titleNotePrinted"  # the 题注 as the source printed it
_PREAMBLE_HEADING = "preambleHeading"


# ---- export ---------------------------------------------------------------------------------------


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, _A + tag, attrs)
    if text is not None:
        element.text = text
    return element


def _p(parent: ET.Element, text: str) -> ET.Element:
    return _sub(parent, "p", text)


def _meta(act: ET.Element, slug: str, date: str) -> None:
    """Minimal FRBR identification (work, expression, manifestation) and its references."""
    meta = _sub(act, "meta")
    ident = _sub(meta, "identification", source="#lifa")
    work_uri = f"/akn/cn/act/{date[:4]}/{slug}"
    expr_uri = f"{work_uri}/zho@{date}"
    for level, this, uri in (
        ("FRBRWork", f"{work_uri}/!main", work_uri),
        ("FRBRExpression", f"{expr_uri}/!main", expr_uri),
        ("FRBRManifestation", f"{expr_uri}/!main.xml", f"{expr_uri}.akn"),
    ):
        frbr = _sub(ident, level)
        _sub(frbr, "FRBRthis", value=this)
        _sub(frbr, "FRBRuri", value=uri)
        _sub(frbr, "FRBRdate", date=date, name="generation")
        _sub(frbr, "FRBRauthor", href="#lifa")
        if level == "FRBRWork":
            _sub(frbr, "FRBRcountry", value="cn")
        elif level == "FRBRExpression":
            _sub(frbr, "FRBRlanguage", language="zho")
    refs = _sub(meta, "references", source="#lifa")
    _sub(
        refs, "TLCOrganization", eId="lifa", href="/ontology/organization/lifa", showAs="立法工作台"
    )


def _slug(draft: Draft) -> str:
    """A URI-safe work name: the title's code points would be unreadable, so use the uid of the
    first unit (stable across versions of the same draft)."""
    first = draft.units[0].uid if draft.units else "empty"
    return re.sub(r"[^0-9A-Za-z_-]", "", first) or "draft"


def to_akn(draft: Draft, *, stage_label: str = "", date: dt.date | None = None) -> bytes:
    """The draft as an Akoma Ntoso 3.0 XML document (UTF-8 bytes)."""
    ET.register_namespace("", AKN_NS)
    day = (date or dt.date.today()).isoformat()
    root = ET.Element(_A + "akomaNtoso")
    act = _sub(root, "act", name=draft.title)
    _meta(act, _slug(draft), day)

    preface = _sub(act, "preface")
    long_title = _sub(preface, "longTitle")
    _sub(_sub(long_title, "p"), "docTitle", draft.title)
    if stage_label.strip():
        _sub(_sub(preface, "p"), "docStage", stage_words(stage_label))
    if draft.title_note:
        container = _sub(preface, "container", name=_TITLE_NOTE)
        for line in draft.title_note.split("\n"):
            _p(container, line)
        printed = draft.printed_title_note()
        if printed is not None:  # how the source printed it (bare dates, one pair of （）)
            container = _sub(preface, "container", name=_TITLE_NOTE_PRINTED)
            for line in printed:
                _p(container, line)

    if draft.preamble is not None:
        preamble = _sub(act, "preamble")
        if draft.preamble.heading:
            _p(_sub(preamble, "container", name=_PREAMBLE_HEADING), draft.preamble.heading)
        for text in draft.preamble.paragraphs:
            _p(preamble, text)
    body = _sub(act, "body")
    numbers = compute_numbers(draft)
    _write_units(body, draft.units, numbers, prefix="", counters={})
    if draft.notes:
        # Notes after the articles (落款, 注：…): AKN's <conclusions>, one <p> a line.
        conclusions = _sub(act, "conclusions")
        for note in draft.notes:
            _p(conclusions, note)
    if draft.appendices:
        _write_attachments(_sub(act, "attachments"), draft.appendices)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _eid_number(number: Number, counters: dict[str, int], abbr: str) -> str:
    """The number part of an eId: 12 for 第十二条, 12_1 for 第十二条之一, u1 for an unnumbered unit."""
    if number.ordinal <= 0:
        counters[abbr] = counters.get(abbr, 0) + 1
        return f"u{counters[abbr]}"
    return f"{number.ordinal}_{number.insert}" if number.insert else str(number.ordinal)


def _write_units(
    parent: ET.Element,
    units: Iterable[Unit],
    numbers: dict[str, Number],
    prefix: str,
    counters: dict[str, int],
) -> None:
    for unit in units:
        number = numbers[unit.uid]
        abbr = _ABBR[unit.kind]
        if unit.kind is UnitKind.ARTICLE:
            # Articles are numbered through the whole text: their eId needs no context.
            eid = f"{abbr}_{_eid_number(number, counters, abbr)}"
        else:
            eid = f"{prefix}{abbr}_{_eid_number(number, counters, prefix + abbr)}"
        element = _sub(parent, _ELEMENT[unit.kind], eId=eid, GUID=unit.uid)
        if unit.kind.is_heading:
            if number.label:
                _sub(element, "num", number.label)
            _sub(element, "heading", unit.heading)
            # Chapters restart per 编 but run on through its 分编: key them by the 编 only.
            child_prefix = f"{eid}__" if unit.kind is not UnitKind.SUBPART else prefix
            _write_units(element, unit.children, numbers, child_prefix, counters)
        elif unit.kind is UnitKind.ARTICLE:
            if number.label:
                _sub(element, "num", number.label)
            _write_units(element, unit.children, numbers, f"{eid}__", counters)
        else:
            if unit.kind is not UnitKind.PARAGRAPH:
                _sub(element, "num", number.label)
            if unit.numbering is Numbering.UNLABELLED:
                # Counted, printed without a number (G12): the empty <num/> alone would read
                # as a line that takes no number (Numbering.NONE).
                element.set("class", Numbering.UNLABELLED.value)
            _write_body(element, unit, numbers, f"{eid}__", counters)


def _write_attachments(parent: ET.Element, appendices: list[Appendix]) -> None:
    """Each appendix as <attachment><doc name=label>: title in the preface, then <p> and
    <table> in <mainBody>, in order."""
    for appendix in appendices:
        doc = _sub(_sub(parent, "attachment"), "doc", name=appendix.label or "附件")
        if appendix.title:
            _sub(_sub(_sub(_sub(doc, "preface"), "longTitle"), "p"), "docTitle", appendix.title)
        main = _sub(doc, "mainBody")
        for block in appendix.blocks:
            if isinstance(block, str):
                _p(main, block)
            else:
                _write_table(main, block)


def _write_table(parent: ET.Element, table: Table) -> None:
    element = _sub(parent, "table")
    for row in table.rows:
        tr = _sub(element, "tr")
        for cell in row:
            attrs = {}
            if cell.col_span > 1:
                attrs["colspan"] = str(cell.col_span)
            if cell.row_span > 1:
                attrs["rowspan"] = str(cell.row_span)
            _p(_sub(tr, "td", **attrs), cell.text)


def _read_table(element: ET.Element) -> Table:
    rows: list[list[Cell]] = []
    for tr in element.iter(_A + "tr"):
        rows.append(
            [
                Cell(_text(td), int(td.get("colspan", "1")), int(td.get("rowspan", "1")))
                for td in tr
                if _local(td) in ("td", "th")
            ]
        )
    return Table(rows)


def _read_matter(act: ET.Element, draft: Draft) -> None:
    """The preamble, the conclusions (notes) and the attachments of an act, into the draft."""
    conclusions = _child(act, "conclusions")
    if conclusions is not None:
        draft.notes = [_text(p) for p in conclusions if _local(p) == "p"]
    preamble = _child(act, "preamble")
    if preamble is not None:
        draft.preamble = Preamble()
        for element in preamble:
            if _local(element) == "container" and element.get("name") == _PREAMBLE_HEADING:
                draft.preamble.heading = _text(element)
            elif _local(element) == "p":
                draft.preamble.paragraphs.append(_text(element))
    attachments = _child(act, "attachments")
    for doc in attachments.iter(_A + "doc") if attachments is not None else ():
        appendix = Appendix(label=doc.get("name", ""), title=_text(doc.find(f".//{_A}docTitle")))
        main = _child(doc, "mainBody")
        for element in main if main is not None else ():
            if _local(element) == "p":
                appendix.blocks.append(_text(element))
            elif _local(element) == "table":
                appendix.blocks.append(_read_table(element))
        draft.appendices.append(appendix)


def _write_body(
    element: ET.Element,
    unit: Unit,
    numbers: dict[str, Number],
    prefix: str,
    counters: dict[str, int],
) -> None:
    """A 款/项/目's words: <content> alone, or a <list> with the lead-in as <intro>."""
    if unit.table is not None:  # a 款 with a table: its words, then the table, in <content>
        content = _sub(element, "content")
        if unit.text:
            _p(content, unit.text)
        _write_table(content, unit.table)
        if not unit.children:
            return
    if not unit.children:
        _p(_sub(element, "content"), unit.text)
        return
    lst = _sub(element, "list")
    if unit.text:
        _p(_sub(lst, "intro"), unit.text)
    _write_units(lst, unit.children, numbers, prefix, counters)


# ---- import ---------------------------------------------------------------------------------------


def _local(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _text(element: ET.Element | None) -> str:
    """All text below ``element``, whitespace at the ends removed."""
    return "".join(element.itertext()).strip() if element is not None else ""


def _child(element: ET.Element, name: str) -> ET.Element | None:
    return element.find(_A + name)


def from_akn(data: bytes) -> Draft:
    """Read an Akoma Ntoso 3.0 act back into a Draft (uids from GUID where present).

    Raises ParseError (one Chinese line) for XML that is not well formed, carries a DTD or
    entities, nests deeper than limits.MAX_AKN_DEPTH, is not an act, or repeats a GUID.
    """
    _check_xml(data)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ParseError(f"不是有效的 XML 文件：{_first_line(exc)}") from exc
    if root.tag != _A + "akomaNtoso":
        raise ParseError("不是 Akoma Ntoso 3.0 文档（根元素应为 akomaNtoso）")
    act = next(iter(root), None)
    if act is None:
        raise ParseError("Akoma Ntoso 文档中没有法规正文")
    body = _child(act, "body")
    if body is None:
        raise ParseError("Akoma Ntoso 文档中没有 body 元素")

    title = ""
    note_lines: list[str] = []
    printed_lines: list[str] = []
    preface = _child(act, "preface")
    if preface is not None:
        doc_title = preface.find(f".//{_A}docTitle")
        title = _text(doc_title)
        for container in preface.iter(_A + "container"):
            if container.get("name") == _TITLE_NOTE:
                note_lines = [_text(p) for p in container.iter(_A + "p")]
            elif container.get("name") == _TITLE_NOTE_PRINTED:
                printed_lines = [_text(p) for p in container.iter(_A + "p")]
    title = title or act.get("name", "")
    draft = Draft(title=title, title_note="\n".join(note_lines))
    if printed_lines and note_lines:
        draft.title_note_printed = (draft.title_note, "\n".join(printed_lines))
    draft.units = _read_units(body, depth_item=0)
    _read_matter(act, draft)
    # <num> holds the label as shown: keep it only where position would give another.
    prune_locks(draft)
    _check_guids(draft)
    return draft


def _check_xml(data: bytes) -> None:
    """defusedxml's rules with lxml: no DTD, no entities, no network, bounded depth and size."""
    from lxml import etree

    from drafting.read.limits import MAX_AKN_DEPTH, InputRefused, check_xml_depth

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        dtd_validation=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        # libxml2 stops at 256 levels without huge_tree: say so in words.
        if "depth" in str(exc).lower():
            raise InputRefused(
                f"Akoma Ntoso 文档嵌套过深（超过 {MAX_AKN_DEPTH} 层），拒绝读取"
            ) from exc
        raise ParseError(f"不是有效的 XML 文件：{_first_line(exc)}") from exc
    if root is None:
        raise ParseError("不是有效的 XML 文件：没有根元素")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise InputRefused("Akoma Ntoso 文档含有 DTD 或实体声明，出于安全考虑拒绝读取")
    check_xml_depth(root, MAX_AKN_DEPTH, "Akoma Ntoso 文档")


def _first_line(exc: Exception) -> str:
    """The parser's complaint on one line (libxml2 appends a line break and a position)."""
    return " ".join(str(exc).split())[:200]


def _check_guids(draft: Draft) -> None:
    """Two units with one GUID would collide in the library: refuse with the GUID named."""
    seen: set[str] = set()
    for unit in draft.walk():
        if unit.uid in seen:
            raise ParseError(f"Akoma Ntoso 文档中有重复的 GUID：{unit.uid[:40]}，无法导入")
        seen.add(unit.uid)


def _numbering(element: ET.Element, kind: UnitKind) -> Numbering:
    num = _child(element, "num")
    if kind is UnitKind.PARAGRAPH:
        return Numbering.REGULAR
    if kind in (UnitKind.ITEM, UnitKind.SUBITEM):
        if element.get("class") == Numbering.UNLABELLED.value:
            return Numbering.UNLABELLED  # counted, printed without a number (G12)
        # An empty <num/>: a line of the list printed without a number (国歌法 第二条).
        return Numbering.NONE if num is not None and not _text(num) else Numbering.REGULAR
    if num is None or not _text(num):
        return Numbering.NONE
    return Numbering.INSERTED if "之" in _text(num) else Numbering.REGULAR


def _read_units(parent: ET.Element, depth_item: int) -> list[Unit]:
    units: list[Unit] = []
    for element in parent:
        name = _local(element)
        if name == "list":
            # A list without its own unit (ours sits inside a paragraph/point; see _read_body).
            units.extend(_read_units(element, depth_item))
            continue
        kind = _IMPORT_KIND.get(name)
        if kind is None:
            continue
        if kind is UnitKind.ITEM and depth_item >= 1:
            kind = UnitKind.SUBITEM
        unit = Unit(
            kind=kind,
            uid=element.get("GUID") or new_uid(),
            numbering=_numbering(element, kind),
        )
        num = _child(element, "num")
        if num is not None and unit.numbering is not Numbering.NONE:
            unit.label = _text(num)  # pruned to the locks in from_akn
        if kind.is_heading:
            unit.heading = _text(_child(element, "heading"))
            unit.children = _read_units(element, depth_item)
        elif kind is UnitKind.ARTICLE:
            unit.children = _read_article(element)
        else:
            _read_body(element, unit, depth_item + (kind is not UnitKind.PARAGRAPH))
        units.append(unit)
    return units


def _read_article(element: ET.Element) -> list[Unit]:
    """An article's 款; words written straight in the article become one 款."""
    paragraphs = _read_units(element, depth_item=0)
    content = _child(element, "content")
    if not paragraphs and content is not None:
        paragraphs = [Unit(UnitKind.PARAGRAPH, text=_text(p)) for p in content.iter(_A + "p")]
    # Points directly under an article (no paragraph) belong to one 款.
    if any(p.kind is not UnitKind.PARAGRAPH for p in paragraphs):
        intro = _child(element, "intro")
        holder = Unit(UnitKind.PARAGRAPH, text=_text(intro))
        holder.children = [p for p in paragraphs if p.kind is UnitKind.ITEM]
        paragraphs = [p for p in paragraphs if p.kind is UnitKind.PARAGRAPH] + [holder]
    return paragraphs


def _read_body(element: ET.Element, unit: Unit, depth_item: int) -> None:
    """A 款/项/目: its text from <content>, or lead-in from <intro> and children from <list>."""
    content = _child(element, "content")
    if content is not None:
        table = _child(content, "table")
        if table is not None:
            unit.table = _read_table(table)
        unit.text = "".join(_text(p) for p in content.findall(_A + "p"))
        if not any(_local(c) == "list" for c in element):
            return
    containers = [element, *[c for c in element if _local(c) == "list"]]
    for container in containers:
        intro = _child(container, "intro")
        if intro is not None and not unit.text:
            unit.text = _text(intro)
    wanted = UnitKind.ITEM if unit.kind is UnitKind.PARAGRAPH else UnitKind.SUBITEM
    unit.children = [c for c in _read_units(element, depth_item) if c.kind is wanted]
