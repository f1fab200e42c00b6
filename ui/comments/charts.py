"""统计: comments per article and by source, as the charts of the .docx summary show them.

The bars are the Pillow PNGs of ``consultation.charts`` (drawn at twice the size for print, so
shown at a device pixel ratio of 2): the screen and the printed summary show the same figures,
with the same CJK font.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from consultation.charts import articles_chart, sources_chart


def chart_pixmap(png: bytes) -> QPixmap:
    """A chart PNG as a pixmap at its intended size (drawn at twice the size)."""
    pixmap = QPixmap()
    pixmap.loadFromData(png, "PNG")
    pixmap.setDevicePixelRatio(2.0)
    return pixmap


class ChartsView(QWidget):
    """The two bar charts, one under the other, with a line of totals above."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comment_charts")
        layout = QVBoxLayout(self)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.articles = QLabel()
        self.articles.setObjectName("chart_articles")
        self.sources = QLabel()
        self.sources.setObjectName("chart_sources")
        for label in (self.articles, self.sources):
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.totals)
        layout.addWidget(self.articles)
        layout.addWidget(self.sources)
        layout.addStretch(1)

    def set_figures(
        self, by_article: dict[str, int], by_source: dict[str, int], totals: str
    ) -> None:
        """Draw the charts for these counts."""
        self.totals.setText(totals)
        if not by_article:
            self.articles.setText(self.tr("尚无意见。"))
            self.sources.clear()
            return
        self.articles.setPixmap(chart_pixmap(articles_chart(by_article)))
        self.sources.setPixmap(chart_pixmap(sources_chart(by_source)))


class ChartsDialog(QDialog):
    """意见 → 统计: the charts in a scrollable, non-modal window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comment_charts_dialog")
        self.setWindowTitle(self.tr("意见统计"))
        self.resize(960, 720)
        layout = QVBoxLayout(self)
        self.view = ChartsView()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.view)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
