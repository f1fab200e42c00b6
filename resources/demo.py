"""The demo drafts a new, empty library starts with, so a first-time user has something to try.

The texts live in ``resources/demo`` in the canonical plain-text layout with the plain title; the
stage of each draft (征求意见稿, 草案) is kept here, as the version's label and stage.

``seed_demo(library)`` is what the program calls on its first start (and tests for a library
with texts in it): nothing when the library holds anything. ``seed`` imports the two texts as
working drafts. ``seed_with_history`` (the first start of the program) also plays the first steps of a consultation on the 古城保护条例: the 征求意见稿 is frozen
and sent out, public comments come back, some are decided, and a working draft carries the
first changes — so history, comparison and the comments panel have something to show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.library import Library, VersionInfo

DEMO_DIR = Path(__file__).resolve().parent / "demo"
DEMO_SOURCE = "示例"
DEMO_COMMENTS = DEMO_DIR / "ancient_city_comments.csv"
SENT_OUT = dt.date(2026, 9, 1)


@dataclass(frozen=True)
class DemoDraft:
    """One demo text and the version it becomes."""

    file: str  # name inside resources/demo
    label: str  # 稿次名
    stage: str


DEMO_DRAFTS: tuple[DemoDraft, ...] = (
    DemoDraft("ancient_city.txt", label="征求意见稿", stage="征求意见"),
    DemoDraft("park.txt", label="草案", stage="一审"),
)


def demo_path(demo: DemoDraft) -> Path:
    """Where the demo text is on disk."""
    return DEMO_DIR / demo.file


def seed_demo(library: Library, *, history: bool = False) -> list[VersionInfo]:
    """Import the two demo drafts into an empty library; nothing if it holds anything.

    With ``history`` (a new user's first start) the 古城保护条例 also gets a frozen
    征求意见稿, a round of public comments and a working draft with the first changes.
    Returns the versions made (the working ones), or [].
    """
    if not library.is_empty():
        return []
    return seed_with_history(library) if history else seed(library)


def seed(library: Library) -> list[VersionInfo]:
    """Import every demo draft as a new regulation with one working version."""
    # Imported here: opening a library must not pay for the parser.
    from drafting.read.parse import parse_file

    # Parse all first: a broken resource then leaves the library empty, not half seeded.
    drafts = [(demo, parse_file(demo_path(demo)).draft) for demo in DEMO_DRAFTS]
    return [
        library.import_draft(draft, label=demo.label, stage=demo.stage, source=DEMO_SOURCE)
        for demo, draft in drafts
    ]


def seed_with_history(library: Library) -> list[VersionInfo]:
    """``seed``, then the 古城保护条例's first round: frozen, commented on, decided, revised."""
    from consultation.decisions import make_decision
    from consultation.model import Audience, Disposition, Round
    from drafting.model.numbering import compute_numbers
    from storage.comments import CommentStore

    ancient, park = seed(library)
    sent = library.freeze(
        ancient.id, label="征求意见稿", stage="征求意见", date=SENT_OUT, note="向社会公开征求意见"
    )
    store = CommentStore(library)
    round_ = store.add_round(
        Round(
            ancient.regulation_id,
            sent.id,
            Audience.PUBLIC,
            "公开征求意见",
            SENT_OUT,
            SENT_OUT + dt.timedelta(days=30),
        )
    )
    store.import_and_cluster(ancient.regulation_id, DEMO_COMMENTS, round_id=round_.id)

    working = library.new_working_draft(sent.id)
    draft = library.load_draft(working.id)
    numbers = compute_numbers(draft)
    by_label = {numbers[a.uid].label: a for a in draft.articles()}
    # 第二条: say where the thirty metres are measured from (comments 1 and 2).
    scope = by_label["第二条"].children[1]
    scope.text = scope.text.replace("两侧各三十米", "两侧河道蓝线外各三十米")
    # 第十四条: add 张贴 to the prohibited acts (comments 5 to 7).
    for item in by_label["第十四条"].children[0].children:
        item.text = item.text.replace("刻划、涂污", "刻划、涂污、张贴")
    library.save_draft(working.id, draft)

    comments = store.comments(ancient.regulation_id)
    decisions = [
        ("建议明确古城范围的四至", Disposition.ADOPTED, "已在第二条第二款中明确自河道蓝线起算。"),
        (
            "禁止在历史建筑上刻划、涂污，应当",
            Disposition.ADOPTED,
            "已在第十四条第（四）项增加“张贴”。",
        ),
        ("罚款幅度偏低", Disposition.DEFERRED, "罚款幅度需与上位法衔接，另行研究。"),
    ]
    for prefix, disposition, reason in decisions:
        comment = next((c for c in comments if c.content.startswith(prefix)), None)
        if comment is not None and comment.id is not None:
            decision = make_decision(disposition, reason, "法工委")
            if comment.cluster_id is not None:
                store.decide_cluster(ancient.regulation_id, comment.cluster_id, decision)
            else:
                store.decide([comment.id], decision)
    return [library.version(working.id), park]
