"""导入参考法规 in the background (issue 16)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from storage.library import Library
from storage.references import references
from tests.storage.reference_corpus import CORPUS
from ui.search.reference_import import import_in_background


def test_a_folder_imports_in_the_background_and_says_what_it_did(
    qtbot: Any, tmp_path: Path
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    files = [CORPUS / "local_ningbo_river_2019.md", CORPUS / "local_rizhao_park_2021.md"]
    messages: list[str] = []
    with Library.open(tmp_path / "lib.sqlite3") as library:
        job = import_in_background(window, library, [*files, files[0]], messages.append)
        assert window.isEnabled()  # not modal: the window goes on working
        with qtbot.waitSignal(job.ended, timeout=30_000):
            pass
        assert messages == ["导入参考法规 2 件，重复跳过 1 件"]
        assert sorted(r.title for r in references(library)) == [
            "宁波市河道管理条例",
            "日照市公园条例",
        ]


def test_the_file_menu_imports_references_into_their_own_tree_node(
    qtbot: Any, window: Any, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QFileDialog

    files = [str(CORPUS / "local_ningbo_river_2019.md"), str(CORPUS / "local_rizhao_park_2021.md")]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (files, ""))
    drafts_before = window.library_model.rowCount()
    shown = window.workspace.version.id
    notices: list[Any] = []
    window.workspace.changed.connect(notices.append)
    window.acts.import_references.trigger()
    qtbot.waitUntil(lambda: any(n.versions for n in notices), timeout=30_000)
    model = window.library_model
    refs = model.references_index()
    assert refs.isValid() and refs.data() == "参考法规（2）"
    assert model.rowCount() == drafts_before + 1  # the drafts as they were, then 参考法规
    assert "导入参考法规 2 件" in window.statusBar().currentMessage()
    assert window.workspace.version.id == shown  # the text shown stays
    # A folder chosen then cancelled: nothing happens.
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")
    window.acts.import_reference_folder.trigger()
    assert model.references_index().data() == "参考法规（2）"
