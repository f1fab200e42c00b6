"""Meeting records (issue 14): 座谈会, 论证会, 听证会 and 基层立法联系点 minutes as comments.

``read_minutes`` reads a .docx or .txt of minutes in which speakers are marked
("张某（市规划局）：…", "李教授：…"); header lines (时间, 地点, 参加人员, 主持人 …) fill the
``Meeting``; every statement becomes a ``Comment`` of the speaker's source (the organisation
says 局 → 政府部门, 代表 → 人大代表, 大学/教授 → 专家学者, 联系点 → 基层立法联系点; else the
meeting kind's), attached to the article it names (第十二条; several → the first, the rest in
``also``; one the draft lacks → ``missing_target``), else to the whole draft. Pure rules: the
store keeps the meeting and its comments (``CommentStore.add_meeting``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from consultation.draft_index import DraftIndex
from consultation.importing import CommentImportError
from consultation.letters import parse_date, read_lines
from consultation.model import Channel, Comment, Source, Submitter, Target, source_from_text
from consultation.targets import find_article_mention


class MeetingKind(StrEnum):
    """What kind of meeting; the value is stored, ``label`` shown."""

    FORUM = "forum"  # 座谈会
    EXPERT = "expert"  # 论证会
    HEARING = "hearing"  # 听证会
    CONTACT_POINT = "contact_point"  # 基层立法联系点

    @property
    def label(self) -> str:
        """The Chinese word for this kind."""
        return _KIND_LABELS[self.value]

    @classmethod
    def from_text(cls, text: str) -> MeetingKind | None:
        """The kind a word names (座谈会, 调研座谈会, 专家论证会, 听证会, 联系点 …), or None."""
        for member, words in _KIND_WORDS:
            if any(w in text for w in words):
                return member
        return None

    @property
    def source(self) -> Source:
        """Whose comments a statement is when the speaker's organisation does not say."""
        return _KIND_SOURCES[self.value]

    @property
    def channel(self) -> Channel:
        """The channel its comments came by."""
        return _KIND_CHANNELS[self.value]


_KIND_LABELS = {
    "forum": "座谈会",
    "expert": "论证会",
    "hearing": "听证会",
    "contact_point": "基层立法联系点",
}
_KIND_WORDS: tuple[tuple[MeetingKind, tuple[str, ...]], ...] = (
    (MeetingKind.CONTACT_POINT, ("联系点",)),
    (MeetingKind.HEARING, ("听证",)),
    (MeetingKind.EXPERT, ("论证",)),
    (MeetingKind.FORUM, ("座谈", "调研")),
)
_KIND_CHANNELS = {
    "forum": Channel.FORUM,
    "expert": Channel.EXPERT_MEETING,
    "hearing": Channel.HEARING,
    "contact_point": Channel.CONTACT_POINT,
}
_KIND_SOURCES = {
    "forum": Source.DEPARTMENT,
    "expert": Source.EXPERT,
    "hearing": Source.PUBLIC,
    "contact_point": Source.CONTACT_POINT,
}


@dataclass
class Meeting:
    """One meeting: its kind, date, place, who took part, and the minutes as read."""

    regulation_id: int
    kind: MeetingKind = MeetingKind.FORUM
    title: str = ""
    date: dt.date | None = None
    place: str = ""
    participants: list[str] = field(default_factory=list)
    minutes: str = ""
    round_id: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class Minutes:
    """What ``read_minutes`` found: the meeting, its statements as comments, and notes."""

    meeting: Meeting
    comments: list[Comment]
    notes: list[str]


# Header lines: 时间：…, 地点：…, 参加人员：…; their keys are never speakers.
_HEADERS: dict[str, tuple[str, ...]] = {
    "date": ("时间", "日期", "会议时间"),
    "place": ("地点", "会议地点"),
    "participants": ("参加人员", "参会人员", "出席人员", "出席", "参加", "与会人员", "参会单位"),
    "title": ("会议名称", "会议", "主题", "议题"),
    "ignored": ("主持人", "主持", "记录人", "记录", "整理", "列席", "发言摘要", "附件", "备注"),
}
_HEADER_KEYS = {k: field_ for field_, keys in _HEADERS.items() for k in keys}
# A speaker: a name of 1–12 characters, an optional （organisation）, then a colon.
_SPEAKER = re.compile(
    r"^\s*(?P<name>[^\s：:（()）,，。、；;]{1,12}?)\s*"
    r"(?:[（(](?P<org>[^（()）]{1,60})[）)])?\s*[：:]\s*(?P<text>.*)$"
)
_SPLIT_NAMES = re.compile(r"[、，,；;\s]+")
#: How many characters of minutes are read at most (a book pasted by mistake stops here).
MAX_CHARS = 2_000_000


