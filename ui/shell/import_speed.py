"""A quicker answer to the question PySide6 asks of every module imported after it.

Since PySide6 6.4 (PYSIDE-2029) an import hook asks, for each module imported once Qt is
loaded (and, the first time, for every module loaded before), whether its source mentions
"PySide6": it calls ``inspect.getsource(module)``, which looks the module up among all loaded
modules each time. With the 500-odd modules a start of the program loads that came to about
50 ms of CPU time. Reading the file and looking for the same word gives the same answer.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any


def quicken_pyside_import_check() -> bool:
    """Answer PySide's "does this module use PySide6?" by reading the file; True if installed.

    Call right after the first PySide6 import, before the program's own modules load. Does
    nothing when this PySide6 has no such check (the hook is an internal of shiboken6).
    """
    feature: Any = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or hasattr(original, "pyside_check"):
        return False

    def uses_pyside(module: ModuleType) -> Any:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)  # built-in, compiled or unreadable: PySide's own answer

    uses_pyside.pyside_check = original  # type: ignore[attr-defined]  # kept: the fallback
    feature._mod_uses_pyside = uses_pyside
    return True
