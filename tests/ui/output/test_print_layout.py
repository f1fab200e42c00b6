"""The print path and the reading pane lay out the blocks of the one layout stream."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QPdfWriter, QTextDocument

from drafting.read.parse import parse_file
from drafting.write.layout import BlockRole, house_layout
from tests.drafting.corpus_texts import corpus_text_names
from ui.output.printing import PrintOptions, build_print_document, prepare_device
from ui.text.house_document import build_house_document

pytestmark = pytest.mark.gui


def _block_texts(document: QTextDocument) -> list[str]:
    texts = []
    block = document.begin()
    while block.isValid():
        texts.append(block.text())
        block = block.next()
    return texts


@pytest.mark.parametrize("name", corpus_text_names())
def test_print_and_screen_blocks_are_the_stream(
    qapp, name: str, corpus: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    draft = parse_file(corpus / name).draft
    writer = QPdfWriter(str(tmp_path / "x.pdf"))
    prepare_device(writer)
    printed = build_print_document(draft, PrintOptions(stage_label="草案"), 1200.0, writer)
    blocks = list(house_layout(draft, stage_label="草案"))
    assert _block_texts(printed) == [b.text for b in blocks]
    # The reading pane: the same blocks without the 目录.
    house = build_house_document(draft, "草案")
    shown = [b for b in blocks if b.role not in (BlockRole.TOC_HEADING, BlockRole.TOC_ENTRY)]
    assert _block_texts(house.document) == [b.text for b in shown]
    # Each block of a heading or article carries the index of its owner.
    block = house.document.begin()
    for expected in shown:
        state = block.userState()
        assert (house.uids[state] if state >= 0 else None) == expected.owner
        block = block.next()


def test_print_page_is_the_house_page(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QPageLayout

    from drafting.write import house_style as spec
    from ui.output.printing import house_page_layout
    from ui.shell.fonts import Role, house_font

    layout = house_page_layout()
    full = layout.fullRect(QPageLayout.Unit.Millimeter)
    assert (round(full.width(), 1), round(full.height(), 1)) == (
        spec.PAGE.width_mm,
        spec.PAGE.height_mm,
    )
    margins = layout.margins(QPageLayout.Unit.Millimeter)
    top, bottom, left, right = spec.PAGE.margins_mm
    assert (margins.top(), margins.bottom(), margins.left(), margins.right()) == (
        top,
        bottom,
        left,
        right,
    )
    wide = house_page_layout(PrintOptions(wide_margin=True)).margins(QPageLayout.Unit.Millimeter)
    assert wide.right() == spec.WIDE_RIGHT_MARGIN_MM
    for role in Role:
        assert house_font(role).pointSizeF() == spec.FONTS[role].size_pt
