"""Test drafts built directly from the model (independent of the text parser)."""

from __future__ import annotations

from drafting.model.units import Draft, Numbering, Unit, UnitKind


def article(*paragraphs: str | tuple[str, list[str]], uid: str = "") -> Unit:
    """An article; a paragraph is its text, or (lead-in, [item texts])."""
    unit = Unit(UnitKind.ARTICLE)
    if uid:
        unit.uid = uid
    for n, p in enumerate(paragraphs, 1):
        if isinstance(p, tuple):
            lead, items = p
            para = Unit(UnitKind.PARAGRAPH, text=lead)
            para.children = [Unit(UnitKind.ITEM, text=t) for t in items]
        else:
            para = Unit(UnitKind.PARAGRAPH, text=p)
        if uid:  # stable uids below a named article: a12p2, a12p2i3
            para.uid = f"{uid}p{n}"
            for i, item in enumerate(para.children, 1):
                item.uid = f"{para.uid}i{i}"
        unit.children.append(para)
    return unit


def sample_draft() -> Draft:
    """测试古城保护条例: two chapters, twenty articles; 第十二条 has three 款, its 第二款 three 项."""
    general = Unit(UnitKind.CHAPTER, heading="总则", uid="ch1")
    protection = Unit(UnitKind.CHAPTER, heading="保护措施", uid="ch2")
    for n in range(1, 21):
        if n == 12:
            art = article(
                "古城内的建设活动应当符合保护规划。",
                (
                    "禁止下列行为：",
                    ["擅自拆除历史建筑；", "在古城墙上刻划、涂污；", "其他破坏行为。"],
                ),
                "违反前款规定的，由主管部门责令改正。",
                uid="a12",
            )
        else:
            art = article(f"第{n}条的内容，规定古城保护的第{n}项要求。", uid=f"a{n}")
        (general if n <= 5 else protection).children.append(art)
    inserted = article("新增的历史建筑认定程序。", uid="a12-1")
    inserted.numbering = Numbering.INSERTED
    children = protection.children
    children.insert(children.index(next(a for a in children if a.uid == "a12")) + 1, inserted)
    return Draft(title="测试古城保护条例", units=[general, protection])
