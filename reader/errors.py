"""Errors that are the user's to fix, shown as one clear line, never a traceback."""

from __future__ import annotations


class UserError(Exception):
    """Something the user asked for cannot be done: a missing path, a bad file."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code
        """The process exit code to end with."""
