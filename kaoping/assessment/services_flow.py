"""The assessment flow of one unit (R003-03, R001-04): self scores with evidence and the annual summary →
the office's proposed scores → feedback and adjustment → the leading group's review → the chair's
approval (results locked) → archive with the signatures of the leader in charge and the department head.

In each stage exactly one score column is open: 自评分 (self), 办公室评议分 (office), 调整后得分
(feedback), 审查得分 (review). Moving on copies the column forward so the next step starts from it.
Each transition checks its blocking issues first and writes a StageLog and an audit row.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import scope_for
from kaoping.assessment import engine
from kaoping.assessment.models import (
    AssessmentScheme,
    IndicatorScore,
    SchemeKind,
    Stage,
    StageLog,
    UnitAssessment,
)
from kaoping.assessment.services import require
from kaoping.common.audit import save_audited, snapshot
from kaoping.common.errors import DomainError, TransitionBlocked, ValidationFailed
from kaoping.scoring.trace import Derivation

# The score column open in each stage.
STAGE_FIELD = {
    Stage.SELF: "self_score",
    Stage.OFFICE: "proposed_score",
    Stage.FEEDBACK: "adjusted_score",
    Stage.REVIEW: "reviewed_score",
}
STAGE_CAP = {
    Stage.SELF: Cap.ASSESSMENT_SELF,
    Stage.OFFICE: Cap.ASSESSMENT_MANAGE,
    Stage.FEEDBACK: Cap.ASSESSMENT_MANAGE,
    Stage.REVIEW: Cap.ASSESSMENT_MANAGE,
}


@dataclass(frozen=True)
class Action:
    code: str
    label: str
    source: str
    target: str
    cap: str
    confirm: str = ""


ACTIONS = {
    a.code: a
    for a in (
        Action("submit", gettext_lazy("提交自评"), Stage.SELF, Stage.OFFICE, Cap.ASSESSMENT_SELF),
        Action(
            "propose", gettext_lazy("提出评分意见并反馈"), Stage.OFFICE, Stage.FEEDBACK, Cap.ASSESSMENT_MANAGE
        ),
        Action(
            "adjust",
            gettext_lazy("调整完毕，报领导小组"),
            Stage.FEEDBACK,
            Stage.REVIEW,
            Cap.ASSESSMENT_MANAGE,
        ),
        Action(
            "review",
            gettext_lazy("审查完毕，报主席会审定"),
            Stage.REVIEW,
            Stage.APPROVAL,
            Cap.ASSESSMENT_MANAGE,
        ),
        Action(
            "approve",
            gettext_lazy("审定"),
            Stage.APPROVAL,
            Stage.APPROVED,
            Cap.ASSESSMENT_APPROVE,
            gettext_lazy("审定后考核结果将锁定，不能再修改。确定审定吗？"),
        ),
        Action("return", gettext_lazy("退回领导小组"), Stage.APPROVAL, Stage.REVIEW, Cap.ASSESSMENT_APPROVE),
        Action(
            "archive",
            gettext_lazy("签字存档"),
            Stage.APPROVED,
            Stage.ARCHIVED,
            Cap.ASSESSMENT_MANAGE,
            gettext_lazy("存档后不能撤销。确定存档吗？"),
        ),
    )
}


def _lock(assessment: UnitAssessment) -> UnitAssessment:
    return UnitAssessment.objects.select_for_update().select_related("scheme", "unit").get(pk=assessment.pk)


def _require_open(assessment: UnitAssessment) -> None:
    if assessment.scheme.status != AssessmentScheme.Status.OPEN:
        raise DomainError(_("方案不在考核中。"), code="scheme_not_open")
    if assessment.is_locked:
        raise DomainError(_("考核结果已审定，不能修改。"), code="locked")


# --------------------------------------------------------------------------------------------- totals


def stage_total(assessment: UnitAssessment, field: str, scores=None, awards=None) -> Derivation:
    """The unit's total from score column ``field`` (self scores: a plain sum; the office's columns: the
    engine's R001-02 / R003-01 total, incl. capped bonus for departments)."""
    scores = list(scores if scores is not None else assessment.scores.all())
    scheme = assessment.scheme
    values = {s.key: getattr(s, field) for s in scores}
    if field == "self_score":
        return engine.sum_derivation(_("自评合计"), values, "R001-04")
    if scheme.kind == SchemeKind.INDICATOR:
        if field != "reviewed_score":
            return engine.sum_derivation(_("合计"), values, "R001-02")
        judged = {
            s.key: (s.level, s.docs_incomplete) if s.reviewed_score is not None else None for s in scores
        }
        return engine.indicator_total(scheme.scheme, assessment.key, judged)
    awards = list(awards if awards is not None else assessment.bonus_awards.all())
    return engine.target_total(
        scheme.scheme,
        assessment.key,
        values,
        [(a.code, a.points, a.note) for a in awards],
    )


