"""The whole text as plain data (for ``parse --json`` and scripts): every unit with its label
as printed and its positional number, the preamble, appendices and tables.

Shapes: a unit is ``{"kind", "label", "number", "heading", "text", "children"}``; ``label`` is
the label as shown (printed, where the unit keeps a lock), ``number`` the positional label
("" for an unnumbered unit or a 款). A table is ``{"kind": "table", "rows": [[cell, …], …],
"text": rows joined by U+3000 and newlines}``, and where cells are merged (a .docx's
w:gridSpan/w:vMerge, Akoma Ntoso colspan/rowspan) ``"merged": [{"row", "cell", "colspan",
"rowspan"}, …]``: row and cell index into ``rows`` (a merged cell appears once, at its
top-left; the grid places it covers hold no cell of their own).
"""

from __future__ import annotations

from typing import Any

from drafting.model.matter import Appendix, Table
from drafting.model.numbering import Number, compute_numbers
from drafting.model.units import Draft, Unit, UnitKind


def table_data(table: Table) -> dict[str, Any]:
    """A table as data: its rows of cell words and its text, one line a row."""
    rows = table.texts()
    data: dict[str, Any] = {
        "kind": "table",
        "rows": rows,
        "text": "\n".join("\u3000".join(row) for row in rows),
    }
    merged = [
        {"row": r, "cell": c, "colspan": cell.col_span, "rowspan": cell.row_span}
        for r, row in enumerate(table.rows)
        for c, cell in enumerate(row)
        if cell.col_span > 1 or cell.row_span > 1
    ]
    if merged:
        data["merged"] = merged
    return data


def appendix_data(appendix: Appendix) -> dict[str, Any]:
    """An appendix as data: label (附件1), title, paragraphs and tables (rows of cells), and
    ``blocks``: both in their order."""
    return {
        "label": appendix.label,
        "title": appendix.title,
        "paragraphs": appendix.paragraphs,
        "tables": [t.texts() for t in appendix.tables],
        # The same in reading order: {"paragraph": text} or {"table": rows of cells}.
        "blocks": [
            {"paragraph": b} if isinstance(b, str) else {"table": b.texts()}
            for b in appendix.blocks
        ],
    }


def draft_tree(draft: Draft, printed: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The whole text as a list of top nodes: preamble, units, appendices, in reading order.

    ``printed``: uid → the label as the source printed it, for units the reader numbered
    otherwise (an item or article that lost its label: "", a repaired typo: 第三十－条); each
    node's ``label`` is that, else the label shown; ``number`` is always positional.
    """
    locked = compute_numbers(draft)
    printed = printed or {}
    positional = compute_numbers(draft, locks=False)
    nodes: list[dict[str, Any]] = []
    if draft.preamble is not None:
        nodes.append(
            _node(
                "preamble",
                heading=draft.preamble.heading,
                children=[_node("paragraph", text=p) for p in draft.preamble.paragraphs],
            )
        )
    nodes.extend(_unit(u, locked, positional, printed) for u in draft.units)
    for appendix in draft.appendices:
        children = [
            _node("paragraph", text=b) if isinstance(b, str) else table_data(b)
            for b in appendix.blocks
        ]
        nodes.append(
            _node("appendix", label=appendix.label, heading=appendix.title, children=children)
        )
    return nodes


def _node(
    kind: str,
    *,
    label: str = "",
    number: str = "",
    heading: str = "",
    text: str = "",
    children: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "label": label,
        "number": number,
        "heading": heading,
        "text": text,
        "children": children or [],
    }


def _unit(
    unit: Unit,
    locked: dict[str, Number],
    positional: dict[str, Number],
    printed: dict[str, str],
) -> dict[str, Any]:
    shown = locked[unit.uid]
    position = positional[unit.uid]
    paragraph = unit.kind is UnitKind.PARAGRAPH
    children = [_unit(c, locked, positional, printed) for c in unit.children]
    if unit.table is not None:  # a 款's table follows its words
        children.insert(0, table_data(unit.table))
    return _node(
        unit.kind.value,
        label="" if paragraph else printed.get(unit.uid, shown.label),
        number="" if paragraph else position.positional_label,
        heading=unit.heading,
        text=unit.text,
        children=children,
    )
