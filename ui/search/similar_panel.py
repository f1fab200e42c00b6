"""相似条文: for the article under the cursor, the most similar articles of the references and
other drafts, each with its regulation, place, date, score and the wording diff; 采用此表述
hands the wording to the window (``use_wording``), which makes the edit (undoable) there.

A thin view over ``storage.similar_provisions.similar_provisions`` (the same service as
``app.py similar``).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from storage.library import Library
    from storage.search_index import SearchHit

_DELETED_STYLE = "color:#b00000; text-decoration:line-through;"
_INSERTED_STYLE = "color:#006100; background-color:#d9f2d9; text-decoration:underline;"


def diff_html(diff: list[tuple[int, str]]) -> str:
    """A word diff (ops -1/0/1) as HTML: deleted words struck red, inserted words green."""
    parts = []
    for op, words in diff:
        chunk = escape(words).replace("\n", "<br>")
        if op < 0:
            parts.append(f'<span style="{_DELETED_STYLE}">{chunk}</span>')
        elif op > 0:
            parts.append(f'<span style="{_INSERTED_STYLE}">{chunk}</span>')
        else:
            parts.append(chunk)
    return "".join(parts)


class SimilarPanel(QWidget):
    """The similar provisions of one article, best first, in a scrolling list of cards."""

    #: The wording chosen with 采用此表述 (the article's words, paragraphs one a line).
    use_wording = Signal(str)
    #: The same choice as the provision found (a ``SearchHit``: its version and uid), so
    #: that its 款 and 项 can be copied as they are.
    use_provision = Signal(object)

    def __init__(
        self, library: Callable[[], Library | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._library = library
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        #: 查找相似条文: for the article under the cursor (the window's controller connects it).
        self.find_button = QPushButton(self.tr("查找当前条文的相似条文"), self)
        self._cards = QWidget(self)
        self._cards_layout = QVBoxLayout(self._cards)
        self._cards_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        # Cards wrap to the tab's width: no sideways scrolling that hides 采用此表述.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._cards)
        layout = QVBoxLayout(self)
        layout.addWidget(self.find_button)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        #: The cards shown, best first: (header label, diff label, 采用 button).
        self.cards: list[tuple[QLabel, QLabel, QPushButton]] = []

    def show_for(self, article: str, *, limit: int = 10) -> int:
        """Find and show the provisions most like ``article``; returns how many."""
        from storage.similar_provisions import similar_provisions

        self._clear()
        library = self._library()
        if library is None or not article.strip():
            self.status.setText(self.tr("请先选中一条条文"))
            return 0
        ranked = similar_provisions(library, article, limit=limit)
        for item in ranked:
            hit = item.candidate
            facts = " · ".join(
                p for p in (hit.place, hit.date.isoformat() if hit.date else "") if p
            )
            head = QLabel(
                f"<b>《{escape(hit.regulation)}》{escape(hit.article or '')}</b>　"
                f"{escape(facts)}　{self.tr('相似度')} {item.score:.0%}",
                self._cards,
            )
            head.setWordWrap(True)  # a long title wraps in a narrow side tab, not widens it
            body = QLabel(diff_html(item.diff), self._cards)
            body.setWordWrap(True)
            body.setTextFormat(Qt.TextFormat.RichText)
            use = QPushButton(self.tr("采用此表述"), self._cards)
            use.clicked.connect(lambda _checked=False, chosen=hit: self._use(chosen))
            line = QFrame(self._cards)
            line.setFrameShape(QFrame.Shape.HLine)
            for widget in (head, body, use, line):
                self._cards_layout.insertWidget(self._cards_layout.count() - 1, widget)
            self.cards.append((head, body, use))
        self.status.setText(
            self.tr("找到 {count} 条相似条文").format(count=len(ranked))
            if ranked
            else self.tr("参考法规和其他草案中没有相似的条文")
        )
        return len(ranked)

    def _use(self, hit: SearchHit) -> None:
        self.use_wording.emit(hit.text)
        self.use_provision.emit(hit)

    def _clear(self) -> None:
        while self._cards_layout.count() > 1:
            found = self._cards_layout.takeAt(0)
            widget = found.widget() if found is not None else None
            if widget is not None:
                widget.deleteLater()
        self.cards = []
