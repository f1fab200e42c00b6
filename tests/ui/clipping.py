"""Find the controls of a panel whose text does not fit their width, or that lie outside.

Used by the layout tests: a control is *clipped* when the room Qt draws its text in (the
style's contents rect) is narrower than the text at the widget's font, or when it lies outside
its panel or the window.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QToolButton,
    QWidget,
)

#: The kinds of control checked, in the order they are tried.
CHECKED = (QPushButton, QToolButton, QCheckBox, QRadioButton, QComboBox, QLabel)


def _plain(text: str, rich: bool) -> str:
    if rich:
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _widest_line(widget: QWidget, text: str) -> int:
    metrics = widget.fontMetrics()
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)


def text_room(widget: QWidget) -> tuple[str, int, int] | None:
    """``(text, needed, room)`` in px for a control with text, or None if it shows none."""
    style = widget.style()
    if isinstance(widget, QPushButton):
        opt = QStyleOptionButton()
        widget.initStyleOption(opt)
        room = style.subElementRect(QStyle.SubElement.SE_PushButtonContents, opt, widget).width()
        text = _plain(widget.text(), False)
        icon = widget.iconSize().width() + 4 if not widget.icon().isNull() else 0
        return text, _widest_line(widget, text) + icon, room
    if isinstance(widget, QToolButton):
        text = _plain(widget.text(), False)
        if widget.toolButtonStyle().name == "ToolButtonIconOnly":
            return None
        return text, _widest_line(widget, text) + 4, widget.width()
    if isinstance(widget, (QCheckBox, QRadioButton)):
        opt = QStyleOptionButton()
        widget.initStyleOption(opt)
        element = (
            QStyle.SubElement.SE_CheckBoxContents
            if isinstance(widget, QCheckBox)
            else QStyle.SubElement.SE_RadioButtonContents
        )
        room = style.subElementRect(element, opt, widget).width()
        text = _plain(widget.text(), False)
        return text, _widest_line(widget, text), room
    if isinstance(widget, QComboBox):
        opt = QStyleOptionComboBox()
        widget.initStyleOption(opt)
        room = style.subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            opt,
            QStyle.SubControl.SC_ComboBoxEditField,
            widget,
        ).width()
        text = widget.currentText()
        icon = (
            widget.iconSize().width() + 4
            if not widget.itemIcon(widget.currentIndex()).isNull()
            else 0
        )
        return text, _widest_line(widget, text) + icon, room
    if isinstance(widget, QLabel):
        # A wrapped label breaks its lines to the width; a picture has no text.
        if widget.wordWrap() or not widget.text():
            return None
        rich = widget.textFormat().name == "RichText" or (
            widget.textFormat().name == "AutoText" and "<" in widget.text()
        )
        text = _plain(widget.text(), rich)
        room = widget.contentsRect().width() - 2 * widget.margin() - 2 * max(widget.indent(), 0)
        return text, _widest_line(widget, text), room
    return None


def _in_item_view(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def clipped_controls(panel: QWidget, window: QWidget) -> list[str]:
    """Every visible control in ``panel`` whose text is cut, or that lies outside ``panel``
    or ``window``; one line each (object name or text, what is wrong)."""
    found: list[str] = []
    panel_rect = QRect(panel.mapTo(window, panel.rect().topLeft()), panel.size())
    window_rect = window.rect()
    for widget in panel.findChildren(QWidget):
        if not isinstance(widget, CHECKED) or not widget.isVisible():
            continue
        if widget.visibleRegion().isEmpty() or _in_item_view(widget, panel):
            continue
        name = widget.objectName() or type(widget).__name__
        measured = text_room(widget)
        if measured is not None:
            text, needed, room = measured
            name = f"{name} «{text}»"
            if needed > room:
                found.append(f"{name}: needs {needed} px, has {room}")
        rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        if not window_rect.contains(rect):
            found.append(f"{name}: outside the window {rect}")
        elif not panel_rect.contains(rect):
            found.append(f"{name}: outside its panel {rect} (panel {panel_rect})")
    return found
