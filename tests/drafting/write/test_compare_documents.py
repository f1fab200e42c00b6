"""The 修改对照表, the tracked-changes 修改稿 and the 修改决定, written and read back."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn

from drafting.compare.articles import compare_drafts
from drafting.compare.decision import amendment_decision, quote
from drafting.model.numbering import article_body, compute_numbers
from drafting.model.units import Draft, Unit, UnitKind
from drafting.write.comparison_docx import comparison_table_docx, explanation, tracked_draft_docx
from drafting.write.oxml.revisions import (
    add_deleted_run,
    add_inserted_run,
    mark_paragraph,
    revised_paragraphs,
)
from tests.app_runner import run_app
from tests.drafting.compare_helpers import article, draft

A1 = "为了加强公园管理，保护公园资源，制定本条例。"
A2 = "本条例适用于本市行政区域内公园的规划、建设、保护和管理。"
A3 = "市园林绿化主管部门负责全市公园的监督管理工作。"
A4 = "公园管理机构应当建立健全安全管理制度，配备必要的安全设施。"
A5 = "违反本条例规定，损毁公园设施的，由园林绿化主管部门责令改正，处一千元以上五千元以下罚款。"
A6 = "本条例自2025年1月1日起施行。"


def sample() -> tuple[Draft, Draft]:
    """Old and new texts with one deletion, one addition, one rewording and renumbering."""
    old = draft(
        article(A1), article(A2), article(A3, A4), article(A5), article(A6), title="某市公园条例"
    )
    new = old.clone()
    arts = new.articles()
    new.units.remove(arts[1])  # 删去第二条
    arts[3].children[0].text = A5.replace("一千元以上五千元以下", "二千元以上一万元以下")
    new.units.insert(
        3, article("公园内禁止燃放烟花爆竹。", "节假日期间，公园管理机构应当加强巡查。")
    )
    return old, new


def document_lines(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def body_paragraphs(path: Path) -> list:  # type: ignore[type-arg]
    document = docx.Document(str(path))
    return [p._p for p in document.paragraphs]


# ---- tracked_changes helper -------------------------------------------------------------------


def test_inserted_and_deleted_runs_xml(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("处")
    add_deleted_run(paragraph, "一千", author="张起草", date="2026-01-02T03:04:05Z")
    add_inserted_run(paragraph, "二千", author="张起草", date="2026-01-02T03:04:05Z")
    paragraph.add_run("元罚款")
    path = tmp_path / "t.docx"
    document.save(str(path))
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert '<w:delText xml:space="preserve">一千</w:delText>' in xml
    p = docx.Document(str(path)).paragraphs[0]._p
    ins = p.findall(qn("w:ins"))
    dels = p.findall(qn("w:del"))
    assert len(ins) == 1 and len(dels) == 1
    assert ins[0].get(qn("w:author")) == "张起草"
    assert ins[0].get(qn("w:date")) == "2026-01-02T03:04:05Z"
    assert ins[0].get(qn("w:id")) != dels[0].get(qn("w:id"))
    assert ins[0].find(qn("w:r") + "/" + qn("w:t")).text == "二千"
    assert dels[0].find(qn("w:r") + "/" + qn("w:t")) is None
    assert revised_paragraphs([p], accept=True) == ["处二千元罚款"]
    assert revised_paragraphs([p], accept=False) == ["处一千元罚款"]


def test_paragraph_marks_join_on_accept_or_reject() -> None:
    document = docx.Document()
    first = document.add_paragraph("第一款")
    add_inserted_run(document.add_paragraph(), "新增的款", author="甲")
    mark_paragraph(first, "ins", author="甲")
    second = document.add_paragraph("删去的款")
    mark_paragraph(second, "del", author="甲")
    document.add_paragraph("末款")
    ps = [p._p for p in document.paragraphs]
    assert revised_paragraphs(ps, accept=True) == ["第一款", "新增的款", "删去的款末款"]
    assert revised_paragraphs(ps, accept=False) == ["第一款", "删去的款", "末款"]


# ---- the tracked 修改稿 -------------------------------------------------------------------------


def article_lines(d: Draft) -> list[str]:
    numbers = compute_numbers(d)
    lines: list[str] = []
    for a in d.articles():
        body = article_body(a).split("\n")
        lines.append(f"{numbers[a.uid].label}\u3000{body[0]}")
        lines.extend(body[1:])
    return lines


def test_tracked_draft_accepts_to_new_and_rejects_to_old(tmp_path: Path) -> None:
    old, new = sample()
    comparison = compare_drafts(old, new)
    path = tmp_path / "修改稿.docx"
    tracked_draft_docx(comparison, new, path, author="张起草")
    paragraphs = body_paragraphs(path)[1:]  # after the title
    accepted = [t for t in revised_paragraphs(paragraphs, accept=True) if t]
    rejected = [t for t in revised_paragraphs(paragraphs, accept=False) if t]
    assert accepted == article_lines(new)
    assert rejected == article_lines(old)
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    ids = [el.get(qn("w:id")) for p in paragraphs for el in p.iter(qn("w:ins"), qn("w:del"))]
    assert len(ids) == len(set(ids)) > 0
    assert 'w:author="张起草"' in xml and "立法工作台" not in xml


def test_tracked_draft_tracks_renumbering(tmp_path: Path) -> None:
    """A renumbered article's number is the old one deleted and the new one inserted."""
    old, new = sample()
    path = tmp_path / "修改稿.docx"
    tracked_draft_docx(compare_drafts(old, new), new, path, author="张起草")
    paragraphs = body_paragraphs(path)[1:]
    renumbered = next(p for p in paragraphs if "市园林绿化主管部门" in "".join(p.itertext()))
    deleted = [el.text for el in renumbered.iter(qn("w:delText"))]
    inserted = [t.text for ins in renumbered.iter(qn("w:ins")) for t in ins.iter(qn("w:t"))]
    assert deleted == ["第三条"] and inserted == ["第二条"]


