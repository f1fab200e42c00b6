"""What a 条款 cell or a letter's sentence says about where a comment points."""

from __future__ import annotations

import pytest

from consultation.draft_index import DraftIndex
from consultation.targets import find_article_mention, resolve_target
from tests.consultation.drafts import sample_draft


@pytest.fixture(scope="module")
def index() -> DraftIndex:
    return DraftIndex(sample_draft())


@pytest.mark.parametrize(
    ("cell", "label"),
    [
        ("第十二条", "第十二条"),
        ("十二", "第十二条"),
        ("第12条", "第十二条"),
        ("12", "第十二条"),
        ("第１２条", "第十二条"),
        ("第十二条第二款", "第十二条第二款"),
        ("第12条第2款第3项", "第十二条第二款第（三）项"),
        ("第十二条第二款第（一）项", "第十二条第二款第（一）项"),
        ("第十二条之一", "第十二条之一"),
        ("第二章", "第二章"),
        ("总体意见", None),
        ("", None),
        ("无", None),
    ],
)
def test_cells_resolve_without_notes(index: DraftIndex, cell: str, label: str | None) -> None:
    resolved = resolve_target(cell, index)
    assert resolved.note == ""
    uid = resolved.target.uid
    assert (index.label(uid) if uid else None) == label


@pytest.mark.parametrize(
    ("cell", "label", "note"),
    [
        # Issue 14: a missing article is named as such, no longer filed under 总体.
        ("第三十条", None, "草案中没有第三十条"),
        ("随便写的", None, "未能识别条款“随便写的”，按总体意见处理"),
        ("第十二条第五款", "第十二条", "第十二条没有第五款，按第十二条归类"),
    ],
)
def test_unreadable_cells_carry_a_note(
    index: DraftIndex, cell: str, label: str | None, note: str
) -> None:
    resolved = resolve_target(cell, index)
    uid = resolved.target.uid
    assert (index.label(uid) if uid else None) == label
    assert resolved.note == note


def test_mentions_in_sentences_skip_other_laws(index: DraftIndex) -> None:
    found = find_article_mention(
        "根据《中华人民共和国文物保护法》第十七条，建议修改第五条。", index
    )
    assert found is not None and index.label(found.target.uid or "") == "第五条"
    assert find_article_mention("建议加强宣传。", index) is None


@pytest.mark.parametrize(
    ("cell", "labels", "missing"),
    [
        ("第十二、十三条", ["第十二条", "第十三条"], ""),
        ("第二条、第三条", ["第二条", "第三条"], ""),
        ("第二条至第五条", ["第二条", "第三条", "第四条", "第五条"], ""),
        ("第五条、第六十条", ["第五条"], "第六十条"),
        ("第三十条和第四十条", [], "第三十条、第四十条"),
    ],
)
def test_cells_naming_several_articles_keep_them_all(
    index: DraftIndex, cell: str, labels: list[str], missing: str
) -> None:
    # Issue 14: no longer filed under the first article only.
    resolved = resolve_target(cell, index)
    uids = [resolved.target.uid, *resolved.also] if resolved.target.uid else []
    assert [index.label(u) for u in uids] == labels
    assert resolved.missing == missing


def test_a_missing_article_is_kept_by_name(index: DraftIndex) -> None:
    resolved = resolve_target("第六十条", index)
    assert resolved.target.uid is None and resolved.missing == "第六十条"


@pytest.mark.parametrize(
    ("cell", "labels"),
    [
        # Tester C fault 6: later parts were dropped.
        ("第十二条第一款、第二款", ["第十二条第一款", "第十二条第二款"]),
        ("第十二条第二款、第三款", ["第十二条第二款", "第十二条第三款"]),
        ("第十二条、十三条", ["第十二条", "第十三条"]),
        ("第十二条第二款第（一）项、（三）项", ["第十二条第二款第（一）项", "第十二条第二款第（三）项"]),
        ("第十二条第一款和第十三条", ["第十二条第一款", "第十三条"]),
        ("第十二条第二款", ["第十二条第二款"]),
    ],
)
def test_cells_naming_several_parts_keep_them_all(
    index: DraftIndex, cell: str, labels: list[str]
) -> None:
    resolved = resolve_target(cell, index)
    uids = [resolved.target.uid, *resolved.also] if resolved.target.uid else []
    assert [index.label(u) for u in uids] == labels
    assert resolved.note == ""


def test_an_item_the_draft_lacks_is_noted(index: DraftIndex) -> None:
    resolved = resolve_target("第五条第（一）项", index)
    assert index.label(resolved.target.uid or "") == "第五条"
    assert "（草案中无此项）" in resolved.note
    # An item of one of several paragraphs is still no note (第十二条第二款 has three 项).
    assert resolve_target("第十二条第（二）项", index).note == ""
