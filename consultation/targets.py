"""Turn what a commenter wrote about *where* (第十二条, 十二, 第12条第2款, 总体意见) into a target.

Portal sheets have a 条款 column written by hand; letters name articles inside their points.
What cannot be read becomes a whole-draft comment with a note — never a guess at an article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from consultation.draft_index import DraftIndex
from consultation.model import WHOLE_DRAFT, Target, simplified
from drafting.model.numerals import from_chinese, to_chinese
from drafting.model.units import UnitKind

_N = r"[零一二三四五六七八九十百千两〇0-9０-９]+"
_ARTICLE = re.compile(
    rf"第\s*(?P<a>{_N})\s*条"
    rf"(?:\s*之\s*(?P<ins>{_N}))?"
    rf"(?:\s*第\s*(?P<p>{_N})\s*款)?"
    rf"(?:\s*第?\s*[（(]\s*(?P<i>{_N})\s*[）)]\s*项?|\s*第\s*(?P<i2>{_N})\s*项)?"
)
_BARE = re.compile(rf"^\s*(?P<a>{_N})\s*(?:条)?(?:\s*之\s*(?P<ins>{_N}))?\s*[。.]?\s*$")
_LIST = re.compile(rf"第\s*(?P<a>{_N})(?:\s*[、，,和及至到—－-]\s*第?\s*{_N})+\s*条")
#: A further part written after an article reference: 、第二款 / 、十三条 / 、（二）项 / 和第三项.
_MORE = re.compile(
    rf"\s*(?:[、，,和及]|以及)\s*第?\s*"
    rf"(?:(?P<a>{_N})\s*条|(?P<p>{_N})\s*款|[（(]\s*(?P<i>{_N})\s*[）)]\s*项?|(?P<i2>{_N})\s*项)"
)
_CHAPTER = re.compile(rf"^\s*第\s*(?P<c>{_N})\s*章")
#: Words meaning "the draft as a whole" in a 条款 cell.
WHOLE_DRAFT_WORDS = (
    "总体",
    "整体",
    "全文",
    "通篇",
    "综合",
    "总的",
    "立法",
    "标题",
    "名称",
    "题目",
    "题注",
    "全部",
)
_EMPTY_WORDS = frozenset({"", "无", "-", "—", "/", "／", "其他", "其它", "全文", "未填写"})
# A 第X条 right after 》 or 法 cites another law (《中华人民共和国XX法》第十二条), not our draft.
_CITES_OTHER = re.compile(r"(》|法|规定|办法|细则|决定)\s*$")


def _number(text: str | None) -> int:
    if not text:
        return 0
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return from_chinese(text)


@dataclass(frozen=True)
class Resolved:
    """A target read from text, and a note (Chinese) when it was not read exactly.

    ``also`` holds the further units a cell names (第十二、十三条: the target is 第十二条, also
    第十三条); ``missing`` the articles it names that the draft lacks (第六十条), shown as such
    rather than filed under 总体 silently."""

    target: Target
    note: str = ""
    also: tuple[str, ...] = ()
    missing: str = ""


_RANGE = re.compile(rf"第\s*(?P<a>{_N})\s*条?\s*(?:至|到|—|－|-|~|～)\s*第?\s*(?P<b>{_N})\s*条")
_MAX_RANGE = 60


def _several(text: str, index: DraftIndex) -> Resolved | None:
    """A cell naming several articles (第十二、十三条; 第二十三条、第二十四条; 第十二条至第十四条),
    or None when it names one at most."""
    found: list[tuple[int, Resolved]] = []
    rest = text
    for m in _RANGE.finditer(text):
        try:
            first, last = _number(m.group("a")), _number(m.group("b"))
        except ValueError:
            continue
        if not 0 < first < last or last - first > _MAX_RANGE:
            continue
        for n in range(first, last + 1):
            found.append((m.start() + n - first, _article(n, index)))
        rest = rest[: m.start()] + " " * (m.end() - m.start()) + rest[m.end() :]
    for m in _LIST.finditer(rest):
        for k, number in enumerate(re.findall(_N, m.group(0))):
            try:
                found.append((m.start() + k, _article(_number(number), index)))
            except ValueError:
                continue
        rest = rest[: m.start()] + " " * (m.end() - m.start()) + rest[m.end() :]
    for m in _ARTICLE.finditer(rest):
        found.append((m.start(), _from_match(m, index, m.group(0))))
        # Further parts written after it: 第十二条第一款、第二款; 第十二条、十三条; 第（一）、（二）项.
        groups = m.groupdict()
        article, insert = groups.get("a"), groups.get("ins")
        paragraph, item = groups.get("p"), groups.get("i") or groups.get("i2")
        at = m.end()
        while (more := _MORE.match(rest, at)) is not None:
            if more.group("a"):
                article, insert, paragraph, item = more.group("a"), None, None, None
            elif more.group("p"):
                paragraph, item = more.group("p"), None
            else:
                item = more.group("i") or more.group("i2")
            written = more.group(0).lstrip("、，, 和及以")
            found.append(
                (more.start(), _from_numbers(index, article, insert, paragraph, item, written))
            )
            at = more.end()
    if len(found) < 2:
        return None
    found.sort(key=lambda entry: entry[0])
    uids: list[str] = []
    missing: list[str] = []
    notes: list[str] = []
    for _, resolved in found:
        if resolved.missing:
            if resolved.missing not in missing:
                missing.append(resolved.missing)
        elif resolved.target.uid is not None and resolved.target.uid not in uids:
            uids.append(resolved.target.uid)
            if resolved.note:
                notes.append(resolved.note)
    if not uids:
        names = "、".join(missing)
        return Resolved(WHOLE_DRAFT, f"草案中没有{names}", missing=names)
    return Resolved(Target(uids[0]), "；".join(notes), tuple(uids[1:]), "、".join(missing))


def _article(number: int, index: DraftIndex) -> Resolved:
    uid = index.articles_by_number.get((number, 0))
    if uid is None:
        name = f"第{to_chinese(number)}条"
        return Resolved(WHOLE_DRAFT, f"草案中没有{name}", missing=name)
    return Resolved(Target(uid))


def resolve_target(cell: str, index: DraftIndex) -> Resolved:
    """The target named by a 条款 cell: article, paragraph, item, chapter, or the whole draft."""
    text = simplified(cell.strip().replace("\u3000", " "))
    if (
        text in _EMPTY_WORDS
        or any(w in text for w in WHOLE_DRAFT_WORDS)
        and not _ARTICLE.search(text)
    ):
        return Resolved(WHOLE_DRAFT)
    several = _several(text, index)
    if several is not None:
        return several
    match = _ARTICLE.search(text) or _BARE.match(text)
    if match is not None:
        return _from_match(match, index, text)
    chapter = _CHAPTER.match(text)
    if chapter is not None:
        ordinal = _number(chapter.group("c"))
        for uid, unit in index.units.items():
            number = index.numbers.get(uid)
            if unit.kind is UnitKind.CHAPTER and number and number.ordinal == ordinal:
                return Resolved(Target(uid))
        return Resolved(WHOLE_DRAFT, f"草案中没有第{chapter.group('c')}章，按总体意见处理")
    return Resolved(WHOLE_DRAFT, f"未能识别条款“{text}”，按总体意见处理")


def _from_match(match: re.Match[str], index: DraftIndex, text: str) -> Resolved:
    groups = match.groupdict()
    return _from_numbers(
        index,
        groups.get("a"),
        groups.get("ins"),
        groups.get("p"),
        groups.get("i") or groups.get("i2"),
        text,
    )


def _from_numbers(
    index: DraftIndex,
    article_text: str | None,
    insert_text: str | None,
    paragraph_text: str | None,
    item_text: str | None,
    text: str,
) -> Resolved:
    """The unit named by an article, 之, 款 and 项 number as written (each may be None)."""
    try:
        article_no = _number(article_text)
        insert = _number(insert_text)
        paragraph_no = _number(paragraph_text)
        item_no = _number(item_text)
    except ValueError:
        return Resolved(WHOLE_DRAFT, f"未能识别条款“{text}”，按总体意见处理")
    article = index.articles_by_number.get((article_no, insert))
    if article is None:
        name = f"第{to_chinese(article_no)}条" + (f"之{to_chinese(insert)}" if insert else "")
        quoted = "" if text == name else f"（“{text}”）"
        return Resolved(WHOLE_DRAFT, f"草案中没有{name}{quoted}", missing=name)
    if not paragraph_no:
        if item_no:
            # 第十二条第（三）项: the item of the article's only paragraph, if it has one.
            paragraph = index.paragraph(article, 1)
            item = index.item(paragraph, item_no) if paragraph else None
            if item is not None and len(index.units[article].children) == 1:
                return Resolved(Target(item))
            paragraphs = range(1, len(index.units[article].children) + 1)
            if any(
                (p := index.paragraph(article, n)) and index.item(p, item_no) for n in paragraphs
            ):
                return Resolved(Target(article))  # an item of one of several paragraphs
            label = index.label(article)
            return Resolved(
                Target(article),
                f"{label}第（{to_chinese(item_no)}）项（草案中无此项），按{label}归类",
            )
        return Resolved(Target(article))
    paragraph = index.paragraph(article, paragraph_no)
    if paragraph is None:
        return _filed_under(index, article, f"第{to_chinese(paragraph_no)}款")
    if not item_no:
        return Resolved(Target(paragraph))
    item = index.item(paragraph, item_no)
    if item is None:
        return _filed_under(index, paragraph, f"第（{to_chinese(item_no)}）项")
    return Resolved(Target(item))


def _filed_under(index: DraftIndex, uid: str, missing: str) -> Resolved:
    """The cell names a part ``missing`` that unit ``uid`` lacks: file it under the unit."""
    label = index.label(uid)
    return Resolved(Target(uid), f"{label}没有{missing}，按{label}归类")


def find_article_mention(text: str, index: DraftIndex) -> Resolved | None:
    """The articles of *this* draft named in a sentence (关于第十二条…; 第二十三条、第二十四条
    give the first as target and the rest in ``also``); None if none.

    Citations of other laws (《…法》第十二条) are passed over.
    """
    own = text
    first: re.Match[str] | None = None
    for match in _ARTICLE.finditer(text):
        if _CITES_OTHER.search(text[max(0, match.start() - 6) : match.start()]):
            own = own[: match.start()] + " " * (match.end() - match.start()) + own[match.end() :]
        elif first is None:
            first = match
    several = _several(own, index)
    if several is not None:
        return several
    if first is None:
        return None
    return _from_match(first, index, first.group(0))
