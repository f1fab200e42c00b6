"""Importing a text the library already holds, in the window: 打开已有的 / 仍然导入 / 取消."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from drafting.read.parse import parse_text
from storage.library import Library
from tests.ui.dialogs import answering
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui

TEXT = (
    "某市养犬管理条例\n第一条　为了规范养犬行为，制定本条例。\n"
    "第二条　本条例自2024年1月1日起施行。\n"
)


def _press(label: str, seen: list[str]) -> Any:
    def fill(box: QMessageBox) -> None:
        seen.append(box.text())
        button = next(b for b in box.buttons() if b.text() == label)
        button.click()

    return fill


def test_reimport_asks_open_import_again_or_cancel(
    qtbot: Any, library: Library, tmp_path: Path
) -> None:
    source = tmp_path / "养犬.txt"
    source.write_text(TEXT, encoding="utf-8")
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    first = window.importer.import_path(source)
    assert first is not None
    other = library.import_draft(parse_text(TEXT.replace("养犬", "养猫")).draft)
    assert window.reload_library(select_version=other.id)
    assert window.version is not None and window.version.id == other.id
    seen: list[str] = []

    with answering(QMessageBox, _press("取消", seen)):
        assert window.importer.import_path(source) is None
    assert len(library.regulations()) == 2
    assert "法规库中已有与《养犬.txt》相同的文本：《某市养犬管理条例》" in seen[0]
    assert "已取消导入" in window.statusBar().currentMessage()

    with answering(QMessageBox, _press("打开已有的", seen)):
        assert window.importer.import_path(source) is None
    assert len(library.regulations()) == 2
    assert window.version is not None and window.version.id == first.id

    with answering(QMessageBox, _press("仍然导入为新法规", seen)):
        again = window.importer.import_path(source)
    assert again is not None and again.regulation_id != first.regulation_id
    assert len(library.regulations()) == 3
    assert window.version is not None and window.version.id == again.id
