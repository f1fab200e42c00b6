"""The output dialogs opened for real: 打印选项, the print preview and the save-file dialog.

tests/ui/output/test_export_gui.py checks the exports with the dialogs' answers given; here the
real dialogs run modally, the drafter fills and presses them, and the files and options they
lead to are read back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QToolBar

from tests.ui.dialogs import CANCEL, OK, answering, choose_files, enter_text, pick, press, tick
from ui.output.print_dialog import DraftPrintPreview, ReviewOptionsDialog
from ui.output.printing import PrintOptions
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


def _fill_review_options(qtbot: Any, dialog: ReviewOptionsDialog) -> None:
    """Mark 内部资料 on every page, numbers every 5 lines, a wide margin and a watermark."""
    pick(dialog.mark, "内部资料")
    tick(qtbot, dialog.mark_every_page)
    assert not dialog.line_step.isEnabled()  # until line numbers are asked for
    tick(qtbot, dialog.line_numbers)
    assert dialog.line_step.isEnabled()
    pick(dialog.line_step, "每5行")
    tick(qtbot, dialog.wide_margin)
    enter_text(dialog.watermark, "征求意见")
    press(qtbot, dialog, OK)


def test_review_options_dialog_returns_what_was_chosen(qtbot: Any) -> None:
    def fill(dialog: ReviewOptionsDialog) -> None:
        assert dialog.stage.currentText() == "草案"  # the options it was given
        pick(dialog.stage, "征求意见稿")
        _fill_review_options(qtbot, dialog)

    with answering(ReviewOptionsDialog, fill):
        options, accepted = ReviewOptionsDialog.getData(None, PrintOptions(stage_label="草案"))
    assert accepted
    assert options == PrintOptions(
        stage_label="征求意见稿",
        mark="内部资料",
        mark_every_page=True,
        line_numbers=True,
        line_number_step=5,
        wide_margin=True,
        watermark="征求意见",
    )


def test_cancelled_review_options_give_back_the_old_ones(qtbot: Any) -> None:
    given = PrintOptions(mark="内部资料", line_numbers=True)

    def fill(dialog: ReviewOptionsDialog) -> None:
        enter_text(dialog.watermark, "不要")
        press(qtbot, dialog, CANCEL)

    with answering(ReviewOptionsDialog, fill):
        assert ReviewOptionsDialog.getData(None, given) == (given, False)


def test_print_preview_and_its_options_from_the_menu(qtbot: Any, window: MainWindow) -> None:
    seen: dict[str, Any] = {}

    def preview(dialog: DraftPrintPreview) -> None:
        widget = dialog.preview_widget()
        assert widget is not None
        qtbot.waitUntil(lambda: dialog.pages >= 1)
        seen["before"] = (dialog.pages, dialog.print_options.stage_label)
        toolbar = dialog.findChild(QToolBar)
        assert toolbar is not None
        button = toolbar.widgetForAction(dialog.options_action)
        assert button is not None and dialog.options_action.text() == "打印选项…"
        with answering(ReviewOptionsDialog, lambda options: _fill_review_options(qtbot, options)):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        seen["after"] = (widget.pageCount(), dialog.print_options.wide_margin)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # close the preview without printing

    with answering(DraftPrintPreview, preview):
        window.acts.print_preview.trigger()
    pages, stage = seen["before"]
    assert pages >= 1 and stage == "征求意见稿"  # the demo version's stage
    assert seen["after"][0] >= pages and seen["after"][1] is True
    # The options stay for the next preview and for 导出 PDF; the stage follows the version.
    kept = window.exporter.print_options
    assert (kept.mark, kept.line_numbers, kept.line_number_step, kept.watermark) == (
        "内部资料", True, 5, "征求意见"
    )  # fmt: skip
    assert kept.stage_label == ""


def test_export_word_through_the_real_save_dialog(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    out = tmp_path / "古城.docx"
    offered: list[str] = []
    with answering(QFileDialog, choose_files(qtbot, out, offered=offered)):
        window.acts.export_word.trigger()
    assert offered == ["《江州市古城保护条例》（征求意见稿）.docx"]
    qtbot.waitUntil(out.is_file)
    assert [p.text for p in docx.Document(str(out)).paragraphs][1] == "（征求意见稿）"


def test_cancelled_save_dialog_writes_nothing(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    def cancel(files: QFileDialog) -> None:
        press(qtbot, files, CANCEL)

    with answering(QFileDialog, cancel):
        assert window.exporter.export_pdf() is None
    assert list(tmp_path.glob("*.pdf")) == []
