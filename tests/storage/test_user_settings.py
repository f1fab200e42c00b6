"""The drafter's saved name read without Qt, as QSettings writes it (F22)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.user_settings import saved_user_name, signing_name


@pytest.mark.parametrize(
    "name",
    ["张三", "李 四", "王五, 法工委", " 前后空格 ", 'quote"d', "back\\slash", "@at", "a;b=c", "t\tab"],
)
def test_reads_what_qsettings_wrote(name: str, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    path = tmp_path / "settings.ini"
    store = QSettings(str(path), QSettings.Format.IniFormat)
    store.setValue("library/recent", ["/a.sqlite3", "/b.sqlite3"])
    store.setValue("user/name", name)
    store.sync()
    assert saved_user_name(path) == name.strip()


def test_no_file_or_no_name_gives_nothing_and_signing_falls_back(tmp_path: Path) -> None:
    assert saved_user_name(tmp_path / "missing.ini") == ""
    other = tmp_path / "settings.ini"
    other.write_text("[library]\nname=不是用户\n", encoding="utf-8")
    assert saved_user_name(other) == ""
    assert signing_name("  李四 ") == "李四"
    assert signing_name() != ""  # the login name (or 用户) when none is saved
