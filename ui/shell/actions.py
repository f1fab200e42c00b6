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
TOOLBAR: tuple[str | None, ...] = (
    "import_file",
    "save",
    "undo",
    "redo",
    None,
    "insert_article_after",
    "insert_paragraph_after",
    "insert_item_after",
    None,
    "freeze_version",
    "compare_versions",
    None,
    "add_comment",
    None,
    "export_word",
    "print_preview",
)


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
            self.tr("导入 .docx / .txt / .md 法规文本或 Akoma Ntoso XML，作为新法规的第一稿"),
        )
        # Issue 16: other bodies' regulations, kept apart under 参考法规 (ui.search.reference_import).
        self.import_references = self._make(
            "file",
            "import_references",
            self.tr("导入参考法规（文件）…"),
            None,
            self.tr("把其他地方的法规文本导入参考法规库，供检索、查找相似条文（重复的自动跳过）"),
        )
        self.import_reference_folder = self._make(
            "file",
            "import_reference_folder",
            self.tr("导入参考法规（文件夹）…"),
            None,
            self.tr(
                "导入一个文件夹（含子文件夹）中的全部 .md / .txt / .docx 法规文本，在后台进行，可取消"
            ),
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
        self._make_editing_actions()  # 保存 (文件), 编辑, 插入

        # ---- 编辑 / 插入 / 意见: filled by later features ----
        self._make_comment_actions()  # 意见 (issue 4)

        # ---- 稿次 ----
        self.freeze_version = self._make(
            "version",
            "freeze_version",
            self.tr("冻结为稿次(&F)…"),
            None,
            self.tr("把当前工作稿冻结为正式稿次（征求意见稿、一审稿……），冻结后不能再修改"),
        )
        self.freeze_version.setIconText(self.tr("冻结稿次"))
        self.new_working_draft = self._make(
            "version",
            "new_working_draft",
            self.tr("从此稿次新建工作稿(&N)"),
            None,
            self.tr("复制当前稿次为新的工作稿，在其基础上继续修改"),
        )
        self.apply_amendment_decision = self._make(
            "version",
            "apply_amendment_decision",
            self.tr("应用修改决定(&A)…"),
            None,
            self.tr("按修改决定（.docx/.txt）修改当前稿次，结果存为本法规的新工作稿"),
        )
        self.version_properties = self._make(
            "version",
            "version_properties",
            self.tr("稿次属性(&P)…"),
            None,
            self.tr("修改当前工作稿的名称、阶段和说明"),
        )
        self.delete_version = self._make(
            "version",
            "delete_version",
            self.tr("删除工作稿(&D)…"),
            None,
            self.tr("删除当前工作稿（已冻结的稿次不能删除）"),
        )
        self.compare_with_parent = self._make(
            "version",
            "compare_with_parent",
            self.tr("与上一稿次比较(&C)"),
            None,
            self.tr("把当前稿次与它所由生成的上一稿次逐条比较"),
        )
        self._separator("version")
        self.rename_regulation = self._make(
            "version",
            "rename_regulation",
            self.tr("重命名法规(&R)…"),
            None,
            self.tr("修改法规在法规库中的名称"),
        )
        self.delete_regulation = self._make(
            "version",
            "delete_regulation",
            self.tr("删除法规…"),
            None,
            self.tr("从法规库中删除整部法规及其全部稿次"),
        )

        # ---- 比较 ----
        self.compare_versions = self._make(
            "compare",
            "compare_versions",
            self.tr("比较两个稿次(&V)…"),
            QKeySequence("Ctrl+Shift+C"),
            self.tr("选择本法规的两个稿次（原稿、新稿），逐条比较修改之处"),
        )
        self.compare_versions.setIconText(self.tr("比较"))
        self.compare_files = self._make(
            "compare",
            "compare_files",
            self.tr("比较两个文件(&F)…"),
            None,
            self.tr("比较两个 .docx / .txt / .md 法规文本（按条文内容对应）"),
        )
        self._separator("compare")
        self.export_comparison_table = self._make(
            "compare",
            "export_comparison_table",
            self.tr("导出修改对照表(&T)…"),
            None,
            self.tr("把当前比较导出为修改对照表（原条文 | 修改后条文 | 修改说明）"),
        )
        self.export_tracked_draft = self._make(
            "compare",
            "export_tracked_draft",
            self.tr("导出修改稿（修订模式）(&R)…"),
            None,
            self.tr("把当前比较的新稿导出为带修订标记的 Word 文档"),
        )
        self.draft_amendment_decision = self._make(
            "compare",
            "draft_amendment_decision",
            self.tr("起草修改决定(&D)…"),
            None,
            self.tr("按当前比较起草修改决定的条文"),
        )

        # ---- 导出 ----
        self.export_word = self._make(
            "export",
            "export_word",
            self.tr("导出正式文本（Word）(&W)…"),
            None,
            self.tr("把当前稿次按公文格式导出为 Word 文档（.docx）"),
        )
        self.export_word.setIconText(self.tr("导出"))
        self.export_pdf = self._make(
            "export",
            "export_pdf",
            self.tr("导出 PDF(&P)…"),
            None,
            self.tr("把当前稿次按打印版式导出为 PDF 文件"),
        )
        self.export_akn = self._make(
            "export",
            "export_akn",
            self.tr("导出 Akoma Ntoso XML(&A)…"),
            None,
            self.tr("把当前稿次导出为 Akoma Ntoso（LegalDocML）XML，供其他立法系统读取"),
        )
        self._separator("export")
        self.print_preview = self._make(
            "export",
            "print_preview",
            self.tr("打印预览(&V)…"),
            QKeySequence.StandardKey.Print,
            self.tr("预览并打印当前稿次；可设置稿次标注、行号、批注宽边、水印"),
        )
        self.print_preview.setIconText(self.tr("打印"))

        # ---- 视图 ----
        # Dock and toolbar toggles are made by Qt (toggleViewAction); add_view_toggle files them.

        # ---- 帮助 ----
        self.help = self._make(
            "help",
            "help",
            self.tr("使用说明(&H)"),
            QKeySequence(QKeySequence.StandardKey.HelpContents),
            self.tr("日常工作的简要说明：导入、修改、查找替换、稿次、意见、导出"),
        )
        self.help.setShortcuts([QKeySequence("F1")])
        self.about = self._make("help", "about", self.tr("关于立法工作台(&A)"), None)

        self.recent_menu = QMenu(self.tr("最近的法规库(&R)"), window)
        self.menus: dict[str, QMenu] = {}

    def _make_editing_actions(self) -> None:
        """保存 (under 文件), the 编辑 menu and the 插入 menu (structured editing, issue 3)."""
        self.save = self._make(
            "file",
            "save",
            self.tr("保存(&S)"),
            QKeySequence.StandardKey.Save,
            self.tr("立即把工作稿保存到法规库（修改也会在几秒后自动保存）"),
        )
        # 保存 sits right under 导入, as in Word.
        self.layout["file"].remove("save")
        self.layout["file"].insert(1, "save")
        self.undo = self._make(
            "edit", "undo", self.tr("撤销(&U)"), QKeySequence("Ctrl+Z"), self.tr("撤销上一步修改")
        )
        self.redo = self._make(
            "edit",
            "redo",
            self.tr("重做(&R)"),
            QKeySequence("Ctrl+Shift+Z"),
            self.tr("重做刚才撤销的修改"),
        )
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self._separator("edit")
        self._make_find_actions()
        self._separator("edit")
        self.delete_unit = self._make(
            "edit",
            "delete_unit",
            self.tr("删除(&D)"),
            QKeySequence(QKeySequence.StandardKey.Delete),
            self.tr("删除目录中选中的条、章或节（可撤销）"),
        )
        self.delete_text_unit = self._make(
            "edit",
            "delete_text_unit",
            self.tr("删除当前款/项"),
            None,
            self.tr("删除编辑框中正在编辑的款、项或目"),
        )
        self._separator("edit")
        self.move_up = self._make(
            "edit",
            "move_up",
            self.tr("上移(&P)"),
            QKeySequence("Alt+Up"),
            self.tr("把选中的条（或章、节）上移一位"),
        )
        self.move_down = self._make(
            "edit",
            "move_down",
            self.tr("下移(&N)"),
            QKeySequence("Alt+Down"),
            self.tr("把选中的条（或章、节）下移一位"),
        )
        self._separator("edit")
        self.split_article = self._make(
            "edit",
            "split_article",
            self.tr("在光标处拆分条文(&S)"),
            None,
            self.tr("把编辑框光标之后的文字和其后的款拆为新的一条"),
        )
        self.merge_articles = self._make(
            "edit",
            "merge_articles",
            self.tr("与下一条合并(&M)"),
            None,
            self.tr("把下一条的各款并入当前条"),
        )
        self._separator("edit")
        self.renumber_all = self._make(
            "edit",
            "renumber_all",
            self.tr("重新编号（全文）(&B)"),
            None,
            self.tr("放弃原文印刷的编号，全文按位置重新编号，援引随之改写（可撤销）"),
        )
        self.renumber_list = self._make(
            "edit",
            "renumber_list",
            self.tr("重新编号（仅本级列表）"),
            None,
            self.tr("只把光标所在单位及其同级单位按位置重新编号，援引随之改写（可撤销）"),
        )
        self.insert_article_after, self.insert_article_before = self._insert_pair(
            "article", "条", QKeySequence("Ctrl+Shift+T")
        )
        self.insert_article_amendment = self._make(
            "insert",
            "insert_article_amendment",
            self.tr("插入条（保留原有编号，之一）"),
            None,
            self.tr("在当前条之后插入“第X条之一”，不改变其他条的编号（修正案方式）"),
        )
        self._separator("insert")
        self.insert_paragraph_after, self.insert_paragraph_before = self._insert_pair(
            "paragraph", "款"
        )
        self.insert_item_after, self.insert_item_before = self._insert_pair("item", "项")
        self.insert_subitem_after, self.insert_subitem_before = self._insert_pair("subitem", "目")
        self._separator("insert")
        self.insert_chapter_after, self.insert_chapter_before = self._insert_pair("chapter", "章")
        self.insert_section_after, self.insert_section_before = self._insert_pair("section", "节")

    def _make_find_actions(self) -> None:
        """查找、替换 in the draft shown (issue 13) and 全文检索 of the whole library (issue 16)."""
        self.find = self._make(
            "edit",
            "find",
            self.tr("查找(&F)…"),
            QKeySequence("Ctrl+F"),
            self.tr("在当前稿次中查找文字，结果按条列出"),
        )
        self.replace = self._make(
            "edit",
            "replace",
            self.tr("替换(&H)…"),
            QKeySequence("Ctrl+H"),
            self.tr("在当前工作稿中查找并替换文字（全部替换可一步撤销）"),
        )
        self.find_next = self._make(
            "edit",
            "find_next",
            self.tr("查找下一个"),
            QKeySequence("F3"),
            self.tr("下一个查找结果"),
        )
        self.find_previous = self._make(
            "edit",
            "find_previous",
            self.tr("查找上一个"),
            QKeySequence("Shift+F3"),
            self.tr("上一个查找结果"),
        )
        # The one library-wide search: ui.search.search_panel.SearchPanel (the window connects
        # it) over drafts, their versions, comments and references, with filters.
        self.search = self._make(
            "edit",
            "search",
            self.tr("全文检索（含参考法规）(&G)…"),
            QKeySequence("Ctrl+Shift+F"),
            self.tr("在草案及其稿次、参考法规和意见中查找文字，可按范围、地方、日期、时效性筛选"),
        )

    def _make_comment_actions(self) -> None:
        """The 意见 menu: add, import, decide, cluster, statistics, summaries."""
        self.add_comment = self._make(
            "comment",
            "add_comment",
            self.tr("添加意见(&A)…"),
            QKeySequence("Ctrl+Return"),
            self.tr("对正文中选中的文字（或光标所在条文）添加一条意见"),
        )
        self.add_comment.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.add_whole_comment = self._make(
            "comment",
            "add_whole_comment",
            self.tr("对全文提意见(&W)…"),
            None,
            self.tr("添加一条针对整部草案的总体意见"),
        )
        self.new_round = self._make(
            "comment",
            "new_round",
            self.tr("新建征求意见轮次(&R)…"),
            None,
            self.tr("为当前稿次新建一轮征求意见（社会公众、人大代表、专家学者……）"),
        )
        self.import_comments = self._make(
            "comment",
            "import_comments",
            self.tr("导入意见(&I)…"),
            None,
            self.tr("从门户网站导出的 .xlsx / .csv 表格或 .docx 来信导入意见"),
        )
        self._separator("comment")
        self.decide_comments = self._make(
            "comment",
            "decide_comments",
            self.tr("处理意见(&D)…"),
            None,
            self.tr("对意见面板中选中的意见作出处理：采纳、部分采纳、未采纳……"),
        )
        self.recluster_comments = self._make(
            "comment",
            "recluster_comments",
            self.tr("重新聚类(&C)"),
            None,
            self.tr("重新找出相同或相近的意见并分组"),
        )
        self.comment_stats = self._make(
            "comment",
            "comment_stats",
            self.tr("意见统计(&S)…"),
            None,
            self.tr("按条款和来源统计意见数量"),
        )
        self._separator("comment")
        self.export_summary_docx = self._make(
            "comment",
            "export_summary_docx",
            self.tr("导出意见汇总表（Word）…"),
            None,
            self.tr("导出征求意见汇总表（.docx），含采纳情况说明和统计图"),
        )
        self.export_summary_xlsx = self._make(
            "comment",
            "export_summary_xlsx",
            self.tr("导出意见汇总表（Excel）…"),
            None,
            self.tr("导出征求意见汇总表（.xlsx）"),
        )
        self.adoption_statement = self._make(
            "comment",
            "adoption_statement",
            self.tr("采纳情况说明…"),
            None,
            self.tr("显示采纳情况说明（可复制）"),
        )

    def _insert_pair(
        self, kind: str, word: str, shortcut: QKeySequence | None = None
    ) -> tuple[QAction, QAction]:
        """在后面插入X / 在前面插入X; both show as 插入X on the toolbar."""
        made: list[QAction] = []
        for after in (True, False):
            text = self.tr("在后面插入{0}") if after else self.tr("在前面插入{0}")
            action = self._make(
                "insert",
                f"insert_{kind}_{'after' if after else 'before'}",
                text.format(word),
                shortcut if after else None,
                self.tr("在当前位置{0}插入新的一{1}，其后编号自动顺延").format(
                    "之后" if after else "之前", word
                ),
            )
            action.setIconText(self.tr("插入{0}").format(word))
            made.append(action)
        return made[0], made[1]

    def editing_actions(self) -> list[QAction]:
        """Every action that changes the text: disabled for a frozen version."""
        names = [n for n in self.layout["insert"] if n != "-"]
        names += ["delete_unit", "delete_text_unit", "move_up", "move_down"]
        names += ["split_article", "merge_articles", "renumber_all", "renumber_list"]
        return [getattr(self, n) for n in names]

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
