"""Fonts: the application's SC font, the government font names, and the house style per role.

Government documents name 仿宋_GB2312, 方正小标宋简体, 楷体_GB2312 and 黑体. Office machines often
have them; Linux machines usually do not. ``install_fonts`` maps each of those names to an
installed family (Noto Serif/Sans CJK SC, AR PL UKai), and ``house_font`` picks the real font
when present, else its stand-in, so the screen, printing and export agree on one choice. The
roles, names and sizes themselves are the house style's (``drafting.write.house_style``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from drafting.write.house_style import FONTS, FontRole, FontSpec

SANS_SC = "Noto Sans CJK SC"
SERIF_SC = "Noto Serif CJK SC"

#: Stand-ins, best first, for each kind of government font.
_SERIF_STANDINS = [
    SERIF_SC,
    "Source Han Serif SC",
    "Source Han Serif CN",
    "Noto Serif SC",
    "SimSun",
]
_SANS_STANDINS = [
    SANS_SC,
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "Microsoft YaHei",
    "WenQuanYi Micro Hei",
]
_KAI_STANDINS = ["AR PL UKai CN", "AR PL UKai TW", "AR PL UKai HK", *_SERIF_STANDINS]

#: Government font name → the stand-ins to try when it is not installed.
GOVERNMENT_FONTS: dict[str, list[str]] = {
    "仿宋_GB2312": _SERIF_STANDINS,
    "仿宋": _SERIF_STANDINS,
    "FangSong": _SERIF_STANDINS,
    "FangSong_GB2312": _SERIF_STANDINS,
    "方正小标宋简体": _SERIF_STANDINS,
    "方正小标宋_GBK": _SERIF_STANDINS,
    "小标宋": _SERIF_STANDINS,
    "宋体": _SERIF_STANDINS,
    "SimSun": _SERIF_STANDINS,
    "楷体_GB2312": _KAI_STANDINS,
    "楷体": _KAI_STANDINS,
    "KaiTi": _KAI_STANDINS,
    "KaiTi_GB2312": _KAI_STANDINS,
    "黑体": _SANS_STANDINS,
    "SimHei": _SANS_STANDINS,
}


#: The parts of a regulation text that the house style sets in their own font (title, 题注,
#: headings, 第X条, body): the house style's font roles.
Role = FontRole


@cache
def installed_families() -> frozenset[str]:
    """The font families Qt can use (needs a QGuiApplication); read once per run."""
    return frozenset(QFontDatabase.families())


def first_installed(candidates: list[str], families: frozenset[str] | None = None) -> str | None:
    """The first of ``candidates`` that is installed, or None."""
    available = installed_families() if families is None else families
    return next((name for name in candidates if name in available), None)


def install_fonts(app: QApplication) -> None:
    """Set the application font to an SC family and map the government font names.

    Without this Qt falls back to Noto Sans CJK JP, whose glyphs for 令, 刃, 骨 differ from the
    mainland forms.
    """
    families = installed_families()
    for name, standins in GOVERNMENT_FONTS.items():
        present = [f for f in standins if f in families]
        if name not in families and present:
            QFont.insertSubstitutions(name, present)
    ui_family = first_installed(_SANS_STANDINS, families)
    if ui_family:
        font = QFont(app.font())
        font.setFamilies(
            [ui_family, *[f for f in _SANS_STANDINS if f in families and f != ui_family]]
        )
        app.setFont(font)


def house_font(role: Role | str, scale: float = 1.0) -> QFont:
    """The house-style font for one role: the government font if installed, else a stand-in.

    ``scale`` multiplies the print size (the reading pane shows the text smaller than paper).
    """
    return font_for(FONTS[Role(role)], scale)


def font_for(spec: FontSpec, scale: float = 1.0, fallback: Sequence[str] = ()) -> QFont:
    """A font of the house style (``drafting.write.house_style``): its government font if
    installed, else the stand-ins that are, else ``fallback`` (or the government names, left
    to Qt's substitution); at ``scale`` times its print size."""
    families = installed_families()
    real = first_installed(list(spec.names), families)
    standins = [f for f in GOVERNMENT_FONTS[spec.names[0]] if f in families]
    font = QFont()
    font.setFamilies([real, *standins] if real else standins or list(fallback or spec.names))
    font.setPointSizeF(spec.size_pt * scale)
    if spec.bold:
        font.setBold(True)
    elif not real and spec.heavy_standin:
        # Noto Serif has no 小标宋 look; its heavier weight comes closest on screen and paper.
        font.setWeight(QFont.Weight.Bold)
    return font
