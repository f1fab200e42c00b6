"""Tester A's faults in ``amend`` and the 修改决定 (tryA 1, 2, 7, 8): a 修正案 keeps the
numbers; a decision never lists an item that changes nothing; published forms read."""

from __future__ import annotations

from drafting.amend.apply import apply_decision
from drafting.amend.read import read_decision
from drafting.compare.articles import compare_drafts
from drafting.compare.decision import amendment_decision
from drafting.model.numbering import compute_numbers
from drafting.model.units import Draft
from drafting.read.parse import parse_text

LAW = """某法

第一条　甲。
第二条　乙依照第四条。
第二条之一　丙。
第二条之二　丁。
第二条之三　戊。
第三条　己。
第四条　庚。
第五条　辛依照第四条。
"""


def labels(d: Draft) -> list[str]:
    numbers = compute_numbers(d)
    return [numbers[a.uid].label for a in d.articles()]


def texts(d: Draft) -> list[str]:
    return [a.children[0].text for a in d.articles()]


def test_an_amendment_keeps_every_number() -> None:
    """删去刑法第三条: 第四条 stays 第四条 and so do the references to it; 之二 deleted
    leaves 之三; 作为第四条之一 goes after 第四条."""
    law = parse_text(LAW).draft
    text = (
        "某法修正案\n一、删去某法第三条。\n二、删去某法第二条之二。\n"
        "三、在某法第四条后增加一条，作为第四条之一：“新。”\n四、本修正案自公布之日起施行。"
    )
    read = read_decision(text)
    assert read.keep_numbers and read.unread == []
    result = apply_decision(law, read)
    assert result.failed == []
    assert labels(result.draft) == [
        "第一条", "第二条", "第二条之一", "第二条之三", "第四条", "第四条之一", "第五条"
    ]  # fmt: skip
    assert texts(result.draft)[1] == "乙依照第四条。"
    assert texts(result.draft)[6] == "辛依照第四条。"


def test_a_decision_still_renumbers() -> None:
    """The same deletion in a 修改决定 renumbers, references too; 之一 is added in place."""
    law = parse_text(LAW).draft
    read = read_decision("一、删去第三条。\n二、增加一条，作为第四条之一：“新。”")
    assert not read.keep_numbers
    assert not read_decision("一、将第一条中的“及其修正案”修改为“或者修正案”。").keep_numbers
    result = apply_decision(law, read)
    assert result.failed == []
    assert labels(result.draft)[5:] == ["第三条", "第三条之一", "第四条"]
    assert texts(result.draft)[1] == "乙依照第三条。"
    assert texts(result.draft)[6] == "新。"


def test_renumber_clause_is_a_check_or_a_label() -> None:
    """将第四条改为第三条: where the decision renumbers, it holds after 删去第三条 and fails
    (with the number found) otherwise; in a 修正案 it sets the number."""
    law = parse_text(LAW).draft
    ok = apply_decision(law, read_decision("一、删去第三条。\n二、将第四条改为第三条。"))
    assert ok.failed == []
    bad = apply_decision(law, read_decision("一、将第四条改为第五条。"))
    assert len(bad.failed) == 1 and "为第四条" in bad.failed[0][1]
    kept = apply_decision(
        law, read_decision("某法修正案\n一、删去某法第三条。\n二、将某法第四条改为第三条。")
    )
    assert kept.failed == []
    assert labels(kept.draft)[-2:] == ["第三条", "第五条"]


def test_published_forms_read() -> None:
    """和 between places, 的章名, 增加一章 without 在…后."""
    read = read_decision(
        "一、删去第二条第一款第四项、第五项和第二款。\n"
        "二、将第五章的章名修改为“附则”。\n"
        "三、将第二章第一节的节名修改为“范围”。\n"
        "四、增加一章，作为第七章：\n“第七章　附　　则”\n“第九条　本法自公布之日起施行。”"
    )
    assert read.unread == []
    first = read.instructions[0]
    assert [p.words() for p in first.places] == ["第二条第一款第四项", "第二条第一款第五项",
                                                 "第二条第二款"]  # fmt: skip
    assert read.instructions[1].anchor == "第五章"
    assert read.instructions[2].anchor == "第二章第一节"
    chapter = read.instructions[3]
    assert (chapter.anchor, chapter.before, chapter.new_labels) == ("第六章", False, ("第七章",))


def test_a_decision_never_lists_an_item_that_changes_nothing() -> None:
    """A draft with 第三条 removed and the printed labels kept (第四条 still cites 第五条 as
    printed): the decision is 删去第三条 only, and amend gives the renumbered text whose
    references follow (第四条 → 第三条 citing 第四条)."""
    old_text = "某市条例\n\n第一条　甲。\n第二条　乙。\n第三条　丙。\n第四条　丁依照第五条。\n第五条　戊。\n"
    kept = old_text.replace("第三条　丙。\n", "")
    old, new = parse_text(old_text).draft, parse_text(kept).draft
    decision = amendment_decision(compare_drafts(old, new))
    items = [line for line in decision.splitlines() if line[:2] in ("一、", "二、")]
    assert items == ["一、删去第三条。"], decision
    result = apply_decision(old, read_decision(decision))
    assert result.failed == []
    assert texts(result.draft) == ["甲。", "乙。", "丁依照第四条。", "戊。"]
    # Both ways: the renumbered draft gives the same single item.
    renumbered = parse_text(
        "某市条例\n\n第一条　甲。\n第二条　乙。\n第三条　丁依照第四条。\n第四条　戊。\n"
    )
    again = amendment_decision(compare_drafts(old, renumbered.draft))
    assert [x for x in again.splitlines() if x[:2] in ("一、", "二、")] == ["一、删去第三条。"]


