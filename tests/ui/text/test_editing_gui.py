"""Structured editing in the real window: insert, move, split, merge, type, undo, redo."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, QMimeData, QModelIndex, Qt
from PySide6.QtGui import QHelpEvent, QInputMethodEvent, QKeyEvent, QTextCursor
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QMessageBox, QToolTip

from drafting.model.numbering import compute_numbers
from drafting.model.stages import printed_stage
from drafting.model.units import Draft, UnitKind
from drafting.write.plain_text import render_text
from resources.demo import seed_demo
from storage.library import Library, VersionInfo
from ui.shell.main_window import MainWindow
from ui.text.edit_controller import PLACEHOLDER, text_units
from ui.text.house_document import build_house_document
from ui.text.outline_model import UNIT_MIME
from ui.text.reading_view import SCREEN_SCALE

pytestmark = pytest.mark.gui


@pytest.fixture
def demo(library: Library) -> VersionInfo:
    """The 古城保护条例 demo draft (征求意见稿, working), with real references."""
    return seed_demo(library)[0]


@pytest.fixture
def window(qtbot: Any, library: Library, demo: VersionInfo) -> MainWindow:
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.open_version(demo.id)
    assert win.version is not None and win.version.id == demo.id
    return win


def _article(draft: Draft, label: str) -> str:
    numbers = compute_numbers(draft)
    return next(a.uid for a in draft.articles() if numbers[a.uid].label == label)


def _outline_labels(win: MainWindow) -> list[str]:
    model = win.outline_model
    out: list[str] = []

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            out.append(str(model.data(index)).split(" ")[0])
            walk(index)

    walk(QModelIndex())
    return out


def _text_of(draft: Draft, uid: str) -> str:
    unit = draft.find(uid)
    assert unit is not None
    return "".join(u.text for u in text_units(unit))


def test_insert_after_article_renumbers_and_rewrites_references(window: MainWindow) -> None:
    draft = window.draft
    assert draft is not None
    before = render_text(draft)
    assert "依照本条例第十二条划定" in before
    third = _article(draft, "第三条")
    old_fourth = _article(draft, "第四条")
    window.select_unit(third)
    window.acts.insert_article_after.trigger()

    numbers = compute_numbers(draft)
    assert numbers[old_fourth].label == "第五条"
    new = next(a for a in draft.articles() if numbers[a.uid].label == "第四条")
    assert new.children[0].text == PLACEHOLDER
    labels = _outline_labels(window)
    assert labels[labels.index("第三条") + 1] == "第四条"
    index = window.outline_model.index_for_uid(old_fourth)
    assert str(window.outline_model.data(index)).startswith("第五条")
    assert "依照本条例第十三条划定" in render_text(draft)
    assert "依照本条例第十三条划定" in window.reading_view.toPlainText()
    # the editor holds the new article's placeholder, selected to type over
    assert window.editing.editor.uid == new.children[0].uid
    assert window.editing.editor.title.text() == "编辑：第四条"
    assert window.editing.editor.edit.textCursor().selectedText() == PLACEHOLDER

    window.acts.undo.trigger()
    assert render_text(draft) == before
    assert "依照本条例第十二条划定" in window.reading_view.toPlainText()
    window.acts.redo.trigger()
    assert compute_numbers(draft)[old_fourth].label == "第五条"
    assert "依照本条例第十三条划定" in render_text(draft)
    window.acts.undo.trigger()
    assert render_text(draft) == before


def test_insert_variants_and_amendment_style(window: MainWindow) -> None:
    draft = window.draft
    assert draft is not None
    before = render_text(draft)
    twenty = _article(draft, "第二十条")
    window.select_unit(twenty)
    window.acts.insert_article_amendment.trigger()
    numbers = compute_numbers(draft)
    assert numbers[_article(draft, "第二十一条")]  # numbers around it unchanged
    inserted = next(a for a in draft.articles() if numbers[a.uid].label == "第二十条之一")
    assert inserted.children[0].text == PLACEHOLDER
    window.select_unit(twenty)
    window.acts.insert_article_before.trigger()
    assert compute_numbers(draft)[twenty].label == "第二十一条"
    # a 款 after the one in the editor, an item inside a 款
    window.select_unit(_article(draft, "第二条"))
    window.acts.insert_paragraph_after.trigger()
    second = draft.find(_article(draft, "第二条"))
    assert second is not None and len(second.children) == 4
    window.acts.insert_item_after.trigger()  # the editor is on the new 款: the item goes in it
    assert [u.kind for u in second.children[1].children] == [UnitKind.ITEM]
    window.acts.insert_chapter_after.trigger()
    assert draft.counts().chapters == 8
    for _ in range(5):
        window.acts.undo.trigger()
    assert render_text(draft) == before


def test_move_with_alt_down_and_by_drop_on_the_outline(qtbot: Any, window: MainWindow) -> None:
    draft = window.draft
    assert draft is not None
    before = render_text(draft)
    first = _article(draft, "第一条")
    window.select_unit(first)
    window.outline_view.setFocus()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.outline_view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert compute_numbers(draft)[first].label == "第二条"
    assert window.outline_model.unit_at(window.outline_view.currentIndex()).uid == first  # type: ignore[union-attr]
    window.acts.undo.trigger()
    assert render_text(draft) == before

    # a drop on the outline model: 第一条 dropped after 第三条 (row 3 of 第一章)
    model = window.outline_model
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    chapter = model.index(0, 0)
    mime = model.mimeData([model.index_for_uid(first)])
    assert mime.hasFormat(UNIT_MIME)
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, chapter)
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, chapter)
    numbers = compute_numbers(draft)
    assert numbers[first].label == "第三条"
    assert "依照本条例第十二条" in render_text(draft)  # 第十二条 did not move
    # a drop that makes no sense is refused: a chapter into an article's place under itself
    bad = QMimeData()
    bad.setData(UNIT_MIME, model.unit_at(chapter).uid.encode("ascii"))  # type: ignore[union-attr]
    assert not model.canDropMimeData(bad, Qt.DropAction.MoveAction, 0, 0, chapter)
    window.acts.undo.trigger()
    assert render_text(draft) == before
    del tester


def test_split_at_cursor_and_merge(window: MainWindow) -> None:
    draft = window.draft
    assert draft is not None
    before = render_text(draft)
    count = len(draft.articles())
    third = _article(draft, "第三条")
    window.select_unit(third)
    editor = window.editing.editor
    words = editor.value()
    cut = words.index("，") + 1
    cursor = editor.edit.textCursor()
    cursor.setPosition(cut)
    editor.edit.setTextCursor(cursor)
    window.acts.split_article.trigger()
    assert len(draft.articles()) == count + 1
    fourth = _article(draft, "第四条")
    assert _text_of(draft, fourth) == words[cut:]
    assert _text_of(draft, third) == words[:cut]
    assert "依照本条例第十三条" in render_text(draft)
    window.acts.undo.trigger()
    assert render_text(draft) == before
    window.acts.redo.trigger()
    # merge them back: a different edit, the words of both in one article again
    window.select_unit(third)
    window.acts.merge_articles.trigger()
    assert len(draft.articles()) == count
    assert "依照本条例第十二条" in render_text(draft)
    window.acts.undo.trigger()
    window.acts.undo.trigger()
    assert render_text(draft) == before


def _type_chinese(widget: Any, text: str) -> None:
    """IME input: one commit string (qtbot.keyClicks with Chinese would abort pytest)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_typing_chinese_edits_the_unit_and_undo_restores(qtbot: Any, window: MainWindow) -> None:
    draft = window.draft
    assert draft is not None
    before = render_text(draft)
    third = _article(draft, "第三条")
    window.select_unit(third)
    editor = window.editing.editor
    paragraph = editor.uid
    assert paragraph is not None and editor.title.text() == "编辑：第三条"
    editor.edit.setFocus()
    editor.edit.moveCursor(QTextCursor.MoveOperation.End)
    _type_chinese(editor.edit, "加强")
    for ch in "管理":  # per-character key events, as a keyboard without IME sends them
        QApplication.sendEvent(
            editor.edit,
            QKeyEvent(QKeyEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch),
        )
    unit = draft.find(paragraph)
    assert unit is not None and unit.text.endswith("。加强管理")
    # the reading pane is patched in place: the same as laying the text out afresh
    assert "。加强管理" in window.reading_view.toPlainText()
    _assert_same_as_fresh_layout(window)
    # one typing burst, one undo step (Ctrl+Z in the editor reaches the window's stack)
    assert window.editing.controller.stack.count() == 1
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(editor.edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert render_text(draft) == before
    assert not editor.value().endswith("加强管理")
    window.acts.redo.trigger()
    assert unit.text.endswith("。加强管理")


def _assert_same_as_fresh_layout(window: MainWindow) -> None:
    house = window.reading_view.house
    draft = window.draft
    assert house is not None and draft is not None
    stage = printed_stage(window.version.label, window.version.stage) if window.version else ""
    fresh = build_house_document(draft, stage, SCREEN_SCALE, None, window.editing.references())
    assert house.document.toPlainText() == fresh.document.toPlainText()
    assert house.spans == fresh.spans and house.text_starts == fresh.text_starts
    shown = {(r.unit_uid, r.start, r.text) for r in house.references}
    assert {(r.unit_uid, r.start, r.text) for r in fresh.references} <= shown
    for n, ref in enumerate(house.references):
        start = house.text_starts[ref.unit_uid] + ref.start
        if house.document.toPlainText()[start : start + len(ref.text)] != ref.text:
            continue  # an old link whose words were typed over: no longer in the text
        cursor = QTextCursor(house.document)
        cursor.setPosition(start + 1)
        if cursor.charFormat().anchorHref() == f"ref:{n}":
            assert (ref.unit_uid, ref.start, ref.text) in {
                (r.unit_uid, r.start, r.text) for r in fresh.references
            }


def test_typed_reference_becomes_a_link(window: MainWindow) -> None:
    draft = window.draft
    assert draft is not None
    window.select_unit(_article(draft, "第三条"))
    editor = window.editing.editor
    editor.edit.setFocus()
    editor.edit.moveCursor(QTextCursor.MoveOperation.Start)
    _type_chinese(editor.edit, "依照本条例第十二条，")
    house = window.reading_view.house
    assert house is not None
    twelfth = _article(draft, "第十二条")
    n = next(i for i, r in enumerate(house.references) if r.unit_uid == editor.uid)
    assert house.references[n].targets == (twelfth,)
    start = house.text_starts[editor.uid or ""] + 3
    cursor = QTextCursor(house.document)
    cursor.setPosition(start)
    assert cursor.charFormat().anchorHref() == f"ref:{n}"
    _assert_same_as_fresh_layout(window)
    # the new reference is bound: insert before 第一条 and it follows 第十二条
    window.select_unit(_article(draft, "第一条"))
    window.acts.insert_article_before.trigger()
    assert "依照本条例第十三条，古城保护" in render_text(draft)


def test_frozen_version_is_read_only(qtbot: Any, window: MainWindow, library: Library) -> None:
    assert window.version is not None
    version_id = window.version.id
    frozen = library.freeze(version_id, label="征求意见稿", stage="征求意见")
    window.reload_library(select_version=frozen.id)
    assert window.version is not None and window.version.frozen
    a = window.acts
    for action in (a.insert_article_after, a.delete_unit, a.move_down, a.split_article):
        assert not action.isEnabled()
    draft = window.draft
    assert draft is not None
    window.select_unit(_article(draft, "第三条"))
    editor = window.editing.editor
    assert editor.edit.isReadOnly()
    assert editor.note.isVisible() and editor.note.text() == "此稿次已冻结（只读）"
    before = render_text(draft)
    assert window.editing.controller.insert(UnitKind.ARTICLE, editor.uid) is None
    assert "已冻结" in window.statusBar().currentMessage()
    assert render_text(draft) == before


def test_delete_chapter_asks_and_undo_restores(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = window.draft
    assert draft is not None
    before = render_text(draft)
    asked: list[str] = []

    def answer(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    chapter = draft.units[1]
    window.select_unit(chapter.uid)
    window.acts.delete_unit.trigger()
    assert asked and "条" in asked[0]
    assert draft.find(chapter.uid) is None
    assert (
        "已失效" in window.statusBar().currentMessage()
        or "援引" in window.statusBar().currentMessage()
    )
    window.acts.undo.trigger()
    assert render_text(draft) == before


def test_reference_link_jumps_to_its_target(window: MainWindow) -> None:
    draft = window.draft
    assert draft is not None
    house = window.reading_view.house
    assert house is not None and house.references
    n, ref = next((i, r) for i, r in enumerate(house.references) if r.text == "本条例第十二条")
    twelfth = _article(draft, "第十二条")
    assert ref.targets == (twelfth,)
    tip = window.editing.link_tooltip(f"ref:{n}")
    assert tip.startswith("第十二条")
    # hovering the link shows that tooltip
    view = window.reading_view
    start = house.text_starts[ref.unit_uid] + ref.start + 2
    cursor = QTextCursor(house.document)
    cursor.setPosition(start)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    point = view.cursorRect(cursor).center()
    assert view.anchorAt(point) == f"ref:{n}"
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    assert QToolTip.text() == tip
    assert window.editing.follow_link(f"ref:{n}")
    assert window.reading_view.current_uid == twelfth
    assert window.editing.editor.title.text().startswith("编辑：第十二条")
    # the 援引 tab lists who cites 第十二条
    panel = window.editing.references_panel
    assert panel.incoming.childCount() >= 1


def test_delete_key_deletes_in_the_outline_not_in_the_editor(
    qtbot: Any, window: MainWindow
) -> None:
    draft = window.draft
    assert draft is not None
    count = len(draft.articles())
    second = _article(draft, "第二条")
    window.select_unit(second)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    editor = window.editing.editor
    editor.edit.setFocus()
    editor.edit.moveCursor(QTextCursor.MoveOperation.Start)
    words = editor.value()
    qtbot.keyClick(editor.edit, Qt.Key.Key_Delete)
    assert len(draft.articles()) == count
    assert editor.value() == words[1:]  # a character went, not the article
    window.outline_view.setFocus()
    qtbot.keyClick(window.outline_view, Qt.Key.Key_Delete)
    assert len(draft.articles()) == count - 1 and draft.find(second) is None
    # the outline keeps a selection next to the gap, and undo brings the article back
    assert window.editing.outline_uid() is not None
    window.acts.undo.trigger()
    window.acts.undo.trigger()
    assert draft.find(second) is not None and _text_of(draft, second).startswith(words[:20])


def test_editing_a_chapter_heading(window: MainWindow) -> None:
    draft = window.draft
    assert draft is not None
    chapter = draft.units[1]
    window.select_unit(chapter.uid)
    editor = window.editing.editor
    assert editor.uid == chapter.uid and editor.field == "heading"
    assert editor.title.text() == "编辑：第二章标题"
    editor.edit.setFocus()
    editor.edit.moveCursor(QTextCursor.MoveOperation.End)
    _type_chinese(editor.edit, "与设计")
    assert chapter.heading.endswith("与设计")
    index = window.outline_model.index_for_uid(chapter.uid)
    assert str(window.outline_model.data(index)).endswith("与设计")
    assert f"第二章\u3000{chapter.heading}" in window.reading_view.toPlainText()
    _assert_same_as_fresh_layout(window)
    window.acts.undo.trigger()
    assert not chapter.heading.endswith("与设计")
    assert editor.value() == chapter.heading


def test_a_click_on_a_line_of_the_text_edits_that_item(window: MainWindow) -> None:
    draft = window.draft
    assert draft is not None
    sixth = draft.find(_article(draft, "第六条"))
    assert sixth is not None
    item = sixth.children[0].children[2]
    house = window.reading_view.house
    assert house is not None
    cursor = QTextCursor(house.document)
    cursor.setPosition(house.text_starts[item.uid] + 2)
    window.reading_view.setTextCursor(cursor)  # as a mouse click puts the cursor there
    editor = window.editing.editor
    assert editor.uid == item.uid
    assert editor.title.text() == "编辑：第六条第一款第（三）项"  # it has two 款
    assert window.reading_view.current_uid == sixth.uid
    # 插入项 there puts a new item after it, numbered （四）
    window.acts.insert_item_after.trigger()
    assert sixth.children[0].children[3].text == "（新项）"  # not （新条文） (issue 13)
    assert "（四）（新项）" in window.reading_view.toPlainText()
    assert editor.edit.textCursor().selectedText() == "（新项）"  # to type over


def test_references_tab_explains_with_the_numbers_of_now(qtbot: Any) -> None:
    """说明 of a valid reference names its target as 指向 does now, not as it was resolved
    (a detail written before a renumbering said 指向第十四条 for what is now 第十五条)."""
    from drafting.model.references import BROKEN, VALID, Reference
    from ui.text.references_panel import ReferencesPanel

    panel = ReferencesPanel()
    qtbot.addWidget(panel)
    stale = Reference("a", 0, 4, "第十五条", "absolute", ("t",), VALID, "指向第十四条")
    broken = Reference("a", 0, 4, "第九条", "absolute", (), BROKEN, "第九条已删除，援引无所指")
    panel._add(panel.outgoing, stale, "第十五条", "t")
    panel._add(panel.outgoing, broken, "", "a")
    rows = [[panel.outgoing.child(i).text(c) for c in range(4)] for i in range(2)]
    assert rows[0] == ["第十五条", "有效", "第十五条", "指向第十五条"]
    assert rows[1][3] == "第九条已删除，援引无所指"  # a problem keeps its own explanation
