"""Deleting a cited unit asks, listing the citations (issue 13 item 6)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from drafting.model.numbering import compute_numbers
from drafting.write.plain_text import render_text
from tests.ui.dialogs import answering
from ui.shell.main_window import MainWindow


def _article(window: MainWindow, label: str) -> str:
    draft = window.workspace.draft
    assert draft is not None
    numbers = compute_numbers(draft)
    return next(a.uid for a in draft.articles() if numbers[a.uid].label == label)


def _answer(qtbot: Any, button: str, seen: list[str]) -> Any:
    def fill(box: QMessageBox) -> None:
        seen.append(box.text() + "\n" + box.informativeText())
        chosen = next(b for b in box.buttons() if b.text() == button)
        qtbot.mouseClick(chosen, Qt.MouseButton.LeftButton)

    return fill


def test_delete_cited_article_cancel_keep_or_delete_citations(
    qtbot: Any, window: MainWindow
) -> None:
    ws = window.workspace
    draft = ws.draft
    assert draft is not None
    before = render_text(draft)
    twelfth = _article(window, "第十二条")
    window.select_unit(twelfth)
    window.outline_view.setFocus()
    index = ws.session.index
    citing = {
        r.unit_uid: draft.find(r.unit_uid).text  # type: ignore[union-attr]
        for u in draft.find(twelfth).walk()  # type: ignore[union-attr]
        for r in index.citing(u.uid)
    }
    assert len(citing) == 2
    seen: list[str] = []
    with answering(QMessageBox, _answer(qtbot, "取消", seen)):
        window.acts.delete_unit.trigger()
    assert render_text(draft) == before
    assert "被以下 2 处援引" in seen[0]
    assert "第十三条第三款：“本条例第十二条”" in seen[0]
    assert "第三十六条：“本条例第十二条第二款”" in seen[0]

    with answering(QMessageBox, _answer(qtbot, "一并删去援引", seen)):
        window.acts.delete_unit.trigger()
    assert draft.find(twelfth) is None
    for uid, old in citing.items():
        unit = draft.find(uid)
        assert unit is not None and len(unit.text) < len(old)  # the citation's words are gone
    assert "已删除，并删去 2 处援引" == window.statusBar().currentMessage()
    assert not [r for r in ws.session.index.references(draft) if r.status == "broken"]
    window.acts.undo.trigger()  # one step brings the article and the citations back
    assert render_text(draft) == before

    window.select_unit(twelfth)
    window.outline_view.setFocus()
    with answering(QMessageBox, _answer(qtbot, "保留援引并标记", seen)):
        window.acts.delete_unit.trigger()
    assert draft.find(twelfth) is None
    broken = [r for r in ws.session.index.references(draft) if r.status == "broken"]
    assert len(broken) >= 1
    assert "2 处援引已失去所指" in window.statusBar().currentMessage()


def test_deleting_a_chapter_names_its_citations_in_the_one_question(
    window: MainWindow, monkeypatch: Any
) -> None:
    draft = window.workspace.draft
    assert draft is not None
    asked: list[str] = []

    def answer(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    chapter = draft.units[1]  # 第二章 holds 第十二条, cited twice
    before = render_text(draft)
    window.select_unit(chapter.uid)
    window.acts.delete_unit.trigger()
    assert len(asked) == 1
    assert "处援引" in asked[0] and "第十三条第三款：“本条例第十二条”" in asked[0]
    assert render_text(draft) == before  # 否: nothing deleted
