"""Appendices and notes in the 修改决定 and in ``amend``: 将附件1中的“A”修改为“B”, 将附件1修改为：
(a schedule rewritten whole when a row changes), 增加一个附件，作为附件2：, 删去附件3; the notes after
the last article: the 注 is amended like the words (将注修改为), a 落款 is kept as the old text had it.
The round trip amend(old, decision(old → new)) == new holds with the appendices, on hand-made
texts with tables and on generated appendix edits of the corpus text that has appendices.
(The 注 after the last article is drafted and applied since issue 11: tests/drafting/amend/
test_amend_notes.py.)"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from drafting.amend.apply import apply_decision
from drafting.amend.instructions import APPENDIX, APPENDIX_WORDS, appendix_name
from drafting.amend.read import read_decision
from drafting.compare.articles import compare_drafts
from drafting.compare.decision import amendment_decision, appendix_items
from drafting.compare.matter import compare_notes
from drafting.model.matter import Appendix, Cell, Table, appendix_from_lines, appendix_lines
from drafting.model.units import Draft
from drafting.read.files import read_draft as read_file
from tests.app_runner import run_app
from tests.conftest import CORPUS
from tests.drafting.amend.test_amend import words
from tests.drafting.compare_helpers import read_draft

TEXT = """# 某市测试条例

第一条　为了测试，制定本条例。

第二条　税目税额依照本条例所附《税目税额表》执行。

第三条　本条例自2025年1月1日起施行。

注：本条例由某市人大常委会负责解释。

附件1

税目税额表

本表适用于全市行政区域内开采应税资源的单位和个人，税额由市人民政府在规定幅度内确定。

| 税目 | 征税对象 | 税额 |
| 原油 | 原矿 | 6% |
| 天然气 | 原矿 | 6% |

附件2

征收目录

