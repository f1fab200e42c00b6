"""G13 (second fresh tester, issue 11): the 修改稿 adds no 目录 that neither source printed."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from tests.app_runner import run_app
from tests.conftest import CORPUS


def _lines(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def _reworded(source: Path, tmp_path: Path) -> Path:
    new = tmp_path / f"new_{source.name}"
    text = source.read_text(encoding="utf-8")
    new.write_text(text.replace("第二条", "第二条　（改）", 1).replace("　（改）", "", 1)
                   .replace("本条例", "本办法", 1), encoding="utf-8")  # fmt: skip
    return new


def test_no_toc_in_the_tracked_draft_when_neither_text_printed_one(tmp_path: Path) -> None:
    """济南 (chapters, no 目录 printed) → one word changed: the 修改稿 has no 目录 line, so
    Accept/Reject All give the texts as printed; a source that printed one (立法法 with its
    目录) keeps it."""
    old = CORPUS / "local_jinan_historic_city_2020.md"
    out = tmp_path / "jinan.docx"
    run = run_app("compare", str(old), str(_reworded(old, tmp_path)), "--tracked-docx", str(out))
    assert run.returncode == 0, run.stderr
    assert "目录" not in [line.replace("\u3000", "").strip() for line in _lines(out)]
    printed = CORPUS / "lifafa_2023_toc_links.md"
    out2 = tmp_path / "lifa.docx"
    run = run_app(
        "compare", str(printed), str(_reworded(printed, tmp_path)), "--tracked-docx", str(out2)
    )
    assert run.returncode == 0, run.stderr
    assert "目录" in [line.replace("\u3000", "").strip() for line in _lines(out2)]


def test_appendix_note_is_line_by_line() -> None:
    """G13: a 附件 table with a cell changed and a row added: the 说明 names the cell change
    and the new row apart (not “0.2”改为“0.4专类公园　具有…”)."""
    from drafting.compare.matter import MatterChange
    from drafting.write.comparison_rows import matter_note

    head = "附件：\n日照市公园分类表\n类别\u3000说明\u3000最小面积（公顷）\n综合公园\u3000内容丰富\u300010"
    old = head + "\n游园\u3000用地独立，规模较小\u30000.2"
    new = (
        head + "\n游园\u3000用地独立，规模较小\u30000.4\n专类公园\u3000具有特定内容或者形式\u30002"
    )
    change = MatterChange("附件：", "modified", old, new)
    assert matter_note(change) == "附件：文字修改：“0.2”改为“0.4”；增加一行"
