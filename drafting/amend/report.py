"""What ``amend`` reports of a decision it applied: the clauses that could not be applied (read
or applied), in the decision's order, each with its item number (一、二、…)."""

from __future__ import annotations

from typing import Any

from drafting.amend.apply import AmendResult
from drafting.amend.instructions import render
from drafting.amend.read import DecisionText


def failed_entries(decision: DecisionText, result: AmendResult) -> list[dict[str, Any]]:
    """``[{"instruction", "reason", "item"}]``: every clause the reader could not read and every
    instruction that could not be applied, in the order the decision gives them. ``item`` is
    the item's number as printed (五), "" when unknown (an instruction not from this
    decision)."""
    order = {id(ins): k for k, ins in enumerate(decision.instructions)}
    keyed: list[tuple[tuple[int, int, int], dict[str, Any]]] = []
    for k, (clause, reason) in enumerate(decision.unread):
        at = decision.unread_at[k] if k < len(decision.unread_at) else len(order)
        item = decision.unread_items[k] if k < len(decision.unread_items) else ""
        keyed.append(((at, 0, k), {"instruction": clause, "reason": reason, "item": item}))
    for k, (ins, reason) in enumerate(result.failed):
        at = order.get(id(ins), len(order))
        item = decision.item_numbers[at] if at < len(decision.item_numbers) else ""
        keyed.append(((at, 1, k), {"instruction": render(ins), "reason": reason, "item": item}))
    return [entry for _key, entry in sorted(keyed, key=lambda pair: pair[0])]
