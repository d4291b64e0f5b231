"""The 竞争上岗 scheme (seed 000) and the stage computations of one position: R000-05, R000-15–R000-21.

:class:`SelectionScheme` holds every number as data (G-2): weights, evaluation groups and points,
participation threshold, pass mark, exam items and marking mode, interview parts and trimming, registration
limits, cut-offs, tie-breaks and rounding. ``base_score`` is passed through untouched for
``kaoping.scoring.base_score.BaseScoreScheme.from_dict`` (R000-14), and ``eligibility`` (rule lists by post
level) for ``kaoping.scoring.eligibility.rule_from_dict`` (R000-07 … R000-12).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import _schemeparse as sp
from .aggregates import RaterMark, element_trimmed_sum, mean_of_totals, trimmed_mean
from .decimals import DEFAULT_ROUNDING, ONE, ZERO, Rounding
from .double_marking import MODES, ExamItem, ItemMarks, MarkingMode, mark_paper
from .errors import SchemeError
from .ranking import TiePolicy, passes_threshold
from .totals import Component, TotalScheme
from .trace import Derivation
from .votes import (
    Participation,
    Reconciliation,
    VoteScheme,
    check_participation,
    reconcile_ballots,
    vote_score,
)

STAGES = ("base", "evaluation", "exam", "interview")
_STAGE_LABELS = {
    "base": ("基础分数", "基础权重"),
    "evaluation": ("民主测评分数", "民主测评权重"),
    "exam": ("笔试分数", "笔试权重"),
    "interview": ("面试分数", "面试权重"),
}


@dataclass(frozen=True)
class SelectionScheme:
    """A 竞争上岗 implementation plan (实施方案) as data. Build it with :meth:`from_dict`."""

    name: str
    weights: tuple[tuple[str, Decimal], ...]
    evaluation: VoteScheme
    participation_threshold: Decimal
    participation_inclusive: bool
    evaluation_pass_mark: Decimal
    exam_items: tuple[ExamItem, ...]
    exam_marking_mode: MarkingMode
    interview_parts: tuple[ExamItem, ...]
    interview_trim_k: int
    interview_excluded_roles: tuple[str, ...]
    interview_trim_per_element: bool
    panel_min: int
    panel_max: int
    min_registrants: int
    max_changes: int
    interview_top_n: int
    inspection_top_n: int
    tie_policy: TiePolicy
    tie_break: tuple[str, ...]
    stage_rounding: Rounding = DEFAULT_ROUNDING
    part_rounding: Rounding = DEFAULT_ROUNDING
    total_rounding: Rounding = DEFAULT_ROUNDING
    full_precision: bool = False
    base_score: Mapping[str, Any] = field(default_factory=dict)
    eligibility: Mapping[str, Any] = field(default_factory=dict)  # rule lists, see eligibility.rule_from_dict

    @property
    def total_scheme(self) -> TotalScheme:
        """R000-21: base×20% + evaluation×20% + exam×30% + interview×30% (weights from data)."""
        comps = tuple(Component(k, _STAGE_LABELS[k][0], w, _STAGE_LABELS[k][1]) for k, w in self.weights)
        return TotalScheme(
            components=comps,
            label="总分",
            rule="R000-21",
            component_rounding=self.stage_rounding,
            part_rounding=self.part_rounding,
            total_rounding=self.total_rounding,
            full_precision=self.full_precision,
        )

    @property
    def after_exam_scheme(self) -> TotalScheme:
        """R000-19: the ranking total after the exam (every stage but the interview)."""
        keys = [k for k, _ in self.weights if k != "interview"]
        return self.total_scheme.subset(keys, label="笔试后加权总分", rule="R000-19")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SelectionScheme:
        """Validate a plain dict (see ``presets/selection.py``); errors name the field in Chinese."""
        data = sp.mapping(data, "")
        w = sp.mapping(sp.get(data, "weights", ""), "weights")
        weights = tuple((k, sp.dec(w[k], f"weights.{k}", positive=True)) for k in STAGES if k in w)
        for k in w:
            if k not in STAGES:
                raise SchemeError(f"weights.{k}", f"未知成绩组成：{k}（应为 {'、'.join(STAGES)}）")
        if sum((v for _, v in weights), ZERO) != ONE:
            raise SchemeError("weights", "各项权重之和应为 100%")
        ev = sp.mapping(sp.get(data, "evaluation", ""), "evaluation")
        ex = sp.mapping(sp.get(data, "exam", ""), "exam")
        iv = sp.mapping(sp.get(data, "interview", ""), "interview")
        reg = sp.mapping(data.get("registration") or {}, "registration")
        cut = sp.mapping(data.get("cutoffs") or {}, "cutoffs")
        rnd = sp.mapping(data.get("rounding") or {}, "rounding")
        items = tuple(
            ExamItem.from_dict(it, f"exam.items[{i}]")
            for i, it in enumerate(sp.seq(sp.get(ex, "items", "exam"), "exam.items", nonempty=True))
        )
        parts = tuple(
            ExamItem.from_dict(it, f"interview.parts[{i}]")
            for i, it in enumerate(sp.seq(sp.get(iv, "parts", "interview"), "interview.parts", nonempty=True))
        )
        sp.unique((i.key for i in items), "exam.items")
        sp.unique((p.key for p in parts), "interview.parts")
        k = sp.integer(iv.get("trim_k", 1), "interview.trim_k", minimum=0)
        panel_min = sp.integer(iv.get("panel_min", 7), "interview.panel_min", minimum=1)
        panel_max = sp.integer(iv.get("panel_max", 9), "interview.panel_max", minimum=panel_min)
        excluded = tuple(sp.seq(iv.get("excluded_roles", ["chief"]), "interview.excluded_roles"))
        if panel_min - (1 if excluded else 0) < 2 * k + 1:
            raise SchemeError(
                "interview.trim_k", f"考官组最少 {panel_min} 人，去掉最高、最低各 {k} 个后无分可用"
            )
        top_interview = sp.integer(cut.get("interview_top_n", 3), "cutoffs.interview_top_n", minimum=1)
        top_inspection = sp.integer(cut.get("inspection_top_n", 2), "cutoffs.inspection_top_n", minimum=1)
        if top_inspection > top_interview:
            raise SchemeError("cutoffs.inspection_top_n", "考察人选数不能多于进入面试人数")
        chain = tuple(
            sp.choice(c, f"cutoffs.tie_break[{i}]", STAGES)
            for i, c in enumerate(sp.seq(cut.get("tie_break", []), "cutoffs.tie_break"))
        )
        mode = sp.choice(ex.get("marking_mode", "1评"), "exam.marking_mode", MODES)
        base = data.get("base_score") or {}
        return cls(
            name=str(data.get("name", "")),
            weights=weights,
            evaluation=VoteScheme.from_dict({**ev, "rule": "R000-15"}, "evaluation"),
            participation_threshold=sp.dec(
                ev.get("participation_threshold", "0.8"),
                "evaluation.participation_threshold",
                minimum=0,
                maximum=1,
            ),
            participation_inclusive=bool(ev.get("participation_inclusive", True)),
            evaluation_pass_mark=sp.dec(ev.get("pass_mark", 60), "evaluation.pass_mark", minimum=0),
            exam_items=items,
            exam_marking_mode=MODES[mode],
            interview_parts=parts,
            interview_trim_k=k,
            interview_excluded_roles=excluded,
            interview_trim_per_element=sp.choice(
                iv.get("trim_mode", "total"), "interview.trim_mode", ["total", "per_element"]
            )
            == "per_element",
            panel_min=panel_min,
            panel_max=panel_max,
            min_registrants=sp.integer(
                reg.get("min_registrants", 3), "registration.min_registrants", minimum=1
            ),
            max_changes=sp.integer(reg.get("max_changes", 1), "registration.max_changes", minimum=0),
            interview_top_n=top_interview,
            inspection_top_n=top_inspection,
            tie_policy=TiePolicy(
                sp.choice(
                    cut.get("tie_policy", "include_all"), "cutoffs.tie_policy", [p.value for p in TiePolicy]
                )
            ),
            tie_break=chain,
            stage_rounding=sp.rounding(rnd.get("stage"), "rounding.stage"),
            part_rounding=sp.rounding(rnd.get("part"), "rounding.part"),
            total_rounding=sp.rounding(rnd.get("total"), "rounding.total"),
            full_precision=bool(rnd.get("full_precision", False)),
            base_score=dict(sp.mapping(base, "base_score")),
            eligibility=dict(sp.mapping(data.get("eligibility") or {}, "eligibility")),
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain form; ``from_dict(to_dict())`` gives an equal scheme."""
        ev = self.evaluation.to_dict()
        ev.pop("rule")
        return {
            "name": self.name,
            "weights": {k: str(v) for k, v in self.weights},
            "evaluation": {
                **ev,
                "participation_threshold": str(self.participation_threshold),
                "participation_inclusive": self.participation_inclusive,
                "pass_mark": str(self.evaluation_pass_mark),
            },
            "exam": {
                "items": [i.to_dict() for i in self.exam_items],
                "marking_mode": self.exam_marking_mode.name,
            },
            "interview": {
                "parts": [p.to_dict() for p in self.interview_parts],
                "trim_k": self.interview_trim_k,
                "excluded_roles": list(self.interview_excluded_roles),
                "trim_mode": "per_element" if self.interview_trim_per_element else "total",
                "panel_min": self.panel_min,
                "panel_max": self.panel_max,
            },
            "registration": {"min_registrants": self.min_registrants, "max_changes": self.max_changes},
            "cutoffs": {
                "interview_top_n": self.interview_top_n,
                "inspection_top_n": self.inspection_top_n,
                "tie_policy": self.tie_policy.value,
                "tie_break": list(self.tie_break),
            },
            "rounding": {
                "stage": self.stage_rounding.to_dict(),
                "part": self.part_rounding.to_dict(),
                "total": self.total_rounding.to_dict(),
                "full_precision": self.full_precision,
            },
            "base_score": dict(self.base_score),
            "eligibility": dict(self.eligibility),
        }


