"""Bar charts of comments per article and per source, drawn headless as PNG with Pillow.

No Qt here: the charts go into the .docx summary from the command line too. Chinese labels need
a CJK font file; the Simplified Chinese face of Noto Sans/Serif CJK is looked for where Debian,
Fedora, Windows and macOS keep it, then asked of fontconfig.
"""

from __future__ import annotations

import functools
import io
import subprocess
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

_FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "/System/Library/Fonts/PingFang.ttc",
)

#: Charts list at most this many bars; the rest is summed up in a note under the title.
MAX_BARS = 40

_INK = (40, 40, 40)
_BAR = (178, 34, 34)  # the red of official documents, muted
_GRID = (220, 220, 220)
_SCALE = 2  # drawn at twice the size, for print


@functools.cache
def font_file() -> tuple[str, int] | None:
    """A CJK font file and the index of its Simplified Chinese face, or None if none is found."""
    paths = [p for p in _FONT_CANDIDATES if Path(p).is_file()]
    try:
        found = subprocess.run(
            ["fc-match", "Noto Sans CJK SC", "--format", "%{file}"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout.strip()
        if found and Path(found).is_file():
            paths.insert(0, found)
    except (OSError, subprocess.SubprocessError):
        pass
    for path in paths:
        for face in range(8):
            try:
                font = ImageFont.truetype(path, 12, index=face)
            except OSError:
                break
            family = font.getname()[0] or ""
            if "SC" in family or not path.endswith(".ttc"):
                return path, face
        return path, 0
    return None


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    found = font_file()
    if found is None:
        return ImageFont.load_default()
    path, face = found
    return ImageFont.truetype(path, size * _SCALE, index=face)


def bar_chart(
    items: Sequence[tuple[str, int]], title: str, *, note: str = "", width: int = 900
) -> bytes:
    """A horizontal bar chart (label | bar | count) as PNG bytes, one bar per item in order."""
    s = _SCALE
    label_font, title_font = _font(14), _font(18)
    row, top, left_pad = 26 * s, (70 if note else 50) * s, 16 * s
    label_width = max([_text_width(label_font, label) for label, _ in items] + [40 * s]) + 12 * s
    width_px = width * s
    bar_left = left_pad + label_width
    bar_space = width_px - bar_left - 70 * s
    height = top + row * max(len(items), 1) + 20 * s
    image = Image.new("RGB", (width_px, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((left_pad, 12 * s), title, font=title_font, fill=_INK)
    if note:
        draw.text((left_pad, 40 * s), note, font=label_font, fill=(110, 110, 110))
    peak = max([n for _, n in items] + [1])
    for tick in range(1, 5):
        x = bar_left + bar_space * tick // 4
        draw.line([(x, top - 4 * s), (x, height - 16 * s)], fill=_GRID, width=s)
    for position, (label, count) in enumerate(items):
        y = top + position * row
        draw.text((left_pad, y + 4 * s), label, font=label_font, fill=_INK)
        length = max(int(bar_space * count / peak), s if count else 0)
        draw.rectangle([bar_left, y + 5 * s, bar_left + length, y + row - 5 * s], fill=_BAR)
        draw.text((bar_left + length + 6 * s, y + 4 * s), str(count), font=label_font, fill=_INK)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _text_width(font: ImageFont.FreeTypeFont | ImageFont.ImageFont, text: str) -> int:
    left, _, right, _ = font.getbbox(text)
    return int(right - left)


def articles_chart(by_article: dict[str, int], *, max_bars: int = MAX_BARS) -> bytes:
    """Comments per article, in text order; with many articles, the busiest ``max_bars``."""
    items = list(by_article.items())
    note = ""
    if len(items) > max_bars:
        keep = {label for label, _ in sorted(items, key=lambda kv: -kv[1])[:max_bars]}
        rest = [(label, n) for label, n in items if label not in keep]
        items = [(label, n) for label, n in items if label in keep]
        note = f"意见最多的{max_bars}处；另有{len(rest)}处共{sum(n for _, n in rest)}条意见未列出"
    return bar_chart(items, "各条款意见数量", note=note)


def sources_chart(by_source: dict[str, int]) -> bytes:
    """Comments per source (社会公众, 人大代表 …)."""
    return bar_chart(list(by_source.items()), "意见来源分布")
