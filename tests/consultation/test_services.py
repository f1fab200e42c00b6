"""One service per job for both doors: the command line (``app.main`` in-process) and the
service the window calls give the same import, the same anchors and the same summary."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import app
from consultation.anchors import Followed
from consultation.model import Comment, Target
from consultation.summary import summarize
from drafting.edit.operations import EditSession, SplitArticle
from storage.comments import CommentStore
from storage.library import Library, VersionInfo
from tests.consultation.drafts import sample_draft
from tests.consultation.test_import import HEADERS, ROWS, write_xlsx

CAMPAIGN = [[7 + n, "", "", "", "第十二条", "反对第十二条！", "", ""] for n in range(3)]


@pytest.fixture
def db(db_url: str) -> str:
    """The library of the CLI tests: an SQLite file or a PostgreSQL database (both run)."""
    return db_url


@pytest.fixture
def library(db: str) -> Iterator[Library]:
    with Library.open(db) as lib:
        yield lib


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    """``app.py ARGV --json`` in this process: its JSON, or a failure with its stderr."""
    code = app.main([*argv, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def _version(library: Library) -> VersionInfo:
    return library.import_draft(sample_draft(), label="征求意见稿")


def test_cli_import_and_the_window_import_are_one_job(
    library: Library, db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    version = _version(library)
    sheet = write_xlsx(tmp_path / "c.xlsx", HEADERS, ROWS + CAMPAIGN)
    data = run_cli(capsys, "comments", "import", "--db", str(db), "--regulation", "1", str(sheet))
    store = CommentStore(library)
    stored_groups = {c.cluster_id for c in store.comments(version.regulation_id)} - {None}
    assert data["imported"] == 8 and data["clusters"] == len(stored_groups) == 1
    # The window's worker calls the same function: a second regulation gets the same result.
    other = library.import_draft(sample_draft())
    made = store.import_and_cluster(other.regulation_id, sheet)
    assert (made.report.imported, made.clusters, made.cluster_failure) == (8, 1, "")
    assert made.version_id == other.id and len(made.ids) == 8
    # A file imported before adds nothing and leaves the groups (and their numbers) alone.
    store.add_comments(other.regulation_id, [Comment("反对第十二条！", target=Target("a12"))])
    before = [c.cluster_id for c in store.comments(other.regulation_id)]
    again = store.import_and_cluster(other.regulation_id, sheet)
    assert again.report.imported == 0 and again.clusters == 1
    assert [c.cluster_id for c in store.comments(other.regulation_id)] == before
    # 取消 stores nothing and groups nothing (the importer looks at 取消 every few hundred rows).
    many = [[n, "", "", "", "第五条", f"第{n}条意见。", "", ""] for n in range(1, 1201)]
    big = write_xlsx(tmp_path / "big.xlsx", HEADERS, many)
    cancelled = store.import_and_cluster(
        library.import_draft(sample_draft()).regulation_id, big, cancel=lambda: True
    )
    assert cancelled.report.cancelled and cancelled.ids == [] and cancelled.clusters == 0


def test_cli_summary_and_the_window_summary_give_identical_rows(
    library: Library, db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    version = _version(library)
    sheet = write_xlsx(tmp_path / "c.xlsx", HEADERS, ROWS + CAMPAIGN)
    run_cli(capsys, "comments", "import", "--db", str(db), "--regulation", "1", str(sheet))
    store = CommentStore(library)
    # Near-duplicates added after the import are not grouped until someone asks for it: a
    # fresh guess behind the summary would find a second group the drafter never saw.
    store.add_comments(
        version.regulation_id,
        [Comment("建议增加停车位。", target=Target("a5")) for _ in range(3)],
    )
    comments = store.comments(version.regulation_id)
    assert len(summarize(comments, library.load_draft(version.id)).clusters) == 2

    out = tmp_path / "汇总表.xlsx"
    data = run_cli(
        capsys, "comments", "summary", "--db", str(db), "--regulation", "1", "--xlsx", str(out)
    )
    # What the window calls: the same service, on the text it shows.
    shown = store.summary(version.regulation_id, version.id, draft=library.load_draft(version.id))
    assert data == shown.summary.as_json()
    assert data["clusters"] == 1 and data["total"] == 11
    sheet_rows = [
        tuple("" if v is None else v for v in row)
        for row in load_workbook(out).worksheets[0].iter_rows(min_row=3, values_only=True)
        if any(v is not None for v in row)
    ]
    assert sheet_rows == [
        (r.number, r.article, r.content, r.submitter, r.disposition, r.reason) for r in shown.rows
    ]
    assert shown.title == sample_draft().title
    # Re-clustering on demand (the window's 重新聚类) is what makes the second group count.
    store.recluster(version.regulation_id, library.load_draft(version.id))
    data = run_cli(capsys, "comments", "summary", "--db", str(db), "--regulation", "1")
    assert data["clusters"] == 2
    assert store.summary(version.regulation_id, version.id).summary.as_json() == data


def _split_twelfth(library: Library, version_id: int) -> str:
    draft = library.load_draft(version_id)
    split = SplitArticle("a12", "a12p3", 0)
    EditSession(draft).apply(split)
    library.save_draft(version_id, draft)
    assert split.new_article is not None
    return split.new_article.uid


def test_cli_list_and_the_window_read_comments_against_a_version_alike(
    library: Library, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sent = library.freeze(_version(library).id, label="征求意见稿")
    working = library.new_working_draft(sent.id)
    new_uid = _split_twelfth(library, working.id)
    second = library.freeze(working.id, label="二审稿")
    third = library.new_working_draft(second.id)
    store = CommentStore(library)
    quote = Target("a12", quote="责令改正")
    store.add_comments(
        sent.regulation_id,
        [
            Comment("旧稿上的意见", target=quote, version_id=sent.id),
            Comment("二审稿上的意见", target=quote, version_id=second.id),
            Comment("工作稿上的意见", target=Target("a5"), version_id=third.id),
            Comment("总体意见"),
        ],
    )
    comments = store.comments(sent.regulation_id)
    # One lineage map: the frozen versions the comments were made on, not the one shown.
    frozen = store.frozen_lineages(sent.regulation_id, comments, third.id)
    assert set(frozen) == {sent.id, second.id}
    assert store.frozen_lineages(sent.regulation_id, comments, second.id).keys() == {sent.id}

    listed = run_cli(
        capsys, "comments", "list", "--db", str(db), "--regulation", "1",
        "--version", str(third.id),
    )  # fmt: skip
    on_version = store.on_version(sent.regulation_id, third.id)
    rows = on_version.rows()
    anchors = on_version.anchors()
    assert [r["target"] for r in listed] == [r.target for r in rows]
    assert [r["anchor_note"] for r in listed] == [r.anchor_message for r in rows]
    assert [r["anchor"] for r in listed] == [a.state.label for a in anchors]
    # The comment on the first version follows the split made after it (its quoted words
    # went into the new article); the one on 二审稿 was made after the split: it stays.
    assert anchors[0].uid == new_uid and anchors[0].followed is Followed.SPLIT
    assert anchors[1].followed is Followed.NONE and anchors[1].state.label == "引文已修改"
