"""立法工作台 — entry point.

``python app.py`` opens the window; a subcommand runs a headless job and prints JSON with
``--json``. Headless commands never import Qt, so they start fast and run without a display.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

Handler = Callable[[argparse.Namespace], int]


class CommandError(Exception):
    """A headless job failed for a reason the user can act on: one line on stderr, exit 1."""


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


@contextmanager
def _file_errors() -> Iterator[None]:
    """A file that cannot be read as a regulation (ParseError) ends the job as a CommandError."""
    from drafting.errors import ParseError

    try:
        yield
    except ParseError as exc:
        raise CommandError(str(exc)) from exc


# ---- parse / import / list (foundation) ----------------------------------------------------


def _cmd_parse(args: argparse.Namespace) -> int:
    from drafting.model.numbering import article_body, compute_numbers
    from drafting.model.tree_data import appendix_data, draft_tree
    from drafting.read.files import read_draft

    with _file_errors():
        result = read_draft(Path(args.file), revisions=args.revisions)
    draft = result.draft
    numbers = compute_numbers(draft)
    counts = draft.counts()
    articles = []
    for unit, chapter in _articles_with_chapter(draft):
        articles.append(
            {
                "number": numbers[unit.uid].label,
                "chapter": numbers[chapter.uid].label or chapter.heading if chapter else None,
                "text": article_body(unit),
            }
        )
    data = {
        "title": draft.title,
        "stage": result.stage,
        "title_note": draft.title_note,
        "counts": {
            "parts": counts.parts,
            "chapters": counts.chapters,
            "sections": counts.sections,
            "articles": counts.articles,
            "paragraphs": counts.paragraphs,
            "items": counts.items,
            "subitems": counts.subitems,
        },
        "articles": articles,
        "warnings": [{"line": w.line, "message": w.message} for w in result.warnings],
        "preamble": list(draft.preamble.paragraphs) if draft.preamble else [],
        "appendices": [appendix_data(a) for a in draft.appendices],
        "tree": draft_tree(draft, result.printed_labels),
        "notes": list(result.notes),
    }
    if args.json:
        _print_json(data)
    else:
        extra = ", 有序言" if draft.preamble is not None else ""
        extra += f", 附件 {len(draft.appendices)} 个" if draft.appendices else ""
        print(f"{draft.title}: {counts.chapters} 章, {counts.articles} 条{extra}")
        for warning in result.warnings:
            print(f"  第{warning.line}行: {warning.message}")
    return 0


def _articles_with_chapter(draft):  # type: ignore[no-untyped-def]
    """Each article with the chapter that holds it (None in a text without chapters)."""
    from drafting.model.units import UnitKind

    def walk(units, chapter):  # type: ignore[no-untyped-def]
        for unit in units:
            if unit.kind is UnitKind.ARTICLE:
                yield unit, chapter
            elif unit.kind.is_heading:
                yield from walk(unit.children, unit if unit.kind is UnitKind.CHAPTER else chapter)

    yield from walk(draft.units, None)


def _open_library(args: argparse.Namespace, *, create: bool = False):  # type: ignore[no-untyped-def]
    """The library of ``--db``; only ``import`` makes a missing one (a typo must not).

    The default library in the data folder is always there to read: it is made when missing.
    """
    from storage.library import Library, LibraryError

    try:
        return Library.open(args.db, create=create or args.db is None)
    except LibraryError as exc:
        raise CommandError(str(exc)) from exc


def _cmd_import(args: argparse.Namespace) -> int:
    from drafting.read.files import read_draft
    from drafting.read.survey import survey_file

    path = Path(args.file)
    force = getattr(args, "force", False)
    if not force and path.is_file():
        try:
            survey = survey_file(path)
        except OSError:
            survey = None  # read_draft says what is wrong with the file
        if survey is not None and survey.too_large:
            raise CommandError(survey.question(path.name) + "确要导入，请加 --force")
    with _file_errors():
        result = read_draft(path, revisions=args.revisions, force=force)
    with _open_library(args, create=True) as library:
        same = None if args.allow_duplicate else library.find_same_text(result.draft)
        if same is not None:
            raise CommandError(
                f"法规库中已有相同的文本：《{same.title}》（法规 {same.regulation_id}，"
                f"稿次 {same.id}「{same.label}」），未重复导入。"
                "如确需另存为一部新法规，请加 --allow-duplicate"
            )
        version = library.import_draft(result.draft, label=result.stage, source=str(args.file))
    data = {
        "regulation": version.regulation_id,
        "version": version.id,
        "title": result.draft.title,
        "label": version.label,
        "articles": result.draft.counts().articles,
        # What the reader repaired, kept as printed, or set aside: the same as `parse` shows.
        "warnings": [{"line": w.line, "message": w.message} for w in result.warnings],
        "notes": list(result.notes),
    }
    if args.json:
        _print_json(data)
    else:
        print(f"已导入《{data['title']}》: 法规 {data['regulation']}, 稿次 {data['version']}")
        for warning in result.warnings:
            print(
                f"  第{warning.line}行: {warning.message}"
                if warning.line
                else f"  {warning.message}"
            )
        if result.notes:
            print(f"  {len(result.notes)} 行注记（落款、脚注等）不是条文，已作为注记存入法规库")
    return 0


def _cmd_list(args: argparse.Namespace) -> int:
    from storage.references import reference_ids, references

    with _open_library(args) as library:
        # References (issue 16) are listed apart, and only when asked for.
        apart = reference_ids(library)
        regulations = [reg for reg in library.regulations() if reg.id not in apart]
        listed_references = references(library) if args.references else None
        data: dict[str, Any] = {
            "library": str(library.location),
            "regulations": [
                {
                    "id": reg.id,
                    "title": reg.title,
                    "versions": [
                        {
                            "id": v.id,
                            "label": v.label,
                            "stage": v.stage,
                            "frozen": v.frozen,
                            "created": v.created.isoformat(timespec="seconds"),
                            "articles": v.articles,
                        }
                        for v in reg.versions
                    ],
                }
                for reg in regulations
            ],
        }
    if listed_references is not None:
        data["references"] = [ref.to_json() for ref in listed_references]
    if args.json:
        _print_json(data)
    else:
        for reg in data["regulations"]:
            print(f"[{reg['id']}] {reg['title']}")
            for v in reg["versions"]:
                print(f"    ({v['id']}) {v['label']} · {v['articles']} 条")
        for ref in data.get("references", []):
            print(f"[{ref['regulation']}] （参考）{ref['title']} · {ref['place']} · {ref['status']}")
    return 0


# ---- export (issue 5) ------------------------------------------------------------------------


def _read_for_export(path: Path):  # type: ignore[no-untyped-def]
    """A draft from a text, .docx or Akoma Ntoso (.xml/.akn) file."""
    from drafting.read.files import read_draft

    with _file_errors():
        return read_draft(path).draft


def _export_pdf(draft, out: Path, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    """Qt's PDF writer needs a QGuiApplication; offscreen when there is no display."""
    import os

    if (
        not os.environ.get("QT_QPA_PLATFORM")
        and sys.platform.startswith("linux")
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication

    from ui.output.printing import PrintOptions, print_to_pdf

    app = QGuiApplication.instance() or QGuiApplication(["app.py"])  # noqa: F841 (kept alive)
    options = PrintOptions(
        stage_label=args.stage,
        mark=args.mark,
        line_numbers=args.line_numbers,
        wide_margin=args.wide_margin,
        watermark=args.watermark,
    )
    return print_to_pdf(draft, out, options)


def _cmd_export(args: argparse.Namespace) -> int:
    if not (args.docx or args.pdf or args.akn):
        raise CommandError("请至少指定一种输出：--docx、--pdf 或 --akn")
    draft = _read_for_export(Path(args.file))
    data: dict[str, Any] = {"title": draft.title, "articles": draft.counts().articles}
    try:
        if args.docx:
            from drafting.write.text_docx import export_docx

            export_docx(draft, Path(args.docx), stage_label=args.stage)
            data["docx"] = str(args.docx)
        if args.akn:
            from drafting.exchange.akoma_ntoso import to_akn

            Path(args.akn).write_bytes(to_akn(draft, stage_label=args.stage))
            data["akn"] = str(args.akn)
        if args.pdf:
            data["pdf"] = str(args.pdf)
            data["pages"] = _export_pdf(draft, Path(args.pdf), args)
    except OSError as exc:
        target = exc.filename or ""
        raise CommandError(f"无法写入文件：{target}（{exc.strerror or exc}）") from exc
    if args.json:
        _print_json(data)
    else:
        outputs = "、".join(str(data[k]) for k in ("docx", "pdf", "akn") if k in data)
        pages = f"，PDF 共 {data['pages']} 页" if "pages" in data else ""
        print(f"已导出《{draft.title}》（{data['articles']} 条）：{outputs}{pages}")
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    """Compare two files article by article (issue 6); optional 对照表 / 修改稿 / 修改决定."""
    from drafting.compare.articles import STATUS_NAMES, compare_drafts
    from drafting.compare.matter import compare_matter, compare_notes, notes_parts
    from drafting.read.files import read_draft

    drafts = []
    printed_toc = False  # a source printed a 目录 (the 修改稿 has one only then, G13)
    printed_labels: list[dict[str, str]] = []  # per side: uid → label as printed (G12)
    for name in (args.old, args.new):
        with _file_errors():
            parsed = read_draft(Path(name))
            drafts.append(parsed.draft)
            printed_labels.append(parsed.printed_labels)
        printed_toc = printed_toc or any(
            w.message.startswith("目录（") for w in parsed.warnings
        )
    old, new = drafts
    comparison = compare_drafts(old, new)
    data = comparison.to_json()
    rc = 0
    # 序言 and 附件 (issue 10): a changed tax table or preamble is never silent.
    data["matter"] = [c.to_json() for c in compare_matter(old, new)]
    # The notes after the last article (落款, 注：…): not the law's words, so not in "matter"
    # (nor in the 对照表); null when they did not change.
    notes_change = compare_notes(old, new)
    data["notes_change"] = notes_change.to_json() if notes_change is not None else None
    if data["notes_change"] is not None:
        # Which part changed: the 注 (the law's words, drafted in the 修改决定) or the 落款,
        # dates and editor's marks (only reported).
        note_changed, signature_changed = notes_parts(old.notes, new.notes)
        data["notes_change"]["note_changed"] = note_changed
        data["notes_change"]["signature_changed"] = signature_changed
    try:
        if args.docx:
            from drafting.write.comparison_docx import comparison_table_docx

            comparison_table_docx(
                comparison,
                Path(args.docx),
                include_renumbered=args.all,
                include_unchanged=args.all,
                same_as_left=args.same_as_left,
                headings=args.headings,
            )
            data["docx"] = str(args.docx)
        if args.tracked_docx:
            from drafting.write.comparison_docx import tracked_draft_docx
            from storage.user_settings import signing_name

            # --author, else the name the window saved (起草人姓名), else the login name (F22).
            author = signing_name(args.author)
            tracked_draft_docx(
                comparison, new, Path(args.tracked_docx), author=author, toc=printed_toc
            )
            data["tracked_docx"] = str(args.tracked_docx)
            from drafting.write.comparison_rows import untracked_changes

            for reason in untracked_changes(comparison):
                data.setdefault("warnings", []).append(reason)
                print(f"警告：{reason}", file=sys.stderr)
    except OSError as exc:
        raise CommandError(f"无法写入文件：{exc.filename or ''}（{exc.strerror or exc}）") from exc
    if args.docx or args.tracked_docx or args.decision or args.decision_text or args.decision_docx:
        # A number the source did not print is written by every document: say where (G12).
        from drafting.compare.decision_notes import supplied_labels

        for draft, labels, side in zip(drafts, printed_labels, ("原文本", "新文本"), strict=True):
            for reason in supplied_labels(draft, labels, side):
                data.setdefault("warnings", []).append(reason)
                print(f"警告：{reason}", file=sys.stderr)
    if args.decision or args.decision_text or args.decision_docx:
        from drafting.compare.decision import DecisionStyle, amendment_decision

        style = DecisionStyle(level=args.level, body=args.body, effective=args.effective)
        # A change inside an article's table is drafted as items too (compare.decision_tables).
        decision = amendment_decision(comparison, style=style)
        # A changed 落款 or date after the last article is no item (not the law's words).
        from drafting.compare.decision_notes import notes_warnings

        for reason in notes_warnings(old, new):
            data.setdefault("warnings", []).append(reason)
            print(f"警告：{reason}", file=sys.stderr)
        # Articles that differ only in punctuation width are in no item (G11): say which.
        from drafting.compare.decision import punctuation_warnings

        for reason in punctuation_warnings(comparison):
            data.setdefault("warnings", []).append(reason)
            print(f"警告：{reason}", file=sys.stderr)
        from drafting.compare.decision import drafts_nothing

        if drafts_nothing(decision):
            # Only the opening line: no item to draft. Say so and write no decision (a
            # decision that amends nothing is no decision).
            from drafting.compare.decision import no_decision_reason

            reason = no_decision_reason(comparison, bool(data["matter"]))
            data.setdefault("warnings", []).append(reason)
            print(f"警告：{reason}", file=sys.stderr)
            rc = 1
        elif args.decision:
            data["decision"] = decision
        if args.decision_text and rc == 0:
            try:
                Path(args.decision_text).write_text(decision, encoding="utf-8")
            except OSError as exc:
                raise CommandError(
                    f"无法写入文件：{args.decision_text}（{exc.strerror or exc}）"
                ) from exc
            data["decision_text"] = str(args.decision_text)
        if args.decision_docx and rc == 0:
            from drafting.write.decision_docx import decision_docx

            try:
                decision_docx(decision, Path(args.decision_docx), title=new.title)
            except OSError as exc:
                raise CommandError(
                    f"无法写入文件：{args.decision_docx}（{exc.strerror or exc}）"
                ) from exc
            data["decision_docx"] = str(args.decision_docx)
    if args.json:
        _print_json(data)
    else:
        from drafting.compare.matter import headline

        # The 注/附件/序言 count too: a changed 注 alone is no "无修改" (G13).
        summary = headline(comparison.totals_text(), compare_matter(old, new), notes_change)
        print(f"《{old.title}》→《{new.title}》：{summary}")
        for change in data["matter"]:
            print(f"  {STATUS_NAMES.get(change['status'], change['status'])}\t{change['part']}")
        for pair in comparison.pairs:
            if pair.is_change:
                old_label = "、".join(pair.old_numbers) or "—"
                new_label = "、".join(pair.new_numbers) or "—"
                print(f"  {STATUS_NAMES[pair.status]}\t{old_label} → {new_label}")
        if notes_change is not None:  # printed after the last article
            print(f"  {STATUS_NAMES.get(notes_change.status, notes_change.status)}\t注记（落款、注）")
        if args.decision and "decision" in data:
            print(data["decision"], end="")
    return rc


def _cmd_amend(args: argparse.Namespace) -> int:
    """Apply a 修改决定 (or 修正案) to a text and write the amended text (issue 11); with
    --regulation/--version, to a version in the library, stored as a new working draft."""
    if args.regulation is not None or args.version is not None:
        return _amend_in_library(args)
    if args.decision is None or not args.out:
        raise CommandError(
            "用法：amend 原文本 修改决定 --out 修改后文本；"
            "或 amend 修改决定 --regulation 法规编号 [--version 稿次编号]（存入法规库）"
        )
    from drafting.amend.apply import apply_decision
    from drafting.amend.read import decision_file_text
    from drafting.amend.report import failed_entries
    from drafting.amend.target import (
        named_title,
        names_another,
        other_regulation_warning,
        read_decision_for,
    )
    from drafting.errors import ParseError
    from drafting.read.files import read_draft

    out = Path(args.out)
    if out.suffix.lower() not in _AMEND_OUT_SUFFIXES:
        # Refused before any work: the amended text is a working text, read back by every
        # other command; a PDF is a print of it (export --pdf), not a text to amend again.
        raise CommandError(
            f"不支持的输出格式“{out.suffix or '（无扩展名）'}”：--out 应为 .md、.txt 或 .docx"
            "（需要 PDF 时，请对写出的文本使用 export --pdf）"
        )
    with _file_errors():
        parsed = read_draft(Path(args.old))
    old = parsed.draft
    decision_path = Path(args.decision)
    try:
        decision_text = decision_file_text(decision_path)
    except (OSError, UnicodeDecodeError, ParseError) as exc:
        raise CommandError(f"无法读取修改决定：{decision_path}（{exc}）") from exc
    # A combined decision (一、对《A》作如下修改：（一）…): the part for this regulation (G7).
    decision, decision_text = read_decision_for(decision_text, old.title)
    named = named_title(decision_text)
    other = other_regulation_warning(named, old.title) if names_another(named, old.title) else ""
    if other and not (args.other_title or args.force):
        # A decision for another regulation is refused before anything is written (F9).
        refusal = f"{other}。未作修改；确要按此决定修改，请加 --other-title"
        if args.json:
            # A script reading the JSON gets it on a refusal too (G13): nothing applied, every
            # item read listed as not executed, the refusal as ``error``.
            from drafting.amend.instructions import render

            _print_json(
                {
                    "applied": [],
                    "failed": [
                        {"instruction": render(i), "reason": other, "item": n}
                        for i, n in zip(decision.instructions, decision.item_numbers, strict=False)
                    ],
                    "warnings": [other, *decision.warnings],
                    "error": refusal,
                }
            )
        raise CommandError(refusal)
    result = apply_decision(old, decision)
    if other:
        result.warnings.insert(0, other)
    data: dict[str, Any] = result.to_json()
    data["looks_applied"] = result.looks_applied  # G14: the first warning says why
    # In the decision's order, each with its item number (一、二…): read and applied failures.
    data["failed"] = failed_entries(decision, result)
    if result.nothing_applied:
        # Nothing to write: an unchanged copy must not pass for an amended text.
        if args.json:
            _print_json(data)
        raise CommandError("；".join(result.warnings))
    try:
        if out.suffix.lower() == ".docx":
            from drafting.write.text_docx import export_docx

            export_docx(result.draft, out)
        else:
            from drafting.amend.output import amended_text, had_toc

            text = amended_text(
                result.draft,
                toc=had_toc([w.message for w in parsed.warnings]),
            )  # the notes after the last article travel in the draft (Draft.notes)
            out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"无法写入文件：{out}（{exc.strerror or exc}）") from exc
    data["out"] = str(out)
    data["articles"] = len(result.draft.articles())
    for warning in result.warnings:
        print(f"警告：{warning}", file=sys.stderr)
    if args.json:
        _print_json(data)
    else:
        print(
            f"已按修改决定修改《{old.title}》：{len(data['applied'])} 项已执行，"
            f"{len(data['failed'])} 项未能执行；已写出 {out}"
        )
        for failure in data["failed"]:
            item = f"{failure['item']}、" if failure.get("item") else ""
            print(f"  未执行：{item}{failure['instruction'][:60]}（{failure['reason']}）")
    return 1 if data["failed"] and args.strict else 0


