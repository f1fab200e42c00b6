"""Read a .docx draft as plain text lines, with Word's automatic list numbers written out.

Drafts often get their 第X条 and （一） labels from Word's list numbering (numbering.xml), not
from typed text. docx_lines() materialises those labels, so the result reads like a typed text
and the plain-text parser can take it from there. It works on the package parts with lxml
directly: python-docx has no API for numbering labels or tracked changes, and one pass over
the XML is fast (a 1,260-article draft reads in a fraction of a second).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lxml import etree

from drafting.errors import ParseError
from drafting.model.matter import CellSpan
from drafting.model.numerals import to_chinese
from drafting.read.limits import check_list_number

W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .docx is an OLE container holding this stream (names are UTF-16LE).
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
# Refuse to inflate absurd parts (zip bombs); a 1,260-article draft is ~5 MB of XML.
MAX_PART_SIZE = 256 * 1024 * 1024

SEPARATOR = "\u3000"  # after 第X条 / 第X章, as in the canonical text layout
_STRUCTURAL_LABEL = re.compile(r"^第.+?(编|分编|章|节|条)(之.+)?$")

MSG_CORRUPT = "文件已损坏或不是有效的 Word 文档（.docx）"
MSG_DOC = "这是旧版 Word 文档（.doc），请在 Word 或 WPS 中另存为 .docx 后再导入"
MSG_ENCRYPTED = "这个 Word 文档设有打开密码（已加密），请在 Word 或 WPS 中取消密码后再导入"
MSG_EMPTY = "文件是空的（0 字节），不是有效的 Word 文档（.docx）"
MSG_NO_DOCUMENT = "文件中没有 word/document.xml，不是有效的 Word 文档（.docx）"


#: How to read pending tracked changes: as if all were accepted, or the text before them.
REVISIONS = ("accepted", "original")


def docx_lines(path: Path | str, *, revisions: str = "accepted") -> list[str]:
    """The body paragraphs of a .docx as plain text lines, list-numbering labels included.

    Tables of one column are read cell by cell, one line a paragraph; wider tables one line a
    row as ``| cell | cell |`` (the reader's table row). Headers, footers, footnotes,
    comments, text boxes, hidden text and field codes are left out; field results are kept.
    Pending tracked changes are read as accepted (``revisions="accepted"``) or as the text
    before them (``"original"``). A line break inside a paragraph starts a new line; an empty
    paragraph gives "". Raises ParseError (one Chinese line) for anything that is not a
    readable .docx.
    """
    return docx_text(path, revisions=revisions)[0]


def docx_text(
    path: Path | str,
    *,
    revisions: str = "accepted",
    breaks: list[int] | None = None,
    spans: dict[int, list[CellSpan]] | None = None,
) -> tuple[list[str], int]:
    """``docx_lines`` and the number of pending tracked changes (insertions, deletions, moves)
    found in the body. ``breaks``, when given, receives the index (into the lines) of every
    line that a soft line break (w:br, Shift+Enter) started inside one paragraph. ``spans``,
    when given, receives for every table row line that has merged cells (w:gridSpan,
    w:vMerge) its index → one ``CellSpan`` per cell of the line."""
    if revisions not in REVISIONS:
        raise ValueError(f"revisions must be one of {REVISIONS}: {revisions!r}")
    path = Path(path)
    data = _read_bytes(path)
    package = _open_package(data)
    try:
        reader = _Reader(package, original=revisions == "original")
        lines = reader.lines()
        if breaks is not None:
            breaks.extend(reader.soft_breaks)
        if spans is not None:
            spans.update(reader.spans)
        return lines, reader.pending()
    except ParseError:
        raise
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError) as exc:
        # Whatever odd structure slips past the checks, the caller gets one readable line.
        raise ParseError(f"Word 文档结构异常，无法读取：{type(exc).__name__}") from exc


# ---------------------------------------------------------------------------------------------
# The package: bytes → zip → the three parts we need


@dataclass
class _Package:
    document: Any  # the w:document root element
    numbering: Any | None
    styles: Any | None
    w: str  # the WordprocessingML namespace (transitional or strict)


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ParseError(f"找不到文件：{path.name}") from exc
    except IsADirectoryError as exc:
        raise ParseError(f"这是一个文件夹，不是 Word 文档：{path.name}") from exc
    except OSError as exc:
        raise ParseError(f"无法读取文件：{path.name}（{exc.strerror or '读取失败'}）") from exc
    if not data:
        raise ParseError(MSG_EMPTY)
    if data.startswith(OLE_SIGNATURE):
        raise ParseError(MSG_ENCRYPTED if _ENCRYPTED_STREAM in data else MSG_DOC)
    if data.lstrip()[:5] == b"{\\rtf":
        raise ParseError("这是 RTF 文档，请在 Word 或 WPS 中另存为 .docx 后再导入")
    return data


def _open_package(data: bytes) -> _Package:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise ParseError(MSG_CORRUPT) from exc
    with archive:
        names = set(archive.namelist())
        main = _main_part_name(archive, names)
        if main is None:
            raise ParseError(_not_word_message(archive, names))
        related = _related_parts(archive, names, main)
        document = _parse_part(archive, main)
        w = etree.QName(document).namespace or ""
        if w not in (W_TRANSITIONAL, W_STRICT) or etree.QName(document).localname != "document":
            raise ParseError(MSG_CORRUPT)
        numbering = related.get("numbering")
        styles = related.get("styles")
        return _Package(
            document=document,
            numbering=_parse_part(archive, numbering) if numbering else None,
            styles=_parse_part(archive, styles) if styles else None,
            w=w,
        )


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        if archive.getinfo(name).file_size > MAX_PART_SIZE:
            raise ParseError(f"Word 文档中的 {name} 过大，无法读取")
        return archive.read(name)
    except ParseError:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        KeyError,
        NotImplementedError,  # an unsupported compression method
        RuntimeError,  # a zip entry with its own password
        ValueError,
    ) as exc:
        raise ParseError(MSG_CORRUPT) from exc


def _xml_parser() -> Any:
    # One per call: an lxml parser must not be shared between threads (imports may run in a
    # worker thread). No entity expansion, no network.
    return etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


def _parse_part(archive: zipfile.ZipFile, name: str) -> Any:
    blob = _read_part(archive, name)
    try:
        return etree.fromstring(blob, _xml_parser())
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"Word 文档内容已损坏（{name} 不是有效的 XML），无法读取") from exc


def _relationships(archive: zipfile.ZipFile, names: set[str], rels_name: str) -> list[Any]:
    """The Relationship elements of a .rels part; [] when missing or unreadable."""
    if rels_name not in names:
        return []
    try:
        root = etree.fromstring(archive.read(rels_name), _xml_parser())
    except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        return []
    except (NotImplementedError, RuntimeError):
        return []
    return [el for el in root if etree.QName(el).localname == "Relationship"]


def _resolve(base_dir: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(base_dir, target))


def _main_part_name(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    for rel in _relationships(archive, names, "_rels/.rels"):
        if rel.get("Type", "").endswith("/officeDocument") and rel.get("TargetMode") != "External":
            name = _resolve("", rel.get("Target", ""))
            if name in names:
                return name
    return "word/document.xml" if "word/document.xml" in names else None


def _related_parts(archive: zipfile.ZipFile, names: set[str], main: str) -> dict[str, str]:
    """numbering / styles part names of the main document, found through its .rels."""
    folder, base = posixpath.split(main)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    found: dict[str, str] = {}
    for rel in _relationships(archive, names, rels_name):
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        if kind in ("numbering", "styles") and rel.get("TargetMode") != "External":
            name = _resolve(folder, rel.get("Target", ""))
            if name in names:
                found.setdefault(kind, name)
    for kind in ("numbering", "styles"):
        fallback = posixpath.join(folder, kind + ".xml")
        if kind not in found and fallback in names:
            found[kind] = fallback
    return found


def _not_word_message(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "xl/workbook.xml" in names:
        return "这是 Excel 表格（.xlsx），不是 Word 文档（.docx）"
    if "ppt/presentation.xml" in names:
        return "这是 PowerPoint 演示文稿（.pptx），不是 Word 文档（.docx）"
    if "mimetype" in names and "content.xml" in names:
        return "这是 ODF 文档（.odt），请在 Word 或 WPS 中另存为 .docx 后再导入"
    return MSG_NO_DOCUMENT


# ---------------------------------------------------------------------------------------------
# Number formats


_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL_SIMPLIFIED = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
_LEGAL_TRADITIONAL = str.maketrans("一二三四五六七八九十百千万", "壹貳參肆伍陸柒捌玖拾佰仟萬")
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _chinese(n: int) -> str:
    return to_chinese(n) if 0 <= n < 100000 else str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter past Z: 27 → AA, 28 → BB.
    check_list_number(n)  # a hostile w:start would build a label of n/26 letters
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _enclosed(n: int, first: int, count: int) -> str:
    return chr(first + n - 1) if 1 <= n <= count else str(n)


def format_number(n: int, fmt: str, custom: str | None = None) -> str:
    """n written in a Word numFmt (decimal, chineseCounting, upperRoman …); bullet/none → ""."""
    if fmt in ("bullet", "none"):
        return ""
    if fmt in (
        "chineseCounting", "chineseCountingThousand", "japaneseCounting",
        "taiwaneseCounting", "taiwaneseCountingThousand",
    ):  # fmt: skip
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        text = _chinese(n)
        # Financial numerals always write the leading 壹 (壹拾壹, not 拾壹).
        return ("壹" + text if text.startswith("十") else text).translate(_LEGAL_SIMPLIFIED)
    if fmt == "ideographLegalTraditional":
        text = _chinese(n)
        return ("壹" + text if text.startswith("十") else text).translate(_LEGAL_TRADITIONAL)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    if fmt == "ideographZodiacTraditional":
        return _STEMS[(n - 1) % 10] + _BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULL_WIDTH)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _enclosed(n, 0x2460, 20)  # ①…⑳
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, 0x2474, 20)  # ⑴…⒇
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, 0x2488, 20)  # ⒈…⒛
    if fmt == "ideographEnclosedCircle":
        return _enclosed(n, 0x3220, 10)  # ㈠…㈩
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "custom" and custom:
        # Word 2010's custom formats are "001, 002, 003, ..." style zero padding.
        first = custom.split(",")[0].strip()
        if first.isdigit():
            return str(n).zfill(len(first))
    return str(n)


# ---------------------------------------------------------------------------------------------
# Numbering definitions


@dataclass(frozen=True)
class _Level:
    start: int = 0  # ECMA-376: an omitted w:start means 0
    fmt: str = "decimal"
    custom: str | None = None
    text: str | None = None  # lvlText; None → the level draws no label
    restart: int | None = None  # w:lvlRestart (1-based level; 0 = never)
    is_lgl: bool = False
    suff: str = "tab"
    p_style: str | None = None


_NO_LEVEL = _Level()


@dataclass(frozen=True)
class _Definition:
    """A list as used by one w:num: counter key (abstractNumId) and its nine levels."""

    key: str
    levels: list[_Level]
    # Level i restarts when a level shallower than restart_below[i] is used (lvlRestart).
    restart_below: list[int]


@dataclass
class _Num:
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, _Level] = field(default_factory=dict)


def _int(value: str | None, default: int | None = None) -> int | None:
    if value is None:
        return default
    try:
        return int(value.strip())
    except ValueError:
        return default


class _Numbering:
    """numbering.xml and the numbering properties of paragraph styles, and the counters."""

    def __init__(self, package: _Package) -> None:
        self._w = w = f"{{{package.w}}}"
        self._val = w + "val"
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.abstract_links: dict[str, str] = {}  # abstractNumId → numStyleLink style id
        self.nums: dict[int, _Num] = {}
        self.styles: dict[str, tuple[str | None, int | None, int | None]] = {}
        self.default_style: str | None = None
        self._style_cache: dict[str, tuple[int | None, int | None, str | None]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self._started: set[int] = set()
        self._definitions: dict[int, _Definition | None] = {}
        if package.numbering is not None:
            self._load_numbering(package.numbering)
        if package.styles is not None:
            self._load_styles(package.styles)

    # -- loading

    def _load_numbering(self, root: Any) -> None:
        w = self._w
        for abstract in root.iterchildren(w + "abstractNum"):
            aid = abstract.get(w + "abstractNumId")
            if aid is None:
                continue
            levels = {}
            for lvl in abstract.iterchildren(w + "lvl"):
                ilvl = _int(lvl.get(w + "ilvl"))
                if ilvl is not None and 0 <= ilvl <= 8:
                    levels[ilvl] = self._level(lvl)
            self.abstracts[aid] = levels
            link = abstract.find(w + "numStyleLink")
            if link is not None and link.get(self._val):
                self.abstract_links[aid] = link.get(self._val)
        for num in root.iterchildren(w + "num"):
            num_id = _int(num.get(w + "numId"))
            ref = num.find(w + "abstractNumId")
            if num_id is None or ref is None or ref.get(self._val) is None:
                continue
            entry = _Num(ref.get(self._val))
            for override in num.iterchildren(w + "lvlOverride"):
                ilvl = _int(override.get(w + "ilvl"))
                if ilvl is None or not 0 <= ilvl <= 8:
                    continue
                start = override.find(w + "startOverride")
                if start is not None and _int(start.get(self._val)) is not None:
                    entry.start_overrides[ilvl] = _int(start.get(self._val)) or 0
                lvl = override.find(w + "lvl")
                if lvl is not None:
                    entry.level_overrides[ilvl] = self._level(lvl)
            self.nums[num_id] = entry

    def _level(self, lvl: Any) -> _Level:
        w, val = self._w, self._val

        def child(name: str) -> Any:
            return lvl.find(w + name)

        fmt_el = child("numFmt")
        if fmt_el is None:
            # Word 2010 wraps custom formats in mc:AlternateContent with a plain fallback.
            fmt_el = lvl.find(f"{{{MC}}}AlternateContent/{{{MC}}}Fallback/{w}numFmt")
        text_el, start_el, restart_el = child("lvlText"), child("start"), child("lvlRestart")
        lgl_el, suff_el, style_el = child("isLgl"), child("suff"), child("pStyle")
        return _Level(
            start=(_int(start_el.get(val)) or 0) if start_el is not None else 0,
            fmt=fmt_el.get(val, "decimal") if fmt_el is not None else "decimal",
            custom=fmt_el.get(w + "format") if fmt_el is not None else None,
            text=text_el.get(val) if text_el is not None else None,
            restart=_int(restart_el.get(val)) if restart_el is not None else None,
            is_lgl=lgl_el is not None and _on(lgl_el.get(val)),
            suff=suff_el.get(val, "tab") if suff_el is not None else "tab",
            p_style=style_el.get(val) if style_el is not None else None,
        )

    def _load_styles(self, root: Any) -> None:
        w, val = self._w, self._val
        for style in root.iterchildren(w + "style"):
            if style.get(w + "type") not in ("paragraph", "numbering"):
                continue
            sid = style.get(w + "styleId")
            if sid is None:
                continue
            based = style.find(w + "basedOn")
            num_pr = style.find(f"{w}pPr/{w}numPr")
            num_id = ilvl = None
            if num_pr is not None:
                num_id_el, ilvl_el = num_pr.find(w + "numId"), num_pr.find(w + "ilvl")
                num_id = _int(num_id_el.get(val)) if num_id_el is not None else None
                ilvl = _int(ilvl_el.get(val)) if ilvl_el is not None else None
            self.styles[sid] = (based.get(val) if based is not None else None, num_id, ilvl)
            if style.get(w + "type") == "paragraph" and _on(style.get(w + "default"), False):
                self.default_style = sid

    # -- resolving a paragraph to (numId, ilvl)

    def style_numbering(self, style_id: str | None) -> tuple[int | None, int | None, str | None]:
        """numId and ilvl a style gives (following basedOn), and the style that gave numId."""
        if style_id is None:
            style_id = self.default_style
        if style_id is None:
            return None, None, None
        if style_id in self._style_cache:
            return self._style_cache[style_id]
        num_id = ilvl = None
        owner = None
        seen: set[str] = set()
        current: str | None = style_id
        while current is not None and current in self.styles and current not in seen:
            seen.add(current)
            based, s_num, s_ilvl = self.styles[current]
            if num_id is None and s_num is not None:
                num_id, owner = s_num, current
            if ilvl is None and s_ilvl is not None:
                ilvl = s_ilvl
            current = based
        result = (num_id, ilvl, owner)
        self._style_cache[style_id] = result
        return result

    def _definition(self, num_id: int) -> _Definition | None:
        """The counter key and effective levels of a w:num (cached)."""
        if num_id not in self._definitions:
            self._definitions[num_id] = self._resolve_definition(num_id)
        return self._definitions[num_id]

    def _resolve_definition(self, num_id: int) -> _Definition | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        aid = num.abstract_id
        link = self.abstract_links.get(aid)
        if link is not None:
            # numStyleLink: the real definition sits behind a numbering style (follow once).
            target_num, _, _ = self.style_numbering(link)
            target = self.nums.get(target_num) if target_num is not None else None
            if target is not None and target.abstract_id in self.abstracts:
                aid = target.abstract_id
        if aid not in self.abstracts:
            return None
        by_level = dict(self.abstracts[aid])
        by_level.update(num.level_overrides)
        for ilvl, start in num.start_overrides.items():
            by_level[ilvl] = replace(by_level.get(ilvl, _NO_LEVEL), start=start)
        levels = [by_level.get(ilvl, _NO_LEVEL) for ilvl in range(9)]
        thresholds = []
        for ilvl, level in enumerate(levels):
            restart = level.restart
            if restart is None or restart > ilvl:
                restart = ilvl  # default: restart whenever any higher level is used
            thresholds.append(restart)
        return _Definition(aid, levels, thresholds)

    def level_for_style(self, num_id: int, style_id: str | None) -> int:
        """The level whose w:pStyle names this style (how heading styles pick a level), else 0."""
        definition = self._definition(num_id)
        if definition is not None and style_id is not None:
            for ilvl, level in enumerate(definition.levels):
                if level.p_style == style_id:
                    return ilvl
        return 0

    # -- counting

    def label(self, num_id: int, ilvl: int) -> tuple[str, str]:
        """Advance the list counters for one numbered paragraph; (label, suffix kind)."""
        definition = self._definition(num_id)
        if definition is None or not 0 <= ilvl <= 8:
            return "", "nothing"
        levels = definition.levels
        counters = self.counters.setdefault(definition.key, [None] * 9)
        if num_id not in self._started:
            self._started.add(num_id)
            overrides = self.nums[num_id].start_overrides
            if overrides:
                # A num with startOverride starts its list afresh the first time it is used.
                for deeper in range(min(overrides), 9):
                    counters[deeper] = None
        level = levels[ilvl]
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        thresholds = definition.restart_below
        for deeper in range(ilvl + 1, 9):
            if ilvl < thresholds[deeper]:
                counters[deeper] = None
        if level.text is None or level.fmt == "bullet":
            return "", level.suff
        if "%" not in level.text:
            return level.text, level.suff

        def placeholder(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            ref = levels[at]
            value = counters[at]
            if value is None:
                value = ref.start  # a level not used yet shows its start value
            if level.is_lgl and ref.fmt not in ("none", "bullet"):
                return str(value)
            return format_number(value, ref.fmt, ref.custom)

        return _PLACEHOLDER.sub(placeholder, level.text), level.suff


_PLACEHOLDER = re.compile(r"%([1-9])")


def _on(value: str | None, default: bool = True) -> bool:
    """A WordprocessingML on/off value: absent val means on."""
    if value is None:
        return default
    return value.strip().lower() not in ("0", "false", "off")


# ---------------------------------------------------------------------------------------------
# Walking the body


class _Reader:
    def __init__(self, package: _Package, *, original: bool = False) -> None:
        w = f"{{{package.w}}}"
        self.package = package
        self.numbering = _Numbering(package)
        self.t = {
            name: w + name
            for name in (
                "body", "p", "pPr", "rPr", "r", "t", "tab", "ptab", "br", "cr", "noBreakHyphen",
                "softHyphen", "sym", "del", "ins", "moveFrom", "moveTo", "fldChar", "fldSimple",
                "instrText", "delText", "vanish", "pStyle", "numPr", "numId", "ilvl", "val",
                "fldCharType", "type", "char", "sectPr", "tbl", "tr", "trPr", "sdtPr", "sdtEndPr",
                "rt", "tblPr", "tblGrid", "tcPr", "customXmlPr", "smartTagPr", "tc", "gridSpan",
                "vMerge",
            )
        }  # fmt: skip
        self.original = original
        # The text before the tracked changes keeps deletions and drops insertions.
        gone = ("ins", "moveTo") if original else ("del", "moveFrom")
        self.gone = self.t[gone[0]]
        # Containers whose content is not body text (properties, drawings, ruby text …).
        self.skip_block = {
            self.t[n] for n in ("sectPr", "tblPr", "tblGrid", "tcPr", "sdtPr", "sdtEndPr",
                                "customXmlPr", *gone)
        } | {f"{{{MC}}}AlternateContent"}  # fmt: skip
        self.skip_inline = self.skip_block | {
            self.t["pPr"], self.t["rPr"], self.t["rt"], self.t["smartTagPr"],
            w + "drawing", w + "pict", w + "object", f"{{{MATH}}}oMath", f"{{{MATH}}}oMathPara",
        }  # fmt: skip
        # A paragraph holding none of these can take the fast path: its text is exactly the
        # t/tab/br… children of its runs, gathered by lxml's C iterator.
        self.special = tuple(
            (self.skip_inline - {self.t[n] for n in ("pPr", "rPr", "smartTagPr", "sectPr",
             "tblPr", "tblGrid", "tcPr", "sdtPr", "sdtEndPr", "customXmlPr")})
            | {self.t[n] for n in ("fldChar", "vanish", "del", "ins", "moveFrom", "moveTo")}
        )  # fmt: skip
        self.text_tags = tuple(
            self.t[n] for n in ("t", "tab", "ptab", "br", "cr", "noBreakHyphen", "sym")
        ) + ((self.t["delText"],) if original else ())
        self.fields: list[bool] = []  # per open complex field: True while in its instructions
        self.out: list[str] = []
        # Text of paragraphs whose mark was deleted (tracked change), joined once at the next
        # kept mark: a run of such paragraphs stays linear.
        self.carry: list[str] = []
        self.soft_breaks: list[int] = []  # indices into out of lines a w:br started
        self.spans: dict[int, list[CellSpan]] = {}  # row line index → its merged cells

    def lines(self) -> list[str]:
        body = self.package.document.find(self.t["body"])
        if body is None:
            raise ParseError("Word 文档中没有正文（缺少 w:body），无法读取")
        for paragraph in self._paragraphs(body):
            self._paragraph(paragraph)
        carried = "".join(self.carry)
        if carried:
            self.out.extend(_split_lines(carried))
        return self.out

    def pending(self) -> int:
        """How many tracked changes (w:ins, w:del, w:moveFrom, w:moveTo) the body holds."""
        t = self.t
        body = self.package.document.find(t["body"])
        tags = (t["ins"], t["del"], t["moveFrom"], t["moveTo"])
        return 0 if body is None else sum(1 for _ in body.iter(*tags))

    def _paragraphs(self, container: Any) -> Iterator[Any]:
        """Every body paragraph in document order, descending into tables and content controls.

        A table of two or more columns is read here, one line a row (see ``_table``)."""
        t = self.t
        for child in container:
            tag = child.tag
            if tag == t["p"]:
                yield child
            elif tag in self.skip_block or not isinstance(tag, str):
                continue
            elif tag == t["tr"] and self._row_deleted(child):
                continue
            elif tag == t["tbl"] and self._wide(child):
                self._table(child)
            else:
                yield from self._paragraphs(child)

    def _wide(self, table: Any) -> bool:
        """A data table: two or more columns, and no 第X章/条 inside (a table used for layout,
        such as a 目录 with page numbers, is read paragraph by paragraph)."""
        if not any(len(row.findall(self.t["tc"])) > 1 for row in table.iter(self.t["tr"])):
            return False
        return _LAYOUT_RE.search("".join(table.itertext())) is None

    def _table(self, table: Any) -> None:
        """Each row as ``| cell | cell |``; a cell's paragraphs joined by a space, a cell
        continuing a vertical merge left empty (Word's own layout of merged cells)."""
        t = self.t
        carried, self.carry = "".join(self.carry), []
        if carried:
            self.out.extend(_split_lines(carried))
        # Per row line: (its index in out, [(grid column, gridSpan, vMerge state)]), where
        # the state is "restart", "continue" or "" — to give each merged cell its spans.
        grid_rows: list[tuple[int, list[tuple[int, int, str]]]] = []
        for row in table.iter(t["tr"]):
            if self._row_deleted(row):
                continue
            cells: list[str] = []
            merges: list[tuple[int, int, str]] = []
            column = 0
            for cell in row.findall(t["tc"]):
                span, state = self._merge(cell)
                merges.append((column, span, state))
                column += span
                saved, self.out = self.out, []
                for p in self._paragraphs(cell):
                    self._paragraph(p)
                carried, self.carry = "".join(self.carry), []
                if carried:
                    self.out.append(carried)
                text, self.out = " ".join(x.strip() for x in self.out if x.strip()), saved
                cells.append(text.replace("|", "｜"))
            grid_rows.append((len(self.out), merges))
            self.out.append("| " + " | ".join(cells) + " |")
        self._spans(grid_rows)

    def _merge(self, cell: Any) -> tuple[int, str]:
        """A cell's w:gridSpan (≥ 1) and w:vMerge state: "restart", "continue" or ""."""
        t = self.t
        props = cell.find(t["tcPr"])
        if props is None:
            return 1, ""
        span = 1
        grid = props.find(t["gridSpan"])
        if grid is not None:
            try:
                span = max(1, min(int(grid.get(t["val"], "1")), 64))
            except ValueError:
                span = 1
        merge = props.find(t["vMerge"])
        if merge is None:
            return span, ""
        # <w:vMerge/> without a value continues the merge above (ECMA-376 17.4.85).
        return span, "restart" if merge.get(t["val"]) == "restart" else "continue"

    def _spans(self, grid_rows: list[tuple[int, list[tuple[int, int, str]]]]) -> None:
        """Row spans from the vMerge chains; rows with any merged cell go into ``spans``."""
        for r, (line, merges) in enumerate(grid_rows):
            if not any(span > 1 or state for _, span, state in merges):
                continue
            out: list[CellSpan] = []
            for column, span, state in merges:
                down = 1
                if state == "restart":
                    for _, below in grid_rows[r + 1 :]:
                        if not any(c == column and s == "continue" for c, _, s in below):
                            break
                        down += 1
                out.append((span, down, state == "continue"))
            self.spans[line] = out

    def _row_deleted(self, row: Any) -> bool:
        props = row.find(self.t["trPr"])
        return props is not None and props.find(self.gone) is not None

    def _paragraph(self, p: Any) -> None:
        t = self.t
        parts: list[str] = []
        if any(self.fields) or next(p.iter(*self.special), None) is not None:
            self._inline(p, parts)
        else:
            run_tag = t["r"]
            for element in p.iter(*self.text_tags):
                if element.getparent().tag == run_tag:
                    self._content(element, parts)
        props = p.find(t["pPr"])
        mark_deleted = False
        if props is not None:
            mark_props = props.find(t["rPr"])
            mark_deleted = mark_props is not None and mark_props.find(self.gone) is not None
        if mark_deleted:
            # Accepting the deletion joins this paragraph to the next one; it draws no number.
            self.carry.extend(parts)
            return
        text = "".join(self.carry) + "".join(parts)
        self.carry = []
        label, suff = self._label(props)
        lines = _split_lines(text)
        if label:
            lines[0] = _join_label(label, suff, lines[0])
        if "\n" in text:
            # Lines after the first that a soft break started (page breaks aside).
            self.soft_breaks.extend(
                len(self.out) + k for k, line in enumerate(lines) if k and line.strip()
            )
        self.out.extend(lines)

    def _label(self, props: Any) -> tuple[str, str]:
        t = self.t
        style_id = num_id = ilvl = None
        if props is not None:
            style_el = props.find(t["pStyle"])
            style_id = style_el.get(t["val"]) if style_el is not None else None
            num_pr = props.find(t["numPr"])
            if num_pr is not None:
                num_el, ilvl_el = num_pr.find(t["numId"]), num_pr.find(t["ilvl"])
                num_id = _int(num_el.get(t["val"])) if num_el is not None else None
                ilvl = _int(ilvl_el.get(t["val"])) if ilvl_el is not None else None
        numbering = self.numbering
        if num_id is None or ilvl is None:
            s_num, s_ilvl, owner = numbering.style_numbering(style_id)
            if num_id is None:
                num_id = s_num
            if ilvl is None and num_id is not None:
                if s_ilvl is not None:
                    ilvl = s_ilvl
                else:
                    ilvl = numbering.level_for_style(num_id, owner or style_id)
        if not num_id:  # None, or numId 0: "no numbering", even against the style's
            return "", "nothing"
        return numbering.label(num_id, ilvl or 0)

    def _inline(self, element: Any, parts: list[str]) -> None:
        """Append the visible text of a paragraph's content (runs, links, fields, insertions)."""
        t = self.t
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in self.skip_inline:
                continue
            if tag == t["r"]:
                self._run(child, parts)
            else:  # hyperlink, ins, moveTo, smartTag, sdt/sdtContent, fldSimple, ruby base …
                self._inline(child, parts)

    def _run(self, run: Any, parts: list[str]) -> None:
        t = self.t
        props = run.find(t["rPr"])
        if props is not None:
            vanish = props.find(t["vanish"])
            if vanish is not None and _on(vanish.get(t["val"])):
                return  # hidden text: Word neither shows nor prints it
        for child in run:
            tag = child.tag
            if tag == t["fldChar"]:
                kind = child.get(t["fldCharType"])
                if kind == "begin":
                    self.fields.append(True)
                elif kind == "separate" and self.fields:
                    self.fields[-1] = False
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if self.fields and any(self.fields):
                continue  # inside a field's instructions (w:instrText and friends)
            self._content(child, parts)

    def _content(self, child: Any, parts: list[str]) -> None:
        """The text one run child stands for (w:t, w:tab, w:br …); nothing for the rest."""
        t = self.t
        tag = child.tag
        if tag == t["t"] or (self.original and tag == t["delText"]):
            if child.text:
                parts.append(child.text.translate(_WHITESPACE))
        elif tag in (t["tab"], t["ptab"]):
            parts.append(" ")
        elif tag == t["br"]:
            parts.append("\f" if child.get(t["type"]) in ("page", "column") else "\n")
        elif tag == t["cr"]:
            parts.append("\n")
        elif tag == t["noBreakHyphen"]:
            parts.append("-")
        elif tag == t["sym"]:
            code = _int_hex(child.get(t["char"]))
            if code is not None:
                parts.append(chr(code))


_LAYOUT_RE = re.compile(r"第[一二三四五六七八九十百千零〇]+[编章节条]")

# Control characters typed inside w:t show as spaces in Word; "\f" is our page-break mark.
_WHITESPACE = str.maketrans("\t\n\r\f\v", "     ")


def _int_hex(value: str | None) -> int | None:
    if not value:
        return None
    try:
        code = int(value, 16)
    except ValueError:
        return None
    # Symbol fonts address their glyphs at U+F0xx; either way a char is what we can give.
    return code if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else None


def _split_lines(text: str) -> list[str]:
    """Split on line breaks; a page/column break splits only between pieces of text."""
    lines: list[str] = []
    for line in text.split("\n"):
        pieces = line.split("\f")
        if len(pieces) > 1:
            pieces = [piece for piece in pieces if piece.strip()] or [""]
        lines.extend(pieces)
    return lines


def _join_label(label: str, suff: str, text: str) -> str:
    """Label + text as typed: 第一条　为了……, （一）……, 1.……, A text."""
    if _STRUCTURAL_LABEL.match(label):
        stripped = text.lstrip(" \u3000\t")
        return f"{label}{SEPARATOR}{stripped}" if stripped else label
    if suff == "nothing" or not text:
        return label + text
    if label[-1].isascii() and label[-1].isalnum() and not text[0].isspace():
        return f"{label} {text}"  # "1" then a tab: keep the number apart from the words
    return label + text
