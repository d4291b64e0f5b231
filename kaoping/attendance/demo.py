"""Demo data of the attendance app, loaded by kaoping_setup on first start."""

from __future__ import annotations


def load_attendance_demo() -> None:
    """Load the demo unless it is already there (idempotent)."""
