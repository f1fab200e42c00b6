"""Selected characters of a laid-out text → a comment target, and a quote back to characters.

``PlainLayout`` lays a draft out as the reading pane does — the title, each heading on its own
line, 第X条 before its first 款, each further 款 indented, each 项 after its label — in plain
Python, so the rules run without Qt (the pane's HouseDocument answers the same four questions).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from consultation.draft_index import DraftIndex
from consultation.model import Target
from consultation.selection import LaidOutText, quote_positions, selection_target, unit_pieces
from drafting.model.numbering import compute_numbers
from drafting.model.units import Draft, Unit, UnitKind
from tests.consultation.drafts import sample_draft

ITEM_LABELS = "一二三四五六七八九十"


@dataclass
class PlainLayout:
    """A draft as lines of text, with where each heading, article and 款/项 sits."""

    text: str = ""
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    text_starts: dict[str, int] = field(default_factory=dict)
    starts: list[int] = field(default_factory=list)  # where each line starts
    owners: list[tuple[str | None, str | None]] = field(default_factory=list)  # (uid, text uid)

    def line(self, words: str, uid: str | None, text_uid: str | None, label: str = "") -> int:
        """Add a line; returns where its words start."""
        if self.starts:
            self.text += "\n"
        self.starts.append(len(self.text))
        self.owners.append((uid, text_uid))
        self.text += label + words
        return len(self.text) - len(words)

    def _owner(self, position: int) -> tuple[str | None, str | None]:
        return self.owners[max(0, bisect_right(self.starts, position) - 1)]

    def uid_at(self, position: int) -> str | None:
        return self._owner(position)[0]

    def text_uid_at(self, position: int) -> str | None:
        return self._owner(position)[1]


def lay_out(draft: Draft) -> PlainLayout:
    numbers = compute_numbers(draft)
    out = PlainLayout()
    out.line(draft.title, None, None)

    def place(unit: Unit) -> None:
        if unit.kind is UnitKind.ARTICLE:
            begin = len(out.text) + 1
            for n, paragraph in enumerate(unit.children):
                label = numbers[unit.uid].label + "　" if n == 0 else "　　"
                out.text_starts[paragraph.uid] = out.line(
                    paragraph.text, unit.uid, paragraph.uid, label
                )
                for k, item in enumerate(paragraph.children):
                    label = f"（{ITEM_LABELS[k]}）"
                    out.text_starts[item.uid] = out.line(item.text, unit.uid, item.uid, label)
            out.spans[unit.uid] = (begin, len(out.text))
            return
        begin = len(out.text) + 1
        label = numbers[unit.uid].label + "　"
        out.text_starts[unit.uid] = out.line(unit.heading, unit.uid, unit.uid, label)
        out.spans[unit.uid] = (begin, len(out.text))
        for child in unit.children:
            place(child)

    for unit in draft.units:
        place(unit)
    return out


def _laid_out() -> tuple[PlainLayout, DraftIndex]:
    draft = sample_draft()
    return lay_out(draft), DraftIndex(draft)


def test_plain_layout_is_laid_out_text() -> None:
    layout: LaidOutText = lay_out(sample_draft())
    assert layout.uid_at(0) is None  # the title
    at = layout.text_starts["a12p2i2"]
    assert layout.uid_at(at) == "a12" and layout.text_uid_at(at) == "a12p2i2"


def test_words_in_an_item_target_the_item_and_come_back() -> None:
    layout, index = _laid_out()
    item = index.units["a12p2i2"]
    start = layout.text_starts[item.uid] + item.text.index("刻划")
    target = selection_target(layout, index, start + 2, start)  # selected backwards
    assert target == Target(item.uid, "刻划", item.text.index("刻划"))
    assert layout.text[start : start + 2] == "刻划"
    offset = target.offset or 0
    assert quote_positions(layout, index, item.uid, (offset, offset + 2)) == (start, start + 2)


def test_words_over_two_paragraphs_target_the_article() -> None:
    layout, index = _laid_out()
    first, second = index.units["a12p1"], index.units["a12p2"]
    start = layout.text_starts[first.uid] + first.text.index("符合")
    end = layout.text_starts[second.uid] + 2
    target = selection_target(layout, index, start, end)
    assert target is not None and target.uid == "a12"
    assert target.quote == "符合保护规划。\n" + second.text[:2]
    assert index.text("a12")[target.offset or 0 :].startswith(target.quote)
    # And back: the article's quoted span runs from the first paragraph into the second.
    offset = target.offset or 0
    span = quote_positions(layout, index, "a12", (offset, offset + len(target.quote)))
    assert span == (start, end)


def test_from_an_item_label_into_the_next_item() -> None:
    layout, index = _laid_out()
    item, following = index.units["a12p2i2"], index.units["a12p2i3"]
    label_start = layout.text_starts[item.uid] - len("（二）")
    target = selection_target(layout, index, label_start, layout.text_starts[following.uid] + 2)
    assert target is not None and target.uid == "a12"
    assert target.quote == item.text + "\n" + following.text[:2]


def test_a_cursor_targets_its_article_and_a_heading_its_heading() -> None:
    layout, index = _laid_out()
    inside = layout.text_starts["a5p1"] + 3
    assert selection_target(layout, index, inside, inside) == Target("a5")
    assert selection_target(layout, index, 0, 0) is None  # the title is no unit
    assert selection_target(layout, index, 1, 3) is None
    heading = layout.text_starts["ch2"]
    assert selection_target(layout, index, heading, heading + 2) == Target("ch2")


def test_a_selection_past_the_article_is_cut_at_its_end() -> None:
    layout, index = _laid_out()
    start = layout.text_starts["a5p1"]
    end = layout.text_starts["a6p1"] + 3  # into the next article
    target = selection_target(layout, index, start, end)
    assert target == Target("a5", index.text("a5"), 0)


def test_unit_pieces_index_the_joined_text() -> None:
    index = DraftIndex(sample_draft())
    pieces = unit_pieces(index.units["a12"])
    text = index.text("a12")
    for uid, offset, length in pieces:
        assert text[offset : offset + length] == index.units[uid].text
    assert [uid for uid, _o, _l in pieces][:3] == ["a12p1", "a12p2", "a12p2i1"]


def test_a_quote_of_an_unknown_unit_is_nowhere() -> None:
    layout, index = _laid_out()
    assert quote_positions(layout, index, "gone", (0, 2)) is None
    assert quote_positions(layout, index, "a5", (3, 3)) is None  # an empty span