def read_text_file(path: Path) -> list[str]:
    """The lines of a .txt of minutes (UTF-8, else GB18030 as Chinese Windows saves it)."""
    raw = path.read_bytes()[: MAX_CHARS * 4]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding).splitlines()
        except UnicodeDecodeError:
            continue
    raise CommentImportError(f"无法识别文件的字符编码：{path.name}")


def minutes_lines(path: Path | str) -> list[str]:
    """The lines of a .docx or .txt of minutes; CommentImportError for anything else."""
    path = Path(path)
    if not path.is_file():
        raise CommentImportError(f"找不到文件：{path}")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return read_lines(path)
    if suffix in (".txt", ".md", ""):
        return read_text_file(path)
    raise CommentImportError(f"会议记录应为 .docx 或 .txt 文件：{path.name}")


def parse_minutes(
    lines: list[str],
    index: DraftIndex,
    regulation_id: int,
    *,
    kind: MeetingKind | None = None,
    date: dt.date | None = None,
    place: str = "",
    title: str = "",
    origin: str = "",
) -> Minutes:
    """The meeting and its statements from the lines of minutes (see the module's text).

    ``kind``, ``date``, ``place``, ``title`` given win over what the minutes' header says; the
    kind otherwise comes from the title (调研座谈会 …), else 座谈会. A line without a speaker
    continues the statement before it; lines before the first speaker are the header.
    """
    header: dict[str, str] = {}
    statements: list[tuple[str, str, list[str], int]] = []  # name, org, text lines, line number
    minutes: list[str] = []
    total = 0
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        total += len(line)
        if total > MAX_CHARS:
            break
        minutes.append(line)
        if not line:
            continue
        found = _SPEAKER.match(line)
        if found is not None:
            key = found.group("name")
            if key in _HEADER_KEYS and not found.group("org"):
                if not statements:
                    header.setdefault(_HEADER_KEYS[key], found.group("text").strip())
                    continue
                if _HEADER_KEYS[key] in ("ignored",):
                    continue
            else:
                statements.append(
                    (key, (found.group("org") or "").strip(), [found.group("text")], number)
                )
                continue
        if statements:
            statements[-1][2].append(line)
        elif not title and not header.get("title"):
            header["title"] = line  # the first line before any speaker: the meeting's name
    heading = title or header.get("title", "")
    kind = kind or MeetingKind.from_text(heading) or MeetingKind.FORUM
    meeting = Meeting(
        regulation_id,
        kind,
        heading,
        date or (parse_date(header["date"]) if header.get("date") else None),
        place or header.get("place", ""),
        [p for p in _SPLIT_NAMES.split(header.get("participants", "")) if p],
        "\n".join(minutes).strip(),
    )
    notes: list[str] = []
    if header.get("date") and meeting.date is None and date is None:
        notes.append(f"未能识别会议日期“{header['date']}”")
    comments: list[Comment] = []
    seen: dict[str, int] = {}
    for name, org, parts, number in statements:
        content = "\n".join(p.strip() for p in parts if p.strip())
        if not content:
            notes.append(f"第{number}行：{name}的发言为空，未作为意见")
            continue
        # The organisation, else the title in the name (李教授, 王代表), says the source.
        source = source_from_text(f"{org} {name}", default=kind.source)
        if source is Source.OTHER:
            source = kind.source
        comment = Comment(
            content,
            source=source,
            submitter=Submitter(name, org),
            channel=kind.channel,
            date=meeting.date,
            origin=f"{origin or kind.label} 第{number}行",
        )
        mention = find_article_mention(content, index)
        if mention is not None:
            comment.target = mention.target
            comment.also = mention.also
            comment.missing_target = mention.missing
            if mention.note:
                comment.notes.append(mention.note)
        else:
            comment.target = Target()
        key = "\x1f".join(
            (kind.value, meeting.date.isoformat() if meeting.date else "", name, org, content)
        )
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        comment.fingerprint = hashlib.sha1(
            f"meeting\x1f{key}\x1f{occurrence}".encode()
        ).hexdigest()[:24]
        comments.append(comment)
    return Minutes(meeting, comments, notes)


def read_minutes(
    path: Path | str,
    index: DraftIndex,
    regulation_id: int,
    *,
    kind: MeetingKind | None = None,
    date: dt.date | None = None,
    place: str = "",
    title: str = "",
) -> Minutes:
    """``parse_minutes`` of a .docx or .txt file; CommentImportError when it cannot be read."""
    path = Path(path)
    return parse_minutes(
        minutes_lines(path),
        index,
        regulation_id,
        kind=kind,
        date=date,
        place=place,
        title=title,
        origin=path.name,
    )
