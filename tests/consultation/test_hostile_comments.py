"""Hostile comment files (.xlsx, .csv, letters .docx): refused in one Chinese line, library unchanged.

And text as written: a Big5 or BOM-less UTF-16 sheet is stored as its writer typed it, a cell
longer than the csv module's default limit does not sink the whole file.
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from consultation.tabular import CommentImportError, read_table
from drafting.read.limits import InputRefused, PackageCaps, check_package
from tests.app_runner import run_app
from tests.consultation.test_import import HEADERS, ROWS, write_xlsx
from tests.hostile_files import (
    base_docx,
    base_xlsx,
    is_one_chinese_line,
    library_rows,
    lie_about_size,
    rewrite_zip,
)

SHARED = "xl/sharedStrings.xml"


@pytest.fixture()
def library(tmp_path: Path, corpus: Path) -> tuple[Path, str]:
    """A library with one regulation and the comments of a real sheet; (db, regulation id)."""
    db = tmp_path / "lib.sqlite3"
    proc = run_app(
        "import", "--db", str(db), str(corpus / "local_jinan_historic_city_2020.md"), "--json"
    )
    assert proc.returncode == 0, proc.stderr
    regulation = str(json.loads(proc.stdout)["regulation"])
    sheet = write_xlsx(tmp_path / "real.xlsx", HEADERS, ROWS)
    proc = run_app("comments", "import", "--db", str(db), "--regulation", regulation, str(sheet))
    assert proc.returncode == 0, proc.stderr
    return db, regulation


def refused(library: tuple[Path, str], path: Path, *words: str) -> None:
    """comments import: exit 1, one Chinese line naming ``words``, every row unchanged."""
    db, regulation = library
    before = library_rows(db)
    proc = run_app("comments", "import", "--db", str(db), "--regulation", regulation, str(path))
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    assert is_one_chinese_line(proc.stderr) and proc.stderr.startswith("错误："), proc.stderr
    for word in words:
        assert word in proc.stderr, proc.stderr
    assert library_rows(db) == before


def imported(library: tuple[Path, str], path: Path, *options: str) -> list[str]:
    """comments import succeeds; the texts of the comments it stored, newest last."""
    db, regulation = library
    proc = run_app(
        "comments", "import", "--db", str(db), "--regulation", regulation, str(path), *options
    )
    assert proc.returncode == 0, proc.stderr
    connection = sqlite3.connect(db)
    try:
        return [row[0] for row in connection.execute("SELECT content FROM comment ORDER BY id")]
    finally:
        connection.close()


def shared_strings(count: int, text: str) -> bytes:
    items = "".join(f"<si><t>{text}</t></si>" for _ in range(count))
    return (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main" count="{count}" uniqueCount="{count}">{items}</sst>'
    ).encode()


def test_shared_strings_declaring_a_gigabyte_are_refused_before_inflating(
    tmp_path: Path, library: tuple[Path, str]
) -> None:
    bomb = rewrite_zip(base_xlsx(tmp_path / "b.xlsx"), tmp_path / "bomb.xlsx", {})
    lie_about_size(bomb, SHARED, 1 << 30)
    refused(library, bomb, "过大")


def test_shared_strings_that_inflate_past_the_cap_are_refused(tmp_path: Path) -> None:
    # 4 MB of one repeated string, ~10 KB zipped; a 1 MB cap stops it after one chunk.
    bomb = rewrite_zip(
        base_xlsx(tmp_path / "b.xlsx"), tmp_path / "bomb.xlsx",
        {SHARED: shared_strings(100_000, "意见" * 10)},
    )  # fmt: skip
    assert bomb.stat().st_size < 100_000
    with pytest.raises(InputRefused, match="sharedStrings.xml.*过大"):
        check_package(bomb, PackageCaps(kind="Excel 表格", max_xml_part=1 << 20))
    with pytest.raises(InputRefused, match="文字条目过多"):
        check_package(bomb, PackageCaps(kind="Excel 表格", max_shared_strings=1000))


def test_shared_strings_hiding_their_size_are_refused(
    tmp_path: Path, library: tuple[Path, str]
) -> None:
    liar = rewrite_zip(
        base_xlsx(tmp_path / "b.xlsx"), tmp_path / "liar.xlsx",
        {SHARED: shared_strings(50_000, "意见")},
    )  # fmt: skip
    lie_about_size(liar, SHARED, 300)
    refused(library, liar, "不符")


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE sst [<!ENTITY x "乙">]>',
        '<!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    ],
)
def test_entities_in_an_xlsx_are_refused(
    tmp_path: Path, library: tuple[Path, str], prolog: str
) -> None:
    data = shared_strings(3, "甲&x;丙").replace(b"?>", b"?>" + prolog.encode(), 1)
    hostile = rewrite_zip(base_xlsx(tmp_path / "b.xlsx"), tmp_path / "e.xlsx", {SHARED: data})
    refused(library, hostile, "DTD")


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", SHARED, "xl/workbook.xml"])
def test_malformed_xml_in_an_xlsx_is_refused(
    tmp_path: Path, library: tuple[Path, str], part: str
) -> None:
    base = base_xlsx(tmp_path / "b.xlsx")
    with zipfile.ZipFile(base) as archive:
        data = archive.read(part)
    broken = rewrite_zip(base, tmp_path / "broken.xlsx", {part: data[: len(data) // 2]})
    refused(library, broken, part.rsplit("/", 1)[-1], "不是有效的 XML")


def test_letter_whose_document_declares_gigabytes_is_refused(
    tmp_path: Path, library: tuple[Path, str]
) -> None:
    letter = base_docx(
        tmp_path / "信函.docx", ["关于条例的意见", "一、建议删除第五条。", "市文物局"]
    )
    lie_about_size(letter, "word/document.xml", 0xFFFF_FFF0)
    refused(library, letter, "过大")


def test_letter_with_malformed_xml_is_refused(tmp_path: Path, library: tuple[Path, str]) -> None:
    base = base_docx(tmp_path / "b.docx", ["一、建议删除第五条。"])
    broken = rewrite_zip(base, tmp_path / "信函.docx", {"word/document.xml": b"<w:document"})
    refused(library, broken, "document.xml")


def test_long_csv_cell_is_imported_whole(tmp_path: Path, library: tuple[Path, str]) -> None:
    long = "建议" + "很" * 200_000 + "。"  # over the csv module's 131,072 default
    sheet = tmp_path / "long.csv"
    sheet.write_text(f"序号,条款,意见内容\n1,第五条,{long}\n2,第六条,删除。\n", encoding="utf-8")
    texts = imported(library, sheet)
    assert texts[-2:] == [long, "删除。"]


def test_big5_csv_is_stored_as_written(tmp_path: Path, library: tuple[Path, str]) -> None:
    rows = [
        "序號,條款,意見內容",
        "1,第五條,建議刪除第五條中的「擅自」二字。",
        "2,第六條,條文應當更具體。",
    ]
    sheet = tmp_path / "big5.csv"
    sheet.write_bytes("\r\n".join(rows).encode("big5"))
    assert read_table(sheet).encoding == "cp950"
    # Traditional headers are not among the recognised ones (column_mapping): name them.
    texts = imported(library, sheet, "--map", "意见=意見內容,条款=條款")
    assert texts[-2:] == ["建議刪除第五條中的「擅自」二字。", "條文應當更具體。"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_csv_without_bom_is_read(tmp_path: Path, encoding: str) -> None:
    sheet = tmp_path / "u16.csv"
    sheet.write_bytes("序号,条款,意见内容\n1,第一条,建议统一表述。\n".encode(encoding))
    table = read_table(sheet)
    assert table.encoding == encoding
    assert table.rows[1][1] == ["1", "第一条", "建议统一表述。"]


def test_gb18030_csv_is_still_gb18030(tmp_path: Path) -> None:
    sheet = tmp_path / "gb.csv"
    sheet.write_bytes("序号,条款,意见内容\n1,第一条,建议删除“擅自”二字。\n".encode("gb18030"))
    table = read_table(sheet)
    assert table.encoding == "gb18030"
    assert table.rows[1][1][2] == "建议删除“擅自”二字。"


def test_binary_csv_is_refused(tmp_path: Path, library: tuple[Path, str]) -> None:
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(CommentImportError):
        read_table(junk)
    refused(library, junk)
