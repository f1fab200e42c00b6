"""The consultation model: rounds, comments, their targets and the decisions taken on them.

Plain dataclasses and enums, no Qt and no SQL. Each enum's value is the English name used in
code and storage; ``label`` gives the Chinese word shown to users and written in documents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar


class _Labelled(StrEnum):
    """A StrEnum whose members carry a Chinese label; ``from_label`` reads the label back."""

    @property
    def label(self) -> str:
        """The Chinese word for this member."""
        return _LABELS[type(self).__name__][self.value]

    @classmethod
    def from_label(cls, label: str) -> _Labelled | None:
        """The member whose label (or value) is exactly ``label``, or None."""
        label = label.strip()
        for member in cls:
            if label in (member.label, member.value):
                return member
        return None


class Source(_Labelled):
    """Where a comment comes from (意见来源)."""

    PUBLIC = "public"
    DEPUTY = "deputy"
    EXPERT = "expert"
    DEPARTMENT = "department"
    DISTRICT_CONGRESS = "district_congress"
    CONTACT_POINT = "contact_point"
    LEADERSHIP = "leadership"
    OTHER = "other"


class Disposition(_Labelled):
    """What the office decided on a comment (处理意见)."""

    ADOPTED = "adopted"
    PARTLY_ADOPTED = "partly_adopted"
    NOT_ADOPTED = "not_adopted"
    REFLECTED_ELSEWHERE = "reflected_elsewhere"
    DEFERRED = "deferred"


class Audience(_Labelled):
    """Whom a consultation round was sent to."""

    PUBLIC = "public"
    DEPUTY = "deputy"
    EXPERT = "expert"
    DEPARTMENT = "department"
    DISTRICT_CONGRESS = "district_congress"
    CONTACT_POINT = "contact_point"
    OTHER = "other"


class Channel(_Labelled):
    """How a comment reached the office (渠道)."""

    WEBSITE = "website"
    LETTER = "letter"
    EMAIL = "email"
    FORUM = "forum"  # 座谈会
    EXPERT_MEETING = "expert_meeting"  # 论证会
    HEARING = "hearing"  # 听证会 (issue 14)
    CONTACT_POINT = "contact_point"  # 基层立法联系点的报告
    OTHER = "other"


_LABELS: dict[str, dict[str, str]] = {
    "Source": {
        "public": "社会公众",
        "deputy": "人大代表",
        "expert": "专家学者",
        "department": "政府部门",
        "district_congress": "区县人大",
        "contact_point": "基层立法联系点",
        "leadership": "市委市政府领导",
        "other": "其他",
    },
    "Disposition": {
        "adopted": "采纳",
        "partly_adopted": "部分采纳",
        "not_adopted": "未采纳",
        "reflected_elsewhere": "已在其他条款体现",
        "deferred": "另行研究",
    },
    "Audience": {
        "public": "社会公众",
        "deputy": "人大代表",
        "expert": "专家学者",
        "department": "政府部门",
        "district_congress": "区县人大",
        "contact_point": "基层立法联系点",
        "other": "其他",
    },
    "Channel": {
        "website": "网站",
        "letter": "信函",
        "email": "电子邮件",
        "forum": "座谈会",
        "expert_meeting": "论证会",
        "hearing": "听证会",
        "contact_point": "联系点",
        "other": "其他",
    },
}

#: The word used for comments that have no decision yet.
UNDECIDED_LABEL = "未处理"
#: The key under which whole-draft comments are counted and listed.
WHOLE_DRAFT_LABEL = "总体"


def missing_label(names: str) -> str:
    """How a target the draft lacks is shown: 第六十条（草案中无此条）."""
    return f"{names}（草案中无此条）"


# Words that reveal a source in a free-text 来源/类别 cell; checked in this order, because
# "区人大代表" is a deputy, "区县人大" a district congress, "市政府领导" leadership.
_SOURCE_WORDS: tuple[tuple[tuple[str, ...], Source], ...] = (
    (("联系点",), Source.CONTACT_POINT),
    # A 市民代表 at a hearing speaks for the public: only a 代表 with no such word before it
    # is a people's deputy (王代表, 人大代表).
    (("市民代表", "群众代表", "居民代表", "村民代表", "公众代表", "网民代表"), Source.PUBLIC),
    (("代表",), Source.DEPUTY),
    (
        ("区县人大", "区人大", "县人大", "县（市、区）人大", "区（县）人大"),
        Source.DISTRICT_CONGRESS,
    ),
    (("专家", "学者", "律师", "教授", "研究"), Source.EXPERT),
    (("领导", "市委", "书记", "市长"), Source.LEADERSHIP),
    (("部门", "政府", "局", "委员会", "办公室", "厅", "中心"), Source.DEPARTMENT),
    (("公众", "群众", "市民", "网民", "居民", "个人", "网友", "社会"), Source.PUBLIC),
)

_CHANNEL_WORDS: tuple[tuple[tuple[str, ...], Channel], ...] = (
    (("听证",), Channel.HEARING),
    (("联系点",), Channel.CONTACT_POINT),
    (("座谈",), Channel.FORUM),
    (("论证",), Channel.EXPERT_MEETING),
    (("邮件", "email", "e-mail", "邮箱"), Channel.EMAIL),
    (("网", "门户", "在线", "平台", "小程序", "公众号", "微信", "app"), Channel.WEBSITE),
    (("信", "函", "书面"), Channel.LETTER),
)


_L = TypeVar("_L", bound=_Labelled)


def _member_from_text(
    text: str,
    kind: type[_L],
    words: tuple[tuple[tuple[str, ...], _L], ...],
    default: _L,
    other: _L,
) -> _L:
    """``default`` for an empty cell, the member whose label it is, else the first member one
    of whose words it holds (case-folded, for email and app), else ``other``."""
    text = text.strip()
    if not text:
        return default
    exact = kind.from_label(text)
    if isinstance(exact, kind):
        return exact
    lowered = text.lower()
    for found, member in words:
        if any(w in lowered for w in found):
            return member
    return other


def source_from_text(text: str, default: Source = Source.OTHER) -> Source:
    """Read a source from a free-text cell (社会公众, 市民, 人大代表, 市交通局 …)."""
    return _member_from_text(text, Source, _SOURCE_WORDS, default, Source.OTHER)


def channel_from_text(text: str, default: Channel = Channel.OTHER) -> Channel:
    """Read a channel from a free-text cell (网站, 门户网站留言, 来信, 电子邮件 …)."""
    return _member_from_text(text, Channel, _CHANNEL_WORDS, default, Channel.OTHER)


def disposition_from_text(text: str) -> Disposition | None:
    """Read a disposition from a cell (采纳, 部分采纳, 未采纳 …); None when empty or unknown."""
    text = text.strip()
    if not text:
        return None
    exact = Disposition.from_label(text)
    if isinstance(exact, Disposition):
        return exact
    # Longest labels first: 部分采纳 and 未采纳 both contain 采纳.
    for member in sorted(Disposition, key=lambda d: -len(d.label)):
        if member.label in text:
            return member
    if "不予采纳" in text or "不采纳" in text:
        return Disposition.NOT_ADOPTED
    return None


@dataclass(frozen=True)
class Submitter:
    """Who made a comment; every field is optional (public comments are often anonymous)."""

    name: str = ""
    organisation: str = ""
    contact: str = ""

    @property
    def display(self) -> str:
        """Name and organisation as shown in a summary table (姓名（单位）)."""
        if self.name and self.organisation:
            return f"{self.name}（{self.organisation}）"
        return self.name or self.organisation

    @property
    def is_anonymous(self) -> bool:
        """True when nothing identifies the submitter."""
        return not (self.name or self.organisation or self.contact)


@dataclass(frozen=True)
class Target:
    """What a comment is about: a unit (uid) with an optional quoted span, or the whole draft.

    ``quote`` holds the words the commenter selected; ``offset`` is where they started in the
    unit's text when the comment was made — only a hint, the words themselves are the anchor.
    """

    uid: str | None = None
    quote: str = ""
    offset: int | None = None


WHOLE_DRAFT = Target()


@dataclass(frozen=True)
class Decision:
    """A disposition with its reason, who decided and when."""

    disposition: Disposition
    reason: str = ""
    decided_by: str = ""
    decided_at: dt.datetime | None = None


@dataclass
class Round:
    """A consultation round: a regulation's version sent to an audience between two dates."""

    regulation_id: int
    version_id: int | None = None
    audience: Audience = Audience.PUBLIC
    title: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    note: str = ""
    id: int | None = None


