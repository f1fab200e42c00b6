"""Tracked changes (Word revisions) in a python-docx paragraph, written and read back.

python-docx has no API for revisions, so this small helper writes the XML once:

- ``add_inserted_run``: ``<w:ins w:id w:author w:date><w:r><w:t>…</w:t></w:r></w:ins>``
- ``add_deleted_run``: ``<w:del …><w:r><w:delText>…</w:delText></w:r></w:del>``
- ``add_revision_run``: either of those, or the two halves of a move: ``w:moveFrom`` (the
  text at its old place, with w:delText) and ``w:moveTo`` (at its new place);
- ``mark_paragraph``: the paragraph mark itself inserted, deleted or moved
  (``w:pPr/w:rPr/w:ins``), so that accepting or rejecting also joins or splits paragraphs;
- ``move_range``: the ``w:moveFromRangeStart``/``End`` (or ``moveTo…``) pair around a move,
  which names it so Word pairs the two halves;
- ``turn_on_tracking``: ``w:trackRevisions`` in settings.xml, so edits the reader makes are
  tracked too.

Word and WPS show each as a revision the reader can accept or reject one by one; LibreOffice
reads moves as a deletion and an insertion. ``revised_paragraphs`` reads a body back with every
revision accepted or rejected (for tests and for checking a file we wrote): a moveFrom counts
as a deletion, a moveTo as an insertion, as in Word.

Every revision is signed by an author the caller passes (the drafter's name from the settings,
or ``default_author()``), never by the program.
"""

from __future__ import annotations

import getpass
import itertools
from collections.abc import Iterable
from datetime import UTC, datetime

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from drafting.model.matter import table_row_line

#: The kinds of revision a run or a paragraph mark can carry.
INS, DEL, MOVE_FROM, MOVE_TO = "ins", "del", "moveFrom", "moveTo"
_REMOVED_ON_ACCEPT = frozenset({DEL, MOVE_FROM})
_REMOVED_ON_REJECT = frozenset({INS, MOVE_TO})
_KINDS = _REMOVED_ON_ACCEPT | _REMOVED_ON_REJECT

# Revision ids must be unique in a document; one counter for the process guarantees that.
_ids = itertools.count(1)

#: The settings.xml children that come after w:trackRevisions (schema order), w: ones only.
_AFTER_TRACK_REVISIONS = (
    "w:doNotTrackMoves", "w:doNotTrackFormatting", "w:documentProtection",
    "w:autoFormatOverride", "w:styleLockTheme", "w:styleLockQFSet", "w:defaultTabStop",
    "w:autoHyphenation", "w:consecutiveHyphenLimit", "w:hyphenationZone",
    "w:doNotHyphenateCaps", "w:showEnvelope", "w:summaryLength", "w:clickAndTypeStyle",
    "w:defaultTableStyle", "w:evenAndOddHeaders", "w:bookFoldRevPrinting",
    "w:bookFoldPrinting", "w:bookFoldPrintingSheets", "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing", "w:displayHorizontalDrawingGridEvery",
    "w:displayVerticalDrawingGridEvery", "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin", "w:drawingGridVerticalOrigin", "w:doNotShadeFormData",
    "w:noPunctuationKerning", "w:characterSpacingControl", "w:printTwoOnOne",
    "w:strictFirstAndLastChars", "w:noLineBreaksAfter", "w:noLineBreaksBefore",
    "w:savePreviewPicture", "w:doNotValidateAgainstSchema", "w:saveInvalidXml",
    "w:ignoreMixedContent", "w:alwaysShowPlaceholderText", "w:doNotDemarcateInvalidXml",
    "w:saveXmlDataOnly", "w:useXSLTWhenSaving", "w:saveThroughXslt", "w:showXMLTags",
    "w:alwaysMergeEmptyNamespace", "w:updateFields", "w:hdrShapeDefaults", "w:footnotePr",
    "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "w:attachedSchema",
    "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
    "w:smartTagType", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol",
    "w:listSeparator",
)  # fmt: skip


