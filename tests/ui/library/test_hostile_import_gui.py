"""Hostile files in the window: a message box with the reason, no traceback, library unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.hostile_files import (
    akn,
    base_docx,
    base_xlsx,
    document_xml,
    library_rows,
    lie_about_size,
    numbered_docx,
    paragraph,
    rewrite_zip,
)
from ui.comments.import_dialog import ImportChoice


def test_hostile_regulation_files_each_get_a_message_box(
    window: Any, tmp_path: Path, warnings_shown: list[tuple[str, str]]
) -> None:
    bomb = numbered_docx(tmp_path / "bomb.docx", "upperLetter", 100_000_000, items=200)
    entity = rewrite_zip(
        base_docx(tmp_path / "b.docx"),
        tmp_path / "entity.docx",
        {
            "word/document.xml": document_xml(
                paragraph("第一条　&x;"), '<!DOCTYPE w [<!ENTITY x "y">]>'
            )
        },
    )
    deep = tmp_path / "deep.xml"
    deep.write_bytes(akn("<chapter>" * 5000 + "</chapter>" * 5000))
    liar = rewrite_zip(base_docx(tmp_path / "c.docx"), tmp_path / "liar.docx", {})
    lie_about_size(liar, "word/document.xml", 0xFFFF_FFF0)
    before = library_rows(tmp_path / "lib.sqlite3")

    done = window.importer.import_paths([bomb, entity, deep, liar])

    assert done == []
    assert [title for title, _ in warnings_shown] == ["无法导入"] * 4
    reasons = ["列表编号过大", "DTD", "嵌套过深", "过大"]
    for (_, text), path, reason in zip(
        warnings_shown, [bomb, entity, deep, liar], reasons, strict=True
    ):
        assert path.name in text and reason in text and "Traceback" not in text, text
    assert library_rows(tmp_path / "lib.sqlite3") == before


def test_hostile_comment_sheet_gets_a_message_box(
    qtbot: Any, window: Any, tmp_path: Path, warnings_shown: list[tuple[str, str]]
) -> None:
    bomb = rewrite_zip(base_xlsx(tmp_path / "b.xlsx"), tmp_path / "意见.xlsx", {})
    lie_about_size(bomb, "xl/sharedStrings.xml", 1 << 30)
    controller = window.comments
    # The window opens a consultation round on the first import even when the file then fails
    # (ui/comments start_import → default_round, outside the import's transaction): open it
    # first, so the comparison is about what the file does.
    controller.default_round()
    before = library_rows(tmp_path / "lib.sqlite3")
    worker = controller.start_import(bomb, ImportChoice({}))
    if worker is not None:
        qtbot.waitUntil(lambda: controller.worker is None, timeout=20000)
    assert len(warnings_shown) == 1, warnings_shown
    title, text = warnings_shown[0]
    assert "过大" in text and "Traceback" not in text, (title, text)
    assert library_rows(tmp_path / "lib.sqlite3") == before
