"""Which notes after the last article are the regulation's 注 (its words) and which are a 落款,
a date or an editor's mark (``drafting.model.notes``)."""

from __future__ import annotations

from drafting.model.notes import is_signature, text_note_lines, text_notes, with_text_notes

SIGNED = [
    "某市人民代表大会常务委员会",
    "2020年9月25日",
    "注：1.本条例由某市人民代表大会常务委员会负责解释。",
    "2.本条例所称公园，包括城市公园和郊野公园。",
    "① 刑法、历次刑法修正案的施行日期，分别依据各法律所规定的施行日期确定。",
]


def test_the_note_and_its_continuation_lines_are_the_text() -> None:
    assert text_note_lines(SIGNED) == [2, 3]
    assert text_notes(["注:本条例由市人民政府负责解释。"]) == ["注:本条例由市人民政府负责解释。"]
    assert text_notes(["附注：见附件。"]) == ["附注：见附件。"]
    assert text_notes(["注 1：甲。", "注 2：乙。"]) == ["注 1：甲。", "注 2：乙。"]


def test_signatures_dates_and_editor_marks_are_not() -> None:
    for line in ("某市人民代表大会常务委员会", "2020年9月25日", "二〇二〇年九月二十五日",
                 "① 编者注", "（本章根据2023年修正案修改）", "某市人民政府"):  # fmt: skip
        assert is_signature(line), line
        assert text_note_lines([line]) == []
    # A 注 ends at the first 落款 after it; a 注 later on starts again.
    assert text_note_lines(["注：甲。", "2020年1月1日", "注：乙。"]) == [0, 2]
    # Words that merely mention 注 are not one.
    assert text_note_lines(["注意：此为编者说明。", "注册登记办法另行制定"]) == []
    assert text_note_lines(["注释：编者所加。"]) == []  # an editor's annotation


def test_new_note_lines_take_the_old_ones_place() -> None:
    assert with_text_notes(SIGNED, ["注：新。"]) == [*SIGNED[:2], "注：新。", SIGNED[4]]
    assert with_text_notes(SIGNED, []) == [SIGNED[0], SIGNED[1], SIGNED[4]]
    # No 注 before: the new one goes after the other notes.
    assert with_text_notes(SIGNED[:2], ["注：新。"]) == [*SIGNED[:2], "注：新。"]
    assert with_text_notes([], []) == []
