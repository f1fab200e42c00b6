"""Settings in the data folder; the exception hook logs and shows a Chinese box."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from ui.shell import settings
from ui.shell.errors import make_excepthook

pytestmark = pytest.mark.gui


def test_settings_live_in_the_data_folder(isolated_data_dir: Path) -> None:
    assert settings.settings_path() == isolated_data_dir / "settings.ini"


def test_recent_libraries_newest_first_at_most_eight(qapp, tmp_path: Path) -> None:
    for i in range(10):
        settings.add_recent_library(str(tmp_path / f"lib{i}.sqlite3"))
    settings.add_recent_library(str(tmp_path / "lib3.sqlite3"))
    recent = settings.recent_libraries()
    assert len(recent) == settings.MAX_RECENT
    assert recent[0].endswith("lib3.sqlite3") and recent[1].endswith("lib9.sqlite3")
    assert len(set(recent)) == len(recent)
    settings.remove_recent_library(recent[0])
    assert recent[0] not in settings.recent_libraries()


def test_excepthook_logs_the_traceback_and_shows_no_traceback(
    qapp, monkeypatch, isolated_data_dir: Path
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append(text))
    hook = make_excepthook()
    try:
        raise RuntimeError("boom inside a slot")
    except RuntimeError:
        hook(*sys.exc_info())
    log = (isolated_data_dir / "lifa.log").read_text(encoding="utf-8")
    assert "boom inside a slot" in log and "Traceback" in log
    assert len(shown) == 1
    assert "意外错误" in shown[0] and "lifa.log" in shown[0]
    assert "Traceback" not in shown[0]
