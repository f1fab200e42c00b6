"""Saving only what changed leaves exactly the rows the full rewrite leaves, edit by edit.

Two real SQLite libraries get the same text; after every edit (or group of edits) one is
saved with the full rewrite, the other with the uids the edits named, and the stored tables
(unit rows, lineage rows, the version row) are read back from the files and compared.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from drafting.edit.operations import (
    DeleteUnit,
    EditError,
    EditResult,
    EditSession,
    EditText,
    MergeArticles,
    MoveUnit,
    Operation,
    SplitArticle,
    insert_after,
    insert_amendment_article,
    insert_before,
    insert_child,
    move_down,
    move_up,
    new_unit,
)
from drafting.model.units import Draft, Unit, UnitKind
from drafting.read.parse import parse_file
from drafting.write.plain_text import render_text
from storage.library import ConflictError, Library

CIVIL_CODE = "large_civil_code_2020.md"
SMALL = ("local_jinan_historic_city_2020.md", "pair_lifafa_2023.md", "local_ningbo_river_2019.md")


@dataclass
class Twin:
    """One text in two libraries: ``full`` saved by rewriting, ``part`` by saving the changes."""

    full: Library
    part: Library
    paths: tuple[Path, Path]
    version_id: int
    session: EditSession
    pending: set[str] = field(default_factory=set)
    written: list[int] = field(default_factory=list)

    @property
    def draft(self) -> Draft:
        return self.session.draft

    def run(self, result: EditResult | None) -> None:
        if result is not None:
            self.pending |= result.touched

    def apply(self, op: Operation) -> EditResult | None:
        try:
            result = self.session.apply(op)
        except EditError:
            return None
        self.run(result)
        return result

    def save(self) -> None:
        """Save to both; the revision moves in step, so the same draft object serves both."""
        draft = self.draft
        seen = draft.base_revision
        self.full.save_draft(self.version_id, draft)
        after_full = draft.base_revision
        draft.base_revision = seen
        self.written.append(self.part.save_draft(self.version_id, draft, changed=self.pending))
        assert draft.base_revision == after_full
        self.pending = set()
        self.check()

    def check(self) -> None:
        full, part = (stored_tables(path, self.version_id) for path in self.paths)
        assert part == full
        assert stored_units(self.paths[1], self.version_id) == expected_units(self.draft)
        reopened = self.part.load_draft(self.version_id)
        assert render_text(reopened) == render_text(self.draft)
        assert reopened.lineage == self.draft.lineage


def stored_tables(path: Path, version_id: int) -> tuple[list[tuple[object, ...]], ...]:
    """Every stored row of the version, read from the file with sqlite3 (not the façade)."""
    with sqlite3.connect(path) as conn:
        units = conn.execute(
            "SELECT uid, parent_uid, position, kind, numbering, heading, text FROM unit "
            "WHERE version_id = ? ORDER BY uid",
            (version_id,),
        ).fetchall()
        lineage = conn.execute(
            "SELECT uid, origin_uid FROM unit_lineage WHERE version_id = ? ORDER BY 1, 2",
            (version_id,),
        ).fetchall()
        version = conn.execute(
            "SELECT title, title_note, articles, revision, frozen FROM version WHERE id = ?",
            (version_id,),
        ).fetchall()
    conn.close()
    return units, lineage, version


def stored_units(path: Path, version_id: int) -> list[tuple[object, ...]]:
    return stored_tables(path, version_id)[0]


def expected_units(draft: Draft) -> list[tuple[object, ...]]:
    rows = []
    for unit, parent in draft.walk_with_parents():
        siblings = parent.children if parent is not None else draft.units
        position = next(i for i, u in enumerate(siblings) if u is unit)
        rows.append(
            (
                unit.uid,
                parent.uid if parent is not None else None,
                position,
                unit.kind.value,
                unit.numbering.value,
                unit.heading,
                unit.text,
            )
        )
    return sorted(rows, key=lambda row: str(row[0]))


@pytest.fixture
def twin_of(tmp_path: Path) -> Iterator[Callable[[Draft], Twin]]:
    opened: list[Library] = []

    def make(draft: Draft) -> Twin:
        paths = (tmp_path / f"full{len(opened)}.sqlite3", tmp_path / f"part{len(opened)}.sqlite3")
        full, part = Library.open(paths[0]), Library.open(paths[1])
        opened.extend((full, part))
        version = full.import_draft(draft)
        assert part.import_draft(draft).id == version.id
        return Twin(full, part, paths, version.id, EditSession(full.load_draft(version.id)))

    yield make
    for library in opened:
        library.close()


def paragraphs(draft: Draft) -> list[Unit]:
    return [u for u in draft.walk() if u.kind is UnitKind.PARAGRAPH]


def with_items(draft: Draft) -> Unit:
    """A 款 with 项 under it and words after its middle (for a split handing the 项 over)."""
    return next(p for p in paragraphs(draft) if p.children and len(p.text) > 4)


def article_of(draft: Draft, uid: str) -> Unit:
    return next(a for a in draft.articles() if any(u.uid == uid for u in a.walk()))


# ---- named edits, one save each -------------------------------------------------------------


def test_each_kind_of_edit_gives_the_rows_of_the_full_rewrite(
    twin_of: Callable[[Draft], Twin], corpus: Path
) -> None:
    twin = twin_of(parse_file(corpus / "local_jinan_historic_city_2020.md").draft)
    draft = twin.draft
    chapters = [u for u in draft.walk() if u.kind is UnitKind.CHAPTER]
    articles = draft.articles()
    assert len(chapters) > 2 and len(articles) > 20

    def edits() -> Iterator[Callable[[], Operation]]:
        first = draft.articles()[0]
        yield lambda: EditText(first.children[0].uid, first.children[0].text + "（修改）")
        yield lambda: EditText(chapters[1].uid, "新的章名", "heading")
        yield lambda: insert_before(draft, first.uid, new_unit(UnitKind.ARTICLE, "新增第一条。"))
        yield lambda: insert_after(
            draft, draft.articles()[5].uid, new_unit(UnitKind.ARTICLE, "依照本条例第三条办理。")
        )
        yield lambda: insert_amendment_article(draft, draft.articles()[7].uid, "之一的条文。")
        yield lambda: insert_amendment_article(draft, draft.articles()[7].uid, "之二的条文。")
        yield lambda: insert_child(
            draft, draft.articles()[3].uid, new_unit(UnitKind.PARAGRAPH, "新增一款。")
        )
        chapter = Unit(
            UnitKind.CHAPTER,
            heading="新增一章",
            children=[new_unit(UnitKind.ARTICLE, "新章第一条。"), new_unit(UnitKind.ARTICLE, "二")],
        )
        yield lambda: insert_before(draft, chapters[2].uid, chapter)
        yield lambda: DeleteUnit(draft.articles()[10].uid)
        yield lambda: DeleteUnit(chapter.uid)  # a chapter with its articles
        yield lambda: move_down(draft, draft.articles()[2].uid)
        yield lambda: move_up(draft, draft.articles()[12].uid)
        # The first article of a chapter moving up goes to the end of the previous chapter.
        yield lambda: move_up(draft, chapters[2].children[0].uid)
        yield lambda: MoveUnit(draft.articles()[1].uid, chapters[-1].uid, 0)
        yield lambda: MoveUnit(chapters[-1].uid, None, 0)  # a whole chapter, to the top
        holder = with_items(draft)
        yield lambda: SplitArticle(
            article_of(draft, holder.uid).uid, holder.uid, len(holder.text) // 2
        )
        yield lambda: SplitArticle(draft.articles()[4].uid, draft.articles()[4].children[0].uid, 0)
        yield lambda: MergeArticles(draft.articles()[8].uid)
        yield lambda: MergeArticles(draft.articles()[8].uid)

    done = 0
    for make in edits():
        try:
            op = make()
        except EditError:
            continue
        if twin.apply(op) is None:
            continue
        done += 1
        twin.save()
        twin.run(twin.session.undo())
        twin.save()
        twin.run(twin.session.redo())
        twin.save()
    assert done >= 17
    assert draft.lineage  # splits and merges recorded lineage, saved both ways
    # Typing and one reference rewrite wrote a handful of rows, never the whole text.
    assert min(twin.written) <= 2
    assert max(twin.written) < len(list(draft.walk())) // 2


def test_civil_code_one_word_and_a_renumbering_edit(
    twin_of: Callable[[Draft], Twin], corpus: Path
) -> None:
    twin = twin_of(parse_file(corpus / CIVIL_CODE).draft)
    draft = twin.draft
    units = len(list(draft.walk()))
    middle = draft.articles()[630].children[0]
    twin.apply(EditText(middle.uid, middle.text.replace("。", "的。", 1)))
    twin.save()
    assert twin.written[-1] == 1  # one 款 rewritten, out of 3,523 rows
    # Inserting before 第一条 renumbers every article and rewrites the references' words.
    result = twin.apply(
        insert_before(draft, draft.articles()[0].uid, new_unit(UnitKind.ARTICLE, "新增条文。"))
    )
    assert result is not None and len(result.changes) > 20
    twin.save()
    assert twin.written[-1] < units // 10
    twin.run(twin.session.undo())
    twin.save()
    twin.apply(DeleteUnit(draft.articles()[100].uid))
    twin.apply(move_down(draft, draft.articles()[200].uid))
    twin.save()  # two edits, one save


@pytest.mark.parametrize("name", SMALL)
def test_random_edit_sequences_with_saves_in_between(
    twin_of: Callable[[Draft], Twin], corpus: Path, name: str
) -> None:
    twin = twin_of(parse_file(corpus / name).draft)
    draft = twin.draft
    rng = random.Random(name)

    def any_unit(kind: UnitKind | None = None) -> Unit:
        units = [u for u in draft.walk() if kind is None or u.kind is kind]
        return rng.choice(units)

    def make() -> Operation:
        articles = draft.articles()
        choice = rng.randrange(9)
        if choice == 0:
            unit = any_unit(UnitKind.PARAGRAPH)
            return EditText(unit.uid, unit.text[: rng.randrange(len(unit.text) + 1)] + "改")
        if choice == 1:
            kind = rng.choice([UnitKind.ARTICLE, UnitKind.PARAGRAPH])
            anchor = any_unit(kind)
            return insert_after(draft, anchor.uid, new_unit(kind, "依照本条例第二条的规定。"))
        if choice == 2:
            return insert_amendment_article(draft, rng.choice(articles).uid, "之一。")
        if choice == 3:
            return DeleteUnit(any_unit().uid)
        if choice == 4:
            return rng.choice([move_up, move_down])(draft, rng.choice(articles).uid)
        if choice == 5:
            unit = any_unit()
            parent = any_unit() if rng.random() < 0.7 else None
            size = len(parent.children) if parent is not None else len(draft.units)
            return MoveUnit(unit.uid, parent.uid if parent else None, rng.randrange(size + 1))
        if choice == 6:
            paragraph = any_unit(UnitKind.PARAGRAPH)
            article = article_of(draft, paragraph.uid)
            return SplitArticle(article.uid, paragraph.uid, rng.randrange(len(paragraph.text) + 1))
        if choice == 7:
            return MergeArticles(rng.choice(articles).uid)
        return DeleteUnit(rng.choice(articles).uid)

    for step in range(120):
        roll = rng.random()
        if roll < 0.15:
            twin.run(twin.session.undo())
        elif roll < 0.22:
            twin.run(twin.session.redo())
        else:
            try:
                op = make()
            except EditError:
                continue
            twin.apply(op)
        if rng.random() < 0.35 or step == 119:
            twin.save()
    assert len(twin.written) > 20


# ---- fallbacks and guards -----------------------------------------------------------------


def test_a_hint_that_misses_a_unit_falls_back_to_the_full_rewrite(
    twin_of: Callable[[Draft], Twin], corpus: Path
) -> None:
    twin = twin_of(parse_file(corpus / SMALL[0]).draft)
    draft = twin.draft
    twin.session.apply(insert_after(draft, draft.articles()[3].uid, new_unit(UnitKind.ARTICLE)))
    twin.pending = set()  # the edit went unannounced: the row count gives it away
    twin.save()
    assert twin.written[-1] == len(list(draft.walk()))  # every row written again


def test_a_draft_not_read_from_the_library_is_written_whole(tmp_path: Path, corpus: Path) -> None:
    draft = parse_file(corpus / SMALL[1]).draft
    with Library.open(tmp_path / "lib.sqlite3") as library:
        version = library.import_draft(draft)
        fresh = parse_file(corpus / SMALL[1]).draft  # other uids, no base revision
        written = library.save_draft(version.id, fresh, changed=set())
        assert written == len(list(fresh.walk()))
        assert render_text(library.load_draft(version.id)) == render_text(fresh)


def test_saving_the_changes_keeps_the_conflict_check(tmp_path: Path, corpus: Path) -> None:
    with Library.open(tmp_path / "lib.sqlite3") as library:
        version = library.import_draft(parse_file(corpus / SMALL[2]).draft)
        mine = library.load_draft(version.id)
        theirs = library.load_draft(version.id)
        session = EditSession(theirs)
        paragraph = paragraphs(theirs)[0]
        result = session.apply(EditText(paragraph.uid, "别处的修改。"))
        library.save_draft(version.id, theirs, changed=result.touched)
        session = EditSession(mine)
        paragraph = paragraphs(mine)[1]
        result = session.apply(EditText(paragraph.uid, "本窗口的修改。"))
        with pytest.raises(ConflictError):
            library.save_draft(version.id, mine, changed=result.touched)
        stored = render_text(library.load_draft(version.id))
        assert "别处的修改。" in stored and "本窗口的修改。" not in stored


def test_naming_only_the_root_of_a_subtree_is_enough(
    twin_of: Callable[[Draft], Twin], corpus: Path
) -> None:
    twin = twin_of(parse_file(corpus / SMALL[0]).draft)
    draft = twin.draft
    units = len(list(draft.walk()))
    chapters = [u for u in draft.walk() if u.kind is UnitKind.CHAPTER]
    chapter = Unit(
        UnitKind.CHAPTER,
        heading="新增一章",
        children=[new_unit(UnitKind.ARTICLE, "一。"), new_unit(UnitKind.ARTICLE, "二。")],
    )
    result = twin.session.apply(insert_before(draft, chapters[1].uid, chapter))
    # Words changed must be named (references renumbered); of the units that came, the
    # chapter is enough: the comparison finds its articles and 款.
    twin.pending = {chapter.uid, *(change.unit_uid for change in result.changes)}
    twin.save()
    assert twin.written[-1] < units // 2  # no fallback to the full rewrite
    result = twin.session.apply(DeleteUnit(chapters[2].uid))
    twin.pending = {chapters[2].uid, *(change.unit_uid for change in result.changes)}
    twin.save()
    assert twin.written[-1] < units // 2
