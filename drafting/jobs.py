"""Long work that can be cancelled and reports progress, without Qt.

A long job (an export, an import, a comparison) is a plain function of its inputs that also
takes a ``Progress`` callback and a ``CancelToken``. It calls ``progress(done, total, text)``
now and then (``total`` 0: no count known) and ``cancel.check()`` at points where stopping is
safe; both raise ``Cancelled`` once 取消 was asked for. Work that changes something outside
itself (replaces a file, writes to the library) calls ``cancel.commit()`` just before: from
then on 取消 is refused and the job runs to its end, so a cancelled job never leaves a change
half-made or made behind the user's back. ``ui.shell.jobs`` runs such functions off the GUI
thread; the command line can call them directly with ``no_progress`` and a fresh token.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol, TypeVar

T = TypeVar("T")


class Cancelled(Exception):
    """The job stopped because 取消 was asked for; it changed nothing."""

    def __init__(self, message: str = "已取消") -> None:
        super().__init__(message)


class Progress(Protocol):
    """``progress(done, total, text)``: ``done`` of ``total`` steps (``total`` 0 when unknown),
    ``text`` a short Chinese line for the progress dialog ("" keeps the last one)."""

    def __call__(self, done: int, total: int, text: str = "") -> None: ...


def no_progress(done: int, total: int, text: str = "") -> None:
    """A progress callback that ignores every report (for the command line and tests)."""


class CancelToken:
    """Whether 取消 was asked for; safe to use from any thread.

    ``cancel()`` asks (True when accepted, False once the work has committed); the work polls
    ``is_set()`` (the token is also a ``Callable[[], bool]``, as ``consultation.importing``
    expects), stops with ``check()`` and marks the point of no return with ``commit()``.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cancelled = False
        self._committed = False

    def cancel(self) -> bool:
        """Ask the work to stop; False when it is past ``commit()`` and will finish anyway."""
        with self._lock:
            if self._committed:
                return False
            self._cancelled = True
            return True

    def is_set(self) -> bool:
        """True once ``cancel()`` was accepted (named as on ``threading.Event``)."""
        return self._cancelled

    def __call__(self) -> bool:
        return self._cancelled

    @property
    def committed(self) -> bool:
        """True once the work passed ``commit()``."""
        return self._committed

    def check(self) -> None:
        """Raise ``Cancelled`` when 取消 was asked for."""
        if self._cancelled:
            raise Cancelled()

    def commit(self) -> None:
        """The point of no return: raise ``Cancelled`` if already cancelled, else refuse every
        later ``cancel()``. Call it just before the first change the user would see."""
        with self._lock:
            if self._cancelled:
                raise Cancelled()
            self._committed = True


#: A job's work: ``work(progress, cancel) -> result``, run off the GUI thread.
Work = Callable[[Progress, CancelToken], T]