# --------------------------------------------------------------------------------------------- scores


@transaction.atomic
def score_set(
    *,
    actor,
    score: IndicatorScore,
    value: Decimal | None = None,
    level: str = "",
    docs_incomplete: bool = False,
    note: str = "",
) -> IndicatorScore:
    """Enter the score of the column open in the assessment's stage. For an indicator scheme the office
    judges a completion ``level`` (+ 资料不全) and the score follows R001-02; the unit enters a number."""
    assessment = _lock(score.assessment)
    _require_open(assessment)
    field = STAGE_FIELD.get(assessment.stage)
    if field is None:
        raise DomainError(_("当前环节不能录入分数。"), code="stage_closed")
    require(actor, STAGE_CAP[assessment.stage], assessment.unit)
    score = IndicatorScore.objects.select_for_update().get(pk=score.pk)
    before = snapshot(score)
    scheme = assessment.scheme
    if scheme.kind == SchemeKind.INDICATOR and field != "self_score":
        if not level:
            raise DomainError(_("请选择完成等级。"), code="level_required", field="level")
        derivation = engine.level_score(scheme.scheme, score.key, level, docs_incomplete)
        value = derivation.value
        score.level, score.docs_incomplete = level, docs_incomplete
        score.derivation = derivation.to_dict()
    else:
        if value is None:
            raise DomainError(_("请填写分数。"), code="value_required", field="value")
        value = engine.check_entered(scheme.kind, scheme.scheme, assessment.key, score.key, Decimal(value))
    setattr(score, field, value)
    if field == "self_score":
        score.self_note = note
    elif note:
        score.note = note
    save_audited(score, actor=actor, before=before, object_repr=f"{assessment} {score.key}")
    return score


@transaction.atomic
def scores_set_many(*, actor, assessment: UnitAssessment, entries: list[tuple[IndicatorScore, dict]]) -> int:
    """Enter several rows of the open column at once (each entry: the row and ``score_set``'s keyword
    arguments). All or nothing: any refused row rolls every row back and ValidationFailed names each one."""
    errors: dict[str, list[str]] = {}
    for score, fields in entries:
        if score.assessment_id != assessment.pk:
            raise DomainError(_("指标不属于该单位。"), code="bad_score")
        try:
            score_set(actor=actor, score=score, **fields)
        except ValidationFailed as exc:
            errors[score.key] = [m for msgs in exc.errors.values() for m in msgs]
        except DomainError as exc:
            errors[score.key] = [exc.message]
    if errors:
        raise ValidationFailed({k: [f"{k}：{m}" for m in msgs] for k, msgs in errors.items()})
    return len(entries)


@transaction.atomic
def summary_set(*, actor, assessment: UnitAssessment, summary: str) -> UnitAssessment:
    """The unit's annual summary (年度工作总结), during self-assessment."""
    assessment = _lock(assessment)
    _require_open(assessment)
    if assessment.stage != Stage.SELF:
        raise DomainError(_("自评已提交，不能修改年度工作总结。"), code="stage_closed")
    require(actor, Cap.ASSESSMENT_SELF, assessment.unit)
    before = snapshot(assessment)
    assessment.summary = summary.strip()
    save_audited(assessment, actor=actor, before=before)
    return assessment


@transaction.atomic
def feedback_set(*, actor, assessment: UnitAssessment, note: str) -> UnitAssessment:
    """The department's response to the proposed scores (反馈意见), during feedback."""
    assessment = _lock(assessment)
    _require_open(assessment)
    if assessment.stage != Stage.FEEDBACK:
        raise DomainError(_("只能在反馈调整环节填写反馈意见。"), code="stage_closed")
    require(actor, Cap.ASSESSMENT_SELF, assessment.unit)
    before = snapshot(assessment)
    assessment.feedback_note = note.strip()
    save_audited(assessment, actor=actor, before=before)
    return assessment


