"""The labels a version is sent out under and the stages of the procedure (no Qt).

征求意见稿 → 草案 → 一审稿 …: the order a regulation usually goes through, the stage each label
belongs to, and the label suggested when the next version is frozen.
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


def suggested_label(frozen_labels: Sequence[str]) -> str:
    """The label after the furthest one already frozen (征求意见稿 → 草案 → 一审稿 …);
    after 公布稿 comes 修改稿, and labels of one's own do not count."""
    reached = [LABELS.index(label) for label in frozen_labels if label in LABELS[:-1]]
    if not reached:
        return LABELS[0]
    following = max(reached) + 1
    return LABELS[following] if following < len(LABELS) - 1 else LABELS[-1]


def stage_for_label(label: str, typed_stage: str) -> str:
    """The stage to show after the label was chosen: the label's usual stage, unless the
    drafter typed a stage of their own (``typed_stage`` not empty and not a usual one)."""
    if label in LABEL_STAGE and typed_stage in ("", *LABEL_STAGE.values()):
        return LABEL_STAGE[label]
    return typed_stage
