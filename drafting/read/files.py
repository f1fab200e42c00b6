"""One way to read a regulation file, for every command and window that takes one.

Plain text, Markdown and .docx go through the parser (``parse_file``); Akoma Ntoso XML
(.xml/.akn, as this program exports it) through ``akoma_ntoso.from_akn``. Either way the caller
gets a ``ParseResult``: the draft, the stage label under the title, and the article labels.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from drafting.exchange.akoma_ntoso import AKN_NS, from_akn
from drafting.model.numbering import compute_numbers
from drafting.model.stages import stage_words
from drafting.read.parse import ParseResult, parse_file
from drafting.read.textfile import read_checked_bytes

#: Suffixes read as Akoma Ntoso XML.
AKN_SUFFIXES = frozenset({".xml", ".akn"})

#: Every suffix a regulation file may have (files without a suffix are read as text too).
READABLE_SUFFIXES = frozenset({".docx", ".txt", ".md", ".markdown"}) | AKN_SUFFIXES


def read_draft(path: Path, *, revisions: str = "accepted") -> ParseResult:
    """Read a regulation file: text/Markdown/.docx via the parser, .xml/.akn as Akoma Ntoso.

    Every problem (missing, empty, too large, not a regulation, not Akoma Ntoso) raises
    ParseError with a one-line Chinese message. ``revisions``: how a .docx with pending tracked
    changes is read ("accepted" or "original", see ``parse_file``).
    """
    path = Path(path)
    if path.suffix.lower() not in AKN_SUFFIXES:
        return parse_file(path, revisions=revisions)
    data = read_checked_bytes(path)
    draft = from_akn(data)  # checks that the XML is an Akoma Ntoso act
    found = ET.fromstring(data).find(f".//{{{AKN_NS}}}docStage")
    stage = stage_words(found.text or "") if found is not None else ""
    # The <num> of each article is its label as shown (a number lock where it is not the
    # positional one): the labels are those numbers.
    numbers = compute_numbers(draft)
    labels = [numbers[a.uid].label for a in draft.articles()]
    return ParseResult(draft=draft, stage=stage, source_labels=labels)
