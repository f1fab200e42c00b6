"""Dialogs of the 意见 menu: add a comment, decide on comments, start a consultation round.

Each dialog has a ``get_data`` classmethod that shows it modally and returns plain data (or None
when cancelled); tests replace that classmethod to bypass the screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consultation.decisions import reason_missing
from consultation.model import Audience, Channel, Disposition, Round, Source, Submitter
from consultation.reasons import add_own, remove_own, templates_for
from ui.shell import settings
from ui.shell.dialog_buttons import ok_cancel_buttons


def round_name(round_: Round) -> str:
    """How a round reads in a combo box: its title, else its audience, with its start date."""
    name = round_.title or f"征求意见（{round_.audience.label}）"
    return f"{name} · {round_.start.isoformat()}" if round_.start else name


def _fill_enum(combo: QComboBox, members: Sequence[object], current: object) -> None:
    for member in members:
        combo.addItem(member.label, member)  # type: ignore[attr-defined]
    at = combo.findData(current)
    combo.setCurrentIndex(max(at, 0))


@dataclass(frozen=True)
class CommentInput:
    """What the 添加意见 dialog gives: everything of a comment but its target."""

    content: str
    source: Source
    submitter: Submitter
    channel: Channel
    date: dt.date | None
    round_id: int | None  # None: a new default round


class CommentDialog(QDialog):
    """添加意见: source, submitter (optional), channel, date, round, content; the target shown."""

    def __init__(
        self,
        parent: QWidget | None,
        target_text: str,
        rounds: Sequence[Round],
        round_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("comment_dialog")
        self.setWindowTitle(self.tr("添加意见"))
        self.resize(520, 440)
        layout = QVBoxLayout(self)
        self.target_label = QLabel(self.tr("针对：{0}").format(target_text))
        self.target_label.setWordWrap(True)
        layout.addWidget(self.target_label)
        form = QFormLayout()
        self.source = QComboBox()
        _fill_enum(self.source, list(Source), Source.PUBLIC)
        self.name = QLineEdit()
        self.organisation = QLineEdit()
        self.contact = QLineEdit()
        self.channel = QComboBox()
        _fill_enum(self.channel, list(Channel), Channel.OTHER)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.round = QComboBox()
        for r in rounds:
            self.round.addItem(round_name(r), r.id)
        if not rounds:
            self.round.addItem(self.tr("新建：征求意见（社会公众）"), None)
        at = self.round.findData(round_id)
        self.round.setCurrentIndex(max(at, 0))
        self.content = QPlainTextEdit()
        self.content.setObjectName("comment_content")
        self.content.setPlaceholderText(self.tr("意见内容（必填）"))
        form.addRow(self.tr("来源："), self.source)
        form.addRow(self.tr("提出者："), self.name)
        form.addRow(self.tr("单位："), self.organisation)
        form.addRow(self.tr("联系方式："), self.contact)
        form.addRow(self.tr("渠道："), self.channel)
        form.addRow(self.tr("日期："), self.date)
        form.addRow(self.tr("征求意见轮次："), self.round)
        layout.addLayout(form)
        layout.addWidget(self.content, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.content.textChanged.connect(self._update_ok)
        layout.addWidget(self.buttons)
        self._update_ok()
        self.content.setFocus()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.content.toPlainText().strip()))

    def result_data(self) -> CommentInput:
        """The comment as entered."""
        return CommentInput(
            content=self.content.toPlainText().strip(),
            source=Source(self.source.currentData()),
            submitter=Submitter(
                self.name.text().strip(),
                self.organisation.text().strip(),
                self.contact.text().strip(),
            ),
            channel=Channel(self.channel.currentData()),
            date=self.date.date().toPython(),  # type: ignore[arg-type]
            round_id=self.round.currentData(),
        )

    @classmethod
    def get_data(
        cls,
        parent: QWidget | None,
        target_text: str,
        rounds: Sequence[Round],
        round_id: int | None = None,
    ) -> CommentInput | None:
        """Ask for a comment; None when cancelled."""
        dialog = cls(parent, target_text, rounds, round_id)
        return dialog.result_data() if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class DecisionInput:
    """What the 处理 dialog gives; ``disposition`` None sets the comments back to 待处理."""

    disposition: Disposition | None
    reason: str
    decided_by: str
    whole_cluster: bool


#: The settings key of the user's own reason templates (a list of strings).
REASON_TEMPLATES_KEY = "comments/reason_templates"
#: The combo entry that sets comments back to 待处理.
_PENDING = ""


def own_templates() -> list[str]:
    """The reason templates the user saved (settings), oldest first."""
    value = settings.open_settings().value(REASON_TEMPLATES_KEY)
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in value] if isinstance(value, list) else []


def set_own_templates(texts: Sequence[str]) -> None:
    """Store the user's reason templates."""
    store = settings.open_settings()
    store.setValue(REASON_TEMPLATES_KEY, list(texts))
    store.sync()


