"""Renumbering a text to positional numbers: the explicit action that undoes number locks.

The parser keeps the labels the source printed (``Unit.label``, number locks) where they differ
from position: a gap, a duplicate, an excerpt starting at 第五百零一条. Renumbering binds the
references to those SOURCE labels (第十二条 as printed), clears every lock so numbers follow
from position, and renders the references again with the new numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from drafting.model.numbering import Number, clear_locks, compute_numbers
from drafting.model.numerals import to_chinese
from drafting.model.positions import Context
from drafting.model.references import AMBIGUOUS, BROKEN, ReferenceIndex, rewrite_references
from drafting.model.units import Draft, UnitKind
from drafting.read.files import read_draft
from drafting.read.parse import ParseResult

_ARABIC_ARTICLE_RE = re.compile(r"第\s*([0-9０-９]{1,4})\s*条(?!之)")
_WIDE = str.maketrans("０１２３４５６７８９", "0123456789")
_BODY_KINDS = frozenset({UnitKind.PARAGRAPH, UnitKind.ITEM, UnitKind.SUBITEM})
_LIST_KINDS = frozenset({UnitKind.ITEM, UnitKind.SUBITEM})
_ITEM_STYLE_RE = re.compile(r"([（(])(\s*)[一二三四五六七八九十百]+(\s*)([）)])")
_SUBITEM_STYLE_RE = re.compile(r"([0-9０-９]+)(\s*)([.．、])")
_TO_WIDE = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass
class RenumberReport:
    """What the renumbering did."""

    articles: int = 0
    renumbered: int = 0  # articles whose label changed
    references_rewritten: int = 0
    warnings: list[str] = field(default_factory=list)
    #: Every label shown differently afterwards, any kind (编/章/节/条/款/项/目), in text
    #: order: "第三章 → 第一章", "第二条 （二） → （一）".
    changes: list[str] = field(default_factory=list)


def source_article_labels(path: Path) -> tuple[ParseResult, list[str]]:
    """Read a file (text, .docx or Akoma Ntoso) and return the article labels as printed in it
    (one per article, in order).

    Raises ParseError (Chinese message) when the file cannot be read.
    """
    result = read_draft(Path(path))
    return result, result.source_labels


def renumber(draft: Draft, source_labels: list[str] | None) -> RenumberReport:
    """Bind references to the source labels, clear every number lock, then write the
    references with the numbers by position. ``source_labels`` None: the draft's own labels
    (locks included) are what its references mean."""
    report = RenumberReport(articles=len(draft.articles()))
    source_ctx = Context(draft, source_labels=source_labels)
    index = ReferenceIndex.build(draft, ctx=source_ctx)
    before = index.snapshot()
    positional = compute_numbers(draft, locks=False)
    if source_labels is not None:
        for article, label in zip(source_ctx.articles, source_labels, strict=False):
            if label != positional[article.uid].label:
                report.renumbered += 1
    else:
        report.renumbered = sum(
            1 for a in source_ctx.articles if a.label and a.label != positional[a.uid].label
        )
    shown = compute_numbers(draft)
    printed = {u.uid: u.label for u in draft.walk() if u.label and u.kind in _LIST_KINDS}
    clear_locks(draft)
    _keep_list_styles(draft, printed, positional)
    after = compute_numbers(draft)
    report.changes = label_changes(draft, shown, after)
    rewrite_references(draft, index, Context(draft))
    _rewrite_arabic_references(draft, shown, after, report)
    ctx = Context(draft)
    for unit_uid, refs in index.by_unit.items():
        old = before.get(unit_uid, ())
        report.references_rewritten += sum(
            1 for a, b in zip(old, refs, strict=False) if a.text != b.text
        )
        for ref in refs:
            if ref.status in (BROKEN, AMBIGUOUS):
                holder = ctx.container(unit_uid, UnitKind.ARTICLE)
                where = ctx.number(holder.uid).label if holder else ""
                report.warnings.append(f"{where}援引“{ref.text}”：{ref.detail}")
    return report


def styled_label(printed: str, kind: UnitKind, ordinal: int) -> str:
    """The label for ``ordinal`` written the way ``printed`` was: "(二)" → "(一)", "２．" → "1．"
    with full-width figures kept, "1、" → "2、". "" when ``printed`` is no item/subitem label."""
    if kind is UnitKind.ITEM:
        m = _ITEM_STYLE_RE.fullmatch(printed)
        if m:
            return f"{m.group(1)}{m.group(2)}{to_chinese(ordinal)}{m.group(3)}{m.group(4)}"
    elif kind is UnitKind.SUBITEM:
        m = _SUBITEM_STYLE_RE.fullmatch(printed)
        if m:
            figures = str(ordinal)
            if m.group(1) != m.group(1).translate(_WIDE):  # printed in full-width figures
                figures = figures.translate(_TO_WIDE)
            return f"{figures}{m.group(2)}{m.group(3)}"
    return ""


def _keep_list_styles(draft: Draft, printed: dict[str, str], positional: dict[str, Number]) -> None:
    """Renumbering changes numbers, not the way they were printed: an item printed "(一)" or a
    subitem "1、" keeps its brackets and separator (with its new number where it has one). A
    unit without a printed label was printed in the house style and stays so."""
    for unit in draft.walk():
        model = printed.get(unit.uid, "")
        ordinal = positional[unit.uid].ordinal if unit.uid in positional else 0
        if not model or ordinal <= 0:
            continue
        label = styled_label(model, unit.kind, ordinal)
        if label and label != positional[unit.uid].positional_label:
            unit.label = label


def label_changes(draft: Draft, shown: dict[str, Number], after: dict[str, Number]) -> list[str]:
    """Every label shown differently in ``after`` than in ``shown`` (numbers of the same draft
    before and after a renumbering), in text order: "第三章 → 第一章", "第二条 （二） → （一）"."""
    out: list[str] = []
    in_article = ""
    for unit in draft.walk():
        if unit.uid not in shown or unit.uid not in after:
            continue
        was, now = shown[unit.uid].label, after[unit.uid].label
        if unit.kind is UnitKind.ARTICLE:
            in_article = was
        if was != now:
            where = f"{in_article} " if unit.kind in _BODY_KINDS else ""
            out.append(f"{where}{was or '（无编号）'} → {now or '（无编号）'}")
    return out


def _rewrite_arabic_references(
    draft: Draft, shown: dict[str, Number], after: dict[str, Number], report: RenumberReport
) -> None:
    """“依照第7条第一款”: a reference in Arabic figures, which the reference index does not
    read. Where 第7条 names exactly one article as numbered before, it takes that article's new
    number, still in figures (the source's own way of writing); otherwise it is warned."""
    old_to_new: dict[int, list[int]] = {}
    for article in draft.articles():
        was = shown[article.uid]
        if was.ordinal and not was.insert:
            old_to_new.setdefault(was.ordinal, []).append(after[article.uid].ordinal)
    for article in draft.articles():
        where = after[article.uid].label
        for unit in article.walk():
            if not unit.text or not _ARABIC_ARTICLE_RE.search(unit.text):
                continue

            def swap(m: re.Match[str], where: str = where, text: str = unit.text) -> str:
                clause = re.split(r"[，。；：,;:]", text[: m.start()])[-1]
                if "》" in clause:
                    return m.group(0)  # 《某某法》第7条: another law's article
                targets = old_to_new.get(int(m.group(1).translate(_WIDE)), [])
                if len(targets) != 1:
                    report.warnings.append(
                        f"{where}援引“{m.group(0)}”（阿拉伯数字）找不到唯一的条文，未改写，请核对"
                    )
                    return m.group(0)
                if targets[0] == int(m.group(1).translate(_WIDE)):
                    return m.group(0)
                new = f"第{targets[0]}条"
                report.references_rewritten += 1
                report.warnings.append(
                    f"{where}援引“{m.group(0)}”（阿拉伯数字）已随重新编号改为“{new}”"
                )
                return new

            unit.text = _ARABIC_ARTICLE_RE.sub(swap, unit.text)
