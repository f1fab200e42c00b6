"""Renumbering an imported text whose numbering is broken (gaps, duplicates in the source).

The parser keeps the articles in order and numbers derive from position, so the tree is already
renumbered; what remains is the words of the references. They name the SOURCE labels
(第十二条 as printed in the file), so they are resolved against those labels, bound to uids,
and rendered again with the new numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from drafting.model.positions import Context
from drafting.model.references import AMBIGUOUS, BROKEN, ReferenceIndex, rewrite_references
from drafting.model.units import Draft, UnitKind
from drafting.read.files import read_draft
from drafting.read.parse import ParseResult


@dataclass
class RenumberReport:
    """What the renumbering did."""

    articles: int = 0
    renumbered: int = 0  # articles whose label changed
    references_rewritten: int = 0
    warnings: list[str] = field(default_factory=list)


def source_article_labels(path: Path) -> tuple[ParseResult, list[str]]:
    """Read a file (text, .docx or Akoma Ntoso) and return the article labels as printed in it
    (one per article, in order).

    Raises ParseError (Chinese message) when the file cannot be read.
    """
    result = read_draft(Path(path))
    return result, result.source_labels


def renumber(draft: Draft, source_labels: list[str] | None) -> RenumberReport:
    """Bind references to the source labels, then write them with the numbers by position."""
    report = RenumberReport(articles=len(draft.articles()))
    source_ctx = Context(draft, source_labels=source_labels)
    index = ReferenceIndex.build(draft, ctx=source_ctx)
    before = index.snapshot()
    if source_labels is not None:
        for article, label in zip(source_ctx.articles, source_labels, strict=False):
            if label != source_ctx.number(article.uid).label:
                report.renumbered += 1
    else:
        report.warnings.append("无法取得原文条文编号，援引按现有顺序编号解析")
    rewrite_references(draft, index, Context(draft))
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
