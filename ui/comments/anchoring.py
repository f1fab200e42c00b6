"""Between the reading pane and comment targets: the rules are Qt-free in
``consultation.selection`` (the pane's ``HouseDocument`` is one ``LaidOutText``); re-exported
here for the window's wiring."""

from __future__ import annotations

from consultation.selection import quote_positions, selection_target, unit_pieces

__all__ = ["quote_positions", "selection_target", "unit_pieces"]
