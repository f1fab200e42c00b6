"""A tiny builder for test drafts written as plain lines (independent of the real parser).

``# 第一章　总则`` a chapter, ``## 第一节　…`` a section, ``第一条　…`` an article with its first
款, any other line a further 款, ``（一）…`` an item of the last 款, ``1.…`` a sub-item.
"""

from __future__ import annotations

import re

from drafting.model.units import Draft, Numbering, Unit, UnitKind

_ART = re.compile(
    r"^(第[零一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?)[\u3000 ]?(.*)$"
)
_ITEM = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)](.*)$")
_SUB = re.compile(r"^(\d+)[.．](.*)$")


def build(text: str, title: str = "测试条例") -> tuple[Draft, list[str]]:
    """The draft and the article labels as written (source labels)."""
    draft = Draft(title=title)
    labels: list[str] = []
    chapter: Unit | None = None
    section: Unit | None = None
    article: Unit | None = None
    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("## "):
            section = Unit(UnitKind.SECTION, heading=line[3:].split("\u3000")[-1])
            assert chapter is not None
            chapter.children.append(section)
            continue
        if line.startswith("# "):
            chapter = Unit(UnitKind.CHAPTER, heading=line[2:].split("\u3000")[-1])
            draft.units.append(chapter)
            section = None
            continue
        m = _ART.match(line)
        if m:
            label = m.group(1)
            labels.append(label)
            article = Unit(UnitKind.ARTICLE)
            if "之" in label:
                article.numbering = Numbering.INSERTED
            article.children.append(Unit(UnitKind.PARAGRAPH, text=m.group(2)))
            holder = section or chapter
            (holder.children if holder else draft.units).append(article)
            continue
        assert article is not None, line
        m = _ITEM.match(line)
        if m:
            article.children[-1].children.append(Unit(UnitKind.ITEM, text=m.group(2)))
            continue
        m = _SUB.match(line)
        if m:
            article.children[-1].children[-1].children.append(
                Unit(UnitKind.SUBITEM, text=m.group(2))
            )
            continue
        article.children.append(Unit(UnitKind.PARAGRAPH, text=line))
    return draft, labels
