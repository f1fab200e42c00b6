"""The review-version options dialog and the print preview (Ctrl+P).

``ReviewOptionsDialog.getData`` asks for the stage label, the mark, line numbers, the wide
margin and the watermark; ``DraftPrintPreview`` shows the draft in a QPrintPreviewDialog laid
out by ``ui.output.printing.paint_draft`` (the same layout as the PDF export), with a toolbar button
to change the options while previewing. Printing from the preview goes to the chosen printer
(or a PDF file when no printer is installed).
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from drafting.model.units import Draft
from ui.output.printing import PrintOptions, paint_draft, prepare_device
from ui.shell.dialog_buttons import ok_cancel_buttons

#: Stages commonly printed under the title (DOMAIN.md: 稿次). The first entry means none.
STAGE_CHOICES = ["", "征求意见稿", "草案", "草案（一审稿）", "草案修改稿", "草案表决稿", "送审稿"]
#: Marks commonly printed top-left on internal review copies.
MARK_CHOICES = ["", "内部资料\u3000注意保存", "内部资料", "会议材料\u3000会后收回"]


def _placeholder(combo: QComboBox, text: str) -> None:
    edit = combo.lineEdit()
    if edit is not None:
        edit.setPlaceholderText(text)


class ReviewOptionsDialog(QDialog):
    """Options of a printed review version (审议稿 / 征求意见稿)."""

    def __init__(self, parent: QWidget | None = None, options: PrintOptions | None = None) -> None:
        super().__init__(parent)
        options = options or PrintOptions()
        self.setWindowTitle(self.tr("打印选项"))

        self.stage = QComboBox(self)
        self.stage.setEditable(True)
        self.stage.addItems(STAGE_CHOICES)
        self.stage.setItemText(0, "")
        self.stage.setCurrentText(options.stage_label)
        _placeholder(self.stage, self.tr("无（正式文本）"))

        self.mark = QComboBox(self)
        self.mark.setEditable(True)
        self.mark.addItems(MARK_CHOICES)
        self.mark.setCurrentText(options.mark)
        _placeholder(self.mark, self.tr("无"))
        self.mark_every_page = QCheckBox(self.tr("每页都印"), self)
        self.mark_every_page.setChecked(options.mark_every_page)

        self.line_numbers = QCheckBox(self.tr("在左侧页边印行号（每页重新计数）"), self)
        self.line_numbers.setChecked(options.line_numbers)
        self.line_step = QComboBox(self)
        self.line_step.addItem(self.tr("每行"), 1)
        self.line_step.addItem(self.tr("每5行"), 5)
        self.line_step.setCurrentIndex(1 if options.line_number_step == 5 else 0)
        self.line_step.setEnabled(options.line_numbers)
        self.line_numbers.toggled.connect(self.line_step.setEnabled)

        self.wide_margin = QCheckBox(self.tr("右侧留宽边，便于手写批注"), self)
        self.wide_margin.setChecked(options.wide_margin)

        self.watermark = QLineEdit(options.watermark, self)
        self.watermark.setPlaceholderText(self.tr("无"))

        form = QFormLayout()
        form.addRow(self.tr("稿次标注："), self.stage)
        form.addRow(self.tr("页首标注："), self.mark)
        form.addRow("", self.mark_every_page)
        form.addRow(self.tr("行号："), self.line_numbers)
        form.addRow("", self.line_step)
        form.addRow(self.tr("页边："), self.wide_margin)
        form.addRow(self.tr("水印："), self.watermark)

        buttons = ok_cancel_buttons(self, self.tr("确定"))

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def options(self) -> PrintOptions:
        """The options as currently filled in."""
        return PrintOptions(
            stage_label=self.stage.currentText().strip(),
            mark=self.mark.currentText().strip(),
            mark_every_page=self.mark_every_page.isChecked(),
            line_numbers=self.line_numbers.isChecked(),
            line_number_step=int(self.line_step.currentData() or 1),
            wide_margin=self.wide_margin.isChecked(),
            watermark=self.watermark.text().strip(),
        )

    @classmethod
    def getData(  # noqa: N802 (the dialogs' common classmethod name)
        cls, parent: QWidget | None = None, options: PrintOptions | None = None
    ) -> tuple[PrintOptions, bool]:
        """Run the dialog; (options, accepted). The given options come back on cancel."""
        dialog = cls(parent, options)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return (dialog.options() if accepted else options or PrintOptions()), accepted
        finally:
            dialog.deleteLater()


class DraftPrintPreview(QPrintPreviewDialog):
    """A print preview of one draft with its review options (changeable from the toolbar)."""

    def __init__(
        self, parent: QWidget | None, draft: Draft, options: PrintOptions | None = None
    ) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        super().__init__(printer, parent)
        self._printer = printer  # the dialog does not own it: keep it alive with the dialog
        self.draft = draft
        self.print_options = options or PrintOptions()
        self.pages = 0
        self.setWindowTitle(self.tr("打印预览 — %1").replace("%1", draft.title))
        prepare_device(self._printer, self.print_options)
        self._printer.setDocName(draft.title)
        self.paintRequested.connect(self._paint)
        self.options_action = QAction(self.tr("打印选项…"), self)
        self.options_action.triggered.connect(self.change_options)
        toolbar = self.findChild(QToolBar)
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addAction(self.options_action)

    def _paint(self, printer: QPrinter) -> None:
        self.pages = paint_draft(self.draft, printer, self.print_options)

    def preview_widget(self) -> QPrintPreviewWidget | None:
        """The preview widget inside the dialog."""
        return self.findChild(QPrintPreviewWidget)

    def set_options(self, options: PrintOptions) -> None:
        """Lay the preview out again with new options."""
        self.print_options = options
        prepare_device(self._printer, options)
        widget = self.preview_widget()
        if widget is not None:
            widget.updatePreview()

    def change_options(self) -> None:
        """Ask for new review options and refresh the preview."""
        options, accepted = ReviewOptionsDialog.getData(self, self.print_options)
        if accepted:
            self.set_options(options)

