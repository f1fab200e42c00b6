"""Import comments from portal spreadsheets (.xlsx, .csv) and letters (.docx).

``import_comments`` reads a file, recognises its columns (or takes an explicit mapping),
resolves each 条款 cell to a unit of the draft, and returns new ``Comment`` objects with a report
of what was skipped and why. It stores nothing: the caller (storage, the GUI) decides.

Re-importing the same file adds nothing: each comment gets a fingerprint made of what it says
and who said it when, plus its occurrence number among identical records of the same file —
so a campaign of 500 identical anonymous comments keeps its 500 members, and importing the file
again (or a later export that contains the same rows) finds every fingerprint already known.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zipfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from consultation.clustering import normalise
from consultation.draft_index import DraftIndex
from consultation.letters import ORG_WORDS, parse_date, read_lines, split_letter
from consultation.model import (
    WHOLE_DRAFT,
    Channel,
    Comment,
    Decision,
    Source,
    Submitter,
    Target,
    channel_from_text,
    disposition_from_text,
    simplified,
    source_from_text,
)
from consultation.tabular import (
    Cell,
    CommentImportError,
    ImportCancelled,
    Row,
    Table,
    check_file,
    iter_table,
    read_table,
)
from consultation.targets import Resolved, find_article_mention, resolve_target
from drafting.model.units import Draft
from drafting.read.textfile import xml_safe

__all__ = [
    "FIELDS",
    "CommentImportError",
    "ImportReport",
    "Skipped",
    "import_comments",
    "recognise_columns",
]

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
#: Receives the comments read so far, a batch at a time (``import_comments``' ``sink``).
Sink = Callable[[list[Comment]], None]
_SINK_BATCH = 2000

#: The fields a sheet can hold, with their Chinese names (also accepted as mapping keys) and
#: the headers portals use for them, most specific first.
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "content": (
        "意见",
        (
            "意见内容",
            "具体意见",
            "修改意见",
            "意见建议",
            "意见和建议",
            "修改建议",
            "建议内容",
            "留言内容",
            "反馈意见",
            "内容",
            "意见",
            "建议",
            "留言",
        ),
    ),
    "target": (
        "条款",
        (
            "条款",
            "条目",
            "条文",
            "涉及条款",
            "所涉条款",
            "针对条款",
            "条款序号",
            "章节条款",
            "具体条款",
            "条款号",
        ),
    ),
    "name": (
        "姓名",
        (
            "姓名",
            "提交人",
            "提出人",
            "提出者",
            "来信人",
            "反映人",
            "提交者",
            "意见人",
            "留言人",
            "建议人",
            "用户名",
            "昵称",
            "网名",
            "联系人",
            "名字",
        ),
    ),
    "organisation": ("单位", ("工作单位", "所在单位", "单位名称", "单位", "机构", "提出单位")),
    "source": ("来源", ("意见来源", "来源", "类别", "身份", "提出人类别", "人员类别", "类型")),
    "date": ("时间", ("提交时间", "留言时间", "提出时间", "反馈时间", "时间", "日期")),
    "contact": ("联系方式", ("联系方式", "联系电话", "电话", "手机", "电子邮箱", "邮箱")),
    "channel": ("渠道", ("渠道", "提交方式", "反馈渠道", "方式")),
    "rationale": ("理由", ("修改理由", "意见理由", "理由", "依据", "说明")),
    "disposition": ("处理意见", ("处理意见", "处理情况", "采纳情况", "是否采纳")),
    "decision_reason": (
        "处理理由",
        ("处理理由", "采纳理由", "未采纳理由", "不采纳理由", "处理说明"),
    ),
}
#: Chinese field names accepted in a mapping: 意见=意见内容, 条款=条目, 日期=提交日期 …
FIELD_NAMES: dict[str, str] = {cn: key for key, (cn, _) in FIELDS.items()} | {
    "意见内容": "content",
    "内容": "content",
    "条目": "target",
    "条文": "target",
    "提出人": "name",
    "日期": "date",
    "类别": "source",
    "电话": "contact",
}

#: Header words of a contact column: such a column is never read as a name (联系人电话 is a
#: phone number, not a person), so a phone number never reaches a 汇总表 as 提出者.
_CONTACT_HEADER = re.compile(r"联系方式|电话|手机|邮箱|邮件|地址|身份证|证件|QQ|微信|email|e-mail|phone", re.I)
_HEADER_NOISE = re.compile(r"[\s*＊:：]|[（(][^）)]*[）)]")
_SCAN_ROWS = 10
_HEADER_MAX = 12
_PROGRESS_STEP = 200


@dataclass(frozen=True)
class Skipped:
    """A row (or letter paragraph) that was not imported, and why (Chinese)."""

    row: int
    reason: str


@dataclass(frozen=True)
class RowNote:
    """Something the importer could not read exactly in an imported row (Chinese)."""

    row: int
    message: str


@dataclass
class ImportReport:
    """What an import produced: new comments, skipped rows with reasons, notes, the columns used."""

    file: str
    comments: list[Comment] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[RowNote] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # field → header it was read from
    rows: int = 0
    cancelled: bool = False
    kind: str = ""  # "table" or "letter"
    passed_on: int = 0  # comments handed to a sink (not kept in ``comments``)

    @property
    def imported(self) -> int:
        """How many comments were read."""
        return len(self.comments) + self.passed_on

    def text(self) -> str:
        """A one-paragraph Chinese report: imported, skipped and why."""
        reasons: dict[str, int] = {}
        for s in self.skipped:
            reasons[s.reason] = reasons.get(s.reason, 0) + 1
        line = f"从“{self.file}”导入意见{self.imported}条"
        if self.skipped:
            detail = "，".join(f"{r}{n}条" for r, n in reasons.items())
            line += f"，跳过{len(self.skipped)}条（{detail}）"
        if self.notes:
            line += f"；{len(self.notes)}条需要核对（条款无法识别等）"
        if self.cancelled:
            line += "；导入已取消，已读取的部分未保存"
        return line + "。"


def _clean_header(value: Cell) -> str:
    return _HEADER_NOISE.sub("", simplified(str(value or "")))


def recognise_columns(
    headers: list[Cell], mapping: Mapping[str, str] | None = None
) -> dict[str, int]:
    """Field → column position, from an explicit mapping first, then the usual header words.

    A mapping key is a field name (content, target …) or its Chinese name (意见, 条款 …); its
    value is a header as written, or a column letter (A, B …). Raises CommentImportError when a
    mapped column does not exist.
    """
    cleaned = [_clean_header(h) for h in headers]
    found: dict[str, int] = {}
    for raw_key, header in (mapping or {}).items():
        key = FIELD_NAMES.get(raw_key.strip(), raw_key.strip())
        if key not in FIELDS:
            names = "、".join(cn for cn, _ in FIELDS.values())
            raise CommentImportError(f"未知的字段“{raw_key}”，可用的字段有：{names}")
        column = _find_column(header, headers, cleaned)
        if column is None:
            raise CommentImportError(f"表格中没有名为“{header}”的列")
        found[key] = column
    taken = set(found.values())
    # Exact header words first, then a header that contains one (意见内容（必填）).
    for exact in (True, False):
        for key, (_, aliases) in FIELDS.items():
            if key in found:
                continue
            for alias in aliases:
                column = next(
                    (
                        i
                        for i, h in enumerate(cleaned)
                        if i not in taken
                        and h
                        and (h == alias if exact else alias in h and _headerish(h))
                        and not (key == "name" and _CONTACT_HEADER.search(h))
                    ),
                    None,
                )
                if column is not None:
                    found[key] = column
                    taken.add(column)
                    break
    return found


def _headerish(text: str) -> bool:
    """Short and without sentence punctuation: a header, not a comment in a data row."""
    return len(text) <= _HEADER_MAX and not any(ch in text for ch in "。，；！？,.;!?")


def _find_column(header: str, headers: list[Cell], cleaned: list[str]) -> int | None:
    wanted = header.strip()
    for i, h in enumerate(headers):
        if str(h or "").strip() == wanted:
            return i
    for i, h in enumerate(cleaned):
        if h and h == _clean_header(wanted):
            return i
    if re.fullmatch(r"[A-Za-z]{1,2}", wanted):
        from openpyxl.utils import column_index_from_string

        index = column_index_from_string(wanted.upper()) - 1
        return index if index < len(headers) else None
    return None


def _cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    # A stray control character from a portal export would make the 汇总表 unwritable.
    return xml_safe(str(value).replace("\v", "\n")).strip()


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def read_date(value: Cell) -> dt.date | None:
    """A date from a sheet cell: a datetime, 2024-05-06 (with a time or not), 2024年5月6日 …"""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and 20000 < value < 80000:
        # An Excel serial day number that lost its date format in a CSV.
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    text = _cell_text(value)
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return parse_date(text) if text else None


def fingerprint(comment: Comment, raw_target: str, occurrence: int) -> str:
    """What a comment says, who said it, when and where it points, and its occurrence number."""
    parts = [
        normalise(comment.content),
        comment.submitter.name,
        comment.submitter.organisation,
        comment.submitter.contact,
        comment.date.isoformat() if comment.date else "",
        normalise(raw_target),
        str(occurrence),
    ]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]


class _Fingerprints:
    """Assigns fingerprints with occurrence numbers, and tells known ones."""

    def __init__(self, known: Collection[str]) -> None:
        self.known = known
        self.seen: dict[str, int] = {}

    def assign(self, comment: Comment, raw_target: str) -> bool:
        """Set the comment's fingerprint; False when it was imported before."""
        base = fingerprint(comment, raw_target, 0)
        occurrence = self.seen.get(base, 0)
        self.seen[base] = occurrence + 1
        comment.fingerprint = (
            base if occurrence == 0 else fingerprint(comment, raw_target, occurrence)
        )
        return comment.fingerprint not in self.known


