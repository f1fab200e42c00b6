"""The 意见 table model over the lazy source: consistent for Qt's model tester, reads only the
pages shown, and filters through SQL (issue 14: 100,000 comments open under 2 s)."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from consultation.comment_rows import CommentRow, RowFilter
from consultation.decisions import make_decision
from consultation.model import Comment, Disposition, Target
from storage.comment_view import CommentView
from storage.comments import CommentStore
from storage.library import Library
from tests.consultation.drafts import sample_draft
from ui.comments.table_model import COL_DISPOSITION, COL_NUMBER, PAGE, CommentsTableModel


class CountingView(CommentView):
    """A CommentView that records how many comments each page read asked for."""

    reads: list[int]

    def rows(self, comment_ids: Collection[int]) -> list[CommentRow]:
        self.reads.append(len(comment_ids))
        return super().rows(comment_ids)


def test_lazy_model_reads_pages_and_passes_the_model_tester(qtbot: Any, tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.sqlite3") as library:
        version = library.import_draft(sample_draft())
        store = CommentStore(library)
        reg = version.regulation_id
        count = PAGE * 5 + 17
        ids = store.add_comments(
            reg,
            [Comment(f"意见{n}", target=Target(f"a{n % 20 + 1}")) for n in range(count)],
        )
        view = CountingView(store, reg, version.id, library.load_draft(version.id)).load()
        view.reads = []
        model = CommentsTableModel()
        tester = QAbstractItemModelTester(  # noqa: F841 - checks every signal the model sends
            model, QAbstractItemModelTester.FailureReportingMode.Fatal
        )
        model.set_filter(RowFilter(), view)
        # Opening reads no comment beyond the first page (the tester looks at row 0).
        assert model.rowCount() == count and view.reads in ([], [PAGE])
        view.reads = []
        assert model.data(model.index(0, COL_NUMBER)) == "1"
        assert model.data(model.index(count - 1, COL_NUMBER)) == str(count)
        assert model.data(model.index(PAGE + 3, COL_NUMBER)) == str(PAGE + 4)
        assert view.reads == [17, PAGE]  # the first page cached; two more read once each
        model.data(model.index(5, COL_NUMBER), Qt.ItemDataRole.ToolTipRole)
        assert len(view.reads) == 2  # cached
        assert model.row_of(ids[-1]) == count - 1 and model.id_at(2) == ids[2]
        # A filter is one SQL query; rows keep their 序号.
        model.set_filter(RowFilter(article_keys=frozenset({"a12"})))
        assert model.rowCount() == len([n for n in range(count) if n % 20 == 11])
        assert model.data(model.index(0, COL_NUMBER)) == "12"
        store.decide([ids[11]], make_decision(Disposition.ADOPTED, "", "法工委"))
        view.reload_counts()
        model.set_dispositions([ids[11]], Disposition.ADOPTED)
        assert model.data(model.index(0, COL_DISPOSITION)) == "采纳"
        assert view.adoption_counts({"a12"})[1] == 1
        model.set_filter(RowFilter(pending=True))
        assert model.rowCount() == count - 1 and model.row_of(ids[11]) == -1
        model.set_rows([])
        assert model.rowCount() == 0 and model.row_at(0) is None
