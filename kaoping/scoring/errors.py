"""Errors raised by the rules engine."""

from __future__ import annotations


class SchemeError(ValueError):
    """A scheme (or preset) is invalid. ``field`` names the offending field as a dotted path,
    ``message`` says what is wrong in Chinese, ready for the UI."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
