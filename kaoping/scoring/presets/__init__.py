"""Seed presets: the numbers of the source documents, shipped as data a user copies and edits (G-2).

Each submodule defines ``PRESETS``, a tuple of :class:`Preset`. ``data`` is a plain JSON-ready dict
that the matching scheme's ``from_dict`` validates into frozen dataclasses.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

_MODULES = ("selection", "union_work", "annual", "targets", "establishment")


@dataclass(frozen=True)
class Preset:
    key: str  # stable identifier, e.g. "selection.seed000"
    kind: str  # which scheme class reads it, e.g. "selection"
    title: str  # Chinese title shown to users
    source: str  # where the numbers come from, e.g. "seed 000 工组字[2011]369号"
    data: dict[str, Any]


def all_presets() -> dict[str, Preset]:
    """Every shipped preset by key."""
    found: dict[str, Preset] = {}
    for name in _MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        for preset in module.PRESETS:
            found[preset.key] = preset
    return found


def get_preset(key: str) -> Preset:
    return all_presets()[key]