def test_tracked_draft_author_defaults_to_the_login_name(tmp_path: Path) -> None:
    from drafting.write.oxml.revisions import default_author

    old, new = sample()
    path = tmp_path / "修改稿.docx"
    tracked_draft_docx(compare_drafts(old, new), new, path)
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert f'w:author="{default_author()}"' in xml and "立法工作台" not in xml


# ---- the 修改对照表 -------------------------------------------------------------------------------


def test_comparison_table(tmp_path: Path) -> None:
    old, new = sample()
    comparison = compare_drafts(old, new)
    path = tmp_path / "对照表.docx"
    comparison_table_docx(comparison, path)
    document = docx.Document(str(path))
    assert document.paragraphs[0].text == "《某市公园条例》修改对照表"
    section = document.sections[0]
    assert (section.page_width or 0) > (section.page_height or 0)  # landscape
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["原条文", "修改后条文", "修改说明"]
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert len(rows) == 3  # deleted, modified, added; renumbered rows left out
    assert rows[0][0].startswith("第二条\u3000本条例适用于") and rows[0][1] == ""
    assert rows[0][2] == "删除"
    modified = next(r for r in table.rows[1:] if "修改" in r.cells[2].text)
    assert (
        modified.cells[2].text
        == "条文序号调整（原第四条）；文字修改：“处一千元以上五千元以下罚款”改为“处二千元以上一万元以下罚款”"
    )
    struck = [r.text for p in modified.cells[0].paragraphs for r in p.runs if r.font.strike]
    marked = [
        r.text
        for p in modified.cells[1].paragraphs
        for r in p.runs
        if r.font.bold and r.font.underline
    ]
    assert struck == ["一千", "五千"] and marked == ["二千", "一万"]
    assert modified.cells[0].text.startswith("第四条") and modified.cells[1].text.startswith(
        "第三条"
    )
    assert "其他" in document.paragraphs[-1].text and "仅条文序号" in document.paragraphs[-1].text


def test_comparison_table_with_all_rows(tmp_path: Path) -> None:
    old, new = sample()
    comparison = compare_drafts(old, new)
    document = comparison_table_docx(comparison, include_renumbered=True, include_unchanged=True)
    rows = document.tables[0].rows[1:]
    assert len(rows) == len(comparison.pairs)
    notes = [r.cells[2].text for r in rows]
    assert notes == [
        "",
        "删除",
        "条文序号调整（原第三条）",
        "条文序号调整（原第四条）；文字修改：“处一千元以上五千元以下罚款”改为“处二千元以上一万元以下罚款”",
        "新增",
        "",
    ]
    assert not any("其他" in p.text for p in document.paragraphs)


