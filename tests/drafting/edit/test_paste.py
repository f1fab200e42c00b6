"""Enter and multi-paragraph paste, planned without Qt."""

from __future__ import annotations

import pytest

from drafting.edit.operations import EditError, EditSession
from drafting.edit.paste import paste_insert, plan_paste, split_operations
from drafting.model.positions import Context
from drafting.model.units import UnitKind
from drafting.write.plain_text import render_text
from tests.ui.drafts import park_draft


def test_one_line_is_an_ordinary_paste() -> None:
    assert plan_paste("一行文字") is None
    assert plan_paste("一行文字\n\n") is None


def test_paragraphs_items_articles_chapters() -> None:
    plan = plan_paste("甲段文字。\r\n乙段文字。")
    assert plan is not None and plan.kind is UnitKind.PARAGRAPH
    assert [u.text for u in plan.units] == ["甲段文字。", "乙段文字。"]
    plan = plan_paste("（一）采摘花果；\n（二）践踏草坪。")
    assert plan is not None and plan.kind is UnitKind.ITEM
    assert [u.text for u in plan.units] == ["采摘花果；", "践踏草坪。"]
    plan = plan_paste("禁止下列行为：\n（一）采摘花果；\n（二）践踏草坪。")
    assert plan is not None and plan.kind is UnitKind.PARAGRAPH
    assert len(plan.units) == 1 and len(plan.units[0].children) == 2
    assert plan.summary() == ["款：禁止下列行为：（含 2 项）"]
    plan = plan_paste("第五条 公园应当开放。\n第六条 禁止喧哗。\n违者处罚。")
    assert plan is not None and plan.kind is UnitKind.ARTICLE
    assert [len(u.children) for u in plan.units] == [1, 2]
    assert all(u.label == "" for p in plan.units for u in p.walk())  # numbered where they land
    plan = plan_paste("第二章 管理\n第五条 公园应当开放。\n第三章 附则\n第六条 施行。")
    assert plan is not None and plan.kind is UnitKind.CHAPTER
    assert plan.summary() == ["章：管理（1 条）", "章：附则（1 条）"]


def test_split_paragraph_and_item_then_undo() -> None:
    draft = park_draft()
    before = render_text(draft)
    session = EditSession(draft)
    paragraph = draft.articles()[0].children[0]
    ops = split_operations(draft, paragraph.uid, 9, session.positions())
    for op in ops:
        session.apply(op)
    first = draft.articles()[0]
    assert [p.text for p in first.children] == [
        "为了加强公园管理，",
        "保护和改善城市生态环境，制定本条例。",
    ]
    item = draft.articles()[2].children[0].children[0]
    for op in split_operations(draft, item.uid, 2, session.positions()):
        session.apply(op)
    assert [i.text for i in draft.articles()[2].children[0].children] == [
        "擅自",
        "采摘花果；",
        "攀折树木、践踏草坪。",
    ]
    for _ in range(4):
        session.undo()
    assert render_text(draft) == before
    with pytest.raises(EditError):
        split_operations(draft, draft.articles()[0].uid, 0)


def test_paste_articles_after_the_current_one_numbered_by_place() -> None:
    draft = park_draft()
    session = EditSession(draft)
    plan = plan_paste("第五条 公园应当开放。\n第六条 禁止喧哗。")
    assert plan is not None
    previous = draft.articles()[0].children[0].uid  # the editor is in 第一条's 款
    for unit in plan.units:
        session.apply(paste_insert(draft, unit, previous, session.positions()))
        previous = unit.uid
    texts = [a.children[0].text for a in draft.articles()]
    assert texts[1:3] == ["公园应当开放。", "禁止喧哗。"]
    assert Context(draft).full_label(plan.units[1].uid) == "第三条"


def test_enter_in_a_lead_in_keeps_the_screen_order_items_go_with_the_second_half() -> None:
    """Tester B fault 2: the words after the cursor stay directly above （一）."""
    draft = park_draft()
    before = render_text(draft)
    session = EditSession(draft)
    lead = draft.articles()[2].children[0]
    item_uids = [i.uid for i in lead.children]
    ops = split_operations(draft, lead.uid, 4, session.positions())
    for op in ops:
        session.apply(op)
    paragraphs = draft.articles()[2].children
    assert [p.text for p in paragraphs] == ["禁止在公", "园内从事下列行为："]
    assert paragraphs[0].children == []
    assert [i.uid for i in paragraphs[1].children] == item_uids
    text = render_text(draft)
    assert (
        text.index("禁止在公") < text.index("园内从事下列行为：") < text.index("（一）擅自采摘花果")
    )
    for _ in ops:
        session.undo()
    assert render_text(draft) == before
    # Enter at the END of the lead-in: an empty 款 between the lead-in and its items.
    ops = split_operations(draft, lead.uid, len(lead.text), session.positions())
    for op in ops:
        session.apply(op)
    paragraphs = draft.articles()[2].children
    assert [p.text for p in paragraphs] == ["禁止在公园内从事下列行为：", ""]
    assert paragraphs[0].children == [] and len(paragraphs[1].children) == 2
    for _ in ops:
        session.undo()
    assert render_text(draft) == before
