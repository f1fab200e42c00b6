"""Read the rows of a spreadsheet exported by a consultation portal: .xlsx or .csv.

CSV files from Chinese Excel are often GB18030, sometimes UTF-8 with or without a BOM, and
occasionally UTF-16 ("Unicode text"); the delimiter may be a comma, a semicolon or a tab.
Every failure becomes a ``CommentImportError`` with one Chinese line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Files larger than this are refused before reading (a portal export of 10,000 rows is ~3 MB).
MAX_FILE_BYTES = 50 * 1024 * 1024
#: The most rows a sheet may hold: far past any consultation (the largest seen, ~100,000), and
#: a few-MB .xlsx of millions of empty-looking rows is refused instead of read for minutes.
MAX_ROWS = 1_000_000

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

Cell = str | int | float | dt.datetime | dt.date | dt.time | bool | None
Cancel = Callable[[], bool]


class CommentImportError(Exception):
    """A file could not be imported; the message is one Chinese line for the user."""


class ImportCancelled(Exception):
    """The user stopped the import."""


@dataclass
class Table:
    """The rows of a sheet; ``rows`` pairs each row with its number as the user sees it (1-based)."""

    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)
    encoding: str = ""  # for CSV: the encoding detected
    delimiter: str = ""  # for CSV: the delimiter detected


def check_file(path: Path) -> int:
    """Refuse missing, empty and oversized files; returns the size in bytes."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise CommentImportError(f"找不到文件：{path.name}") from exc
    except OSError as exc:
        raise CommentImportError(f"无法读取文件：{path.name}（{exc.strerror}）") from exc
    if path.is_dir():
        raise CommentImportError(f"这是一个文件夹，不是文件：{path.name}")
    if size == 0:
        raise CommentImportError(f"文件是空的（0 字节）：{path.name}")
    if size > MAX_FILE_BYTES:
        raise CommentImportError(
            f"文件过大（{size / 1024 / 1024:.0f} MB），超过 {MAX_FILE_BYTES // 1024 // 1024} MB 的上限：{path.name}"
        )
    check_package_file(path)
    return size


Row = tuple[int, list[Cell]]


def check_package_file(path: Path) -> None:
    """For a zip package (.xlsx, .docx): the caps of drafting.read.limits, checked before
    openpyxl or python-docx inflate anything (size, parts, DTDs, depth, shared strings).
    Other files pass untouched. Raises CommentImportError with the reason."""
    from drafting.read.limits import EXCEL, WORD, InputRefused, check_package

    try:
        with path.open("rb") as handle:
            head = handle.read(8)
            # A .docx that is no zip at all (damaged) is refused here too, before python-docx;
            # an old .doc under that name is left to the letter reader's precise message.
            damaged_docx = path.suffix.lower() == ".docx" and not head.startswith(OLE_SIGNATURE)
            if not head.startswith(b"PK") and not damaged_docx:
                return
            handle.seek(0)
            check_package(handle, WORD if path.suffix.lower() == ".docx" else EXCEL)
    except InputRefused as exc:
        raise CommentImportError(f"{exc}：{path.name}") from exc
    except OSError as exc:
        raise CommentImportError(f"无法读取文件：{path.name}（{exc.strerror}）") from exc


def read_table(path: Path | str, cancel: Cancel | None = None) -> Table:
    """All rows of the first sheet of an .xlsx, or of a .csv/.txt file."""
    path = Path(path)
    if _is_xlsx(path):
        return Table(rows=list(iter_xlsx(path, cancel)))
    return _read_text_table(path, cancel)


def iter_table(path: Path | str, cancel: Cancel | None = None) -> Iterator[Row]:
    """The non-empty rows of a sheet one by one (an .xlsx is streamed, never held whole);
    raises CommentImportError as ``read_table`` does, before the first row."""
    path = Path(path)
    if _is_xlsx(path):
        return iter_xlsx(path, cancel)
    return iter(_read_text_table(path, cancel).rows)


def _is_xlsx(path: Path) -> bool:
    check_file(path)
    with path.open("rb") as handle:
        return handle.read(2) == b"PK"


def _read_text_table(path: Path, cancel: Cancel | None) -> Table:
    check_file(path)
    with path.open("rb") as handle:
        head = handle.read(8)
    suffix = path.suffix.lower()
    if head.startswith(OLE_SIGNATURE):
        raise CommentImportError(
            "这是旧版 Excel 文件（.xls），请在 Excel 或 WPS 中另存为 .xlsx 或 .csv 后再导入"
        )
    if head.startswith(b"PK"):
        return read_xlsx(path, cancel)
    if suffix in (".xlsx", ".xlsm"):
        raise CommentImportError(f"文件不是有效的 Excel 表格（.xlsx）：{path.name}")
    if suffix == ".xls":
        # Portals often save an HTML or text table under .xls; read it as text if we can.
        data = path.read_bytes()
        if data.lstrip()[:1] == b"<":
            raise CommentImportError(
                "这个 .xls 文件实际是网页（HTML）格式，请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入"
            )
        return read_csv_bytes(data, path.name, cancel)
    if suffix in (".csv", ".txt", ".tsv", ""):
        return read_csv_bytes(path.read_bytes(), path.name, cancel)
    raise CommentImportError(f"不支持的文件类型（{suffix}），请导入 .xlsx、.csv 或 .docx 文件")


#: What openpyxl raises on a damaged workbook, besides its own InvalidFileException.
_BROKEN: tuple[type[Exception], ...] = (
    zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, AttributeError, IndexError, EOFError,
    SyntaxError,  # xml.etree's ParseError
    RecursionError, zlib.error, NotImplementedError,
)  # fmt: skip