#: What ``amend --out`` writes: Markdown/plain text, or Word.
_AMEND_OUT_SUFFIXES = frozenset({".md", ".txt", ".markdown", ".docx"})


def _amend_base(library: Any, args: argparse.Namespace) -> Any:
    """The version ``amend --regulation/--version`` applies to: --version (which must belong
    to --regulation when both are given), else the regulation's first listed version (its
    working draft; the newest frozen one when it has none). LibraryError passes through."""
    if args.version is not None:
        base = library.version(args.version)
        if args.regulation is not None and base.regulation_id != args.regulation:
            raise CommandError(f"稿次 {args.version} 不属于法规 {args.regulation}")
        return base
    return library.regulation(args.regulation).versions[0]


def _amend_in_library(args: argparse.Namespace) -> int:
    """amend DECISION --regulation ID [--version N]: apply the decision to that version of the
    library and store the result as a new working draft of the same regulation (uids carried,
    the note naming the decision). Nothing is stored when the file cannot be read, when the
    decision changes nothing, when it names another regulation, or when it looks applied to
    this version already (G14; both unless --force)."""
    from drafting.amend.target import amend_file, decision_note
    from drafting.errors import ParseError
    from storage.library import LibraryError
    from storage.user_settings import signing_name

    if args.out:
        raise CommandError("--out 用于修改文件；存入法规库时不需要 --out（可用 export 导出新稿次）")
    if args.decision is not None:
        raise CommandError(
            "存入法规库时只需给出修改决定：amend 修改决定 --regulation 法规编号 [--version 稿次编号]"
        )
    decision_path = Path(args.old)  # the one positional is the decision
    with _open_library(args) as library:
        library.user_name = lambda: signing_name()  # the audit names the drafter, as the window
        try:
            base = _amend_base(library, args)
            draft = library.load_draft(base.id)
        except LibraryError as exc:
            raise CommandError(str(exc)) from exc
        try:
            outcome = amend_file(draft, decision_path)
        except (OSError, UnicodeDecodeError, ParseError) as exc:
            raise CommandError(f"无法读取修改决定：{decision_path}（{exc}）") from exc
        data: dict[str, Any] = outcome.to_json()
        data.update({"regulation": base.regulation_id, "base_version": base.id, "version": None})
        if (
            outcome.nothing_applied
            or (outcome.other_regulation and not (args.force or args.other_title))
            or (outcome.looks_applied and not args.force)  # G14: applied twice
        ):
            if args.json:
                _print_json(data)
            reason = "；".join(outcome.warnings)
            if not outcome.nothing_applied:
                reason += "。未存入法规库；确要应用，请加 --force"
            raise CommandError(reason)
        try:
            created = library.add_version(
                base.id,
                outcome.draft,
                note=decision_note(decision_path.name, outcome),
                detail=f"按修改决定（{decision_path.name}）由「{base.label}」生成",
            )
        except LibraryError as exc:
            raise CommandError(str(exc)) from exc
    data.update({"version": created.id, "label": created.label, "articles": created.articles})
    for warning in outcome.warnings:
        print(f"警告：{warning}", file=sys.stderr)
    if args.json:
        _print_json(data)
    else:
        print(
            f"已按修改决定修改《{draft.title}》稿次 {base.id}「{base.label}」："
            f"{len(outcome.applied)} 项已执行，{len(outcome.failed)} 项未能执行；"
            f"已存为新稿次 {created.id}「{created.label}」"
        )
        for k, (clause, reason) in enumerate(outcome.failed):
            items = outcome.failed_items
            item = f"{items[k]}、" if k < len(items) and items[k] else ""
            print(f"  未执行：{item}{clause[:60]}（{reason}）")
    return 1 if outcome.failed and args.strict else 0