# ---------------------------------------------------------------------------------------- transitions


def _scheme_allows(scheme: AssessmentScheme, action: Action) -> bool:
    """Every step needs an open scheme; archiving may also follow publication."""
    allowed = {AssessmentScheme.Status.OPEN}
    if action.code == "archive":
        allowed.add(AssessmentScheme.Status.PUBLISHED)
    return scheme.status in allowed


def available_actions(user, assessment: UnitAssessment) -> list[Action]:
    """Actions whose source is the current stage and whose capability ``user`` holds over the unit."""
    found = []
    for action in ACTIONS.values():
        if not _scheme_allows(assessment.scheme, action):
            continue
        scope = scope_for(user, action.cap)
        if (
            action.source == assessment.stage
            and scope is not None
            and scope.covers_path(assessment.unit.path)
        ):
            found.append(action)
    return found


def assessment_blocking_issues(
    assessment: UnitAssessment, action: Action, *, leader_signed: str = "", head_signed: str = ""
) -> list[str]:
    issues = []
    if not _scheme_allows(assessment.scheme, action):
        issues.append(_("方案不在考核中。"))
    if assessment.stage != action.source:
        issues.append(
            _("当前环节为“%(now)s”，不能执行“%(a)s”（须在“%(src)s”环节）。")
            % {"now": Stage(assessment.stage).label, "a": action.label, "src": Stage(action.source).label}
        )
        return issues
    field = STAGE_FIELD.get(Stage(action.source))
    scores = list(assessment.scores.all())
    if field:
        missing = [s.key for s in scores if getattr(s, field) is None]
        if missing:
            issues.append(
                _("以下项目尚未评分（%(col)s）：%(k)s")
                % {"col": IndicatorScore._meta.get_field(field).verbose_name, "k": "、".join(missing)}
            )
    if action.code == "submit" and not assessment.summary.strip():
        issues.append(_("尚未填写年度工作总结。"))
    if action.code in ("review", "approve") and not issues:
        total = stage_total(assessment, "reviewed_score", scores)
        if not total.is_complete:
            issues.extend(total.all_incomplete_reasons())
    if action.code == "archive":
        if not leader_signed.strip():
            issues.append(_("须由分管领导签字。"))
        if not head_signed.strip():
            issues.append(_("须由部门负责人签字。"))
    return issues


_COPY_FORWARD = {
    "propose": ("proposed_score", "adjusted_score"),
    "adjust": ("adjusted_score", "reviewed_score"),
}


@transaction.atomic
def assessment_transition(
    *,
    actor,
    assessment: UnitAssessment,
    action: str,
    note: str = "",
    leader_signed: str = "",
    head_signed: str = "",
) -> UnitAssessment:
    """Move ``assessment`` one step along R003-03 (no step can be skipped). ``approve`` stores the final
    total with its derivation and locks the result; ``archive`` records the two signatures."""
    if action not in ACTIONS:
        raise DomainError(_("未知的操作。"), code="unknown_action")
    step = ACTIONS[action]
    assessment = _lock(assessment)
    require(actor, step.cap, assessment.unit)
    issues = assessment_blocking_issues(
        assessment, step, leader_signed=leader_signed, head_signed=head_signed
    )
    if issues:
        raise TransitionBlocked(issues)
    before = snapshot(assessment)
    if action in _COPY_FORWARD:
        src, dst = _COPY_FORWARD[action]
        for s in assessment.scores.select_for_update():
            s_before = snapshot(s)
            setattr(s, dst, getattr(s, src))
            save_audited(s, actor=actor, before=s_before, object_repr=f"{assessment} {s.key}")
    if action == "approve":
        total = stage_total(assessment, "reviewed_score")
        assessment.total = total.value
        assessment.derivation = total.to_dict()
    if action == "archive":
        assessment.leader_signed = leader_signed.strip()
        assessment.head_signed = head_signed.strip()
        assessment.archived_at = timezone.now()
    assessment.stage = step.target
    save_audited(assessment, actor=actor, before=before, note=f"{step.label} {note}".strip())
    StageLog.objects.create(
        assessment=assessment,
        from_stage=step.source,
        to_stage=step.target,
        actor=actor if getattr(actor, "pk", None) else None,
        note=(f"{step.label}：{note}" if note else str(step.label))[:500],
    )
    return assessment
