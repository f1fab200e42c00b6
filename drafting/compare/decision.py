"""The text of a 修改决定 drafted from a comparison, for the drafter to edit.

一、将第五条修改为：“……。”
二、删去第十二条。
三、在第二十条后增加一条，作为第二十一条：“……。”
……
此外，对条文顺序作相应调整。

Changes are named by the OLD text's numbers (the decision amends the old text); an added
article is placed after an old article and named by its NEW number, as in published decisions.
Where only one 款 of an article changed, was added or was dropped, the item names the 款
(将第五条第二款修改为 / 在第五条中增加一款，作为第三款 / 删去第五条第二款).
"""

from __future__ import annotations

from drafting.compare.articles import (
    ADDED,
    DELETED,
    MERGED,
    MODIFIED,
    MOVED,
    RENUMBERED,
    SPLIT,
    ArticlePair,
    Comparison,
)
from drafting.compare.wording import has_changes
from drafting.model.numbering import article_body
from drafting.model.numerals import to_chinese
from drafting.model.units import Unit


def quote(text: str) -> str:
    """Quote a text of one or more paragraphs the Chinese way: each paragraph opens with “,
    only the last one closes with ”."""
    lines = text.split("\n")
    return "\n".join("“" + line for line in lines) + "”"


def _count(n: int) -> str:
    """一条 / 两条 / 三条 (两, not 二, before a measure word)."""
    return "两" if n == 2 else to_chinese(n)


def _paragraph_texts(article: Unit) -> list[str]:
    """Each 款 of an article as text (its items on their own lines)."""
    return [article_body(_only(article, k)) for k in range(len(article.children))]


def _only(article: Unit, k: int) -> Unit:
    """A copy of the article holding only its k-th 款 (for article_body)."""
    return Unit(article.kind, children=[article.children[k]])


def _paragraph_change(pair: ArticlePair) -> str | None:
    """The item for a change confined to one 款, or None when more changed."""
    old_label = pair.old_numbers[0]
    old = _paragraph_texts(pair.old[0])
    new = _paragraph_texts(pair.new[0])
    if len(old) == len(new) and len(old) > 1:
        differ = [k for k in range(len(old)) if old[k] != new[k]]
        if len(differ) == 1:
            k = differ[0]
            return f"将{old_label}第{to_chinese(k + 1)}款修改为：{quote(new[k])}"
    if len(new) == len(old) + 1:
        for k in range(len(new)):
            if new[:k] + new[k + 1 :] == old:
                return f"在{old_label}中增加一款，作为第{to_chinese(k + 1)}款：{quote(new[k])}"
    if len(old) == len(new) + 1:
        for k in range(len(old)):
            if old[:k] + old[k + 1 :] == new:
                return f"删去{old_label}第{to_chinese(k + 1)}款。"
    return None


def _with_labels(pair: ArticlePair) -> str:
    """The new articles of a pair, each quoted with its number (for several articles)."""
    return "\n".join(
        quote(f"{label}\u3000{article_body(unit)}")
        for label, unit in zip(pair.new_numbers, pair.new, strict=True)
    )


def _item(pair: ArticlePair, before: str | None, after: str | None) -> str:
    """One item for a modified, moved, split or merged pair; ``before``/``after`` are the old
    numbers of the pairs around it in the new text (to say where a moved article goes)."""
    old = "、".join(pair.old_numbers)
    new_body = "\n".join(article_body(u) for u in pair.new)
    if pair.status == MODIFIED:
        # A number shifted by earlier insertions or deletions is covered by the closing
        # 此外，对条文顺序作相应调整; the item names the old number only.
        return _paragraph_change(pair) or f"将{old}修改为：{quote(new_body)}"
    if pair.status == DELETED:
        return f"删去{old}。"
    if pair.status == MOVED:
        # Placed by the old numbers of its new neighbours; its new number follows from the
        # closing 此外，对条文顺序作相应调整.
        if before:
            where = f"移至{before}后"
        elif after:
            where = f"移至{after}前"
        else:
            where = f"改为{pair.new_numbers[0]}"
        if has_changes(pair.diff):
            return f"将{old}{where}，修改为：{quote(new_body)}"
        return f"将{old}{where}。"
    if pair.status == SPLIT:
        new = "、".join(pair.new_numbers)
        return f"将{old}分为{_count(len(pair.new))}条，作为{new}，修改为：\n{_with_labels(pair)}"
    if pair.status == MERGED:
        return f"将{old}合并为一条，作为{pair.new_numbers[0]}，修改为：{quote(new_body)}"
    raise ValueError(pair.status)