# ---- lint / renumber (issue 3) -----------------------------------------------------------------


def _cmd_lint(args: argparse.Namespace) -> int:
    from drafting.edit.checks import run_checks
    from drafting.edit.renumber import source_article_labels

    with _file_errors():
        result, labels = source_article_labels(Path(args.file))
    findings = run_checks(result.draft, source_numbers=labels)
    if args.json:
        _print_json(
            [
                {
                    "rule": f.rule,
                    "severity": f.severity,
                    "article": f.article,
                    "message": f.message,
                    "start": f.start,
                    "end": f.end,
                    "text": f.text,
                    "fix": f.fix,
                }
                for f in findings
            ]
        )
    else:
        names = {"error": "错误", "warning": "警告", "info": "提示"}
        for f in findings:
            print(f"{f.article or '全文'}\t{names[f.severity]}\t{f.rule}\t{f.message}")
        print(f"共 {len(findings)} 处")
    return 0


def _cmd_renumber(args: argparse.Namespace) -> int:
    from drafting.edit.renumber import renumber, source_article_labels
    from drafting.write.plain_text import render_text

    with _file_errors():
        result, labels = source_article_labels(Path(args.file))
    report = renumber(result.draft, labels)
    # A 目录 the source printed is kept, with the new numbers (the parser names it in a warning).
    had_toc = any(w.message.startswith("目录（") for w in result.warnings)
    try:
        Path(args.out).write_text(render_text(result.draft, toc=had_toc), encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"无法写出文件：{args.out}（{exc.strerror or exc}）") from exc
    warnings = [w.message for w in result.warnings] + report.warnings
    data = {
        "articles": report.articles,
        "renumbered": report.renumbered,
        "references_rewritten": report.references_rewritten,
        "warnings": warnings,
        "out": str(args.out),
        "changes": report.changes,
    }
    if args.json:
        _print_json(data)
    else:
        print(
            f"共 {report.articles} 条，重新编号 {report.renumbered} 条，"
            f"改写援引 {report.references_rewritten} 处，已写出 {args.out}"
        )
        if report.changes:
            print(f"  改动编号 {len(report.changes)} 处：")
            for change in report.changes:
                print(f"    {change}")
        for warning in warnings:
            print(f"  {warning}")
    return 0


# ---- comments (issue 4) ------------------------------------------------------------------------


def _parse_mapping(items: Sequence[str] | None) -> dict[str, str]:
    """--map 意见=意见内容,条款=条目 (repeatable) → {field: column header}."""
    mapping: dict[str, str] = {}
    for item in items or []:
        for pair in item.replace("，", ",").split(","):
            if not pair.strip():
                continue
            field, sep, header = pair.partition("=")
            if not sep or not field.strip() or not header.strip():
                raise CommandError(f"列对应关系应写作 字段=列名，如 意见=意见内容：{pair}")
            mapping[field.strip()] = header.strip()
    return mapping


def _comment_version(args: argparse.Namespace, library: Any, store: Any) -> int:
    """The version comments are read against: --version, else CommentStore.version_for."""
    round_id = getattr(args, "round", None)
    version_id: int = getattr(args, "version", None) or store.version_for(args.regulation, round_id)
    if library.version(version_id).regulation_id != args.regulation:
        raise CommandError(f"稿次 {version_id} 不属于法规 {args.regulation}")
    return version_id


