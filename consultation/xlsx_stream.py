"""Stream the rows of an .xlsx sheet with lxml, holding only the shared strings.

openpyxl's read-only mode builds a rich-text object for every shared string and parses every
cell through its descriptors: at 100,000 portal rows that is most of an import (about 18 s).
This reader follows the parts a portal export has — workbook, relationships, shared strings,
styles (to know which numbers are dates) and the active sheet — and yields the values as
openpyxl's ``values_only`` does (str, int, float, bool, datetime; None for an empty cell).
Anything it does not expect raises ``UnsupportedWorkbook``, and the caller reads the file with
openpyxl instead.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from lxml import etree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_COLUMN = re.compile(r"[A-Z]+")

#: A cell's value: str, int, float, bool, datetime (time, timedelta for such formats) or None.
Value = Any


class UnsupportedWorkbook(Exception):
    """The workbook is laid out in a way this reader does not follow (use openpyxl)."""


_COLUMNS: dict[str, int] = {}


def _column_index(ref: str) -> int:
    """The column position (from 0) of a cell reference such as "C12"."""
    letters = ref.rstrip("0123456789")
    found = _COLUMNS.get(letters)
    if found is not None:
        return found
    if not letters or _COLUMN.fullmatch(letters) is None:
        raise UnsupportedWorkbook(f"cell reference {ref!r}")
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    _COLUMNS[letters] = n - 1
    return n - 1


def _sheet_path(archive: zipfile.ZipFile) -> str:
    """The part name of the active sheet (workbookView/@activeTab, else the first)."""
    try:
        workbook = etree.fromstring(archive.read("xl/workbook.xml"))
        rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError as exc:
        raise UnsupportedWorkbook("no workbook part") from exc
    sheets = workbook.findall(f"{_MAIN}sheets/{_MAIN}sheet")
    if not sheets:
        raise UnsupportedWorkbook("no sheet")
    view = workbook.find(f"{_MAIN}bookViews/{_MAIN}workbookView")
    active = int(view.get("activeTab", "0")) if view is not None else 0
    sheet = sheets[active if active < len(sheets) else 0]
    rel_id = sheet.get(f"{_REL}id")
    for rel in rels.findall(f"{_PKG_REL}Relationship"):
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join("xl", target))
    raise UnsupportedWorkbook("sheet relationship missing")


def _text_of(element: etree._Element) -> str:
    """The text of an <si> or <is>: its <t> runs, phonetic guides (<rPh>) left out."""
    if element.tag == f"{_MAIN}t":
        return element.text or ""
    parts: list[str] = []
    for child in element:
        if child.tag == f"{_MAIN}t":
            parts.append(child.text or "")
        elif child.tag == f"{_MAIN}r":
            run = child.find(f"{_MAIN}t")
            if run is not None:
                parts.append(run.text or "")
    return "".join(parts)


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    try:
        handle: IO[bytes] = archive.open("xl/sharedStrings.xml")
    except KeyError:
        return []
    strings: list[str] = []
    with handle:
        for _, element in etree.iterparse(handle, tag=f"{_MAIN}si", huge_tree=True):
            strings.append(_text_of(element))
            element.clear()
    return strings


def _date_styles(archive: zipfile.ZipFile) -> set[int]:
    """The style indexes (c/@s) whose number format shows a date or time."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    try:
        styles = etree.fromstring(archive.read("xl/styles.xml"))
    except KeyError:
        return set()
    formats: dict[int, str] = dict(BUILTIN_FORMATS)
    for fmt in styles.findall(f"{_MAIN}numFmts/{_MAIN}numFmt"):
        formats[int(fmt.get("numFmtId", "0"))] = fmt.get("formatCode", "")
    dates: set[int] = set()
    for n, xf in enumerate(styles.findall(f"{_MAIN}cellXfs/{_MAIN}xf")):
        if is_date_format(formats.get(int(xf.get("numFmtId", "0")), "")):
            dates.add(n)
    return dates


def _number(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        value = float(text)
        return int(value) if value.is_integer() and "e" not in text.lower() else value


def open_sheet(path: Path) -> Iterator[tuple[int, list[Value]]]:
    """(row number from 1, values) for every row the active sheet stores, in order.

    The workbook's structure is checked before this returns (UnsupportedWorkbook,
    zipfile.BadZipFile); the rows are read as they are asked for.
    """
    archive = zipfile.ZipFile(path)
    try:
        sheet = _sheet_path(archive)
        shared = _shared_strings(archive)
        dates = _date_styles(archive)
        handle = archive.open(sheet)
    except BaseException:
        archive.close()
        raise
    return _rows(archive, handle, shared, dates)


def _rows(
    archive: zipfile.ZipFile, handle: IO[bytes], shared: list[str], dates: set[int]
) -> Iterator[tuple[int, list[Value]]]:
    from openpyxl.utils.datetime import from_excel

    c_tag, v_tag, is_tag = f"{_MAIN}c", f"{_MAIN}v", f"{_MAIN}is"
    number = 0
    try:
        for _, row in etree.iterparse(handle, tag=f"{_MAIN}row", huge_tree=True):
            number = int(row.get("r") or number + 1)
            values: list[Value] = []
            for cell in row.iterchildren(c_tag):
                ref = cell.get("r")
                if ref is not None:
                    at = _column_index(ref)
                    if at > len(values):
                        values.extend([None] * (at - len(values)))
                kind = cell.get("t", "n")
                value: Value = None
                if kind == "inlineStr":
                    inline = cell.find(is_tag)
                    value = _text_of(inline) if inline is not None else ""
                else:
                    v = cell.find(v_tag)
                    text = v.text if v is not None else None
                    if text is None:
                        value = None
                    elif kind == "s":
                        value = shared[int(text)]
                    elif kind in ("str", "e"):
                        value = text
                    elif kind == "b":
                        value = text.strip() == "1"
                    elif kind == "d":
                        value = dt.datetime.fromisoformat(text)
                    else:
                        value = _number(text)
                        if int(cell.get("s", "0")) in dates:
                            value = from_excel(value)
                values.append(value)
            row.clear()
            while row.getprevious() is not None:
                del row.getparent()[0]
            yield number, values
    finally:
        handle.close()
        archive.close()


_ROW_TAG = re.compile(rb"<(?:\w{1,16}:)?row[\s>/]")


def count_rows(path: Path, limit: int) -> int:
    """How many rows the active sheet stores, counted on its raw XML without parsing (a few
    hundred MB/s), stopping once past ``limit``: a sheet of millions of rows is refused before
    its rows are read one by one. The <dimension> may lie; the rows themselves do not."""
    count = 0
    carry = b""
    with zipfile.ZipFile(path) as archive, archive.open(_sheet_path(archive)) as handle:
        while count <= limit:
            data = handle.read(1 << 20)
            if not data:
                break
            chunk = carry + data
            # A tag cut at the chunk's end is counted with the next chunk.
            cut = max(chunk.rfind(b"<"), len(chunk) - 24)
            count += sum(1 for m in _ROW_TAG.finditer(chunk) if m.start() < cut)
            carry = chunk[cut:]
        count += len(_ROW_TAG.findall(carry))
    return count


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]*\d*:?[A-Z]*(\d+)"')


def row_estimate(path: Path) -> int:
    """How many rows the active sheet says it has (its <dimension>), 0 when it does not say."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open(_sheet_path(archive)) as handle:
            found = _DIMENSION.search(handle.read(4096))
    except (UnsupportedWorkbook, zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError):
        return 0
    return int(found.group(1)) if found else 0