def import_comments(
    path: Path | str,
    draft: Draft | DraftIndex,
    *,
    mapping: Mapping[str, str] | None = None,
    known_fingerprints: Collection[str] = frozenset(),
    source: Source | None = None,
    channel: Channel | None = None,
    round_id: int | None = None,
    version_id: int | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    sink: Sink | None = None,
) -> ImportReport:
    """Read the comments of a .xlsx/.csv sheet or a .docx letter, targets resolved in ``draft``.

    With ``sink``, the comments are handed to it in batches as they are read (a sheet is
    streamed, so 100,000 rows are never all in memory) and ``report.comments`` stays empty;
    ``report.imported`` counts them either way. On cancel the sink has had some batches: the
    caller rolls them back (storage does it in one transaction).

    ``source`` and ``channel`` are used where the file does not say (a sheet without a 来源
    column: 社会公众 and 网站; a letter: read from its signature, and 信函). ``progress`` is
    called with (done, total); ``cancel`` returning True stops the import (report.cancelled,
    no comments). Raises CommentImportError for a file that cannot be read.
    """
    path = Path(path)
    index = draft if isinstance(draft, DraftIndex) else DraftIndex(draft)
    report = ImportReport(file=path.name)
    fingerprints = _Fingerprints(known_fingerprints)
    out = _Out(report, sink, round_id, version_id)
    try:
        if path.suffix.lower() == ".docx":
            table = _docx_table(path, mapping)  # checks the file first
            if table is None:
                report.kind = "letter"
                _import_letter(path, index, out, fingerprints, source, channel, progress, cancel)
            else:
                report.kind = "table"
                _import_table(
                    table.rows,
                    len(table.rows),
                    index,
                    out,
                    fingerprints,
                    mapping,
                    source,
                    channel,
                    progress,
                    cancel,
                )
        else:
            report.kind = "table"
            rows, estimate = _rows_of(path, cancel)
            _import_table(
                rows, estimate, index, out, fingerprints, mapping, source, channel, progress, cancel
            )
        out.flush()
    except ImportCancelled:
        report.cancelled = True
        report.comments.clear()
        return report
    return report


