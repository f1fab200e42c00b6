"""Issue 14 on real files: a portal-shaped .xlsx with title rows and a totals row, cells naming
several articles or a missing one, a letter naming several articles, the streamed reader (dates,
shared and inline strings) agreeing with openpyxl, and import plus grouping in one transaction."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook

from consultation.draft_index import DraftIndex
from consultation.importing import import_comments
from consultation.summary import stored_summary
from consultation.tabular import iter_table, read_xlsx
from storage.comments import CommentStore
from storage.library import Library
from tests.consultation.drafts import sample_draft

HEADERS = ["序号", "姓名", "条款", "意见内容", "提交时间"]


def portal_sheet(path: Path) -> Path:
    """Two title rows, the header, comments, then the foot a portal writes: 合计 and a note."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["《某市古城保护条例（征求意见稿）》公众意见汇总"])
    sheet.append(["导出时间：2024年6月1日"])
    sheet.append(HEADERS)
    sheet.append(
        [1, "张三", "第十二、十三条", "两条的罚则应当统一。", dt.datetime(2024, 5, 6, 9, 0)]
    )
    sheet.append([2, "李四", "第二条、第三条", "建议合并为一条。", "2024-05-07"])
    sheet.append([3, "王五", "第二条至第五条", "总则部分过长。", None])
    sheet.append([4, "赵六", "第六十条", "建议增加第六十条规定过渡期。", None])
    sheet.append([5, "钱七", "第十二条第二款", "禁止行为应当列举更具体。", None])
    sheet.append(["合计", None, None, "5条", None])
    sheet.append(["注：本表由网上征求意见系统导出。", None, None, None, None])
    sheet.cell(row=4, column=5).number_format = "yyyy-mm-dd hh:mm"
    workbook.save(path)
    return path


def test_portal_sheet_targets_as_written_and_its_foot_skipped(tmp_path: Path) -> None:
    index = DraftIndex(sample_draft())
    report = import_comments(portal_sheet(tmp_path / "意见.xlsx"), index)
    assert report.imported == 5
    assert [(s.row, s.reason) for s in report.skipped] == [(9, "合计行"), (10, "说明行")]
    assert "合计行1条" in report.text() and "说明行1条" in report.text()
    first, second, third, missing, paragraph = report.comments
    assert first.target_text == "第十二、十三条"
    assert [index.label(u) for u in (first.target.uid or "", *first.also)] == [
        "第十二条",
        "第十三条",
    ]
    assert [index.label(u) for u in second.also] == ["第三条"]
    assert [index.label(u) for u in third.also] == ["第三条", "第四条", "第五条"]
    assert missing.target.uid is None and missing.missing_target == "第六十条"
    assert index.label(paragraph.target.uid or "") == "第十二条第二款"
    assert first.date == dt.date(2024, 5, 6)


def test_streamed_rows_equal_openpyxl_rows(tmp_path: Path) -> None:
    path = portal_sheet(tmp_path / "意见.xlsx")
    streamed = list(iter_table(path))
    by_openpyxl = read_xlsx(path).rows
    assert [n for n, _ in streamed] == [n for n, _ in by_openpyxl]
    for (_, mine), (_, theirs) in zip(streamed, by_openpyxl, strict=True):
        assert mine == theirs[: len(mine)] and not any(theirs[len(mine) :])


def test_a_letter_naming_several_articles(tmp_path: Path) -> None:
    document = docx.Document()
    for line in (
        "关于《某市古城保护条例（征求意见稿）》的意见",
        "一、第二条、第三条的定义重复，建议合并。",
        "二、建议增加第六十条，规定过渡期。",
        "市文物局",
        "2024年5月20日",
    ):
        document.add_paragraph(line)
    path = tmp_path / "来信.docx"
    document.save(str(path))
    index = DraftIndex(sample_draft())
    report = import_comments(path, index)
    assert report.kind == "letter"
    both, missing = report.comments
    assert [index.label(u) for u in (both.target.uid or "", *both.also)] == ["第二条", "第三条"]
    assert missing.target.uid is None and missing.missing_target == "第六十条"


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = Library.open(tmp_path / "lib.sqlite3")
    yield lib
    lib.close()


def test_stored_targets_reach_the_summary(library: Library, tmp_path: Path) -> None:
    version = library.import_draft(sample_draft())
    store = CommentStore(library)
    made = store.import_and_cluster(version.regulation_id, portal_sheet(tmp_path / "意见.xlsx"))
    assert made.report.imported == 5 and len(made.ids) == 5 and made.report.comments == []
    comments = store.comments(version.regulation_id)
    assert comments[0].target_text == "第十二、十三条" and len(comments[0].also) == 1
    summary, rows = stored_summary(comments, library.load_draft(version.id))
    assert summary.by_article["第六十条（草案中无此条）"] == 1
    assert summary.by_article["第三条"] == 2  # named by two comments, each counted
    assert "第十二条、第十三条" in [r.article for r in rows]
    assert summary.total == 5


def test_comments_and_their_groups_are_one_transaction(library: Library, tmp_path: Path) -> None:
    """A grouping the database refuses leaves the comments stored and reported; a failure while
    storing leaves nothing — never comments without their grouping half-written."""
    version = library.import_draft(sample_draft())
    path = tmp_path / "意见.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADERS)
    for n in range(1, 7):
        sheet.append([n, f"市民{n}", "第十二条", "建议删除第十二条中的“擅自”二字。", None])
    workbook.save(path)
    with sqlite3.connect(library.location) as conn:
        conn.execute(
            "CREATE TRIGGER no_more BEFORE INSERT ON comment WHEN NEW.submitter_name = '市民6' "
            "BEGIN SELECT RAISE(ABORT, '存储被拒绝'); END"
        )
    store = CommentStore(library)
    with pytest.raises(Exception):  # noqa: B017,PT011 - the library's own error type
        store.import_and_cluster(version.regulation_id, path)
    assert store.count(version.regulation_id) == 0
    with sqlite3.connect(library.location) as conn:
        conn.execute("DROP TRIGGER no_more")
    made = store.import_and_cluster(version.regulation_id, path)
    assert made.clusters == 1 and made.cluster_failure == ""
    assert {c.cluster_id for c in store.comments(version.regulation_id)} == {0}


def test_comments_list_adds_the_targets_as_written(tmp_path: Path) -> None:
    import json

    from tests.app_runner import run_app

    db = tmp_path / "lib.sqlite3"
    with Library.open(db) as library:
        library.import_draft(sample_draft())
    sheet = portal_sheet(tmp_path / "意见.xlsx")
    made = run_app("comments", "import", "--db", str(db), "--regulation", "1", str(sheet), "--json")
    assert made.returncode == 0, made.stderr
    assert {s["reason"] for s in json.loads(made.stdout)["skipped"]} == {"合计行", "说明行"}
    listed = run_app("comments", "list", "--db", str(db), "--regulation", "1", "--json")
    rows = json.loads(listed.stdout)
    assert rows[0]["target"] == "第十二条" and rows[0]["also"] == ["第十三条"]
    assert rows[0]["target_text"] == "第十二、十三条"
    assert rows[3]["missing_target"] == "第六十条（草案中无此条）"
