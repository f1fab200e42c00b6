"""A comparison that shows only punctuation width drafts no 修改决定 (issue 11, try11 F17)."""

from __future__ import annotations

from drafting.compare.articles import compare_drafts
from drafting.compare.decision import amendment_decision, drafts_nothing


def test_punctuation_only_texts_draft_no_decision(tmp_path, corpus) -> None:  # type: ignore[no-untyped-def]
    """F17: two printings of the 非物质文化遗产法 that differ only in punctuation width:
    no decision written, the reason on stderr and in the JSON, exit 1 (as for identical
    texts); the drafted text has no item and no closing sentence."""
    import json

    from drafting.compare.decision import ONLY_PUNCTUATION
    from drafting.read.parse import parse_file
    from tests.app_runner import run_app

    old = corpus / "format_ich_law_2011_lawrefbook.md"
    new = corpus / "format_ich_law_2011_flk.txt"
    out = tmp_path / "决定.txt"
    run = run_app("compare", str(old), str(new), "--json", "--decision-text", str(out))
    assert run.returncode == 1
    assert ONLY_PUNCTUATION in run.stderr
    assert json.loads(run.stdout)["warnings"] == [ONLY_PUNCTUATION]
    assert not out.exists()
    text = amendment_decision(compare_drafts(parse_file(old).draft, parse_file(new).draft))
    assert drafts_nothing(text), text  # (the closing sentence alone: amend applies it)
