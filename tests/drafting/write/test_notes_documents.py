"""The notes after the last article (落款, 注：…) in the 对照表 and the 修改稿 (issue 11).

- 对照表: a changed set of notes is one row (part 注记) after the last article and before the
  附件 rows, as the text prints them: old words struck through, new words marked, a 修改说明
  naming the 注's change (注文字修改：…, 新增注, 删除注) and a 落款's apart; the caller's 修改说明
  replaces it by its key (注记), and the options (同左, headings, all rows) leave it in place.
- 修改稿: the notes are tracked line by line like the 序言 (a changed line word by word, an
  added or removed line a whole paragraph with its own mark), signed by the drafter; Accept
  All gives the new text and Reject All the old one, notes included (pure Python on corpus
  texts and generated pairs; LibreOffice on one case).
"""

from __future__ import annotations

import random
import shutil
from functools import cache
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from drafting.compare.articles import compare_drafts
from drafting.compare.matter import NOTES
from drafting.model.matter import Appendix, Preamble
from drafting.model.units import Draft
from drafting.write.comparison_docx import comparison_table_docx
from drafting.write.comparison_rows import HeadingRow, matter_key, matter_note, table_rows
from drafting.write.tracked_docx import tracked_draft_docx
from tests.conftest import CORPUS
from tests.drafting.compare_helpers import read_draft
from tests.drafting.edit_scripts import ACTIONS, apply_script
from tests.drafting.write.oxml_revisions import (
    libreoffice_laid_out,
    libreoffice_profile,
    libreoffice_revised,
)
from tests.drafting.write.test_tracked_paragraphs import AUTHOR, DATE, _check

NOTE_A = ["注：本条例由某市人民代表大会常务委员会负责解释。"]
NOTE_B = [
    "注：1.本条例由某市人民政府负责解释。",
    "2.本条例所称公园，包括城市公园和郊野公园。",
]
SIGN = ["某市人民代表大会常务委员会", "2020年9月25日"]


@cache
def _text(name: str) -> Draft:
    return read_draft(CORPUS / name)


def _with(d: Draft, notes: list[str]) -> Draft:
    copy = d.clone()
    copy.notes = [*d.notes, *notes]
    return copy


def _reworded(d: Draft) -> Draft:
    new = d.clone()
    first = new.articles()[0].children[0]
    first.text = first.text + "依法"
    return new


def _rows(document: docx.document.Document) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in document.tables[0].rows[1:]]


# ---- 对照表 ------------------------------------------------------------------------------------


def _with_matter(d: Draft) -> Draft:
    copy = d.clone()
    copy.preamble = Preamble("", ["为了加强管理，制定本条例。"])
    copy.appendices = [Appendix("附件1", "名录", ["一、甲"])]
    return copy


def test_the_notes_row_stands_after_the_last_article_and_before_the_appendices() -> None:
    base = _with_matter(_text("local_ningbo_river_2019.md"))
    old = _with(base, [*NOTE_A, *SIGN])
    new = _reworded(_with(base, [*NOTE_B, SIGN[0], "2021年3月1日"]))
    new.preamble = Preamble("", ["为了加强河道管理，制定本条例。"])
    new.appendices[0].blocks = ["一、乙"]
    comparison = compare_drafts(old, new)
    rows = table_rows(comparison)
    parts = [getattr(r, "part", "条") for r in rows]
    assert parts == ["序言", "条", NOTES, "附件1"]
    note = matter_note(rows[2])  # type: ignore[arg-type]
    assert note.startswith("注文字修改：") and note.endswith("落款等注记修改（不属于条文）")
    table = _rows(comparison_table_docx(comparison))
    notes_row = table[2]
    assert notes_row[0] == "\n".join([*NOTE_A, *SIGN])
    assert notes_row[1] == "\n".join([*NOTE_B, SIGN[0], "2021年3月1日"])
    assert notes_row[2] == note
    assert table[3][0].startswith("附件1")
    # The deleted words struck through, the added ones bold and underlined.
    document = comparison_table_docx(comparison)
    cell = document.tables[0].rows[3].cells
    assert any(
        r.font.strike and "代表大会常务委员会" in r.text for p in cell[0].paragraphs for r in p.runs
    )
    assert any(r.bold and "政府" in r.text for p in cell[1].paragraphs for r in p.runs)


