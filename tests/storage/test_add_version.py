"""Library.add_version: a text made from a version elsewhere (a 修改决定 applied to it) stored
as a new working draft of the same regulation — uids, lineage and matter as the draft carries
them, one transaction, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from drafting.amend.target import amend_text
from drafting.read.files import read_draft
from storage.library import Library, LibraryError
from tests.storage.test_library import same_draft

DECISION = (
    "对《杭州市公园管理条例》作如下修改：\n"
    "一、将第一条修改为：“为了测试，制定本条例。”\n"
    "二、删去第三条。\n"
    "三、增加一条，作为第五条：“新增的条文。”\n"
)


@pytest.fixture
def lib(db_url: str) -> Any:
    with Library.open(db_url) as opened:
        yield opened


def test_add_version_stores_the_amended_text_with_the_base_uids(
    lib: Library, corpus: Path
) -> None:
    base = lib.import_draft(read_draft(corpus / "local_hangzhou_park_2014.md").draft)
    draft = lib.load_draft(base.id)
    outcome = amend_text(draft, DECISION)
    assert outcome.failed == [] and len(outcome.applied) == 3
    made = lib.add_version(base.id, outcome.draft, note="按修改决定（决定.txt）生成", detail="按决定")
    assert (made.regulation_id, made.parent_id, made.frozen) == (base.regulation_id, base.id, False)
    assert made.label == "工作稿" and made.note == "按修改决定（决定.txt）生成"
    assert made.articles == base.articles  # one deleted, one added
    stored = lib.load_draft(made.id)
    assert same_draft(stored, outcome.draft)
    old_uids = {u.uid for u in draft.walk()}
    new_uids = {u.uid for u in stored.walk()}
    assert len(old_uids & new_uids) >= len(old_uids) - 5  # the deleted article's units only
    assert draft.articles()[0].uid == stored.articles()[0].uid
    assert same_draft(lib.load_draft(base.id), draft)  # the base is untouched
    created = [e for e in lib.history(base.regulation_id) if e.version_id == made.id]
    assert [(e.action, e.detail) for e in created] == [("create", "按决定")]


def test_add_version_refuses_a_missing_base_or_a_bad_draft_and_stores_nothing(
    lib: Library, corpus: Path
) -> None:
    base = lib.import_draft(read_draft(corpus / "local_hangzhou_park_2014.md").draft)
    draft = lib.load_draft(base.id)
    with pytest.raises(LibraryError):
        lib.add_version(base.id + 99, draft)
    twice = draft.clone()
    twice.articles()[1].uid = twice.articles()[0].uid
    with pytest.raises(LibraryError, match="重复的条文标识"):
        lib.add_version(base.id, twice)
    assert [v.id for v in lib.regulation(base.regulation_id).versions] == [base.id]
