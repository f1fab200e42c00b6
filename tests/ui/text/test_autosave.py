"""Nothing lost: edits reach the library file within the autosave interval, on Ctrl+S, on a
version switch and on close; a failed save warns and keeps the edits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from drafting.model.units import UnitKind
from drafting.write.plain_text import render_text
from storage.library import Library, VersionInfo
from tests.ui.drafts import reopened_text
from ui.shell import settings
from ui.shell.main_window import MainWindow
from ui.text.autosave import SETTINGS_KEY, autosave_seconds

pytestmark = pytest.mark.gui


def test_interval_comes_from_settings() -> None:
    assert autosave_seconds() == 3.0
    store = settings.open_settings()
    store.setValue(SETTINGS_KEY, "0.5")
    store.sync()
    assert autosave_seconds() == 0.5


def test_edit_is_saved_after_the_interval(
    qtbot: Any, window: MainWindow, tmp_path: Path, demo: list[VersionInfo]
) -> None:
    autosave = window.editing.autosave
    # Deterministic under load: while the edit is checked as not yet saved, the interval is
    # far longer than any pause of a busy machine; then it is 0.3 s and the save must follow.
    autosave.set_interval(600)
    draft = window.draft
    assert draft is not None
    first = draft.articles()[0]
    window.select_unit(first.uid)
    uid = window.editing.insert(UnitKind.ARTICLE)
    assert uid is not None
    assert window.editing.save_label.text() == "未保存的修改"
    assert autosave.dirty and autosave.timer.isActive()
    assert "（新条文）" not in reopened_text(tmp_path / "lib.sqlite3", demo[0].id)
    with qtbot.waitSignal(autosave.timer.timeout, timeout=30_000):
        autosave.set_interval(0.3)  # an active timer starts again with the new interval
        assert autosave.timer.isActive() and autosave.timer.interval() == 300
    assert window.editing.save_label.text().startswith("已保存")
    assert not autosave.dirty
    assert reopened_text(tmp_path / "lib.sqlite3", demo[0].id) == render_text(draft)


def test_ctrl_s_version_switch_and_close_save_at_once(
    qtbot: Any, window: MainWindow, tmp_path: Path, demo: list[VersionInfo]
) -> None:
    path = tmp_path / "lib.sqlite3"
    draft = window.draft
    assert draft is not None
    window.select_unit(draft.articles()[2].uid)
    window.editing.insert(UnitKind.ARTICLE)
    window.acts.save.trigger()
    assert reopened_text(path, demo[0].id) == render_text(draft)

    window.editing.insert(UnitKind.ARTICLE)
    expected = render_text(draft)
    window.open_version(demo[1].id)  # another version: the first is saved before it goes
    assert reopened_text(path, demo[0].id) == expected

    park = window.draft
    assert park is not None
    window.select_unit(park.articles()[0].uid)
    window.editing.insert(UnitKind.ARTICLE, after=False)
    expected = render_text(park)
    window.close()
    assert reopened_text(path, demo[1].id) == expected


def test_failed_save_warns_and_keeps_the_edits(
    qtbot: Any,
    window: MainWindow,
    library: Library,
    tmp_path: Path,
    demo: list[VersionInfo],
    warnings_shown: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    draft = window.draft
    assert draft is not None
    # Someone froze the version behind the window's back: the save is refused.
    with Library.open(tmp_path / "lib.sqlite3") as other:
        other.freeze(demo[0].id, label="征求意见稿")
    window.select_unit(draft.articles()[0].uid)
    window.editing.insert(UnitKind.ARTICLE)
    assert not window.editing.save_now()
    assert warnings_shown and warnings_shown[0][0] == "无法保存"
    assert "修改仍保留" in warnings_shown[0][1]
    assert "保存失败" in window.editing.save_label.text()
    assert window.editing.autosave.dirty
    assert "（新条文）" in render_text(draft)  # still in memory
    window.editing.insert(UnitKind.ARTICLE)  # tried again on the next change: one box only
    window.editing.save_now()
    assert len(warnings_shown) == 1
    # closing asks before the unsaved edits go; 否 keeps the window open
    from PySide6.QtWidgets import QMessageBox

    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return answers[len(asked) - 1]

    monkeypatch.setattr(QMessageBox, "question", question)
    assert not window.close()
    assert window.isVisible() and "将丢失" in asked[0]
    assert window.close()


def test_freeze_takes_the_text_on_screen_then_editing_stops(
    qtbot: Any,
    window: MainWindow,
    tmp_path: Path,
    demo: list[VersionInfo],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import datetime as dt

    from ui.library.version_dialogs import FreezeData, FreezeVersionDialog

    def get_data(cls: object, *args: object) -> tuple[FreezeData, bool]:
        return FreezeData("一审稿", "一审", dt.date(2026, 11, 27), "", False), True

    monkeypatch.setattr(FreezeVersionDialog, "get_data", classmethod(get_data))
    draft = window.draft
    assert draft is not None
    window.select_unit(draft.articles()[0].uid)
    window.editing.insert(UnitKind.ARTICLE)
    expected = render_text(draft)
    window.acts.freeze_version.trigger()
    assert window.version is not None and window.version.frozen
    assert reopened_text(tmp_path / "lib.sqlite3", window.version.id) == expected
    assert not window.acts.insert_article_after.isEnabled()
    assert not window.acts.undo.isEnabled()
    assert window.editing.editor.edit.isReadOnly()


def test_library_switch_saves_first(
    qtbot: Any, window: MainWindow, tmp_path: Path, demo: list[VersionInfo]
) -> None:
    draft = window.draft
    assert draft is not None
    window.select_unit(draft.articles()[0].uid)
    window.editing.insert(UnitKind.ARTICLE)
    expected = render_text(draft)
    assert window.open_library_at(str(tmp_path / "other.sqlite3"), create=True)
    assert reopened_text(tmp_path / "lib.sqlite3", demo[0].id) == expected


def test_autosave_writes_only_what_the_edits_touched(
    qtbot: Any, window: MainWindow, tmp_path: Path, demo: list[VersionInfo]
) -> None:
    path = tmp_path / "lib.sqlite3"
    saver = window.editing.autosave
    controller = window.editing.controller
    draft = window.draft
    assert draft is not None
    units = len(list(draft.walk()))
    paragraph = draft.articles()[3].children[0]
    controller.edit_text(paragraph.uid, paragraph.text + "加")
    assert saver.save_now()
    assert saver.last_written == 1  # one 款, not the whole text
    assert reopened_text(path, demo[0].id) == render_text(draft)

    # Several edits between two saves, an undo among them: all of them reach the file.
    window.select_unit(draft.articles()[0].uid)
    window.editing.insert(UnitKind.ARTICLE)
    window.select_unit(draft.articles()[5].uid)
    window.editing.insert(UnitKind.ARTICLE, after=False)
    controller.undo()
    controller.delete(draft.articles()[8].uid)
    assert saver.save_now()
    assert saver.last_written is not None and 0 < saver.last_written < units // 2
    assert reopened_text(path, demo[0].id) == render_text(draft)

    # Told that anything may have changed, the saver writes the whole text again.
    saver.note_changes(None)
    assert saver.save_now()
    assert saver.last_written == len(list(draft.walk())) + sum(
        len(set(origins)) for origins in draft.lineage.values()
    )
    assert reopened_text(path, demo[0].id) == render_text(draft)
