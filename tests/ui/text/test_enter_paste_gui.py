"""Enter and paste as in Word, in the real unit editor (issue 13 item 2)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from drafting.model.positions import Context
from drafting.model.units import UnitKind
from drafting.write.plain_text import render_text
from tests.ui.dialogs import CANCEL, OK, answering, press
from ui.shell.main_window import MainWindow
from ui.text.paste_preview import PastePreviewDialog

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _edit(window: MainWindow, uid: str) -> Any:
    window.editing.edit_unit(uid)
    editor = window.editing.editor
    assert editor.uid == uid
    return editor


def test_editor_shows_the_start_of_the_unit(window: MainWindow) -> None:
    draft = window.workspace.draft
    assert draft is not None
    paragraph = draft.articles()[2].children[0]
    editor = _edit(window, paragraph.uid)
    assert editor.cursor_offset() == 0
    assert editor.edit.verticalScrollBar().value() == 0


def test_enter_splits_the_paragraph_one_undo_step(qtbot: Any, window: MainWindow) -> None:
    draft = window.workspace.draft
    assert draft is not None
    before = render_text(draft)
    article = draft.articles()[2]
    paragraph = article.children[0]
    text = paragraph.text
    editor = _edit(window, paragraph.uid)
    editor.select_span(4, 4)
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    assert [p.text for p in article.children[:2]] == [text[:4], text[4:]]
    new = article.children[1]
    assert editor.uid == new.uid and editor.value() == text[4:]
    assert editor.cursor_offset() == 0
    assert text[4:] in window.reading_view.toPlainText()
    window.acts.undo.trigger()
    assert render_text(draft) == before


def test_enter_at_the_end_of_a_lead_in_types_between_it_and_its_items(
    qtbot: Any, window: MainWindow
) -> None:
    """Tester B fault 2: the new 款 comes right under the lead-in, before （一）, and what is
    typed into it shows there in the reading pane."""
    draft = window.workspace.draft
    assert draft is not None
    lead = next(u for u in draft.walk() if u.kind is UnitKind.PARAGRAPH and u.children)
    first_item = lead.children[0].text
    editor = _edit(window, lead.uid)
    editor.select_span(len(lead.text), len(lead.text))
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    assert lead.children == []
    editor.edit.insertPlainText("新的一款：")
    qtbot.waitUntil(lambda: "新的一款：" in window.reading_view.toPlainText())
    shown = window.reading_view.toPlainText()
    assert shown.index(lead.text) < shown.index("新的一款：") < shown.index(first_item)
    assert render_text(draft).index("新的一款：") < render_text(draft).index(first_item)


def test_enter_in_an_item_makes_a_new_item(qtbot: Any, window: MainWindow) -> None:
    draft = window.workspace.draft
    assert draft is not None
    item = next(u for u in draft.walk() if u.kind is UnitKind.ITEM)
    paragraph = Context(draft).parent[item.uid]
    assert paragraph is not None
    count = len(paragraph.children)
    editor = _edit(window, item.uid)
    editor.select_span(len(item.text), len(item.text))
    qtbot.keyClick(editor.edit, Qt.Key.Key_Enter)
    assert len(paragraph.children) == count + 1
    new = paragraph.children[paragraph.children.index(item) + 1]
    assert new.kind is UnitKind.ITEM and new.text == ""
    assert editor.uid == new.uid


def test_pasting_articles_previews_and_inserts_them_as_one_step(
    qtbot: Any, window: MainWindow
) -> None:
    draft = window.workspace.draft
    assert draft is not None
    before = render_text(draft)
    articles = len(draft.articles())
    third = draft.articles()[2]
    editor = _edit(window, third.children[0].uid)
    QApplication.clipboard().setText(
        "第八条 公园应当免费开放。\r\n第九条 禁止在公园内喧哗。\r\n违者由管理机构劝阻。"
    )
    seen: list[str] = []

    def accept(dialog: PastePreviewDialog) -> None:
        seen.extend(dialog.units.item(i).text() for i in range(dialog.units.count()))
        press(qtbot, dialog, OK)

    editor.edit.setFocus()
    with answering(PastePreviewDialog, accept):
        qtbot.keyClick(editor.edit, Qt.Key.Key_V, CTRL)
    assert seen == [
        "条：公园应当免费开放。（1 款）",
        "条：禁止在公园内喧哗。违者由管理机构劝阻。（2 款）",
    ]
    assert len(draft.articles()) == articles + 2
    ctx = Context(draft)
    fourth, fifth = draft.articles()[3:5]
    assert ctx.full_label(fourth.uid) == "第四条"
    assert [p.text for p in fifth.children] == ["禁止在公园内喧哗。", "违者由管理机构劝阻。"]
    assert "第四条　公园应当免费开放。" in window.reading_view.toPlainText().replace(" ", "　")
    window.acts.undo.trigger()
    assert render_text(draft) == before


def test_pasting_items_into_a_paragraph_and_cancel(qtbot: Any, window: MainWindow) -> None:
    draft = window.workspace.draft
    assert draft is not None
    paragraph = draft.articles()[2].children[0]
    editor = _edit(window, paragraph.uid)
    before = render_text(draft)
    QApplication.clipboard().setText("（一）采摘花果；\n（二）践踏草坪。")
    editor.edit.setFocus()
    with answering(PastePreviewDialog, lambda d: press(qtbot, d, CANCEL)):
        qtbot.keyClick(editor.edit, Qt.Key.Key_V, CTRL)
    assert render_text(draft) == before
    with answering(PastePreviewDialog, lambda d: press(qtbot, d, OK)):
        qtbot.keyClick(editor.edit, Qt.Key.Key_V, CTRL)
    assert [i.text for i in paragraph.children[-2:]] == ["采摘花果；", "践踏草坪。"]
    assert all(i.kind is UnitKind.ITEM for i in paragraph.children[-2:])
    window.acts.undo.trigger()
    assert render_text(draft) == before


def test_paste_as_plain_text_stays_in_the_unit(qtbot: Any, window: MainWindow) -> None:
    draft = window.workspace.draft
    assert draft is not None
    paragraph = draft.articles()[2].children[0]
    text = paragraph.text
    editor = _edit(window, paragraph.uid)
    editor.select_span(0, 0)
    QApplication.clipboard().setText("甲，\n乙，")
    qtbot.keyClick(editor.edit, Qt.Key.Key_V, CTRL | SHIFT)
    assert paragraph.text == "甲，乙，" + text
    window.acts.undo.trigger()
    assert paragraph.text == text
