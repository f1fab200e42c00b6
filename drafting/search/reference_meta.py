"""What a published regulation says about itself: issuing body, place, date and status.

Read from the title and the 题注 under it, as the public collections print them::

    宁波市河道管理条例
    （2004年5月29日宁波市第十二届人民代表大会常务委员会第十一次会议通过 …
      2019年4月26日宁波市第十五届人民代表大会常务委员会第二十次会议修订）

The place is the title's leading place name (宁波市); the issuer the body of the first
meeting named (宁波市人民代表大会常务委员会); the date the latest date in the note (the last
revision is the text in force); the status a printed 已废止/失效/已修改 mark, else 现行有效.
Anything not found stays empty: the user can fill it in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from drafting.model.units import Draft

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
#: 宁波市第十五届人民代表大会常务委员会第二十次会议 → 宁波市 … 人民代表大会常务委员会
_BODY = re.compile(
    r"([\u4e00-\u9fff]{2,12}?)第[一二三四五六七八九十百零〇]+届"
    r"(人民代表大会常务委员会|人民代表大会)"
)
_NATIONAL = re.compile(r"(全国人民代表大会常务委员会|全国人民代表大会)")
_GOVERNMENT = re.compile(r"([\u4e00-\u9fff]{2,12}?人民政府)")
#: A title's leading place: 宁波市, 浙江省, 延边朝鲜族自治州, 某某县 … (shortest match).
_PLACE = re.compile(
    r"^([\u4e00-\u9fff]{1,10}?(?:特别行政区|自治区|自治州|自治县|省|市|盟|县|区|旗))"
)
#: Words that name a kind of regulation, never a place (关于……的决定, 中华人民共和国 …).
_NOT_PLACE = ("关于", "中华人民共和国")
#: A status as a collection prints it: 时效性：已废止, 【已修改】 …
_STATUS_MARK = re.compile(
    r"(?:时效性|效力级别|状态)\s*[：:]\s*(现行有效|已修改|已废止|失效|尚未生效)"
)
_STATUS_BRACKET = re.compile(r"[【\[](现行有效|已修改|已废止|失效|尚未生效)[】\]]")


#: Reference statuses (时效性), as the public collections print them.
REFERENCE_STATUSES: tuple[str, ...] = ("现行有效", "已修改", "已废止", "尚未生效")


@dataclass
class ReferenceFacts:
    """The facts of a reference; "" or None where the text does not say them."""

    issuer: str = ""
    place: str = ""
    date: dt.date | None = None
    status: str = "现行有效"


def read_facts(draft: Draft, head: str = "") -> ReferenceFacts:
    """The facts a regulation's title and title note (and ``head``, the first lines of the
    file, where a collection prints 时效性) state."""
    note = draft.title_note or ""
    facts = ReferenceFacts()
    title = draft.title.strip()
    if not title.startswith(_NOT_PLACE):
        found = _PLACE.match(title)
        if found:
            facts.place = found.group(1)
    # Dates out first: in 2019年3月28日江州市第十五届… the body starts after 日.
    bodies = _DATE.sub(" ", note)
    body = _BODY.search(bodies)
    national = _NATIONAL.search(bodies)
    if national and (body is None or national.start() < body.start()):
        facts.issuer = national.group(1)
        facts.place = facts.place or "全国"
    elif body:
        facts.issuer = body.group(1) + body.group(2)
    else:
        government = _GOVERNMENT.search(bodies)
        if government:
            facts.issuer = government.group(1)
    if not facts.place and facts.issuer:
        found = _PLACE.match(facts.issuer)
        if found:
            facts.place = found.group(1)
    dates = [d for d in (_date(m) for m in _DATE.finditer(note)) if d is not None]
    if dates:
        facts.date = max(dates)
    marks = note + "\n" + head
    status = _STATUS_MARK.search(marks) or _STATUS_BRACKET.search(marks)
    if status:
        facts.status = "已废止" if status.group(1) == "失效" else status.group(1)
    return facts


def _date(match: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


_BLANKS = re.compile(r"\s+")


def text_fingerprint(draft: Draft) -> str:
    """sha256 (hex) of the title and every unit's words with blanks removed: the same text
    in another layout (Markdown, plain text, .docx) gives the same fingerprint."""
    digest = hashlib.sha256()
    digest.update(_BLANKS.sub("", draft.title).encode())
    for unit in draft.walk():
        digest.update(b"\x00")
        digest.update(_BLANKS.sub("", unit.heading + unit.text).encode())
    return digest.hexdigest()
