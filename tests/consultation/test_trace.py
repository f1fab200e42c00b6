"""The trace both ways, selections as targets, and the mapping-dialog preview."""

from __future__ import annotations

from pathlib import Path

from consultation.anchors import target_for_selection
from consultation.draft_index import DraftIndex
from consultation.importing import preview_table
from consultation.model import Comment, Target
from consultation.trace import Change, comments_behind, trace_comments
from drafting.model.units import Unit, UnitKind
from tests.consultation.drafts import sample_draft
from tests.consultation.test_import import HEADERS, ROWS, write_xlsx


def test_trace_from_comments_to_changes_and_back() -> None:
    old = sample_draft()
    new = old.clone()
    new.find("a12p1").text = "古城内的建设活动必须遵守保护规划。"  # type: ignore[union-attr]
    chapter = new.units[1]
    chapter.children = [a for a in chapter.children if a.uid != "a7"]
    at = next(i for i, a in enumerate(chapter.children) if a.uid == "a8")
    old8 = chapter.children.pop(at)
    chapter.children[at:at] = [
        Unit(UnitKind.ARTICLE, uid="a8x", children=old8.children),
        Unit(UnitKind.ARTICLE, uid="a8y", children=[Unit(UnitKind.PARAGRAPH, text="新的一款。")]),
    ]
    comments = [
        Comment("改第一款", target=Target("a12p1")),
        Comment("第七条", target=Target("a7")),
        Comment("第九条", target=Target("a9")),
        Comment("总体", target=Target()),
        Comment("第八条", target=Target("a8")),
    ]
    traces = trace_comments(comments, old, new, {"a8x": "a8", "a8y": "a8"})
    assert [t.change for t in traces] == [
        Change.CHANGED,
        Change.DELETED,
        Change.UNCHANGED,
        Change.WHOLE_DRAFT,
        Change.SPLIT,
    ]
    assert traces[0].article_uid == "a12" and traces[0].change.label == "已修改"
    assert comments_behind(comments, old, new, {"a8x": "a8", "a8y": "a8"}) == {
        "a12": [0],
        "a8x": [4],
    }


def test_target_for_selected_words() -> None:
    draft = sample_draft()
    text = DraftIndex(draft).text("a12")
    start = text.index("擅自拆除")
    target = target_for_selection(draft, "a12", start - 1, start + 8)
    assert target.uid == "a12" and target.quote == text[start - 1 : start + 8].strip()
    assert target_for_selection(draft, "a12", 5, 5) == Target("a12")


def test_preview_for_the_mapping_dialog(tmp_path: Path) -> None:
    preview = preview_table(write_xlsx(tmp_path / "p.xlsx", HEADERS, ROWS, title="标题"), rows=2)
    assert preview.headers == HEADERS
    assert len(preview.rows) == 2 and preview.rows[0][1] == "张三"
    assert preview.columns["content"] == 5
    odd = preview_table(write_xlsx(tmp_path / "o.xlsx", ["甲", "乙"], [["1", "2"]]))
    assert odd.headers == ["甲", "乙"] and "content" not in odd.columns
