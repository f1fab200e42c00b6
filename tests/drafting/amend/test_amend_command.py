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
    assert result["failed"] == [{"instruction": "删去第五条", "reason": "原文没有第五条"}]
    assert len(result["applied"]) == 2
    assert words(out) == [
        "为了加强公园管理，制定本条例。",
        "本条例适用于本市的公园和广场。",
        "公园实行免费开放。",
        "本条例自2020年1月1日起施行。",
    ]
    assert app.main(["amend", str(old), str(decision), "--out", str(out), "--strict"]) == 1
    assert "未执行：删去第五条（原文没有第五条）" in capsys.readouterr().out
