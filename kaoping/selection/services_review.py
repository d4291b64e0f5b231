"""Eligibility review (资格审查, R000-07 … R000-13) and the base score (R000-14).

The engine evaluates every rule of the registration's lists as of the campaign's tenure cut-off; the
stored report keeps each rule's pass/fail/pending, reason and data. The reviewer records judgement items
(R000-11), the exemption approval (R000-10) and avoidance declarations (R000-12), then decides; a
qualified registration gets its base score stored as StageResult(stage="base") with the derivation.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaoping.common.audit import audit_record, save_audited, snapshot
from kaoping.common.errors import DomainError
from kaoping.common.models import AuditEntry
from kaoping.org.adapters import with_history
from kaoping.org.models import Person
from kaoping.scoring.base_score import compute_base_score
from kaoping.scoring.eligibility import EligibilityReport, evaluate
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.trace import _jsonable
from kaoping.selection.adapters import (
    base_score_scheme,
    campaign_scheme,
    registration_record,
    registration_rules,
)
from kaoping.selection.models import (
    AvoidanceDeclaration,
    Campaign,
    EligibilityReview,
    OfferedPosition,
    Registration,
    StageResult,
)
from kaoping.selection.services import require_stage

Stage = Campaign.Stage
Status = Registration.Status
Decision = EligibilityReview.Decision
JUDGEMENT_STATUSES = ("yes", "no", "pending")


def _reviewable(registration: Registration) -> None:
    require_stage(registration.campaign, Stage.REVIEW)
    if not registration.is_active or registration.status == Status.UNIT_REVIEW:
        raise DomainError(_("该报名未报送组织部或已撤回，不能审查。"), code="wrong_status")
    if registration.position.status != OfferedPosition.Status.OPEN:
        raise DomainError(_("报名职位未开考，请先办理改报。"), code="position_closed")


def _load(registration: Registration) -> Registration:
    """The registration with the person's whole file prefetched (for the engine)."""
    person = with_history(Person.objects.filter(pk=registration.person_id)).get()
    registration.person = person
    return registration


def report_rows(report: EligibilityReport) -> list[dict[str, Any]]:
    """The engine's report as stored JSON: one row per rule."""
    return [
        {
            "rule": r.rule,
            "passed": r.passed,
            "pending": r.pending,
            "reason": r.reason,
            "data": {k: _jsonable(v) for k, v in r.data},
            "flags": list(r.flags),
        }
        for r in report.results
    ]


def eligibility_report(registration: Registration) -> EligibilityReport:
    """Evaluate the registration's rule lists as of the tenure cut-off (nothing stored)."""
    registration = _load(registration)
    scheme = campaign_scheme(registration.campaign)
    rules = registration_rules(registration, scheme)
    return evaluate(registration_record(registration), rules, registration.campaign.tenure_cutoff)


def _review_for(registration: Registration) -> EligibilityReview:
    review, _created = EligibilityReview.objects.get_or_create(registration=registration)
    registration.review = review
    return review


def _run(registration: Registration) -> tuple[EligibilityReview, EligibilityReport]:
    review = _review_for(registration)
    try:
        report = eligibility_report(registration)
    except SchemeError as exc:
        raise DomainError(
            _("计分方案中的资格条件有误：%(f)s %(m)s") % {"f": exc.field, "m": exc.message}, code="scheme"
        ) from None
    review.report = report_rows(report)
    review.evaluated_at = timezone.now()
    review.save(update_fields=["report", "evaluated_at", "updated_at"])
    return review, report


@transaction.atomic
def review_run(*, actor, registration: Registration) -> EligibilityReview:
    """Run the engine's checks for one registration and store the report."""
    _reviewable(registration)
    review, _report = _run(registration)
    return review


def review_run_all(*, actor, campaign: Campaign) -> int:
    """Run the checks of every undecided registration on open positions; returns how many were checked.
    One transaction per registration, so a long run keeps what it has done."""
    require_stage(campaign, Stage.REVIEW)
    regs = (
        campaign.registrations.filter(
            is_active=True, position__status=OfferedPosition.Status.OPEN, status=Status.SUBMITTED
        )
        .select_related("campaign", "position", "person")
        .order_by("id")
    )
    n = 0
    for reg in regs:
        with transaction.atomic():
            _run(reg)
        n += 1
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditEntry.Action.OTHER,
            obj=campaign,
            note=_("批量资格检查 %(n)s 人") % {"n": n},
        )
    return n


@transaction.atomic
def review_record(
    *,
    actor,
    registration: Registration,
    judgements: dict[str, dict[str, str]] | None = None,
    has_exemption: bool = False,
    exemption_approved_by: str = "",
    exemption_head_signed: bool = False,
) -> EligibilityReview:
    """R000-10/11: the reviewer's judgement items and the exemption record; the checks are re-run."""
    _reviewable(registration)
    review = _review_for(registration)
    clean: dict[str, dict[str, str]] = {}
    for item, value in (judgements or {}).items():
        status = (value or {}).get("status", "pending")
        if status not in JUDGEMENT_STATUSES:
            raise DomainError(
                _("审查判断只能是符合、不符合或待审核。"), code="bad_judgement", field="judgements"
            )
        clean[str(item)] = {"status": status, "note": str((value or {}).get("note", "")).strip()}
    if has_exemption and (not exemption_approved_by.strip() or not exemption_head_signed):
        raise DomainError(
            _("书面承诺须经单位领导班子研究同意（填写研究情况）并由主要负责人签字认可。"),
            code="exemption_incomplete",
            field="exemption_approved_by",
        )
    before = snapshot(review)
    review.judgements = clean
    review.has_exemption = has_exemption
    review.exemption_approved_by = exemption_approved_by.strip() if has_exemption else ""
    review.exemption_head_signed = exemption_head_signed if has_exemption else False
    save_audited(review, actor=actor, before=before, object_repr=str(registration))
    _run(registration)
    return review