def test_explanations() -> None:
    old = draft(article(A1), article(A2), article(A3))
    new = draft(article(A3), article(A1), article(A2))
    comparison = compare_drafts(old, new)
    assert explanation(comparison.pairs[0]) == "由第三条移至第一条"
    assert explanation(comparison.pairs[1]) == "条文序号由第一条调整为第二条"


# ---- the 修改决定 ---------------------------------------------------------------------------------


def test_amendment_decision_text() -> None:
    old, new = sample()
    text = amendment_decision(compare_drafts(old, new))
    assert text.splitlines() == [
        "对《某市公园条例》作如下修改：",
        "一、删去第二条。",
        "二、将第四条中的“一千元以上五千元以下”修改为“二千元以上一万元以下”。",
        "三、增加一条，作为第四条：“公园内禁止燃放烟花爆竹。",
        "“节假日期间，公园管理机构应当加强巡查。”",
        "本决定自\u3000\u3000年\u3000\u3000月\u3000\u3000日起施行。",
        "《某市公园条例》根据本决定作相应修改并对条文顺序作相应调整，重新公布。",
    ]


def test_amendment_decision_names_the_paragraph() -> None:
    old = draft(article(A1), article(A3, A4), article(A6), title="某市公园条例")
    new = old.clone()
    new.articles()[1].children[1].text = A4.replace("必要的", "符合标准的")
    new.articles()[0].children.append(Unit(UnitKind.PARAGRAPH, text="公园的保护应当坚持公益属性。"))
    text = amendment_decision(compare_drafts(old, new))
    assert "一、在第一条中增加一款，作为第二款：“公园的保护应当坚持公益属性。”" in text
    assert "二、将第二条第二款中的“必要”修改为“符合标准”。" in text
    assert "此外" not in text and "条文顺序" not in text
    deleted_paragraph = old.clone()
    deleted_paragraph.articles()[1].children.pop(0)
    assert "一、删去第二条第一款。" in amendment_decision(compare_drafts(old, deleted_paragraph))


def test_quote_paragraphs() -> None:
    assert quote("甲。\n乙。") == "“甲。\n“乙。”"


def test_article_replaced_at_its_place_reads_as_modified() -> None:
    old = draft(article(A1), article(A2), article(A3), title="某市公园条例")
    new = draft(
        article(A1),
        article("公园实行免费开放，但是特定区域除外。"),
        article(A3),
        title="某市公园条例",
    )
    c = compare_drafts(old, new)
    assert [p.status for p in c.pairs] == ["unchanged", "deleted", "added", "unchanged"]
    assert amendment_decision(c).splitlines() == [
        "对《某市公园条例》作如下修改：",
        "一、将第二条修改为：“公园实行免费开放，但是特定区域除外。”",
        "本决定自\u3000\u3000年\u3000\u3000月\u3000\u3000日起施行。",
        "《某市公园条例》根据本决定作相应修改，重新公布。",
    ]


def test_cli_compare_json_and_documents(tmp_path: Path, corpus: Path) -> None:
    import json

    out = tmp_path / "对照表.docx"
    tracked = tmp_path / "修改稿.docx"
    result = run_app(
        "compare",
        str(corpus / "pair_changjiang_sand_2001.md"),
        str(corpus / "pair_changjiang_sand_2023.md"),
        "--json",
        "--docx",
        str(out),
        "--tracked-docx",
        str(tracked),
        "--decision",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"old": "第十七条", "new": None, "status": "deleted"} in [
        {k: p[k] for k in ("old", "new", "status")} for p in data["pairs"]
    ]
    assert set(data["summary"]) == {
        "unchanged",
        "renumbered",
        "modified",
        "added",
        "deleted",
        "moved",
        "split",
        "merged",
    }
    assert sum(data["summary"].values()) == len(data["pairs"])
    assert data["decision"].startswith("对《长江河道采砂管理条例》作如下修改：")
    assert docx.Document(str(out)).tables[0].rows[0].cells[0].text == "原条文"
    assert docx.Document(str(tracked)).paragraphs[0].text == "长江河道采砂管理条例"


