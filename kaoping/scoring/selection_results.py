"""Ranking the candidates of one 竞争上岗 position through the stages: R000-17, R000-19, R000-21 (with G-5 ties).

Uses the numbers of a :class:`~kaoping.scoring.selection.SelectionScheme`.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .decimals import round_score
from .ranking import CutResult, Entry, cut_top_n, passes_threshold
from .selection import STAGES, SelectionScheme
from .totals import weighted_total
from .trace import Derivation


@dataclass(frozen=True)
class Candidate:
    """One candidate of a position with the stage scores known so far (number, derivation or None)."""

    id: Hashable
    base: Decimal | Derivation | None = None
    evaluation: Decimal | Derivation | None = None
    exam: Decimal | Derivation | None = None
    interview: Decimal | Derivation | None = None

    def stage(self, key: str) -> Decimal | None:
        """A stage value, rounded as formed; None when missing or incomplete."""
        v = getattr(self, key)
        return v.value if isinstance(v, Derivation) else v


@dataclass(frozen=True)
class PositionResult:
    """Stage outcomes of one position. A cut is None (with reasons) while any needed total is incomplete."""

    not_advanced: tuple[Hashable, ...]
    after_exam: Mapping[Hashable, Derivation]
    interview_cut: CutResult | None
    totals: Mapping[Hashable, Derivation]
    inspection_cut: CutResult | None
    reasons: tuple[str, ...] = ()


def _entries(
    scheme: SelectionScheme, cands: Sequence[Candidate], totals: Mapping[Hashable, Derivation]
) -> list:
    return [
        Entry(c.id, totals[c.id].value, tuple((k, _rounded(c.stage(k), scheme)) for k in scheme.tie_break))
        for c in cands
    ]  # type: ignore[arg-type]


def _rounded(value: Decimal | None, scheme: SelectionScheme) -> Decimal | None:
    return None if value is None else round_score(value, scheme.stage_rounding)


def position_results(scheme: SelectionScheme, candidates: Sequence[Candidate]) -> PositionResult:
    """R000-17/19/21 for one position: who goes to the exam, after-exam ranking and the top N to interview,
    final totals and the top N to inspection, with ties handled per G-5 / RP-05."""
    reasons: list[str] = []
    advanced, not_advanced = [], []
    for c in candidates:
        ok = passes_threshold(_rounded(c.stage("evaluation"), scheme), scheme.evaluation_pass_mark)
        if ok is None:
            reasons.append(f"{c.id}：缺少民主测评分数")
        elif ok:
            advanced.append(c)
        else:
            not_advanced.append(c.id)
    after = {
        c.id: weighted_total(scheme.after_exam_scheme, {k: getattr(c, k) for k in STAGES}) for c in advanced
    }
    if reasons or any(d.value is None for d in after.values()):
        reasons += [
            f"{i}：{'；'.join(d.all_incomplete_reasons())}" for i, d in after.items() if d.value is None
        ]
        return PositionResult(tuple(not_advanced), after, None, {}, None, tuple(reasons))
    icut = cut_top_n(
        _entries(scheme, advanced, after),
        scheme.interview_top_n,
        policy=scheme.tie_policy,
        chain=scheme.tie_break,
    )
    interviewed = [c for c in advanced if c.id in icut.passed]
    totals = {
        c.id: weighted_total(scheme.total_scheme, {k: getattr(c, k) for k in STAGES}) for c in interviewed
    }
    if any(d.value is None for d in totals.values()):
        reasons = [
            f"{i}：{'；'.join(d.all_incomplete_reasons())}" for i, d in totals.items() if d.value is None
        ]
        return PositionResult(tuple(not_advanced), after, icut, totals, None, tuple(reasons))
    fcut = cut_top_n(
        _entries(scheme, interviewed, totals),
        scheme.inspection_top_n,
        policy=scheme.tie_policy,
        chain=scheme.tie_break,
    )
    return PositionResult(tuple(not_advanced), after, icut, totals, fcut)
