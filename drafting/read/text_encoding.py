"""Which encoding a text file was written in: one answer for regulation texts and CSV sheets.

Drafters and portals bring UTF-8 (with or without BOM), UTF-16 (Notepad's "Unicode", sometimes
without BOM), GB18030/GBK (mainland Windows) and Big5 (Hong Kong, Macao, Taiwan sources). Big5
bytes nearly always decode as GB18030 too — into nonsense — so decoding without error proves
nothing: the two are told apart by how common the characters they give are. Only when that is
not clear is charset-normalizer asked; when it is not sure either, the file is refused with the
reason rather than stored garbled.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable

from drafting.errors import ParseError

#: Share of a decoding's non-ASCII characters that must be common for it to be taken as right.
_CLEAR = 0.9
_SAMPLE = 256 * 1024


class EncodingRefused(ParseError):
    """No encoding can be named with confidence; the message is one Chinese line."""


def detect_encoding(data: bytes) -> str:
    """The Python codec name for ``data``: utf-8-sig, utf-16, utf-16-le/-be, utf-32, gb18030, cp950.

    ``utf-8-sig`` is returned for UTF-8 with or without BOM (decoding drops a BOM). Raises
    EncodingRefused for binary data (NUL bytes outside UTF-16/32) or undecidable bytes.
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    if b"\x00" in data:
        raise EncodingRefused("文件含有二进制内容（空字符），不是文本文件")
    if _decodes(data, "utf-8"):
        return "utf-8-sig"
    gb = _decodes(data, "gb18030")
    big5 = _decodes(data, "cp950")
    if gb is not None and big5 is None:
        return "gb18030"
    if big5 is not None and gb is None:
        return "cp950"
    if gb is not None and big5 is not None:
        gb_share, big5_share = _common_share(gb, _in_gb2312), _common_share(big5, _in_big5_level1)
        if gb_share >= _CLEAR and gb_share >= big5_share:
            return "gb18030"
        if big5_share >= _CLEAR and big5_share > gb_share:
            return "cp950"
    guess = _charset_normalizer(data)
    if guess:
        return guess
    if gb is not None and big5 is not None:
        raise EncodingRefused(
            "无法确定文件的文字编码（可能是 GB18030 或繁体 Big5），请另存为 UTF-8 后再导入"
        )
    raise EncodingRefused("无法识别文件的文字编码（支持 UTF-8、UTF-16、GB18030/GBK、Big5）")


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of ``data``; EncodingRefused as in detect_encoding. A BOM is dropped."""
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        name = encoding.upper().removesuffix("-SIG")
        raise EncodingRefused(f"文件编码有误，无法按 {name} 读取") from exc
    return text.lstrip("\ufeff"), encoding


def _decodes(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """utf-16-le/-be when the bytes hold zeros and read as plausible text in one byte order.

    ASCII and line ends in UTF-16 carry a zero byte; 一 (U+4E00) does too, on the other side,
    so the byte order is judged on what each order reads as, not on where the zeros fall.
    """
    sample = data[: _SAMPLE - _SAMPLE % 2]
    pairs = len(sample) // 2
    if pairs < 2 or len(data) % 2 or sample.count(0) < max(1, pairs // 100):
        return None
    shares = {}
    for encoding in ("utf-16-le", "utf-16-be"):
        text = _decodes(sample, encoding)
        if text:
            shares[encoding] = sum(1 for ch in text if _plausible(ch)) / len(text)
    if not shares:
        return None
    encoding = max(shares, key=lambda e: shares[e])
    if shares[encoding] < 0.95:
        return None  # zeros, but not text: the caller refuses it as binary
    if _decodes(data, encoding) is None:
        raise EncodingRefused("文件像是 UTF-16 编码但内容有误，无法读取")
    return encoding


def _plausible(ch: str) -> bool:
    """A character a Chinese text is made of: printable ASCII, line ends, CJK, CJK punctuation."""
    code = ord(ch)
    return (
        0x20 <= code < 0x7F
        or ch in "\t\n\r"
        or 0x4E00 <= code <= 0x9FFF
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or 0x2000 <= code <= 0x206F
        or 0xA0 <= code <= 0xFF
    )


def _controls(text: str) -> int:
    return sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")


def _common_share(text: str, common: Callable[[str], bool]) -> float:
    """Share of the non-ASCII characters of ``text`` (a sample) for which ``common`` holds."""
    wide = [ch for ch in text[:_SAMPLE] if ord(ch) > 0x7F]
    if not wide:
        return 1.0
    return sum(1 for ch in wide if common(ch)) / len(wide)


def _in_gb2312(ch: str) -> bool:
    """In GB2312: the characters of ordinary simplified Chinese (and its punctuation)."""
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _in_big5_level1(ch: str) -> bool:
    """Big5 symbols or its frequent characters (A140–C67E): ordinary traditional Chinese."""
    try:
        code = ch.encode("cp950")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and 0xA140 <= int.from_bytes(code, "big") <= 0xC67E


def _charset_normalizer(data: bytes) -> str | None:
    """charset-normalizer's answer among the encodings we accept, or None when it is unsure."""
    from charset_normalizer import from_bytes

    best = from_bytes(
        data[:_SAMPLE],
        cp_isolation=["utf_8", "gb18030", "big5", "cp950", "utf_16_le", "utf_16_be"],
    ).best()
    if best is None or best.chaos > 0.2:
        return None
    name = best.encoding.replace("_", "-")
    canonical = {"utf-8": "utf-8-sig", "big5": "cp950"}.get(name, name)
    # The guess is only taken if the whole file decodes with it.
    return canonical if _decodes(data, canonical) is not None else None
