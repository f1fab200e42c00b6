"""Caps on what a file may make the program read: every door checks here before it parses.

A .docx or .xlsx is a zip of XML parts, and a zip can lie: a 2 KB file can inflate to gigabytes,
declare one size and hold another, nest XML thousands of levels deep or carry a DTD with entity
definitions. ``check_package`` walks the zip once with capped streams — it never trusts the
sizes the zip declares and never holds a whole part in memory — before python-docx, openpyxl or
lxml open it. The other caps (list numbers, article count) are checked where those values are
built. Every refusal is an ``InputRefused`` (a ParseError) with one Chinese line that says why.

The caps are far above anything a real regulation or consultation file reaches (民法典 is
1,260 articles and ~5 MB of document.xml; a portal export of 10,000 comments ~3 MB), and far
below what takes the machine.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from lxml import etree

from drafting.errors import ParseError

#: Most articles a regulation may have (民法典: 1,260; the largest codes stay under 2,000).
MAX_ARTICLES = 5_000
#: Most articles any text can be read with, even when the drafter says 仍然导入: 第100000条 has
#: no Chinese numeral, so the reader stops there (after reading most of the file).
HARD_MAX_ARTICLES = 99_999
#: Largest list number Word's numbering may produce (w:start, counters): an upperLetter label
#: repeats its letter n/26 times, so n = 100,000,000 would build a 4-million-letter label.
MAX_LIST_NUMBER = 99_999
#: Deepest XML nesting in a package part: libxml2's own limit without huge_tree, which every
#: reader here (docx_lines, python-docx, the zip check) builds its tree with. Word bodies stay
#: under 30 levels.
MAX_XML_DEPTH = 256
#: Deepest Akoma Ntoso unit nesting read (编/分编/章/节/条/款/项/目 with lists: about 20).
MAX_AKN_DEPTH = 100

_CHUNK = 1024 * 1024
MiB = 1024 * 1024


class InputRefused(ParseError):
    """A file exceeds a cap or is built to harm the reader; the message is one Chinese line."""


@dataclass(frozen=True)
class PackageCaps:
    """Caps for one kind of zip package; sizes in bytes of inflated (uncompressed) data."""

    kind: str  # "Word 文档" / "Excel 表格", for messages
    max_entries: int = 5_000
    max_total: int = 512 * MiB  # all entries together, inflated
    max_xml_part: int = 64 * MiB  # one XML part, inflated
    max_shared_strings: int = 2_000_000  # <si> in xl/sharedStrings.xml (Excel: 1,048,576 rows)


#: A regulation or a letter: the 1,260-article 民法典 has ~5 MB of document.xml.
WORD = PackageCaps(kind="Word 文档", max_total=256 * MiB, max_xml_part=64 * MiB)
#: A portal export: 100,000 comments of a few hundred characters fit in ~100 MB of XML.
EXCEL = PackageCaps(kind="Excel 表格", max_total=512 * MiB, max_xml_part=256 * MiB)


def _size(n: int) -> str:
    return f"{n / MiB:.0f} MB" if n >= MiB else f"{n} 字节"


def check_package(source: Path | IO[bytes], caps: PackageCaps) -> None:
    """Check a zip package before any library opens it; InputRefused (one line) when it fails.

    Refuses: not a zip; more than ``caps.max_entries`` entries; declared or real inflated size
    over ``max_total``; an XML part (.xml/.rels) over ``max_xml_part``; an entry whose real
    size differs from its declared one; XML that is not well formed, nests deeper than
    MAX_XML_DEPTH or carries a DTD (<!DOCTYPE>/<!ENTITY>: no Office file has one); more than
    ``max_shared_strings`` shared strings. Memory stays at about one chunk (1 MB) per part.
    """
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise InputRefused(f"文件已损坏或不是有效的 {caps.kind}（不是完整的压缩包）") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > caps.max_entries:
            raise InputRefused(
                f"{caps.kind}中的部件过多（{len(infos)} 个，上限 {caps.max_entries} 个），拒绝读取"
            )
        declared = sum(info.file_size for info in infos)
        if declared > caps.max_total:
            raise InputRefused(
                f"{caps.kind}解压后过大（{_size(declared)}，上限 {_size(caps.max_total)}），"
                "可能是压缩炸弹，拒绝读取"
            )
        total = 0
        for info in infos:
            if info.is_dir():
                continue
            total += _check_entry(archive, info, caps, caps.max_total - total)


def _check_entry(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, caps: PackageCaps, room: int
) -> int:
    """Inflate one entry through a capped stream; the number of bytes it really holds."""
    name = info.filename
    is_xml = name.lower().endswith((".xml", ".rels"))
    cap = min(room, caps.max_xml_part) if is_xml else room
    checker = _XmlChecker(name, caps) if is_xml else None
    size = 0
    try:
        with archive.open(info) as stream:
            while True:
                # Never more than one chunk past the cap: the declared size is not trusted.
                chunk = stream.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > cap:
                    what = f"其中的 {name}" if is_xml and cap == caps.max_xml_part else "解压后"
                    limit = caps.max_xml_part if cap == caps.max_xml_part else caps.max_total
                    raise InputRefused(
                        f"{caps.kind}{what}过大（超过 {_size(limit)}），可能是压缩炸弹，拒绝读取"
                    )
                if checker is not None:
                    checker.feed(chunk)
    except InputRefused:
        raise
    except zipfile.BadZipFile as exc:
        # CRC mismatch or a short read: what the entry holds is not what the zip declares.
        raise InputRefused(
            f"{caps.kind}已损坏：{name} 的内容与压缩包记录的大小或校验值不符"
        ) from exc
    except (zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise InputRefused(f"{caps.kind}已损坏：无法解压其中的 {name}") from exc
    if size != info.file_size:
        raise InputRefused(f"{caps.kind}已损坏：{name} 的实际大小与压缩包记录的不符")
    if checker is not None:
        checker.finish()
    return size


class _XmlChecker:
    """Streams one XML part: well formed, no DTD, at most 256 levels, bounded shared strings.

    libxml2 builds the tree and refuses nesting deeper than 256 levels itself (without
    huge_tree); after each chunk the finished elements are cut away, so the tree in memory
    is the open path plus at most one chunk's elements. Python never sees single elements:
    a 10 MB document.xml is checked at libxml2's speed.
    """

    def __init__(self, name: str, caps: PackageCaps) -> None:
        self.name = name
        self.caps = caps
        self.parser: Any = None  # made on the first chunk, which names the root element
        self.root: Any = None
        self.strings = 0
        self.count_strings = name.lower().endswith("sharedstrings.xml")
        self.tail = b""

    def feed(self, chunk: bytes) -> None:
        window = self.tail + chunk
        if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
            raise InputRefused(
                f"{self.caps.kind}中的 {self.name} 含有 DTD 或实体声明（Office 文件不会有），"
                "出于安全考虑拒绝读取"
            )
        self.tail = chunk[-16:]
        if self.parser is None:
            self.parser = _pull_parser(chunk)
        try:
            self.parser.feed(chunk)
        except etree.XMLSyntaxError as exc:
            raise self._malformed(exc) from exc
        self._prune()

    def finish(self) -> None:
        if self.parser is None:
            raise InputRefused(f"{self.caps.kind}内容已损坏（{self.name} 是空的），无法读取")
        try:
            self.parser.close()
        except etree.XMLSyntaxError as exc:
            raise self._malformed(exc) from exc
        self._prune()

    def _prune(self) -> None:
        # The one wanted event is the root's; later ones (same name deeper down) are dropped.
        for _event, element in self.parser.read_events():
            if self.root is None:
                self.root = element
        if self.root is None:
            return
        # Everything but the last child of each open element is finished: cut it away.
        element = self.root
        first = True
        while element is not None and len(element):
            if first and self.count_strings:
                self.strings += len(element) - 1
                if self.strings > self.caps.max_shared_strings:
                    raise InputRefused(
                        f"{self.caps.kind}中的文字条目过多（超过 {self.caps.max_shared_strings} 条），"
                        "拒绝读取"
                    )
            first = False
            del element[:-1]
            element = element[-1]

    def _malformed(self, exc: Exception) -> InputRefused:
        if "depth" in str(exc).lower():
            return InputRefused(
                f"{self.caps.kind}中的 {self.name} 嵌套过深（超过 {MAX_XML_DEPTH} 层），拒绝读取"
            )
        return InputRefused(f"{self.caps.kind}内容已损坏（{self.name} 不是有效的 XML），无法读取")


_ROOT_NAME = re.compile(rb"<(?![?!])(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")


def _pull_parser(first_chunk: bytes) -> Any:
    """A pull parser reporting only the root's start (found by name in the first chunk):
    an event per element would cost more than parsing. Unknown root: every start, drained."""
    found = _ROOT_NAME.search(first_chunk)
    tag = "{*}" + found.group(1).decode("ascii", "replace") if found else "{*}*"
    return etree.XMLPullParser(
        events=("start",),
        tag=tag,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )


def check_list_number(n: int) -> None:
    """Refuse a Word list number (w:start, a counter) beyond MAX_LIST_NUMBER in either sign."""
    if abs(n) > MAX_LIST_NUMBER:
        raise InputRefused(
            f"Word 文档的列表编号过大（{n}，上限 {MAX_LIST_NUMBER}），文件可能被恶意构造，拒绝读取"
        )


def check_article_count(count: int) -> None:
    """Refuse a text with more articles than any regulation has (MAX_ARTICLES)."""
    if count > MAX_ARTICLES:
        raise InputRefused(
            f"条文数量过多（{count} 条，上限 {MAX_ARTICLES} 条）：任何法规都不会这么长，"
            "请检查文件是否正确"
        )


def check_xml_depth(root: Any, limit: int = MAX_AKN_DEPTH, what: str = "XML 文件") -> None:
    """Refuse an element tree nested deeper than ``limit`` (checked without recursion)."""
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > limit:
            raise InputRefused(f"{what}嵌套过深（超过 {limit} 层），拒绝读取")
        stack.extend((child, depth + 1) for child in element)
