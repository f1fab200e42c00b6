"""The comment store on real SQLite libraries: rounds, import, re-import, decisions, clusters."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from consultation.decisions import make_decision
from consultation.model import Audience, Comment, Disposition, Round, Source, Target
from storage.comments import CommentStore
from storage.library import Library, LibraryError
from storage.models import SCHEMA_REVISION
from tests.consultation.drafts import sample_draft
from tests.consultation.test_import import HEADERS, ROWS, write_xlsx


@pytest.fixture
def library(db_url: str):  # type: ignore[no-untyped-def]
    with Library.open(db_url) as lib:
        yield lib


def test_import_store_and_reimport(library: Library, tmp_path: Path) -> None:
    version = library.import_draft(sample_draft())
    store = CommentStore(library)
    round_ = store.add_round(
        Round(
            version.regulation_id,
            version.id,
            Audience.PUBLIC,
            "公开征求意见",
            dt.date(2024, 5, 1),
            dt.date(2024, 5, 31),
        )
    )
    assert round_.id is not None and store.rounds(version.regulation_id)[0].title == "公开征求意见"
    path = write_xlsx(tmp_path / "portal.xlsx", HEADERS, ROWS)
    stored = store.import_file(version.regulation_id, path, round_id=round_.id)
    assert stored.version_id == version.id and len(stored.ids) == 5
    again = store.import_file(version.regulation_id, path, round_id=round_.id)
    assert again.ids == [] and len(again.report.skipped) == 6
    comments = store.comments(version.regulation_id)
    assert len(comments) == 5 and store.count(version.regulation_id) == 5
    first = comments[0]
    assert (
        first.id == stored.ids[0] and first.round_id == round_.id and first.version_id == version.id
    )
    assert (
        first.target.uid == "a12"
        and first.submitter.name == "张三"
        and first.date == dt.date(2024, 5, 6)
    )
    assert comments[3].notes == ["草案中没有第三十条，按总体意见处理"]
    assert store.counts_by_target(version.regulation_id)[None] == 2
    counts = store.counts_by_article(version.regulation_id, library.load_draft(version.id))
    assert counts == {"a12": 2, "whole": 2, "a5": 1}


def test_fingerprint_is_unique_per_regulation(library: Library) -> None:
    one = library.import_draft(sample_draft())
    two = library.import_draft(sample_draft())
    store = CommentStore(library)
    store.add_comments(one.regulation_id, [Comment("甲", fingerprint="f1")])
    store.add_comments(two.regulation_id, [Comment("甲", fingerprint="f1")])  # another regulation
    store.add_comments(
        one.regulation_id, [Comment("手写意见"), Comment("手写意见")]
    )  # no fingerprint
    with pytest.raises(LibraryError, match="保存意见失败"):
        store.add_comments(one.regulation_id, [Comment("甲", fingerprint="f1")])
    assert store.count(one.regulation_id) == 3


def test_decisions_filters_and_clusters(library: Library) -> None:
    version = library.import_draft(sample_draft())
    reg = version.regulation_id
    store = CommentStore(library)
    campaign = [
        Comment("强烈要求保留古城墙下的早市，早市是生活的一部分。", target=Target("a12"))
        for _ in range(5)
    ]
    campaign += [Comment("强烈要求保留古城墙下的早市,早市是生活的一部分!", target=Target("a12"))]
    others = [
        Comment("建议删除第五条。", Source.EXPERT, target=Target("a5")),
        Comment("总体同意。", Source.DEPUTY),
    ]
    store.add_comments(reg, campaign + others)
    clusters = store.recluster(reg, library.load_draft(version.id))
    assert len(clusters) == 1 and clusters[0].count == 6
    assert (
        store.decide_cluster(reg, 0, make_decision(Disposition.NOT_ADOPTED, "另有规定", "法工委"))
        == 6
    )
    decided = store.comments(reg, disposition=Disposition.NOT_ADOPTED)
    assert len(decided) == 6 and decided[0].decision is not None
    assert decided[0].decision.decided_by == "法工委" and decided[0].decision.decided_at is not None
    assert decided[0].decision.decided_at.tzinfo is not None
    assert [c.content for c in store.comments(reg, undecided=True)] == [
        "建议删除第五条。",
        "总体同意。",
    ]
    assert len(store.comments(reg, source=Source.EXPERT)) == 1
    ids = [c.id for c in store.comments(reg, undecided=True) if c.id is not None]
    assert store.decide(ids, make_decision(Disposition.ADOPTED)) == 2
    assert store.comments(reg, undecided=True) == []
    assert store.decide(ids[:1], None) == 1
    assert len(store.comments(reg, undecided=True)) == 1


def test_comments_follow_a_later_version_and_go_with_their_regulation(
    library: Library, tmp_path: Path
) -> None:
    version = library.import_draft(sample_draft())
    reg = version.regulation_id
    store = CommentStore(library)
    store.add_comments(
        reg, [Comment("意见", target=Target("a12", quote="刻划"), version_id=version.id)]
    )
    frozen = library.freeze(version.id, label="征求意见稿")
    assert store.version_for(reg) == frozen.id
    library.delete_regulation(reg)
    assert store.count(reg) == 0
    with library.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM comment").one() == (0,)


def test_an_old_library_is_upgraded_to_the_comment_schema(tmp_path: Path) -> None:
    from tests.storage.old_library import library_at_revision

    path = library_at_revision(tmp_path / "old.sqlite3", "0001")
    with Library.open(path) as lib:
        version = lib.import_draft(sample_draft())
        assert CommentStore(lib).add_comments(version.regulation_id, [Comment("意见")]) == [1]
    with sqlite3.connect(path) as raw:
        # The head revision (the comment tables came with 0002; later revisions add more).
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (
            SCHEMA_REVISION,
        )
    raw.close()