@dataclass
class Comment:
    """One comment (意见) on a draft.

    ``id`` is None until the comment is stored. ``fingerprint`` identifies the comment's origin
    so that importing the same file twice adds nothing. ``origin`` says where it came from
    (file and row) for reports; ``notes`` carry what the importer could not read exactly.
    """

    content: str
    source: Source = Source.PUBLIC
    submitter: Submitter = field(default_factory=Submitter)
    channel: Channel = Channel.OTHER
    date: dt.date | None = None
    target: Target = WHOLE_DRAFT
    round_id: int | None = None
    version_id: int | None = None
    fingerprint: str = ""
    cluster_id: int | None = None
    decision: Decision | None = None
    origin: str = ""
    notes: list[str] = field(default_factory=list)
    id: int | None = None
    #: The 条款 cell as the submitter wrote it ("第十二、十三条"), "" when none was given.
    target_text: str = ""
    #: Further units the comment names besides ``target`` (each article counts it).
    also: tuple[str, ...] = ()
    #: Articles named that the draft lacks ("第六十条"): shown as "第六十条（草案中无此条）".
    missing_target: str = ""
    #: Whom the comment is assigned to (issue 14): a 处室 and/or a 承办人, "" when nobody.
    office: str = ""
    handler: str = ""
    #: The meeting (座谈会 …) the comment was said at, None for written comments.
    meeting_id: int | None = None

    def assigned_to(self, name: str) -> bool:
        """True when ``name`` is this comment's 处室 or 承办人 (exactly, spaces ignored)."""
        name = name.strip()
        return bool(name) and name in (self.office.strip(), self.handler.strip())

    @property
    def assignee(self) -> str:
        """处室/承办人 as shown: 城建处/王五, 城建处, 王五, or ""."""
        return "/".join(p for p in (self.office, self.handler) if p)

    @property
    def disposition(self) -> Disposition | None:
        """The disposition decided, or None while undecided."""
        return self.decision.disposition if self.decision else None


#: The traditional characters of the words a spreadsheet's headers and 条款 cells use (意見內容,
#: 第十二條第二款), mapped to simplified ones for *matching* only: what the submitter wrote is
#: stored as written.
_TRADITIONAL = str.maketrans(
    "條項見內號處稱類間時電話聯繫單編節總體則採納題議寫郵頁區鄉鎮關於兩萬億為應規門從來與個",
    "条项见内号处称类间时电话联系单编节总体则采纳题议写邮页区乡镇关于两万亿为应规门从来与个",
)


def simplified(text: str) -> str:
    """``text`` with the traditional characters of headers and article references made
    simplified (意見內容 → 意见内容, 第十二條 → 第十二条), for matching only."""
    return text.translate(_TRADITIONAL)
