"""Demo data of the marking app, loaded by kaoping_setup on first start."""

from __future__ import annotations


def load_marking_demo() -> None:
    """Load the demo unless it is already there (idempotent)."""
