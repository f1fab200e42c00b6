"""Reading files in the window the same way as the commands (Akoma Ntoso included), and the
stage label of an imported 征求意见稿 printed in the reading pane and the exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest

from drafting.exchange.akoma_ntoso import to_akn
from drafting.read.parse import parse_file
from storage.library import Library
from ui.compare.dialogs import CompareFilesDialog
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui

SAND_2023 = "pair_changjiang_sand_2023.md"


@pytest.fixture
def window(qtbot: Any, library: Library) -> MainWindow:
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def akn(corpus: Path, tmp_path: Path) -> Path:
    """长江河道采砂管理条例 2023 as Akoma Ntoso with the stage 征求意见稿."""
    path = tmp_path / "采砂.akn"
    path.write_bytes(to_akn(parse_file(corpus / SAND_2023).draft, stage_label="征求意见稿"))
    return path


def _pane_lines(window: MainWindow) -> list[str]:
    return window.reading_view.toPlainText().splitlines()


def test_imported_akn_prints_its_stage_in_the_pane_and_the_docx(
    window: MainWindow, library: Library, akn: Path, tmp_path: Path
) -> None:
    version = window.importer.import_path(akn)
    assert version is not None and version.label == "征求意见稿" and version.stage == ""
    assert window.version is not None and window.version.id == version.id
    lines = _pane_lines(window)
    assert lines[0] == "长江河道采砂管理条例"
    assert lines[1] == "（征求意见稿）"
    assert window.exporter.stage_label() == "征求意见稿"
    out = tmp_path / "导出.docx"
    assert window.exporter.export_word(out) == out
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert paragraphs[:2] == ["长江河道采砂管理条例", "（征求意见稿）"]


def test_imported_text_with_a_stage_keeps_it(
    window: MainWindow, corpus: Path, tmp_path: Path
) -> None:
    text = (corpus / SAND_2023).read_text(encoding="utf-8")
    title_end = text.index("\n")
    path = tmp_path / "采砂.md"
    path.write_text(text[:title_end] + "（征求意见稿）" + text[title_end:], encoding="utf-8")
    version = window.importer.import_path(path)
    assert version is not None and version.label == "征求意见稿"
    assert _pane_lines(window)[1] == "（征求意见稿）"


def test_compare_files_reads_akoma_ntoso(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, corpus: Path, akn: Path
) -> None:
    old = corpus / "pair_changjiang_sand_2001.md"

    def get_data(cls: type, parent: object) -> Any:
        return (old, akn), True

    monkeypatch.setattr(CompareFilesDialog, "get_data", classmethod(get_data))
    tab = window.comparer.compare_files()
    assert tab is not None
    by_text = window.comparer.compare_paths(old, corpus / SAND_2023)
    assert by_text is not None
    assert tab.comparison.summary == by_text.comparison.summary
    assert tab.comparison.summary["modified"] > 0
