"""Every case in ../shared/cases/parse as a test: `parse --json` (in process) gives the parse
its .expected.json names (the same checks as the cases' check.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import app

CASES = Path(__file__).resolve().parents[3].parent / "shared" / "cases" / "parse"


def _norm(text: str | None) -> str:
    return re.sub(r"[\s\u3000]+", "", text or "")


def _expected() -> list[Path]:
    return sorted(CASES.glob("*.expected.json")) if CASES.is_dir() else []


def _errors(exp: dict[str, Any], data: dict[str, Any]) -> list[str]:
    arts = data["articles"]
    text = {a["number"]: a["text"] for a in arts}
    alltext = _norm("\n".join(a["text"] for a in arts))
    errs: list[str] = []
    if "articles" in exp and len(arts) != exp["articles"]:
        errs.append(f"articles {len(arts)}")
    if "labels" in exp and [a["number"] for a in arts] != exp["labels"]:
        errs.append(f"labels {[a['number'] for a in arts]}")
    for key in ("parts", "chapters", "sections", "items"):
        if key in exp and data["counts"][key] != exp[key]:
            errs.append(f"{key} {data['counts'][key]}")
    for label, words in exp.get("exact_text", {}).items():
        if _norm(text.get(label)) != _norm(words):
            errs.append(f"{label} text {text.get(label)!r}")
    for label, parts in exp.get("must_contain", {}).items():
        errs += [f"{label} lacks {p}" for p in parts if _norm(p) not in _norm(text.get(label))]
    for label, parts in exp.get("must_not_contain", {}).items():
        errs += [f"{label} has {p}" for p in parts if _norm(p) in _norm(text.get(label))]
    errs += [
        f"lost {p}" for p in exp.get("must_contain_any_article", []) if _norm(p) not in alltext
    ]
    for label, chapter in exp.get("article_chapters", {}).items():
        got = next((a["chapter"] for a in arts if a["number"] == label), "MISSING")
        if got != chapter:
            errs.append(f"{label} in {got}")
    if "title" in exp and _norm(data["title"]) != _norm(exp["title"]):
        errs.append(f"title {data['title']}")
    if "title_note_contains" in exp and _norm(exp["title_note_contains"]) not in _norm(
        data["title_note"]
    ):
        errs.append("title note")
    outside = _norm(
        json.dumps({k: data[k] for k in ("preamble", "appendices", "tree")}, ensure_ascii=False)
    )
    key_of = {"appendix_kept": "appendices", "preamble_kept": "preamble"}
    for key, where in key_of.items():
        for p in exp.get(key, []):
            if _norm(p) in alltext or _norm(p) not in outside:
                errs.append(f"{key} {p}")
            if where == "preamble" and not any(_norm(p) in _norm(x) for x in data["preamble"]):
                errs.append(f"not in preamble: {p}")
    return errs


@pytest.mark.parametrize("expected", _expected(), ids=lambda p: p.name.split(".")[0])
def test_case(expected: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exp = json.loads(expected.read_text(encoding="utf-8"))
    assert app.main(["parse", str(CASES / exp["input"]), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert _errors(exp, data) == [], exp["what_goes_wrong"]


def test_the_cases_are_there() -> None:
    assert len(_expected()) >= 12


def test_parse_json_keeps_its_keys_and_adds_the_tree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "excerpt.md"
    src.write_text(
        "# 条例\n\n序言文字。\n\n## 第二章 管理\n\n第五条 下列：\n\n(一)甲；\n\n(二)乙。\n\n附件\n\n表\n\n| 甲 | 乙 |\n",
        encoding="utf-8",
    )
    assert app.main(["parse", str(src), "--json", "--revisions", "original"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"title", "stage", "title_note", "counts", "articles", "warnings"}
    assert data["articles"][0]["number"] == "第五条"
    assert data["articles"][0]["chapter"] == "第二章"
    assert data["preamble"] == ["序言文字。"]
    assert data["appendices"] == [
        {
            "label": "附件",
            "title": "表",
            "paragraphs": [],
            "tables": [[["甲", "乙"]]],
            "blocks": [{"table": [["甲", "乙"]]}],  # added: paragraphs and tables in order
        }
    ]
    preamble, chapter, appendix = data["tree"]
    assert preamble["kind"] == "preamble" and appendix["kind"] == "appendix"
    assert (chapter["kind"], chapter["label"], chapter["number"]) == ("chapter", "第二章", "第一章")
    article = chapter["children"][0]
    assert (article["label"], article["number"]) == ("第五条", "第一条")
    items = article["children"][0]["children"]
    assert [(i["label"], i["number"], i["text"]) for i in items] == [
        ("(一)", "（一）", "甲；"),
        ("(二)", "（二）", "乙。"),
    ]
    assert appendix["children"][0]["rows"] == [["甲", "乙"]]
    assert any("保留原文编号“第五条”" in w["message"] for w in data["warnings"])
