"""A layout that wraps its widgets onto further rows when the panel is too narrow for one.

Side panels are narrow (a fifth of a 1280-px window, and may be dragged narrower): a row of
buttons or filters in a ``QHBoxLayout`` is then squeezed below its texts' widths and Qt cuts
the words ("撤销上次处理" shows as "上次"). A ``FlowLayout`` gives every widget its size hint and
starts a new row instead, so every word stays readable; the panel's minimum width is then the
widest single widget (``minimumSize``).
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QComboBox, QLayout, QLayoutItem, QSizePolicy, QStyle, QWidget


class FlowLayout(QLayout):
    """Widgets left to right at their size hints, wrapping to a new row when out of room.

    A widget whose horizontal policy is ``Expanding`` takes a row's spare width (shared with the
    row's other expanding widgets), as in a box layout.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = -1) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        if parent is None:
            self.setContentsMargins(0, 0, 0, 0)

    # ---- QLayout's item list ---------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt's name)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    # ---- sizes -------------------------------------------------------------------------------

    def spacing(self) -> int:
        """Gap between widgets (px): the given one, else the style's."""
        if self._spacing >= 0:
            return self._spacing
        parent = self.parentWidget()
        if parent is None:
            return 6
        return parent.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing)

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._do_layout(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._do_layout(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        # One row if there is room for it.
        widths = [i.sizeHint().width() for i in self._visible()]
        width = sum(widths) + self.spacing() * max(len(widths) - 1, 0)
        height = max((i.sizeHint().height() for i in self._visible()), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:  # noqa: N802
        # The widest widget at its size hint: narrower, its text would be cut.
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.sizeHint())
        return size.grownBy(self.contentsMargins())

    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _do_layout(self, rect: QRect, apply: bool) -> int:
        """Place (or only measure) the rows within ``rect``; returns the height they need."""
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        space = self.spacing()
        rows: list[list[QLayoutItem]] = []
        row: list[QLayoutItem] = []
        used = 0
        for item in self._visible():
            width = item.sizeHint().width()
            if row and used + space + width > area.width():
                rows.append(row)
                row, used = [], 0
            used += (space if row else 0) + width
            row.append(item)
        if row:
            rows.append(row)
        y = area.y()
        for items in rows:
            height = max(i.sizeHint().height() for i in items)
            if apply:
                self._place_row(items, QPoint(area.x(), y), area.width(), height)
            y += height + space
        needed = y - space - area.y() if rows else 0
        return needed + margins.top() + margins.bottom()

    def _place_row(self, items: list[QLayoutItem], at: QPoint, width: int, height: int) -> None:
        space = self.spacing()
        hints = [i.sizeHint().width() for i in items]
        spare = max(width - sum(hints) - space * (len(items) - 1), 0)
        growing = [n for n, i in enumerate(items) if _expands(i)]
        x = at.x()
        for n, item in enumerate(items):
            w = hints[n]
            if n in growing:
                w += spare // len(growing) + (1 if growing.index(n) < spare % len(growing) else 0)
            item.setGeometry(QRect(QPoint(x, at.y()), QSize(min(w, width), height)))
            x += w + space


def _expands(item: QLayoutItem) -> bool:
    """Whether the item's widget asks for spare width (Expanding, MinimumExpanding, Ignored)."""
    widget = item.widget()
    if widget is None:
        return False
    # PySide's enums do not combine with ``&``: compare their values.
    policy = widget.sizePolicy().horizontalPolicy().value
    return bool(policy & QSizePolicy.PolicyFlag.ExpandFlag.value)


#: The widest a filter combo asks to be, in px of text (about 11 Chinese characters): a longer
#: choice (a round's or 承办人's name) is cut there, and its whole name is in the tooltip.
COMBO_TEXT_CAP = 132


def fit_combo(combo: QComboBox, cap: int = COMBO_TEXT_CAP) -> None:
    """Make ``combo`` ask for the width of its widest choice (at most ``cap`` px of text) and
    take a row's spare width: its choices stay readable without the panel growing wide for
    one long name. Follows the items as they are added and removed."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    policy = combo.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
    combo.setSizePolicy(policy)

    def refit() -> None:
        metrics = combo.fontMetrics()
        widest = max(
            (metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())),
            default=0,
        )
        unit = max(metrics.horizontalAdvance("X"), 1)
        combo.setMinimumContentsLength(-(-min(widest, cap) // unit))  # rounded up
        combo.setToolTip(combo.currentText() if widest > cap else "")

    model = combo.model()
    for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.dataChanged):
        signal.connect(lambda *_a: refit())
    combo.currentTextChanged.connect(lambda _t: refit())
    refit()