def iter_xlsx(path: Path, cancel: Cancel | None = None) -> Iterator[Row]:
    """The non-empty rows of an .xlsx's active sheet, streamed (``consultation.xlsx_stream``:
    lxml over the zip, ~5× faster than openpyxl's read-only mode at 100,000 rows, and holding
    only the shared strings). A workbook it cannot follow is read with openpyxl instead."""
    # The zip caps (check_package_file) ran at the door, in check_file via _is_xlsx.
    from consultation.xlsx_stream import UnsupportedWorkbook, count_rows, open_sheet

    try:
        if count_rows(path, MAX_ROWS) > MAX_ROWS:
            raise CommentImportError(_too_many_rows(path))
        rows = open_sheet(path)
    except UnsupportedWorkbook:
        return iter(read_xlsx(path, cancel).rows)
    except _BROKEN as exc:
        raise CommentImportError(f"文件不是有效的 Excel 表格（.xlsx）：{path.name}") from exc
    return _cancellable(rows, cancel, path)


def _too_many_rows(path: Path) -> str:
    return (
        f"表格超过 {MAX_ROWS:,} 行的上限，拒绝导入：{path.name}"
        "（请检查是否导出了多余的空行，或分成几个文件导入）"
    )


def _cancellable(rows: Iterator[Row], cancel: Cancel | None, path: Path) -> Iterator[Row]:
    try:
        for number, row in rows:
            if cancel is not None and number % 500 == 0 and cancel():
                raise ImportCancelled
            if any(v is not None and str(v).strip() for v in row):
                yield number, row
    except _BROKEN as exc:
        raise CommentImportError(f"文件不是有效的 Excel 表格（.xlsx）：{path.name}") from exc


def read_xlsx(path: Path, cancel: Cancel | None = None) -> Table:
    """The first worksheet of an .xlsx workbook, cell values as stored (dates as datetimes)."""
    import openpyxl  # imported here: only an .xlsx import needs it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, *_BROKEN) as exc:  # type: ignore[misc]  # mypy and *tuple
        raise CommentImportError(f"文件不是有效的 Excel 表格（.xlsx）：{path.name}") from exc
    try:
        return _sheet_rows(workbook, path, cancel)
    except (CommentImportError, ImportCancelled):
        raise
    except _BROKEN as exc:
        # check_package_file has checked the XML; what is left is odd structure openpyxl trips on.
        raise CommentImportError(
            f"Excel 表格内容有误，无法读取（{type(exc).__name__}）：{path.name}"
        ) from exc
    finally:
        workbook.close()


def _sheet_rows(workbook: Any, path: Path, cancel: Cancel | None) -> Table:
    sheet = workbook.active
    if sheet is None or not hasattr(sheet, "iter_rows"):
        raise CommentImportError(f"Excel 文件中没有工作表：{path.name}")
    table = Table()
    for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
        if cancel is not None and number % 500 == 0 and cancel():
            raise ImportCancelled
        if number > MAX_ROWS:
            raise CommentImportError(_too_many_rows(path))
        row = list(values)
        if any(v is not None and str(v).strip() for v in row):
            table.rows.append((number, row))
    return table


def detect_encoding(data: bytes) -> str:
    """The encoding of CSV bytes, as for regulation texts (drafting.read.text_encoding).

    UTF-8 (with or without BOM) is named "utf-8-sig"; UTF-16 with BOM "utf-16", without BOM
    "utf-16-le"/"utf-16-be"; then GB18030 or Big5 ("cp950") by which reads as common text.
    Raises CommentImportError when the encoding cannot be named with confidence.
    """
    from drafting.read.text_encoding import EncodingRefused
    from drafting.read.text_encoding import detect_encoding as detect

    try:
        return detect(data)
    except EncodingRefused as exc:
        raise CommentImportError(f"{exc}；也可在 Excel 中另存为 .xlsx 后再导入") from exc


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text: comma, semicolon or tab, judged on its first lines."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        first = text.splitlines()[0] if text else ""
        counts = {d: first.count(d) for d in (",", ";", "\t", "，")}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def _allow_long_cells() -> None:
    """Let one CSV cell be as long as a whole file may be (the csv default, 131,072, rejects
    a long comment and with it the whole file); the file size cap bounds it."""
    if csv.field_size_limit() < MAX_FILE_BYTES:
        csv.field_size_limit(MAX_FILE_BYTES)


def read_csv_bytes(data: bytes, name: str = "", cancel: Cancel | None = None) -> Table:
    """Rows of CSV bytes in any of the encodings portals use."""
    if len(data) > MAX_FILE_BYTES:
        raise CommentImportError(
            f"文件过大，超过 {MAX_FILE_BYTES // 1024 // 1024} MB 的上限：{name}"
        )
    try:
        encoding = detect_encoding(data)
    except CommentImportError:
        if b"\x00" in data[:4096]:
            raise CommentImportError(f"文件不是文本表格（CSV），无法导入：{name}") from None
        raise
    text = data.decode(encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise CommentImportError(f"文件中没有内容：{name}")
    delimiter = sniff_delimiter(text)
    table = Table(encoding=encoding, delimiter=delimiter)
    _allow_long_cells()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, row in enumerate(reader, 1):
            if cancel is not None and number % 500 == 0 and cancel():
                raise ImportCancelled
            if any(cell.strip() for cell in row):
                table.rows.append((number, list(row)))
    except csv.Error as exc:
        raise CommentImportError(f"CSV 文件格式有误（第{reader.line_num}行）：{name}") from exc
    return table
