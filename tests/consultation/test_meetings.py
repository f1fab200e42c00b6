"""Issue 14 item 7: meeting minutes (a real .docx made with python-docx, and a .txt) whose
statements become comments of the right source attached to articles — the rules, the store on
SQLite and PostgreSQL, and `comments meeting import` through app.main."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import docx
import pytest

from consultation.draft_index import DraftIndex
from consultation.importing import CommentImportError
from consultation.meetings import MeetingKind, parse_minutes, read_minutes
from consultation.model import Channel, Source
from drafting.read.parse import parse_text
from storage.comments import CommentStore
from storage.library import Library
from tests.app_runner import run_app

MINUTES = [
    "《济南市历史文化名城保护条例（草案）》立法调研座谈会会议记录",
    "时间：2024年5月10日",
    "地点：市人大常委会第三会议室",
    "参加人员：市规划局、市文旅局、李教授、王代表",
    "主持人：赵某",
    "张某（市规划局）：建议第十二条增加历史建筑的保护要求。",
    "另外，保护规划的公布时间应当明确。",
    "李教授（山东大学法学院）：总体赞同，建议进一步明确法律责任。",
    "王代表：第二十三条、第二十四条的罚款幅度偏低。",
    "刘某（泉城路街道基层立法联系点）：第九十条的规定不好执行。",
    "记录人：孙某",
]


def write_minutes_docx(path: Path, lines: list[str]) -> Path:
    document = docx.Document()
    document.add_heading(lines[0], level=1)
    for line in lines[1:]:
        document.add_paragraph(line)
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def index(corpus: Path) -> DraftIndex:
    text = (corpus / "local_jinan_historic_city_2020.md").read_text(encoding="utf-8")
    return DraftIndex(parse_text(text).draft)


def test_minutes_read_into_a_meeting_and_comments(index: DraftIndex, tmp_path: Path) -> None:
    minutes = read_minutes(write_minutes_docx(tmp_path / "座谈会.docx", MINUTES), index, 1)
    meeting = minutes.meeting
    assert meeting.kind is MeetingKind.FORUM and meeting.title == MINUTES[0]
    assert meeting.date == dt.date(2024, 5, 10) and meeting.place == "市人大常委会第三会议室"
    assert meeting.participants == ["市规划局", "市文旅局", "李教授", "王代表"]
    assert "记录人：孙某" in meeting.minutes
    comments = minutes.comments
    assert [c.submitter.name for c in comments] == ["张某", "李教授", "王代表", "刘某"]
    assert [c.source for c in comments] == [
        Source.DEPARTMENT,  # 市规划局
        Source.EXPERT,  # 李教授
        Source.DEPUTY,  # 王代表
        Source.CONTACT_POINT,  # 联系点
    ]
    zhang = comments[0]
    assert zhang.content.endswith("保护规划的公布时间应当明确。")  # the continuation line
    assert zhang.target.uid is not None and index.label(zhang.target.uid) == "第十二条"
    assert zhang.channel is Channel.FORUM and zhang.date == dt.date(2024, 5, 10)
    assert comments[1].target.uid is None and comments[1].missing_target == ""  # 总体
    wang = comments[2]
    assert wang.target.uid is not None and index.label(wang.target.uid) == "第二十三条"
    assert [index.label(u) for u in wang.also] == ["第二十四条"]
    assert comments[3].missing_target == "第九十条"
    assert len({c.fingerprint for c in comments}) == 4


def test_kind_and_header_given_win(index: DraftIndex) -> None:
    lines = ["专家论证会纪要", "陈某（市律师协会）：第五条表述不清。"]
    minutes = parse_minutes(lines, index, 1)
    assert minutes.meeting.kind is MeetingKind.EXPERT
    assert minutes.comments[0].source is Source.EXPERT  # 律师
    assert minutes.comments[0].channel is Channel.EXPERT_MEETING
    heard = parse_minutes(
        ["周某：同意。"], index, 1, kind=MeetingKind.HEARING, date=dt.date(2024, 6, 1)
    )
    assert heard.meeting.kind is MeetingKind.HEARING and heard.comments[0].source is Source.PUBLIC
    assert heard.comments[0].date == dt.date(2024, 6, 1)
    assert heard.comments[0].channel is Channel.HEARING


def test_a_wrong_file_is_refused(index: DraftIndex, tmp_path: Path) -> None:
    bad = tmp_path / "记录.pdf"
    bad.write_bytes(b"%PDF-1.4")
    with pytest.raises(CommentImportError, match=".docx 或 .txt"):
        read_minutes(bad, index, 1)
    broken = tmp_path / "记录.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(CommentImportError):
        read_minutes(broken, index, 1)


@pytest.fixture
def library(db_url: str):  # type: ignore[no-untyped-def]
    with Library.open(db_url) as lib:
        yield lib


def test_meeting_stored_once_with_its_comments(
    library: Library, corpus: Path, tmp_path: Path
) -> None:
    text = (corpus / "local_jinan_historic_city_2020.md").read_text(encoding="utf-8")
    version = library.import_draft(parse_text(text).draft)
    reg = version.regulation_id
    store = CommentStore(library)
    index = DraftIndex(library.load_draft(version.id))
    path = write_minutes_docx(tmp_path / "座谈会.docx", MINUTES)
    stored = store.add_meeting(read_minutes(path, index, reg))
    assert len(stored.ids) == 4 and stored.already == 0 and stored.meeting.id is not None
    again = store.add_meeting(read_minutes(path, index, reg))
    assert again.ids == [] and again.already == 4 and again.meeting.id == stored.meeting.id
    meetings = store.meetings(reg)
    assert len(meetings) == 1 and meetings[0].participants[0] == "市规划局"
    assert meetings[0].date == dt.date(2024, 5, 10)
    comments = store.comments(reg)
    assert {c.meeting_id for c in comments} == {stored.meeting.id}
    assert comments[0].submitter.organisation == "市规划局"
    library.delete_regulation(reg)
    assert store.meetings(reg) == []


def test_meeting_import_on_the_command_line(tmp_path: Path, corpus: Path) -> None:
    db = str(tmp_path / "lib.sqlite3")
    run_app("import", "--db", db, str(corpus / "local_jinan_historic_city_2020.md"))
    reg = ["--db", db, "--regulation", "1"]
    path = write_minutes_docx(tmp_path / "座谈会.docx", MINUTES)
    done = run_app("comments", "meeting", "import", str(path), *reg, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["kind"] == "座谈会" and data["date"] == "2024-05-10" and data["imported"] == 4
    assert data["by_article"] == {
        "第十二条": 1,
        "总体": 1,
        "第二十三条": 1,
        "第九十条（草案中无此条）": 1,
    }
    assert [s["source"] for s in data["statements"]] == [
        "政府部门",
        "专家学者",
        "人大代表",
        "基层立法联系点",
    ]
    again = run_app("comments", "meeting", "import", str(path), *reg)
    assert again.returncode == 0 and "0条发言作为意见（4条此前已导入）" in again.stdout
    # A .txt of a hearing, the kind and date given.
    txt = tmp_path / "听证.txt"
    txt.write_text("钱某（市民）：第十二条应当听取居民意见。\n", encoding="gb18030")
    done = run_app(
        "comments", "meeting", "import", str(txt), *reg, "--kind", "听证会", "--date",
        "2024-06-01", "--json",
    )  # fmt: skip
    data = json.loads(done.stdout)
    assert data["kind"] == "听证会" and data["statements"][0]["source"] == "社会公众"
    listed = json.loads(run_app("comments", "list", *reg, "--json").stdout)
    assert len(listed) == 5
    assert sorted(r["channel"] for r in listed) == ["听证会"] + ["座谈会"] * 4
    done = run_app("comments", "meeting", "import", str(txt), *reg, "--kind", "茶话会")
    assert done.returncode == 1 and "未知的会议类型" in done.stderr


def test_a_date_line_with_the_time_of_day_and_a_citizen_representative(index: DraftIndex) -> None:
    """Minutes write the hour after the date (时间：2024年5月12日上午); a 市民代表 at a hearing
    speaks for the public, a 代表 alone is a people's deputy."""
    lines = [
        "立法听证会记录",
        "时间：2024年5月12日（星期日）上午9时30分",
        "王某某（市民代表）：第十二条的保护范围太小。",
        "李某（村民代表）：同意。",
        "赵代表：第二十三条罚款偏低。",
    ]
    minutes = parse_minutes(lines, index, 1)
    assert minutes.meeting.date == dt.date(2024, 5, 12)
    assert not any("日期" in n for n in minutes.notes)
    assert [c.source for c in minutes.comments] == [Source.PUBLIC, Source.PUBLIC, Source.DEPUTY]
    bad = parse_minutes(["座谈会记录", "时间：2024年5月12日上午在市政府", "张某：同意。"], index, 1)
    assert bad.meeting.date is None and any("未能识别会议日期" in n for n in bad.notes)
