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
    # The sentences the words came out of are named by their numbers now (第十三条 is 第十二条).
    assert window.statusBar().currentMessage() == (
        "已删除，并删去 2 处援引，请核对：第十二条第三款、第三十五条"
    )
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


def test_a_citation_kept_marked_stays_broken_after_save_and_reopen(
    qtbot: Any, window: MainWindow
) -> None:
    """The broken mark is stored with the text: reopened, 本条例第十二条 does not quietly name
    the article that took number 12 (the former 第十三条), and its words are unchanged."""
    from drafting.edit.operations import EditSession
    from drafting.model.units import UnitKind
    from storage.library import Library

    ws = window.workspace
    draft = ws.draft
    version = ws.version
    assert draft is not None and version is not None
    twelfth = _article(window, "第十二条")
    citing = {
        r.unit_uid for u in draft.find(twelfth).walk() for r in ws.session.index.citing(u.uid)
    }  # type: ignore[union-attr]
    window.select_unit(twelfth)
    window.outline_view.setFocus()
    seen: list[str] = []
    with answering(QMessageBox, _answer(qtbot, "保留援引并标记", seen)):
        window.acts.delete_unit.trigger()
    assert draft.find(twelfth) is None
    kept = {u: draft.find(u).text for u in citing}  # type: ignore[union-attr]
    # Structure changes after the delete still leave the marked words alone.
    window.select_unit(draft.articles()[0].uid)
    assert window.editing.insert(UnitKind.ARTICLE) is not None
    kept = {u: draft.find(u).text for u in citing}  # type: ignore[union-attr]
    broken_now = sorted(
        (r.unit_uid, r.text) for r in ws.session.index.references(draft) if r.status == "broken"
    )
    assert broken_now and all("第十二条" in text for _, text in broken_now)
    assert window.editing.save_now()

    with Library.open(window.library.location) as other:
        reopened = other.load_draft(version.id)
        session = EditSession(reopened)
        for uid, text in kept.items():
            unit = reopened.find(uid)
            assert unit is not None and unit.text == text  # the words as the drafter kept them
        again = sorted(
            (r.unit_uid, r.text) for r in session.index.references(reopened) if r.status == "broken"
        )
        assert again == broken_now
        for ref in session.index.references(reopened):
            if (ref.unit_uid, ref.text) in broken_now:
                assert ref.targets == () and "已删除" in ref.detail
        # Another renumbering in the reopened text does not rewrite the marked words either.
        from drafting.edit.operations import DeleteUnit

        session.apply(DeleteUnit(reopened.articles()[0].uid))
        for uid in kept:
            unit = reopened.find(uid)
            words = [t for u, t in broken_now if u == uid]
            assert unit is not None and all(t in unit.text for t in words)


def test_a_kept_citation_is_drawn_broken_at_once_with_its_tooltip(
    qtbot: Any, window: MainWindow
) -> None:
    """Tester B fault 3: after 保留援引并标记 the reading pane draws 本条例第十二条 red and wavy
    (not as an ordinary link), and hovering it says the cited article was deleted."""
    from PySide6.QtGui import QTextCharFormat, QTextCursor

    ws = window.workspace
    draft = ws.draft
    assert draft is not None
    twelfth = _article(window, "第十二条")
    reading = window.text_views.reading_view

    def format_at_citation() -> QTextCharFormat:
        text = reading.toPlainText()
        at = text.find("本条例第十二条第二款")
        assert at >= 0
        cursor = QTextCursor(reading.document())
        cursor.setPosition(at + 3)
        return cursor.charFormat()

    before = format_at_citation()
    assert before.underlineStyle() != QTextCharFormat.UnderlineStyle.WaveUnderline
    window.select_unit(twelfth)
    window.outline_view.setFocus()
    with answering(QMessageBox, _answer(qtbot, "保留援引并标记", [])):
        window.acts.delete_unit.trigger()
    fmt = format_at_citation()
    assert fmt.isAnchor()
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert fmt.foreground().color().name() == "#c62828"
    assert reading.link_tooltip is not None
    assert reading.link_tooltip(fmt.anchorHref()).startswith("所引条文已删除，援引保留待核对")
    window.acts.undo.trigger()  # the article back: an ordinary link again
    fmt = format_at_citation()
    assert fmt.underlineStyle() != QTextCharFormat.UnderlineStyle.WaveUnderline


def test_the_question_for_a_cited_paragraph_names_a_paragraph(
    qtbot: Any, window: MainWindow
) -> None:
    """Tester B fault 10: deleting a cited 款 asks "删除被援引的条款", with the buttons of the
    article's question in the same order."""
    draft = window.workspace.draft
    assert draft is not None
    twelfth = draft.find(_article(window, "第十二条"))
    assert twelfth is not None
    second = twelfth.children[1]
    asked: list[tuple[str, list[str]]] = []

    def cancel(box: QMessageBox) -> None:
        order = sorted(
            (b for b in box.buttons() if b.isVisible()),
            key=lambda b: b.mapToGlobal(b.rect().topLeft()).x(),
        )
        asked.append((box.windowTitle(), [b.text() for b in order]))
        box.reject()

    window.editing.edit_unit(second.uid)
    with answering(QMessageBox, cancel):
        window.editing.delete_text_unit()
    window.select_unit(twelfth.uid)
    window.outline_view.setFocus()
    with answering(QMessageBox, cancel):
        window.acts.delete_unit.trigger()
    assert [title for title, _ in asked] == ["删除被援引的条款", "删除被援引的条文"]
    assert asked[0][1] == asked[1][1]
    assert draft.find(second.uid) is not None
