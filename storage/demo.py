"""The demo drafts a new, empty library starts with, so a first-time user has something to try.

The texts live in ``resources/demo`` in the canonical plain-text layout with the plain title; the
stage of each draft (征求意见稿, 草案) is kept here, as the version's label and stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.library import Library, VersionInfo

DEMO_DIR = Path(__file__).resolve().parent.parent / "resources" / "demo"
DEMO_SOURCE = "示例"


@dataclass(frozen=True)
class DemoDraft:
    """One demo text and the version it becomes."""

    file: str  # name inside resources/demo
    label: str  # 稿次名
    stage: str


DEMO_DRAFTS: tuple[DemoDraft, ...] = (
    DemoDraft("ancient_city.txt", label="征求意见稿", stage="征求意见"),
    DemoDraft("park.txt", label="草案", stage="一审"),
)


def demo_path(demo: DemoDraft) -> Path:
    """Where the demo text is on disk."""
    return DEMO_DIR / demo.file


def seed(library: Library) -> list[VersionInfo]:
    """Import every demo draft as a new regulation with one working version."""
    # Imported here: opening a library must not pay for the parser.
    from drafting.parse import parse_file

    # Parse all first: a broken resource then leaves the library empty, not half seeded.
    drafts = [(demo, parse_file(demo_path(demo)).draft) for demo in DEMO_DRAFTS]
    return [
        library.import_draft(draft, label=demo.label, stage=demo.stage, source=DEMO_SOURCE)
        for demo, draft in drafts
    ]