HALF = """某市条例

第一条　有下列情形之一的：
(一)甲；
(二)乙；
(三)丙；
(四)丁。
第二条　施行。
"""


def item_labels(d: Draft) -> list[str]:
    return [u.label for u in d.walk() if u.kind.name == "ITEM"]


def test_half_width_items_are_relabelled_in_their_style() -> None:
    """删去第一条第二项 on (一)…(四): (三)(四) become (二)(三), half-width as printed, with a
    warning; adding an item does the same the other way."""
    old = parse_text(HALF).draft
    result = apply_decision(old, read_decision("一、删去第一条第二项。"))
    assert result.failed == []
    assert item_labels(result.draft) == ["(一)", "(二)", "(三)"]
    assert any("(三)→(二)" in w for w in result.warnings)
    added = apply_decision(old, read_decision("一、在第一条中增加一项，作为第二项：“(二)新；”"))
    assert added.failed == []
    assert item_labels(added.draft) == ["(一)", "(二)", "(三)", "(四)", "(五)"]
    assert [u.text for u in added.draft.walk() if u.kind.name == "ITEM"][1] == "新；"


def test_half_width_item_added_is_drafted_as_one_item() -> None:
    """The decision for an item added to a half-width list names the item, quoting its
    label as printed; amend then gives the new text."""
    old = parse_text(HALF).draft
    new_text = HALF.replace("(二)乙；\n", "(二)乙；\n(三)新；\n").replace("(三)丙", "(四)丙")
    new = parse_text(new_text.replace("(四)丁", "(五)丁")).draft
    decision = amendment_decision(compare_drafts(old, new))
    assert "一、在第一条中增加一项，作为第三项：“(三)新；”" in decision, decision
    result = apply_decision(old, read_decision(decision))
    assert item_labels(result.draft) == item_labels(new)


def test_quoted_sub_item_labels_are_applied_verbatim() -> None:
    """The decision quotes “1.” where the old text printed 1．: the result prints 1."""
    old = parse_text(
        "某市条例\n\n第一条　下列：\n（一）甲：\n1．子；\n2．丑。\n第二条　施行。\n"
    ).draft
    text = "一、将第一条修改为：“下列：\n“（一）甲：\n“1.子；\n“2.寅。”"
    result = apply_decision(old, read_decision(text))
    assert result.failed == []
    numbers = compute_numbers(result.draft)
    subs = [numbers[u.uid].label for u in result.draft.walk() if u.kind.name == "SUBITEM"]
    assert subs == ["1.", "2."]


def test_identical_texts_give_no_decision(tmp_path, corpus) -> None:  # type: ignore[no-untyped-def]
    """compare --decision-text on two identical texts: exit 1, 两文本相同 on stderr and in the
    JSON warnings, no file written; texts that differ still write theirs (exit 0)."""
    import json

    from tests.app_runner import run_app

    out = tmp_path / "决定.txt"
    old = corpus / "pair_changjiang_sand_2001.md"
    run = run_app("compare", str(old), str(old), "--json", "--decision-text", str(out))
    assert run.returncode == 1
    assert "两文本相同，无须修改决定" in run.stderr
    assert json.loads(run.stdout)["warnings"] == ["两文本相同，无须修改决定"]
    assert not out.exists()
    new = corpus / "pair_changjiang_sand_2023.md"
    ok = run_app("compare", str(old), str(new), "--decision-text", str(out))
    assert ok.returncode == 0 and out.exists()


def test_a_paragraph_added_to_a_renumbered_article_names_both_numbers() -> None:
    """As the 2023 立法法 decision: 将第五条改为第六条，增加一款，作为第一款：“……” — drafted
    when old 第五条 becomes 第六条, read back and applied to old 第五条."""
    old = parse_text("某市条例\n\n第一条　甲。\n第二条　乙。\n第三条　丙。\n").draft
    new = parse_text(
        "某市条例\n\n第一条　甲。\n第二条　新。\n第三条　乙。\n第四条　增。\n丙。\n"
    ).draft
    decision = amendment_decision(compare_drafts(old, new))
    assert "将第三条改为第四条，增加一款，作为第一款：“增。”" in decision, decision
    result = apply_decision(old, read_decision(decision))
    assert result.failed == []
    assert [[p.text for p in a.children] for a in result.draft.articles()] == [
        ["甲。"],
        ["新。"],
        ["乙。"],
        ["增。", "丙。"],
    ]
    deleted = read_decision("一、将第三条改为第四条，删去第二款。").instructions[0]
    assert deleted.places[0].words() == "第三条第二款"
