"""The stage label under the title: the same words in the .docx, AKN and file names."""

from __future__ import annotations

from pathlib import Path

import docx

from drafting.exchange.akoma_ntoso import to_akn
from drafting.model.stages import printed_stage, stage_line, stage_words
from drafting.read.files import read_draft
from drafting.read.parse import parse_file
from drafting.write.text_docx import export_docx


def test_stage_line_removes_only_one_enclosing_pair() -> None:
    assert stage_line("征求意见稿") == "（征求意见稿）"
    assert stage_line("（征求意见稿）") == "（征求意见稿）"
    assert stage_line("(征求意见稿)") == "（征求意见稿）"
    assert stage_line(" （二审稿） ") == "（二审稿）"
    assert stage_line("草案（征求意见稿）") == "（草案（征求意见稿））"
    assert stage_line("（草案）（征求意见稿）") == "（（草案）（征求意见稿））"
    assert stage_line("（草案(征求意见稿)）") == "（草案(征求意见稿)）"
    assert stage_line("") == "" and stage_line("（）") == ""
    assert stage_words("（征求意见稿") == "（征求意见稿"


def test_printed_stage_prints_any_label_but_working_copies() -> None:
    assert printed_stage("征求意见稿", "") == "征求意见稿"  # as imports set it
    assert printed_stage("（征求意见稿）", "") == "征求意见稿"
    assert printed_stage("草案", "一审") == "草案"
    assert printed_stage("工作稿", "征求意见") == "征求意见稿"
    assert printed_stage("导入稿", "二审稿") == "二审稿"
    assert printed_stage("导入稿", "") == ""
    assert printed_stage("工作稿", "") == ""
    assert printed_stage("", "") == ""


def test_docx_and_akn_print_the_same_stage(corpus: Path, tmp_path: Path) -> None:
    draft = parse_file(corpus / "local_rizhao_park_2021.md").draft
    for label, printed in [
        ("草案（征求意见稿）", "（草案（征求意见稿））"),
        ("(征求意见稿)", "（征求意见稿）"),
    ]:
        path = tmp_path / "out.docx"
        export_docx(draft, path, stage_label=label)
        paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
        assert paragraphs[1] == printed
        akn = tmp_path / "out.akn"
        akn.write_bytes(to_akn(draft, stage_label=label))
        assert stage_line(read_draft(akn).stage) == printed