def position_opens(scheme: SelectionScheme, registrants: int) -> bool:
    """R000-05: a position opens only with at least ``min_registrants`` (3) registrants at the deadline."""
    return registrants >= scheme.min_registrants


@dataclass(frozen=True)
class EvaluationOutcome:
    """Democratic evaluation of one candidate: score (incomplete when the round is invalid), participation
    check (R000-16) and whether the candidate goes on to the exam (R000-17; None when unknown)."""

    score: Derivation
    participation: Participation
    passes: bool | None
    reconciliation: Reconciliation | None = None


def evaluation_stage(
    scheme: SelectionScheme,
    tallies: Mapping[str, Mapping[str, int]],
    *,
    returned: int,
    eligible: int,
    issued_by_table: Mapping[str, int] | None = None,
    returned_by_table: Mapping[str, int] | None = None,
) -> EvaluationOutcome:
    """R000-15/16/17: score = A + B; valid only with ≥ 80% participation; ≥ 60 (inclusive) goes to the exam.
    With ``issued_by_table``/``returned_by_table`` the RP-09 reconciliation is checked too (void if it fails)."""
    part = check_participation(
        returned, eligible, scheme.participation_threshold, inclusive=scheme.participation_inclusive
    )
    score = vote_score(scheme.evaluation, tallies)
    recon = None
    if issued_by_table is not None or returned_by_table is not None:
        recon = reconcile_ballots(issued_by_table or {}, returned_by_table or {})
        if not recon.ok:
            score = Derivation(
                label=score.label, value=None, rule="RP-09", parts=(score,), incomplete_reasons=recon.problems
            )
            return EvaluationOutcome(score=score, participation=part, passes=None, reconciliation=recon)
    if part.ok is not True:
        reason = "参加测评人数未达到应参加人数的 " + sp.percent(scheme.participation_threshold) + "，测评无效"
        score = Derivation(
            label=score.label,
            value=None,
            rule="R000-16",
            parts=(score, part.derivation),
            incomplete_reasons=(reason,) if part.ok is False else part.derivation.incomplete_reasons,
        )
    passes = passes_threshold(score.value, scheme.evaluation_pass_mark)
    return EvaluationOutcome(score=score, participation=part, passes=passes, reconciliation=recon)


