"""Issue 14 item 4: reasons required, templates, undo, 待处理 again, the audit trail — on real
libraries (SQLite file and PostgreSQL through ``db_url``)."""

from __future__ import annotations

import pytest

from consultation.audit import AuditAction, state_text
from consultation.decisions import DecisionError, checked_decision, reason_missing
from consultation.model import Comment, Disposition, Target
from consultation.reasons import BUILT_IN, add_own, remove_own, templates_for
from storage.comments import CommentStore
from storage.library import Library
from tests.consultation.drafts import sample_draft


@pytest.fixture
def library(db_url: str):  # type: ignore[no-untyped-def]
    with Library.open(db_url) as lib:
        yield lib


def test_a_reason_is_required_for_not_and_partly_adopted() -> None:
    for disposition in (Disposition.NOT_ADOPTED, Disposition.PARTLY_ADOPTED):
        with pytest.raises(DecisionError, match=f"“{disposition.label}”须写明理由"):
            checked_decision(disposition, "  \n", "王五")
        assert reason_missing(disposition, "") != ""
    decision = checked_decision(Disposition.NOT_ADOPTED, " 上位法已有规定。 ", " 王五 ")
    assert (decision.reason, decision.decided_by) == ("上位法已有规定。", "王五")
    assert checked_decision(Disposition.ADOPTED).reason == ""  # 采纳 needs none
    assert reason_missing(None, "") == ""


def test_reason_templates_built_in_and_own() -> None:
    offered = templates_for(Disposition.NOT_ADOPTED, ["  ", "本市另有规定。", "本市另有规定。"])
    assert offered[: len(BUILT_IN[Disposition.NOT_ADOPTED])] == list(
        BUILT_IN[Disposition.NOT_ADOPTED]
    )
    assert offered[-1] == "本市另有规定。" and offered.count("本市另有规定。") == 1
    own = add_own([], " 本市另有规定。 ")
    assert own == ["本市另有规定。"]
    assert add_own(own, "本市另有规定。") == own  # no repeat
    assert add_own(own, BUILT_IN[Disposition.ADOPTED][0]) == own  # built-in ones stay built-in
    assert remove_own(own, "本市另有规定。") == []


def _store_with_comments(library: Library, n: int = 3) -> tuple[CommentStore, int, list[int]]:
    version = library.import_draft(sample_draft())
    store = CommentStore(library)
    ids = store.add_comments(
        version.regulation_id, [Comment(f"意见{i}", target=Target("a12")) for i in range(n)]
    )
    return store, version.regulation_id, ids


def test_decisions_are_recorded_undone_and_set_back_to_pending(library: Library) -> None:
    store, reg, ids = _store_with_comments(library)
    assert store.last_batch(reg) is None and store.undo_last(reg, "王五") == 0
    first = checked_decision(Disposition.ADOPTED, "", "王五")
    assert store.decide(ids, first) == 3
    second = checked_decision(Disposition.NOT_ADOPTED, "上位法已有规定。", "赵六")
    assert store.decide(ids[:2], second) == 2
    history = store.history(reg)
    assert [e.action for e in history[ids[0]]] == [AuditAction.DECIDE, AuditAction.DECIDE]
    last = history[ids[0]][-1]
    assert last.by == "赵六" and last.at.tzinfo is not None
    assert (
        state_text(last.before) == "采纳" and state_text(last.after) == "未采纳（上位法已有规定。）"
    )
    assert "赵六 处理：采纳 → 未采纳（上位法已有规定。）" in last.text()

    # Undo the last batch: the two comments are 采纳 again, by 王五, the third untouched.
    batch = store.last_batch(reg)
    assert batch is not None and batch[1] is AuditAction.DECIDE and batch[2] == 2
    assert store.undo_last(reg, "赵六") == 2
    comments = {c.id: c for c in store.comments(reg)}
    assert all(comments[i].disposition is Disposition.ADOPTED for i in ids)
    restored = comments[ids[0]].decision
    assert restored is not None and restored.decided_by == "王五" and restored.decided_at
    undo = store.history(reg, [ids[0]])[ids[0]][-1]
    assert undo.action is AuditAction.UNDO and undo.by == "赵六"
    assert state_text(undo.after) == "采纳"
    # The next undo reverts the first batch: every comment 待处理 again.
    assert store.undo_last(reg, "赵六") == 3
    assert len(store.comments(reg, undecided=True)) == 3
    assert store.undo_last(reg, "赵六") == 0  # undos are not undone by undo

    # Back to 待处理 by hand is recorded as such.
    store.decide(ids, first)
    assert store.decide(ids[:1], None, by="王五") == 1
    entry = store.history(reg, ids[:1])[ids[0]][-1]
    assert entry.action is AuditAction.PENDING and state_text(entry.after) == "待处理"
    assert entry.as_json()["action"] == "改回待处理" and entry.as_json()["by"] == "王五"
    assert [c.id for c in store.comments(reg, undecided=True)] == ids[:1]


def test_the_trail_goes_with_its_regulation(library: Library) -> None:
    store, reg, ids = _store_with_comments(library)
    store.decide(ids, checked_decision(Disposition.ADOPTED, "", "王五"))
    library.delete_regulation(reg)
    with library.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM audit_entry").one() == (0,)
