"""The labels a version is sent out under and the stages of the procedure (no Qt).

征求意见稿 → 草案 → 一审稿 …: the order a regulation usually goes through, the stage each label
belongs to, and the label suggested when the next version is frozen: the next stage's.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Version labels in the order a regulation usually goes through them.
LABELS: tuple[str, ...] = (
    "征求意见稿",
    "草案",
    "一审稿",
    "二审稿",
    "三审稿",
    "表决稿",
    "公布稿",
    "修改稿",
)
#: Stages of the legislative procedure (DOMAIN.md).
STAGES: tuple[str, ...] = ("起草", "征求意见", "一审", "二审", "三审", "表决", "公布")
#: The stage a label usually belongs to: choosing the label fills the stage in.
LABEL_STAGE: dict[str, str] = {
    "征求意见稿": "征求意见",
    "草案": "起草",
    "一审稿": "一审",
    "二审稿": "二审",
    "三审稿": "三审",
    "表决稿": "表决",
    "公布稿": "公布",
}


def next_stage(stage: str) -> str:
    """The stage after ``stage`` in the procedure (征求意见 → 一审); 起草 for '' or a stage of
    one's own; 公布 stays 公布."""
    if stage not in STAGES:
        return STAGES[0]
    return STAGES[min(STAGES.index(stage) + 1, len(STAGES) - 1)]


def label_for_stage(stage: str) -> str:
    """The usual label of a stage (一审 → 一审稿, 起草 → 草案); '' for a stage of one's own."""
    return next((label for label, s in LABEL_STAGE.items() if s == stage), "")


def suggested_label(frozen_labels: Sequence[str]) -> str:
    """The label of the stage after the furthest one already frozen (草案 → 征求意见稿,
    征求意见稿 → 一审稿 …); 征求意见稿 when nothing is frozen; after 公布稿 comes 修改稿, and
    labels of one's own do not count."""
    reached = [STAGES.index(LABEL_STAGE[label]) for label in frozen_labels if label in LABEL_STAGE]
    if not reached:
        return LABELS[0]
    furthest = STAGES[max(reached)]
    if furthest == STAGES[-1]:
        return LABELS[-1]
    return label_for_stage(next_stage(furthest)) or LABELS[-1]


def stage_for_label(label: str, typed_stage: str) -> str:
    """The stage to show after the label was chosen: the label's usual stage, unless the
    drafter typed a stage of their own (``typed_stage`` not empty and not a usual one)."""
    if label in LABEL_STAGE and typed_stage in ("", *LABEL_STAGE.values()):
        return LABEL_STAGE[label]
    return typed_stage
