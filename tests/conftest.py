"""Every test runs offscreen, with the data folder, settings and library in a temp folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the data folder (library, QSettings, log) at a fresh temp folder."""
    path = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("LIFA_DATA_DIR", str(path))
    return path


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The folder of real published regulation texts (../shared/corpus)."""
    if not CORPUS.is_dir():
        pytest.fail(f"corpus folder missing: {CORPUS}")
    return CORPUS
