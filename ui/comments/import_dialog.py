"""导入意见: the column-mapping dialog over a sheet's first rows, and the mappings it remembers.

The dialog shows the header and first rows (``preview_table``), one combo per field prefilled
from the recognised headers and from the mapping chosen last time for the same set of headers
(kept in the settings file), the default source and channel, and the round.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from consultation.column_mapping import MAPPED_FIELDS, column_letter, mapping_for
from consultation.importing import Preview
from consultation.model import Channel, Round, Source
from ui.comments.dialogs import round_name
from ui.shell import settings

_MAPPING_KEY = "comments/mapping/"


def _headers_key(headers: Sequence[str]) -> str:
    digest = hashlib.sha1("\x1f".join(h.strip() for h in headers).encode("utf-8")).hexdigest()
    return _MAPPING_KEY + digest[:16]


def remembered_mapping(headers: Sequence[str]) -> dict[str, int]:
    """The mapping (field → column position) chosen last time for this set of headers."""
    raw = settings.open_settings().value(_headers_key(headers))
    if not isinstance(raw, str) or not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): int(v) for k, v in data.items() if isinstance(v, int) and 0 <= v < len(headers)}


def remember_mapping(headers: Sequence[str], columns: Mapping[str, int]) -> None:
    """Keep the mapping chosen for this set of headers, for the next file like it."""
    store = settings.open_settings()
    store.setValue(_headers_key(headers), json.dumps(dict(columns), ensure_ascii=False))
    store.sync()


@dataclass(frozen=True)
class ImportChoice:
    """What the mapping dialog gives: the importer's mapping, defaults and the round."""

    mapping: dict[str, str]
    source: Source | None = None
    channel: Channel | None = None
    round_id: int | None = None  # None: a new default round
    columns: dict[str, int] = field(default_factory=dict)


class ColumnMappingDialog(QDialog):
    """Which column holds which field, seen over the sheet's first rows."""

    def __init__(
        self,
        parent: QWidget | None,
        path: Path,
        preview: Preview,
        rounds: Sequence[Round],
        round_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("column_mapping_dialog")
        self.setWindowTitle(self.tr("导入意见：指定各列内容"))
        self.resize(820, 560)
        self.preview = preview
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "文件：{0}。请核对每一项对应表格的哪一列（只有“意见内容”必须指定）。"
                ).format(path.name)
            )
        )
        table = QTableWidget(len(preview.rows), len(preview.headers))
        table.setObjectName("preview_table")
        table.setHorizontalHeaderLabels(
            [f"{column_letter(i)} {h}".strip() for i, h in enumerate(preview.headers)]
        )
        for r, values in enumerate(preview.rows):
            for c, value in enumerate(values[: len(preview.headers)]):
                table.setItem(r, c, QTableWidgetItem(value))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.resizeColumnsToContents()
        for c in range(table.columnCount()):
            table.setColumnWidth(c, min(table.columnWidth(c), 220))
        layout.addWidget(table, 1)

        chosen = dict(preview.columns)
        chosen.update(remembered_mapping(preview.headers))
        box = QGroupBox(self.tr("各列内容"))
        grid = QGridLayout(box)
        self.combos: dict[str, QComboBox] = {}
        for n, (key, name) in enumerate(MAPPED_FIELDS):
            combo = QComboBox()
            combo.setObjectName(f"map_{key}")
            combo.addItem(self.tr("（无）"), -1)
            for i, h in enumerate(preview.headers):
                combo.addItem(f"{column_letter(i)}列 {h}".strip(), i)
            combo.setCurrentIndex(max(combo.findData(chosen.get(key, -1)), 0))
            combo.currentIndexChanged.connect(self._update_ok)
            self.combos[key] = combo
            label = f"{name}（必填）：" if key == "content" else f"{name}："
            # Two columns of fields, so the preview keeps its height.
            row, column = divmod(n, 2)
            grid.addWidget(QLabel(self.tr(label)), row, column * 2)
            grid.addWidget(combo, row, column * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout.addWidget(box)
        defaults = QFormLayout()
        self.source = QComboBox()
        self.channel = QComboBox()
        for combo, members, first in (
            (self.source, list(Source), Source.PUBLIC),
            (self.channel, list(Channel), Channel.WEBSITE),
        ):
            for member in members:
                combo.addItem(member.label, member)
            combo.setCurrentIndex(max(combo.findData(first), 0))
        self.round = QComboBox()
        self.round.setObjectName("import_round")
        for round_ in rounds:
            self.round.addItem(round_name(round_), round_.id)
        self.round.addItem(self.tr("新建：征求意见（社会公众）"), None)
        self.round.setCurrentIndex(max(self.round.findData(round_id), 0))
        defaults.addRow(self.tr("表中未写来源时视为："), self.source)
        defaults.addRow(self.tr("表中未写渠道时视为："), self.channel)
        defaults.addRow(self.tr("征求意见轮次："), self.round)
        layout.addLayout(defaults)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("导入"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update_ok()

    def columns(self) -> dict[str, int]:
        """Field → column position, as chosen."""
        return {
            key: int(combo.currentData())
            for key, combo in self.combos.items()
            if int(combo.currentData()) >= 0
        }

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            "content" in self.columns()
        )

    def result_data(self) -> ImportChoice:
        """The choices made (and remembered for this set of headers)."""
        columns = self.columns()
        remember_mapping(self.preview.headers, columns)
        return ImportChoice(
            mapping_for(self.preview.headers, columns),
            Source(self.source.currentData()),
            Channel(self.channel.currentData()),
            self.round.currentData(),
            columns,
        )

    @classmethod
    def get_data(
        cls,
        parent: QWidget | None,
        path: Path,
        preview: Preview,
        rounds: Sequence[Round],
        round_id: int | None = None,
    ) -> ImportChoice | None:
        """Ask how to read the sheet; None when cancelled."""
        dialog = cls(parent, path, preview, rounds, round_id)
        return dialog.result_data() if dialog.exec() == QDialog.DialogCode.Accepted else None