def _rows_of(path: Path, cancel: Cancel | None) -> tuple[Iterable[Row], int]:
    """The rows of a sheet and how many there are (an .xlsx: an estimate from its size, as it
    is streamed; progress is only a guide)."""
    rows = iter_table(path, cancel)
    if isinstance(rows, Iterator) and path.suffix.lower() in (".xlsx", ".xlsm"):
        from consultation.xlsx_stream import row_estimate

        return rows, row_estimate(path)
    listed = list(rows)
    return listed, len(listed)


class _Out:
    """Where imported comments go: kept in the report, or handed to a sink in batches."""

    def __init__(
        self, report: ImportReport, sink: Sink | None, round_id: int | None, version_id: int | None
    ) -> None:
        self.report = report
        self.sink = sink
        self.round_id = round_id
        self.version_id = version_id
        self.batch: list[Comment] = []

    def add(self, comment: Comment) -> None:
        comment.round_id = self.round_id
        comment.version_id = self.version_id
        if self.sink is None:
            self.report.comments.append(comment)
            return
        self.batch.append(comment)
        if len(self.batch) >= _SINK_BATCH:
            self.flush()

    def flush(self) -> None:
        if self.sink is not None and self.batch:
            self.sink(self.batch)
            self.report.passed_on += len(self.batch)
            self.batch = []


