"""The reading pane's document: house style, U+3000 kept, positions of every article."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCursor

from tests.ui.drafts import park_draft
from ui.shell.fonts import GOVERNMENT_FONTS, Role, house_font, install_fonts
from ui.text.house_document import build_house_document, stage_line

pytestmark = pytest.mark.gui


def _block_texts(document) -> list[str]:  # type: ignore[no-untyped-def]
    block = document.begin()
    texts = []
    while block.isValid():
        texts.append(block.text())
        block = block.next()
    return texts


def test_document_lays_out_title_stage_note_headings_and_articles(qapp) -> None:
    draft = park_draft()
    house = build_house_document(draft, stage="征求意见稿")
    texts = _block_texts(house.document)
    assert texts[:3] == [
        "某市公园条例",
        "（征求意见稿）",
        "（2026年1月1日某市人民代表大会常务委员会通过）",
    ]
    assert texts[3] == "第一章\u3000总则"
    # the full-width space after 第X条 survives (setHtml would have dropped it)
    assert texts[4] == "第一条\u3000为了加强公园管理，保护和改善城市生态环境，制定本条例。"
    assert texts[5:7] == [
        "第二条\u3000本条例适用于本市公园的规划、建设和管理。",
        "本条例所称公园，是指供公众游览的场所。",
    ]
    assert texts[8:11] == [
        "第三条\u3000禁止在公园内从事下列行为：",
        "（一）擅自采摘花果；",
        "（二）攀折树木、践踏草坪。",
    ]
    assert len(house.uids) == 6  # two chapters, four articles


def test_each_article_knows_its_span_and_blocks_know_their_article(qapp) -> None:
    draft = park_draft()
    house = build_house_document(draft)
    third = draft.articles()[2]
    start, end = house.spans[third.uid]
    cursor = QTextCursor(house.document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    text = cursor.selectedText().replace("\u2029", "\n")
    assert (
        text
        == "第三条\u3000禁止在公园内从事下列行为：\n（一）擅自采摘花果；\n（二）攀折树木、践踏草坪。"
    )
    assert house.uid_at(end - 1) == third.uid  # inside an item line
    assert house.uid_at(0) is None  # the title belongs to no unit


def test_article_label_is_bold_and_centred_headings(qapp) -> None:
    draft = park_draft()
    house = build_house_document(draft)
    heading = house.document.findBlock(house.spans[draft.units[0].uid][0])
    assert heading.text() == "第一章\u3000总则"
    assert heading.blockFormat().alignment() & Qt.AlignmentFlag.AlignHCenter
    article = heading.next()
    label_format = article.begin().fragment().charFormat()
    assert label_format.font().bold()
    assert article.blockFormat().textIndent() > 0


def test_stage_line_adds_parentheses_once() -> None:
    assert stage_line("征求意见稿") == "（征求意见稿）"
    assert stage_line("（二审稿）") == "（二审稿）"
    assert stage_line("") == ""


def test_house_fonts_are_simplified_chinese_families(qapp) -> None:
    install_fonts(qapp)
    assert "JP" not in qapp.font().family()
    assert qapp.font().family() == "Noto Sans CJK SC"
    body = house_font(Role.BODY)
    assert body.families()[0] in ("仿宋_GB2312", "仿宋", "FangSong", "Noto Serif CJK SC")
    assert body.pointSizeF() == 16.0
    assert house_font(Role.TITLE).pointSizeF() == 22.0
    assert house_font("heading").families()[0] in ("黑体", "SimHei", "Noto Sans CJK SC")
    assert house_font(Role.NOTE).families()[0] in ("楷体_GB2312", "楷体", "KaiTi", "AR PL UKai CN")
    # the government names resolve to an installed family
    for name in GOVERNMENT_FONTS:
        assert QFont.substitutes(name) or name in QFont(name).families()


def test_printed_stage_uses_the_label_of_a_staged_version() -> None:
    from drafting.model.stages import printed_stage

    assert printed_stage("征求意见稿", "征求意见") == "征求意见稿"
    assert printed_stage("草案", "一审") == "草案"
    assert printed_stage("工作稿", "征求意见") == "征求意见稿"
    assert printed_stage("导入稿", "") == ""
    assert printed_stage("二审稿", "") == "二审稿"  # an imported 二审稿 has no stage


def _layout_facts(house):  # type: ignore[no-untyped-def]
    """Everything a view reads from a HouseDocument, with link hrefs resolved to their
    references (indices in ``house.references`` differ between two builds)."""
    blocks = []
    block = house.document.begin()
    while block.isValid():
        runs = []
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            ref = house.reference_at(fmt.anchorHref()) if fmt.isAnchor() else None
            runs.append(
                (
                    fragment.text(),
                    tuple(fmt.font().families()),
                    fmt.font().weight(),
                    None if ref is None else (ref.unit_uid, ref.start, ref.end, ref.status),
                    fmt.foreground().color().name()
                    if fmt.hasProperty(fmt.Property.ForegroundBrush)
                    else "",
                    fmt.underlineStyle(),
                )
            )
            it += 1
        state = block.userState()
        owner = house.uids[state] if state >= 0 else None
        blocks.append((owner, block.blockFormat().textIndent(), tuple(runs)))
        block = block.next()
    return (blocks, house.spans, house.text_starts, house.block_units)


def test_replace_article_equals_a_fresh_layout(qapp, corpus) -> None:  # type: ignore[no-untyped-def]
    from drafting.model.numbering import compute_numbers
    from drafting.model.references import ReferenceIndex
    from drafting.model.units import Unit, UnitKind
    from drafting.read.parse import parse_file

    draft = parse_file(corpus / "local_rizhao_park_2021.md").draft
    index = ReferenceIndex.build(draft)
    house = build_house_document(draft, "草案", 0.8, None, index)
    articles = draft.articles()
    # An article in the middle: a 款 added before its first, an item added, a 款 removed.
    target = next(a for a in articles[5:] if len(a.children) >= 2)
    target.children.insert(0, Unit(UnitKind.PARAGRAPH, text="新增的一款，依照本条例第三条执行。"))
    target.children[1].children.append(Unit(UnitKind.ITEM, text="新增的一项；"))
    del target.children[-1]
    index = ReferenceIndex.build(draft)
    numbers = compute_numbers(draft)
    refs = [r for u in target.walk() for r in index.in_unit(u.uid)]
    assert refs  # the new 款 cites 第三条
    assert house.replace_article(target, numbers[target.uid], refs)
    fresh = build_house_document(draft, "草案", 0.8, None, index)
    assert house.document.toPlainText() == fresh.document.toPlainText()
    assert _layout_facts(house) == _layout_facts(fresh)
    # A click still finds units after the article; an article emptied of words still lays out.
    later = articles[-1]
    assert house.uid_at(house.spans[later.uid][0]) == later.uid
    target.children.clear()
    assert house.replace_article(target, numbers[target.uid])
    fresh = build_house_document(draft, "草案", 0.8, None, index)
    assert _layout_facts(house) == _layout_facts(fresh)


def test_replace_article_refuses_what_is_not_an_article_shown(qapp) -> None:  # type: ignore[no-untyped-def]
    from drafting.model.numbering import compute_numbers
    from drafting.model.units import Unit, UnitKind

    draft = park_draft()
    house = build_house_document(draft)
    numbers = compute_numbers(draft)
    chapter = draft.units[0]
    assert not house.replace_article(chapter, numbers[chapter.uid])
    assert not house.replace_article(Unit(UnitKind.ARTICLE), numbers[draft.articles()[0].uid])


def test_sync_after_any_edit_equals_a_fresh_layout(qapp, corpus) -> None:  # type: ignore[no-untyped-def]
    """Insert, delete, move and reword articles and headings, patch words and re-lay one
    article in between: after each ``sync`` the pane is what a fresh layout gives."""
    from drafting.model.numbering import compute_numbers
    from drafting.model.references import ReferenceIndex
    from drafting.model.units import Unit, UnitKind
    from drafting.read.parse import parse_file

    draft = parse_file(corpus / "local_rizhao_park_2021.md").draft
    house = build_house_document(draft, "草案", 0.8, None, ReferenceIndex.build(draft))

    def check() -> None:
        index = ReferenceIndex.build(draft)
        assert house.sync(draft, "草案", compute_numbers(draft), index)
        fresh = build_house_document(draft, "草案", 0.8, None, index)
        assert _layout_facts(house) == _layout_facts(fresh)

    def new_article(text: str) -> Unit:
        return Unit(UnitKind.ARTICLE, children=[Unit(UnitKind.PARAGRAPH, text=text)])

    chapter = next(u for u in draft.units if u.kind is UnitKind.CHAPTER and len(u.children) > 3)
    # An article inserted near the start: every later number moves, 第五条 points elsewhere.
    chapter.children.insert(1, new_article("依照本条例第五条和第七条的规定执行。"))
    check()
    # Deleted, moved to the end, reworded.
    del chapter.children[2]
    check()
    moved = chapter.children.pop(0)
    draft.units[-1].children.append(moved)
    check()
    target = draft.articles()[3]
    target.children[0].text = "本条例第二条所称公园，按照第三条的规定管理。"
    check()
    # Headings: one renamed, one added with an article of its own, one removed.
    draft.units[0].heading = "一般规定"
    draft.units.insert(
        1, Unit(UnitKind.CHAPTER, heading="新章", children=[new_article("新条文。")])
    )
    check()
    del draft.units[1]
    check()
    # Words patched and one article laid out again by hand, then a sync on top of them.
    first = draft.articles()[0].children[0]
    old = first.text
    first.text = old + "（修改）"
    assert house.patch_text(first.uid, old, first.text)
    second = draft.articles()[1]
    second.children.append(Unit(UnitKind.PARAGRAPH, text="新的一款，见第一条。"))
    assert house.replace_article(second, compute_numbers(draft)[second.uid])
    draft.articles()[2].children.clear()
    check()
    # Nothing changed: nothing to do, and still equal.
    check()


def test_sync_refuses_a_changed_title(qapp) -> None:  # type: ignore[no-untyped-def]
    draft = park_draft()
    house = build_house_document(draft, "征求意见稿")
    draft.title = "某市公园管理条例"
    assert not house.sync(draft, "征求意见稿")
    assert not house.sync(park_draft(), "二审稿")