def _cmd_comments_import(args: argparse.Namespace) -> int:
    from consultation.importing import CommentImportError
    from storage.comments import CommentStore
    from storage.library import LibraryError

    mapping = _parse_mapping(args.map)
    with _open_library(args) as library:
        try:
            # The window's import too: read, store, then group near-duplicates.
            stored = CommentStore(library).import_and_cluster(
                args.regulation, Path(args.file), round_id=args.round, mapping=mapping or None
            )
        except (CommentImportError, LibraryError) as exc:
            raise CommandError(str(exc)) from exc
    if stored.cluster_failure:
        raise CommandError(f"意见已导入，但聚类失败：{stored.cluster_failure}")
    report = stored.report
    data = {
        "regulation": args.regulation,
        "version": stored.version_id,
        "round": args.round,
        "file": report.file,
        "imported": report.imported,
        "skipped": [{"row": s.row, "reason": s.reason} for s in report.skipped],
        "notes": [{"row": n.row, "message": n.message} for n in report.notes],
        "columns": report.columns,
        "clusters": stored.clusters,
    }
    if args.json:
        _print_json(data)
    else:
        print(report.text())
        for s in report.skipped[:20]:
            print(f"  第{s.row}行：{s.reason}")
        for n in report.notes[:20]:
            print(f"  第{n.row}行：{n.message}")
    return 0


def _labelled(kind: Any, text: str, what: str) -> Any:
    """The member of a labelled enum (Audience, Disposition, Source…) named by ``text``.

    An unknown word ends the job with the list of words the enum knows.
    """
    member = kind.from_label(text)
    if member is None:
        names = "、".join(m.label for m in kind)
        raise CommandError(f"未知的{what}“{text}”，可选：{names}")
    return member


def _cmd_comments_round(args: argparse.Namespace) -> int:
    import datetime as dt

    from consultation.model import Audience, Round
    from storage.comments import CommentStore
    from storage.library import LibraryError

    audience = _labelled(Audience, args.audience, "征求意见对象")
    try:
        start = dt.date.fromisoformat(args.start) if args.start else None
        end = dt.date.fromisoformat(args.end) if args.end else None
    except ValueError as exc:
        raise CommandError("日期应写作 2024-05-01") from exc
    with _open_library(args) as library:
        store = CommentStore(library)
        try:
            version_id = _comment_version(args, library, store)
            created = store.add_round(
                Round(
                    args.regulation,
                    version_id,
                    audience,
                    args.title,
                    start,
                    end,
                    args.note,
                )
            )
        except LibraryError as exc:
            raise CommandError(str(exc)) from exc
    data = {
        "id": created.id,
        "regulation": created.regulation_id,
        "version": created.version_id,
        "audience": audience.label,
        "title": created.title,
        "start": args.start,
        "end": args.end,
    }
    if args.json:
        _print_json(data)
    else:
        print(f"已建立征求意见轮次 {created.id}：{created.title or audience.label}")
    return 0


def _decider(args: argparse.Namespace) -> str:
    """Who decides on the command line: --by, else the computer's login name."""
    from drafting.write.oxml.revisions import default_author

    return (args.by or "").strip() or default_author()


def _group_numbers(comments: Any) -> dict[int, int]:
    """cluster_id → the group number the 汇总表 prints (第1组 …), numbered as the summary does."""
    from consultation.decisions import clusters_from_ids

    numbers: dict[int, int] = {}
    for number, cluster in enumerate(clusters_from_ids(comments), 1):
        cluster_id = comments[cluster.member_ids[0]].cluster_id
        if cluster_id is not None:
            numbers[cluster_id] = number
    return numbers


def _ids_option(text: str | None) -> set[int] | None:
    """--id 3 or --id 3,5,8 (also 、，and spaces); CommandError when not numbers."""
    import re

    if text is None:
        return None
    parts = [p for p in re.split(r"[,，、\s]+", text.strip()) if p]
    if not parts or not all(p.isdigit() for p in parts):
        raise CommandError(f"--id 须为意见编号，如 --id 3,5,8（收到“{text}”）")
    return {int(p) for p in parts}


def _require_selection(args: argparse.Namespace, verb: str) -> None:
    """Acting on every comment at once (and overwriting earlier decisions or assignments) is
    asked for by name: --all, else some selection option; CommandError otherwise."""
    narrowed = (
        args.ids,
        args.article,
        args.source,
        args.round,
        args.cluster,
        args.undecided,
        getattr(args, "assignee", None),
    )
    if not args.all and not any(x is not None and x is not False for x in narrowed):
        raise CommandError(
            "请用 --id、--article、--source、--round、--cluster 或 --undecided 选定意见；"
            f"确要{verb}全部意见时加 --all"
        )


def _chosen_comments(args: argparse.Namespace, library: Any, store: Any, source: Any) -> list[int]:
    """The ids of the comments --id/--article/--source/--cluster/--undecided/--round/--assignee
    choose (all of the regulation's with --all); LibraryError passes through.

    --cluster N is the group number the 汇总表 prints (第N组, from 1). --article names an article
    (its comments, also those naming it among further targets), a 款 or 项 (exactly the comments
    on it), or an article the draft lacks that comments name (第六十条)."""
    from consultation.decisions import WHOLE, CommentFilter, filter_comments
    from consultation.draft_index import DraftIndex
    from consultation.targets import resolve_target

    version_id = store.version_for(args.regulation, args.round)  # refuses an unknown one
    comments = store.comments(
        args.regulation,
        round_id=args.round,
        assignee=getattr(args, "assignee", None),
        ids=_ids_option(getattr(args, "ids", None)),
        source=source,
        undecided=bool(args.undecided),
    )
    if not comments:
        return []
    if args.cluster is not None:
        # Numbered over the round's comments, as the 汇总表 numbers them.
        numbers = _group_numbers(store.comments(args.regulation, round_id=args.round))
        wanted = [cluster_id for cluster_id, n in numbers.items() if n == args.cluster]
        if not wanted:
            raise CommandError(f"没有第{args.cluster}组相同或相近意见（分组编号从1起，见汇总表）")
        comments = [c for c in comments if c.cluster_id == wanted[0]]
    if not args.article:
        return [c.id for c in comments if c.id is not None]
    draft = library.load_draft(version_id)  # only --article reads the text
    index = DraftIndex(draft)
    resolved = resolve_target(args.article, index)
    uid = resolved.target.uid
    if uid is None and resolved.missing:
        # An article the draft lacks: the comments that name it (第六十条（草案中无此条）).
        names = set(resolved.missing.split("、"))
        named = [
            c.id
            for c in comments
            if c.id is not None and names & set(c.missing_target.split("、"))
        ]
        if named:
            return named
        raise CommandError(f"草案中没有“{args.article}”，也没有意见提到它")
    if resolved.note:
        raise CommandError(f"草案中没有“{args.article}”")
    if uid is not None and index.article_of.get(uid, uid) != uid:
        # A 款 or 项: exactly the comments on it (as target or further target).
        return [c.id for c in comments if c.id is not None and uid in (c.target.uid, *c.also)]
    article = WHOLE if uid is None else uid
    chosen = filter_comments(comments, CommentFilter(article_uid=article), draft)
    ids = {c.id for c in chosen}
    if uid is not None:
        # Comments naming the article among further targets (第十二、十三条 → 第十三条).
        ids |= {
            c.id for c in comments if any(index.article_of.get(u, u) == uid for u in c.also)
        }
    return [c.id for c in comments if c.id is not None and c.id in ids]


def _cmd_comments_decide(args: argparse.Namespace) -> int:
    from consultation.decisions import DecisionError, checked_decision
    from consultation.model import Disposition, Source
    from storage.comments import CommentStore
    from storage.library import LibraryError

    if args.pending == bool(args.disposition):
        raise CommandError(
            "请给出 --disposition（处理意见），或用 --pending 改回待处理（二者选一）"
        )
    disposition = None if args.pending else _labelled(Disposition, args.disposition, "处理意见")
    source = _labelled(Source, args.source, "意见来源") if args.source else None
    by = _decider(args)
    decision = None
    if disposition is not None:
        try:
            decision = checked_decision(disposition, args.reason, by)
        except DecisionError as exc:
            raise CommandError(str(exc)) from exc
    _require_selection(args, "处理")
    with _open_library(args) as library:
        store = CommentStore(library)
        try:
            chosen = _chosen_comments(args, library, store, source)
            decided = store.decide(chosen, decision, by=by)
        except LibraryError as exc:
            raise CommandError(str(exc)) from exc
    label = disposition.label if disposition else "待处理"
    if args.json:
        _print_json({"decided": decided, "disposition": label})
    else:
        print(f"已将{decided}条意见的处理意见设为“{label}”（处理人：{by}）")
    return 0


def _cmd_comments_undo(args: argparse.Namespace) -> int:
    from storage.comments import CommentStore
    from storage.library import LibraryError

    by = _decider(args)
    with _open_library(args) as library:
        store = CommentStore(library)
        try:
            last = store.last_batch(args.regulation)
            undone = store.undo_last(args.regulation, by) if last else 0
        except LibraryError as exc:
            raise CommandError(str(exc)) from exc
    if last is None:
        raise CommandError("没有可以撤销的处理")
    if args.json:
        _print_json({"undone": undone, "action": last[1].label, "by": by})
    else:
        print(f"已撤销上一次“{last[1].label}”，恢复{undone}条意见")
    return 0