@dataclass
class Preview:
    """What a column-mapping dialog shows: the header row, a few data rows, the columns found."""

    headers: list[str]
    rows: list[list[str]]
    columns: dict[str, int]  # field → column position, as recognised


def preview_table(
    path: Path | str, mapping: Mapping[str, str] | None = None, rows: int = 5
) -> Preview:
    """The header and first rows of a sheet with the columns recognised (for a mapping dialog).

    Raises CommentImportError for an unreadable file; a sheet whose content column is not
    recognised gives a preview with its first row as header and no "content" in ``columns``.
    """
    path = Path(path)
    table = _docx_table(path, mapping) if path.suffix.lower() == ".docx" else read_table(path)
    if table is None or not table.rows:
        raise CommentImportError(f"文件中没有可以识别的表格：{path.name}")
    try:
        header_at, columns = _header_row(table, mapping)
    except CommentImportError:
        header_at, columns = 0, {}
    headers = [_cell_text(v) for v in table.rows[header_at][1]]
    sample = [
        [_cell_text(v) for v in values]
        for _, values in table.rows[header_at + 1 : header_at + 1 + rows]
    ]
    return Preview(headers, sample, columns)


def _header_row(table: Table, mapping: Mapping[str, str] | None) -> tuple[int, dict[str, int]]:
    """Which of the first rows is the header: the one naming most fields, content among them."""
    if not table.rows:
        raise CommentImportError("表格中没有任何数据")
    best: tuple[int, dict[str, int]] | None = None
    for position, (_, values) in enumerate(table.rows[:_SCAN_ROWS]):
        try:
            columns = recognise_columns(values, mapping)
        except CommentImportError:
            if mapping:
                continue
            raise
        # The header is the row naming the most fields (a title row above it names one at most).
        if "content" in columns and (best is None or len(columns) > len(best[1])):
            best = (position, columns)
    if best is not None:
        return best
    if mapping:
        # Retry on the first row to give the exact complaint about the mapping.
        recognise_columns(table.rows[0][1], mapping)
    raise CommentImportError(
        "未能识别意见内容所在的列（表头应含“意见内容”“意见”等字样），请指定列的对应关系"
    )


