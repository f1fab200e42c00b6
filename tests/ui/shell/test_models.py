"""The library and outline models, checked with QAbstractItemModelTester."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from drafting.model.units import Draft, Numbering, Unit, UnitKind
from storage.library import Library
from tests.ui.drafts import article, park_draft
from ui.library.tree_model import VERSION_ID_ROLE, LibraryModel, version_text
from ui.text.outline_model import UID_ROLE, OutlineModel

pytestmark = pytest.mark.gui

Mode = QAbstractItemModelTester.FailureReportingMode


def test_library_model_lists_working_draft_first_then_frozen(qtbot, library: Library) -> None:
    first = library.import_draft(park_draft())
    library.freeze(first.id, label="征求意见稿", stage="征求意见稿", date=dt.date(2026, 11, 1))
    working = library.new_working_draft(first.id)
    library.import_draft(park_draft("某市河道管理条例"))

    model = LibraryModel()
    QAbstractItemModelTester(model, Mode.Fatal)
    model.set_regulations(library.regulations())

    assert model.rowCount() == 2
    park = model.index(0, 0)
    assert park.data() == "某市公园条例"
    assert model.rowCount(park) == 2
    rows = [model.index(r, 0, park) for r in range(2)]
    assert [r.data(VERSION_ID_ROLE) for r in rows] == [working.id, first.id]
    assert rows[0].data() == "工作稿"
    assert rows[1].data() == "征求意见稿 · 2026-11-01（已冻结）"
    assert model.parent(rows[1]) == park
    assert model.index_for_version(first.id) == rows[1]
    assert model.version_at(park) is None
    regulation = model.regulation_at(rows[0])
    assert regulation is not None and regulation.title == "某市公园条例"
    # a second reset keeps the tester happy
    model.set_regulations(library.regulations()[:1])
    assert model.rowCount() == 1


def test_version_text_names_an_imported_working_draft(library: Library) -> None:
    version = library.import_draft(park_draft())
    assert version_text(version) == "工作稿 · 导入稿"


def test_outline_model_shows_headings_and_articles(qtbot) -> None:
    draft = park_draft()
    model = OutlineModel()
    QAbstractItemModelTester(model, Mode.Fatal)
    model.set_draft(draft)

    assert model.rowCount() == 2
    chapter = model.index(0, 0)
    assert chapter.data() == "第一章\u3000总则"
    assert model.rowCount(chapter) == 2
    first = model.index(0, 0, chapter)
    assert first.data() == "第一条 为了加强公园管理，保护和…"
    third = model.index(0, 0, model.index(1, 0))
    assert third.data() == "第三条 禁止在公园内从事下列行为…"
    assert model.rowCount(first) == 0  # paragraphs are not in the outline
    uid = draft.articles()[2].uid
    assert model.index_for_uid(uid) == third
    assert third.data(UID_ROLE) == uid
    assert model.parent(third) == model.index(1, 0)
    model.set_draft(None)
    assert model.rowCount() == 0


def test_outline_model_numbers_inserted_and_flat_articles(qtbot) -> None:
    inserted = article("新增的条文。")
    inserted.numbering = Numbering.INSERTED
    draft = Draft(
        title="某市条例", units=[article("第一条的话。"), inserted, article("第二条的话。")]
    )
    model = OutlineModel()
    QAbstractItemModelTester(model, Mode.Fatal)
    model.set_draft(draft)
    assert [model.index(r, 0).data() for r in range(3)] == [
        "第一条 第一条的话。",
        "第一条之一 新增的条文。",
        "第二条 第二条的话。",
    ]
    assert not model.index(3, 0).isValid()
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags


def test_outline_model_over_a_parsed_corpus_text(qtbot, corpus: Path) -> None:
    from drafting.read.parse import parse_file

    draft = parse_file(corpus / "local_jinan_historic_city_2020.md").draft
    model = OutlineModel()
    QAbstractItemModelTester(model, Mode.Fatal)
    model.set_draft(draft)
    assert model.rowCount() == 7
    assert sum(model.rowCount(model.index(r, 0)) for r in range(7)) == 61


def test_outline_model_keeps_a_part_chapter_section_tree(qtbot) -> None:
    section = Unit(UnitKind.SECTION, heading="一般规定", children=[article("某条。")])
    chapter = Unit(UnitKind.CHAPTER, heading="基本规定", children=[section])
    part = Unit(UnitKind.PART, heading="总则", children=[chapter])
    model = OutlineModel()
    QAbstractItemModelTester(model, Mode.Fatal)
    model.set_draft(Draft(title="某法", units=[part]))
    p = model.index(0, 0)
    c = model.index(0, 0, p)
    s = model.index(0, 0, c)
    a = model.index(0, 0, s)
    assert [i.data() for i in (p, c, s, a)] == [
        "第一编\u3000总则",
        "第一章\u3000基本规定",
        "第一节\u3000一般规定",
        "第一条 某条。",
    ]
    assert model.parent(a) == s and model.parent(s) == c and model.parent(c) == p
