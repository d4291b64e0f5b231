"""Stage results: compute, store, cut, lock (contract in the selection brief)."""

from __future__ import annotations


def results_blocking_issues(campaign, target_stage: str) -> list[str]:
    return []


def on_stage_entered(campaign, stage: str, actor) -> None:
    return None
