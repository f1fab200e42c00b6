"""起草修改决定 in the window on two versions that differ only in punctuation width (issue 11,
try11 F17): no decision, the drafter is told why (只有标点符号调整), as compare
--decision-text says."""

from __future__ import annotations

from typing import Any

import pytest

from drafting.compare.decision import ONLY_PUNCTUATION
from drafting.model.units import UnitKind
from resources.demo import seed_demo
from storage.library import Library
from tests.ui.compare.test_decision_notes_gui import _window

pytestmark = pytest.mark.gui


def test_punctuation_only_versions_draft_no_decision(
    qtbot: Any, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    city, _park = seed_demo(library)
    first = library.load_draft(city.id)
    paragraph = next(u for u in first.walk() if u.kind is UnitKind.PARAGRAPH and "，" in u.text)
    paragraph.text = paragraph.text.replace("，", ",")
    library.save_draft(city.id, first)
    second = library.snapshot(city.id, label="工作稿")
    draft = library.load_draft(second.id)
    again = next(u for u in draft.walk() if u.uid == paragraph.uid)
    again.text = again.text.replace(",", "，")
    library.save_draft(second.id, draft)
    warned: list[tuple[object, ...]] = []
    monkeypatch.setattr("ui.compare.controller.show_warning", lambda *a: warned.append(a))
    window = _window(qtbot, library, library.version(second.id), monkeypatch)
    window.acts.compare_versions.trigger()
    tab = window.comparer.current_tab()
    assert tab is not None
    assert window.comparer.draft_decision(tab) is None
    assert len(warned) == 1 and ONLY_PUNCTUATION in str(warned[0][2]), warned


def test_half_width_marks_in_the_new_version_are_said_in_the_decision_dialog(
    qtbot: Any, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new version prints half-width marks in one article and rewords another: the
    drafted decision has no item for the marks (no committee makes them half-width) and the
    dialog says so, as compare --decision-text warns (try11b G11)."""
    city, _park = seed_demo(library)
    second = library.snapshot(city.id, label="工作稿")
    draft = library.load_draft(second.id)
    paragraphs = [u for u in draft.walk() if u.kind is UnitKind.PARAGRAPH and "，" in u.text]
    marks, words = paragraphs[0], paragraphs[-1]
    marks.text = marks.text.replace("，", ",")
    words.text = words.text.replace("，", "，并且", 1)
    library.save_draft(second.id, draft)
    window = _window(qtbot, library, library.version(second.id), monkeypatch)
    window.acts.compare_versions.trigger()
    tab = window.comparer.current_tab()
    assert tab is not None
    dialog = window.comparer.draft_decision(tab)
    assert dialog is not None
    assert "使用半角标点，未写入修改决定" in dialog.status.text()
