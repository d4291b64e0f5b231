"""A unit's assessment page (考核表): scores of the open column, the annual summary, evidence files (served
only through :func:`evidence_download`), bonus items, feedback, the flow's steps and the archive sheet."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import require_cap, scope_for
from kaoping.assessment import documents, engine, selectors, services_flow, services_materials
from kaoping.assessment.forms import (
    BonusForm,
    EvidenceForm,
    FeedbackForm,
    ScoreForm,
    SummaryForm,
    TransitionForm,
)
from kaoping.assessment.models import AssessmentScheme, BonusAward, IndicatorScore, SchemeKind, Stage
from kaoping.assessment.views_schemes import download
from kaoping.common.access import get_or_not_found
from kaoping.common.errors import DomainError, TransitionBlocked, ValidationFailed
from kaoping.common.view_helpers import form_action

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _may(user, cap: str, assessment) -> bool:
    scope = scope_for(user, cap)
    return scope is not None and scope.covers_path(assessment.unit.path)


def _steps(stage: str) -> list[dict]:
    order = [
        Stage.SELF,
        Stage.OFFICE,
        Stage.FEEDBACK,
        Stage.REVIEW,
        Stage.APPROVAL,
        Stage.APPROVED,
        Stage.ARCHIVED,
    ]
    now = order.index(Stage(stage))
    return [
        {"label": s.label, "state": "done" if i < now else "current" if i == now else "todo"}
        for i, s in enumerate(order)
    ]


def assessment_detail(request, pk: int):
    require_cap(request.user, Cap.ASSESSMENT_VIEW)
    assessment = selectors.access_assessment(request.user, pk)
    scheme = assessment.scheme
    user = request.user
    is_open = scheme.status == AssessmentScheme.Status.OPEN and not assessment.is_locked
    column = services_flow.STAGE_FIELD.get(Stage(assessment.stage)) if is_open else None
    can_score = bool(column) and _may(user, services_flow.STAGE_CAP[Stage(assessment.stage)], assessment)
    in_self = is_open and assessment.stage == Stage.SELF and _may(user, Cap.ASSESSMENT_SELF, assessment)
    is_targets = scheme.kind == SchemeKind.TARGETS
    levels = engine.levels(scheme.scheme) if scheme.kind == SchemeKind.INDICATOR else []
    bonus_open = (
        is_targets
        and is_open
        and (
            in_self
            or (
                assessment.stage in (Stage.OFFICE, Stage.FEEDBACK, Stage.REVIEW)
                and _may(user, Cap.ASSESSMENT_MANAGE, assessment)
            )
        )
    )
    catalogue = engine.bonus_catalogue(scheme.scheme) if is_targets else []
    ctx = {
        "assessment": assessment,
        "scheme": scheme,
        "lines": selectors.assessment_sheet(assessment),
        "summary_files": selectors.summary_evidence(assessment),
        "result": selectors.result_of(assessment),
        "steps": _steps(assessment.stage),
        "column": column,
        # The office's proposal reaches the department with the feedback step, not while it is drafted.
        "hide_proposal": assessment.stage == Stage.OFFICE
        and not _may(user, Cap.ASSESSMENT_MANAGE, assessment),
        "can_score": can_score,
        "use_levels": bool(levels) and column not in (None, "self_score"),
        "levels": levels,
        "level_names": dict(levels),
        "in_self": in_self,
        "summary_form": SummaryForm(initial={"summary": assessment.summary}) if in_self else None,
        "feedback_form": FeedbackForm(initial={"note": assessment.feedback_note})
        if is_open and assessment.stage == Stage.FEEDBACK and _may(user, Cap.ASSESSMENT_SELF, assessment)
        else None,
        "is_targets": is_targets,
        "bonus_texts": {c: t for c, t, _p in catalogue},
        "bonus_form": BonusForm(
            catalogue=[(c, f"{t}（{p if p is not None else _('视情')}）") for c, t, p in catalogue]
        )
        if bonus_open
        else None,
        "bonus_cap": engine.bonus_cap(scheme.scheme) if is_targets else None,
        "actions": services_flow.available_actions(user, assessment),
        "logs": assessment.stage_logs.select_related("actor"),
        "blocked": request.session.pop(f"assessment-blocked-{assessment.pk}", None),
    }
    ctx["actions"] = [
        {
            "code": a.code,
            "label": a.label,
            "confirm": a.confirm,
            "issues": services_flow.assessment_blocking_issues(
                assessment, a, leader_signed="-", head_signed="-"
            ),
        }
        for a in ctx["actions"]
    ]
    return render(request, "assessment/assessment_detail.html", ctx)


def _back(assessment):
    return redirect("assessment:assessment_detail", assessment.pk)


@require_POST
def score_set(request, pk: int):
    require_cap(request.user, Cap.ASSESSMENT_VIEW)
    score = get_or_not_found(IndicatorScore.objects.select_related("assessment"), pk)
    assessment = selectors.access_assessment(request.user, score.assessment_id)
    levels = engine.levels(assessment.scheme.scheme) if assessment.scheme.kind == SchemeKind.INDICATOR else []
    form = ScoreForm(request.POST, levels=levels)
    if not form.is_valid():
        messages.error(request, _("分数格式不正确：须为不小于 0、最多两位小数的数字。"))
        return _back(assessment)
    data = form.cleaned_data
    try:
        services_flow.score_set(
            actor=request.user,
            score=score,
            value=data["value"],
            level=data["level"],
            docs_incomplete=data["docs_incomplete"],
            note=data["note"],
        )
    except DomainError as exc:
        messages.error(request, f"{score.key}：{exc.message}")
    else:
        messages.success(request, _("已保存“%(k)s”的得分。") % {"k": score.key})
    return _back(assessment)


def _entry(request, score, use_levels: bool) -> tuple[dict | None, str]:
    """One row of the column form → score_set's arguments (None when the row was left empty), or an error."""
    note = request.POST.get(f"note-{score.pk}", "").strip()[:2000]
    if use_levels:
        level = request.POST.get(f"level-{score.pk}", "")
        if not level:
            return None, ""
        return {
            "level": level,
            "docs_incomplete": bool(request.POST.get(f"docs-{score.pk}")),
            "note": note,
        }, ""
    raw = request.POST.get(f"value-{score.pk}", "").strip()
    if not raw:
        return None, ""
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return None, _("%(k)s：分数格式不正确。") % {"k": score.key}
    if not value.is_finite() or value.as_tuple().exponent < -2:
        return None, _("%(k)s：分数最多两位小数。") % {"k": score.key}
    return {"value": value, "note": note}, ""