class DecisionDialog(QDialog):
    """处理意见: disposition, reason (templates to choose from and edit), who decided; for a
    clustered comment, the whole cluster. 未采纳 and 部分采纳 are refused without a reason."""

    def __init__(
        self,
        parent: QWidget | None,
        count: int,
        cluster_size: int,
        decided_by: str,
        current: Disposition | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("decision_dialog")
        self.setWindowTitle(self.tr("处理意见"))
        self.resize(500, 360)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("对选中的 {0} 条意见作出处理：").format(count)))
        form = QFormLayout()
        self.disposition = QComboBox()
        _fill_enum(self.disposition, list(Disposition), current or Disposition.ADOPTED)
        self.disposition.addItem(self.tr("待处理（撤回处理意见）"), _PENDING)
        self.templates = QComboBox()
        self.templates.setObjectName("reason_templates")
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("理由（写入征求意见汇总表）"))
        template_row = QHBoxLayout()
        template_row.addWidget(self.templates, 1)
        self.save_template = QPushButton(self.tr("存为模板"))
        self.save_template.setObjectName("save_reason_template")
        self.remove_template = QPushButton(self.tr("删去模板"))
        self.remove_template.setObjectName("remove_reason_template")
        template_row.addWidget(self.save_template)
        template_row.addWidget(self.remove_template)
        self.decided_by = QLineEdit(decided_by)
        form.addRow(self.tr("处理意见："), self.disposition)
        form.addRow(self.tr("理由模板："), template_row)
        form.addRow(self.tr("理由："), self.reason)
        form.addRow(self.tr("处理人："), self.decided_by)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("decision_error")
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        layout.addWidget(self.error)
        self.whole_cluster = QCheckBox(
            self.tr("对整个聚类作同样处理（共 {0} 条相同或相近意见）").format(cluster_size)
        )
        self._cluster_size = cluster_size
        self.whole_cluster.setChecked(cluster_size > 1)
        self.whole_cluster.setVisible(cluster_size > 1)
        layout.addWidget(self.whole_cluster)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill_templates()
        self.disposition.currentIndexChanged.connect(lambda _i: self._fill_templates())
        self.templates.activated.connect(self._use_template)
        self.save_template.clicked.connect(self._save_template)
        self.remove_template.clicked.connect(self._remove_template)
        self.reason.textChanged.connect(self.error.hide)

    def chosen(self) -> Disposition | None:
        """The disposition chosen; None for 待处理."""
        value = self.disposition.currentData()
        return Disposition(value) if value else None

    def _fill_templates(self) -> None:
        chosen = self.chosen()
        self.templates.clear()
        self.templates.addItem(self.tr("选用理由模板…"), None)
        own = own_templates()
        for text in templates_for(chosen, own):
            self.templates.addItem(text, text)
        self.templates.setEnabled(chosen is not None)
        self.reason.setEnabled(chosen is not None)
        self.remove_template.setEnabled(bool(own))

    def _use_template(self, at: int) -> None:
        text = self.templates.itemData(at)
        if text:
            self.reason.setPlainText(text)  # the user may edit it afterwards
        self.templates.setCurrentIndex(0)

    def _save_template(self) -> None:
        set_own_templates(add_own(own_templates(), self.reason.toPlainText()))
        self._fill_templates()

    def _remove_template(self) -> None:
        set_own_templates(remove_own(own_templates(), self.reason.toPlainText()))
        self._fill_templates()

    def accept(self) -> None:
        """OK: refused (with the reason shown in red) while 未采纳/部分采纳 has no reason."""
        complaint = reason_missing(self.chosen(), self.reason.toPlainText())
        if complaint:
            self.error.setText(complaint)
            self.error.show()
            self.reason.setFocus()
            return
        super().accept()

    def result_data(self) -> DecisionInput:
        """The decision as entered."""
        chosen = self.chosen()
        return DecisionInput(
            chosen,
            self.reason.toPlainText().strip() if chosen is not None else "",
            self.decided_by.text().strip(),
            self._cluster_size > 1 and self.whole_cluster.isChecked(),
        )

    @classmethod
    def get_data(
        cls,
        parent: QWidget | None,
        count: int,
        cluster_size: int,
        decided_by: str,
        current: Disposition | None = None,
    ) -> DecisionInput | None:
        """Ask for a decision; None when cancelled."""
        dialog = cls(parent, count, cluster_size, decided_by, current)
        return dialog.result_data() if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class AssignInput:
    """What the 分派 dialog gives: the 处室 and 承办人 ("" clears), the whole groups or not."""

    office: str
    handler: str
    whole_cluster: bool


