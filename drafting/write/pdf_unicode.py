"""Make a PDF's text layer say what its pages show: rewrite the fonts' ToUnicode maps.

Qt's PDF writer (QPdfWriter, QPrinter in PDF mode) gives each embedded glyph the *lowest* BMP
code point that reaches it in the font's cmap (``QFontSubset::getReverseMap``). The Noto CJK
fonts draw 一 and the Kangxi radical ⼀ (U+2F00), 民 and ⺠ (U+2EA0), U+3000 and U+2003 with one
glyph, so ``pdftotext`` and copy-paste gave ⼀ for 一 and a search for 第一条 found nothing; a
``——`` shaped into the font's two-em-dash ligature came out as ⸺. Qt has no switch for this, so
``repair_to_unicode`` rewrites the finished file: each ToUnicode destination that
``GLYPH_ALIASES`` (generated from the fonts' own cmap) lists is replaced by the character sharing
its glyph — the one the printed text actually uses, when the text is given.

Glyphs and their positions are untouched, so the page layout is exactly Qt's. Characters
outside the BMP (𠀀) get no ToUnicode entry from Qt at all; that is not repaired here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from drafting.write.pdf_glyph_aliases import GLYPH_ALIASES

_CODESPACE = re.compile(rb"begincodespacerange(.*?)endcodespacerange", re.S)
_SECTION = re.compile(rb"begin(bfchar|bfrange)(.*?)end\1", re.S)
_TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|\[|\]")
#: The PDF spec allows at most 100 entries in one bfchar block.
_BLOCK = 100


@dataclass(frozen=True)
class Repair:
    """What ``repair_to_unicode`` did: ToUnicode maps rewritten and entries changed."""

    maps: int
    entries: int


def _decode(hex_bytes: bytes) -> str:
    raw = bytes.fromhex(re.sub(rb"\s", b"", hex_bytes).decode("ascii"))
    return raw.decode("utf-16-be", errors="replace")


def _encode(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def parse_to_unicode(data: bytes) -> dict[str, str]:
    """The bfchar/bfrange entries of a ToUnicode CMap: source code (upper-case hex, its byte
    width kept) → text. Raises ValueError on a malformed entry."""
    mapping: dict[str, str] = {}
    for kind, body in _SECTION.findall(data):
        tokens: list[bytes | None] = []  # hex strings, None for "[" and "]" markers
        for match in _TOKEN.finditer(body):
            tokens.append(match.group(1) if match.group(1) is not None else None)
        i = 0
        if kind == b"bfchar":
            while i + 1 < len(tokens):
                src, dst = tokens[i], tokens[i + 1]
                if src is None or dst is None:
                    raise ValueError("bfchar entry without two hex strings")
                mapping[src.decode().upper()] = _decode(dst)
                i += 2
            continue
        while i + 2 < len(tokens):
            lo, hi = tokens[i], tokens[i + 1]
            if lo is None or hi is None:
                raise ValueError("bfrange entry without its bounds")
            width = len(lo)
            first, last = int(lo, 16), int(hi, 16)
            if tokens[i + 2] is None:  # <lo> <hi> [<d0> <d1> …]
                j = i + 3
                dests: list[str] = []
                while j < len(tokens) and tokens[j] is not None:
                    dests.append(_decode(tokens[j] or b""))
                    j += 1
                for offset, dest in enumerate(dests[: last - first + 1]):
                    mapping[f"{first + offset:0{width}X}"] = dest
                i = j + 1
            else:  # <lo> <hi> <dst>: the destination's last code unit counts up
                start = _decode(tokens[i + 2] or b"")
                for offset in range(last - first + 1):
                    dest = start[:-1] + chr(ord(start[-1]) + offset) if start else ""
                    mapping[f"{first + offset:0{width}X}"] = dest
                i += 3
    return mapping


def write_to_unicode(mapping: dict[str, str], codespace: bytes) -> bytes:
    """A ToUnicode CMap holding ``mapping`` as bfchar entries, with the given codespace
    ranges (the body between begincodespacerange and endcodespacerange)."""
    ranges = len(re.findall(rb"<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>", codespace))
    out = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        f"{ranges} begincodespacerange",
        codespace.decode("ascii").strip(),
        "endcodespacerange",
    ]
    items = sorted(mapping.items(), key=lambda kv: (len(kv[0]), kv[0]))
    for start in range(0, len(items), _BLOCK):
        block = items[start : start + _BLOCK]
        out.append(f"{len(block)} beginbfchar")
        out += [f"<{src}> <{_encode(dest)}>" for src, dest in block]
        out.append("endbfchar")
    out += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end", ""]
    return "\n".join(out).encode("ascii")


def choose_text(qt_text: str, counts: Counter[str] | None, full_text: str = "") -> str:
    """The text a glyph stands for, given the text Qt wrote for it.

    Without the printed text (``counts`` None) the preferred alias wins (一 for ⼀). With it,
    the alias the text uses most wins, so a text that really holds a radical keeps it.
    """
    aliases = GLYPH_ALIASES.get(qt_text)
    if not aliases:
        return qt_text
    if counts is None:
        return aliases[0]

    def used(text: str) -> int:
        return counts[text] if len(text) == 1 else full_text.count(text)

    options = [*aliases, qt_text]  # on a tie the alias (the ideograph) wins
    return max(options, key=lambda t: (used(t), -options.index(t)))


def repair_to_unicode(path: Path, text: str | None = None) -> Repair:
    """Rewrite, in place, every font ToUnicode map of the PDF at ``path`` whose destinations
    ``GLYPH_ALIASES`` lists; ``text`` is what was printed (it decides between aliases, see
    ``choose_text``). Files need not come from Qt. Raises pikepdf.PdfError on an unreadable
    file; a file with nothing to change is left byte for byte as it was."""
    # pikepdf (qpdf) reads and writes the file without touching page content; imported here so
    # headless commands that never write a PDF do not load it.
    import pikepdf

    counts = Counter(text) if text is not None else None
    maps = entries = 0
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        done: set[tuple[int, int]] = set()
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/Font":
                continue
            stream = obj.get("/ToUnicode")
            if not isinstance(stream, pikepdf.Stream) or stream.objgen in done:
                continue
            done.add(stream.objgen)
            data = stream.read_bytes()
            mapping = parse_to_unicode(data)
            changed = 0
            for src, dest in mapping.items():
                better = choose_text(dest, counts, text or "")
                if better != dest:
                    mapping[src] = better
                    changed += 1
            if not changed:
                continue
            codespace = _CODESPACE.search(data)
            stream.write(
                write_to_unicode(mapping, codespace.group(1) if codespace else b"<0000> <FFFF>")
            )
            maps += 1
            entries += changed
        if maps:
            pdf.save(path)
    return Repair(maps, entries)
