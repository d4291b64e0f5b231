"""Appointment-round pages (岗位聘用, R004-05, RP-08): the list, a new round on an approved plan, and the round
page with its stage stepper, the blocking issues of the next stage and, per post, the applicants with their
pre-review (R004-04), score and decision; each stage's forms post here, call one service and redirect."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import require_cap
from kaoping.common.access import get_or_not_found
from kaoping.common.errors import DomainError, TransitionBlocked
from kaoping.org.forms import apply_service_error
from kaoping.org.models import Person
from kaoping.org.views import may
from kaoping.positions import selectors
from kaoping.positions import selectors_appointment as rsel
from kaoping.positions import services_appointment as rsvc
from kaoping.positions.forms_rounds import (
    ApplicationForm,
    ContractForm,
    DecideForm,
    ObjectionForm,
    ResolveForm,
    ReviewForm,
    RoundForm,
    ScoreForm,
)
from kaoping.positions.models import Application, Appointment, AppointmentRound, EstablishmentPlan, PostLine

Stage = AppointmentRound.Stage
Status = Application.Status


def unit_people(rnd: AppointmentRound):
    """Active people of the plan's unit subtree: who may apply in this round."""
    return (
        Person.objects.filter(unit__path__startswith=rnd.plan.unit.path, is_active=True)
        .select_related("unit", "rank")
        .order_by("unit__path", "name", "id")
    )


def _detail_url(rnd: AppointmentRound, anchor: str = "") -> str:
    return reverse("positions:round_detail", args=[rnd.pk]) + (f"#{anchor}" if anchor else "")


# ------------------------------------------------------------------------------------------- list / new


def round_list(request):
    require_cap(request.user, Cap.POSITIONS_VIEW)
    rounds = list(rsel.rounds_visible(request.user))
    return render(request, "positions/round_list.html", {"rounds": rounds})


def round_create(request, pk: int):
    plan = selectors.access_plan(request.user, pk, Cap.POSITIONS_EDIT)
    initial = {"title": _("%(plan)s岗位聘用") % {"plan": plan.title}, "as_of": timezone.localdate()}
    form = RoundForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            rnd = rsvc.round_create(actor=request.user, plan=plan, **form.cleaned_data)
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("聘用轮次已创建。"))
            return redirect("positions:round_detail", pk=rnd.pk)
    is_approved = plan.status == EstablishmentPlan.Status.APPROVED
    return render(
        request,
        "positions/round_create.html",
        {"plan": plan, "form": form, "is_approved": is_approved},
        status=422 if form.errors else 200,
    )


# --------------------------------------------------------------------------------------------- the page


@dataclass
class StageStep:
    value: str
    label: str
    state: str  # done / current / upcoming


@dataclass
class ApplicantRow:
    application: Application
    prereview: dict
    appointment: Appointment | None

    @property
    def prereview_label(self) -> str:
        if self.prereview.get("pending"):
            return _("待审查人判断")
        return _("通过") if self.prereview.get("passed") else _("不通过")

    @property
    def prereview_css(self) -> str:
        if self.prereview.get("pending"):
            return "text-bg-warning"
        return "text-bg-success" if self.prereview.get("passed") else "text-bg-danger"


@dataclass
class LineBlock:
    line: PostLine
    appointed: int
    rows: list[ApplicantRow] = field(default_factory=list)

    @property
    def is_full(self) -> bool:
        return self.appointed >= self.line.count


def stage_steps(rnd: AppointmentRound) -> list[StageStep]:
    current = list(Stage.values).index(rnd.stage)
    states = ("done", "current", "upcoming")
    return [
        StageStep(value, str(label), states[(i > current) - (i < current) + 1])
        for i, (value, label) in enumerate(Stage.choices)
    ]


def line_blocks(rnd: AppointmentRound) -> list[LineBlock]:
    applications = rsel.round_applications(rnd)
    counts = rsvc.appointed_counts(rnd)
    blocks = {ln.pk: LineBlock(ln, counts.get(ln.pk, 0)) for ln in rnd.plan.lines.all()}
    for a in applications:
        review = a.review if a.status != Status.SUBMITTED else rsel.prereview(a)
        appointment = getattr(a, "appointment", None) if a.status == Status.APPOINTED else None
        blocks[a.line_id].rows.append(ApplicantRow(a, review or {}, appointment))
    return list(blocks.values())


def render_round_detail(request, rnd: AppointmentRound, *, status: int = 200, **extra):
    user, path = request.user, rnd.plan.unit.path
    may_edit = may(user, Cap.POSITIONS_EDIT, path)
    may_approve = may(user, Cap.POSITIONS_APPROVE, path)
    issues = rsvc.round_blocking_issues(rnd) if rnd.stage != Stage.DONE else []
    advance_cap = may_approve if rnd.stage == Stage.DECIDING else may_edit
    next_label = ""
    if rnd.stage != Stage.DONE:
        next_label = Stage.choices[list(Stage.values).index(rnd.stage) + 1][1]
    context = {
        "round": rnd,
        "plan": rnd.plan,
        "steps": stage_steps(rnd),
        "blocks": line_blocks(rnd),
        "issues": issues,
        "next_label": next_label,
        "can_advance": advance_cap and rnd.stage != Stage.DONE,
        "may_edit": may_edit,
        "may_approve": may_approve,
        "Stage": Stage,
        "Status": Status,
        "ContractKind": Appointment.ContractKind,
        "today": timezone.localdate(),
    }
    if rnd.stage == Stage.APPLYING and may_edit and "application_form" not in extra:
        context["application_form"] = _application_form(rnd)
    if rnd.stage in (Stage.NOTICE, Stage.CONTRACTS, Stage.DONE):
        context["objections"] = list(
            rnd.objections.select_related("application__person", "application__line")
        )
    if rnd.stage == Stage.NOTICE and may_edit and "objection_form" not in extra:
        context["objection_form"] = _objection_form(rnd)
    context.update(extra)
    return render(request, "positions/round_detail.html", context, status=status)