@require_POST
def scores_save(request, pk: int):
    """Save the open column of every row in one go (nothing is saved when a row is refused)."""
    require_cap(request.user, Cap.ASSESSMENT_VIEW)
    assessment = selectors.access_assessment(request.user, pk)
    column = services_flow.STAGE_FIELD.get(Stage(assessment.stage))
    use_levels = assessment.scheme.kind == SchemeKind.INDICATOR and column not in (None, "self_score")
    entries, errors = [], []
    for score in assessment.scores.all():
        fields, error = _entry(request, score, use_levels)
        if error:
            errors.append(error)
        elif fields is not None:
            entries.append((score, fields))
    if not errors:
        try:
            n = services_flow.scores_set_many(actor=request.user, assessment=assessment, entries=entries)
        except ValidationFailed as exc:
            errors = [m for msgs in exc.errors.values() for m in msgs]
        except DomainError as exc:
            errors = [exc.message]
        else:
            messages.success(request, _("已保存 %(n)s 项得分。") % {"n": n})
    if errors:
        messages.error(request, _("未保存任何得分，请修改后重新提交："))
        for error in errors:
            messages.error(request, error)
    return _back(assessment)


@require_POST
def summary_set(request, pk: int):
    require_cap(request.user, Cap.ASSESSMENT_SELF)
    assessment = selectors.access_assessment(request.user, pk)
    form_action(
        request,
        SummaryForm(request.POST),
        lambda summary: services_flow.summary_set(actor=request.user, assessment=assessment, summary=summary),
        success=_("年度工作总结已保存。"),
        invalid=_("请填写年度工作总结。"),
    )
    return _back(assessment)


