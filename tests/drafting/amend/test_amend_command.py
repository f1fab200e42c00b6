"""The headless doors: ``compare OLD NEW --decision-text OUT.txt`` and
``amend OLD DECISION --out NEW [--json]`` (DECISION .txt or .docx; NEW .md or .docx)."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

import app
from drafting.amend.read import read_decision_file
from drafting.compare.articles import normalise
from drafting.model.numbering import article_body
from drafting.read.files import read_draft


def words(path: Path) -> list[str]:
    return [normalise(article_body(a)) for a in read_draft(path).draft.articles()]


def test_decision_text_then_amend_gives_the_new_text(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = corpus / "pair_changjiang_sand_2001.md", corpus / "pair_changjiang_sand_2023.md"
    decision = tmp_path / "决定.txt"
    args = ["compare", str(old), str(new), "--json", "--decision-text", str(decision)]
    assert app.main([*args, "--level", "local", "--effective", "2024年1月1日"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["decision_text"] == str(decision)
    assert {p["kind"] for p in data["pairs"]} <= {
        "none",
        "wording",
        "label",
        "citations",
        "punctuation",
    }
    text = decision.read_text(encoding="utf-8")
    assert text.startswith("对《长江河道采砂管理条例》作如下修改：\n一、")
    assert "本决定自2024年1月1日起施行。\n" in text

    out = tmp_path / "修改后.md"
    assert app.main(["amend", str(old), str(decision), "--out", str(out), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["failed"] == [] and len(result["applied"]) >= 5
    assert words(out) == words(new)


def test_amend_from_docx_to_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "原文.md"
    old.write_text(
        "# 某市公园条例\n\n第一条 为了加强公园管理，制定本条例。\n\n"
        "第二条 本条例适用于本市的公园。\n\n第三条 本条例自2020年1月1日起施行。\n",
        encoding="utf-8",
    )
    document = docx.Document()
    for line in [
        "某市人民代表大会常务委员会关于修改《某市公园条例》的决定",
        "对《某市公园条例》作如下修改：",
        "一、将第二条中的“公园”修改为“公园和广场”。",
        "二、删去第五条。",
        "三、增加一条，作为第三条：“公园实行免费开放。”",
        "本决定自公布之日起施行。",
    ]:
        document.add_paragraph(line)
    decision = tmp_path / "决定.docx"
    document.save(str(decision))
    assert len(read_decision_file(decision).instructions) == 3
    out = tmp_path / "修改后.docx"
    assert app.main(["amend", str(old), str(decision), "--out", str(out), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["failed"] == [
        {"instruction": "删去第五条", "reason": "原文没有第五条", "item": "二"}
    ]
    assert len(result["applied"]) == 2
    assert words(out) == [
        "为了加强公园管理，制定本条例。",
        "本条例适用于本市的公园和广场。",
        "公园实行免费开放。",
        "本条例自2020年1月1日起施行。",
    ]
    assert app.main(["amend", str(old), str(decision), "--out", str(out), "--strict"]) == 1
    assert "未执行：二、删去第五条（原文没有第五条）" in capsys.readouterr().out


# ---- the tester's faults 8 and 9 ---------------------------------------------------------------


def test_amend_keeps_the_table_of_contents_written_from_the_new_headings(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    decision = tmp_path / "决定.txt"
    decision.write_text(
        "一、将第一条中的“规范立法活动”修改为“规范立法工作”。\n二、将第三章章名修改为“国务院行政法规”。\n",
        encoding="utf-8",
    )
    out = tmp_path / "修改后.md"
    old = corpus / "lifafa_2023_flk.txt"
    assert app.main(["amend", str(old), str(decision), "--out", str(out), "--json"]) == 0
    capsys.readouterr()
    text = out.read_text(encoding="utf-8")
    toc, body = text.split("第一章\u3000总则", 1)[1].split("第一章\u3000总则", 1)
    assert "目\u3000\u3000录" in text.split("第一章")[0]
    assert "第三章\u3000国务院行政法规\n" in toc  # the 目录 follows the renamed chapter
    again = read_draft(out)
    assert any("目录" in w.message for w in again.warnings)
    assert len(again.draft.articles()) == 120
    assert again.draft.articles()[0].children[0].text.startswith("为了规范立法工作")


def test_amend_keeps_the_notes_after_the_last_article_and_the_appendices(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = corpus / "large_criminal_law_lawrefbook.md"
    decision = tmp_path / "决定.txt"
    decision.write_text("一、将第一条中的“为了惩罚犯罪”修改为“为了惩治犯罪”。\n", encoding="utf-8")
    out = tmp_path / "刑法.md"
    assert app.main(["amend", str(old), str(decision), "--out", str(out), "--json"]) == 0
    capsys.readouterr()
    before, after = read_draft(old), read_draft(out)
    assert after.notes == before.notes and after.notes
    assert [(a.label, a.paragraphs) for a in after.draft.appendices] == [
        (a.label, a.paragraphs) for a in before.draft.appendices
    ]
    text = out.read_text(encoding="utf-8")
    assert text.index(before.notes[0]) < text.index("\n附件一\n")


def test_an_empty_decision_warns_and_fails(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = corpus / "pair_changjiang_sand_2001.md"
    out = tmp_path / "修改后.md"
    empty = tmp_path / "空.txt"
    empty.write_text(
        "对《长江河道采砂管理条例》作如下修改：\n本决定自公布之日起施行。\n", encoding="utf-8"
    )
    assert app.main(["amend", str(old), str(empty), "--out", str(out)]) == 1
    assert "没有找到可执行的修改条款" in capsys.readouterr().err
    assert not out.exists()
    failing = tmp_path / "无效.txt"
    failing.write_text("一、删去第九十九条。\n", encoding="utf-8")
    assert app.main(["amend", str(old), str(failing), "--out", str(out), "--json"]) == 1
    captured = capsys.readouterr()
    assert "均未能执行" in captured.err
    assert json.loads(captured.out)["warnings"]
    noop = tmp_path / "无变化.txt"
    first = article_body(read_draft(old).draft.articles()[0])
    noop.write_text(f"一、将第一条修改为：“{first}”\n", encoding="utf-8")
    assert app.main(["amend", str(old), str(noop), "--out", str(out)]) == 1
    assert "与原文完全相同" in capsys.readouterr().err