_TOTALS = re.compile(r"^(合\s*计|总\s*计|共\s*计|小\s*计|总数|汇总)")
_COUNT_ONLY = re.compile(r"^(共|合计|总计)?\s*[:：]?\s*\d+\s*(条|件|人|人次|份)?[。.]?$")
_FOOT_STARTS = ("合", "总", "共", "小", "汇", "注", "备", "说", "填")
_NOTE_ROW = re.compile(r"^(注|备注|说明|填表说明)\s*[:：\d一二三四五六七八九十、.]")


def totals_or_note(values: list[Cell], content: str, columns: Mapping[str, int]) -> str:
    """Why a row at the foot of a portal sheet is not a comment ("合计行", "说明行"), or "".

    A totals row names 合计/总计/共计 in some cell, or holds only a count ("7条") where the
    comment should be; a notes row starts 注：/说明： and names nobody and no article."""
    if len(content) > 40 and not content.startswith(_FOOT_STARTS):
        return ""  # a comment's length: no totals row holds that much
    if not _COUNT_ONLY.match(content) and not any(
        isinstance(v, str) and v.lstrip().startswith(_FOOT_STARTS) for v in values
    ):
        return ""  # the common case, decided without reading every cell
    filled = [t for t in (_cell_text(v) for v in values) if t]
    others = [
        _cell_text(values[col])
        for key, col in columns.items()
        if key not in ("content", "rationale") and col < len(values)
    ]
    if len(filled) <= 3 and (
        any(_TOTALS.match(t) for t in filled) or (content and _COUNT_ONLY.match(content))
    ):
        return "合计行"
    if len(filled) <= 2 and not any(others) and any(_NOTE_ROW.match(t) for t in filled):
        return "说明行"
    return ""


def _import_table(
    rows: Iterable[Row],
    total: int,
    index: DraftIndex,
    out: _Out,
    fingerprints: _Fingerprints,
    mapping: Mapping[str, str] | None,
    source: Source | None,
    channel: Channel | None,
    progress: Progress | None,
    cancel: Cancel | None,
) -> None:
    """Import a sheet's rows: the header is found among the first rows, the rest are streamed.

    ``total`` is how many rows there are (0 when unknown: progress then tells rows done)."""
    report = out.report
    stream = iter(rows)
    head = list(islice(stream, _SCAN_ROWS))
    header_at, columns = _header_row(Table(rows=head), mapping)
    headers = head[header_at][1]
    report.columns = {key: str(headers[col]).strip() for key, col in columns.items()}
    body = chain(head[header_at + 1 :], stream)
    total = max(total - header_at - 1, 0)
    resolved_cache: dict[str, Resolved] = {}
    done = 0

    def cell(values: list[Cell], key: str) -> Cell:
        column = columns.get(key)
        return values[column] if column is not None and column < len(values) else None

    for number, values in body:
        done += 1
        if done % _PROGRESS_STEP == 0:
            if cancel is not None and cancel():
                raise ImportCancelled
            if progress is not None:
                progress(done, max(total, done))
        content = _cell_text(cell(values, "content"))
        rationale = _cell_text(cell(values, "rationale"))
        if rationale:
            content = f"{content}\n理由：{rationale}" if content else f"理由：{rationale}"
        foot = totals_or_note(values, content, columns)
        if foot:
            report.skipped.append(Skipped(number, foot))
            continue
        if not content:
            report.skipped.append(Skipped(number, "意见内容为空"))
            continue
        raw_target = _cell_text(cell(values, "target"))
        resolved = resolved_cache.get(raw_target)
        if resolved is None:
            resolved = resolved_cache[raw_target] = resolve_target(raw_target, index)
        target, note = resolved.target, resolved.note
        comment = Comment(
            content=content,
            source=source_from_text(_cell_text(cell(values, "source")), source or Source.PUBLIC),
            submitter=Submitter(
                _cell_text(cell(values, "name")),
                _cell_text(cell(values, "organisation")),
                _cell_text(cell(values, "contact")),
            ),
            channel=channel_from_text(
                _cell_text(cell(values, "channel")), channel or Channel.WEBSITE
            ),
            date=read_date(cell(values, "date")),
            target=target,
            origin=f"{report.file} 第{number}行",
            target_text=raw_target,
            also=resolved.also,
            missing_target=resolved.missing,
        )
        if note:
            comment.notes.append(note)
            report.notes.append(RowNote(number, note))
        raw_date = cell(values, "date")
        if raw_date not in (None, "") and comment.date is None:
            message = f"无法识别日期“{_cell_text(raw_date)}”"
            comment.notes.append(message)
            report.notes.append(RowNote(number, message))
        disposition = disposition_from_text(_cell_text(cell(values, "disposition")))
        if disposition is not None:
            comment.decision = Decision(disposition, _cell_text(cell(values, "decision_reason")))
        if not fingerprints.assign(comment, raw_target):
            report.skipped.append(Skipped(number, "与已导入的意见重复"))
            continue
        out.add(comment)
    report.rows = done
    if progress is not None:
        progress(done, done)