@transaction.atomic
def avoidance_add(
    *, actor, registration: Registration, kind: str, related_person: str, description: str, resolution: str
) -> AvoidanceDeclaration:
    """R000-12: record a declared conflict; the checks are re-run."""
    _reviewable(registration)
    declaration = AvoidanceDeclaration(
        registration=registration,
        kind=kind,
        related_person=related_person.strip(),
        description=description.strip(),
        resolution=resolution,
    )
    save_audited(declaration, actor=actor, before=None, object_repr=str(registration))
    _run(registration)
    return declaration


@transaction.atomic
def avoidance_delete(*, actor, declaration: AvoidanceDeclaration) -> None:
    registration = declaration.registration
    _reviewable(registration)
    audit_record(actor=actor, action=AuditEntry.Action.DELETE, obj=declaration, object_repr=str(registration))
    declaration.delete()
    _run(registration)


def base_score_store(*, registration: Registration) -> StageResult:
    """R000-14: compute the base score as of the cut-off and store it with its derivation (call inside the
    deciding transaction). An incomplete score is stored without a value and its reasons kept."""
    campaign = registration.campaign
    registration = _load(registration)
    try:
        scheme = base_score_scheme(campaign)
    except SchemeError as exc:
        raise DomainError(
            _("计分方案中的基础分设置有误：%(f)s %(m)s") % {"f": exc.field, "m": exc.message}, code="scheme"
        ) from None
    derivation = compute_base_score(registration_record(registration), scheme, campaign.tenure_cutoff)
    weight = dict(campaign_scheme(campaign).weights).get("base")
    weighted = None
    if derivation.value is not None and weight is not None:
        from kaoping.scoring.decimals import round_score

        weighted = round_score(derivation.value * weight, campaign_scheme(campaign).stage_rounding)
    result, _created = StageResult.objects.update_or_create(
        registration=registration,
        stage=StageResult.Stage.BASE,
        defaults={
            "campaign": campaign,
            "position": registration.position,
            "value": derivation.value,
            "weighted": weighted,
            "derivation": derivation.to_dict(),
            "note": "；".join(derivation.all_incomplete_reasons())[:300],
            "computed_at": timezone.now(),
        },
    )
    return result


@transaction.atomic
def review_decide(
    *, actor, registration: Registration, qualified: bool, reasons: str = ""
) -> EligibilityReview:
    """R000-13: qualified (every rule passed; the base score is stored) or rejected (reasons required)."""
    _reviewable(registration)
    review, report = _run(registration)
    before = snapshot(review)
    if qualified:
        if not report.passed:
            raise DomainError(
                _("资格条件未全部通过，不能认定合格：%(r)s") % {"r": "；".join(report.reasons)},
                code="not_eligible",
            )
        result = base_score_store(registration=registration)
        if result.value is None:
            raise DomainError(
                _("基础分无法计算：%(r)s") % {"r": result.note or _("数据不全")}, code="base_incomplete"
            )
        review.reasons = ""
    else:
        if not reasons.strip():
            raise DomainError(_("资格审查不合格须写明原因。"), code="reason_required", field="reasons")
        StageResult.objects.filter(registration=registration, stage=StageResult.Stage.BASE).delete()
        review.reasons = reasons.strip()
    review.decision = Decision.QUALIFIED if qualified else Decision.REJECTED
    review.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    review.decided_at = timezone.now()
    save_audited(review, actor=actor, before=before, object_repr=str(registration))
    reg_before = registration.status
    registration.status = Status.QUALIFIED if qualified else Status.REJECTED
    registration.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=registration,
        changes={"status": [reg_before, registration.status]},
        note=review.reasons,
    )
    return review


def judgement_items(registration: Registration) -> list[str]:
    """The reviewer-judgement items (R000-11) of the rules that apply to this registration."""
    from kaoping.scoring.eligibility import AllOf, AnyOf, TransferConditions

    def walk(rule) -> list[str]:
        if isinstance(rule, TransferConditions):
            return list(rule.items)
        if isinstance(rule, AnyOf | AllOf):
            return [i for item in rule.items for i in walk(item)]
        return []

    try:
        rules = registration_rules(registration)
    except SchemeError:
        return []
    items: list[str] = []
    for rule in rules:
        items.extend(i for i in walk(rule) if i not in items)
    return items


def is_transfer(registration: Registration) -> bool:
    from kaoping.selection.adapters import is_transfer_applicant

    return is_transfer_applicant(registration)
