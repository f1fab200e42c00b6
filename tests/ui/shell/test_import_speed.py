"""PySide's per-import check answered by reading the file gives PySide's own answers."""

from __future__ import annotations

import sys

import ui.shell.application  # noqa: F401  (installs the quick check)


def test_quick_check_is_installed_and_agrees_with_pyside() -> None:
    from ui.shell.import_speed import quicken_pyside_import_check

    feature = sys.modules["shibokensupport.feature"]
    quick = feature._mod_uses_pyside
    original = quick.pyside_check  # PySide's own function, kept as the fallback
    assert not hasattr(original, "pyside_check")
    assert not quicken_pyside_import_check()  # once is enough
    modules = [m for name, m in sorted(sys.modules.items()) if name.startswith(("ui", "storage"))]
    others = ("json", "sys", "PySide6.QtCore", "app")
    modules += [sys.modules[name] for name in others if name in sys.modules]
    answers = {m.__name__: quick(m) for m in modules}
    assert answers == {m.__name__: original(m) for m in modules}
    assert answers["ui.shell.errors"] is True and answers["storage.library"] is False
