"""Faults G8, G11, G13 of the second fresh tester's report (issue 11): the drafted decision."""

from __future__ import annotations

from pathlib import Path

from drafting.compare.articles import compare_drafts
from drafting.compare.decision import amendment_decision, punctuation_warnings
from tests.drafting.compare_helpers import read_draft


def test_punctuation_only_articles_are_never_items_in_either_direction(corpus: Path) -> None:
    """G11: 长江 2023→2001: 第二条、第六条、第十条、第十一条 differ only in punctuation width
    (full-width in the old text, half-width in the new): no item names them, a warning does;
    2001→2023 (half-width made full-width) leaves them to the closing sentence, no warning."""
    old = read_draft(corpus / "pair_changjiang_sand_2023.md")
    new = read_draft(corpus / "pair_changjiang_sand_2001.md")
    comparison = compare_drafts(old, new)
    text = amendment_decision(comparison)
    for label in ("第二条", "第六条", "第十条", "第十一条"):
        assert f"将{label}修改为" not in text and f"将{label}中的" not in text, text
    assert "（名称）" not in text
    assert punctuation_warnings(comparison) == [
        "新文本第二条、第六条、第十条、第十一条使用半角标点，未写入修改决定"
    ]
    forward = compare_drafts(new, old)
    text = amendment_decision(forward)
    assert "将第六条修改为" not in text and "标点符号作相应调整" in text
    assert punctuation_warnings(forward) == []


def test_compare_headline_counts_a_changed_note(tmp_path: Path) -> None:
    """G13: only the 注 changed: the summary line does not say "无修改"."""
    from tests.app_runner import run_app

    body = "某市停车收费管理条例\n\n第一条　为了规范停车收费，制定本条例。\n\n第二条　本条例自2026年1月1日起施行。\n"
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(body + "\n注：本条例所称大型车，是指车长六米以上的车辆。\n", encoding="utf-8")
    new.write_text(body + "\n注：本条例所称大型车，是指车长八米以上的车辆。\n", encoding="utf-8")
    run = run_app("compare", str(old), str(new))
    assert run.returncode == 0, run.stderr
    first = run.stdout.splitlines()[0]
    assert "无修改" not in first.replace("条文无修改", "") and first.endswith("条文无修改；注修改")
    same = run_app("compare", str(old), str(old))
    assert same.stdout.splitlines()[0].endswith("：无修改")