| 类别 | 名称 |
| 矿产 | 煤炭 |
"""


def appendices(d: Draft) -> list[tuple[str, str, list[object]]]:
    """The appendices word for word: label (附件 when none printed), title, blocks."""
    return [
        (
            appendix_name(a.label),
            a.title,
            [b if isinstance(b, str) else b.texts() for b in a.blocks],
        )
        for a in d.appendices
    ]


@pytest.fixture
def old(tmp_path: Path) -> Draft:
    path = tmp_path / "old.md"
    path.write_text(TEXT, encoding="utf-8")
    d = read_file(path).draft
    assert len(d.appendices) == 2 and d.appendices[0].tables  # the sample reads as meant
    assert d.notes == ["注：本条例由某市人大常委会负责解释。"]
    return d


def trip(old: Draft, new: Draft) -> tuple[Draft, str]:
    """amend(old, decision(old → new)): everything read and applied."""
    text = amendment_decision(compare_drafts(old, new))
    read = read_decision(text)
    assert read.unread == [], (read.unread, text)
    result = apply_decision(old, read)
    assert result.failed == [], ([(i.action, r) for i, r in result.failed], text)
    return result.draft, text


def check(old: Draft, new: Draft) -> str:
    got, text = trip(old, new)
    assert appendices(got) == appendices(new), text
    assert words(got) == words(new), text
    assert got.notes == new.notes
    return text


def _cells(d: Draft, k: int = 0) -> Table:
    table = d.appendices[k].tables[0]
    return table


def test_appendix_lines_read_back() -> None:
    a = Appendix("附件1", "表", ["说明。", Table.of([["a", "b"], ["c", "d"]]), "注。"])
    assert appendix_from_lines("附件1", appendix_lines(a)) == a


def test_a_few_changed_words_are_quoted(old: Draft) -> None:
    new = old.clone()
    _cells(new).rows[1][0].text = "原油（含凝析油）"
    para = new.appendices[0].blocks[0]
    assert isinstance(para, str)
    new.appendices[0].blocks[0] = para.replace("市人民政府", "市人民政府会同税务机关")
    text = check(old, new)
    assert "在附件1中的“原油”后增加“（含凝析油）”" in text
    assert "将附件1中的“税额由市人民政府在规定幅度内确定”修改为" in text
    assert "将附件1修改为" not in text


def test_a_changed_row_rewrites_the_appendix_whole(old: Draft) -> None:
    new = old.clone()
    _cells(new).rows[1][2].text = "8%"  # 6% stands twice: no phrase can say it
    _cells(new).rows.append([Cell(t) for t in ("煤", "原矿", "2%")])
    text = check(old, new)
    assert "将附件1修改为：\n“税目税额表”" not in text  # one quotation, a line per row
    assert "将附件1修改为：“税目税额表\n“本表适用于" in text
    assert "“| 煤 | 原矿 | 2% |" in text


def test_added_deleted_and_renamed_appendices(old: Draft) -> None:
    added = old.clone()
    added.appendices.append(
        Appendix("附件3", "减免目录", ["一、农业用水。", Table.of([["项", "率"]])])
    )
    assert "增加一个附件，作为附件3：“减免目录" in check(old, added)
    deleted = old.clone()
    del deleted.appendices[1]
    assert "删去附件2。" in check(old, deleted)
    renamed = old.clone()
    renamed.appendices[1].label = "附表"
    renamed.appendices[1].title = "征收范围目录"
    assert "将附件2改为附表，修改为：" in check(old, renamed)


def test_reading_the_forms_and_failing_with_reasons(old: Draft) -> None:
    read = read_decision(
        "对《某市测试条例》作如下修改：\n"
        "一、将附件1中的“原油”修改为“石油”。\n"
        "二、删去附件2。\n"
        "三、增加一个附表，作为附表：“减免目录\n“| 项 | 率 |”\n"
        "四、将附件5修改为：“新表”\n"
        "五、将附件1中的“黄金”修改为“白银”。\n"
    )
    assert read.unread == []
    actions = [(i.action, i.anchor) for i in read.instructions]
    assert actions[:2] == [(APPENDIX_WORDS, "附件1"), (APPENDIX, "附件2")]
    result = apply_decision(old, read)
    reasons = [r for _, r in result.failed]
    assert reasons == ["原文没有附件5", "附件1中没有“黄金”"]
    assert [appendix_name(a.label) for a in result.draft.appendices] == ["附件1", "附表"]
    assert result.draft.appendices[0].tables[0].rows[1][0].text == "石油"
    assert result.draft.appendices[1].tables[0].texts() == [["项", "率"]]
    assert len(old.appendices) == 2  # the old text is untouched


def test_a_changed_note_is_compared_drafted_and_applied(old: Draft) -> None:
    """Before issue 11's notes step the decision left the 注 out and amend kept the old one;
    a 注 the regulation carries is its words, so it is now an item and the round trip holds."""
    new = old.clone()
    new.notes = ["注：本条例由某市人民政府负责解释。"]
    change = compare_notes(old, new)
    assert change is not None and change.status == "modified" and change.part == "注记"
    assert compare_notes(old, old.clone()) is None
    assert appendix_items(old.appendices, new.appendices) == []
    text = amendment_decision(compare_drafts(old, new))
    assert "一、将注修改为：“注：本条例由某市人民政府负责解释。”" in text
    got, _ = trip(old, _with_article_change(new))
    assert got.notes == new.notes


def _with_article_change(d: Draft) -> Draft:
    new = d.clone()
    new.articles()[0].children[0].text = "为了规范测试，制定本条例。"
    return new


def test_compare_json_notes_key_and_amend_docx_keeps_notes_and_appendices(
    tmp_path: Path,
) -> None:
    old_path, new_path = tmp_path / "old.md", tmp_path / "new.md"
    old_path.write_text(TEXT, encoding="utf-8")
    new_text = (
        TEXT.replace("为了测试", "为了规范测试")
        .replace("| 天然气 | 原矿 | 6% |", "| 天然气 | 原矿 | 6% |\n| 煤 | 原矿 | 2% |")
        .replace("人大常委会负责", "人民政府负责")
    )
    new_path.write_text(new_text, encoding="utf-8")
    run = run_app("compare", str(old_path), str(new_path), "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["notes_change"]["part"] == "注记" and data["notes_change"]["status"] == "modified"
    assert "matter" in data  # kept
    same = run_app("compare", str(old_path), str(old_path), "--json")
    assert json.loads(same.stdout)["notes_change"] is None
    decision = tmp_path / "decision.txt"
    run = run_app("compare", str(old_path), str(new_path), "--decision-text", str(decision))
    assert run.returncode == 0, run.stderr
    out = tmp_path / "amended.docx"
    run = run_app("amend", str(old_path), str(decision), "--out", str(out), "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["failed"] == []
    back = read_file(out).draft
    new = read_file(new_path).draft
    assert appendices(back) == appendices(new)
    assert back.notes == ["注：本条例由某市人民政府负责解释。"]  # the 注 as amended
    assert words(back) == words(new)
    md = tmp_path / "amended.md"
    assert run_app("amend", str(old_path), str(decision), "--out", str(md)).returncode == 0
    again = read_file(md).draft
    assert appendices(again) == appendices(new) and again.notes == back.notes


def _mutate(rng: random.Random, d: Draft) -> None:
    """One seeded edit of the appendices: a word changed, a paragraph added or deleted, an
    appendix added or deleted, a title changed."""
    kind = rng.choice(["word", "add_para", "del_para", "add", "delete", "title"])
    if kind == "add" or not d.appendices:
        n = len(d.appendices) + 1
        d.appendices.append(
            Appendix(f"附件{n}", f"新增目录{n}", [Table.of([["名称", "数额"], ["甲", "1"]])])
        )
        return
    a = d.appendices[rng.randrange(len(d.appendices))]
    paragraphs = [k for k, b in enumerate(a.blocks) if isinstance(b, str)]
    if kind == "delete":
        d.appendices.pop()
    elif kind == "title":
        a.title = (a.title or "目录") + "（修订）"
    elif kind == "add_para":
        a.blocks.insert(rng.randrange(len(a.blocks) + 1), "新增说明段落。")
    elif kind == "del_para" and paragraphs:
        del a.blocks[rng.choice(paragraphs)]
    elif paragraphs:
        k = rng.choice(paragraphs)
        text = a.blocks[k]
        assert isinstance(text, str)
        cut = rng.randrange(len(text) + 1)
        a.blocks[k] = text[:cut] + "有关部门" + text[cut:]


@pytest.mark.parametrize("seed", range(12))
def test_round_trip_on_generated_appendix_edits(seed: int, tmp_path: Path) -> None:
    """Seeded appendix edits on the corpus text with appendices (刑法: 附件一, 附件二) and on
    the hand-made one with tables, plus an article edit: the round trip holds."""
    rng = random.Random(seed)
    base = read_draft(CORPUS / "large_criminal_law_lawrefbook.md") if seed % 3 == 0 else None
    if base is None:
        path = tmp_path / "text.md"
        path.write_text(TEXT, encoding="utf-8")
        base = read_file(path).draft
    new = _with_article_change(base)
    for _ in range(rng.randint(1, 3)):
        _mutate(rng, new)
    check(base, new)


def test_undo_puts_the_appendices_back(old: Draft) -> None:
    """The appendix clauses are part of the one undoable operation; undo (and the redo it
    allows) gives the appendices back as they were, the notes untouched."""
    from drafting.amend.apply import Amender

    work = old.clone()
    before = repr(work.appendices)
    amender = Amender(work)
    text = "一、删去附件2。\n二、将附件1中的“原油”修改为“石油”。\n三、增加一个附件，作为附件2：“新表\n“| 甲 | 乙 |”"
    result = amender.apply(read_decision(text).instructions)
    assert result.failed == []
    assert [appendix_name(a.label) for a in work.appendices] == ["附件1", "附件2"]
    assert work.appendices[1].title == "新表"
    amender.session.undo()
    assert repr(work.appendices) == before
    assert work.notes == old.notes
