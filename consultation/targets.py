"""Turn what a commenter wrote about *where* (第十二条, 十二, 第12条第2款, 总体意见) into a target.

Portal sheets have a 条款 column written by hand; letters name articles inside their points.
What cannot be read becomes a whole-draft comment with a note — never a guess at an article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from consultation.draft_index import DraftIndex
from consultation.model import WHOLE_DRAFT, Target
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
    """A target read from text, and a note (Chinese) when it was not read exactly."""

    target: Target
    note: str = ""


def resolve_target(cell: str, index: DraftIndex) -> Resolved:
    """The target named by a 条款 cell: article, paragraph, item, chapter, or the whole draft."""
    text = cell.strip().replace("\u3000", " ")
    if (
        text in _EMPTY_WORDS
        or any(w in text for w in WHOLE_DRAFT_WORDS)
        and not _ARTICLE.search(text)
    ):
        return Resolved(WHOLE_DRAFT)
    match = _ARTICLE.search(text) or _BARE.match(text)
    if match is not None:
        resolved = _from_match(match, index, text)
        others = [m for m in _ARTICLE.finditer(text)][1:] if match.re is _ARTICLE else []
        if others and resolved.target.uid is not None and not resolved.note:
            label = index.label(resolved.target.uid)
            return Resolved(resolved.target, f"“{text}”涉及多个条款，按{label}归类")
        return resolved
    listed = _LIST.search(text)
    if listed is not None:
        first = _from_match(_ARTICLE.match(f"第{listed.group('a')}条") or listed, index, text)
        if first.target.uid is not None and not first.note:
            label = index.label(first.target.uid)
            return Resolved(first.target, f"“{text}”涉及多个条款，按{label}归类")
        return first
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
    try:
        article_no = _number(groups.get("a"))
        insert = _number(groups.get("ins"))
        paragraph_no = _number(groups.get("p"))
        item_no = _number(groups.get("i") or groups.get("i2"))
    except ValueError:
        return Resolved(WHOLE_DRAFT, f"未能识别条款“{text}”，按总体意见处理")
    article = index.articles_by_number.get((article_no, insert))
    if article is None:
        name = f"第{to_chinese(article_no)}条" + (f"之{to_chinese(insert)}" if insert else "")
        quoted = "" if text == name else f"（“{text}”）"
        return Resolved(WHOLE_DRAFT, f"草案中没有{name}{quoted}，按总体意见处理")
    if not paragraph_no:
        if item_no:
            # 第十二条第（三）项: the item of the article's only paragraph, if it has one.
            paragraph = index.paragraph(article, 1)
            item = index.item(paragraph, item_no) if paragraph else None
            if item is not None and len(index.units[article].children) == 1:
                return Resolved(Target(item))
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
    """The first article of *this* draft named in a sentence (关于第十二条…); None if none.

    Citations of other laws (《…法》第十二条) are passed over.
    """
    for match in _ARTICLE.finditer(text):
        if _CITES_OTHER.search(text[max(0, match.start() - 6) : match.start()]):
            continue
        return _from_match(match, index, match.group(0))
    return None
