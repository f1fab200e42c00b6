"""Read comments out of a letter (.docx): one comment per numbered point, or per paragraph.

A departmental reply or an expert's letter usually reads:

    关于《X市古城保护条例（征求意见稿）》的意见          ← title: skipped
    市人大常委会法制工作委员会：                          ← salutation: skipped
    经研究，提出如下意见：                                ← preamble: skipped
    一、总体意见                                         ← heading: gives context, no comment
    建议进一步明确……。                                   ← a comment (on the whole draft)
    二、具体条款意见
    1. 第十二条第二款“……”，建议修改为……。               ← a comment on 第十二条第二款
    2. 建议删除第三十条。                                 ← a comment on 第三十条
    以上意见，供参考。                                   ← closing: skipped
    X市交通运输局                                        ← signature: the submitter
    2024年5月6日                                         ← date

Points that name 第X条 target that article; the rest target the whole draft or the heading's
article. Nothing here knows about files beyond reading the lines.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from consultation.tabular import CommentImportError

_CN = "零一二三四五六七八九十百〇"
_POINT = re.compile(
    rf"^\s*(?:[{_CN}]+\s*[、.．]|[（(]\s*[{_CN}0-9]+\s*[）)]|[0-9]+\s*[、.．](?![0-9])|"
    rf"[0-9]+\s*[）)]|[①-⑳]|第[{_CN}]+[点项部分][、：:，,]?)\s*"
)
_ARTICLE_START = re.compile(rf"^\s*(?:关于|对|针对)?\s*第[{_CN}0-9]+条")
_DATE = re.compile(
    rf"^\s*(?:[0-9]{{4}}|[{_CN}]{{4}})\s*年\s*[0-9{_CN}]{{1,3}}\s*月\s*[0-9{_CN}]{{1,3}}\s*日\s*$"
    r"|^\s*[0-9]{4}[-./][0-9]{1,2}[-./][0-9]{1,2}\s*$"
)
_CLOSING = re.compile(r"^\s*(以上(意见|建议)|此致|敬礼|特此(函复|复函|说明)|妥否|请予?(参考|研究))")
#: Words that mark a signature as an organisation (局, 委员会, 大学 …) rather than a person.
ORG_WORDS = (
    "局",
    "委",
    "办",
    "院",
    "会",
    "厅",
    "所",
    "中心",
    "公司",
    "大学",
    "学校",
    "人大",
    "政府",
    "处",
    "室",
    "站",
    "部",
    "联系点",
)
_END_PUNCT = "。；;！!？?…"


@dataclass
class LetterPoint:
    """One comment read from a letter: its text, the paragraph it starts at, and its heading."""

    text: str
    paragraph: int  # 1-based index of the first paragraph of the point
    heading: str = ""  # the heading above it (一、关于第五条), for context and target


@dataclass
class Letter:
    """What a letter says: its points, who signed it, and when."""

    points: list[LetterPoint] = field(default_factory=list)
    title: str = ""
    signature: str = ""
    date: dt.date | None = None


#: A signature followed on its line by the date, after a space.
_SIGNED_AND_DATED = re.compile(
    r"^(.*?\S)\s+((?:\d{4}|[〇零一二三四五六七八九]{4})\s*年.{1,3}月.{1,3}日|\d{4}-\d{1,2}-\d{1,2})$"
)


def read_lines(path: Path) -> list[str]:
    """The paragraphs of a .docx as lines, Word's list numbers written out (一、 1. （一）)."""
    from drafting.errors import ParseError
    from drafting.read.docx_lines import docx_lines

    try:
        return docx_lines(path)
    except ParseError as exc:
        raise CommentImportError(str(exc)) from exc


#: What may follow the day in a date line: （星期三）, 上午/下午/晚上, 9时30分, 9:30.
_TIME_OF_DAY = re.compile(
    r"(?<=日)\s*(?:[（(]\s*(?:星期|周)[一二三四五六日天]\s*[）)])?\s*"
    r"(?:[上下中晚早]午|上午|晚上|早上)?\s*(?:[0-9０-９一二三四五六七八九十]{1,3}\s*[时点:：]"
    r"(?:\s*[0-9０-９一二三四五六七八九十]{1,3}\s*分?)?)?\s*(?:左右|许)?$"
)


