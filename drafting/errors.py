"""Errors the domain raises, with a message a drafter can read (Chinese, one line)."""

from __future__ import annotations


class ParseError(ValueError):
    """A file cannot be read as a regulation text: unreadable, empty, corrupt, or no articles."""
