"""A moved article next to a 章 boundary: the heading's deletion and re-addition is read as a
boundary shift (one 将第X条移至… per article passed over) only when none of those articles is
already moved by the decision — else the decision said 将第三十条移至第二条后 twice and a run
of moves for every article of the 章, and the amended text came out in the wrong order."""

from __future__ import annotations

import pytest

from drafting.compare.articles import compare_drafts
from drafting.compare.decision import amendment_decision
from drafting.model.units import new_uid
from tests.conftest import CORPUS
from tests.drafting.amend.test_amend import round_trip
from tests.drafting.compare_helpers import read_draft
from tests.drafting.edit_scripts import apply_script

HANGZHOU = "local_hangzhou_park_2014.md"
CASES = [
    ([("delete", 0.987, 0.882), ("renumber", 0.518, 0.843), ("move", 0.364, 0.406),
      ("split", 0.641, 0.138), ("delete", 0.077, 0.257), ("insert", 0.465, 0.964),
      ("move", 0.746, 0.037)], True),
    ([("move", 0.373, 0.381), ("move", 0.652, 0.5), ("move", 0.383, 0.52),
      ("move", 0.602, 0.044), ("move", 0.679, 0.089)], False),
    ([("move", 0.069, 0.503), ("move", 0.776, 0.136), ("insert", 0.955, 0.767),
      ("move", 0.602, 0.739), ("move", 0.827, 0.783), ("move", 0.144, 0.055),
      ("delete", 0.824, 0.28)], True),
]  # fmt: skip


@pytest.mark.parametrize(("script", "fresh"), CASES)
def test_no_article_is_moved_twice_and_the_round_trip_holds(
    script: list[tuple[str, float, float]], fresh: bool
) -> None:
    old = read_draft(CORPUS / HANGZHOU)
    new = apply_script(old, script).new
    if fresh:
        new = new.clone()
        for unit in new.walk():
            unit.uid = new_uid()
    text = amendment_decision(compare_drafts(old, new))
    moves = [line.split("、", 1)[1].split("移至")[0] for line in text.split("\n") if "移至" in line]
    assert len(moves) == len(set(moves)), text
    got, want, _ = round_trip(old, new)
    assert got == want, text