def _additions(group: list[ArticlePair], previous_old: str | None, next_old: str | None) -> str:
    """增加一条/两条 … after the old article before them (or before the first one)."""
    if previous_old:
        where = f"在{previous_old}后"
    elif next_old:
        where = f"在{next_old}前"
    else:
        where = ""
    labels = [p.new_numbers[0] for p in group]
    if len(group) == 1:
        body = "\n".join(article_body(u) for u in group[0].new)
        return f"{where}增加一条，作为{labels[0]}：{quote(body)}"
    quoted = "\n".join(quote(f"{p.new_numbers[0]}\u3000{article_body(p.new[0])}") for p in group)
    return f"{where}增加{_count(len(group))}条，分别作为{'、'.join(labels)}：\n{quoted}"


def amendment_decision(comparison: Comparison, *, title: str | None = None) -> str:
    """The numbered items of a 修改决定 for the changes of ``comparison``, one per line group,
    with the closing 此外，对条文顺序作相应调整。 when article numbers moved.

    ``title`` (default: the old text's title) names the regulation in the opening line.
    """
    title = (title if title is not None else comparison.old_title).strip("《》")
    items: list[str] = []
    pairs = comparison.pairs
    renumbering = False
    k = 0
    previous_old: str | None = None
    while k < len(pairs):
        pair = pairs[k]
        if pair.status == RENUMBERED or (
            pair.old_numbers and pair.new_numbers and pair.old_numbers[0] != pair.new_numbers[0]
        ):
            renumbering = True
        if pair.status in (ADDED, DELETED):
            # A run of deletions and additions at one place: an article replaced by another
            # reads 将第X条修改为; the rest are 删去 and 增加.
            run = [pair]
            while k + 1 < len(pairs) and pairs[k + 1].status in (ADDED, DELETED):
                k += 1
                run.append(pairs[k])
            deleted = [p for p in run if p.status == DELETED]
            added = [p for p in run if p.status == ADDED]
            replaced = min(len(deleted), len(added))
            for d, a in zip(deleted[:replaced], added[:replaced], strict=True):
                body = "\n".join(article_body(u) for u in a.new)
                items.append(f"将{d.old_numbers[0]}修改为：{quote(body)}")
            if deleted[replaced:]:
                items.append(
                    "删去" + "、".join(p.old_numbers[0] for p in deleted[replaced:]) + "。"
                )
            if deleted:
                previous_old = deleted[-1].old_numbers[0]
            if added[replaced:]:
                next_old = next((p.old_numbers[0] for p in pairs[k + 1 :] if p.old_numbers), None)
                items.append(_additions(added[replaced:], previous_old, next_old))
            if len(deleted) != len(added) and any(
                p.old_numbers and p.new_numbers for p in pairs[k + 1 :]
            ):
                renumbering = True
        elif pair.is_change:
            before = next((p.old_numbers[-1] for p in reversed(pairs[:k]) if p.old_numbers), None)
            after = next((p.old_numbers[0] for p in pairs[k + 1 :] if p.old_numbers), None)
            items.append(_item(pair, before, after))
        last = pairs[k]  # the end of a run of additions and deletions
        if last.old_numbers and last.status != MOVED:
            previous_old = last.old_numbers[-1]
        k += 1
    lines = [f"对《{title}》作如下修改：" if title else "作如下修改："]
    for n, item in enumerate(items, 1):
        lines.append(f"{to_chinese(n)}、{item}")
    if renumbering:
        lines.append("此外，对条文顺序作相应调整。")
    return "\n".join(lines) + "\n"