def _cmd_comments_assign(args: argparse.Namespace) -> int:
    from consultation.model import Source
    from storage.comments import CommentStore
    from storage.library import LibraryError

    if args.office is None and args.assign_handler is None:
        raise CommandError("请用 --office（处室）或 --handler（承办人）指明分派给谁")
    source = _labelled(Source, args.source, "意见来源") if args.source else None
    _require_selection(args, "分派")
    by = _decider(args)
    with _open_library(args) as library:
        store = CommentStore(library)
        try:
            chosen = _chosen_comments(args, library, store, source)
            assigned = store.assign(chosen, args.office, args.assign_handler, by=by)
        except LibraryError as exc:
            raise CommandError(str(exc)) from exc
    who = "/".join(p for p in (args.office, args.assign_handler) if p) or "无人"
    if args.json:
        _print_json({"assigned": assigned, "office": args.office, "handler": args.assign_handler})
    else:
        print(f"已将{assigned}条意见分派给{who}")
    return 0


def _cmd_comments_meeting_import(args: argparse.Namespace) -> int:
    import datetime as dt

    from consultation.draft_index import DraftIndex
    from consultation.importing import CommentImportError
    from consultation.meetings import MeetingKind, read_minutes
    from consultation.model import missing_label
    from storage.comments import CommentStore
    from storage.library import LibraryError

    kind = None
    if args.kind:
        kind = MeetingKind.from_text(args.kind)
        if kind is None:
            names = "、".join(k.label for k in MeetingKind)
            raise CommandError(f"未知的会议类型“{args.kind}”，可选：{names}")
    try:
        date = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError as exc:
        raise CommandError("日期应写作 2024-05-01") from exc
    with _open_library(args) as library:
        store = CommentStore(library)
        try:
            version_id = store.version_for(args.regulation, args.round)
            index = DraftIndex(library.load_draft(version_id))
            minutes = read_minutes(
                Path(args.file),
                index,
                args.regulation,
                kind=kind,
                date=date,
                place=args.place or "",
                title=args.title or "",
            )
            minutes.meeting.round_id = args.round
            for comment in minutes.comments:
                comment.version_id = version_id
            stored = store.add_meeting(minutes)
        except (CommentImportError, LibraryError) as exc:
            raise CommandError(str(exc)) from exc
    meeting = stored.meeting
    by_article: dict[str, int] = {}
    for comment in minutes.comments:
        if comment.target.uid:
            label = index.label(comment.target.uid)
        elif comment.missing_target:
            label = missing_label(comment.missing_target)
        else:
            label = "总体"
        by_article[label] = by_article.get(label, 0) + 1
    data = {
        "meeting": meeting.id,
        "kind": meeting.kind.label,
        "title": meeting.title,
        "date": meeting.date.isoformat() if meeting.date else None,
        "place": meeting.place,
        "participants": meeting.participants,
        "imported": len(stored.ids),
        "already": stored.already,
        "statements": [
            {
                "speaker": c.submitter.display,
                "source": c.source.label,
                "target": (
                    index.label(c.target.uid) if c.target.uid else (c.missing_target or "总体")
                ),
                "content": c.content,
            }
            for c in minutes.comments
        ],
        "by_article": by_article,
        "notes": minutes.notes,
    }
    if args.json:
        _print_json(data)
    else:
        print(
            f"已导入{meeting.kind.label}“{meeting.title or Path(args.file).name}”："
            f"{len(stored.ids)}条发言作为意见"
            + (f"（{stored.already}条此前已导入）" if stored.already else "")
        )
        for label, count in by_article.items():
            print(f"  {label}\t{count}")
        for note in minutes.notes:
            print(f"  {note}")
    return 0


def _cmd_comments_list(args: argparse.Namespace) -> int:
    from consultation.draft_index import DraftIndex
    from consultation.model import UNDECIDED_LABEL, WHOLE_DRAFT_LABEL, missing_label
    from storage.comments import CommentStore
    from storage.library import LibraryError

    with _open_library(args) as library:
        store = CommentStore(library)
        try:
            # Read as the window reads them: a comment made on a frozen version follows the
            # splits and merges recorded after it.
            on_version = store.on_version(
                args.regulation, _comment_version(args, library, store), round_id=args.round
            )
        except LibraryError as exc:
            raise CommandError(str(exc)) from exc
    comments = on_version.comments
    kept: list[int] = []
    for at, c in enumerate(comments):
        if args.assignee is not None and not c.assigned_to(args.assignee):
            continue
        if args.state == "pending" and c.decision is not None:
            continue
        if args.state == "done" and c.decision is None:
            continue
        kept.append(at)
    history: dict[int, list[Any]] = {}
    if args.history:
        with _open_library(args) as library:
            try:
                history = CommentStore(library).history(args.regulation)
            except LibraryError as exc:
                raise CommandError(str(exc)) from exc
    index = DraftIndex(on_version.draft)
    anchors = on_version.anchors(index)
    data: list[dict[str, Any]] = [
        {
            "id": c.id,
            "target": index.label(a.uid) if a.uid else ("" if c.target.uid else WHOLE_DRAFT_LABEL),
            "anchor": a.state.label,
            "anchor_note": a.message(index),
            "quote": c.target.quote,
            "source": c.source.label,
            "submitter": c.submitter.display,
            "channel": c.channel.label,
            "date": c.date.isoformat() if c.date else None,
            "content": c.content,
            "cluster": c.cluster_id,
            "disposition": c.disposition.label if c.disposition else UNDECIDED_LABEL,
            "reason": c.decision.reason if c.decision else "",
            "origin": c.origin,
            "notes": c.notes,
            # Issue 14 (added keys): the 条款 cell as written, further units, missing articles.
            "target_text": c.target_text,
            "also": [index.label(u) for u in c.also if u in index],
            "missing_target": missing_label(c.missing_target) if c.missing_target else "",
        }
        for c, a in zip(comments, anchors, strict=True)
    ]
    for row, c in zip(data, comments, strict=True):
        row["office"], row["handler"] = c.office, c.handler  # issue 14 (added keys)
    groups = _group_numbers(comments)
    for row, c in zip(data, comments, strict=True):
        # Tester C (added key): the group number the 汇总表 prints (第N组) and --cluster takes;
        # "cluster" stays the stored id.
        row["group"] = groups.get(c.cluster_id) if c.cluster_id is not None else None
    data = [data[at] for at in kept]
    comments = [comments[at] for at in kept]
    if args.history:
        for row, c in zip(data, comments, strict=True):
            # Issue 14 (added key, when asked): who decided, merged or undid what, when.
            row["history"] = [e.as_json() for e in history.get(c.id or 0, [])]
            row["decided_by"] = c.decision.decided_by if c.decision else ""
    if args.json:
        _print_json(data)
    else:
        for row in data:
            print(
                f"[{row['id']}] {row['target'] or row['anchor']}\t{row['disposition']}\t{row['content'][:40]}"
            )
        print(f"共 {len(data)} 条")
    return 0


def _cmd_comments_summary(args: argparse.Namespace) -> int:
    from storage.comments import CommentStore
    from storage.library import LibraryError

    with _open_library(args) as library:
        store = CommentStore(library)
        try:
            # The window's summary too: the clusters as stored (grouped at import).
            made = store.summary(
                args.regulation,
                _comment_version(args, library, store),
                round_id=args.round,
                assignee=args.assignee,
            )
        except LibraryError as exc:
            raise CommandError(str(exc)) from exc
    summary, rows, title = made.summary, made.rows, made.title
    if args.assignee:
        title = f"{title}（{args.assignee}）"
    try:
        if args.docx:
            from consultation.summary_docx import write_summary_docx

            write_summary_docx(Path(args.docx), summary, rows, title=title)
        if args.xlsx:
            from consultation.summary_xlsx import write_summary_xlsx

            write_summary_xlsx(Path(args.xlsx), summary, rows, title=title)
    except OSError as exc:
        raise CommandError(f"无法写出文件：{exc.filename}（{exc.strerror or exc}）") from exc
    if args.json:
        _print_json(summary.as_json())
    else:
        from consultation.summary import adoption_statement

        print(adoption_statement(summary))
        for label, count in summary.by_article.items():
            print(f"  {label}\t{count}")
    return 0


# ---- reference library, search, similar provisions (issue 16) -------------------------------


def _date_arg(value: str | None, what: str) -> Any:
    import datetime as dt

    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{what}应为 YYYY-MM-DD 格式的日期：{value}") from None


def _search_filters(args: argparse.Namespace, scope: str | None) -> Any:
    from storage.search_index import SearchFilters

    return SearchFilters(
        scope=scope,
        place=args.place,
        date_from=_date_arg(args.date_from, "起始日期"),
        date_to=_date_arg(args.date_to, "截止日期"),
        status=args.status,
        all_versions=getattr(args, "all_versions", False),
    )


