"""Golden files: the 修改对照表, the tracked-changes 修改稿 and the 征求意见汇总表 as written today.

Each document is made the way a user makes it — ``app.py compare`` and ``app.py comments summary``
(in-process) — from the small fixed texts and comment sheet in ``tests/golden/inputs``, then its
XML parts are compared with ``tests/golden/*.docx.xml`` (see ``docx_xml``). A change of the
writers, the house style or the comparison shows up here as a diff; ``UPDATE_GOLDEN=1`` rewrites
the files after a deliberate change.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.app_runner import run_app
from tests.golden.docx_xml import assert_matches_golden, docx_xml_text

INPUTS = Path(__file__).resolve().parent / "inputs"
OLD, NEW = INPUTS / "park_2020.txt", INPUTS / "park_2024.txt"


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The 对照表 and the 修改稿 of park_2020 → park_2024."""
    out = tmp_path_factory.mktemp("compare")
    table, tracked = out / "对照表.docx", out / "修改稿.docx"
    done = run_app(
        "compare", str(OLD), str(NEW), "--docx", str(table), "--tracked-docx", str(tracked),
        "--author", "起草人",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return table, tracked


def test_comparison_table(compared: tuple[Path, Path]) -> None:
    assert_matches_golden(compared[0], "comparison_table.docx.xml")


def test_tracked_draft(compared: tuple[Path, Path]) -> None:
    assert_matches_golden(compared[1], "tracked_draft.docx.xml")


def test_comment_summary(tmp_path: Path) -> None:
    db = str(tmp_path / "lib.sqlite3")
    done = run_app("import", str(NEW), "--db", db, "--json")
    assert done.returncode == 0, done.stderr
    reg = ["--db", db, "--regulation", str(json.loads(done.stdout)["regulation"])]
    steps = [
        ["comments", "import", *reg, str(INPUTS / "comments.csv")],
        ["comments", "decide", *reg, "--article", "第三条", "--disposition", "采纳",
         "--reason", "已在修改稿中写明", "--by", "法工委"],
        ["comments", "decide", *reg, "--article", "第五条", "--disposition", "未采纳",
         "--reason", "露营易损毁花草树木"],
    ]  # fmt: skip
    for argv in steps:
        done = run_app(*argv)
        assert done.returncode == 0, (argv, done.stderr)
    out = tmp_path / "汇总表.docx"
    done = run_app("comments", "summary", *reg, "--docx", str(out))
    assert done.returncode == 0, done.stderr
    assert_matches_golden(out, "comment_summary.docx.xml")


def test_normalising_takes_out_what_changes_between_runs(
    compared: tuple[Path, Path], tmp_path: Path
) -> None:
    """Revision dates, revision ids and rsids differ between two runs; the text does not."""
    table, tracked = compared
    again = tmp_path / "again.docx"
    done = run_app(
        "compare", str(OLD), str(NEW), "--tracked-docx", str(again), "--author", "起草人"
    )
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(tracked) as first, zipfile.ZipFile(again) as second:
        # The writer's revision counter runs on through the process: the raw XML differs.
        assert first.read("word/document.xml") != second.read("word/document.xml")
    assert docx_xml_text(again) == docx_xml_text(tracked)
    # The text a reader sees is in what is compared.
    assert "不得在公园内露营" in docx_xml_text(tracked)
    assert "原条文" in docx_xml_text(table)