def revision_date(moment: datetime | None = None) -> str:
    """A w:date value: ISO 8601 in UTC without fractions (2026-11-27T08:00:00Z)."""
    moment = moment or datetime.now(UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def default_author() -> str:
    """The name revisions are signed with when the user has set none: the login name, or
    用户 when the system has none (a container without a passwd entry)."""
    try:
        name = getpass.getuser().strip()
    except (KeyError, OSError):
        name = ""
    return name or "用户"


def _revision(kind: str, author: str, date: str | None) -> BaseOxmlElement:
    element = OxmlElement(f"w:{kind}")
    element.set(qn("w:id"), str(next(_ids)))
    element.set(qn("w:author"), author)
    element.set(qn("w:date"), date or revision_date())
    return element


def wrap_run(
    r: BaseOxmlElement, kind: str, *, author: str, date: str | None = None
) -> BaseOxmlElement:
    """Wrap the w:r ``r`` in a revision of ``kind`` (INS, DEL, MOVE_FROM or MOVE_TO) and return
    the revision element (to append where the run belongs). Removed text (DEL, MOVE_FROM) is
    moved from w:t to w:delText, as Word requires."""
    if kind not in _KINDS:
        raise ValueError(kind)
    if kind in _REMOVED_ON_ACCEPT:
        for t in r.findall(qn("w:t")):
            deleted = OxmlElement("w:delText")
            deleted.set(qn("xml:space"), "preserve")
            deleted.text = t.text
            t.addprevious(deleted)
            r.remove(t)
    revision = _revision(kind, author, date)
    revision.append(r)
    return revision


def add_revision_run(
    paragraph: Paragraph, text: str, kind: str, *, author: str, date: str | None = None
) -> Run:
    """Append ``text`` to ``paragraph`` as a revision of ``kind`` (INS, DEL, MOVE_FROM or
    MOVE_TO); returns the run for styling."""
    if kind not in _KINDS:
        raise ValueError(kind)
    run = paragraph.add_run(text)
    paragraph._p.append(wrap_run(run._r, kind, author=author, date=date))
    return run


def add_inserted_run(
    paragraph: Paragraph, text: str, *, author: str, date: str | None = None
) -> Run:
    """Append ``text`` to ``paragraph`` as an inserted revision; returns the run for styling."""
    return add_revision_run(paragraph, text, INS, author=author, date=date)


def add_deleted_run(
    paragraph: Paragraph, text: str, *, author: str, date: str | None = None
) -> Run:
    """Append ``text`` to ``paragraph`` as a deleted revision (w:delText, not w:t)."""
    return add_revision_run(paragraph, text, DEL, author=author, date=date)


def mark_paragraph(
    paragraph: Paragraph, kind: str, *, author: str, date: str | None = None
) -> None:
    """Mark the paragraph's own mark (its end) as inserted (``kind="ins"``), deleted
    (``"del"``) or moved (``"moveFrom"``/``"moveTo"``): accepting a deleted mark, or rejecting
    an inserted one, joins the paragraph with the next."""
    if kind not in _KINDS:
        raise ValueError(kind)
    ppr = paragraph._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        # w:rPr comes after every other pPr child except w:sectPr and w:pPrChange.
        tail = ppr.find(qn("w:sectPr"))
        if tail is None:
            tail = ppr.find(qn("w:pPrChange"))
        if tail is not None:
            tail.addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, _revision(kind, author, date))


def move_range(
    first: Paragraph, last: Paragraph, kind: str, name: str, *, author: str, date: str | None = None
) -> None:
    """Put the range markers of one half of a move (``kind`` MOVE_FROM or MOVE_TO) around the
    runs of ``first`` … ``last``: ``w:moveFromRangeStart`` before the first run, the matching
    ``…RangeEnd`` after the last one. ``name`` (move1, move2 …) pairs the two halves."""
    if kind not in (MOVE_FROM, MOVE_TO):
        raise ValueError(kind)
    start = OxmlElement(f"w:{kind}RangeStart")
    range_id = str(next(_ids))
    start.set(qn("w:id"), range_id)
    start.set(qn("w:author"), author)
    start.set(qn("w:date"), date or revision_date())
    start.set(qn("w:name"), name)
    end = OxmlElement(f"w:{kind}RangeEnd")
    end.set(qn("w:id"), range_id)
    p = first._p
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    last._p.append(end)


def turn_on_tracking(document: Document) -> None:
    """Set ``w:trackRevisions`` in the document's settings: what the reader edits next is
    tracked too."""
    settings = document.settings.element
    if settings.find(qn("w:trackRevisions")) is None:
        settings.insert_element_before(OxmlElement("w:trackRevisions"), *_AFTER_TRACK_REVISIONS)


def _paragraph_mark(p: BaseOxmlElement) -> str:
    """The revision kind of a w:p's mark ("ins", "del", "moveFrom", "moveTo") or ""."""
    rpr = p.find(qn("w:pPr") + "/" + qn("w:rPr"))
    if rpr is None:
        return ""
    for kind in (INS, DEL, MOVE_FROM, MOVE_TO):
        if rpr.find(qn(f"w:{kind}")) is not None:
            return kind
    return ""


