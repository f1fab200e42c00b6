"""The drafter's saved name for the headless commands, read without Qt.

The window keeps its settings in ``settings.ini`` in the data folder (``ui.shell.settings``,
QSettings in INI format, UTF-8); the drafter's name is the key ``name`` of section ``[user]``,
asked once by the window ("起草人姓名") and signing every revision of a 修改稿. The commands
(``compare --tracked-docx``, ``amend --regulation``) must sign with the same name, but should not
start Qt to read one line, so this reads the INI file itself: the subset QSettings writes for a
string (a plain value, a "quoted" one when it holds a comma or leading/trailing blanks, with \\
escapes, or ``@String(...)``).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from storage.paths import data_dir

log = logging.getLogger("lifa.settings")

SETTINGS_FILE = "settings.ini"
_SECTION = "user"
_KEY = "name"
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "0": "\0"}


def _unescape(value: str) -> str:
    """A QSettings INI value as the string it stands for."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    value = re.sub(r"\\(x[0-9a-fA-F]{1,4}|.)", _escape, value)
    m = re.fullmatch(r"@String\((.*)\)", value, re.S)
    if m is not None:
        value = m.group(1)
    elif value.startswith("@@"):  # a string that begins with @ is written @@
        value = value[1:]
    elif value.startswith("@"):  # another type (@ByteArray, @Invalid()): not a name
        return ""
    return value


def _escape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code.startswith("x") and len(code) > 1:
        return chr(int(code[1:], 16))
    return _ESCAPES.get(code, code)


def saved_user_name(path: Path | None = None) -> str:
    """The drafter's name as the window saved it (``[user] name=``), stripped; "" when there is
    no settings file, no name, or the file cannot be read (a name is never worth an error:
    the caller falls back to the login name)."""
    path = path or data_dir() / SETTINGS_FILE
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    section = ""
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip().lower()
            continue
        key, equals, value = line.partition("=")
        if section == _SECTION and equals and key.strip().lower() == _KEY:
            return _unescape(value).strip()
    return ""


def signing_name(given: str = "") -> str:
    """Who signs a 修改稿's revisions or an audit record from the command line: the name
    given (``--author``), else the drafter's saved name, else the login name (or 用户)."""
    from drafting.write.oxml.revisions import default_author

    return given.strip() or saved_user_name() or default_author()