def exam_score(scheme: SelectionScheme, marks: Mapping[str, Mapping[str, Decimal | None]]) -> Derivation:
    """R000-18: each marker's total = Σ items (case 60 + essay 40); exam score = mean of the markers' totals."""
    totals: dict[str, Decimal | None] = {}
    for marker, per_item in marks.items():
        values = []
        for item in scheme.exam_items:
            v = per_item.get(item.key)
            if v is not None and not ZERO <= v <= item.max_score:
                raise ValueError(f"{marker} 的{item.label}分数 {v} 超出 0–{item.max_score}")
            values.append(v)
        totals[marker] = None if any(v is None for v in values) else sum(values, ZERO)  # type: ignore[arg-type]
    return mean_of_totals(totals, rounding=scheme.stage_rounding)


def exam_score_double(scheme: SelectionScheme, marks: Mapping[str, ItemMarks]) -> Derivation:
    """RP-04: exam score from per-item double marking with the scheme's marking mode."""
    return mark_paper(
        scheme.exam_items, scheme.exam_marking_mode, marks, rounding=scheme.stage_rounding
    ).total


def interview_score(
    scheme: SelectionScheme, marks: Mapping[str, Mapping[str, Decimal | None]], roles: Mapping[str, str]
) -> Derivation:
    """R000-20 / RP-01: examiner → part → mark. Non-chief totals trimmed (k highest, k lowest) and averaged,
    or each part trimmed and the part means summed (``trim_mode = per_element``)."""
    keys = [p.key for p in scheme.interview_parts]
    if scheme.interview_trim_per_element:
        return element_trimmed_sum(
            marks,
            keys,
            k=scheme.interview_trim_k,
            roles=roles,
            excluded_roles=scheme.interview_excluded_roles,
            rounding=scheme.stage_rounding,
        )
    rater_marks = []
    for rater, per in marks.items():
        values = [per.get(k) for k in keys]
        total = None if any(v is None for v in values) else sum(values, ZERO)  # type: ignore[arg-type]
        rater_marks.append(RaterMark(rater, total, roles.get(rater, "")))
    return trimmed_mean(
        rater_marks,
        k=scheme.interview_trim_k,
        excluded_roles=scheme.interview_excluded_roles,
        rounding=scheme.stage_rounding,
    )
