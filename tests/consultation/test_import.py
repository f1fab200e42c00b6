"""Importing comments from real files the tests write: .xlsx, .csv (three encodings), .docx."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook

from consultation.draft_index import DraftIndex
from consultation.importing import CommentImportError, import_comments, recognise_columns
from consultation.model import Channel, Disposition, Source
from consultation.tabular import detect_encoding, read_table
from tests.consultation.drafts import sample_draft

HEADERS = ["序号", "姓名", "单位", "来源", "条款", "意见内容", "提交时间", "联系方式"]
ROWS = [
    [
        1,
        "张三",
        "",
        "社会公众",
        "第十二条",
        "建议删除第十二条中的“擅自”二字。",
        "2024-05-06 09:12:00",
        "138",
    ],
    [
        2,
        "李四",
        "市文物局",
        "政府部门",
        "第十二条第二款",
        "禁止行为应当列举更具体。",
        "2024/5/7",
        "",
    ],
    [3, "", "", "", "总体意见", "条例总体可行，建议尽快出台。", "", ""],
    [4, "王五", "", "人大代表", "第三十条", "增加法律责任。", "2024年5月8日", ""],
    [5, "赵六", "", "专家学者", "十二", "  ", "", ""],
    [6, "钱七", "", "社会公众", "5", "第五条的表述不清楚。", "", ""],
]


def write_xlsx(
    path: Path, headers: list[str], rows: Sequence[Sequence[object]], title: str = ""
) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    if title:
        sheet.append([title])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def write_csv(path: Path, encoding: str, delimiter: str = ",") -> Path:
    lines = [delimiter.join(HEADERS)]
    for row in ROWS:
        lines.append(delimiter.join(f'"{v}"' if isinstance(v, str) else str(v) for v in row))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def check_rows(report, index: DraftIndex) -> None:  # type: ignore[no-untyped-def]
    comments = report.comments
    assert report.imported == 5
    assert [s.row for s in report.skipped] == [6]
    assert report.skipped[0].reason == "意见内容为空"
    labels = [index.label(c.target.uid) if c.target.uid else "总体" for c in comments]
    assert labels == ["第十二条", "第十二条第二款", "总体", "总体", "第五条"]
    first = comments[0]
    assert first.submitter.name == "张三" and first.submitter.contact == "138"
    assert first.source is Source.PUBLIC and first.channel is Channel.WEBSITE
    assert first.date == dt.date(2024, 5, 6)
    assert comments[1].source is Source.DEPARTMENT
    assert comments[1].submitter.organisation == "市文物局"
    assert comments[1].date == dt.date(2024, 5, 7)
    assert comments[3].source is Source.DEPUTY
    assert comments[3].date == dt.date(2024, 5, 8)
    assert comments[3].notes == ["草案中没有第三十条"]  # issue 14: no longer 总体
    assert [n.row for n in report.notes] == [5]
    assert all(c.fingerprint for c in comments)


def test_xlsx_import_recognises_columns(tmp_path: Path) -> None:
    draft = sample_draft()
    path = write_xlsx(tmp_path / "portal.xlsx", HEADERS, ROWS)
    report = import_comments(path, draft)
    check_rows(report, DraftIndex(draft))
    assert report.columns["content"] == "意见内容" and report.columns["target"] == "条款"
    assert report.skipped[0].row == 6  # the sheet's row number, header on row 1
    assert "导入意见5条，跳过1条（意见内容为空1条）" in report.text()


def test_xlsx_with_a_title_row_above_the_header(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", HEADERS, ROWS, title="某某条例征求意见汇总")
    report = import_comments(path, sample_draft())
    assert report.imported == 5 and report.skipped[0].row == 7


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ","), ("gb18030", ","), ("gb18030", "\t"), ("utf-8", ";")],
)
def test_csv_in_every_encoding_and_delimiter(tmp_path: Path, encoding: str, delimiter: str) -> None:
    draft = sample_draft()
    path = write_csv(tmp_path / "portal.csv", encoding, delimiter)
    table = read_table(path)
    assert table.delimiter == delimiter
    assert table.encoding == {"utf-8": "utf-8-sig"}.get(encoding, encoding)
    check_rows(import_comments(path, draft), DraftIndex(draft))


def test_gb18030_is_detected_and_not_mistaken_for_utf8() -> None:
    text = "意见内容,条款\n建议修改,第一条\n"
    assert detect_encoding(text.encode("gb18030")) == "gb18030"
    assert detect_encoding(text.encode("utf-8")) == "utf-8-sig"
    assert detect_encoding(b"\xef\xbb\xbf" + text.encode("utf-8")) == "utf-8-sig"


def test_reimport_creates_no_duplicates_but_keeps_campaigns(tmp_path: Path) -> None:
    draft = sample_draft()
    rows = [
        [n, "", "", "社会公众", "第十二条", "反对第十二条！", "2024-05-06", ""] for n in range(1, 6)
    ]
    rows.append([6, "孙八", "", "", "", "另一条意见。", "", ""])
    path = write_xlsx(tmp_path / "campaign.xlsx", HEADERS, rows)
    first = import_comments(path, draft)
    # Five identical anonymous comments are five comments: a campaign is counted, not merged.
    assert first.imported == 6
    assert len({c.fingerprint for c in first.comments}) == 6
    known = {c.fingerprint for c in first.comments}
    again = import_comments(path, draft, known_fingerprints=known)
    assert again.imported == 0
    assert {s.reason for s in again.skipped} == {"与已导入的意见重复"}
    assert len(again.skipped) == 6
    # A later export with two more rows brings only those.
    rows += [
        [7, "", "", "", "第十二条", "反对第十二条！", "2024-05-06", ""],
        [8, "周九", "", "", "", "新意见。", "", ""],
    ]
    bigger = import_comments(
        write_xlsx(tmp_path / "later.xlsx", HEADERS, rows), draft, known_fingerprints=known
    )
    assert [c.content for c in bigger.comments] == ["反对第十二条！", "新意见。"]


def test_explicit_mapping_with_chinese_field_names(tmp_path: Path) -> None:
    headers = ["编号", "提交人员", "位置", "正文"]
    rows = [[1, "张三", "第十二条", "建议修改。"], [2, "李四", "总体", "支持。"]]
    path = write_xlsx(tmp_path / "odd.xlsx", headers, rows)
    with pytest.raises(CommentImportError, match="未能识别意见内容所在的列"):
        import_comments(path, sample_draft())
    report = import_comments(
        path, sample_draft(), mapping={"意见": "正文", "条款": "位置", "姓名": "B"}
    )
    assert [c.content for c in report.comments] == ["建议修改。", "支持。"]
    assert [c.submitter.name for c in report.comments] == ["张三", "李四"]
    assert report.comments[0].target.uid == "a12"
    with pytest.raises(CommentImportError, match="没有名为“不存在”的列"):
        import_comments(path, sample_draft(), mapping={"意见": "不存在"})


def test_column_recognition_prefers_exact_headers() -> None:
    columns = recognise_columns(
        ["处理意见", "意见内容（必填）", "意见来源", "联系方式", "提交方式"]
    )
    assert columns == {"disposition": 0, "content": 1, "source": 2, "contact": 3, "channel": 4}


def test_existing_decisions_are_read_back(tmp_path: Path) -> None:
    headers = ["条款", "意见内容", "处理意见", "处理理由"]
    rows = [["第一条", "建议修改。", "部分采纳", "已修改表述"], ["第二条", "建议删除。", "", ""]]
    report = import_comments(write_xlsx(tmp_path / "d.xlsx", headers, rows), sample_draft())
    decision = report.comments[0].decision
    assert decision is not None and decision.disposition is Disposition.PARTLY_ADOPTED
    assert decision.reason == "已修改表述"
    assert report.comments[1].decision is None


def test_progress_and_cancel(tmp_path: Path) -> None:
    rows = [[n, "", "", "", "", f"第{n}条意见", "", ""] for n in range(1, 1001)]
    path = write_xlsx(tmp_path / "big.xlsx", HEADERS, rows)
    seen: list[tuple[int, int]] = []
    report = import_comments(path, sample_draft(), progress=lambda d, t: seen.append((d, t)))
    assert report.imported == 1000 and seen[-1] == (1000, 1000) and len(seen) > 3
    stopped = import_comments(path, sample_draft(), cancel=lambda: True)
    assert stopped.cancelled and stopped.imported == 0
    assert "已取消" in stopped.text()


def write_letter(path: Path, lines: list[str]) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def test_docx_letter_one_comment_per_point(tmp_path: Path) -> None:
    draft = sample_draft()
    index = DraftIndex(draft)
    path = write_letter(
        tmp_path / "letter.docx",
        [
            "关于《测试古城保护条例（征求意见稿）》的意见",
            "市人大常委会法制工作委员会：",
            "经研究，我局提出如下意见：",
            "一、总体意见",
            "建议进一步明确各部门的职责分工。",
            "二、具体条款意见",
            "1. 第十二条第二款所列禁止行为过于笼统，建议细化。",
            "具体可参照其他城市的做法。",
            "2. 建议将第五条中的“应该”改为“应当”。",
            "3. 根据《中华人民共和国文物保护法》第二十条，建议增加审批程序。",
            "以上意见，供参考。",
            "测试市文物局",
            "2024年5月6日",
        ],
    )
    report = import_comments(path, draft)
    assert report.kind == "letter"
    comments = report.comments
    assert len(comments) == 4
    labels = [index.label(c.target.uid) if c.target.uid else "总体" for c in comments]
    assert labels == ["总体", "第十二条第二款", "第五条", "总体"]
    assert (
        comments[1].content
        == "第十二条第二款所列禁止行为过于笼统，建议细化。\n具体可参照其他城市的做法。"
    )
    assert all(c.submitter.organisation == "测试市文物局" for c in comments)
    assert all(c.source is Source.DEPARTMENT and c.channel is Channel.LETTER for c in comments)
    assert all(c.date == dt.date(2024, 5, 6) for c in comments)
    again = import_comments(path, draft, known_fingerprints={c.fingerprint for c in comments})
    assert again.imported == 0 and len(again.skipped) == 4


def test_a_letter_signed_and_dated_on_one_line(tmp_path: Path) -> None:
    """ "青岛市水务局  2024年5月10日" on one line: the organisation signs, the date dates; a name
    with no date after it stays whole."""
    draft = sample_draft()
    lines = [
        "市人大常委会法制工作委员会：",
        "一、建议第十二条增加保护要求。",
        "二、第五条表述不清。",
    ]
    dated = import_comments(
        write_letter(tmp_path / "a.docx", [*lines, "测试市水务局  2024年5月10日"]), draft
    )
    assert {c.submitter.organisation for c in dated.comments} == {"测试市水务局"}
    assert {c.date for c in dated.comments} == {dt.date(2024, 5, 10)}
    plain = import_comments(write_letter(tmp_path / "b.docx", [*lines, "测试市水务局"]), draft)
    assert {c.submitter.organisation for c in plain.comments} == {"测试市水务局"}
    assert {c.date for c in plain.comments} == {None}


def test_docx_letter_with_word_list_numbering(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("市人大常委会法工委：")
    document.add_paragraph("建议第五条增加一款。", style="List Number")
    document.add_paragraph("建议删除第十二条第三款。", style="List Number")
    document.add_paragraph("李四")
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    report = import_comments(path, sample_draft())
    assert [c.content for c in report.comments] == [
        "建议第五条增加一款。",
        "建议删除第十二条第三款。",
    ]
    assert [c.target.uid for c in report.comments] == ["a5", "a12p3"]
    assert report.comments[0].submitter.name == "李四"


def test_docx_letter_without_numbering_gives_one_comment_per_paragraph(tmp_path: Path) -> None:
    path = write_letter(
        tmp_path / "expert.docx",
        ["建议第十二条增加一款，规定补偿办法。", "建议整体压缩篇幅。", "张教授", "2024-05-09"],
    )
    report = import_comments(path, sample_draft(), source=Source.EXPERT)
    assert [c.content for c in report.comments] == [
        "建议第十二条增加一款，规定补偿办法。",
        "建议整体压缩篇幅。",
    ]
    assert report.comments[0].target.uid == "a12" and report.comments[1].target.uid is None
    assert report.comments[0].submitter.name == "张教授"
    assert report.comments[0].source is Source.EXPERT


def test_docx_with_a_comment_table(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("意见反馈表")
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(
        table.rows,
        [
            ("条款", "修改意见", "理由"),
            ("第一条", "建议修改。", "表述不清"),
            ("总体", "同意。", ""),
        ],
        strict=True,
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    path = tmp_path / "table.docx"
    document.save(str(path))
    report = import_comments(path, sample_draft())
    assert report.kind == "table"
    assert [c.content for c in report.comments] == ["建议修改。\n理由：表述不清", "同意。"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.xlsx", b"", "文件是空的"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧版 Excel"),
        ("fake.xlsx", b"this is not a workbook", "不是有效的 Excel 表格"),
        ("zip.xlsx", b"PK\x03\x04" + b"\0" * 100, "不是有效的 Excel 表格"),
        ("page.xls", b"<html><table></table></html>", "网页"),
        ("image.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 50, "不支持的文件类型"),
        ("bin.csv", b"\x00\x01\x02\x03" * 40, "不是文本表格"),
        ("header.csv", "标题一,标题二\n甲,乙\n".encode(), "未能识别意见内容所在的列"),
        ("broken.docx", b"PK\x03\x04garbage", "Word"),
    ],
)
def test_bad_files_raise_one_chinese_line(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CommentImportError) as caught:
        import_comments(path, sample_draft())
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)
    with pytest.raises(CommentImportError, match="文件过大"):
        import_comments(path, sample_draft())


def test_control_characters_from_a_portal_never_reach_the_summary(tmp_path: Path) -> None:
    from consultation.summary import summarize, summary_rows
    from consultation.summary_docx import write_summary_docx
    from consultation.summary_xlsx import write_summary_xlsx

    path = tmp_path / "portal.csv"
    path.write_text(
        "姓名,条款,意见内容\n张三,第一条,建议\x07修改\x0b第一条\x1b的表述。\n", encoding="utf-8"
    )
    draft = sample_draft()
    report = import_comments(path, draft)
    assert [c.content for c in report.comments] == ["建议修改\n第一条的表述。"]
    summary = summarize(report.comments, draft)
    rows = summary_rows(report.comments, draft, summary)
    write_summary_xlsx(tmp_path / "汇总表.xlsx", summary, rows, title=draft.title)
    write_summary_docx(tmp_path / "汇总表.docx", summary, rows, title=draft.title)


def test_traditional_headers_and_article_references_are_read(tmp_path: Path) -> None:
    """A Big5 sheet from a Hong Kong or Taiwan submitter: 意見內容 / 條款 headers and
    第十二條第二款 are matched (the cell is kept as written)."""
    draft = sample_draft()
    index = DraftIndex(draft)
    path = tmp_path / "繁體.csv"
    path.write_bytes("序號,姓名,條款,意見內容\n1,陳大文,第十二條第二款,建議細化。\n".encode("big5"))
    report = import_comments(path, draft)
    [comment] = report.comments
    assert comment.target.uid is not None and index.label(comment.target.uid) == "第十二条第二款"
    assert comment.submitter.name == "陳大文" and comment.content == "建議細化。"
    assert comment.target_text == "第十二條第二款"
