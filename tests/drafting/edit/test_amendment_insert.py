"""插入条（之一）keeps every existing number, even when 之一 is already taken (刑法)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.edit.operations import EditSession, insert_amendment_article
from drafting.model.numbering import compute_numbers
from drafting.model.units import Draft, Unit
from drafting.read.parse import parse_file
from drafting.write.plain_text import render_text


@pytest.fixture(scope="module")
def criminal_text(corpus: Path) -> Path:
    return corpus / "large_criminal_law_lawrefbook.md"


def _article(draft: Draft, label: str) -> Unit:
    numbers = compute_numbers(draft)
    return next(a for a in draft.articles() if numbers[a.uid].label == label)


def test_insert_after_article_with_one_inserted_becomes_zhi_er(criminal_text: Path) -> None:
    draft = parse_file(criminal_text).draft
    session = EditSession(draft)
    base = _article(draft, "第十七条")
    existing = _article(draft, "第十七条之一")
    before = render_text(draft)
    op = insert_amendment_article(draft, base.uid, "新增的条文。")
    result = session.apply(op)
    numbers = compute_numbers(draft)
    assert numbers[op.unit.uid].label == "第十七条之二"
    assert numbers[existing.uid].label == "第十七条之一"
    assert numbers[_article(draft, "第十八条").uid].label == "第十八条"
    # No reference rewritten: every old line is still there, the new article is added.
    after = render_text(draft)
    assert all(line in after for line in before.splitlines())
    assert not result.changes
    session.undo()
    assert render_text(draft) == before


def test_insert_after_article_with_six_inserted_becomes_zhi_qi(criminal_text: Path) -> None:
    draft = parse_file(criminal_text).draft
    session = EditSession(draft)
    base = _article(draft, "第一百二十条")
    olds = {label: _article(draft, label).uid for label in
            [f"第一百二十条之{n}" for n in "一二三四五六"]}  # fmt: skip
    op = insert_amendment_article(draft, base.uid, "新增的条文。")
    session.apply(op)
    numbers = compute_numbers(draft)
    assert numbers[op.unit.uid].label == "第一百二十条之七"
    assert {numbers[uid].label: uid for uid in olds.values()} == olds


def test_insert_after_an_inserted_article_goes_right_after_it(criminal_text: Path) -> None:
    draft = parse_file(criminal_text).draft
    base = _article(draft, "第一百二十条之六")
    op = insert_amendment_article(draft, base.uid, "新增的条文。")
    EditSession(draft).apply(op)
    assert compute_numbers(draft)[op.unit.uid].label == "第一百二十条之七"
