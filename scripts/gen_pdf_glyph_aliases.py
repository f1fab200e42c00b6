"""Generate drafting/write/pdf_glyph_aliases.py from the CJK fonts the program prints with.

Qt's PDF writer gives each embedded glyph one Unicode value: the lowest BMP code point whose
cmap entry reaches that glyph (QFontSubset::getReverseMap). Noto CJK draws 一 and the Kangxi
radical ⼀ (U+2F00), 民 and ⺠ (U+2EA0), U+3000 and U+2003 … with one glyph, so the text layer
says ⼀ where the page shows 一. This script reads the fonts' own cmap (and the ligatures their
default ``ccmp``/``liga`` features form, such as —— → one two-em-dash glyph) and writes, for each
code point Qt would pick wrongly, the characters that share its glyph, preferred first.

Usage: .venv/bin/python scripts/gen_pdf_glyph_aliases.py [FONT_FILE ...]
(default: the Debian fonts-noto-cjk and fonts-arphic-ukai files that scripts/setup.sh installs).
Needs fontTools (a dev dependency). Kangxi radicals U+2F00–U+2FD5 are cross-checked against
their NFKC decomposition.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "drafting" / "write" / "pdf_glyph_aliases.py"

DEFAULT_FONTS = [
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
]
#: The families ui/shell/fonts.py prints with (the SC faces of the collections).
FAMILIES = {"Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UKai CN"}

#: Punctuation where Qt's lowest code point is not the one Chinese text uses.
PUNCTUATION = {
    0x2003: 0x3000,  # EM SPACE → IDEOGRAPHIC SPACE (after 第X条)
    0x2012: 0x2013,  # FIGURE DASH → EN DASH
    0x2215: 0xFF0F,  # DIVISION SLASH → FULLWIDTH SOLIDUS
    0x2329: 0x3008,  # deprecated angle brackets → CJK 〈 〉
    0x232A: 0x3009,
    0x301C: 0xFF5E,  # WAVE DASH → FULLWIDTH TILDE (～ in 第一条～第三条)
}
#: The GSUB features Qt's shaper applies by default to CJK text.
DEFAULT_FEATURES = {"ccmp", "liga"}


def is_radical(cp: int) -> bool:
    return 0x2E80 <= cp <= 0x2FDF


def is_unified(cp: int) -> bool:
    return 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x323AF


def faces(paths: list[str]) -> list[TTFont]:
    found = []
    for path in paths:
        fonts = TTCollection(path, lazy=True).fonts if path.endswith(".ttc") else [TTFont(path)]
        found += [f for f in fonts if f["name"].getDebugName(1) in FAMILIES]
    return found


def qt_pick(codes: list[int]) -> int | None:
    bmp = [c for c in codes if c < 0x10000]
    return min(bmp) if bmp else None


def radical_candidates(group: list[int]) -> list[str]:
    ideographs = sorted((c for c in group if is_unified(c)), key=lambda c: (c >= 0x10000, c))
    out = [chr(c) for c in ideographs]
    for c in group:  # a compatibility ideograph stands for its unified one
        nfkc = unicodedata.normalize("NFKC", chr(c))
        if len(nfkc) == 1 and is_unified(ord(nfkc)) and nfkc not in out:
            out.append(nfkc)
    return out


def ligatures(font: TTFont) -> list[tuple[list[str], str]]:
    """(component glyph names, ligature glyph name) of the default ccmp/liga lookups."""
    gsub = font["GSUB"].table
    wanted = {
        i
        for rec in gsub.FeatureList.FeatureRecord
        if rec.FeatureTag in DEFAULT_FEATURES
        for i in rec.Feature.LookupListIndex
    }
    out = []
    for i in sorted(wanted):
        lookup = gsub.LookupList.Lookup[i]
        for sub in lookup.SubTable:
            table = sub.ExtSubTable if lookup.LookupType == 7 else sub
            for first, ligs in getattr(table, "ligatures", {}).items():
                out += [([first, *lig.Component], lig.LigGlyph) for lig in ligs]
    return out


def aliases(paths: list[str]) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}

    def add(key: int, candidates: list[str]) -> None:
        have = table.setdefault(chr(key), [])
        have += [c for c in candidates if c not in have and c != chr(key)]

    for font in faces(paths):
        cmap = font.getBestCmap()
        groups: dict[str, list[int]] = {}
        for cp, glyph in cmap.items():
            groups.setdefault(glyph, []).append(cp)
        picks = {glyph: qt_pick(codes) for glyph, codes in groups.items()}
        for glyph, codes in groups.items():
            pick = picks[glyph]
            if pick is None:
                continue
            if is_radical(pick):
                add(pick, radical_candidates(codes))
            elif pick in PUNCTUATION and PUNCTUATION[pick] in codes:
                add(pick, [chr(PUNCTUATION[pick])])
        for components, lig in ligatures(font):
            pick = picks.get(lig)
            chars = [picks.get(g) for g in components]
            if pick is None or None in chars:
                continue  # a glyph with no code point: Qt writes no ToUnicode entry for it
            add(pick, ["".join(chr(c) for c in chars if c is not None)])
    # Every Kangxi radical, whether or not a font shares its glyph. Where an SC face draws the
    # radical as the simplified form (⼾ as 户, not NFKC's 戶), the font's glyph decides.
    for cp in range(0x2F00, 0x2FD6):
        nfkc = unicodedata.normalize("NFKC", chr(cp))
        have = table.get(chr(cp))
        if have and have[0] != nfkc:
            print(f"U+{cp:04X} {chr(cp)}: the font's glyph is {have[0]}, NFKC gives {nfkc}")
        add(cp, [nfkc])
    return {k: v for k, v in sorted(table.items()) if v}


def render(table: dict[str, list[str]]) -> str:
    """The text of the generated module."""
    lines = [
        '"""Characters that share one glyph in the CJK fonts we print with (generated; do not edit).',
        "",
        "Made by scripts/gen_pdf_glyph_aliases.py from the fonts' cmap and default ligatures.",
        "Key: the code point Qt's PDF writer puts in the ToUnicode map for the glyph (the lowest",
        "BMP code point reaching it); value: the texts that glyph may stand for, preferred first.",
        '"""',
        "",
        "GLYPH_ALIASES: dict[str, tuple[str, ...]] = {",
    ]

    def literal(text: str) -> str:  # double quotes, spaces escaped: stable under ruff format
        return json.dumps(text, ensure_ascii=not text.isprintable() or text.isspace())

    for key, values in table.items():
        vals = ", ".join(literal(v) for v in values) + ("," if len(values) == 1 else "")
        lines.append(f"    {literal(key)}: ({vals}),  # U+{ord(key):04X}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    table = aliases(argv or DEFAULT_FONTS)
    OUT.write_text(render(table), encoding="utf-8")
    print(f"{len(table)} entries → {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
