"""The 对照表 says what changed in each row (not a bare 修改), and lists the 序言 and every
附件 that changed, both ways (added and deleted), with their own 修改说明 the caller can
replace."""

from __future__ import annotations

import docx

from drafting.compare.articles import compare_drafts
from drafting.compare.matter import compare_matter
from drafting.edit.operations import new_unit
from drafting.model.matter import Appendix, Preamble, Table
from drafting.model.units import Draft, UnitKind
from drafting.write.comparison_docx import comparison_table_docx
from drafting.write.comparison_rows import diff_summary, matter_note, row_key, row_note, table_rows
from tests.drafting.compare_helpers import article, draft

A = "为了加强公园管理，保护公园资源，制定本条例。"
B = "本条例适用于本市行政区域内公园的规划、建设、保护和管理。"
C = "市园林绿化主管部门负责全市公园的监督管理工作。"
D = "违反本条例第三条规定的，由市园林绿化主管部门责令改正。"
E = "公园管理机构应当建立健全安全管理制度，配备必要的安全设施。"
F = "本条例自2025年1月1日起施行。"


def _notes(old: Draft, new: Draft) -> dict[str, str]:
    """Drafted note by the pair's first new number, and by its row key (第五条→)."""
    comparison = compare_drafts(old, new)
    notes = {row_key(p): row_note(p) for p in comparison.pairs}
    notes.update({p.new_label: row_note(p) for p in comparison.pairs if p.new_label})
    return notes


def test_each_kind_of_change_has_its_own_note() -> None:
    old = draft(*(article(t) for t in (A, B, C, D, E, F)), title="某市公园条例")
    new = old.clone()
    arts = new.articles()
    # 第一条 after a new 第一条: every later number moves; 第四条's citation follows.
    new.units.insert(0, new_unit(UnitKind.ARTICLE, "本市公园实行分级管理。"))
    arts[0].children[0].text = A.replace("，", ",")  # punctuation width only
    arts[2].children[0].text = C.replace("监督管理", "统一监督管理")
    arts[2].children.append(new_unit(UnitKind.PARAGRAPH, "区园林绿化主管部门负责本区公园管理。"))
    arts[3].children[0].text = D.replace("第三条", "第四条")  # follows its target
    new.units.remove(arts[4])  # 第五条 deleted
    notes = _notes(old, new)
    assert notes["第一条"] == "新增"
    assert notes["第二条"] == "条文序号调整（原第一条）；标点调整"
    assert notes["第三条"] == "条文序号调整（原第二条）"
    assert notes["第四条"] == (
        "条文序号调整（原第三条）；文字修改：“监督管理”改为“统一监督管理”；增加一款，作为第二款"
    )
    assert notes["第五条"] == "条文序号调整（原第四条）；援引条文序号调整"
    assert notes["第五条→"] == "删除"
    assert notes["第六条"] == ""  # 第六条 is 第六条 again: nothing to say


def test_moved_merged_and_split_articles_name_their_origin() -> None:
    old = draft(*(article(t) for t in (A, B, C, E, F)), title="某市公园条例")
    moved = old.clone()
    unit = moved.articles()[3]
    moved.units.remove(unit)
    moved.units.insert(0, unit)
    assert _notes(old, moved)["第一条"] == "由原第四条移来"
    merged = old.clone()
    first, second = merged.articles()[1:3]
    first.children.extend(second.children)
    merged.units.remove(second)
    assert _notes(old, merged)["第二条"] == "由原第二条、第三条合并"
    two = draft(article(A), article(B, C), article(F), title="某市公园条例")
    split = two.clone()
    art = split.articles()[1]
    tail = art.children.pop()
    split.units.insert(2, new_unit(UnitKind.ARTICLE, tail.text))
    assert _notes(two, split)["第二条"] == "由原第二条拆分为第二条、第三条"


def test_a_summary_quotes_and_counts() -> None:
    assert diff_summary([(0, "甲"), (-1, "一千"), (1, "二千"), (0, "元")]) == "“一千”改为“二千”"
    long = [(0, "甲"), (1, "这是一段很长很长的新增文字超过了十四个字")]
    assert diff_summary(long) == "增加“这是一段很长很长的新增文字超…”"
    many = [(1, "甲"), (0, "，"), (1, "乙"), (0, "，"), (-1, "丙"), (0, "。")]
    assert diff_summary(many) == "增加“甲”；增加“乙”等3处"
    # Nested quotes turn single; punctuation width alone is no wording change.
    assert diff_summary([(1, "“公园”")]) == "增加“‘公园’”"
    assert diff_summary([(-1, ":"), (1, "：")]) == ""


