"""The names of the corpus texts a writer must lay out (not the amendment decisions)."""

from __future__ import annotations

from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def corpus_text_names() -> list[str]:
    """File names of the regulation texts in ../shared/corpus, sorted; [] without the folder
    (the ``corpus`` fixture then fails the test loudly)."""
    if not CORPUS.is_dir():
        return []
    return sorted(
        p.name
        for p in CORPUS.iterdir()
        if p.suffix in (".md", ".txt")
        and p.name != "README.md"
        and not p.name.startswith("amendment")
    )
