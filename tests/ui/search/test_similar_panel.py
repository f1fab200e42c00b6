"""The 相似条文 panel over a real library (issue 16)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from drafting.model.units import Draft, Unit, UnitKind
from storage.library import Library
from storage.references import add_reference
from ui.search.similar_panel import SimilarPanel, diff_html

NOTE = "2019年3月28日{}第十五届人民代表大会常务委员会第十次会议通过"


def _reference(library: Library, city: str, *texts: str) -> None:
    units = [Unit(UnitKind.ARTICLE, children=[Unit(UnitKind.PARAGRAPH, text=t)]) for t in texts]
    draft = Draft(title=f"{city}公园条例", title_note=NOTE.format(city), units=units)
    assert add_reference(library, draft) is not None


def test_cards_best_first_with_the_diff_and_a_wording_to_use(qtbot: Any, tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib.sqlite3")
    _reference(library, "江州市", "公园实行免费开放，但是动物园、植物园等专类公园除外。")
    _reference(library, "临川市", "公园实行免费开放。", "禁止在公园内烧烤、野炊。")
    panel = SimilarPanel(lambda: library)
    qtbot.addWidget(panel)
    current = "公园实行免费开放，但是动物园等专类公园除外。"
    assert panel.show_for(current) >= 2
    head, body, use = panel.cards[0]
    assert "江州市公园条例" in head.text() and "江州市 · 2019-03-28" in head.text()
    assert "、植物园" in body.text() and "line-through" not in body.text()
    with qtbot.waitSignal(panel.use_wording) as signal:
        qtbot.mouseClick(use, Qt.MouseButton.LeftButton)
    assert signal.args == ["公园实行免费开放，但是动物园、植物园等专类公园除外。"]
    assert "临川市" in panel.cards[1][0].text()
    assert panel.show_for("") == 0 and panel.cards == []
    library.close()


def test_diff_html_marks_deleted_and_inserted_words() -> None:
    out = diff_html([(0, "处<一>千元"), (-1, "以下"), (1, "以上")])
    assert out.startswith("处&lt;一&gt;千元<span") and 'line-through;">以下' in out
    assert out.endswith(">以上</span>")
