"""Qt's own words in Chinese when Qt ships no qtbase_zh_CN.qm (PySide6 wheels do not).

The file dialog (查找范围, 文件类型), the standard buttons and the text context menu would
otherwise read in English. ``QtChinese`` answers the few dozen of Qt's words a drafter meets;
``install_qt_translations`` uses it only when the real catalogue cannot be loaded.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTranslator

#: (Qt context, Qt's English words) → Chinese.
WORDS: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "Go back"): "后退",
    ("QFileDialog", "Go forward"): "前进",
    ("QFileDialog", "Go to the parent directory"): "转到上一级文件夹",
    ("QFileDialog", "Create a New Folder"): "新建一个文件夹",
    ("QFileDialog", "Change to list view mode"): "以列表显示",
    ("QFileDialog", "Change to detail view mode"): "显示详细信息",
    ("QFileDialog", "Sidebar"): "侧栏",
    ("QFileDialog", "List of places and bookmarks"): "位置和书签",
    ("QFileDialog", "Files"): "文件",
    ("QFileDialog", "Show "): "显示",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QFileDialog", "File &name:"): "文件名(&N)：",
    ("QFileDialog", "&Open"): "打开(&O)",
    ("QFileDialog", "&Save"): "保存(&S)",
    ("QFileDialog", "&Choose"): "选择(&C)",
    ("QFileDialog", "Open"): "打开",
    ("QFileDialog", "Save As"): "另存为",
    ("QFileDialog", "Cancel"): "取消",
    ("QFileDialog", "Back"): "后退",
    ("QFileDialog", "Forward"): "前进",
    ("QFileDialog", "Parent Directory"): "上一级",
    ("QFileDialog", "Create New Folder"): "新建文件夹",
    ("QFileDialog", "New Folder"): "新建文件夹",
    ("QFileDialog", "List View"): "列表",
    ("QFileDialog", "Detail View"): "详细信息",
    ("QFileDialog", "Directory:"): "文件夹：",
    ("QFileDialog", "All Files (*)"): "所有文件 (*)",
    ("QFileDialog", "My Computer"): "我的电脑",
    ("QFileDialog", "Computer"): "计算机",
    ("QFileDialog", "&Rename"): "重命名(&R)",
    ("QFileDialog", "&Delete"): "删除(&D)",
    ("QFileDialog", "Show &hidden files"): "显示隐藏文件(&H)",
    ("QFileDialog", "&New Folder"): "新建文件夹(&N)",
    ("QFileDialog", "Recent Places"): "最近位置",
    (
        "QFileDialog",
        "%1 already exists.\nDo you want to replace it?",
    ): "%1 已经存在。\n要替换它吗？",
    ("QFileSystemModel", "Name"): "名称",
    ("QFileSystemModel", "Size"): "大小",
    ("QFileSystemModel", "Type"): "类型",
    ("QFileSystemModel", "Date Modified"): "修改日期",
    ("QFileSystemModel", "Kind"): "类型",
    ("QFileSystemModel", "My Computer"): "我的电脑",
    ("QFileSystemModel", "Computer"): "计算机",
    ("QPlatformTheme", "OK"): "确定",
    ("QPlatformTheme", "Cancel"): "取消",
    ("QPlatformTheme", "Open"): "打开",
    ("QPlatformTheme", "Save"): "保存",
    ("QPlatformTheme", "Close"): "关闭",
    ("QPlatformTheme", "Yes"): "是",
    ("QPlatformTheme", "No"): "否",
    ("QPlatformTheme", "Apply"): "应用",
    ("QPlatformTheme", "Help"): "帮助",
    ("QPlatformTheme", "Discard"): "放弃",
    ("QPlatformTheme", "Don't Save"): "不保存",
    ("QPlatformTheme", "Reset"): "重置",
    ("QPlatformTheme", "Restore Defaults"): "恢复默认",
    ("QPlatformTheme", "Yes to &All"): "全部是(&A)",
    ("QPlatformTheme", "N&o to All"): "全部否(&O)",
    ("QPlatformTheme", "Abort"): "中止",
    ("QPlatformTheme", "Retry"): "重试",
    ("QPlatformTheme", "Ignore"): "忽略",
    ("QWidgetTextControl", "&Undo"): "撤销(&U)",
    ("QWidgetTextControl", "&Redo"): "重做(&R)",
    ("QWidgetTextControl", "Cu&t"): "剪切(&T)",
    ("QWidgetTextControl", "&Copy"): "复制(&C)",
    ("QWidgetTextControl", "Copy &Link Location"): "复制链接地址(&L)",
    ("QWidgetTextControl", "&Paste"): "粘贴(&P)",
    ("QWidgetTextControl", "Delete"): "删除",
    ("QWidgetTextControl", "Select All"): "全选",
    ("QLineEdit", "&Undo"): "撤销(&U)",
    ("QLineEdit", "&Redo"): "重做(&R)",
    ("QLineEdit", "Cu&t"): "剪切(&T)",
    ("QLineEdit", "&Copy"): "复制(&C)",
    ("QLineEdit", "&Paste"): "粘贴(&P)",
    ("QLineEdit", "Delete"): "删除",
    ("QLineEdit", "Select All"): "全选",
    ("QDockWidget", "Float"): "浮动",
    ("QDockWidget", "Close"): "关闭",
    ("QDockWidget", "Undocks and re-attaches the dock widget"): "取消停靠或重新停靠",
    ("QDockWidget", "Closes the dock widget"): "关闭此面板",
}


class QtChinese(QTranslator):
    """A translator answering Qt's own words from ``WORDS`` (None for the rest: Qt's English;
    an empty string would count as a translation and blank the label)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return False

    def translate(  # noqa: N802 (Qt's name)
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:  # type: ignore[override]
        return WORDS.get((context, source))
