"""The preamble and appendices are compared too: a changed table or 序言 is never silent."""

from __future__ import annotations

from drafting.compare.matter import compare_matter
from drafting.read.parse import parse_text

OLD = "法\n\n序言\n\n前言，\n\n第一条　甲。\n\n附件1\n\n税目表\n\n| 煤 | 2% |\n"


def test_changed_table_and_preamble_are_reported_punctuation_width_is_not() -> None:
    old = parse_text(OLD).draft
    same = parse_text(OLD.replace("前言，", "前言,")).draft
    assert compare_matter(old, same) == []
    new = parse_text(OLD.replace("2%", "3%") + "\n附件2\n\n说明\n\n新增说明。\n").draft
    changes = [(c.part, c.status) for c in compare_matter(old, new)]
    assert changes == [("附件1", "modified"), ("附件2", "added")]
    gone = parse_text(OLD.replace("序言\n\n前言，\n\n", "")).draft
    assert [(c.part, c.status) for c in compare_matter(old, gone)] == [("序言", "deleted")]
