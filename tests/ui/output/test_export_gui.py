"""导出 in the window: Word, PDF, Akoma Ntoso and the print preview of the version shown — a real
SQLite library in tmp_path (the demo drafts), real files written and read back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolBar

from storage.library import Library, VersionInfo
from tests.ui.dialogs import answering
from ui.output.export_controller import default_file_name, safe_file_name
from ui.output.print_dialog import DraftPrintPreview
from ui.output.printing import PrintOptions
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


class SaveAnswers:
    """Answers QFileDialog.getSaveFileName with the next path; records what it was offered."""

    def __init__(self) -> None:
        self.paths: list[Path] = []
        self.offered: list[str] = []

    def __call__(self, parent: object, caption: str, start: str, *args: object) -> Any:
        self.offered.append(start)
        return (str(self.paths.pop(0)) if self.paths else "", "")


@pytest.fixture
def save_as(monkeypatch: pytest.MonkeyPatch) -> SaveAnswers:
    answers = SaveAnswers()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answers)
    return answers


def test_default_file_name_is_safe() -> None:
    assert (
        default_file_name("某市公园条例", "征求意见稿", ".docx")
        == "《某市公园条例》（征求意见稿）.docx"
    )
    assert default_file_name("《某市公园条例》", "", ".pdf") == "《某市公园条例》.pdf"
    assert (
        default_file_name("某市/公园:条例?", "（草案）", ".xml")
        == "《某市_公园_条例_》（草案）.xml"
    )
    assert safe_file_name(" . ") == "法规"


def test_menu_and_toolbar(window: MainWindow) -> None:
    a = window.acts
    texts = [act.text() for act in window.acts.menus["export"].actions() if act.text()]
    assert texts == [
        "导出正式文本（Word）(&W)…",
        "导出 PDF(&P)…",
        "导出 Akoma Ntoso XML(&A)…",
        "打印预览(&V)…",
    ]
    assert a.print_preview.shortcut() == QKeySequence("Ctrl+P")
    toolbar = window.findChild(QToolBar, "toolbar_main")
    assert toolbar is not None
    words = [act.iconText() for act in toolbar.actions() if not act.isSeparator()]
    assert "导出" in words and "打印" in words and "比较" in words
    assert all(act.isEnabled() for act in (a.export_word, a.export_pdf, a.print_preview))


def test_export_word_from_menu(
    window: MainWindow, save_as: SaveAnswers, tmp_path: Path, demo: list[VersionInfo]
) -> None:
    out = tmp_path / "out" / "古城.docx"
    out.parent.mkdir()
    save_as.paths.append(out)
    window.acts.export_word.trigger()
    title = window.draft.title if window.draft else ""
    assert Path(save_as.offered[0]).name == f"《{title}》（征求意见稿）.docx"
    assert out.is_file()
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs if p.text]
    assert paragraphs[0] == title
    assert paragraphs[1] == "（征求意见稿）"
    assert any(p.startswith("第一条") for p in paragraphs)
    assert window.statusBar().currentMessage() == f"已导出：{out}"
    # The next dialog starts where the last file went.
    save_as.paths.append(tmp_path / "out" / "again")
    window.acts.export_word.trigger()
    assert Path(save_as.offered[1]).parent == out.parent
    assert (tmp_path / "out" / "again.docx").is_file()  # the suffix is added


def test_export_cancelled_writes_nothing(
    window: MainWindow, save_as: SaveAnswers, tmp_path: Path
) -> None:
    window.acts.export_word.trigger()  # no answer queued: the dialog was cancelled
    assert not list(tmp_path.glob("*.docx"))


def test_export_pdf(window: MainWindow, save_as: SaveAnswers, tmp_path: Path) -> None:
    out = tmp_path / "古城.pdf"
    save_as.paths.append(out)
    window.acts.export_pdf.trigger()
    assert out.read_bytes().startswith(b"%PDF")
    assert out.stat().st_size > 10_000
    assert window.statusBar().currentMessage() == f"已导出：{out}"


def test_export_akn_and_import_it_back(
    window: MainWindow, save_as: SaveAnswers, tmp_path: Path, library: Library
) -> None:
    draft = window.draft
    assert draft is not None
    out = tmp_path / "古城.xml"
    save_as.paths.append(out)
    window.acts.export_akn.trigger()
    data = out.read_bytes()
    assert b"akomaNtoso" in data and "征求意见稿".encode() in data
    before = len(library.regulations())
    # The very text the library holds: the window asks; a second regulation is wanted here.
    asked: list[str] = []

    def import_again(box: QMessageBox) -> None:
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == "仍然导入为新法规").click()

    with answering(QMessageBox, import_again):
        version = window.importer.import_path(out)
    assert asked and "法规库中已有与《古城.xml》相同的文本" in asked[0]
    assert version is not None
    assert len(library.regulations()) == before + 1
    assert version.label == "征求意见稿"  # docStage read back as the version's label
    back = library.load_draft(version.id)
    assert back.title == draft.title
    assert back.counts() == draft.counts()


def test_import_refuses_xml_that_is_not_akoma_ntoso(
    window: MainWindow, tmp_path: Path, warnings_shown: list[tuple[str, str]], library: Library
) -> None:
    bad = tmp_path / "其他.xml"
    bad.write_text("<root><p>第一条 测试</p></root>", encoding="utf-8")
    before = len(library.regulations())
    assert window.importer.import_path(bad) is None
    assert warnings_shown and "Akoma Ntoso" in warnings_shown[0][1]
    assert len(library.regulations()) == before


def test_write_error_is_a_message_not_a_traceback(
    window: MainWindow, save_as: SaveAnswers, tmp_path: Path, warnings_shown: list[tuple[str, str]]
) -> None:
    save_as.paths.append(tmp_path / "没有这个文件夹" / "x.docx")
    assert window.exporter.export_word() is None
    folder = tmp_path / "是文件夹.pdf"
    folder.mkdir()
    assert window.exporter.export_pdf(folder) is None
    assert [title for title, _ in warnings_shown] == ["无法导出", "无法导出"]
    assert "Word 或 WPS" in warnings_shown[0][1]
    assert not (tmp_path / "没有这个文件夹").exists()


def test_print_preview_with_options(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, save_as: SaveAnswers, tmp_path: Path
) -> None:
    seen: dict[str, Any] = {}

    def fake_exec(dialog: DraftPrintPreview) -> int:
        # What the user sees: the preview laid out, then 打印选项 changed.
        widget = dialog.preview_widget()
        assert widget is not None
        widget.updatePreview()
        seen["pages"] = dialog.pages
        seen["stage"] = dialog.print_options.stage_label
        seen["options_button"] = dialog.options_action.text()
        dialog.set_options(
            PrintOptions(stage_label="征求意见稿", mark="内部资料", line_numbers=True)
        )
        seen["pages_after"] = dialog.pages
        return 0

    monkeypatch.setattr(DraftPrintPreview, "exec", fake_exec)
    window.acts.print_preview.trigger()
    assert seen["stage"] == "征求意见稿"
    assert seen["pages"] >= 1 and seen["pages_after"] >= 1
    assert seen["options_button"] == "打印选项…"
    # The options stay for the next preview and for 导出 PDF; the stage follows the version.
    assert window.exporter.print_options.line_numbers
    assert window.exporter.print_options.mark == "内部资料"
    assert window.exporter.print_options.stage_label == ""
    out = tmp_path / "审议稿.pdf"
    save_as.paths.append(out)
    window.acts.export_pdf.trigger()
    assert out.read_bytes().startswith(b"%PDF")


def test_stage_follows_the_version(
    window: MainWindow, demo: list[VersionInfo], save_as: SaveAnswers, tmp_path: Path
) -> None:
    assert window.open_version(demo[1].id)
    assert window.exporter.stage_label() == "草案"
    out = tmp_path / "公园.docx"
    save_as.paths.append(out)
    window.acts.export_word.trigger()
    assert Path(save_as.offered[0]).name.endswith("（草案）.docx")
    assert [p.text for p in docx.Document(str(out)).paragraphs][1] == "（草案）"


def test_nothing_to_export_in_an_empty_library(
    qtbot: Any, tmp_path: Path, warnings_shown: list[tuple[str, str]]
) -> None:
    empty = Library.open(tmp_path / "empty.sqlite3")
    win = MainWindow(empty)
    qtbot.addWidget(win)
    try:
        assert not win.acts.export_word.isEnabled()
        assert not win.acts.print_preview.isEnabled()
        assert win.exporter.export_word() is None
        assert warnings_shown and warnings_shown[0][0] == "无法导出"
    finally:
        win.close()
        win.library.close()


def test_exported_word_is_signed_with_the_drafters_name(
    window: MainWindow, save_as: SaveAnswers, tmp_path: Path
) -> None:
    from ui.shell import settings

    settings.set_user_name("李起草")
    out = tmp_path / "签名.docx"
    save_as.paths.append(out)
    window.acts.export_word.trigger()
    core = docx.Document(str(out)).core_properties
    assert (core.author, core.last_modified_by) == ("李起草", "李起草")
