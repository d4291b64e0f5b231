"""Demo data of the annual app, loaded by kaoping_setup on first start."""

from __future__ import annotations


def load_annual_demo() -> None:
    """Load the demo unless it is already there (idempotent)."""