def _docx_table(path: Path, mapping: Mapping[str, str] | None) -> Table | None:
    """A comment table inside a .docx (意见反馈表: 序号 | 条款 | 意见 | 理由), if there is one."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_file(path)  # size and zip caps (drafting.read.limits) before python-docx inflates it
    try:
        document = docx.Document(str(path))
    except (
        PackageNotFoundError, KeyError, ValueError, OSError, SyntaxError, TypeError,
        zipfile.BadZipFile,
    ):  # fmt: skip
        return None  # the letter reader gives the precise complaint
    for word_table in document.tables:
        rows: list[tuple[int, list[Cell]]] = []
        for number, row in enumerate(word_table.rows, 1):
            values: list[Cell] = [c.text.strip() for c in row.cells]
            if any(values):
                rows.append((number, values))
        if len(rows) < 2:
            continue
        try:
            columns = recognise_columns(rows[0][1], mapping)
        except CommentImportError:
            continue
        if "content" in columns:
            return Table(rows=rows)
    return None


def _import_letter(
    path: Path,
    index: DraftIndex,
    out: _Out,
    fingerprints: _Fingerprints,
    source: Source | None,
    channel: Channel | None,
    progress: Progress | None,
    cancel: Cancel | None,
) -> None:
    report = out.report
    letter = split_letter(read_lines(path))
    if not letter.points:
        raise CommentImportError(f"信函中没有找到意见内容：{path.name}")
    signer = letter.signature
    is_org = any(w in signer for w in ORG_WORDS)
    submitter = Submitter(name="" if is_org else signer, organisation=signer if is_org else "")
    letter_source = source or source_from_text(signer, Source.OTHER)
    total = len(letter.points)
    report.rows = total
    for done, point in enumerate(letter.points, 1):
        if cancel is not None and cancel():
            raise ImportCancelled
        target: Target = WHOLE_DRAFT
        notes: list[str] = []
        mention = find_article_mention(point.text, index) or (
            find_article_mention(point.heading, index) if point.heading else None
        )
        missing = ""
        also: tuple[str, ...] = ()
        if mention is not None:
            target = mention.target
            missing = mention.missing
            also = mention.also
            if mention.note:
                notes.append(mention.note)
        comment = Comment(
            content=point.text,
            source=letter_source,
            submitter=submitter,
            channel=channel or Channel.LETTER,
            date=letter.date,
            target=target,
            origin=f"{report.file} 第{point.paragraph}段",
            notes=notes,
            missing_target=missing,
            also=also,
        )
        for note in notes:
            report.notes.append(RowNote(point.paragraph, note))
        if not fingerprints.assign(comment, ""):
            report.skipped.append(Skipped(point.paragraph, "与已导入的意见重复"))
            continue
        out.add(comment)
        if progress is not None:
            progress(done, total)
