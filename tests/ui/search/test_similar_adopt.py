"""相似条文 in the real window: 采用此表述 is one named undo step (issue 16)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from drafting.model.units import Draft, Unit, UnitKind
from drafting.search.articles import article_text
from storage.library import Library, VersionInfo
from storage.references import add_reference

NOTE = "2019年3月28日江州市第十五届人民代表大会常务委员会第十次会议通过"
ADDED = "违反本条规定的，由主管部门责令限期改正。"


def _article_words(window: Any, uid: str) -> str:
    draft = window.workspace.draft
    return next(article_text(u) for u in draft.walk() if u.uid == uid)


def _setup(window: Any, library: Library) -> tuple[str, str, str]:
    """A reference holding the 3rd article of the draft shown, changed; that article
    selected. Returns (uid, the article's words, the reference's wording)."""
    article = window.workspace.draft.articles()[2]
    words = article_text(article)
    wording = words.replace("\n", "") + ADDED
    reference = Draft(
        title="江州市古城保护条例",
        title_note=NOTE,
        units=[Unit(UnitKind.ARTICLE, children=[Unit(UnitKind.PARAGRAPH, text=wording)])],
    )
    assert add_reference(library, reference) is not None
    assert window.select_unit(article.uid)
    return article.uid, words, wording


def _ctrl_z(qtbot: Any, window: Any, shift: bool = False) -> None:
    modifiers = Qt.KeyboardModifier.ControlModifier
    if shift:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    window.outline_view.setFocus()
    qtbot.keyClick(window.outline_view, Qt.Key.Key_Z, modifiers)


def test_copy_wording_in_then_ctrl_z_and_ctrl_shift_z(
    qtbot: Any, window: Any, library: Library, demo: list[VersionInfo]
) -> None:
    uid, words, wording = _setup(window, library)
    similar = window.similar
    notices: list[Any] = []
    window.workspace.changed.connect(notices.append)
    qtbot.mouseClick(similar.panel.find_button, Qt.MouseButton.LeftButton)
    head, _body, use = similar.panel.cards[0]
    assert "江州市古城保护条例" in head.text()
    qtbot.mouseClick(use, Qt.MouseButton.LeftButton)
    assert _article_words(window, uid) == wording
    # One notice for the one operation, named; one undo step of that name.
    assert [n.operation for n in notices] == ["采用相似条文表述"]
    assert notices[0].structure
    stack = window.workspace.stack
    assert stack.count() == 1 and stack.undoText() == "采用相似条文表述"
    assert wording in window.reading_view.toPlainText()
    _ctrl_z(qtbot, window)
    assert _article_words(window, uid) == words
    assert wording not in window.reading_view.toPlainText()
    _ctrl_z(qtbot, window, shift=True)
    assert _article_words(window, uid) == wording
    # Undo and redo: one notice each; an undone step is announced as 撤销X (the journal too).
    assert [n.operation for n in notices] == ["采用相似条文表述", "撤销采用相似条文表述", "采用相似条文表述"]
    # Saved to the library as any edit is.
    assert window.editing.autosave.save_now()
    saved = library.load_draft(demo[0].id)
    assert next(article_text(u) for u in saved.walk() if u.uid == uid) == wording


def test_no_copy_into_a_frozen_version_and_not_twice(
    qtbot: Any, window: Any, library: Library, demo: list[VersionInfo]
) -> None:
    uid, words, wording = _setup(window, library)
    similar = window.similar
    refused: list[str] = []
    window.workspace.refused.connect(refused.append)
    assert similar.show_current() >= 1
    assert similar.article_uid == uid
    assert similar.adopt(wording)
    assert not similar.adopt(wording)  # the article already reads so
    assert refused == ["该条已是此表述"]
    assert window.workspace.stack.count() == 1
    window.workspace.undo()
    assert _article_words(window, uid) == words
    assert window.editing.autosave.save_now()
    library.freeze(demo[0].id, label="一审稿")
    assert window.workspace.update_version(library.version(demo[0].id))
    assert window.workspace.read_only
    assert not similar.adopt(wording)
    assert "冻结" in refused[-1]
    assert _article_words(window, uid) == words


def test_the_cards_fit_a_narrow_side_tab(
    qtbot: Any, window: Any, library: Library, demo: list[VersionInfo]
) -> None:
    """At 1280×720 the side tab is about 250 px wide: a card's header (regulation, article,
    place, date, score) and its diff wrap inside it rather than widen the cards past it."""
    _setup(window, library)
    panel = window.similar.panel
    qtbot.mouseClick(panel.find_button, Qt.MouseButton.LeftButton)
    assert panel.cards
    panel.resize(247, 600)
    assert all(head.wordWrap() and body.wordWrap() for head, body, _use in panel.cards)
    assert all(head.minimumSizeHint().width() <= 247 for head, _body, _use in panel.cards)
    assert panel._cards.minimumSizeHint().width() <= 247
