"""Tracked changes (Word revisions) in a python-docx paragraph: w:ins and w:del runs.

python-docx has no API for revisions, so this small helper writes the XML once:

- ``add_inserted_run``: ``<w:ins w:id w:author w:date><w:r><w:t>…</w:t></w:r></w:ins>``
- ``add_deleted_run``: ``<w:del …><w:r><w:delText>…</w:delText></w:r></w:del>``
- ``mark_paragraph``: the paragraph mark itself inserted or deleted (``w:pPr/w:rPr/w:ins``),
  so that accepting or rejecting also joins or splits paragraphs.

Word and WPS show each as a revision the reader can accept or reject one by one.
``revised_paragraphs`` reads a body back with every revision accepted or rejected (for tests
and for checking a file we wrote).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import UTC, datetime

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph
from docx.text.run import Run

AUTHOR = "立法工作台"

# Revision ids must be unique in a document; one counter for the process guarantees that.
_ids = itertools.count(1)


def revision_date(moment: datetime | None = None) -> str:
    """A w:date value: ISO 8601 in UTC without fractions (2026-11-27T08:00:00Z)."""
    moment = moment or datetime.now(UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _revision(tag: str, author: str, date: str | None) -> BaseOxmlElement:
    element = OxmlElement(tag)
    element.set(qn("w:id"), str(next(_ids)))
    element.set(qn("w:author"), author)
    element.set(qn("w:date"), date or revision_date())
    return element


def add_inserted_run(
    paragraph: Paragraph, text: str, *, author: str = AUTHOR, date: str | None = None
) -> Run:
    """Append ``text`` to ``paragraph`` as an inserted revision; returns the run for styling."""
    run = paragraph.add_run(text)
    ins = _revision("w:ins", author, date)
    paragraph._p.append(ins)
    ins.append(run._r)  # moves the run into the revision
    return run


def add_deleted_run(
    paragraph: Paragraph, text: str, *, author: str = AUTHOR, date: str | None = None
) -> Run:
    """Append ``text`` to ``paragraph`` as a deleted revision (w:delText, not w:t)."""
    run = paragraph.add_run(text)
    r = run._r
    for t in r.findall(qn("w:t")):
        deleted = OxmlElement("w:delText")
        deleted.set(qn("xml:space"), "preserve")
        deleted.text = t.text
        t.addprevious(deleted)
        r.remove(t)
    revision = _revision("w:del", author, date)
    paragraph._p.append(revision)
    revision.append(r)
    return run


def mark_paragraph(
    paragraph: Paragraph, kind: str, *, author: str = AUTHOR, date: str | None = None
) -> None:
    """Mark the paragraph's own mark (its end) as inserted (``kind="ins"``) or deleted
    (``"del"``): accepting a deleted mark, or rejecting an inserted one, joins the paragraph
    with the next."""
    if kind not in ("ins", "del"):
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
    rpr.insert(0, _revision(f"w:{kind}", author, date))


def _paragraph_mark(p: BaseOxmlElement) -> str:
    """ "ins", "del" or "" for a w:p's mark."""
    rpr = p.find(qn("w:pPr") + "/" + qn("w:rPr"))
    if rpr is None:
        return ""
    if rpr.find(qn("w:ins")) is not None:
        return "ins"
    if rpr.find(qn("w:del")) is not None:
        return "del"
    return ""


def _paragraph_text(p: BaseOxmlElement, accept: bool) -> str:
    parts: list[str] = []
    for node in p.iter(qn("w:t"), qn("w:delText")):
        inside = {a.tag for a in node.iterancestors(qn("w:ins"), qn("w:del"))}
        if accept and qn("w:del") in inside:
            continue
        if not accept and qn("w:ins") in inside:
            continue
        parts.append(node.text or "")
    return "".join(parts)


def revised_paragraphs(paragraphs: Iterable[BaseOxmlElement], *, accept: bool) -> list[str]:
    """The texts of these w:p elements with every revision accepted (or rejected):
    inserted runs kept (or dropped), deleted runs dropped (or kept), and paragraphs joined
    where their mark is deleted (accept) or inserted (reject)."""
    out: list[str] = []
    joining = False
    for p in paragraphs:
        text = _paragraph_text(p, accept)
        if joining and out:
            out[-1] += text
        else:
            out.append(text)
        mark = _paragraph_mark(p)
        joining = (mark == "del") if accept else (mark == "ins")
    return out
