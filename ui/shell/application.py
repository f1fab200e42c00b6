"""Starting the GUI: the QApplication, fonts, error hook, the library, the main window."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

# isort: split
from ui.shell.import_speed import quicken_pyside_import_check

# Before the program's own modules load: PySide checks each one as it is imported.
quicken_pyside_import_check()

# isort: split
from ui.shell.errors import install_excepthook, setup_logging, show_error  # noqa: E402
from ui.shell.fonts import install_fonts  # noqa: E402
from ui.shell.qt_chinese import QtChinese  # noqa: E402

if TYPE_CHECKING:
    from storage.library import Library

log = logging.getLogger("lifa")

APP_NAME = "立法工作台"
ORG_NAME = "lifa-workbench"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names and fonts set (reuses one that already exists)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    install_fonts(app)
    install_qt_translations(app)
    return app


def install_qt_translations(app: QApplication) -> None:
    """Qt's own words (确定, 取消, 打开 in file dialogs) in Chinese, when Qt ships them."""
    if app.property("lifa_qt_translator") is not None:
        return
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(
        QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", path
    ):
        app.installTranslator(translator)
    else:  # PySide6 ships no qtbase_zh_CN.qm: the words a drafter meets, from our own table
        app.installTranslator(QtChinese(app))
    app.setProperty("lifa_qt_translator", True)


def open_library_for_gui(db: str | None) -> Library:
    """Open the library (default when None); the demo drafts go only into a default library
    made by this start.

    Never into one given by ``--db`` (a fresh shared database is not filled with examples),
    nor into an existing default library left empty on purpose (all regulations deleted).
    """
    from resources.demo import seed_demo
    from storage.library import Library

    library = Library.open(db)
    if db is None and library.created:
        seeded = seed_demo(library, history=True)
        log.info("新建默认法规库，已加入 %d 个示例稿次", len(seeded))
    return library


def run_gui(db: str | None) -> int:
    """Open the window on a library (``--db`` or the default one) and run until it closes."""
    from storage.library import LibraryError
    from ui.shell.main_window import MainWindow

    app = make_application()
    setup_logging()
    window: MainWindow | None = None
    install_excepthook(lambda: window)
    try:
        library = open_library_for_gui(db)
    except LibraryError as exc:
        show_error(
            None,
            app.translate("run_gui", "无法打开法规库"),
            str(exc),
            app.translate("run_gui", "请检查 --db 给出的路径或地址。"),
        )
        return 1
    window = MainWindow(library)
    window.show_fitted()  # maximised on the first start on this screen
    try:
        return app.exec()
    finally:
        window.library.close()
