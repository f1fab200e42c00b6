"""ToUnicode repair: CMap parsing and writing, the choice between glyph aliases, the generated
table, and a real PDF file rewritten with pikepdf (no Qt)."""

from __future__ import annotations

import importlib.util
import unicodedata
from collections import Counter
from pathlib import Path

import pikepdf
import pytest

from drafting.write.pdf_glyph_aliases import GLYPH_ALIASES
from drafting.write.pdf_unicode import (
    choose_text,
    parse_to_unicode,
    repair_to_unicode,
    write_to_unicode,
)

ROOT = Path(__file__).resolve().parents[3]

# The shape Qt writes (QFontSubset::createToUnicodeMap): bfrange entries, some with arrays.
QT_CMAP = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
3 beginbfrange
<0000> <0000> <0000>
<0001> <0003> [<7B2C> <2F00> <6761>]
<0004> <0006> <2EA0>
endbfrange
2 beginbfchar
<0007> <2E3A>
<0008> <2003>
endbfchar
endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""


def test_parse_reads_ranges_arrays_and_chars() -> None:
    mapping = parse_to_unicode(QT_CMAP)
    assert mapping == {
        "0000": "\x00",
        "0001": "第",
        "0002": "⼀",
        "0003": "条",
        "0004": "⺠",
        "0005": "⺡",
        "0006": "⺢",
        "0007": "⸺",
        "0008": "\u2003",
    }


def test_write_round_trips_with_multi_character_and_astral_destinations() -> None:
    mapping = {"0001": "一", "0002": "——", "0003": "𠀀", "0104": "民"}
    data = write_to_unicode(mapping, b"<0000> <FFFF>")
    assert b"1 begincodespacerange" in data
    assert parse_to_unicode(data) == mapping


def test_write_splits_blocks_of_at_most_100() -> None:
    mapping = {f"{i:04X}": chr(0x4E00 + i) for i in range(250)}
    data = write_to_unicode(mapping, b"<0000> <FFFF>")
    assert data.count(b"beginbfchar") == 3 and b"100 beginbfchar" in data
    assert parse_to_unicode(data) == mapping


def test_choose_text_prefers_the_ideograph_and_follows_the_printed_text() -> None:
    assert choose_text("⼀", None) == "一"
    assert choose_text("⺠", None) == "民"
    assert choose_text("\u2003", None) == "\u3000"
    assert choose_text("条", None) == "条"  # not an alias: unchanged
    # A text that really holds the radical (and not the ideograph) keeps it.
    assert choose_text("⼀", Counter("部首⼀")) == "⼀"
    # The same glyph used for both: the more frequent wins; a tie goes to the ideograph.
    assert choose_text("⼀", Counter("一一⼀")) == "一"
    assert choose_text("⼀", Counter("一⼀")) == "一"
    # The font's two-em-dash ligature stands for the two dashes the text has.
    text = "“引号”——说明"
    assert choose_text("⸺", Counter(text), text) == "——"
    assert choose_text("⸺", Counter("⸺"), "⸺") == "⸺"


def test_table_covers_every_radical_block_entry() -> None:
    for cp in range(0x2F00, 0x2FD6):
        radical = chr(cp)
        assert unicodedata.normalize("NFKC", radical) in GLYPH_ALIASES[radical]
    # The SC fonts draw ⼾ as 户 (not NFKC's 戶): the font's own glyph comes first.
    assert GLYPH_ALIASES["⼾"][0] == "户"
    for key, values in GLYPH_ALIASES.items():
        if 0x2E80 <= ord(key) <= 0x2FDF:
            assert all(not 0x2E80 <= ord(v[0]) <= 0x2FDF for v in values), key
    assert GLYPH_ALIASES["⺠"] == ("民",) and GLYPH_ALIASES["⻓"] == ("长",)


def test_generated_table_matches_the_installed_fonts() -> None:
    spec = importlib.util.spec_from_file_location(
        "gen_pdf_glyph_aliases", ROOT / "scripts" / "gen_pdf_glyph_aliases.py"
    )
    assert spec and spec.loader
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    fonts = [f for f in generator.DEFAULT_FONTS if Path(f).exists()]
    if len(fonts) < len(generator.DEFAULT_FONTS):
        pytest.fail(f"fonts missing (scripts/setup.sh installs them): {generator.DEFAULT_FONTS}")
    expected = generator.render(generator.aliases(fonts))
    assert (ROOT / "drafting" / "write" / "pdf_glyph_aliases.py").read_text("utf-8") == expected


def _pdf_with_font(path: Path, cmap: bytes) -> None:
    pdf = pikepdf.new()
    to_unicode = pikepdf.Stream(pdf, cmap)
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type0,
            BaseFont=pikepdf.Name("/NotoSerifCJKsc-Regular"),
            Encoding=pikepdf.Name("/Identity-H"),
            ToUnicode=pdf.make_indirect(to_unicode),
        )
    )
    page = pikepdf.Page(pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842]))
    pdf.pages.append(page)
    pdf.pages[0].Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    pdf.save(path)


def _to_unicode(path: Path) -> dict[str, str]:
    with pikepdf.open(path) as pdf:
        font = pdf.pages[0].Resources.Font.F1
        return parse_to_unicode(font.ToUnicode.read_bytes())


def test_repair_rewrites_the_map_in_the_file(tmp_path: Path) -> None:
    pdf = tmp_path / "qt.pdf"
    _pdf_with_font(pdf, QT_CMAP)
    result = repair_to_unicode(pdf, "第一条　人民——")
    assert (result.maps, result.entries) == (1, 5)  # ⼀ ⺠ ⺡ ⸺ U+2003
    mapping = _to_unicode(pdf)
    assert [mapping[c] for c in ("0001", "0002", "0003", "0004", "0007", "0008")] == [
        "第", "一", "条", "民", "——", "\u3000",
    ]  # fmt: skip
    assert mapping["0005"] == "氵"  # ⺡ shares its glyph with 氵 in Noto CJK
    assert mapping["0006"] == "⺢"  # no ideograph shares ⺢'s glyph: left as Qt wrote it


def test_repair_leaves_a_clean_file_untouched(tmp_path: Path) -> None:
    pdf = tmp_path / "clean.pdf"
    _pdf_with_font(pdf, write_to_unicode({"0001": "一", "0002": "民"}, b"<0000> <FFFF>"))
    before = pdf.read_bytes()
    assert repair_to_unicode(pdf, "一民").entries == repair_to_unicode(pdf).entries == 0
    assert pdf.read_bytes() == before
