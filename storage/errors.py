"""The one error storage raises to its callers (re-exported by ``storage.library``).

Apart from the façade so that the modules it uses (``storage.limits``) can raise it too.
"""

from __future__ import annotations


class LibraryError(Exception):
    """The library cannot do what was asked; the message is one Chinese line for the user."""
