"""The 题注 as the source printed it (tester A, issue 10): bare dated lines (LawRefBook), one
pair of parentheses around several lines, half-width ( ) — kept and written back as printed by
the text writer while the drafter has not changed the 题注; the house form (each line in （）)
otherwise. Stored with the version, so it survives save and reopen (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.read.parse import parse_text
from drafting.write.plain_text import render_text
from storage.library import Library

BODY = "\n\n第一条　为了测试，制定本条例。\n\n第二条　本条例自公布之日起施行。\n"

PRINTED = {
    "bare dated lines": "2001年1月1日某市人大常委会通过\n2010年2月2日某市人大常委会修正",
    "one pair over two lines": "（2001年1月1日某市人大常委会通过\n2010年2月2日某市人大常委会修正）",
    "half-width": "(2001年1月1日某市人大常委会通过)",
}


@pytest.mark.parametrize("name", sorted(PRINTED))
def test_the_title_note_is_written_back_as_printed(name: str) -> None:
    printed = PRINTED[name]
    draft = parse_text("某市测试条例\n\n" + printed + BODY).draft
    assert not draft.title_note.startswith(("（", "("))  # stored without its parentheses
    head = render_text(draft).split("\n\n")[0]
    assert head == "某市测试条例\n" + printed
    # Changed by the drafter: the house form from then on.
    draft.title_note = "2002年3月3日某市人大常委会通过"
    assert render_text(draft).split("\n\n")[0] == "某市测试条例\n（2002年3月3日某市人大常委会通过）"


def test_the_house_form_needs_nothing_kept() -> None:
    draft = parse_text("某市测试条例\n\n（2001年1月1日某市人大常委会通过）" + BODY).draft
    assert draft.title_note_printed is None
    assert render_text(draft).startswith("某市测试条例\n（2001年1月1日某市人大常委会通过）\n")


def test_the_printed_form_is_stored_with_the_version(db_url: str, tmp_path: Path) -> None:
    printed = PRINTED["bare dated lines"]
    draft = parse_text("某市测试条例\n\n" + printed + BODY).draft
    with Library.open(db_url, create=True) as library:
        version = library.import_draft(draft)
        loaded = library.load_draft(version.id)
    assert loaded.printed_title_note() == printed.split("\n")
    assert render_text(loaded).split("\n\n")[0] == "某市测试条例\n" + printed
