"""Tables on paper and in the PDF: cells in columns and ruled, not | a | b | text."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QPdfWriter

from drafting.model.matter import Cell, Table
from drafting.read.parse import parse_text
from ui.output.printing import (
    PrintOptions,
    build_print_document,
    paginate_document,
    prepare_device,
    print_to_pdf,
)

pytestmark = pytest.mark.gui

TEXT = (
    "某省资源税条例\n第一条　为了规范资源税征收，制定本条例。\n"
    "第二条　资源税的税目、税率，依照下表执行：\n"
    "| 税目 | 子目 | 税率 |\n| 煤 | 原煤 | 2%-10% |\n| 盐 | 海盐 | 2%-5% |\n"
    "第三条　本条例自2025年1月1日起施行。\n"
)


def test_table_rows_are_laid_out_in_columns_with_rules(qapp: Any, tmp_path: Path) -> None:
    draft = parse_text(TEXT).draft
    draft.articles()[1].children[0].table = Table(
        [
            [Cell("税目", 2, 1), Cell("税率")],
            [Cell("煤", 1, 2), Cell("原煤"), Cell("百分之二至百分之十")],
            [Cell("选煤"), Cell("2%-10%")],
        ]
    )
    writer = QPdfWriter(str(tmp_path / "x.pdf"))
    prepare_device(writer)
    document = build_print_document(draft, PrintOptions(), 600.0, writer)
    paged = paginate_document(document, 100.0, 3000.0)
    assert len(paged.rows) == 3
    first, second, third = (paged.rows[k] for k in sorted(paged.rows))
    assert [layout.text() for _, layout in first.cells] == ["税目", "税率"]
    assert [x for x, _ in first.cells] == [0.0, 2000.0]  # 税目 over two columns
    assert first.first and first.verticals == [0.0, 2000.0, 3000.0]
    assert [layout.text() for _, layout in second.cells] == ["煤", "原煤", "百分之二至百分之十"]
    assert second.below == [(1000.0, 2000.0), (2000.0, 3000.0)]  # 煤 spans on down
    assert [layout.text() for _, layout in third.cells] == ["选煤", "2%-10%"]
    assert third.verticals == [0.0, 1000.0, 2000.0, 3000.0]  # 煤's rules go on
    # A long cell wraps inside its column: the row takes its lines.
    narrow = paginate_document(document, 100.0, 600.0)
    assert max(r.lines for r in narrow.rows.values()) > 1


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdf_prints_the_cells_not_table_text(qapp: Any, tmp_path: Path) -> None:
    out = tmp_path / "tax.pdf"
    assert print_to_pdf(parse_text(TEXT).draft, out) >= 1
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "|" not in text
    rows = [line.split() for line in text.splitlines() if "原煤" in line or "海盐" in line]
    assert rows == [["煤", "原煤", "2%-10%"], ["盐", "海盐", "2%-5%"]]
    assert "第三条" in text
