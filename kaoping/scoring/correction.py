"""Group correction of interview scores across panels (修正系数), RP-03.

When one position's candidates are interviewed by more than one panel:
final = raw × (overall mean ÷ own panel mean). Overall mean = mean of the panel means (default) or the
pooled mean of all candidates; optionally the top-k and bottom-k candidate scores of each panel are
dropped before taking means. The coefficient keeps full precision unless ``coefficient_rounding`` says
otherwise (G-1); the final score is rounded by ``result_rounding``. With one panel nothing is corrected
(coefficient 1, final = raw).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from . import _schemeparse as sp
from .decimals import DEFAULT_ROUNDING, ONE, ZERO, Rounding, RoundingMode, fmt, round_score
from .trace import Derivation, incomplete

RULE = "RP-03"


class OverallMean(StrEnum):
    """How the overall mean is taken."""

    MEAN_OF_MEANS = "mean_of_means"
    POOLED = "pooled"


@dataclass(frozen=True)
class CorrectionSettings:
    """RP-03 options."""

    overall: OverallMean = OverallMean.MEAN_OF_MEANS
    trim_k: int = 0
    coefficient_rounding: Rounding = field(default_factory=lambda: Rounding(mode=RoundingMode.NONE))
    result_rounding: Rounding = DEFAULT_ROUNDING


@dataclass(frozen=True)
class CorrectedScore:
    """One candidate's raw score, coefficient and final score (all three are published)."""

    candidate: str
    panel: str
    raw: Decimal
    coefficient: Decimal | None
    final: Decimal | None
    derivation: Derivation


@dataclass(frozen=True)
class CorrectionResult:
    """All candidates' corrected scores, the panel means and the overall mean."""

    applied: bool
    scores: tuple[CorrectedScore, ...]
    panel_means: tuple[tuple[str, Decimal | None], ...]
    overall_mean: Decimal | None
    incomplete_reasons: tuple[str, ...] = ()

    def by_candidate(self) -> dict[str, CorrectedScore]:
        """Scores keyed by candidate."""
        return {s.candidate: s for s in self.scores}


def _trimmed(values: list[Decimal], k: int) -> list[Decimal]:
    ordered = sorted(values)
    return ordered[k : len(ordered) - k] if k else ordered


def correct_panels(
    panels: Mapping[str, Mapping[str, Decimal]], settings: CorrectionSettings | None = None
) -> CorrectionResult:
    """RP-03: correct raw interview scores of one position's candidates (panel → candidate → raw)."""
    settings = settings or CorrectionSettings()
    seen: set[str] = set()
    for members in panels.values():
        dup = seen & set(members)
        if dup:
            raise ValueError(f"考生出现在多个考官组：{'、'.join(sorted(dup))}")
        seen |= set(members)
    rounding = settings.result_rounding
    if len(panels) <= 1:
        scores = tuple(
            CorrectedScore(
                c,
                p,
                raw,
                ONE,
                round_score(raw, rounding),
                Derivation(
                    label="面试最终分数",
                    value=round_score(raw, rounding),
                    formula=f"{sp.num(raw)}（仅一个考官组，不修正）",
                    rule=RULE,
                ),
            )
            for p, members in panels.items()
            for c, raw in members.items()
        )
        return CorrectionResult(False, scores, (), None)
    k = settings.trim_k
    reasons = [
        f"考官组 {p} 仅 {len(m)} 名考生，去掉最高、最低各 {k} 个后无分可用"
        for p, m in panels.items()
        if len(m) <= 2 * k
    ]
    if reasons:
        scores = tuple(
            CorrectedScore(c, p, raw, None, None, incomplete("面试最终分数", *reasons, rule=RULE))
            for p, members in panels.items()
            for c, raw in members.items()
        )
        return CorrectionResult(True, scores, (), None, tuple(reasons))
    used = {p: _trimmed(list(m.values()), k) for p, m in panels.items()}
    means = {p: sum(v, ZERO) / len(v) for p, v in used.items()}
    if settings.overall is OverallMean.POOLED:
        pooled = [v for vs in used.values() for v in vs]
        overall = sum(pooled, ZERO) / len(pooled)
        how = "全部考生平均分"
    else:
        overall = sum(means.values(), ZERO) / len(means)
        how = "各组平均分的平均"
    scores = []
    for p, members in panels.items():
        coef = round_score(overall / means[p], settings.coefficient_rounding)
        for c, raw in members.items():
            final = round_score(raw * coef, rounding)
            formula = (
                f"{sp.num(raw)} × {fmt(coef)}（修正系数 = {how} {fmt(overall)} ÷ 本组平均分 {fmt(means[p])}）"
            )
            der = Derivation(
                label="面试最终分数",
                value=final,
                formula=formula,
                rule=RULE,
                inputs=(
                    ("raw", raw),
                    ("panel", p),
                    ("panel_mean", means[p]),
                    ("overall_mean", overall),
                    ("coefficient", coef),
                    ("trim_k", k),
                ),
            )
            scores.append(CorrectedScore(c, p, raw, coef, final, der))
    return CorrectionResult(True, tuple(scores), tuple(means.items()), overall)
