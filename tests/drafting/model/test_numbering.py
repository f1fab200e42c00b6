"""Numbers follow from position: articles run on across chapters, chapters restart per 编."""

from __future__ import annotations

from drafting.model.numbering import article_body, compute_numbers
from drafting.model.units import Draft, Numbering, Unit, UnitKind


def article(*texts: str, numbering: Numbering = Numbering.REGULAR) -> Unit:
    return Unit(
        UnitKind.ARTICLE,
        children=[Unit(UnitKind.PARAGRAPH, t) for t in texts],
        numbering=numbering,
    )


def chapter(heading: str, *children: Unit) -> Unit:
    return Unit(UnitKind.CHAPTER, heading=heading, children=list(children))


def test_articles_run_on_across_chapters_and_sections_restart() -> None:
    a1, a2, a3 = article("甲。"), article("乙。"), article("丙。")
    s1 = Unit(UnitKind.SECTION, heading="一般规定", children=[a2])
    s2 = Unit(UnitKind.SECTION, heading="特别规定", children=[a3])
    s3 = Unit(UnitKind.SECTION, heading="其他", children=[])
    c1, c2 = chapter("总则", a1), chapter("保护", s1, s2)
    c3 = chapter("附则", s3)
    numbers = compute_numbers(Draft("条例", [c1, c2, c3]))
    assert [numbers[u.uid].label for u in (c1, c2, c3)] == ["第一章", "第二章", "第三章"]
    assert [numbers[u.uid].label for u in (a1, a2, a3)] == ["第一条", "第二条", "第三条"]
    assert [numbers[u.uid].label for u in (s1, s2, s3)] == ["第一节", "第二节", "第一节"]


def test_chapters_restart_per_part_and_run_on_through_subparts() -> None:
    c1, c2, c3, c4 = (chapter(h, article(h + "。")) for h in "甲乙丙丁")
    part1 = Unit(UnitKind.PART, heading="总则", children=[c1, c2])
    sub1 = Unit(UnitKind.SUBPART, heading="通则", children=[c3])
    sub2 = Unit(UnitKind.SUBPART, heading="所有权", children=[c4])
    part2 = Unit(UnitKind.PART, heading="物权", children=[sub1, sub2])
    annex = Unit(UnitKind.PART, heading="附则", numbering=Numbering.NONE, children=[article("施行。")])
    draft = Draft("法典", [part1, part2, annex])
    numbers = compute_numbers(draft)
    assert [numbers[u.uid].label for u in (c1, c2, c3, c4)] == ["第一章", "第二章", "第一章", "第二章"]
    assert [numbers[u.uid].label for u in (sub1, sub2)] == ["第一分编", "第二分编"]
    assert numbers[annex.uid].label == ""
    assert [numbers[a.uid].label for a in draft.articles()][-1] == "第五条"


def test_inserted_articles_keep_the_numbers_around_them() -> None:
    units = [
        article("一。"),
        article("插一。", numbering=Numbering.INSERTED),
        article("插二。", numbering=Numbering.INSERTED),
        article("二。"),
    ]
    numbers = compute_numbers(Draft("条例", units))
    assert [numbers[u.uid].label for u in units] == ["第一条", "第一条之一", "第一条之二", "第二条"]


def test_paragraphs_items_and_subitems_restart_among_siblings() -> None:
    sub = [Unit(UnitKind.SUBITEM, "子一"), Unit(UnitKind.SUBITEM, "子二")]
    items = [Unit(UnitKind.ITEM, "甲；", children=sub), Unit(UnitKind.ITEM, "乙。")]
    first = Unit(UnitKind.PARAGRAPH, "有下列情形之一的：", children=items)
    second = Unit(UnitKind.PARAGRAPH, "前款规定。")
    art = Unit(UnitKind.ARTICLE, children=[first, second])
    numbers = compute_numbers(Draft("条例", [art]))
    assert numbers[second.uid].label == "第二款"
    assert [numbers[i.uid].label for i in items] == ["（一）", "（二）"]
    assert [numbers[s.uid].label for s in sub] == ["1.", "2."]
    assert article_body(art) == "有下列情形之一的：\n（一）甲；\n1.子一\n2.子二\n（二）乙。\n前款规定。"


def test_clone_keeps_uids_and_is_independent() -> None:
    draft = Draft("条例", [chapter("总则", article("甲。"))], title_note="2026年通过")
    copy = draft.clone()
    assert [u.uid for u in copy.walk()] == [u.uid for u in draft.walk()]
    copy.articles()[0].children[0].text = "改。"
    assert draft.articles()[0].children[0].text == "甲。"
    assert copy.counts().articles == 1 and copy.title_note == "2026年通过"
