"""保存冲突 with two real processes: another program saves a unit of the version shown, this
window changes the same unit and saves → the dialog shows both texts; each choice (keep mine,
take theirs, merge by hand) is what the library then holds, and the other program's change of
another unit is kept. On SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QTextCursor

from resources.demo import seed_demo
from storage.library import CONFLICT_MESSAGE, Library
from tests.ui.dialogs import CANCEL, answering, press
from ui.shell import settings
from ui.text.conflict_dialog import ConflictDialog

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[3]

OTHER_PROGRAM = textwrap.dedent(
    """
    import sys
    from storage.library import Library
    location, version_id, uid, text, other_uid, other_text = sys.argv[1:]
    with Library.open(location) as lib:
        lib.user_name = lambda: "对方"
        draft = lib.load_draft(int(version_id))
        draft.find(uid).text = text
        draft.find(other_uid).text = other_text
        lib.save_draft(int(version_id), draft, changed={uid, other_uid})
    """
)


def other_program_saves(location: str, version_id: int, *edits: tuple[str, str]) -> None:
    """A second process (a colleague's program) saves these unit texts in the same library."""
    args = [str(location), str(version_id)]
    for uid, text in edits:
        args += [uid, text]
    done = subprocess.run(
        [sys.executable, "-c", OTHER_PROGRAM, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture
def shared(qtbot: Any, db_url: str) -> Iterator[tuple[Any, str, int]]:
    """The window on a library at ``db_url`` holding the demo drafts, showing the first."""
    from ui.shell.main_window import MainWindow

    library = Library.open(db_url)
    versions = seed_demo(library)
    settings.set_user_name("本窗口起草人")
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_version(versions[0].id)
    yield win, db_url, versions[0].id
    win.editing.autosave.track(None, None)  # nothing left to ask about on close
    win.close()
    win.workspace.library.close()


def type_over(window: Any, uid: str, words: str) -> None:
    """Select the unit in the editor, and replace its words as typing would."""
    window.editing.edit_unit(uid)
    editor = window.editing.editor
    assert editor.uid == uid
    cursor = editor.edit.textCursor()
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.insertText(words)
    window.editing.flush()


@pytest.mark.parametrize("choice", ["keep_mine", "take_theirs", "by_hand"])
def test_conflict_dialog_each_choice_is_what_is_stored(
    qtbot: Any, shared: tuple[Any, str, int], choice: str
) -> None:
    window, location, version_id = shared
    draft = window.draft
    paragraphs = [a.children[0] for a in draft.articles()]
    contested, elsewhere = paragraphs[2], paragraphs[4]
    other_program_saves(
        location,
        version_id,
        (contested.uid, "对方写的第三条。"),
        (elsewhere.uid, "对方写的第五条。"),
    )
    type_over(window, contested.uid, "我写的第三条。")
    seen: dict[str, str] = {}

    def settle(dialog: ConflictDialog) -> None:
        [row] = dialog.rows
        seen["mine"] = row.mine_view.toPlainText()
        seen["theirs"] = row.theirs_view.toPlainText()
        seen["title"] = row.title()
        getattr(row, choice).click()
        if choice == "by_hand":
            assert row.hand_edit.isEnabled()
            row.hand_edit.setPlainText("合并后的第三条。")
        else:
            assert not row.hand_edit.isEnabled()
        press(qtbot, dialog)

    with answering(ConflictDialog, settle):
        assert window.editing.save_now()
    assert seen == {"mine": "我写的第三条。", "theirs": "对方写的第三条。", "title": "第三条第一款"}
    expected = {
        "keep_mine": "我写的第三条。",
        "take_theirs": "对方写的第三条。",
        "by_hand": "合并后的第三条。",
    }[choice]
    with Library.open(location) as other:
        stored = other.load_draft(version_id)
        assert stored.find(contested.uid).text == expected  # type: ignore[union-attr]
        assert stored.find(elsewhere.uid).text == "对方写的第五条。"  # type: ignore[union-attr]
        history = other.history(window.version.regulation_id, contested.uid, versions=False)
    # The window shows what was saved, and goes on saving it (no conflict left).
    shown = window.draft
    assert shown.find(contested.uid).text == expected
    assert shown.find(elsewhere.uid).text == "对方写的第五条。"
    assert not window.editing.autosave.conflicted
    type_over(window, elsewhere.uid, "我后来又改的第五条。")
    assert window.editing.save_now()
    with Library.open(location) as other:
        assert other.load_draft(version_id).find(elsewhere.uid).text == "我后来又改的第五条。"  # type: ignore[union-attr]
    # Audit trail: the other program's save and this window's resolution, by name.
    # (Taking theirs changes nothing of that unit: nothing recorded for this window.)
    names = ["对方"] if choice == "take_theirs" else ["对方", "本窗口起草人"]
    assert [e.by for e in history] == names


def test_cancelled_dialog_saves_nothing_and_warns(
    qtbot: Any, shared: tuple[Any, str, int], warnings_shown: list[tuple[str, str]]
) -> None:
    window, location, version_id = shared
    paragraphs = [a.children[0] for a in window.draft.articles()]
    contested, elsewhere = paragraphs[2], paragraphs[4]
    other_program_saves(
        location, version_id, (contested.uid, "对方写的。"), (elsewhere.uid, "对方写的第五条。")
    )
    type_over(window, contested.uid, "我写的。")
    with answering(ConflictDialog, lambda dialog: press(qtbot, dialog, CANCEL)):
        assert not window.editing.save_now()
    assert window.editing.autosave.conflicted
    assert len(warnings_shown) == 1 and CONFLICT_MESSAGE in warnings_shown[0][1]
    with Library.open(location) as other:
        assert other.load_draft(version_id).find(contested.uid).text == "对方写的。"  # type: ignore[union-attr]
    window.editing.autosave.track(None, None)  # the unsaved edits are given up: no close prompt
