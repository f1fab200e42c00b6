"""Hostile regulation files at the import door: a clean one-line refusal, the library unchanged.

Each bomb is built small in tmp_path. The commands run in-process (tests/app_runner); the one
memory bound that matters most — the 2 KB list-numbering bomb that took 6 GB — is proved in a
subprocess under an address-space limit.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafting.amend.read import read_decision_file
from drafting.errors import ParseError
from drafting.read import limits
from drafting.read.docx_lines import docx_lines
from drafting.read.files import read_draft
from drafting.read.limits import InputRefused, PackageCaps, check_package
from drafting.read.textfile import read_text_file
from tests.app_runner import run_app
from tests.hostile_files import (
    akn,
    base_docx,
    document_xml,
    is_one_chinese_line,
    library_rows,
    lie_about_size,
    numbered_docx,
    paragraph,
    rewrite_zip,
)

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture()
def library(tmp_path: Path, corpus: Path) -> Path:
    """A library holding one real regulation."""
    db = tmp_path / "lib.sqlite3"
    proc = run_app("import", str(corpus / "local_rizhao_park_2021.md"), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    return db


def refused(db: Path, path: Path, *words: str) -> str:
    """Import ``path`` into ``db``: exit 1, one Chinese line naming ``words``, rows unchanged."""
    before = library_rows(db)
    proc = run_app("import", str(path), "--db", str(db))
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    assert is_one_chinese_line(proc.stderr), proc.stderr
    assert proc.stderr.startswith("错误：")
    for word in words:
        assert word in proc.stderr, proc.stderr
    assert library_rows(db) == before
    return proc.stderr


def test_list_number_bomb_is_refused(tmp_path: Path, library: Path) -> None:
    bomb = numbered_docx(tmp_path / "bomb.docx", "upperLetter", 100_000_000, items=200)
    assert bomb.stat().st_size < 4096  # the 2 KB file of the issue
    refused(library, bomb, "列表编号过大", "100000000")


def test_list_numbers_word_uses_still_read(tmp_path: Path) -> None:
    # Below the cap: 27 → AA as Word writes it; the cap is far above any real list.
    lines = docx_lines(numbered_docx(tmp_path / "ok.docx", "upperLetter", 27))
    assert lines[1].startswith("AA.")


def test_list_number_bomb_memory_is_bounded(tmp_path: Path) -> None:
    """Under a 1 GB address-space limit the bomb is refused by its cap (without the cap it
    exhausts the limit and ends in a generic failure after seconds; the issue saw 6 GB)."""
    bomb = numbered_docx(tmp_path / "bomb.docx", "upperLetter", 100_000_000, items=200)
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from drafting.read.files import read_draft\n"
        "from drafting.errors import ParseError\n"
        "try:\n"
        "    read_draft(sys.argv[1])\n"
        "except ParseError as exc:\n"
        "    print(exc)\n"
        "    sys.exit(3)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(bomb)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 3, proc.stderr[-2000:]
    assert "列表编号过大" in proc.stdout


def test_document_xml_bomb_is_refused_before_the_reader(tmp_path: Path, library: Path) -> None:
    # 65 MB of empty paragraphs and spaces (about 64 KB zipped): over the 64 MB part cap.
    start = document_xml("<w:p/>")
    head = start[: start.index(b"<w:p/>")]

    def parts() -> Iterator[bytes]:
        yield head
        for _ in range(65):
            yield b"<w:p/>" + b" " * (1 << 20)
        yield b"</w:body></w:document>"

    bomb = rewrite_zip(
        base_docx(tmp_path / "b.docx"), tmp_path / "bomb.docx", {"word/document.xml": parts()}
    )
    assert bomb.stat().st_size < 1 << 20
    refused(library, bomb, "document.xml", "过大")


def test_small_caps_bound_total_and_entries(tmp_path: Path) -> None:
    base = base_docx(tmp_path / "b.docx")
    with pytest.raises(InputRefused, match="解压后过大"):
        check_package(base, PackageCaps(kind="Word 文档", max_total=10_000))
    with pytest.raises(InputRefused, match="部件过多"):
        check_package(base, PackageCaps(kind="Word 文档", max_entries=3))


def test_entry_declaring_a_huge_size_is_refused_before_inflating(
    tmp_path: Path, library: Path
) -> None:
    liar = rewrite_zip(base_docx(tmp_path / "b.docx"), tmp_path / "liar.docx", {})
    lie_about_size(liar, "word/document.xml", 0xFFFF_FFF0)
    refused(library, liar, "过大")


def test_entry_hiding_its_real_size_is_refused(tmp_path: Path, library: Path) -> None:
    # 4 MB of real XML declared as 200 bytes: the capped stream, not the header, decides.
    body = paragraph("第一条　" + "很长的文字" * 300_000)
    liar = rewrite_zip(
        base_docx(tmp_path / "b.docx"),
        tmp_path / "liar.docx",
        {"word/document.xml": document_xml(body)},
    )
    lie_about_size(liar, "word/document.xml", 200)
    refused(library, liar, "document.xml", "不符")


def test_deep_nesting_in_a_docx_is_refused(tmp_path: Path, library: Path) -> None:
    body = (
        "<w:sdt><w:sdtContent>" * 2500
        + paragraph("第一条　正文。")
        + ("</w:sdtContent></w:sdt>" * 2500)
    )
    deep = rewrite_zip(
        base_docx(tmp_path / "b.docx"),
        tmp_path / "deep.docx",
        {"word/document.xml": document_xml(body)},
    )
    refused(library, deep, "嵌套过深")


@pytest.mark.parametrize(
    "prolog, body",
    [
        # An internal entity: the text after it used to be dropped silently.
        ('<!DOCTYPE w:document [<!ENTITY x "乙">]>', paragraph("第一条　甲&x;丙。")),
        # XXE: an external entity naming a local file.
        (
            '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
            paragraph("第一条　&x;"),
        ),
        # Billion laughs.
        (
            '<!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>',
            paragraph("第一条　&c;&c;&c;"),
        ),
    ],
)
def test_entities_in_a_docx_are_refused_not_dropped(
    tmp_path: Path, library: Path, prolog: str, body: str
) -> None:
    hostile = rewrite_zip(
        base_docx(tmp_path / "b.docx"),
        tmp_path / "entity.docx",
        {"word/document.xml": document_xml(body, prolog)},
    )
    refused(library, hostile, "DTD")


def test_undeclared_entity_is_refused(tmp_path: Path, library: Path) -> None:
    hostile = rewrite_zip(
        base_docx(tmp_path / "b.docx"),
        tmp_path / "entity.docx",
        {"word/document.xml": document_xml(paragraph("第一条　甲&x;丙。"))},
    )
    refused(library, hostile, "不是有效的 XML")


def test_malformed_xml_in_a_docx_is_refused(tmp_path: Path, library: Path) -> None:
    broken = rewrite_zip(
        base_docx(tmp_path / "b.docx"),
        tmp_path / "broken.docx",
        {"word/document.xml": document_xml(paragraph("第一条"))[:-20]},
    )
    refused(library, broken, "document.xml")


def test_more_articles_than_any_regulation_is_refused(tmp_path: Path, library: Path) -> None:
    text = tmp_path / "long.txt"
    text.write_text(
        "测试条例\n" + "".join(f"第{n}条　内容。\n" for n in range(1, limits.MAX_ARTICLES + 2)),
        encoding="utf-8",
    )
    refused(library, text, "条文数量过多", str(limits.MAX_ARTICLES + 1))


def test_article_number_past_chinese_numerals_is_refused(tmp_path: Path, library: Path) -> None:
    # 第100000条 has no Chinese numeral: the parser raised ValueError (a traceback) before.
    text = tmp_path / "far.txt"
    text.write_text("测试条例\n第一条　内容。\n第100000条　内容。\n", encoding="utf-8")
    refused(library, text, "条文编号超出范围", "100000")


def test_akn_nested_5000_deep_is_refused(tmp_path: Path, library: Path) -> None:
    deep = tmp_path / "deep.xml"
    deep.write_bytes(akn("<chapter>" * 5000 + "</chapter>" * 5000))
    refused(library, deep, "嵌套过深")


def test_akn_nested_below_libxml_limit_is_refused_without_recursion(tmp_path: Path) -> None:
    deep = tmp_path / "deep.xml"
    deep.write_bytes(akn("<chapter>" * 200 + "</chapter>" * 200))
    with pytest.raises(ParseError, match="嵌套过深"):
        read_draft(deep)


@pytest.mark.parametrize(
    "prolog, text",
    [
        ('<!DOCTYPE akomaNtoso [<!ENTITY x "乙">]>', "甲&x;丙"),
        ('<!DOCTYPE akomaNtoso [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;"),
    ],
)
def test_akn_entities_are_refused(tmp_path: Path, library: Path, prolog: str, text: str) -> None:
    hostile = tmp_path / "entity.xml"
    article = f'<article GUID="a1"><num>第一条</num><content><p>{text}</p></content></article>'
    hostile.write_bytes(akn(article, prolog))
    refused(library, hostile, "DTD")


def test_akn_duplicate_guids_are_refused(tmp_path: Path, library: Path) -> None:
    twice = tmp_path / "twice.xml"
    article = '<article GUID="same"><num>第{}条</num><content><p>内容。</p></content></article>'
    twice.write_bytes(akn(article.format("一") + article.format("二")))
    refused(library, twice, "重复的 GUID", "same")


def test_parse_command_refuses_with_the_reason(tmp_path: Path) -> None:
    bomb = numbered_docx(tmp_path / "bomb.docx", "upperLetter", 100_000_000, items=200)
    proc = run_app("parse", str(bomb), "--json")
    assert proc.returncode == 1 and is_one_chinese_line(proc.stderr), proc.stderr
    assert proc.stdout == ""


def test_real_docx_passes_the_door(tmp_path: Path) -> None:
    path = base_docx(tmp_path / "ok.docx", ["测试条例", "第一条　为了测试，制定本条例。"])
    check_package(path, limits.WORD)
    assert len(read_draft(path).draft.articles()) == 1


@pytest.mark.parametrize("kind", ["bomb", "broken", "big5"])
def test_amend_decision_file_door(tmp_path: Path, corpus: Path, kind: str) -> None:
    old = corpus / "local_rizhao_park_2021.md"
    out = tmp_path / "new.md"
    if kind == "bomb":
        decision = numbered_docx(tmp_path / "决定.docx", "upperLetter", 100_000_000, items=200)
    elif kind == "broken":
        decision = tmp_path / "决定.docx"
        decision.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    else:
        decision = tmp_path / "决定.txt"
        decision.write_bytes("將第一條修改為：“第一條　為了測試。”".encode("big5"))
    if kind == "big5":
        # The decision reader now reads through the text door: as written (it was decoded
        # as GB18030 into nonsense before).
        assert read_text_file(decision) == "將第一條修改為：“第一條　為了測試。”"
        read_decision_file(decision)
        return
    proc = run_app("amend", str(old), str(decision), "--out", str(out))
    assert proc.returncode == 1 and is_one_chinese_line(proc.stderr), proc.stderr
    assert not out.exists()
