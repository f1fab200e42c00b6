"""``amend DECISION --regulation ID [--version N]``: a 修改决定 applied to a version in the
library, stored as a new working draft of the same regulation (uids carried); and F22: the
修改稿 of ``compare --tracked-docx`` signed with the name the window saved (settings.ini
``[user] name``), checked through a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from drafting.model.numbering import article_body
from drafting.read.files import read_draft
from drafting.write.oxml.revisions import default_author
from storage.library import Library
from tests.app_runner import run_app
from tests.drafting.amend.test_amend import words

ROOT = Path(__file__).resolve().parent.parent
OLD = "pair_changjiang_sand_2001.md"
NEW = "pair_changjiang_sand_2023.md"


@pytest.fixture
def lib(tmp_path: Path, corpus: Path) -> Path:
    """A library holding the old 长江河道采砂管理条例 (regulation 1, version 1) and the
    杭州市公园管理条例 (regulation 2, version 2), imported by the command."""
    path = tmp_path / "lib.sqlite3"
    for name in (OLD, "local_hangzhou_park_2014.md"):
        assert run_app("--db", str(path), "import", str(corpus / name)).returncode == 0
    return path


@pytest.fixture
def decision(tmp_path: Path, corpus: Path) -> Path:
    path = tmp_path / "决定.txt"
    run = run_app("compare", str(corpus / OLD), str(corpus / NEW), "--decision-text", str(path))
    assert run.returncode == 0, run.stderr
    return path


def versions(lib: Path, regulation: int) -> list[int]:
    with Library.open(lib, create=False) as library:
        return sorted(v.id for v in library.regulation(regulation).versions)


def test_amend_into_the_library_makes_a_new_version_with_the_new_text_and_the_uids(
    lib: Path, decision: Path, corpus: Path
) -> None:
    run = run_app("--db", str(lib), "amend", str(decision), "--regulation", "1", "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["failed"] == [] and len(data["applied"]) >= 5
    assert data["regulation"] == 1 and data["base_version"] == 1
    new_id = data["version"]
    assert isinstance(new_id, int) and new_id not in (1, 2)
    assert versions(lib, 1) == [1, new_id] and versions(lib, 2) == [2]
    with Library.open(lib, create=False) as library:
        made = library.version(new_id)
        assert made.parent_id == 1 and not made.frozen and made.label == "工作稿"
        assert decision.name in made.note
        stored, base = library.load_draft(new_id), library.load_draft(1)
    assert words(stored) == words(read_draft(corpus / NEW).draft)
    uid_of = {article_body(a): a.uid for a in base.articles()}
    kept = [(uid_of[article_body(a)], a.uid) for a in stored.articles() if article_body(a) in uid_of]
    assert len(kept) >= 10 and all(old == new for old, new in kept)

    # The file form is unchanged: OLD DECISION --out NEW.
    out = lib.parent / "out.md"
    run = run_app("amend", str(corpus / OLD), str(decision), "--out", str(out), "--json")
    assert run.returncode == 0 and json.loads(run.stdout)["failed"] == []
    assert out.is_file()


def test_amend_into_the_library_with_version_and_failures(lib: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(
        "对《长江河道采砂管理条例》作如下修改：\n"
        "一、将第一条中的“长江”修改为“长江干流”。\n"
        "二、删去第九十九条。\n",
        encoding="utf-8",
    )
    args = ("--db", str(lib), "amend", str(bad), "--version", "1", "--json")
    run = run_app(*args, "--strict")
    assert run.returncode == 1  # --strict: an item failed (the version is stored, as --out writes)
    data = json.loads(run.stdout)
    assert len(data["applied"]) == 1
    assert [f["reason"] for f in data["failed"]] == ["原文没有第九十九条"]
    assert len(versions(lib, 1)) == 2

    # --version of another regulation: refused, nothing stored.
    run = run_app("--db", str(lib), "amend", str(bad), "--regulation", "1", "--version", "2")
    assert run.returncode == 1 and "稿次 2 不属于法规 1" in run.stderr
    # A decision for another regulation: refused unless --force.
    other = tmp_path / "other.txt"
    other.write_text(
        "对《长江河道采砂管理条例》作如下修改：\n一、将第一条修改为：“为了测试，制定本条例。”\n",
        encoding="utf-8",
    )
    run = run_app("--db", str(lib), "amend", str(other), "--regulation", "2")
    assert run.returncode == 1
    assert "《长江河道采砂管理条例》" in run.stderr and "《杭州市公园管理条例》" in run.stderr
    assert "--force" in run.stderr
    assert versions(lib, 2) == [2]
    run = run_app("--db", str(lib), "amend", str(other), "--regulation", "2", "--force")
    assert run.returncode == 0 and "警告：修改决定修改的是《长江河道采砂管理条例》" in run.stderr
    assert len(versions(lib, 2)) == 2
    # An unreadable decision: refused, nothing stored.
    broken = tmp_path / "决定.docx"
    broken.write_bytes(b"PK\x03\x04not a zip")
    run = run_app("--db", str(lib), "amend", str(broken), "--regulation", "1")
    assert run.returncode == 1 and "无法读取修改决定" in run.stderr
    assert len(versions(lib, 1)) == 2
    # Two files with --regulation, or no --out without it: the usage in Chinese.
    assert run_app("--db", str(lib), "amend", str(bad), str(bad), "--regulation", "1").returncode == 1
    run = run_app("amend", str(bad), str(bad))
    assert run.returncode == 1 and "--out" in run.stderr


def test_amend_help_names_both_forms() -> None:
    run = run_app("amend", "--help")
    assert "OLD DECISION --out NEW" in run.stdout
    assert "DECISION --regulation ID [--version N]" in run.stdout


def _authors(docx: Path) -> set[str]:
    import re

    xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    return set(re.findall(r'w:author="([^"]*)"', xml))


def test_tracked_docx_is_signed_with_the_saved_user_name_in_a_real_process(
    tmp_path: Path, corpus: Path
) -> None:
    """F22: the name the window saved (``ui.shell.settings.set_user_name``, QSettings) signs
    the revisions when --author is not given; --author still wins; no name → login name."""
    from ui.shell.settings import set_user_name, settings_path

    data = tmp_path / "data"
    data.mkdir()
    os.environ["LIFA_DATA_DIR"] = str(data)  # the autouse fixture restores it
    set_user_name("张三")
    assert settings_path().parent == data and settings_path().is_file()

    def compare(out: Path, *extra: str, data_dir: Path = data) -> None:
        env = {**os.environ, "LIFA_DATA_DIR": str(data_dir)}
        proc = subprocess.run(
            [sys.executable, str(ROOT / "app.py"), "compare", str(corpus / OLD),
             str(corpus / NEW), "--tracked-docx", str(out), *extra],
            env=env, cwd=ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr

    compare(tmp_path / "saved.docx")
    assert _authors(tmp_path / "saved.docx") == {"张三"}
    compare(tmp_path / "given.docx", "--author", "李四")
    assert _authors(tmp_path / "given.docx") == {"李四"}
    empty = tmp_path / "empty"
    empty.mkdir()
    compare(tmp_path / "login.docx", data_dir=empty)
    assert _authors(tmp_path / "login.docx") == {default_author()}


TWICE = (
    "对《杭州市公园管理条例》作如下修改：\n"
    "一、将第八条第二款中的“应报”修改为“应当报”。\n"
    "二、将第十三条第二款、第三款中的“应经”修改为“应当经”。\n"
    "三、在第十五条后增加一条，作为第十六条：“公园业主单位应当建立健全安全管理制度。”\n"
)


def test_a_decision_applied_twice_is_refused_without_force(lib: Path, tmp_path: Path) -> None:
    """G14: the second application finds items already made (原文似已按本条修改) and would add
    第十六条 again: refused (rc 1, nothing stored, JSON still printed) unless --force."""
    path = tmp_path / "决定.txt"
    path.write_text(TWICE, encoding="utf-8")
    first = run_app("--db", str(lib), "amend", str(path), "--regulation", "2", "--json")
    assert first.returncode == 0, first.stderr
    made = json.loads(first.stdout)
    assert made["looks_applied"] is False
    before = versions(lib, 2)
    again = ("--db", str(lib), "amend", str(path), "--regulation", "2")
    second = run_app(*again, "--version", str(made["version"]), "--json")
    assert second.returncode == 1
    data = json.loads(second.stdout)
    assert data["looks_applied"] is True and data["version"] is None
    assert data["warnings"][0].startswith("本决定似已执行过：3 项")  # 增加 too
    assert "--force" in second.stderr
    assert versions(lib, 2) == before
    forced = run_app(*again, "--version", str(made["version"]), "--force", "--json")
    assert forced.returncode == 0, forced.stderr
    assert len(versions(lib, 2)) == len(before) + 1


def test_amend_file_mode_warns_first_when_the_decision_looks_applied(
    tmp_path: Path, corpus: Path
) -> None:
    """G14 in file mode: the text is written (a file is not the library), the warning first."""
    path = tmp_path / "决定.txt"
    path.write_text(TWICE, encoding="utf-8")
    once, twice = tmp_path / "once.md", tmp_path / "twice.md"
    src = str(corpus / "local_hangzhou_park_2014.md")
    assert run_app("amend", src, str(path), "--out", str(once)).returncode == 0
    run = run_app("amend", str(once), str(path), "--out", str(twice), "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["looks_applied"] is True
    assert data["warnings"][0].startswith("本决定似已执行过")
    assert run.stderr.splitlines()[0].startswith("警告：本决定似已执行过")
