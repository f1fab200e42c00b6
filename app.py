"""立法工作台 — entry point.

``python app.py`` opens the window; a subcommand runs a headless job and prints JSON with
``--json``. Headless commands never import Qt, so they start fast and run without a display.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

Handler = Callable[[argparse.Namespace], int]


class CommandError(Exception):
    """A headless job failed for a reason the user can act on: one line on stderr, exit 1."""


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# ---- parse / import / list (foundation) ----------------------------------------------------


def _cmd_parse(args: argparse.Namespace) -> int:
    from drafting.errors import ParseError
    from drafting.numbering import article_body, compute_numbers
    from drafting.parse import parse_file

    try:
        result = parse_file(Path(args.file))
    except ParseError as exc:
        raise CommandError(str(exc)) from exc
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
    }
    if args.json:
        _print_json(data)
    else:
        print(f"{draft.title}: {counts.chapters} 章, {counts.articles} 条")
        for warning in result.warnings:
            print(f"  第{warning.line}行: {warning.message}")
    return 0


def _articles_with_chapter(draft):  # type: ignore[no-untyped-def]
    """Each article with the chapter that holds it (None in a text without chapters)."""
    from drafting.model import UnitKind

    def walk(units, chapter):  # type: ignore[no-untyped-def]
        for unit in units:
            if unit.kind is UnitKind.ARTICLE:
                yield unit, chapter
            elif unit.kind.is_heading:
                yield from walk(unit.children, unit if unit.kind is UnitKind.CHAPTER else chapter)

    yield from walk(draft.units, None)


def _open_library(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from storage.library import Library, LibraryError

    try:
        return Library.open(args.db)
    except LibraryError as exc:
        raise CommandError(str(exc)) from exc


def _cmd_import(args: argparse.Namespace) -> int:
    from drafting.errors import ParseError
    from drafting.parse import parse_file

    try:
        result = parse_file(Path(args.file))
    except ParseError as exc:
        raise CommandError(str(exc)) from exc
    with _open_library(args) as library:
        version = library.import_draft(result.draft, source=str(args.file))
    data = {
        "regulation": version.regulation_id,
        "version": version.id,
        "title": result.draft.title,
        "articles": result.draft.counts().articles,
    }
    if args.json:
        _print_json(data)
    else:
        print(f"已导入《{data['title']}》: 法规 {data['regulation']}, 稿次 {data['version']}")
    return 0


def _cmd_list(args: argparse.Namespace) -> int:
    with _open_library(args) as library:
        regulations = library.regulations()
        data = {
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
    if args.json:
        _print_json(data)
    else:
        for reg in data["regulations"]:
            print(f"[{reg['id']}] {reg['title']}")
            for v in reg["versions"]:
                print(f"    ({v['id']}) {v['label']} · {v['articles']} 条")
    return 0


# ---- the command line ------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; each subcommand names the function that runs it."""
    parser = argparse.ArgumentParser(prog="app.py", description="立法工作台")
    parser.add_argument("--db", help="法规库：SQLite 文件路径或数据库 URL（默认为数据目录中的库）")
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("parse", help="解析法规文本并输出结构")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_cmd_parse)

    p = sub.add_parser("import", help="将文本导入法规库，作为新法规的第一稿")
    p.add_argument("file")
    p.add_argument("--db", default=argparse.SUPPRESS, help="法规库路径或 URL")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_import)

    p = sub.add_parser("list", help="列出法规库中的法规和稿次")
    p.add_argument("--db", default=argparse.SUPPRESS, help="法规库路径或 URL")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_list)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a headless subcommand, or open the window when none is given."""
    args = build_parser().parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        from ui.application import run_gui

        return run_gui(db=args.db)
    try:
        return handler(args)
    except CommandError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