def parse_date(text: str) -> dt.date | None:
    """A date written 2024年5月6日, 二〇二四年五月六日 or 2024-05-06, possibly followed by the
    time of day as minutes write it (2024年5月12日上午, 2024年5月12日（星期日）下午3时);
    None otherwise."""
    from drafting.model.numerals import from_chinese

    text = _TIME_OF_DAY.sub("", text.strip())
    m = re.match(r"^(\S{4})\s*年\s*(\S{1,3}?)\s*月\s*(\S{1,3}?)\s*日$", text)
    parts: tuple[str, ...]
    if m:
        year = m.group(1)
        if not year.isdigit():
            year = "".join(
                str("〇一二三四五六七八九".index(c)) if c in "〇一二三四五六七八九" else c
                for c in year.replace("零", "〇")
            )
        parts = (year, m.group(2), m.group(3))
    else:
        m = re.match(r"^([0-9]{4})[-./]([0-9]{1,2})[-./]([0-9]{1,2})$", text)
        if not m:
            return None
        parts = m.groups()
    try:
        return dt.date(*(from_chinese(p) for p in parts))
    except ValueError:
        return None


def _is_heading(text: str) -> bool:
    """A short point with no sentence ending: 一、总体意见 / （二）关于第五条."""
    body = _POINT.sub("", text, count=1).strip()
    return len(body) <= 24 and not any(ch in body for ch in _END_PUNCT) and "建议" not in body


def split_letter(lines: list[str]) -> Letter:
    """Split a letter's lines into points, title, signature and date."""
    paragraphs = [(n, line.strip()) for n, line in enumerate(lines, 1) if line.strip()]
    letter = Letter()
    # The end: date, signature, closing formulas.
    while paragraphs:
        _, last = paragraphs[-1]
        if letter.date is None and _DATE.match(last):
            letter.date = parse_date(last)
            paragraphs.pop()
        elif (
            not letter.signature
            and len(last) <= 30
            and not any(c in last for c in _END_PUNCT + "，,：")
        ):
            # One line can hold both: "青岛市水务局  2024年5月10日".
            signed = _SIGNED_AND_DATED.match(last)
            if signed and letter.date is None and parse_date(signed.group(2)) is not None:
                letter.signature, letter.date = signed.group(1), parse_date(signed.group(2))
            else:
                letter.signature = last
            paragraphs.pop()
        elif _CLOSING.match(last) or last in ("敬礼！", "敬礼!"):
            paragraphs.pop()
        else:
            break
    paragraphs = [(n, t) for n, t in paragraphs if not _CLOSING.match(t)]
    # The start: a title (…的意见 / 《…》 without a sentence end), a salutation ending in ：.
    if (
        paragraphs
        and not _POINT.match(paragraphs[0][1])
        and not _ARTICLE_START.match(paragraphs[0][1])
    ):
        first = paragraphs[0][1]
        if not any(c in first for c in _END_PUNCT + "：:"):
            letter.title = first
            paragraphs.pop(0)
    while (
        paragraphs and paragraphs[0][1].endswith(("：", ":")) and not _POINT.match(paragraphs[0][1])
    ):
        paragraphs.pop(0)
    numbered = any(_POINT.match(t) or _ARTICLE_START.match(t) for _, t in paragraphs)
    heading = ""
    current: LetterPoint | None = None
    started = not numbered
    for n, text in paragraphs:
        is_point = bool(_POINT.match(text) or _ARTICLE_START.match(text))
        if is_point and _is_heading(text):
            heading = _POINT.sub("", text, count=1).strip()
            current = None
            started = True
            continue
        if is_point:
            # The point's own label (一、 1. （二）) is numbering, not part of what it says.
            current = LetterPoint(_POINT.sub("", text, count=1).strip() or text, n, heading)
            letter.points.append(current)
            started = True
        elif not started:
            continue  # preamble before the first point (经研究，提出如下意见：)
        elif current is not None and numbered:
            current.text += "\n" + text
        else:
            # A plain paragraph under a heading, or in a letter without numbering.
            letter.points.append(LetterPoint(text, n, heading))
    return letter