_REVISION_TAGS = {qn(f"w:{kind}"): kind for kind in _KINDS}


def _paragraph_text(p: BaseOxmlElement, accept: bool) -> str:
    removed = _REMOVED_ON_ACCEPT if accept else _REMOVED_ON_REJECT
    parts: list[str] = []
    for node in p.iter(qn("w:t"), qn("w:delText")):
        inside = {_REVISION_TAGS[a.tag] for a in node.iterancestors(*_REVISION_TAGS)}
        if inside & removed:
            continue
        parts.append(node.text or "")
    return "".join(parts)


def revised_paragraphs(paragraphs: Iterable[BaseOxmlElement], *, accept: bool) -> list[str]:
    """The texts of these w:p elements with every revision accepted (or rejected):
    inserted runs kept (or dropped), deleted runs dropped (or kept), and paragraphs joined
    where their mark is removed (deleted on accept, inserted on reject). A last paragraph whose
    mark is removed and that holds nothing is dropped (there is nothing left to join it to)."""
    removed = _REMOVED_ON_ACCEPT if accept else _REMOVED_ON_REJECT
    out: list[str] = []
    joining = False
    for p in paragraphs:
        text = _paragraph_text(p, accept)
        if joining and out:
            out[-1] += text
        else:
            out.append(text)
        joining = _paragraph_mark(p) in removed
    if joining and out and not out[-1]:
        out.pop()
    return out


def mark_row(tr: BaseOxmlElement, kind: str, *, author: str, date: str | None = None) -> None:
    """Mark a table row ``tr`` (w:tr) as inserted (``kind="ins"``) or deleted (``"del"``):
    ``w:trPr/w:ins`` or ``w:trPr/w:del``, so accepting or rejecting adds or removes the row
    whole (its cells' words are tracked as runs besides)."""
    if kind not in (INS, DEL):
        raise ValueError(kind)
    trpr = tr.find(qn("w:trPr"))
    if trpr is None:
        trpr = OxmlElement("w:trPr")
        tblpr_ex = tr.find(qn("w:tblPrEx"))
        if tblpr_ex is not None:
            tblpr_ex.addnext(trpr)
        else:
            tr.insert(0, trpr)
    # w:ins / w:del come after the row's other properties (schema order).
    trpr.append(_revision(kind, author, date))


def _row_mark(tr: BaseOxmlElement) -> str:
    """The revision of a w:tr ("ins", "del") or ""."""
    trpr = tr.find(qn("w:trPr"))
    if trpr is None:
        return ""
    for kind in (INS, DEL):
        if trpr.find(qn(f"w:{kind}")) is not None:
            return kind
    return ""


def _continues_merge(tc: BaseOxmlElement) -> bool:
    """A w:tc that only continues a vertical merge from the row above (no words of its own)."""
    vmerge = tc.find(qn("w:tcPr") + "/" + qn("w:vMerge"))
    return vmerge is not None and vmerge.get(qn("w:val")) in (None, "continue")


def revised_body(body: BaseOxmlElement, *, accept: bool) -> list[str]:
    """The text of a document body (w:body) with every revision accepted (or rejected), a
    line per paragraph as ``revised_paragraphs`` has it and a line per table row as the
    text shows it (| a | b |, ``matter.table_row_line``; a cell continuing a vertical merge
    left out, as the model keeps a merged cell once): a row inserted (w:trPr/w:ins) is
    dropped on reject, a deleted one on accept; a cell's words are revised like a
    paragraph's. A lone empty last paragraph after a table is no line (Word keeps one
    there)."""
    removed = _REMOVED_ON_ACCEPT if accept else _REMOVED_ON_REJECT
    out: list[str] = []
    pending: list[BaseOxmlElement] = []
    for child in body:
        if child.tag == qn("w:p"):
            pending.append(child)
            continue
        if child.tag != qn("w:tbl"):
            continue
        out.extend(revised_paragraphs(pending, accept=accept))
        pending = []
        for tr in child.findall(qn("w:tr")):
            if _row_mark(tr) in removed:
                continue
            cells = [
                "\n".join(_paragraph_text(p, accept) for p in tc.findall(qn("w:p")))
                for tc in tr.findall(qn("w:tc"))
                if not _continues_merge(tc)
            ]
            out.append(table_row_line(cells))
    tail = revised_paragraphs(pending, accept=accept)
    if tail == [""] and out:
        # The empty paragraph Word keeps after a table that ends the text: no line of it.
        tail = []
    out.extend(tail)
    return out
