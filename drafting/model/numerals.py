"""Chinese numerals as written in regulation texts (第一百零一条), both ways, for 0–99999."""

from __future__ import annotations

from functools import lru_cache

DIGITS = "零一二三四五六七八九"
_DIGIT_VALUE = {ch: i for i, ch in enumerate(DIGITS)} | {"〇": 0, "两": 2}
_UNITS = ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"))
_UNIT_VALUE = {"十": 10, "百": 100, "千": 1000, "万": 10000}


@lru_cache(maxsize=8192)
def to_chinese(n: int) -> str:
    """Write n the way statutes do: 十, 十一, 二十, 一百零一, 一百一十, 一千零一."""
    if not 0 <= n < 100000:
        raise ValueError(f"out of range for a Chinese numeral: {n}")
    if n == 0:
        return DIGITS[0]
    out: list[str] = []
    pending_zero = False
    rest = n
    for value, unit in _UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if pending_zero:
                out.append(DIGITS[0])
                pending_zero = False
            # 十一…十九 stand alone; inside a larger number the 一 is written (一百一十).
            if not (value == 10 and digit == 1 and not out):
                out.append(DIGITS[digit])
            out.append(unit)
        elif out:
            pending_zero = True
    if rest:
        if pending_zero:
            out.append(DIGITS[0])
        out.append(DIGITS[rest])
    return "".join(out)


def from_chinese(text: str) -> int:
    """Read a Chinese numeral (also tolerates 〇, 两, and plain ASCII digits); ValueError if not one."""
    text = text.strip()
    if not text:
        raise ValueError("empty numeral")
    if text.isascii() and text.isdigit():
        return int(text)
    total = 0
    digit: int | None = None
    for ch in text:
        if ch in _DIGIT_VALUE:
            digit = _DIGIT_VALUE[ch]
        elif ch in _UNIT_VALUE:
            unit = _UNIT_VALUE[ch]
            total += (1 if digit is None else digit) * unit
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    if digit is not None:
        total += digit
    return total


def is_chinese_numeral(text: str) -> bool:
    """True when text is made only of numeral characters (一…九, 零, 〇, 两, 十, 百, 千, 万)."""
    return bool(text) and all(ch in _DIGIT_VALUE or ch in _UNIT_VALUE for ch in text)