def _cmd_reference_import(args: argparse.Namespace) -> int:
    from storage.library import LibraryError
    from storage.references import import_references

    def progress(done: int, total: int, text: str = "") -> None:
        # A line now and then on stderr for a long import (not with --json: scripts read stdout).
        if not args.json and total >= 50 and done % 50 == 0:
            print(f"{done}/{total} {text}", file=sys.stderr)

    with _open_library(args, create=True) as library:
        try:
            report = import_references(library, [Path(p) for p in args.paths], progress=progress)
        except LibraryError as exc:
            raise CommandError(str(exc)) from exc
    data = {
        "imported": [ref.to_json() for ref in report.imported],
        "duplicates": report.duplicates,
        "failed": [{"file": f, "error": e} for f, e in report.failed],
        "cancelled": report.cancelled,
    }
    if args.json:
        _print_json(data)
    else:
        for ref in report.imported:
            print(f"已导入参考法规《{ref.title}》 {ref.place} {ref.date or ''} {ref.status}")
        print(
            f"共导入 {len(report.imported)} 件，重复跳过 {len(report.duplicates)} 件，"
            f"失败 {len(report.failed)} 件"
        )
        for file, error in report.failed:
            print(f"  {file}：{error}", file=sys.stderr)
    return 1 if report.failed and not report.imported else 0


def _cmd_reference_list(args: argparse.Namespace) -> int:
    from storage.references import references

    with _open_library(args) as library:
        data = {"references": [ref.to_json() for ref in references(library)]}
    if args.json:
        _print_json(data)
    else:
        for ref in data["references"]:
            print(f"[{ref['regulation']}] {ref['title']} · {ref['place']} · {ref['date']} · {ref['status']}")
    return 0


def _cmd_reference_edit(args: argparse.Namespace) -> int:
    from storage.library import LibraryError
    from storage.references import references, update_reference

    with _open_library(args) as library:
        try:
            update_reference(
                library,
                args.regulation,
                title=args.title,
                issuer=args.issuer,
                place=args.place,
                date=_date_arg(args.date, "日期"),
                status=args.status,
            )
        except LibraryError as exc:
            raise CommandError(str(exc)) from exc
        found = [r for r in references(library) if r.regulation_id == args.regulation]
    if args.json:
        _print_json(found[0].to_json())
    else:
        print(f"已修改参考法规 {args.regulation}")
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    from storage.search_index import SearchError, search

    with _open_library(args) as library:
        try:
            hits = search(library, args.query, _search_filters(args, args.scope), limit=args.limit)
        except SearchError as exc:
            raise CommandError(str(exc)) from exc
    data = {"results": [hit.to_json() for hit in hits]}
    if args.json:
        _print_json(data)
    else:
        for hit in hits:
            where = hit.article or "意见"
            print(f"《{hit.regulation}》{where}：{hit.text[:60]}".replace("\n", " "))
    return 0


def _cmd_similar(args: argparse.Namespace) -> int:
    from drafting.read.files import read_draft
    from drafting.search.articles import find_article
    from storage.search_index import SearchError
    from storage.similar_provisions import by_place, ranked_json, similar_provisions

    filters = _search_filters(args, args.scope)
    if args.words:
        with _open_library(args) as library:
            try:
                groups = by_place(library, args.words, limit=args.limit, filters=filters)
            except SearchError as exc:
                raise CommandError(str(exc)) from exc
        data: dict[str, Any] = {
            "results": [h.to_json() for g in groups for h in g.hits],
            "places": [
                {"place": g.place, "results": [h.to_json() for h in g.hits]} for g in groups
            ],
        }
        if args.json:
            _print_json(data)
        else:
            for group in data["places"]:
                print(f"{group['place'] or '（地方不详）'}：{len(group['results'])} 条")
                for hit in group["results"]:
                    print(f"    《{hit['regulation']}》{hit['article']}")
        return 0
    if not args.file or not args.article:
        raise CommandError("请给出法规文本和条文（如 第十二条），或用 --words 按文字查找")
    with _file_errors():
        draft = read_draft(Path(args.file)).draft
    article = find_article(draft, args.article)
    if article is None:
        raise CommandError(f"文本中没有{args.article}")
    with _open_library(args) as library:
        ranked = similar_provisions(library, article.text, limit=args.limit, filters=filters)
    data = {"article": article.label, "text": article.text}
    data["results"] = [ranked_json(item) for item in ranked]
    if args.json:
        _print_json(data)
    else:
        for item in data["results"]:
            print(
                f"{item['score']:.2f} 《{item['regulation']}》{item['article']} "
                f"{item['place']} {item['date'] or ''}"
            )
    return 0


def _add_search_commands(sub: Any) -> None:
    """The reference, search and similar commands (issue 16)."""
    # Qt- and SQL-free names only: building the parser must stay cheap (start-up).
    from drafting.search.reference_meta import REFERENCE_STATUSES

    def filters(p: argparse.ArgumentParser, scopes: Sequence[str]) -> None:
        p.add_argument("--scope", choices=scopes, help="只查找参考法规、本单位草案或意见")
        p.add_argument("--place", help="只查找该地方的法规，如 宁波市")
        p.add_argument("--from", dest="date_from", help="参考法规日期不早于，如 2015-01-01")
        p.add_argument("--to", dest="date_to", help="参考法规日期不晚于")
        p.add_argument("--status", choices=REFERENCE_STATUSES, help="参考法规的时效性")
        p.add_argument("--limit", type=int, default=50, help="最多列出多少条")
        p.add_argument("--db", default=argparse.SUPPRESS, help="法规库路径或 URL")
        p.add_argument("--json", action="store_true", help="输出 JSON")

    reference = sub.add_parser("reference", help="参考法规库：导入、列出、修改其他地方的法规")
    reference_sub = reference.add_subparsers(dest="reference_command", required=True)
    p = reference_sub.add_parser("import", help="导入参考法规：文件或整个文件夹（重复的跳过）")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".md/.txt/.docx 文件或文件夹")
    p.add_argument("--db", default=argparse.SUPPRESS, help="法规库路径或 URL")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_cmd_reference_import)
    p = reference_sub.add_parser("list", help="列出参考法规")
    p.add_argument("--db", default=argparse.SUPPRESS, help="法规库路径或 URL")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_cmd_reference_list)
    p = reference_sub.add_parser("edit", help="修改参考法规的标题、制定机关、地方、日期、时效性")
    p.add_argument("regulation", type=int, help="参考法规编号")
    p.add_argument("--title")
    p.add_argument("--issuer")
    p.add_argument("--place")
    p.add_argument("--date", help="YYYY-MM-DD")
    p.add_argument("--status", choices=REFERENCE_STATUSES)
    p.add_argument("--db", default=argparse.SUPPRESS, help="法规库路径或 URL")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_cmd_reference_edit)

    p = sub.add_parser("search", help="全文检索：草案、参考法规和意见")
    p.add_argument("query", help="要查找的文字（多个词以空格分开，须全部出现）")
    filters(p, ("references", "drafts", "comments"))
    p.add_argument("--all-versions", action="store_true", help="查找草案的全部稿次（默认只查最新稿次）")
    p.set_defaults(handler=_cmd_search)

    p = sub.add_parser("similar", help="相似条文：其他地方和其他草案中与某一条最相近的条文")
    p.add_argument("file", nargs="?", help="法规文本（.txt/.md/.docx）")
    p.add_argument("article", nargs="?", help="条文，如 第十二条")
    p.add_argument("--words", help="按文字查找各地的规定，按地方分组（代替 FILE 和条文）")
    filters(p, ("references", "drafts", "articles"))
    p.set_defaults(handler=_cmd_similar, limit=10)


# ---- package / backup / restore (issue 15) ---------------------------------------------------


def _cmd_package_export(args: argparse.Namespace) -> int:
    from storage.library import LibraryError
    from storage.package import export_regulation

    with _open_library(args) as library:
        try:
            report = export_regulation(library, args.regulation, Path(args.out))
        except LibraryError as exc:
            raise CommandError(str(exc)) from exc
    data = {
        "file": str(args.out),
        "regulation": report.regulation_id,
        "title": report.title,
        "versions": report.versions,
        "rounds": report.rounds,
        "comments": report.comments,
    }
    if args.json:
        _print_json(data)
    else:
        print(
            f"已导出《{report.title}》：{report.versions} 个稿次、{report.rounds} 个征求意见轮次、"
            f"{report.comments} 条意见 → {args.out}"
        )
    return 0


