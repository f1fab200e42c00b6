"""The demo drafts a new library starts with (resources/demo.py), seeded into real SQLite files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from drafting.read.parse import parse_file
from drafting.write.plain_text import render_text
from resources.demo import DEMO_DRAFTS, demo_path, seed_demo
from storage.library import Library, VersionInfo
from tests.storage.test_library import sample_draft


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    with Library.open(tmp_path / "lib.sqlite3") as opened:
        yield opened


@pytest.mark.parametrize("demo", DEMO_DRAFTS, ids=lambda d: d.file)
def test_demo_text_is_canonical(demo: Any) -> None:
    result = parse_file(demo_path(demo))
    assert result.warnings == []
    assert render_text(result.draft) == demo_path(demo).read_text(encoding="utf-8")


def test_seed_demo_fills_an_empty_library_only(lib: Library) -> None:
    seeded = seed_demo(lib)
    assert [(v.title, v.label, v.stage) for v in seeded] == [
        ("江州市古城保护条例", "征求意见稿", "征求意见"),
        ("江州市公园条例", "草案", "一审"),
    ]
    assert all(isinstance(v, VersionInfo) and not v.frozen for v in seeded)
    assert seeded[0].articles >= 35 and seeded[1].articles >= 25
    assert seed_demo(lib) == []
    assert len(lib.regulations()) == 2


def test_seed_demo_leaves_a_used_library_alone(lib: Library) -> None:
    lib.import_draft(sample_draft())
    assert seed_demo(lib) == []
    assert len(lib.regulations()) == 1


def test_first_start_demo_has_history_comments_and_changes(tmp_path: Path) -> None:
    from drafting.compare.articles import compare_drafts
    from storage.comments import CommentStore

    with Library.open(tmp_path / "first.sqlite3") as library:
        working, park = seed_demo(library, history=True)
        regulation = library.regulation(working.regulation_id)
        assert [(v.label, v.frozen) for v in regulation.versions] == [
            ("工作稿", False),
            ("征求意见稿", True),
        ]
        sent = regulation.versions[1]
        assert working.parent_id == sent.id and park.label == "草案"
        comparison = compare_drafts(library.load_draft(sent.id), library.load_draft(working.id))
        assert comparison.summary["modified"] == 2
        comments = CommentStore(library).comments(working.regulation_id)
        assert len(comments) == 12
        assert any(c.disposition is not None for c in comments)
        assert any(c.cluster_id is not None for c in comments)
        assert seed_demo(library, history=True) == []
