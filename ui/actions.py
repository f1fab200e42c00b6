"""Every QAction of the main window, with its text and shortcut, and the menus that hold them.

This is the one place that owns actions: a later feature adds its actions in its menu's section
of ``Actions.__init__`` (and to ``TOOLBAR`` if it belongs on the toolbar), then connects them in
the main window's wiring block. Shortcuts follow Word/WPS habits (see design/UI.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QToolBar, QWidget

#: Menu keys in menu-bar order.
MENU_KEYS = ("file", "edit", "insert", "version", "compare", "comment", "export", "view", "help")

#: Toolbar content, left to right; None is a separator. Only actions that work belong here.
TOOLBAR: tuple[str | None, ...] = ("import_file",)


class Actions(QObject):
    """The window's actions, grouped by menu; built once per window."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.menu_titles = {
            "file": self.tr("文件(&F)"),
            "edit": self.tr("编辑(&E)"),
            "insert": self.tr("插入(&I)"),
            "version": self.tr("稿次(&V)"),
            "compare": self.tr("比较(&C)"),
            "comment": self.tr("意见(&M)"),
            "export": self.tr("导出(&X)"),
            "view": self.tr("视图(&W)"),
            "help": self.tr("帮助(&H)"),
        }
        #: menu key → its entries in order: action name, "-" for a separator, "recent" submenu.
        self.layout: dict[str, list[str]] = {key: [] for key in MENU_KEYS}

        # ---- 文件 ----
        self.import_file = self._make(
            "file",
            "import_file",
            self.tr("导入(&I)…"),
            QKeySequence.StandardKey.Open,
            self.tr("导入 .docx / .txt / .md 法规文本，作为新法规的第一稿"),
        )
        self._separator("file")
        self.open_library = self._make(
            "file",
            "open_library",
            self.tr("打开法规库(&O)…"),
            None,
            self.tr("打开另一个法规库文件"),
        )
        self.layout["file"].append("recent")
        self.new_library = self._make(
            "file",
            "new_library",
            self.tr("新建法规库(&N)…"),
            None,
            self.tr("新建一个空的法规库文件"),
        )
        self._separator("file")
        self.quit = self._make(
            "file", "quit", self.tr("退出(&Q)"), QKeySequence("Ctrl+Q"), self.tr("关闭程序")
        )

        # ---- 编辑 / 插入 / 稿次 / 比较 / 意见 / 导出: filled by later features ----

        # ---- 视图 ----
        # Dock and toolbar toggles are made by Qt (toggleViewAction); add_view_toggle files them.

        # ---- 帮助 ----
        self.about = self._make("help", "about", self.tr("关于立法工作台(&A)"), None)

        self.recent_menu = QMenu(self.tr("最近的法规库(&R)"), window)
        self.menus: dict[str, QMenu] = {}

    def _make(
        self,
        menu: str,
        name: str,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(f"action_{name}")
        # The toolbar shows the bare word: 导入, not 导入(&I)….
        action.setIconText(re.sub(r"\(&.\)|…|&", "", text))
        if shortcut is not None:
            action.setShortcut(
                QKeySequence(shortcut)
                if isinstance(shortcut, QKeySequence.StandardKey)
                else shortcut
            )
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        self.layout[menu].append(name)
        return action

    def _separator(self, menu: str) -> None:
        self.layout[menu].append("-")

    def all_actions(self) -> dict[str, QAction]:
        """Every named action: name → QAction."""
        return {
            name: getattr(self, name)
            for names in self.layout.values()
            for name in names
            if name not in ("-", "recent")
        }

    def build_menus(self, bar: QMenuBar) -> dict[str, QMenu]:
        """Create the menu bar's menus, in order, with their actions."""
        for key in MENU_KEYS:
            menu = bar.addMenu(self.menu_titles[key])
            menu.setObjectName(f"menu_{key}")
            for name in self.layout[key]:
                if name == "-":
                    menu.addSeparator()
                elif name == "recent":
                    menu.addMenu(self.recent_menu)
                else:
                    menu.addAction(getattr(self, name))
            self.menus[key] = menu
        return self.menus

    def add_view_toggle(self, action: QAction) -> None:
        """File a show/hide action (a dock's or toolbar's toggleViewAction) under 视图."""
        self.menus["view"].addAction(action)

    def fill_recent_menu(
        self, locations: list[str], current: str, open_location: Callable[[str], object]
    ) -> None:
        """Rebuild 最近的法规库: one entry per library; a missing file is shown disabled."""
        self.recent_menu.clear()
        for location in locations:
            missing = "://" not in location and not Path(location).exists()
            text = location + (self.tr("（文件不存在）") if missing else "")
            action = self.recent_menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(location == current)
            action.setEnabled(not missing and location != current)
            action.triggered.connect(lambda _checked=False, loc=location: open_location(loc))
        if not locations:
            empty = self.recent_menu.addAction(self.tr("（无）"))
            empty.setEnabled(False)

    def build_toolbar(self, toolbar: QToolBar) -> None:
        """Fill the main toolbar from TOOLBAR."""
        for name in TOOLBAR:
            if name is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(getattr(self, name))
