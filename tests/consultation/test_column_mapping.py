"""The import dialog's picks → the importer's mapping, and the importer reads it back."""

from __future__ import annotations

from consultation.column_mapping import MAPPED_FIELDS, column_letter, mapping_for
from consultation.importing import FIELDS, recognise_columns


def test_column_letters() -> None:
    assert [column_letter(n) for n in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA",
    ]  # fmt: skip


def test_mapping_uses_letters_for_repeated_headers() -> None:
    assert mapping_for(["意见", "意见", ""], {"content": 1, "name": 2}) == {
        "content": "B",
        "name": "C",
    }


def test_the_importer_finds_the_columns_the_mapping_names() -> None:
    headers = ["编号", "意见", "意见", "", "所涉条款"]
    picks = {"content": 2, "name": 3, "target": 4}
    mapping = mapping_for(headers, picks)
    assert mapping == {"content": "C", "name": "D", "target": "所涉条款"}
    found = recognise_columns(list(headers), mapping)
    assert {key: found[key] for key in picks} == picks


def test_every_mapped_field_is_an_importer_field() -> None:
    assert {key for key, _name in MAPPED_FIELDS} <= set(FIELDS)
    assert MAPPED_FIELDS[0] == ("content", "意见内容")
