"""Drive real modal dialogs: fill their widgets and press their buttons while ``exec()`` runs.

A modal dialog blocks the test in its own event loop. ``answering(Kind, fill)`` polls that loop
for the next visible top-level widget of ``Kind`` (our dialogs, QMessageBox, QFileDialog …),
calls ``fill(dialog)`` — which types, picks and presses like the drafter would — and lets the
code under test go on with what the dialog returned. Should ``fill`` fail or leave the dialog
open, the dialog is rejected so the test ends instead of hanging, and the failure is raised.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

D = TypeVar("D", bound=QWidget)

OK = QDialogButtonBox.StandardButton.Ok
CANCEL = QDialogButtonBox.StandardButton.Cancel


@contextmanager
def answering(
    kind: type[D], fill: Callable[[D], object], *, times: int = 1, timeout_s: float = 10.0
) -> Iterator[list[D]]:
    """Answer the next ``times`` dialogs of ``kind`` opened inside the block with ``fill``.

    Yields the list of dialogs answered (read what you need inside ``fill``: a dialog may be
    deleted once its ``get_data`` returns). Fails when fewer than ``times`` dialogs opened
    inside the block, and when any other modal dialog (an unexpected warning …) stays open
    ``timeout_s``: it is closed, so that the test fails instead of waiting for a click forever.
    """
    answered: list[D] = []
    errors: list[BaseException] = []
    stray_since: dict[int, float] = {}  # id of an unanswered modal dialog → first seen
    timer = QTimer()
    timer.setInterval(10)

    def close_strays() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or isinstance(modal, kind) or not isinstance(modal, QDialog):
            return
        first = stray_since.setdefault(id(modal), time.monotonic())
        if time.monotonic() - first > timeout_s:  # an inner ``answering`` had its chance
            text = modal.text() if isinstance(modal, QMessageBox) else modal.windowTitle()
            errors.append(AssertionError(f"unexpected {type(modal).__name__}: {text}"))
            modal.reject()

    def poll() -> None:
        close_strays()
        if len(answered) >= times:
            return
        dialog = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, kind) and w.isVisible() and all(w is not a for a in answered)
            ),
            None,
        )
        if dialog is None:
            return
        answered.append(dialog)
        try:
            fill(dialog)
        except BaseException as exc:  # noqa: BLE001 (raised again after the dialog closed)
            errors.append(exc)
        if dialog.isVisible() and isinstance(dialog, QDialog):
            errors.append(AssertionError(f"{kind.__name__} was left open by the test"))
            dialog.reject()

    timer.timeout.connect(poll)
    timer.start()
    try:
        yield answered
    finally:
        timer.stop()
    if errors:
        raise errors[0]
    assert len(answered) == times, f"{kind.__name__}: {len(answered)} of {times} dialogs opened"


def button_of(dialog: QWidget, which: QDialogButtonBox.StandardButton) -> QAbstractButton:
    """The standard button of a dialog's button box (a QMessageBox's own buttons too)."""
    if isinstance(dialog, QMessageBox):
        found = dialog.button(QMessageBox.StandardButton(which.value))
    else:
        box = dialog.findChild(QDialogButtonBox)
        assert box is not None, f"{type(dialog).__name__} has no button box"
        found = box.button(which)
    assert found is not None, f"{type(dialog).__name__} has no {which.name} button"
    return found


def press(qtbot: Any, dialog: QWidget, which: QDialogButtonBox.StandardButton = OK) -> None:
    """Click a dialog's standard button with the mouse (it must be enabled)."""
    button = button_of(dialog, which)
    assert button.isEnabled(), f"{button.text()} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tick(qtbot: Any, box: QCheckBox) -> None:
    """Click a check box on its indicator (a wide box ignores clicks right of its text)."""
    option = QStyleOptionButton()
    box.initStyleOption(option)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=indicator.center())


def pick(combo: QComboBox, text: str) -> None:
    """Choose the item of ``combo`` whose text is ``text`` (as a click in its list would)."""
    at = combo.findText(text)
    assert at >= 0, f"{text!r} not among {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(at)


def enter_text(widget: QWidget, text: str) -> None:
    """Enter ``text`` where the cursor is, as an input method commits typed Chinese.

    (QTest's key clicks know ASCII keys only; Chinese reaches a widget from the input method.)
    """
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_into(widget: QWidget, text: str) -> None:
    """Clear a line or text edit and enter ``text`` into it."""
    widget.setFocus()
    widget.clear()  # type: ignore[attr-defined]
    if text:
        enter_text(widget, text)


def choose_files(
    qtbot: Any, *paths: Path, offered: list[str] | None = None
) -> Callable[[QFileDialog], None]:
    """A ``fill`` for ``answering(QFileDialog, …)``: type the file name(s), press 打开 or 保存.

    Several names are typed the way the dialog takes them ("a.md" "b.md", from their folder);
    ``offered`` receives the name the dialog proposed (a save dialog's suggested file name).
    """

    def fill(files: QFileDialog) -> None:
        name = files.findChild(QLineEdit, "fileNameEdit")
        assert name is not None, "not Qt's own file dialog"
        if offered is not None:
            offered.append(name.text())
        if len(paths) == 1:
            name.setText(str(paths[0]))
        else:
            files.setDirectory(str(paths[0].parent))
            name.setText(" ".join(f'"{p.name}"' for p in paths))
        saving = files.acceptMode() == QFileDialog.AcceptMode.AcceptSave
        which = (
            QDialogButtonBox.StandardButton.Save if saving else QDialogButtonBox.StandardButton.Open
        )
        press(qtbot, files, which)

    return fill
