"""Breaking the house layout into pages of 22 lines, the way Word and LibreOffice break the .docx.

Every line of the house style sits on the fixed pitch (``house_style.LINE_PITCH_TWIPS``) and
every space before or after a paragraph is a whole number of lines, so a page is 22 slots and
pagination is counting. The rules are those the .docx asks its readers for, as LibreOffice
applies them (measured on the 民法典): the space between two paragraphs is the larger of the
first's space after and the second's space before, and none at the top of a page; a paragraph
marked keep-with-next stays on the page of the next paragraph's first lines; widow and orphan
control never leaves one line of a paragraph alone at the foot or head of a page.

Qt-free; the printer (``ui/output/printing.py``) lays out the lines of each block with Qt and
places them with ``paginate``, so the PDF breaks where the .docx does.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Flow:
    """One paragraph to place: its number of lines and its shape in line pitches."""

    lines: int
    space_before: int = 0
    space_after: int = 0
    keep_with_next: bool = False
    widow_control: bool = True


@dataclass(frozen=True, slots=True)
class Placed:
    """Where lines ``first``…``first + count - 1`` of a paragraph go: page (0-based) and the
    slot (0-based line of the page) of the first of them."""

    page: int
    slot: int
    first: int
    count: int


def paginate(flows: list[Flow], slots: int) -> list[list[Placed]]:
    """For each flow, where its lines go (one ``Placed`` per page it is on; none for a flow
    of no lines). ``slots``: lines a page (22)."""
    if slots < 1:
        raise ValueError("a page holds at least one line")
    out: list[list[Placed]] = []
    page, slot = 0, 0
    after = 0  # space after the previous paragraph, owed before the next one
    for i, flow in enumerate(flows):
        gap = 0 if slot == 0 else max(after, flow.space_before)
        if slot and slot + gap >= slots:
            page, slot, gap = page + 1, 0, 0
        # Keep-with-next: this paragraph, the ones chained to it and the first lines of the
        # one after them must share a page; else start this one on a new page.
        need = _chain_need(flows, i, gap)
        if slot and need is not None and slot + need > slots and need <= slots:
            page, slot, gap = page + 1, 0, 0
        slot += gap
        placed: list[Placed] = []
        done = 0
        while done < flow.lines:
            left = flow.lines - done
            room = slots - slot
            take = min(left, room)
            if take < left and flow.widow_control and flow.lines > 1:
                if left - take < 2:
                    take = left - 2  # keep two lines for the next page (widow)
                if take < 2 and not (done == 0 and slot == 0):
                    take = 0  # not one line alone at the foot (orphan)
            if take <= 0:
                if slot == 0:  # a page cannot hold more: place what fits
                    take = min(left, slots)
                else:
                    page, slot = page + 1, 0
                    continue
            placed.append(Placed(page, slot, done, take))
            done += take
            slot += take
            if done < flow.lines:
                page, slot = page + 1, 0
        out.append(placed)
        after = flow.space_after
        if slot >= slots:
            page, slot, after = page + 1, 0, 0
    return out


def page_count(placements: list[list[Placed]]) -> int:
    """Pages used by ``paginate``'s result (at least one)."""
    last = [p.page for placed in placements for p in placed]
    return max(last) + 1 if last else 1


def _chain_need(flows: list[Flow], i: int, gap: int) -> int | None:
    """Slots from here to the first lines of the paragraph that ends a keep-with-next chain
    starting at ``i``; None when ``i`` is not kept with the next."""
    if not flows[i].keep_with_next:
        return None
    need = gap
    j = i
    while j < len(flows) and flows[j].keep_with_next:
        need += flows[j].lines
        if j + 1 < len(flows):
            need += max(flows[j].space_after, flows[j + 1].space_before)
        j += 1
    if j < len(flows):
        nxt = flows[j]
        need += min(nxt.lines, 2 if nxt.widow_control else 1)
    return need