def test_cli_compare_unreadable_file(tmp_path: Path) -> None:
    bad = tmp_path / "空.txt"
    bad.write_text("", encoding="utf-8")
    result = run_app("compare", str(bad), str(tmp_path / "无.txt"), "--json")
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：")


FIRST = "建设单位应当按照规划要求建设公园配套设施，并在竣工后报园林绿化主管部门验收。"
SECOND = "公园配套设施未经验收或者验收不合格的，不得交付使用，建设单位应当限期整改。"


def test_split_merged_and_moved_in_documents_and_decision(tmp_path: Path) -> None:
    old = draft(
        article(A1),
        article(FIRST, SECOND),
        article(A3),
        article(A4),
        article(A6),
        title="某市公园条例",
    )
    new = draft(
        article(A1),
        article(FIRST),
        article(SECOND),
        article(A4),
        article(A3),
        article(A6),
        title="某市公园条例",
    )
    comparison = compare_drafts(old, new)
    assert [p.status for p in comparison.pairs] == [
        "unchanged",
        "split",
        "moved",
        "renumbered",
        "renumbered",
    ]
    assert explanation(comparison.pairs[1]) == "将第二条拆分为第二条、第三条"
    moved = comparison.pairs[2]
    assert (moved.old_label, moved.new_label) == ("第四条", "第四条")  # A4 kept its number
    assert explanation(moved) == "调整条文位置（第四条）"
    text = amendment_decision(comparison)
    assert "一、将第二条改为两条，作为第二条、第三条，修改为：" in text
    assert f"“第二条\u3000{FIRST}”\n“第三条\u3000{SECOND}”" in text
    assert "二、将第四条移至第二条后。" in text
    assert "根据本决定作相应修改并对条文顺序作相应调整，重新公布。" in text
    document = comparison_table_docx(comparison)
    split_row = document.tables[0].rows[1]
    assert [p.text for p in split_row.cells[1].paragraphs] == [
        f"第二条\u3000{FIRST}",
        f"第三条\u3000{SECOND}",
    ]
    path = tmp_path / "修改稿.docx"
    tracked_draft_docx(comparison, new, path)
    accepted = [t for t in revised_paragraphs(body_paragraphs(path)[1:], accept=True) if t]
    assert accepted == article_lines(new)

    merged_back = compare_drafts(new, old)
    assert merged_back.pairs[1].status == "merged"
    assert "将第二条、第三条合并为一条，作为第二条，修改为：" in amendment_decision(merged_back)


def test_empty_comparison() -> None:
    empty = compare_drafts(Draft(title="甲"), Draft(title="甲"))
    assert empty.pairs == [] and empty.totals_text() == "无修改"
    assert amendment_decision(empty) == "对《甲》作如下修改：\n"
    assert comparison_table_docx(empty).tables[0].rows[0].cells[0].text == "原条文"


def test_moved_to_the_top_and_reworded() -> None:
    old = draft(
        article(A1), article(A2), article(A3), article(A4), article(A6), title="某市公园条例"
    )
    new = draft(
        article(A4.replace("必要的", "符合标准的")),
        article(A1),
        article(A2),
        article(A3),
        article(A6),
        title="某市公园条例",
    )
    text = amendment_decision(compare_drafts(old, new))
    assert text.splitlines()[1] == (
        "一、将第四条移至第一条前，修改为：“公园管理机构应当建立健全安全管理制度，配备符合标准的安全设施。”"
    )


def test_cli_compare_formats_of_one_law(tmp_path: Path, corpus: Path) -> None:
    """Two printings of one law compare unchanged article by article.

    That compare imports no Qt is part of the one no-Qt test in tests/test_cli.py.
    """
    old = corpus / "format_ich_law_2011_lawrefbook.md"
    new = corpus / "format_ich_law_2011_flk.txt"
    result = run_app(
        "compare", str(old), str(new), "--json", "--docx", str(tmp_path / "t.docx"), "--decision"
    )
    assert result.returncode == 0, result.stderr
    assert '"unchanged": 45' in result.stdout