@require_POST
def feedback_set(request, pk: int):
    require_cap(request.user, Cap.ASSESSMENT_SELF)
    assessment = selectors.access_assessment(request.user, pk)
    form_action(
        request,
        FeedbackForm(request.POST),
        lambda note: services_flow.feedback_set(actor=request.user, assessment=assessment, note=note),
        success=_("反馈意见已提交。"),
        invalid=_("请填写反馈意见。"),
    )
    return _back(assessment)


@require_POST
def evidence_add(request, pk: int):
    require_cap(request.user, Cap.ASSESSMENT_SELF)
    assessment = selectors.access_assessment(request.user, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件。"))
        return _back(assessment)
    score = None
    if form.cleaned_data["score"]:
        score = get_or_not_found(assessment.scores.all(), form.cleaned_data["score"])
    try:
        services_materials.evidence_add(
            actor=request.user, assessment=assessment, upload=form.cleaned_data["file"], score=score
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("佐证材料已上传。"))
    return _back(assessment)


def evidence_download(request, pk: int):
    require_cap(request.user, Cap.ASSESSMENT_VIEW)
    evidence = selectors.access_evidence(request.user, pk)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name)


@require_POST
def evidence_delete(request, pk: int):
    require_cap(request.user, Cap.ASSESSMENT_SELF)
    evidence = selectors.access_evidence(request.user, pk)
    try:
        services_materials.evidence_delete(actor=request.user, evidence=evidence)
    except DomainError as exc:
        messages.error(request, exc.message)
    return _back(evidence.assessment)


@require_POST
def bonus_add(request, pk: int):
    require_cap(request.user, Cap.ASSESSMENT_VIEW)
    assessment = selectors.access_assessment(request.user, pk)
    catalogue = [(c, t) for c, t, _p in engine.bonus_catalogue(assessment.scheme.scheme)]
    form = BonusForm(request.POST, request.FILES, catalogue=catalogue)
    if not form.is_valid():
        messages.error(request, _("请选择加分项目；视情加分须填写大于 0 的分值。"))
        return _back(assessment)
    data = form.cleaned_data
    try:
        services_materials.bonus_add(
            actor=request.user,
            assessment=assessment,
            code=data["code"],
            points=data["points"],
            note=data["note"],
            upload=data["evidence"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已添加加分项。"))
    return _back(assessment)


@require_POST
def bonus_remove(request, pk: int):
    require_cap(request.user, Cap.ASSESSMENT_VIEW)
    award = get_or_not_found(BonusAward.objects.all(), pk)
    assessment = selectors.access_assessment(request.user, award.assessment_id)
    try:
        services_materials.bonus_remove(actor=request.user, award=award)
    except DomainError as exc:
        messages.error(request, exc.message)
    return _back(assessment)


def bonus_evidence(request, pk: int):
    require_cap(request.user, Cap.ASSESSMENT_VIEW)
    award = get_or_not_found(BonusAward.objects.exclude(evidence=""), pk)
    selectors.access_assessment(request.user, award.assessment_id)
    return FileResponse(
        award.evidence.open("rb"), as_attachment=True, filename=award.evidence.name.rsplit("/", 1)[-1]
    )


@require_POST
def transition(request, pk: int):
    require_cap(request.user, Cap.ASSESSMENT_VIEW)
    assessment = selectors.access_assessment(request.user, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return _back(assessment)
    data = form.cleaned_data
    try:
        services_flow.assessment_transition(
            actor=request.user,
            assessment=assessment,
            action=data["action"],
            note=data["note"],
            leader_signed=data["leader_signed"],
            head_signed=data["head_signed"],
        )
    except TransitionBlocked as exc:
        request.session[f"assessment-blocked-{assessment.pk}"] = exc.issues
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已完成：%(a)s。") % {"a": services_flow.ACTIONS[data["action"]].label})
    return _back(assessment)


def archive_docx(request, pk: int):
    require_cap(request.user, Cap.ASSESSMENT_VIEW)
    assessment = selectors.access_assessment(request.user, pk)
    return download(
        documents.archive_docx(assessment), f"{assessment.scheme.year}-{assessment.key}-考核档案表.docx", DOCX
    )
