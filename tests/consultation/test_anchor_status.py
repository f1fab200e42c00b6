"""条文已修改 / 条文已删除 / moved: a commented article between the text it was commented on and
the text being edited (consultation.anchor_status), and the 意见 table's rows that show it."""

from __future__ import annotations

from pathlib import Path

from consultation.anchor_status import TextStatus, text_statuses
from consultation.draft_index import DraftIndex
from consultation.model import Comment, Target
from consultation.trace import Change
from storage.comment_view import CommentView
from storage.comments import CommentStore
from storage.library import Library
from tests.consultation.drafts import article, sample_draft


def _edited():  # type: ignore[no-untyped-def]
    """sample_draft edited: 第五条's words changed, 第十五条 deleted, a new article before
    第十二条 (which becomes 第十二条 → 第十三条), 第三条 untouched."""
    draft = sample_draft().clone()
    index = DraftIndex(draft)
    index.units["a5"].children[0].text = "第5条的内容，已经改写。"
    protection = draft.units[1]
    protection.children = [u for u in protection.children if u.uid != "a15"]
    at = next(n for n, u in enumerate(protection.children) if u.uid == "a12")
    protection.children.insert(at, article("新增一条。", uid="new1"))
    return draft


def test_each_commented_article_says_what_became_of_it() -> None:
    base = DraftIndex(sample_draft())
    current = DraftIndex(_edited())
    comments = [
        Comment("甲", target=Target("a3"), version_id=1),
        Comment("乙", target=Target("a5"), version_id=1),
        Comment("丙", target=Target("a15"), version_id=1),
        Comment("丁", target=Target("a12"), version_id=1),
        Comment("戊", target=Target("a12p2"), version_id=1),  # a 款 of the moved article
        Comment("己", target=Target(None), version_id=1),
        Comment("庚", target=Target("a3"), version_id=2),  # no base text for version 2
        Comment("辛", target=Target("gone"), version_id=1),  # not in its own text either
    ]
    statuses = text_statuses(comments, {1: base}, current)
    assert statuses[0] == TextStatus(Change.UNCHANGED, "第三条", "第三条")
    assert statuses[0] is not None and statuses[0].label == ""
    assert [s.label if s else None for s in statuses] == [
        "",
        "条文已修改",
        "条文已删除",
        "已移至第十三条（原第十二条）",
        "已移至第十三条（原第十二条）",
        "",
        None,
        None,
    ]
    # Moved and changed at once: both said.
    current.units["a12"].children[0].text = "古城内的建设活动应当符合规划。"
    again = text_statuses(comments[3:4], {1: base}, DraftIndex(current.draft))
    assert again[0] is not None and again[0].label == "条文已修改；已移至第十三条（原第十二条）"


def test_the_table_rows_follow_an_edit_of_the_shown_text(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.sqlite3") as library:
        frozen = library.import_draft(sample_draft())
        library.freeze(frozen.id, label="征求意见稿", stage="征求意见")
        working = library.new_working_draft(frozen.id)
        store = CommentStore(library)
        ids = store.add_comments(
            frozen.regulation_id,
            [
                Comment(f"意见{uid}", target=Target(uid), version_id=frozen.id)
                for uid in ("a3", "a5", "a15", "a12")
            ],
        )
        draft = library.load_draft(working.id)
        view = CommentView(store, frozen.regulation_id, working.id, draft).load()
        assert [r.text_change for r in view.rows(ids)] == ["", "", "", ""]
        # The drafter edits the working draft: the workspace's notice makes the window relabel.
        view.relabel(_edited())
        rows = view.rows(ids)
        assert [r.text_change for r in rows] == [
            "",
            "条文已修改",
            "条文已删除",
            "已移至第十三条（原第十二条）",
        ]
        assert rows[3].target == "第十三条" and rows[2].anchor_state.label == "条文已删除"