def _with_matter() -> Draft:
    d = draft(article(A), article(B), title="某市公园条例")
    d.preamble = Preamble("", ["为了加强管理，制定本条例。"])
    d.appendices = [Appendix("附件1", "名录", ["一、甲", Table.of([["名称"], ["乙"]])])]
    return d


def _table(old: Draft, new: Draft, **options: object) -> list[list[str]]:
    document = comparison_table_docx(compare_drafts(old, new), **options)  # type: ignore[arg-type]
    return [[c.text for c in r.cells] for r in document.tables[0].rows[1:]]


def test_preamble_and_appendix_rows_both_ways() -> None:
    old = _with_matter()
    new = old.clone()
    assert new.preamble is not None
    new.preamble.paragraphs[0] = "为了加强公园管理，根据有关法律，制定本条例。"
    new.appendices[0].blocks[1] = Table.of([["名称"], ["丙"]])
    new.appendices.append(Appendix("附件2", "收费标准", ["按年计收。"]))
    rows = _table(old, new)
    assert [r[2] for r in rows] == [
        "序言文字修改：“管理”改为“公园管理，根据有关法律”",
        "附件1文字修改：“乙”改为“丙”",
        "新增附件2",
    ]
    assert rows[0][0] == "为了加强管理，制定本条例。"
    assert rows[1][0].startswith("附件1") and "丙" in rows[1][1]
    assert rows[2][0] == "" and rows[2][1].startswith("附件2")
    back = _table(new, old)
    assert [r[2] for r in back][-1] == "删除附件2"
    assert back[-1][0].startswith("附件2") and back[-1][1] == ""
    # The caller's note replaces the drafted one; matter=False leaves the rows out.
    mine = _table(old, new, notes={"附件1": "调整名录"})
    assert mine[1][2] == "调整名录"
    assert _table(old, new, matter=False) == []


def test_punctuation_only_matter_is_listed_as_such() -> None:
    old = _with_matter()
    new = old.clone()
    assert new.preamble is not None
    new.preamble.paragraphs[0] = "为了加强管理,制定本条例。"
    assert compare_matter(old, new) == []  # the default (compare --json) stays as it was
    changes = compare_matter(old, new, punctuation=True)
    assert [(c.part, c.kind) for c in changes] == [("序言", "punctuation")]
    rows = table_rows(compare_drafts(old, new))
    assert rows == changes
    assert changes[0].to_json() == {
        "part": "序言",
        "status": "modified",
        "kind": "punctuation",
        "old": "为了加强管理，制定本条例。",
        "new": "为了加强管理,制定本条例。",
    }


def test_cli_json_gives_each_matter_change_its_kind(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.app_runner import run_app

    old = tmp_path / "旧.md"
    new = tmp_path / "新.md"
    text = "某市公园条例\n\n序言\n\n前言，\n\n第一条　甲。\n\n附件1\n\n税目表\n\n| 煤 | 2% |\n"
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace("2%", "3%"), encoding="utf-8")
    out = tmp_path / "对照表.docx"
    result = run_app("compare", str(old), str(new), "--json", "--docx", str(out))
    assert result.returncode == 0, result.stderr
    import json

    data = json.loads(result.stdout)
    assert data["matter"][0]["part"] == "附件1" and data["matter"][0]["kind"] == "wording"
    rows = [[c.text for c in r.cells] for r in docx.Document(str(out)).tables[0].rows[1:]]
    assert rows[-1][2] == "附件1文字修改：“2%”改为“3%”"


def test_a_paragraph_added_to_the_preamble_is_a_段_not_a_款() -> None:
    old = _with_matter()
    new = old.clone()
    new.preamble = Preamble(
        "序言", ["为了加强管理，制定本条例。", "本条例所称公园，是指城市公园。"]
    )
    (change,) = compare_matter(old, new)
    assert matter_note(change) == "序言文字修改：增加两段"