def _cmd_package_import(args: argparse.Namespace) -> int:
    from storage.library import LibraryError
    from storage.package import import_package, read_package

    try:
        read_package(Path(args.file))  # a wrong file is refused before a library is made
    except LibraryError as exc:
        raise CommandError(str(exc)) from exc
    with _open_library(args, create=True) as library:
        try:
            report = import_package(library, Path(args.file))
        except LibraryError as exc:
            raise CommandError(str(exc)) from exc
    data = {
        "regulation": report.regulation_id,
        "title": report.title,
        "new_regulation": report.new_regulation,
        "added": {
            "versions": report.versions,
            "rounds": report.rounds,
            "comments": report.comments,
        },
        "already_there": {
            "versions": report.versions_skipped,
            "rounds": report.rounds_skipped,
            "comments": report.comments_skipped,
        },
    }
    if args.json:
        _print_json(data)
    else:
        print(
            f"已导入《{report.title}》（法规 {report.regulation_id}）：新增 {report.versions} 个稿次、"
            f"{report.rounds} 个轮次、{report.comments} 条意见；已有而跳过 "
            f"{report.versions_skipped} 个稿次、{report.comments_skipped} 条意见"
        )
    return 0


def _backup_data(report: Any) -> dict[str, Any]:
    return {
        "file": str(report.path),
        "bytes": report.bytes,
        "newest_change": report.newest_change.isoformat(timespec="seconds")
        if report.newest_change
        else None,
        "kept": str(report.kept) if report.kept else None,
    }


def _cmd_backup(args: argparse.Namespace) -> int:
    from storage.backup import backup
    from storage.library import LibraryError

    with _open_library(args) as library:
        try:
            report = backup(library, Path(args.out))
        except LibraryError as exc:
            raise CommandError(str(exc)) from exc
    if args.json:
        _print_json(_backup_data(report))
    else:
        print(f"已备份到 {report.path}（{report.bytes} 字节）")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from storage.backup import restore
    from storage.library import LibraryError
    from storage.paths import default_library_path

    target = args.db or str(default_library_path())
    try:
        report = restore(target, Path(args.file), force=args.force)
    except LibraryError as exc:
        raise CommandError(str(exc)) from exc
    if args.json:
        _print_json(_backup_data(report))
    else:
        kept = f"；原库保存为 {report.kept}" if report.kept else ""
        print(f"已从 {args.file} 恢复 {report.path}{kept}")
    return 0


# ---- the command line ------------------------------------------------------------------------


