"""How a sheet's columns are named to the comment importer: field → header, or a column letter.

The import dialog lets the drafter pick a column for each field; ``mapping_for`` turns the picks
into the importer's mapping (``consultation.importing.recognise_columns`` reads a header as
written, or a letter such as B when the header is empty or repeated).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

#: The fields the dialog maps, in order, with their Chinese names; content is required.
MAPPED_FIELDS: tuple[tuple[str, str], ...] = (
    ("content", "意见内容"),
    ("target", "条款"),
    ("name", "提出者"),
    ("organisation", "单位"),
    ("source", "来源"),
    ("channel", "渠道"),
    ("date", "日期"),
    ("contact", "联系方式"),
)


def column_letter(position: int) -> str:
    """A, B … Z, AA … for a column position counted from 0."""
    letters = ""
    n = position + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def mapping_for(headers: Sequence[str], columns: Mapping[str, int]) -> dict[str, str]:
    """The importer's mapping (field → header as written, or a column letter when the header
    is empty or repeated)."""
    counts: dict[str, int] = {}
    for h in headers:
        counts[h.strip()] = counts.get(h.strip(), 0) + 1
    mapping: dict[str, str] = {}
    for key, position in columns.items():
        header = headers[position].strip() if position < len(headers) else ""
        mapping[key] = header if header and counts[header] == 1 else column_letter(position)
    return mapping
