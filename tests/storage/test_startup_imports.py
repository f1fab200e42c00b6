"""The library works without SQLAlchemy's ORM: it never loads (start-up time)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_library_operations_never_load_the_orm(tmp_path: Path, corpus: Path) -> None:
    text = corpus / "local_jinan_historic_city_2020.md"
    code = f"""
import sys
from drafting.edit.operations import EditSession, EditText
from storage.library import Library
from drafting.read.parse import parse_file
with Library.open({str(tmp_path / "lib.sqlite3")!r}) as library:
    version = library.import_draft(parse_file({str(text)!r}).draft)
    library.regulations()
    draft = library.load_draft(version.id)
    unit = draft.articles()[0].children[0]
    result = EditSession(draft).apply(EditText(unit.uid, unit.text + "改"))
    library.save_draft(version.id, draft, changed=result.touched)
    library.snapshot(version.id, label="征求意见稿", frozen=True)
print("sqlalchemy.orm" in sys.modules)
"""
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
