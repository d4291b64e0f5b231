"""Reads of the assessment app: what a user may see, the scheme page, a unit's sheet and the ranking.

Who sees what: the organisers (ASSESSMENT_MANAGE) and leaders (ASSESSMENT_VIEW over every unit) see every
scheme and unit; a unit's liaison (ASSESSMENT_VIEW within their unit) sees only their own unit's
assessments of opened schemes, and the ranking of all units only once the results are published.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import covers_all_units, has_cap, scoped
from kaoping.assessment import engine
from kaoping.assessment.models import (
    AssessmentScheme,
    EvidenceFile,
    IndicatorScore,
    Stage,
    UnitAssessment,
)
from kaoping.assessment.services_flow import stage_total
from kaoping.common.access import get_or_not_found, not_found
from kaoping.scoring.ranking import competition_ranks
from kaoping.scoring.trace import Derivation

# Latest score column filled at each stage (for the provisional total before approval).
STAGE_COLUMN = {
    Stage.SELF: "self_score",
    Stage.OFFICE: "self_score",
    Stage.FEEDBACK: "proposed_score",
    Stage.REVIEW: "adjusted_score",
    Stage.APPROVAL: "reviewed_score",
}


def sees_all(user) -> bool:
    return covers_all_units(user, Cap.ASSESSMENT_VIEW) or has_cap(user, Cap.ASSESSMENT_MANAGE)


def assessments_visible(user) -> QuerySet[UnitAssessment]:
    qs = UnitAssessment.objects.select_related("scheme", "unit")
    if sees_all(user):
        return qs
    return scoped(qs, user, Cap.ASSESSMENT_VIEW, "unit__path").exclude(
        scheme__status=AssessmentScheme.Status.DRAFT
    )


def schemes_visible(user) -> QuerySet[AssessmentScheme]:
    if sees_all(user):
        return AssessmentScheme.objects.all()
    ids = assessments_visible(user).values("scheme_id")
    return AssessmentScheme.objects.filter(pk__in=ids)


def access_scheme(user, pk) -> AssessmentScheme:
    return get_or_not_found(schemes_visible(user), pk)


def access_assessment(user, pk) -> UnitAssessment:
    return get_or_not_found(assessments_visible(user), pk)


def access_evidence(user, pk) -> EvidenceFile:
    evidence = get_or_not_found(EvidenceFile.objects.select_related("assessment"), pk)
    if not assessments_visible(user).filter(pk=evidence.assessment_id).exists():
        raise not_found()
    return evidence


def may_see_ranking(user, scheme: AssessmentScheme) -> bool:
    """A department sees only its own until the results are published."""
    return sees_all(user) or scheme.is_published


def scheme_list(user) -> QuerySet[AssessmentScheme]:
    return schemes_visible(user).order_by("-year", "id")


# ------------------------------------------------------------------------------------------------ totals


@dataclass(frozen=True)
class UnitResult:
    assessment: UnitAssessment
    self_total: Derivation
    total: Derivation  # final (approved) or provisional
    is_final: bool
    rank: int | None = None


def _with_scores(qs: QuerySet[UnitAssessment]) -> QuerySet[UnitAssessment]:
    return qs.prefetch_related("scores", "bonus_awards")


def result_of(assessment: UnitAssessment) -> UnitResult:
    scores = list(assessment.scores.all())
    awards = list(assessment.bonus_awards.all())
    self_total = stage_total(assessment, "self_score", scores, awards)
    if assessment.stage in (Stage.APPROVED, Stage.ARCHIVED) and assessment.derivation:
        return UnitResult(assessment, self_total, Derivation.from_dict(assessment.derivation), True)
    column = STAGE_COLUMN[Stage(assessment.stage)]
    total = self_total if column == "self_score" else stage_total(assessment, column, scores, awards)
    return UnitResult(assessment, self_total, total, False)


def scheme_results(user, scheme: AssessmentScheme) -> list[UnitResult]:
    """The units of ``scheme`` the user may see, ranked (competition ranks) by their current total."""
    qs = UnitAssessment.objects.filter(scheme=scheme).select_related("scheme", "unit")
    if not may_see_ranking(user, scheme):
        qs = qs.filter(pk__in=assessments_visible(user).values("pk"))
    results = [result_of(a) for a in _with_scores(qs).order_by("order", "id")]
    ranks = competition_ranks({r.assessment.pk: r.total.value for r in results if r.total.value is not None})
    ranked = [
        UnitResult(r.assessment, r.self_total, r.total, r.is_final, ranks.get(r.assessment.pk))
        for r in results
    ]
    return sorted(ranked, key=lambda r: (r.rank is None, r.rank or 0, r.assessment.order))


@dataclass(frozen=True)
class ScoreLine:
    score: IndicatorScore
    label: str
    content: tuple[tuple[str, Decimal | None], ...]
    evidence: list[EvidenceFile]
    difference: Decimal | None  # reviewed − self (R001-04)


def assessment_sheet(assessment: UnitAssessment) -> list[ScoreLine]:
    """Every score row of ``assessment`` with its content items and evidence (two queries)."""
    rows = {
        r.key: r for r in engine.rows_for(assessment.scheme.kind, assessment.scheme.scheme, assessment.key)
    }
    scores = assessment.scores.prefetch_related(
        Prefetch("evidence", queryset=EvidenceFile.objects.order_by("id"))
    )
    lines = []
    for s in scores:
        row = rows.get(s.key)
        diff = None
        if s.reviewed_score is not None and s.self_score is not None:
            diff = s.reviewed_score - s.self_score
        lines.append(
            ScoreLine(
                s, row.label if row else s.key, row.content if row else (), list(s.evidence.all()), diff
            )
        )
    return lines


def summary_evidence(assessment: UnitAssessment) -> list[EvidenceFile]:
    return list(assessment.evidence.filter(score__isnull=True).order_by("id"))