def round_detail(request, pk: int):
    return render_round_detail(request, rsel.access_round(request.user, pk))


# ------------------------------------------------------------------------------------------ stage actions


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _run(request, rnd: AppointmentRound, form, call, done: str, anchor: str = "round-posts"):
    """Bind-validate-call-redirect for the small row forms; errors come back as messages."""
    if not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            call(form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, done)
    return redirect(_detail_url(rnd, anchor))


@require_POST
def round_advance(request, pk: int):
    """进入下一阶段; the leading group's decision (竞聘与研究决定 → 聘用公示) needs POSITIONS_APPROVE."""
    rnd = rsel.access_round(request.user, pk)
    cap = Cap.POSITIONS_APPROVE if rnd.stage == Stage.DECIDING else Cap.POSITIONS_EDIT
    rnd = rsel.access_round(request.user, pk, cap)
    try:
        rsvc.round_advance(actor=request.user, round=rnd)
    except TransitionBlocked as exc:
        return render_round_detail(request, rnd, blocked_issues=exc.issues, status=409)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已进入“%(stage)s”阶段。") % {"stage": rnd.get_stage_display()})
    return redirect(_detail_url(rnd))


def _application_form(rnd: AppointmentRound, data=None) -> ApplicationForm:
    return ApplicationForm(data, people=unit_people(rnd), lines=rnd.plan.lines.all(), auto_id="id_app_%s")


@require_POST
def application_add(request, pk: int):
    rnd = rsel.access_round(request.user, pk, Cap.POSITIONS_EDIT)
    form = _application_form(rnd, request.POST)
    if form.is_valid():
        try:
            rsvc.application_create(
                actor=request.user,
                round=rnd,
                person=form.cleaned_data["person"],
                line=form.cleaned_data["line"],
                **form.declared(),
            )
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("申请已登记。"))
            return redirect(_detail_url(rnd, "round-posts"))
    return render_round_detail(request, rnd, application_form=form, status=422)


@require_POST
def application_review(request, pk: int):
    application = rsel.access_application(request.user, pk)
    return _run(
        request,
        application.round,
        ReviewForm(request.POST),
        lambda d: rsvc.application_review(
            actor=request.user, application=application, qualified=d["qualified"], note=d["note"]
        ),
        _("%(name)s的资格审查已记录。") % {"name": application.person.name},
    )


@require_POST
def application_score(request, pk: int):
    application = rsel.access_application(request.user, pk)
    return _run(
        request,
        application.round,
        ScoreForm(request.POST),
        lambda d: rsvc.application_score(actor=request.user, application=application, score=d["score"]),
        _("%(name)s的竞聘成绩已保存。") % {"name": application.person.name},
    )


@require_POST
def application_decide(request, pk: int):
    application = rsel.access_application(request.user, pk, Cap.POSITIONS_APPROVE)
    return _run(
        request,
        application.round,
        DecideForm(request.POST),
        lambda d: rsvc.application_decide(actor=request.user, application=application, appoint=d["appoint"]),
        _("%(name)s的研究决定已记录。") % {"name": application.person.name},
    )


def _objection_form(rnd: AppointmentRound, data=None) -> ObjectionForm:
    applications = rnd.applications.filter(status=Status.APPOINTED).select_related("person", "line")
    return ObjectionForm(data, applications=applications, auto_id="id_obj_%s")


@require_POST
def objection_add(request, pk: int):
    rnd = rsel.access_round(request.user, pk, Cap.POSITIONS_EDIT)
    return _run(
        request,
        rnd,
        _objection_form(rnd, request.POST),
        lambda d: rsvc.objection_add(
            actor=request.user,
            application=d["application"],
            content=d["content"],
            received_on=d["received_on"],
        ),
        _("公示异议已登记。"),
        "round-objections",
    )


@require_POST
def objection_resolve(request, pk: int, objection_pk: int):
    rnd = rsel.access_round(request.user, pk, Cap.POSITIONS_EDIT)
    objection = get_or_not_found(rnd.objections.select_related("application"), objection_pk)
    return _run(
        request,
        rnd,
        ResolveForm(request.POST),
        lambda d: rsvc.objection_resolve(
            actor=request.user,
            objection=objection,
            resolution=d["resolution"],
            upheld=d["upheld"],
            on=d["resolved_on"],
        ),
        _("公示异议已办结。"),
        "round-objections",
    )


@require_POST
def contract_sign(request, pk: int, appointment_pk: int):
    rnd = rsel.access_round(request.user, pk, Cap.POSITIONS_EDIT)
    appointment = get_or_not_found(rnd.appointments.select_related("round"), appointment_pk)
    return _run(
        request,
        rnd,
        ContractForm(request.POST),
        lambda d: rsvc.contract_sign(
            actor=request.user, appointment=appointment, kind=d["kind"], on=d["signed_on"]
        ),
        _("聘用合同已登记。"),
    )
