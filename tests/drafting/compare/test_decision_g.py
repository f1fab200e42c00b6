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


def _hz_with_boundary_moved(corpus: Path, tmp_path: Path) -> tuple[Path, Path]:
    """杭州 as printed, and the same with 第二章's heading put after 第七条 (old 第七条, the
    first article of 第二章, is now the last of 第一章; no number changes)."""
    old = corpus / "local_hangzhou_park_2014.md"
    lines = old.read_text(encoding="utf-8").splitlines()
    head = next(k for k, line in enumerate(lines) if line.startswith("## 第二章"))
    seventh = next(k for k, line in enumerate(lines) if line.startswith("第八条"))
    moved = lines[:head] + lines[head + 1 : seventh] + [lines[head], ""] + lines[seventh:]
    new = tmp_path / "hz_boundary.md"
    new.write_text("\n".join(moved) + "\n", encoding="utf-8")
    return old, new


def test_a_move_across_a_chapter_boundary_names_the_chapter(corpus: Path, tmp_path: Path) -> None:
    """G8: the first article of 第二章 moved to the end of 第一章 is drafted
    "将第七条移至第一章第六条后" (not "将第七条移至第六条后", which reads as no move), the way
    back (last of 第一章 to the start of 第二章) "将第七条移至第二章第八条前"; amend reads both
    and gives the other text (round trip both directions)."""
    from drafting.amend.apply import apply_decision
    from drafting.amend.read import read_decision
    from tests.drafting.amend.test_amend import words

    old_path, new_path = _hz_with_boundary_moved(corpus, tmp_path)
    old, new = read_draft(old_path), read_draft(new_path)
    for a, b, form in (
        (old, new, "一、将第七条移至第一章第六条后。"),
        (new, old, "一、将第七条移至第二章第八条前。"),
    ):
        text = amendment_decision(compare_drafts(a, b))
        assert form in text.splitlines(), text
        read = read_decision(text)
        assert read.unread == [] and read.instructions[0].container in ("第一章", "第二章")
        result = apply_decision(a, read)
        assert result.failed == [] and words(result.draft) == words(b), text


def test_a_move_naming_the_wrong_chapter_fails(corpus: Path) -> None:
    """G8: "将第七条移至第二章第六条后" — 第六条 is in 第一章: refused with the reason, nothing moved."""
    from drafting.amend.apply import apply_decision
    from drafting.amend.read import read_decision

    old = read_draft(corpus / "local_hangzhou_park_2014.md")
    result = apply_decision(old, read_decision("一、将第七条移至第二章第六条后。"))
    assert [reason for _, reason in result.failed] == ["第六条不在第二章中，无法确定移动位置"]


def test_items_printed_without_a_number_stay_so(corpus: Path, tmp_path: Path) -> None:
    """G12: 洛阳 2021 printed two 项 without a number (第十六条（五）, 第二十四条（一）). The
    decision quotes them as printed, amend gives the new text with the labels as printed
    (both directions), the 修改稿 deletes the old （五） as a revision (no number added), and
    compare warns of no supplied number."""
    import json

    from docx import Document
    from docx.oxml.ns import qn

    from drafting.amend.apply import apply_decision
    from drafting.amend.read import read_decision
    from drafting.model.numbering import compute_numbers
    from tests.app_runner import run_app

    old_path = corpus / "pair_luoyang_park_square_old.md"
    new_path = corpus / "pair_luoyang_park_square_2021.md"
    old, new = read_draft(old_path), read_draft(new_path)

    def labelled(d: object) -> list[tuple[str, str]]:
        numbers = compute_numbers(d)  # type: ignore[arg-type]
        return [(numbers[u.uid].label, u.text) for u in d.walk() if u.kind.value == "item"]  # type: ignore[attr-defined]

    bare = [t for label, t in labelled(new) if not label]
    assert [t[:4] for t in bare] == ["物品摆放", "乱丢果皮"]
    for a, b in ((old, new), (new, old)):
        text = amendment_decision(compare_drafts(a, b))
        assert "（五）物品摆放" not in text and "（一）乱丢果皮、纸屑、烟头等废弃物以及" not in text
        result = apply_decision(a, read_decision(text))
        assert result.failed == [] and labelled(result.draft) == labelled(b), text
    out = tmp_path / "修改稿.docx"
    run = run_app("compare", str(old_path), str(new_path), "--json", "--tracked-docx", str(out))
    assert not any("未印编号" in w for w in json.loads(run.stdout).get("warnings", []))
    kept = []
    for p in Document(str(out)).element.body.iter(qn("w:p")):
        accepted = "".join(x.text or "" for x in p.iter(qn("w:t")))
        if "物品摆放" in accepted or "乱丢果皮、纸屑、烟头等废弃物以及" in accepted:
            kept.append(accepted[:4])
    assert kept == ["物品摆放", "乱丢果皮"]
