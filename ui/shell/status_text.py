"""The words of the status bar, computed from the draft (no widgets here)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from drafting.model.numbering import Number
from drafting.model.units import Counts, UnitKind


def _tr(text: str) -> str:
    return QCoreApplication.translate("StatusText", text)


def arabic_label(number: Number) -> str:
    """第12条, 第12条之1 — Arabic digits read faster in a status bar."""
    if number.ordinal <= 0:
        return ""
    label = f"第{number.ordinal}{number.kind.word}"
    return f"{label}之{number.insert}" if number.insert else label


def totals_text(counts: Counts) -> str:
    """共61条 · 7章 · 3节 (章/节/编 only when the text has them)."""
    parts = [_tr("共{0}条").format(counts.articles)]
    if counts.parts:
        parts.append(_tr("{0}编").format(counts.parts))
    if counts.chapters:
        parts.append(_tr("{0}章").format(counts.chapters))
    if counts.sections:
        parts.append(_tr("{0}节").format(counts.sections))
    return " · ".join(parts)


def selection_text(number: Number | None, heading: str, counts: Counts) -> str:
    """第12条 / 共61条 · 7章 · 3节 for a selected article; 第二章 总则 / … for a heading."""
    totals = totals_text(counts)
    if number is None:
        return totals
    label = arabic_label(number)
    if number.kind is not UnitKind.ARTICLE:
        label = " ".join(p for p in (label, heading) if p)
    return f"{label} / {totals}" if label else totals
