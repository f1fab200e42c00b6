"""Run the headless commands in-process: ``app.main(argv)`` with stdout and stderr captured.

A fresh interpreter per command cost about half a second each (imports of SQLAlchemy, python-docx,
openpyxl); calling ``app.main`` directly gives the same exit code, stdout and stderr a user's script
sees. The one test that must see a fresh interpreter — that no headless command imports Qt — runs
``no_qt_script`` in a subprocess (tests/test_cli.py).
"""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass

import app

# Run every argv of a JSON list in one fresh interpreter, each with its expected exit code, and
# fail as soon as one leaves PySide6 or shiboken6 in sys.modules. argv: [[expected_code, argv], …].
NO_QT_SCRIPT = (
    "import contextlib, io, json, sys, app\n"
    "for expected, argv in json.loads(sys.argv[1]):\n"
    "    out, err = io.StringIO(), io.StringIO()\n"
    "    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):\n"
    "        code = app.main(argv)\n"
    "    assert code == expected, (argv, code, err.getvalue())\n"
    "    qt = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
    "    assert not qt, (argv, qt[:3])\n"
)


@dataclass(frozen=True)
class AppRun:
    """What one command gave: its exit code and everything it wrote to stdout and stderr."""

    returncode: int
    stdout: str
    stderr: str


def run_app(*args: str) -> AppRun:
    """``app.py ARGS`` run in this process; argparse's own exits (bad usage) become the code."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = app.main(list(args))
        except SystemExit as exc:  # argparse: --help, a missing or unknown argument
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return AppRun(code, out.getvalue(), err.getvalue())
