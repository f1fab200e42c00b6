"""One way to read a regulation file, for every command and window that takes one.

Plain text, Markdown and .docx go through the parser (``parse_file``); Akoma Ntoso XML
(.xml/.akn, as this program exports it) through ``akoma_ntoso.from_akn``. Either way the caller
gets a ``ParseResult``: the draft, the stage label under the title, and the article labels.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from drafting.errors import ParseError
from drafting.exchange.akoma_ntoso import AKN_NS, from_akn
from drafting.model.numbering import compute_numbers
from drafting.model.stages import stage_words
from drafting.read.limits import (
    MAX_ARTICLES,
    WORD,
    InputRefused,
    check_article_count,
    check_package,
)
from drafting.read.parse import ParseResult, parse_file
from drafting.read.textfile import read_checked_bytes

#: Suffixes read as Akoma Ntoso XML.
AKN_SUFFIXES = frozenset({".xml", ".akn"})

#: Every suffix a regulation file may have (files without a suffix are read as text too).
READABLE_SUFFIXES = frozenset({".docx", ".txt", ".md", ".markdown"}) | AKN_SUFFIXES


def read_draft(path: Path, *, revisions: str = "accepted", force: bool = False) -> ParseResult:
    """Read a regulation file: text/Markdown/.docx via the parser, .xml/.akn as Akoma Ntoso.

    Every problem (missing, empty, too large, not a regulation, not Akoma Ntoso, beyond a cap
    of drafting.read.limits such as a zip bomb or more than 5,000 articles) raises ParseError
    with a one-line Chinese message. ``revisions``: how a .docx with pending tracked changes
    is read ("accepted" or "original", see ``parse_file``). ``force``: the drafter was told
    what the file holds (drafting.read.survey) and chose to import it anyway: the article cap
    is not applied (every other cap is).
    """
    path = Path(path)
    if path.suffix.lower() not in AKN_SUFFIXES:
        if path.suffix.lower() == ".docx" and path.is_file():
            # Caps on the zip (inflated size, parts, DTDs, depth) before the reader opens it.
            with path.open("rb") as handle:
                if handle.read(2) == b"PK":
                    handle.seek(0)
                    check_package(handle, WORD)
        try:
            result = parse_file(path, revisions=revisions)
        except ParseError:
            raise  # already one line (ParseError is a ValueError)
        except (ValueError, RecursionError) as exc:
            raise _unreadable(path, exc) from exc
        if not force:
            check_article_count(len(result.draft.articles()))
        return result
    data = read_checked_bytes(path)
    draft = from_akn(data)  # checks that the XML is an Akoma Ntoso act
    if not force:
        check_article_count(len(draft.articles()))
    found = ET.fromstring(data).find(f".//{{{AKN_NS}}}docStage")
    stage = stage_words(found.text or "") if found is not None else ""
    # The <num> of each article is its label as shown (a number lock where it is not the
    # positional one): the labels are those numbers.
    numbers = compute_numbers(draft)
    labels = [numbers[a.uid].label for a in draft.articles()]
    return ParseResult(draft=draft, stage=stage, source_labels=labels)


def _unreadable(path: Path, exc: Exception) -> ParseError:
    """What the parser could not build, as one line: numbering past 99,999 has no Chinese
    numeral (第100000条), so a text that reaches it is longer than any regulation."""
    if "Chinese numeral" in str(exc):
        return InputRefused(
            f"条文编号超出范围（{exc.args[0].rsplit(':', 1)[-1].strip()}）：任何法规都不会"
            f"超过 {MAX_ARTICLES} 条，请检查文件是否正确：{path.name}"
        )
    return ParseError(f"文件内容无法解析（{type(exc).__name__}），请检查文件：{path.name}")
