"""The labels a version goes out under and the stage each belongs to (Qt-free)."""

from __future__ import annotations

from drafting.model.stage_labels import (
    LABEL_STAGE,
    LABELS,
    STAGES,
    label_for_stage,
    next_stage,
    stage_for_label,
    suggested_label,
)


def test_suggested_labels_follow_the_procedure() -> None:
    assert suggested_label([]) == "征求意见稿"
    assert suggested_label(["征求意见稿", "一审稿"]) == "二审稿"
    assert suggested_label(["公布稿"]) == "修改稿"
    assert suggested_label(["修改稿", "自拟稿"]) == "征求意见稿"
    # The stage after the current one (issue 13): never back to 草案/起草 after 征求意见稿.
    assert suggested_label(["征求意见稿"]) == "一审稿"
    assert suggested_label(["草案"]) == "征求意见稿"


def test_next_stage() -> None:
    assert next_stage("征求意见") == "一审"
    assert next_stage("起草") == "征求意见"
    assert next_stage("公布") == "公布"
    assert next_stage("") == next_stage("专家论证") == "起草"
    assert label_for_stage("一审") == "一审稿" and label_for_stage("专家论证") == ""


def test_a_label_brings_its_stage_unless_one_was_typed() -> None:
    assert stage_for_label("一审稿", "") == "一审"
    assert stage_for_label("一审稿", "征求意见") == "一审"  # a usual stage follows the label
    assert stage_for_label("一审稿", "专家论证") == "专家论证"  # typed by the drafter: kept
    assert stage_for_label("自拟稿", "起草") == "起草"
    assert set(LABEL_STAGE) <= set(LABELS)
    assert set(LABEL_STAGE.values()) <= set(STAGES)
