"""Reading a regulation text file: size and type checks, encoding detection, line ends.

Drafters bring texts from everywhere: UTF-8 with or without BOM (web pages, Markdown), UTF-16
(Notepad's "Unicode"), GB18030/GBK (older Windows tools). Binary files (.doc, .pdf, zip) must be
refused with a clear message instead of being decoded into noise.
"""

from __future__ import annotations

import re
from pathlib import Path

from drafting.errors import ParseError
from drafting.read.text_encoding import decode

#: Larger files are refused before reading: no regulation comes near it (民法典 is 330 KB).
MAX_FILE_BYTES = 50 * 1024 * 1024

# Magic numbers of files that are clearly not plain text.
_MAGIC = (
    (b"%PDF", "这是PDF文件，无法直接读取，请先转换为Word（.docx）或纯文本后再导入"),
    (b"PK\x03\x04", "这是压缩包（或Word .docx）文件，不是纯文本；Word文件请以 .docx 后缀导入"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "这是旧版Word（.doc）等二进制文件，请在Word中另存为 .docx 后再导入",
    ),
    (b"{\\rtf", "这是RTF文件，请在Word中另存为 .docx 后再导入"),
)

# Control characters that never occur in a typed text (tab, LF, CR, FF, VT are fine).
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


def decode_text(data: bytes) -> str:
    """Bytes of a text file as str: UTF-8, UTF-16 (BOM or not), GB18030 or Big5 (text_encoding).

    Line ends are normalised to LF (CRLF and lone CR too). Raises ParseError for binary data or
    bytes no supported encoding can read.
    """
    for magic, message in _MAGIC:
        if data.startswith(magic):
            raise ParseError(message)
    # UTF-8/UTF-16 (with or without BOM)/GB18030/Big5, or a refusal that says why.
    text, _encoding = decode(data)
    text = text.lstrip("\ufeff")
    if "\x00" in text or _looks_binary(text):
        raise ParseError("文件含有二进制内容，不是文本文件")
    # Word's soft line break (\v) and page break (\f) end a line; other stray controls go, so
    # that every later .docx/.xlsx writer can hold the text.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n").replace("\f", "\n")
    return xml_safe(text)


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """The text without the control characters that XML, and so .docx and .xlsx, cannot hold."""
    return _XML_ILLEGAL.sub("", text)


def read_text_file(path: Path) -> str:
    """Check and read a text file; ParseError with a one-line Chinese message on any problem."""
    data = read_checked_bytes(path)
    return decode_text(data)


def _too_big(size: int, path: Path) -> str:
    """文件过大 with the size given finely enough to differ from the cap (50.1 MB, not 50 MB)."""
    mb = size / 1024 / 1024
    shown = f"{mb:.0f}" if mb >= 100 else f"{mb:.1f}" if mb - 50 >= 0.1 else f"{mb:.3f}"
    return f"文件过大（{shown} MB，超过 50 MB 的上限）：{path.name}"


def check_file(path: Path) -> int:
    """Check, without reading it, that path is a file of 1 byte to 50 MB; return its size."""
    try:
        if not path.exists():
            raise ParseError(f"文件不存在：{path}")
        if path.is_dir():
            raise ParseError(f"这是一个文件夹，不是文件：{path}")
        size = path.stat().st_size
    except OSError as exc:
        raise ParseError(f"无法读取文件：{path}（{exc.strerror or exc}）") from exc
    if size > MAX_FILE_BYTES:
        raise ParseError(_too_big(size, path))
    if size == 0:
        raise ParseError(f"文件是空的：{path.name}")
    return size


def read_checked_bytes(path: Path) -> bytes:
    """The bytes of path after check_file; ParseError if they are only whitespace."""
    check_file(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"无法读取文件：{path}（{exc.strerror or exc}）") from exc
    if not data.strip():
        raise ParseError(f"文件是空的：{path.name}")
    return data


def _looks_binary(text: str) -> bool:
    """More than 1 % control characters in the first 64 K characters: not a typed text."""
    sample = text[:65536]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _ALLOWED_CONTROLS)
    return controls * 100 > len(sample)