class AssignDialog(QDialog):
    """分派: a 处室 and a 承办人 for the selected comments (or their whole groups)."""

    def __init__(
        self, parent: QWidget | None, count: int, cluster_size: int, office: str, handler: str
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assign_dialog")
        self.setWindowTitle(self.tr("分派意见"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("将选中的 {0} 条意见分派给：").format(count)))
        form = QFormLayout()
        self.office = QLineEdit(office)
        self.office.setPlaceholderText(self.tr("如 城市建设处"))
        self.handler = QLineEdit(handler)
        self.handler.setPlaceholderText(self.tr("承办人姓名"))
        form.addRow(self.tr("处室："), self.office)
        form.addRow(self.tr("承办人："), self.handler)
        layout.addLayout(form)
        self._cluster_size = cluster_size
        self.whole_cluster = QCheckBox(
            self.tr("整组分派（共 {0} 条相同或相近意见）").format(cluster_size)
        )
        self.whole_cluster.setChecked(cluster_size > 1)
        self.whole_cluster.setVisible(cluster_size > 1)
        layout.addWidget(self.whole_cluster)
        layout.addWidget(ok_cancel_buttons(self, self.tr("分派")))

    def result_data(self) -> AssignInput:
        """The assignment as entered."""
        return AssignInput(
            self.office.text().strip(),
            self.handler.text().strip(),
            self._cluster_size > 1 and self.whole_cluster.isChecked(),
        )

    @classmethod
    def get_data(
        cls, parent: QWidget | None, count: int, cluster_size: int, office: str, handler: str
    ) -> AssignInput | None:
        """Ask for an assignment; None when cancelled."""
        dialog = cls(parent, count, cluster_size, office, handler)
        return dialog.result_data() if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class RoundInput:
    """What the 新建征求意见轮次 dialog gives."""

    audience: Audience
    title: str
    start: dt.date | None
    end: dt.date | None
    note: str


class RoundDialog(QDialog):
    """新建征求意见轮次: audience, title, dates, note."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("round_dialog")
        self.setWindowTitle(self.tr("新建征求意见轮次"))
        form = QFormLayout(self)
        self.audience = QComboBox()
        _fill_enum(self.audience, list(Audience), Audience.PUBLIC)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("如：向社会公开征求意见"))
        self.start = QDateEdit(QDate.currentDate())
        self.end = QDateEdit(QDate.currentDate().addDays(30))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.note = QLineEdit()
        form.addRow(self.tr("征求意见对象："), self.audience)
        form.addRow(self.tr("名称："), self.title)
        form.addRow(self.tr("开始日期："), self.start)
        form.addRow(self.tr("截止日期："), self.end)
        form.addRow(self.tr("说明："), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def result_data(self) -> RoundInput:
        """The round as entered."""
        return RoundInput(
            Audience(self.audience.currentData()),
            self.title.text().strip(),
            self.start.date().toPython(),  # type: ignore[arg-type]
            self.end.date().toPython(),  # type: ignore[arg-type]
            self.note.text().strip(),
        )

    @classmethod
    def get_data(cls, parent: QWidget | None) -> RoundInput | None:
        """Ask for a new round; None when cancelled."""
        dialog = cls(parent)
        return dialog.result_data() if dialog.exec() == QDialog.DialogCode.Accepted else None


class StatementDialog(QDialog):
    """采纳情况说明: the paragraph, selectable, with 复制 to put it on the clipboard."""

    def __init__(self, parent: QWidget | None, text: str) -> None:
        super().__init__(parent)
        self.setObjectName("statement_dialog")
        self.setWindowTitle(self.tr("采纳情况说明"))
        self.resize(560, 300)
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit(text)
        self.text.setReadOnly(True)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(
            self.tr("复制"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def copy(self) -> None:
        """Put the paragraph on the clipboard."""
        from PySide6.QtWidgets import QApplication

        QApplication.clipboard().setText(self.text.toPlainText())