def _add_selection_options(p: argparse.ArgumentParser, verb: str) -> None:
    """The options that choose comments, shared by ``comments decide`` and ``assign`` (read by
    ``_chosen_comments``); ``verb`` (处理, 分派) words their help."""
    p.add_argument("--article", help=f"只{verb}针对该条的意见，如 第十二条；总体意见写 总体")
    p.add_argument("--source", help=f"只{verb}该来源的意见，如 社会公众")
    p.add_argument("--round", type=int, help=f"只{verb}该轮次的意见")
    p.add_argument(
        "--cluster", type=int, help=f"只{verb}该组相同或相近意见（分组编号，即汇总表的第N组）"
    )
    p.add_argument("--id", dest="ids", help=f"只{verb}这些编号的意见，如 3 或 3,5,8")
    p.add_argument("--undecided", action="store_true", help=f"只{verb}尚未处理的意见")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; each subcommand names the function that runs it."""
    parser = argparse.ArgumentParser(prog="app.py", description="立法工作台")
    parser.add_argument("--db", help="法规库：SQLite 文件路径或数据库 URL（默认为数据目录中的库）")
    sub = parser.add_subparsers(dest="command")

    revisions_help = "Word 文档中未处理的修订：accepted 按接受后读入（默认），original 按原文读入"
    p = sub.add_parser("parse", help="解析法规文本并输出结构")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.add_argument(
        "--revisions", choices=("accepted", "original"), default="accepted", help=revisions_help
    )
    p.set_defaults(handler=_cmd_parse)

    p = sub.add_parser("import", help="将文本导入法规库，作为新法规的第一稿")
    p.add_argument("file")
    p.add_argument(
        "--revisions", choices=("accepted", "original"), default="accepted", help=revisions_help
    )
    p.add_argument("--db", default=argparse.SUPPRESS, help="法规库路径或 URL")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--allow-duplicate",
        action="store_true",
        help="法规库中已有相同文本时仍导入为新法规（默认拒绝重复导入）",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="远大于任何法规的文本（超过 2 MB 或 5,000 条）也导入（否则拒绝并说明）",
    )
    p.set_defaults(handler=_cmd_import)

    p = sub.add_parser("list", help="列出法规库中的法规和稿次")
    p.add_argument("--db", default=argparse.SUPPRESS, help="法规库路径或 URL")
    p.add_argument("--json", action="store_true")
    p.add_argument("--references", action="store_true", help="同时列出参考法规（另列）")
    p.set_defaults(handler=_cmd_list)

    p = sub.add_parser("export", help="导出正式文本：Word（.docx）、PDF 或 Akoma Ntoso XML")
    p.add_argument("file", help="法规文本（.txt/.md/.docx）或 Akoma Ntoso XML")
    p.add_argument("--docx", metavar="OUT", help="写出 .docx 正式文本")
    p.add_argument("--pdf", metavar="OUT", help="写出 PDF（与打印版式相同）")
    p.add_argument("--akn", metavar="OUT", help="写出 Akoma Ntoso XML")
    p.add_argument("--stage", default="", help="稿次标注，如 征求意见稿（印在标题下）")
    p.add_argument("--mark", default="", help="PDF：首页左上角标注，如 内部资料　注意保存")
    p.add_argument("--line-numbers", action="store_true", help="PDF：页边加行号")
    p.add_argument("--wide-margin", action="store_true", help="PDF：右侧留宽边供批注")
    p.add_argument("--watermark", default="", help="PDF：水印文字")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_export)

    p = sub.add_parser("compare", help="逐条比较两个文本：修改、新增、删除、移动、拆分、合并")
    p.add_argument("old", help="原文本（.txt/.md/.docx）或 Akoma Ntoso XML")
    p.add_argument("new", help="修改后的文本")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.add_argument("--docx", metavar="OUT", help="写出修改对照表（.docx）")
    p.add_argument("--all", action="store_true", help="对照表列出全部条文（默认只列修改的条文）")
    p.add_argument(
        "--same-as-left", action="store_true", help="对照表中未修改的条文在修改后一栏写“同左”"
    )
    p.add_argument("--headings", action="store_true", help="对照表列出编、章、节标题行")
    p.add_argument("--tracked-docx", metavar="OUT", help="写出带修订标记的修改稿（.docx）")
    p.add_argument(
        "--author",
        default="",
        help="修改稿中修订的作者（默认为窗口中设置的起草人姓名，未设置时为当前系统用户名）",
    )
    p.add_argument("--decision", action="store_true", help="同时起草修改决定文本")
    p.add_argument("--decision-text", metavar="OUT", help="将起草的修改决定写入文本文件（UTF-8）")
    p.add_argument(
        "--decision-docx",
        metavar="OUT",
        help="将起草的修改决定写入 Word 文档（.docx；表格为带合并单元格的 Word 表格）",
    )
    p.add_argument(
        "--level",
        choices=("national", "local"),
        default="national",
        help="修改决定结尾的表述：national（法律）或 local（地方性法规）",
    )
    p.add_argument(
        "--body", default="", help="作出决定的会议，如 某市第十七届人民代表大会常务委员会第十次会议"
    )
    p.add_argument("--effective", default="", help="施行日期，如 2025年1月1日（默认留空待填）")
    p.set_defaults(handler=_cmd_compare)

    p = sub.add_parser(
        "amend",
        help="按修改决定（或修正案）修改文本，写出修改后的文本，或存为法规库中的新稿次",
        usage=(
            "%(prog)s OLD DECISION --out NEW [--json] [--strict]\n"
            "       %(prog)s DECISION --regulation ID [--version N] [--db LIB] [--json] [--strict]"
            " [--force]"
        ),
        description=(
            "两种用法：（一）amend 原文本 修改决定 --out 修改后文本：修改文件；"
            "（二）amend 修改决定 --regulation 法规编号 [--version 稿次编号]：修改法规库中的稿次"
            "（默认为该法规的工作稿），结果存为同一法规的新工作稿，条文标识随原稿次保留，"
            "稿次说明写明所据的修改决定。"
        ),
    )
    p.add_argument("old", metavar="OLD", help="原文本（.txt/.md/.docx）；存入法规库时为修改决定")
    p.add_argument(
        "decision", metavar="DECISION", nargs="?", help="修改决定或修正案（.txt/.docx）"
    )
    p.add_argument("--out", help="写出修改后的文本（.md/.txt，或 .docx）")
    p.add_argument("--json", action="store_true", help="输出 JSON：applied 与 failed（及新稿次 version）")
    p.add_argument("--strict", action="store_true", help="有未能执行的修改时以状态 1 退出")
    p.add_argument(
        "--other-title",
        action="store_true",
        help="修改决定所称法规名称与原文标题不符时仍然执行（默认拒绝）",
    )
    p.add_argument(
        "--regulation", type=int, help="法规编号：修改法规库中该法规的稿次，存为新工作稿"
    )
    p.add_argument(
        "--version",
        type=int,
        help="稿次编号：修改法规库中的这一稿次（默认为该法规的工作稿，没有工作稿时为最新稿次）",
    )
    p.add_argument("--db", default=argparse.SUPPRESS, help="法规库路径或 URL")
    p.add_argument(
        "--force",
        action="store_true",
        help="修改决定所改的法规与该稿次的标题不同时，仍存入法规库（默认拒绝并说明）",
    )
    p.set_defaults(handler=_cmd_amend)

    p = sub.add_parser("lint", help="立法技术规范检查：编号、援引、用语、标点、罚款幅度")
    p.add_argument("file", help="法规文本（.txt/.md/.docx）或 Akoma Ntoso XML")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_cmd_lint)

    p = sub.add_parser("renumber", help="按顺序重新编号条文，并改写援引")
    p.add_argument("file", help="编号有误的法规文本")
    p.add_argument("--out", required=True, help="写出重新编号后的文本")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_cmd_renumber)

    comments = sub.add_parser("comments", help="征求意见：导入意见、生成意见汇总")
    comments_sub = comments.add_subparsers(dest="comments_command", required=True)
    p = comments_sub.add_parser("import", help="从 .xlsx/.csv/.docx 导入意见（重复导入不会重复）")
    p.add_argument("file", help="意见表格（.xlsx/.csv）或来函（.docx）")
    p.add_argument("--db", default=argparse.SUPPRESS, help="法规库路径或 URL")
    p.add_argument("--regulation", type=int, required=True, help="法规编号")
    p.add_argument("--round", type=int, help="征求意见轮次编号")
    p.add_argument(
        "--map", action="append", metavar="字段=列名", help="列对应关系，如 意见=意见内容,条款=条目"
    )
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_cmd_comments_import)
    p = comments_sub.add_parser("summary", help="意见统计与征求意见汇总表（.docx/.xlsx）")
    p.add_argument("--db", default=argparse.SUPPRESS, help="法规库路径或 URL")
    p.add_argument("--regulation", type=int, required=True, help="法规编号")
    p.add_argument("--round", type=int, help="只统计该轮次的意见")
    p.add_argument("--version", type=int, help="按该稿次的条文编号汇总（默认为征求意见的稿次）")
    p.add_argument("--assignee", help="只汇总分派给该处室或承办人的意见")
    p.add_argument("--docx", metavar="OUT", help="写出征求意见汇总表（.docx）")
    p.add_argument("--xlsx", metavar="OUT", help="写出征求意见汇总表（.xlsx）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_cmd_comments_summary)
    p = comments_sub.add_parser("round", help="建立征求意见轮次")
    p.add_argument("--db", default=argparse.SUPPRESS, help="法规库路径或 URL")
    p.add_argument("--regulation", type=int, required=True, help="法规编号")
    p.add_argument("--version", type=int, help="征求意见的稿次（默认为最新冻结的稿次）")
    p.add_argument(
        "--audience", default="社会公众", help="征求意见对象：社会公众、人大代表、专家学者……"
    )
    p.add_argument("--title", default="", help="轮次名称")
    p.add_argument("--start", help="开始日期，如 2024-05-01")
    p.add_argument("--end", help="截止日期")
    p.add_argument("--note", default="", help="备注")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_cmd_comments_round)
    p = comments_sub.add_parser(
        "decide", help="批量处理意见：按条款、来源、分组筛选后统一作出处理意见"
    )
    p.add_argument("--db", default=argparse.SUPPRESS, help="法规库路径或 URL")
    p.add_argument("--regulation", type=int, required=True, help="法规编号")
    p.add_argument(
        "--disposition",
        help="处理意见：采纳、部分采纳、未采纳、已在其他条款体现、另行研究"
        "（未采纳、部分采纳须写明理由）",
    )
    p.add_argument("--pending", action="store_true", help="改回待处理（清除处理意见）")
    p.add_argument("--reason", default="", help="理由")
    p.add_argument("--by", default="", help="处理人（默认为本机登录名）")
    _add_selection_options(p, "处理")
    p.add_argument("--assignee", help="只处理分派给该处室或承办人的意见")
    p.add_argument("--all", action="store_true", help="处理全部意见（会覆盖已有的处理意见）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_cmd_comments_decide)
    p = comments_sub.add_parser("undo", help="撤销上一次处理（或分组合并、拆分）")
    p.add_argument("--db", default=argparse.SUPPRESS, help="法规库路径或 URL")
    p.add_argument("--regulation", type=int, required=True, help="法规编号")
    p.add_argument("--by", default="", help="处理人（默认为本机登录名）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_cmd_comments_undo)
    meeting = comments_sub.add_parser("meeting", help="会议记录：座谈会、论证会、听证会、联系点")
    meeting_sub = meeting.add_subparsers(dest="meeting_command", required=True)
    p = meeting_sub.add_parser(
        "import", help="导入会议记录（.docx/.txt，发言人写作“张某（单位）：”），发言作为意见"
    )
    p.add_argument("file", help="会议记录（.docx 或 .txt）")
    p.add_argument("--db", default=argparse.SUPPRESS, help="法规库路径或 URL")
    p.add_argument("--regulation", type=int, required=True, help="法规编号")
    p.add_argument(
        "--kind", help="会议类型：座谈会、论证会、听证会、基层立法联系点（默认按标题判断）"
    )
    p.add_argument("--date", help="会议日期，如 2024-05-10（默认按记录中的“时间：”）")
    p.add_argument("--place", help="会议地点")
    p.add_argument("--title", help="会议名称")
    p.add_argument("--round", type=int, help="征求意见轮次编号")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_cmd_comments_meeting_import)
    p = comments_sub.add_parser("assign", help="把意见（或整组意见）分派给处室、承办人")
    p.add_argument("--db", default=argparse.SUPPRESS, help="法规库路径或 URL")
    p.add_argument("--regulation", type=int, required=True, help="法规编号")
    p.add_argument("--office", help="处室（空字符串清除）")
    # dest apart from ``handler``, which names each command's function
    p.add_argument("--handler", dest="assign_handler", help="承办人（空字符串清除）")
    p.add_argument("--by", default="", help="操作人（默认为本机登录名）")
    _add_selection_options(p, "分派")
    p.add_argument("--all", action="store_true", help="分派全部意见")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_cmd_comments_assign)
    p = comments_sub.add_parser("list", help="列出意见及其在某一稿次中的对应情况")
    p.add_argument("--db", default=argparse.SUPPRESS, help="法规库路径或 URL")
    p.add_argument("--regulation", type=int, required=True, help="法规编号")
    p.add_argument("--round", type=int, help="只列出该轮次的意见")
    p.add_argument("--version", type=int, help="对照该稿次（默认为征求意见的稿次）")
    p.add_argument("--history", action="store_true", help="附上每条意见的处理记录（谁、何时）")
    p.add_argument("--assignee", help="只列出分派给该处室或承办人的意见")
    p.add_argument(
        "--state", choices=("pending", "done"), help="只列出待处理（pending）或已处理（done）的意见"
    )
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_cmd_comments_list)

    _add_search_commands(sub)

    package = sub.add_parser("package", help="法规包：把一部法规（全部稿次、意见）带到另一台电脑")
    package_sub = package.add_subparsers(dest="package_command", required=True)
    p = package_sub.add_parser("export", help="导出一部法规为法规包（.zip）")
    p.add_argument("out", help="写出的法规包（.zip）")
    p.add_argument("--db", default=argparse.SUPPRESS, help="法规库路径或 URL")
    p.add_argument("--regulation", type=int, required=True, help="法规编号")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_cmd_package_export)
    p = package_sub.add_parser("import", help="导入法规包，按标识合并（重复导入不会重复）")
    p.add_argument("file", help="法规包（.zip）")
    p.add_argument("--db", default=argparse.SUPPRESS, help="法规库路径或 URL")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_cmd_package_import)

    p = sub.add_parser("backup", help="备份整个法规库（SQLite 在线备份）")
    p.add_argument("out", help="备份文件")
    p.add_argument("--db", default=argparse.SUPPRESS, help="法规库路径")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_cmd_backup)
    p = sub.add_parser("restore", help="从备份恢复法规库（原库保存为 .bak）")
    p.add_argument("file", help="备份文件")
    p.add_argument("--db", default=argparse.SUPPRESS, help="要恢复的法规库路径")
    p.add_argument("--force", action="store_true", help="库中有比备份更新的修改时也恢复")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_cmd_restore)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a headless subcommand, or open the window when none is given."""
    args = build_parser().parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        from ui.shell.application import run_gui

        return run_gui(db=args.db)
    from storage.paths import setup_logging

    try:
        setup_logging()  # details to the log file; the drafter reads one line on stderr
    except OSError:
        pass  # no writable data folder: the command still runs, its warnings on stderr
    try:
        return handler(args)
    except CommandError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader (head, a pager) stopped early: not an error of ours.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
