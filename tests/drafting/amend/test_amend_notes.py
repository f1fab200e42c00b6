"""The 注 after the last article in the 修改决定 and in ``amend`` (issue 11).

A 注 the regulation prints after its last article (注：本条例由…负责解释) is its words: a change is
drafted (将注修改为：“……” / 增加注：“……” / 删去注) and applied, so amend(old, decision(old → new))
== new with the notes too. A 落款, a date or an editor's footnote is not enacted: a change in
it is no item but a warning, and the amended text keeps the old line. Checked on hand-made
pairs built from corpus texts (notes added, changed, removed, around a 落款) together with
article edits, through the library functions and through the command line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafting.amend.apply import Amender, apply_decision
from drafting.amend.instructions import NOTE, Instruction, render
from drafting.amend.read import read_clause, read_decision
from drafting.compare.articles import compare_drafts
from drafting.compare.decision import amendment_decision, amendment_items
from drafting.compare.decision_notes import notes_warnings
from drafting.model.units import Draft
from drafting.read.files import read_draft as read_file
from drafting.write.plain_text import render_text
from tests.app_runner import run_app
from tests.conftest import CORPUS
from tests.drafting.amend.test_amend import words
from tests.drafting.compare_helpers import read_draft

NOTE_A = ["注：本条例由某市人民代表大会常务委员会负责解释。"]
NOTE_B = [
    "注：1.本条例由某市人民政府负责解释。",
    "2.本条例所称“公园”，包括城市公园和郊野公园。",
]
SIGN = ["某市人民代表大会常务委员会", "2020年9月25日"]

_cache: dict[str, Draft] = {}


def _text(name: str) -> Draft:
    if name not in _cache:
        _cache[name] = read_draft(CORPUS / name)
    return _cache[name]


def _with_notes(d: Draft, notes: list[str]) -> Draft:
    copy = d.clone()
    copy.notes = [*d.notes, *notes]
    return copy


def _reworded(d: Draft) -> Draft:
    """``d`` with the words of its first article changed (so the decision has an article item
    too)."""
    new = d.clone()
    first = new.articles()[0].children[0]
    first.text = (
        first.text.replace("，", "，依法", 1) if "，" in first.text else first.text + "依法"
    )
    return new


def trip(old: Draft, new: Draft) -> tuple[Draft, str]:
    text = amendment_decision(compare_drafts(old, new))
    read = read_decision(text)
    assert read.unread == [], (read.unread, text)
    result = apply_decision(old, read)
    assert result.failed == [], ([(i.action, r) for i, r in result.failed], text)
    return result.draft, text


CASES = [
    ("added", [], NOTE_A),
    ("removed", NOTE_A, []),
    ("changed", NOTE_A, NOTE_B),
    ("changed back", NOTE_B, NOTE_A),
    ("changed under a 落款", [*SIGN, *NOTE_A], [*SIGN, *NOTE_B]),
    ("added after a 落款", SIGN, [*SIGN, *NOTE_B]),
    ("removed, the 落款 kept", [*NOTE_A, *SIGN], SIGN),
    (
        "half-width to full-width",
        ["注:本条例由市人民政府负责解释。"],
        ["注：本条例由市人民政府负责解释。"],
    ),
]
TEXTS = [
    "local_ningbo_river_2019.md",
    "local_jinan_historic_city_2020.md",
    "pair_changjiang_sand_2023.md",
    "large_criminal_law_lawrefbook.md",  # its editor's footnote ① stays as it is
]


@pytest.mark.parametrize("name", TEXTS)
@pytest.mark.parametrize(("case", "before", "after"), CASES)
def test_round_trip_with_the_note_added_changed_removed(
    name: str, case: str, before: list[str], after: list[str]
) -> None:
    base = _text(name)
    old = _with_notes(base, before)
    new = _with_notes(_reworded(base), after)
    got, text = trip(old, new)
    assert got.notes == new.notes, (case, text)
    assert words(got) == words(new), (case, text)
    assert notes_warnings(old, new) == []
    # One 注 item (its place among the items: test_the_note_sits_before_the_appendix_items).
    items = amendment_items(compare_drafts(old, new))
    assert sum(c.action == NOTE for item in items for c in item) == 1


def test_the_forms_drafted_read_back() -> None:
    old = _with_notes(_text("local_ningbo_river_2019.md"), NOTE_A)
    changed = amendment_decision(
        compare_drafts(old, _with_notes(_text("local_ningbo_river_2019.md"), NOTE_B))
    )
    assert (
        "一、将注修改为：“注：1.本条例由某市人民政府负责解释。\n“2.本条例所称‘公园’，包括城市公园和郊野公园。”"
        in changed
    )
    removed = amendment_decision(compare_drafts(old, _text("local_ningbo_river_2019.md")))
    assert "一、删去注。" in removed
    added = amendment_decision(compare_drafts(_text("local_ningbo_river_2019.md"), old))
    assert "一、增加注：“注：本条例由某市人民代表大会常务委员会负责解释。”" in added
    for clause, want in [
        ("删去注", Instruction(NOTE, anchor="注")),
        ("增加注：“注：甲。”", Instruction(NOTE, anchor="注", texts=("注：甲。",), position=1)),
        (
            "将注修改为：“注：1.甲。\n“2.‘乙’。”",
            Instruction(NOTE, anchor="注", texts=("注：1.甲。\n2.“乙”。",)),
        ),
    ]:
        assert read_clause(clause) == [want]
        assert read_clause(render(want)) == [want]


def test_the_note_sits_before_the_appendix_items() -> None:
    old = _with_notes(_text("large_criminal_law_lawrefbook.md"), NOTE_A)
    new = _with_notes(_text("large_criminal_law_lawrefbook.md"), NOTE_B)
    new.appendices[0].title = (new.appendices[0].title or "目录") + "（修订）"
    actions = [item[0].action for item in amendment_items(compare_drafts(old, new))]
    assert actions[-2:] == [NOTE, "appendix"], actions
    got, text = trip(old, new)
    assert got.notes == new.notes and repr(got.appendices) == repr(new.appendices), text


def test_a_changed_signature_is_warned_not_drafted() -> None:
    base = _text("local_ningbo_river_2019.md")
    old = _with_notes(base, [*SIGN, *NOTE_A])
    dated = [SIGN[0], "2021年3月1日", *NOTE_A]
    new = _with_notes(_reworded(base), dated)
    got, text = trip(old, new)
    assert "注" not in text.split("\n", 1)[1].split("本决定")[0]  # no item on the notes
    assert got.notes == old.notes  # the 落款 is the old one
    assert words(got) == words(new)
    warnings = notes_warnings(old, new)
    assert len(warnings) == 1 and "落款" in warnings[0]
    # With the 注 changed too: the 注 is drafted, the date still warned.
    both = _with_notes(_reworded(base), [SIGN[0], "2021年3月1日", *NOTE_B])
    got, text = trip(old, both)
    assert "将注修改为" in text and got.notes == [*SIGN, *NOTE_B]
    assert notes_warnings(old, both) == warnings


def test_a_note_clause_that_cannot_apply_says_why() -> None:
    bare = _text("local_ningbo_river_2019.md")
    noted = _with_notes(bare, NOTE_A)
    result = apply_decision(bare, read_decision("一、删去注。\n二、将注修改为：“注：甲。”"))
    assert [r for _, r in result.failed] == ["原文没有注", "原文没有注"]
    result = apply_decision(noted, read_decision("一、增加注：“注：甲。”"))
    assert [r for _, r in result.failed] == ["原文已有注"]
    # A decision that changes only the 注 changes the text (it is no empty decision).
    result = apply_decision(noted, read_decision("一、删去注。"))
    assert result.failed == [] and not result.nothing_applied and result.draft.notes == []


def test_undo_puts_the_note_back() -> None:
    work = _with_notes(_text("local_ningbo_river_2019.md"), [*SIGN, *NOTE_A])
    amender = Amender(work)
    result = amender.apply(read_decision("一、将注修改为：“注：乙。”").instructions)
    assert result.failed == [] and work.notes == [*SIGN, "注：乙。"]
    amender.session.undo()
    assert work.notes == [*SIGN, *NOTE_A]


def test_command_line_drafts_applies_and_warns(tmp_path: Path) -> None:
    base = _text("local_ningbo_river_2019.md")
    old_path, new_path = tmp_path / "old.md", tmp_path / "new.md"
    # The 注 first: a 落款 printed right after the last article reads as its 款 (the parser's
    # way, issue 10), one after a 注 as notes.
    old_path.write_text(render_text(_with_notes(base, [*NOTE_A, *SIGN])), encoding="utf-8")
    new_path.write_text(
        render_text(_with_notes(_reworded(base), [*NOTE_B, SIGN[0], "2021年3月1日"])),
        encoding="utf-8",
    )
    old, new = read_file(old_path).draft, read_file(new_path).draft
    assert old.notes == [*NOTE_A, *SIGN] and new.notes[:2] == NOTE_B  # read as notes
    decision = tmp_path / "decision.txt"
    run = run_app(
        "compare", str(old_path), str(new_path), "--json", "--decision-text", str(decision)
    )
    assert run.returncode == 0, run.stderr
    assert "落款" in run.stderr
    data = json.loads(run.stdout)
    assert any("落款" in w for w in data["warnings"])
    change = data["notes_change"]
    assert change["part"] == "注记" and change["note_changed"] and change["signature_changed"]
    assert "将注修改为" in decision.read_text(encoding="utf-8")
    for suffix in (".md", ".docx"):
        out = tmp_path / f"amended{suffix}"
        run = run_app("amend", str(old_path), str(decision), "--out", str(out), "--json")
        assert run.returncode == 0, run.stderr
        assert json.loads(run.stdout)["failed"] == []
        back = read_file(out).draft
        assert back.notes == [*NOTE_B, *SIGN], suffix  # the 注 amended, the 落款 as it was
        assert words(back) == words(new), suffix


def test_quoted_words_naming_this_regulation_are_kept() -> None:
    """The words inside a quotation are the law's: 在本条例第三条 / 将本条例第五条 there are not
    the 修正案's law-name prefix (在刑法第X条中), which is dropped before the quotation only."""
    clause = "将注修改为：“注：在本条例第三条中所称河道，将本条例第五条所列情形除外。”"
    assert read_clause(clause)[0].texts == (clause[7:-1],)
    rewrite = read_clause("将第三条修改为：“违反本条例第五条规定的，将本条例第五条所列物品没收。”")
    assert rewrite[0].texts == ("违反本条例第五条规定的，将本条例第五条所列物品没收。",)
    named = read_clause("在刑法第一百六十五条中增加一款作为第二款，将该条修改为：“甲。”")
    assert named[0].places[0].article == "第一百六十五条"  # the prefix still goes
    base = _text("local_ningbo_river_2019.md")
    old = _with_notes(base, NOTE_A)
    new = _with_notes(base, [clause[7:-1]])
    first = new.articles()[1].children[0]
    first.text = "在本条例第三条规定的区域内，将本条例第五条所列物品没收。" + first.text
    got, text = trip(old, new)
    assert got.notes == new.notes and words(got) == words(new), text
