"""Message boxes for errors, the log file, and the last-resort exception hook.

The user sees what happened and what to do, in Chinese; the traceback goes to the log file in
the data folder, never to the screen.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from storage.paths import setup_logging

log = logging.getLogger("lifa")


def _tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def show_warning(parent: QWidget | None, title: str, message: str, advice: str = "") -> None:
    """A modal warning: what happened (``message``) and what to do (``advice``)."""
    text = message if not advice else f"{message}\n\n{advice}"
    QMessageBox.warning(parent, title, text)


def show_error(parent: QWidget | None, title: str, message: str, advice: str = "") -> None:
    """A modal error box: what happened and what to do."""
    text = message if not advice else f"{message}\n\n{advice}"
    QMessageBox.critical(parent, title, text)


def show_notes(parent: QWidget | None, title: str, heading: str, lines: list[str]) -> QMessageBox:
    """A non-modal box listing notes (such as parse warnings); returns it, already shown."""
    box = QMessageBox(
        QMessageBox.Icon.Information, title, heading, QMessageBox.StandardButton.Ok, parent
    )
    shown = lines[:30]
    if len(lines) > len(shown):
        shown.append(_tr("……另有 {0} 条").format(len(lines) - len(shown)))
    box.setInformativeText("\n".join(shown))
    box.setModal(False)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()
    return box


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def make_excepthook(parent_getter: Callable[[], QWidget | None] = lambda: None) -> ExceptHook:
    """An exception hook that logs the traceback and shows a Chinese message box instead."""
    showing = False

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        path = setup_logging()
        log.error("未处理的异常\n%s", "".join(traceback.format_exception(kind, value, tb)))
        if showing or QApplication.instance() is None:
            return  # an error inside the box itself: logged, not shown twice
        showing = True
        try:
            show_error(
                parent_getter(),
                _tr("程序错误"),
                _tr("程序遇到意外错误，刚才的操作可能没有完成。"),
                _tr(
                    "详细信息已写入日志文件：{0}\n请保存工作后重新启动程序；如果问题反复出现，"
                    "请把日志文件发给技术支持人员。"
                ).format(path),
            )
        finally:
            showing = False

    return hook


def install_excepthook(parent_getter: Callable[[], QWidget | None] = lambda: None) -> None:
    """Replace sys.excepthook for the GUI: log to the data folder, show a message box."""
    sys.excepthook = make_excepthook(parent_getter)
