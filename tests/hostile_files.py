"""Builders for hostile files, made small in tmp_path: zip bombs, lying zips, entity and deep XML.

Every builder starts from a real, minimal package (a .docx python-docx saved, an .xlsx openpyxl
saved) and swaps or bends one part, so the rest of the file is what the readers expect and the
test exercises exactly the one hostile thing. Also: a snapshot of every row of a library, to
assert a refused file left it unchanged, and the one-line-Chinese-message check.
"""

from __future__ import annotations

import re
import sqlite3
import struct
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import openpyxl

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CJK = re.compile(r"[\u4e00-\u9fff]")


def base_docx(path: Path, paragraphs: Iterable[str] = ("第一条　为了测试，制定本条例。",)) -> Path:
    """A real .docx with the given paragraphs."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def base_xlsx(path: Path, rows: Iterable[Iterable[str]] | None = None) -> Path:
    """A real .xlsx whose text cells live in xl/sharedStrings.xml, as Excel writes them.

    openpyxl saves inline strings, so its sheet is rewritten to shared-string cells; the
    workbook's relationships and content types gain the sharedStrings part.
    """
    rows = [
        list(r) for r in (rows or (["序号", "条款", "意见内容"], ["1", "第一条", "建议修改。"]))
    ]
    workbook = openpyxl.Workbook()
    workbook.save(str(path))
    strings: list[str] = []
    cells = []
    for r, row in enumerate(rows, 1):
        refs = []
        for c, value in enumerate(row):
            strings.append(value)
            refs.append(f'<c r="{chr(65 + c)}{r}" t="s"><v>{len(strings) - 1}</v></c>')
        cells.append(f'<row r="{r}">{"".join(refs)}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = f'<worksheet xmlns="{main}"><sheetData>{"".join(cells)}</sheetData></worksheet>'
    items = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    shared = (
        f'<sst xmlns="{main}" count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'
    )
    with zipfile.ZipFile(path) as archive:
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
        types = archive.read("[Content_Types].xml").decode()
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    types = types.replace(
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    built = path.with_suffix(".built.xlsx")
    rewrite_zip(
        path,
        built,
        {
            "xl/worksheets/sheet1.xml": sheet.encode(),
            "xl/sharedStrings.xml": shared.encode(),
            "xl/_rels/workbook.xml.rels": rels.encode(),
            "[Content_Types].xml": types.encode(),
        },
    )
    built.replace(path)
    return path


def rewrite_zip(
    source: Path,
    target: Path,
    parts: Mapping[str, bytes | Iterable[bytes]],
    level: int = 9,
) -> Path:
    """Copy a zip, replacing (or adding) parts; an iterable of chunks is streamed (big bombs
    are written without holding them in memory)."""
    with (
        zipfile.ZipFile(source) as old,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as new,
    ):
        for info in old.infolist():
            if info.filename not in parts:
                new.writestr(info, old.read(info.filename))
        for name, content in parts.items():
            if isinstance(content, bytes):
                new.writestr(name, content)
            else:
                with new.open(name, "w", force_zip64=True) as stream:
                    for chunk in content:
                        stream.write(chunk)
    return target


def lie_about_size(path: Path, name: str, declared: int) -> Path:
    """Make the zip declare ``declared`` bytes for entry ``name`` (local and central headers)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    local = info.header_offset
    assert data[local : local + 4] == b"PK\x03\x04"
    struct.pack_into("<I", data, local + 22, declared)
    # The central directory entry: found by its name, as its other fields vary.
    at = 0
    while True:
        at = data.find(b"PK\x01\x02", at)
        assert at >= 0, name
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_len] == name.encode():
            break
        at += 4
    struct.pack_into("<I", data, at + 24, declared)
    path.write_bytes(bytes(data))
    return path


def document_xml(body: str, prolog: str = "") -> bytes:
    """A word/document.xml with ``body`` inside w:body (a DTD or entities may go in prolog)."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    ).encode()


def paragraph(text: str, num_id: int | None = None) -> str:
    """One w:p, with list numbering numId/ilvl 0 when num_id is given."""
    num = (
        f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
        if num_id
        else ""
    )
    return f"<w:p>{num}<w:r><w:t>{text}</w:t></w:r></w:p>"


def numbering_xml(fmt: str, start: int) -> bytes:
    """A numbering.xml with numId 1 → one level of ``fmt`` starting at ``start``."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W}">'
        f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        f'<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    ).encode()


def numbered_docx(path: Path, fmt: str, start: int, items: int = 1) -> Path:
    """A minimal .docx (five small parts) with ``items`` paragraphs numbered by ``fmt`` from
    ``start``: with upperLetter and a huge start, the 2 KB list-numbering bomb."""
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ct = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
            'org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/word/document.xml" '
            f'ContentType="{ct}.document.main+xml"/><Override PartName="/word/numbering.xml" '
            f'ContentType="{ct}.numbering+xml"/></Types>'
        ).encode(),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            f'Type="{rel}/officeDocument" Target="word/document.xml"/></Relationships>'
        ).encode(),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            f'Type="{rel}/numbering" Target="numbering.xml"/></Relationships>'
        ).encode(),
        "word/document.xml": document_xml(
            paragraph("第一条　为了测试，制定本条例。")
            + paragraph("甲方的义务。", num_id=1) * items
        ),
        "word/numbering.xml": numbering_xml(fmt, start),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def akn(body: str, prolog: str = "") -> bytes:
    """An Akoma Ntoso act with ``body`` inside <body>."""
    ns = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<akomaNtoso xmlns="{ns}">'
        f'<act name="测试条例"><body>{body}</body></act></akomaNtoso>'
    ).encode()


def library_rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of a SQLite library, sorted: equal before and after = unchanged."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        return {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }
    finally:
        connection.close()


def is_one_chinese_line(message: str) -> bool:
    """One line (no traceback), with Chinese words in it."""
    text = message.strip()
    return bool(text) and "\n" not in text and "Traceback" not in text and bool(_CJK.search(text))
