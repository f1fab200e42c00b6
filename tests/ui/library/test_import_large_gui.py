"""A text far larger than any regulation is described before it is read: the window asks
(取消 by default / 仍然导入), the command line refuses without --force."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from drafting.model.numerals import to_chinese
from drafting.read.survey import survey_file
from storage.library import Library
from tests.app_runner import run_app
from tests.ui.dialogs import answering
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


def _text(path: Path, articles: int, padding: str = "") -> Path:
    lines = ["江州市超大测试条例", ""]
    lines += [
        f"第{to_chinese(n)}条　本条规定第{n}项事务。{padding}" for n in range(1, articles + 1)
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_survey_counts_and_estimates(tmp_path: Path, corpus: Path) -> None:
    civil = survey_file(corpus / "large_civil_code_2020.md")
    assert civil.articles == 1260 and not civil.estimated and not civil.too_large
    many = survey_file(_text(tmp_path / "many.txt", 6000))  # 0.3 MB, but 6,000 articles
    assert many.too_large and many.articles == 6000 and many.size < 2 * 1024 * 1024
    padded = _text(tmp_path / "big.txt", 8000, "各级人民政府应当加强组织领导。" * 20)
    big = survey_file(padded)
    assert big.size > 2 * 1024 * 1024 and big.estimated and big.too_large
    assert big.articles is not None and abs(big.articles - 8000) < 400
    assert big.describe().startswith(f"{big.size / 1048576:.1f} MB，约 ")


def test_window_asks_before_a_huge_import_cancel_or_go_on(
    qtbot: Any, window: MainWindow, library: Library, tmp_path: Path
) -> None:
    path = _text(tmp_path / "超大.txt", 6000)
    before = [r.title for r in library.regulations()]
    seen: list[str] = []

    def answer(text: str) -> Any:
        def press(box: QMessageBox) -> None:
            seen.append(box.text())
            assert box.defaultButton().text() == "取消"
            next(b for b in box.buttons() if b.text() == text).click()

        return press

    with answering(QMessageBox, answer("取消")):
        assert window.importer.import_path(path) is None
    assert "《超大.txt》条文数量过多（0.3 MB，6000 条，上限 5000 条）" in seen[0]
    assert [r.title for r in library.regulations()] == before
    assert window.statusBar().currentMessage() == "已取消导入《超大.txt》，法规库没有改动"

    # 仍然导入: read in the background, past the 5,000-article cap the drafter was told of.
    with answering(QMessageBox, answer("仍然导入")):
        version = window.importer.import_path(path)
    assert version is not None and library.version(version.id).articles == 6000


def test_ctrl_o_of_a_20_mb_text_answers_at_once(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    path = _text(tmp_path / "巨大.txt", 21_000, "为了测试巨大文本，本条文字较长。" * 20)
    assert path.stat().st_size > 20 * 1024 * 1024
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(path)], ""))
    asked: list[float] = []
    start = time.perf_counter()

    def cancel(box: QMessageBox) -> None:
        asked.append(time.perf_counter() - start)
        next(b for b in box.buttons() if b.text() == "取消").click()

    with answering(QMessageBox, cancel):
        window.acts.import_file.trigger()
    assert asked  # the question came before any parsing (the bench prints the time)


def test_cli_refuses_a_huge_text_unless_forced(tmp_path: Path) -> None:
    path = _text(tmp_path / "many.txt", 6000)
    db = str(tmp_path / "lib.sqlite3")
    refused = run_app("import", str(path), "--db", db)
    assert refused.returncode == 1
    assert "6000 条" in refused.stderr and "--force" in refused.stderr
    forced = run_app("import", str(path), "--db", db, "--force", "--json")
    assert forced.returncode == 0, forced.stderr
    assert '"articles": 6000' in forced.stdout


def test_a_text_past_the_hard_cap_is_refused_at_once_without_go_on(
    qtbot: Any, window: MainWindow, library: Library, tmp_path: Path
) -> None:
    """Tester B fault 9: past 99,999 articles 仍然导入 could only fail after a long read, so
    the window refuses at once and names the hard cap."""
    path = tmp_path / "巨量.txt"
    lines = ["江州市巨量测试条例", ""] + [f"第{n}条　本条。" for n in range(1, 101_001)]
    path.write_text("\n".join(lines), encoding="utf-8")
    survey = survey_file(path)
    assert survey.beyond_reach and survey.too_large
    assert not survey_file(_text(tmp_path / "many.txt", 6000)).beyond_reach
    before = [r.title for r in library.regulations()]
    seen: list[tuple[str, list[str]]] = []

    def close(box: QMessageBox) -> None:
        seen.append((box.text(), [b.text() for b in box.buttons()]))
        box.accept()

    with answering(QMessageBox, close):
        assert window.importer.import_path(path) is None
    assert len(seen) == 1
    text, buttons = seen[0]
    assert "超过可编号的上限 99999 条" in text and "无法导入" in text
    assert "仍然导入" not in buttons
    assert [r.title for r in library.regulations()] == before
