"""read_draft: one way to read text, Markdown, .docx and Akoma Ntoso files."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.errors import ParseError
from drafting.exchange.akoma_ntoso import to_akn
from drafting.read.files import read_draft
from drafting.read.parse import parse_file
from drafting.write.plain_text import render_text
from drafting.write.text_docx import export_docx


@pytest.fixture
def rizhao(corpus: Path) -> Path:
    return corpus / "local_rizhao_park_2021.md"


def test_text_reads_as_the_parser_reads_it(rizhao: Path) -> None:
    result = read_draft(rizhao)
    expected = parse_file(rizhao)
    assert render_text(result.draft) == render_text(expected.draft)
    assert result.source_labels == expected.source_labels


@pytest.mark.parametrize("suffix", [".akn", ".xml", ".AKN"])
def test_akoma_ntoso_gives_the_draft_stage_and_labels(
    rizhao: Path, tmp_path: Path, suffix: str
) -> None:
    draft = parse_file(rizhao).draft
    path = tmp_path / f"日照{suffix}"
    path.write_bytes(to_akn(draft, stage_label="（征求意见稿）"))
    result = read_draft(path)
    assert render_text(result.draft) == render_text(draft)
    assert result.stage == "征求意见稿"
    assert len(result.source_labels) == 32
    assert result.source_labels[:2] == ["第一条", "第二条"]
    assert result.warnings == []


def test_docx_round_trip(rizhao: Path, tmp_path: Path) -> None:
    draft = parse_file(rizhao).draft
    path = tmp_path / "日照.docx"
    export_docx(draft, path, stage_label="征求意见稿")
    result = read_draft(path)
    assert result.draft.counts().articles == 32
    assert result.stage == "征求意见稿"


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("其他.xml", b"<?xml version='1.0'?><root/>", "Akoma Ntoso"),
        ("坏.akn", b"<akomaNtoso", "XML"),
        ("空.akn", b"", "空"),
        ("空白.xml", b"  \n", "空"),
    ],
)
def test_bad_xml_raises_a_chinese_one_line_error(
    tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ParseError) as info:
        read_draft(path)
    assert words in str(info.value) and "\n" not in str(info.value)


def test_missing_akn_file(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="文件不存在"):
        read_draft(tmp_path / "没有.akn")
