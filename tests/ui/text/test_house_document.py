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
