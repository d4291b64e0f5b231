"""Demo data (placeholder until the demo generator lands)."""

from __future__ import annotations

from kaoping.org.presets import load_rank_presets


def load_presets() -> None:
    load_rank_presets()


def load_demo() -> int:
    return 0