def test_the_notes_row_takes_the_drafters_note_and_the_options() -> None:
    base = _text("local_jinan_historic_city_2020.md")
    old, new = _with(base, NOTE_A), _reworded(_with(base, []))
    comparison = compare_drafts(old, new)
    change = next(r for r in table_rows(comparison) if getattr(r, "part", "") == NOTES)
    assert matter_key(change) == NOTES and matter_note(change) == "删除注"  # type: ignore[arg-type]
    table = _rows(comparison_table_docx(comparison, notes={NOTES: "删去解释机关的注"}))
    assert table[-1] == [NOTE_A[0], "", "删去解释机关的注"]
    full = comparison_table_docx(
        comparison,
        include_renumbered=True,
        include_unchanged=True,
        same_as_left=True,
        headings=True,
    )
    rows = table_rows(comparison, include_renumbered=True, include_unchanged=True, headings=True)
    assert any(isinstance(r, HeadingRow) for r in rows)
    assert getattr(rows[-1], "part", "") == NOTES  # still after the last article
    assert _rows(full)[-1][:2] == [NOTE_A[0], ""]
    # Added notes: 新增注; a 落款 alone: not the law's words.
    added = table_rows(compare_drafts(_with(base, SIGN), _with(base, [*SIGN, *NOTE_B])))
    assert [matter_note(r) for r in added] == ["新增注"]  # type: ignore[arg-type]
    signed = table_rows(compare_drafts(_with(base, SIGN), _with(base, [SIGN[0], "2021年3月1日"])))
    assert [matter_note(r) for r in signed] == ["落款等注记修改（不属于条文）"]  # type: ignore[arg-type]
    # Without matter rows there is none, and unchanged notes make no row.
    assert all(getattr(r, "part", "") != NOTES for r in table_rows(comparison, matter=False))
    assert all(
        getattr(r, "part", "") != NOTES for r in table_rows(compare_drafts(old, _reworded(old)))
    )


# ---- 修改稿 ------------------------------------------------------------------------------------

CASES = [
    ("added", [], NOTE_A),
    ("removed", NOTE_A, []),
    ("changed", NOTE_A, NOTE_B),
    ("a line added", NOTE_A, [*NOTE_A, *SIGN]),
    ("a line removed", [*NOTE_B, *SIGN], [NOTE_B[0], *SIGN]),
    ("落款 date", [*NOTE_A, *SIGN], [*NOTE_A, SIGN[0], "2021年3月1日"]),
]
TEXTS = [
    "local_ningbo_river_2019.md",  # no chapters
    "pair_lifafa_2015.md",  # chapters, 节 and a 目录
    "large_criminal_law_lawrefbook.md",  # an editor's footnote and appendices after the notes
]


@pytest.mark.parametrize("name", TEXTS)
@pytest.mark.parametrize(("case", "before", "after"), CASES)
def test_notes_accept_to_new_and_reject_to_old(
    name: str, case: str, before: list[str], after: list[str]
) -> None:
    base = _text(name)
    old, new = _with(base, before), _with(_reworded(base), after)
    paragraphs = _check(old, new)
    body = paragraphs[0].getparent()
    revisions = [el for el in body.iter(qn("w:ins"), qn("w:del"))]
    assert revisions and all(el.get(qn("w:author")) == AUTHOR for el in revisions)
    _check(new, old)


def _tracked_lines(old: Draft, new: Draft, kind: str) -> list[str]:
    document = tracked_draft_docx(compare_drafts(old, new), new, author=AUTHOR, date=DATE)
    return [
        "".join(t.text or "" for t in el.iter(qn("w:t"), qn("w:delText")))
        for el in document.element.body.iter(qn(f"w:{kind}"))
    ]


def test_a_changed_note_is_tracked_word_by_word_and_an_added_line_whole() -> None:
    base = _text("local_ningbo_river_2019.md")
    old, new = (
        _with(base, NOTE_A),
        _with(base, [NOTE_A[0].replace("代表大会常务委员会", "政府"), *SIGN]),
    )
    assert "代表大会常务委员会" in _tracked_lines(old, new, "del")
    inserted = _tracked_lines(old, new, "ins")
    assert "政府" in inserted and SIGN[1] in inserted


@pytest.mark.parametrize("seed", range(8))
def test_generated_pairs_with_notes_round_trip(seed: int) -> None:
    """Seeded article edits (delete, insert, move, split, merge, reword, renumber) together
    with notes added, changed or removed, on corpus texts."""
    rng = random.Random(seed)
    name = ["local_ningbo_river_2019.md", "local_jinan_historic_city_2020.md"][seed % 2]
    notes = [[], NOTE_A, NOTE_B, [*NOTE_A, *SIGN], SIGN]
    old = _with(_text(name), rng.choice(notes))
    script = [(rng.choice(ACTIONS), rng.random(), rng.random()) for _ in range(rng.randint(1, 5))]
    new = apply_script(old, script).new.clone()
    new.notes = list(_text(name).notes) + rng.choice([n for n in notes if n != old.notes])
    _check(old, new)
    _check(new, old)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_accepts_and_rejects_the_notes(tmp_path: Path) -> None:
    """One case through LibreOffice's own 接受全部 / 拒绝全部: a 注 changed and a 落款 added."""
    profile = libreoffice_profile(tmp_path)
    base = _text("local_ningbo_river_2019.md")
    old, new = _with(base, NOTE_A), _with(_reworded(base), [*NOTE_B, *SIGN])
    path = tmp_path / "注记.docx"
    tracked_draft_docx(compare_drafts(old, new), new, path, author=AUTHOR, date=DATE)
    for accept, shown in ((True, new), (False, old)):
        lines = libreoffice_revised(path, profile, accept=accept)
        while lines and lines[-1] == "":
            lines.pop()
        assert lines == libreoffice_laid_out(shown), accept
