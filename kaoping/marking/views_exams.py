"""Organiser pages of written exams: list, create, the exam page (setup, draws, markers, progress,
disagreements, closing and key opening), marks by code with unlock, code labels, results."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap, require_cap
from kaoping.common.access import get_or_not_found, not_found
from kaoping.common.audit import audit_record
from kaoping.common.errors import DomainError
from kaoping.common.models import AuditEntry
from kaoping.common.view_helpers import flash_error, form_action
from kaoping.documents.score_sheet import CodeLabel, code_labels_docx
from kaoping.marking import selectors, services, services_close, services_draws
from kaoping.marking.access import access_exam, access_exam_item, access_mark
from kaoping.marking.forms import (
    AssignForm,
    CandidateAddForm,
    ExamCreateForm,
    ItemForm,
    ReasonForm,
    RoundingForm,
)
from kaoping.marking.models import Draw, Mark, MarkerAssignment, WrittenExam
from kaoping.marking.views_common import list_with_create


def index(request):
    """The marking landing page: organisers see exams and interviews, markers their queue, examiners their
    panels."""
    user = request.user
    if has_cap(user, Cap.MARKING_MANAGE):
        return redirect("marking:exam_list")
    if has_cap(user, Cap.MARKING_MARK):
        return redirect("marking:marker_home")
    if has_cap(user, Cap.MARKING_EXAMINE):
        return redirect("marking:examiner_home")
    raise not_found()


def exam_list(request):
    require_cap(request.user, Cap.MARKING_MANAGE)
    return list_with_create(
        request,
        search=selectors.exam_list,
        form_class=ExamCreateForm,
        create=services.exam_create,
        success_message=_("笔试已创建，试题按预设方案生成，可在下方修改。"),
        template="marking/exam_list.html",
        detail_url="marking:exam_detail",
    )


def exam_detail(request, pk):
    exam = access_exam(request.user, pk)
    items, markers, waiting, close_issues = selectors.exam_overview(exam)
    draws = {d.kind: d for d in exam.draws.all()}
    ctx = {
        "exam": exam,
        "items": items,
        "markers": markers,
        "waiting": waiting[:200],
        "waiting_count": len(waiting),
        "candidates": exam.candidates.select_related("person__unit").order_by("seat_no", "pk")[:500],
        "candidate_count": exam.candidates.count(),
        "assignments": MarkerAssignment.objects.filter(exam=exam).select_related("user", "item"),
        "seat_draw": draws.get(Draw.Kind.EXAM_SEATS),
        "code_draw": draws.get(Draw.Kind.EXAM_CODES),
        "candidate_form": CandidateAddForm(),
        "rounding_form": RoundingForm(
            initial={"rounding_places": exam.rounding_places, "rounding_mode": exam.rounding_mode}
        ),
        "assign_form": AssignForm(exam=exam),
        "item_forms": [
            (
                i,
                ItemForm(
                    prefix=f"i{i.pk}",
                    initial={
                        "max_score": i.max_score,
                        "tolerance": i.tolerance,
                        "tolerance_kind": i.tolerance_kind,
                    },
                ),
            )
            for i in exam.items.all()
        ],
        "start_issues": services.exam_start_blocking_issues(exam) if exam.status == exam.Status.SETUP else [],
        "close_issues": close_issues,
    }
    return render(request, "marking/exam_detail.html", ctx)


@require_POST
def exam_item_update(request, pk, item_pk):
    exam = access_exam(request.user, pk)
    item = access_exam_item(exam, item_pk)
    form = ItemForm(request.POST, prefix=f"i{item.pk}")
    if form.is_valid():
        try:
            services.exam_item_update(actor=request.user, item=item, **form.cleaned_data)
            messages.success(request, _("试题设置已保存。"))
        except DomainError as exc:
            flash_error(request, exc)
    else:
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, e)
    return redirect("marking:exam_detail", pk=exam.pk)


@require_POST
def exam_settings(request, pk):
    exam = access_exam(request.user, pk)
    form_action(
        request,
        RoundingForm(request.POST),
        partial(services.exam_settings_update, actor=request.user, exam=exam),
        success=_("计分设置已保存。"),
        invalid=_("保留小数位数应为 0 至 6。"),
    )
    return redirect("marking:exam_detail", pk=exam.pk)


@require_POST
def exam_candidate_add(request, pk):
    exam = access_exam(request.user, pk)
    form_action(
        request,
        CandidateAddForm(request.POST),
        partial(services.exam_candidate_add, actor=request.user, exam=exam),
        success=_("考生已添加。"),
        invalid=_("请选择考生。"),
    )
    return redirect("marking:exam_detail", pk=exam.pk)


@require_POST
def exam_candidate_remove(request, pk, candidate_pk):
    exam = access_exam(request.user, pk)
    candidate = get_or_not_found(exam.candidates.select_related("person"), candidate_pk)
    try:
        services.exam_candidate_remove(actor=request.user, candidate=candidate)
        messages.success(request, _("考生已删除。"))
    except DomainError as exc:
        flash_error(request, exc)
    return redirect("marking:exam_detail", pk=exam.pk)


@require_POST
def exam_assign(request, pk):
    exam = access_exam(request.user, pk)
    form_action(
        request,
        AssignForm(request.POST, exam=exam),
        partial(services.marker_assign, actor=request.user, exam=exam),
        success=_("阅卷分工已保存。"),
        invalid=_("请选择阅卷人。"),
    )
    return redirect("marking:exam_detail", pk=exam.pk)


@require_POST
def exam_unassign(request, pk, assignment_pk):
    exam = access_exam(request.user, pk)
    assignment = MarkerAssignment.objects.filter(exam=exam, pk=assignment_pk).first()
    if assignment is not None:
        try:
            services.marker_unassign(actor=request.user, assignment=assignment)
            messages.success(request, _("已取消分工。"))
        except DomainError as exc:
            flash_error(request, exc)
    return redirect("marking:exam_detail", pk=exam.pk)


@require_POST
def exam_draw(request, pk, kind):
    """Commit (publish the hash) or perform a seat / code draw."""
    exam = access_exam(request.user, pk)
    if kind not in (Draw.Kind.EXAM_SEATS, Draw.Kind.EXAM_CODES):
        raise not_found()
    try:
        draw = exam.draws.filter(kind=kind).first()
        if request.POST.get("step") == "perform" and draw is not None:
            draw = services_draws.draw_perform(actor=request.user, draw=draw)
            messages.success(request, _("抽签完成。"))
        else:
            draw = services_draws.draw_commit(actor=request.user, kind=kind, exam=exam)
            messages.success(request, _("已生成种子并公布其承诺值，请见证人记录后再抽签。"))
        return redirect("marking:draw_detail", pk=draw.pk)
    except DomainError as exc:
        flash_error(request, exc)
    return redirect("marking:exam_detail", pk=exam.pk)


@require_POST
def exam_transition(request, pk, action):
    exam = access_exam(request.user, pk)
    fn = {
        "start": services.exam_start_marking,
        "close": services_close.exam_close,
        "open_key": services_close.exam_open_key,
    }.get(action)
    if fn is None:
        raise not_found()
    try:
        fn(actor=request.user, exam=exam)
        messages.success(
            request,
            {
                "start": _("已开始阅卷。"),
                "close": _("阅卷已结束。"),
                "open_key": _("密号已拆封，操作已记录。"),
            }[action],
        )
    except DomainError as exc:
        flash_error(request, exc)
    if action == "open_key" and exam.status == WrittenExam.Status.KEY_OPENED:
        return redirect("marking:exam_results", pk=exam.pk)
    return redirect("marking:exam_detail", pk=exam.pk)


def exam_marks(request, pk):
    """Every mark by code (the organiser may unlock one for correction); superseded rows shown too."""
    exam = access_exam(request.user, pk)
    q = request.GET.get("q", "").strip()
    marks = Mark.objects.filter(exam=exam).select_related("candidate", "item", "marker", "superseded_by")
    if q:
        marks = marks.filter(candidate__blind_code__icontains=q)
    marks = marks.order_by("candidate__blind_code", "item__order", "kind", "round", "id")
    page = Paginator(marks, 50).get_page(request.GET.get("page"))
    return render(
        request, "marking/exam_marks.html", {"exam": exam, "page": page, "q": q, "form": ReasonForm()}
    )


@require_POST
def mark_unlock(request, pk):
    mark = access_mark(request.user, pk)
    form_action(
        request,
        ReasonForm(request.POST),
        partial(services.mark_unlock, actor=request.user, mark=mark),
        success=_("评分已解锁，原评分保留，阅卷人可重新评分。"),
        invalid=_("请填写更正原因。"),
    )
    return redirect("marking:exam_marks", pk=mark.exam_id)


def exam_code_labels(request, pk):
    """The code labels for answer sheets (part of the sealed key): download audited."""
    exam = access_exam(request.user, pk)
    if exam.status != WrittenExam.Status.SETUP:
        messages.error(request, _("密号条只在开始阅卷前提供。"))
        return redirect("marking:exam_detail", pk=exam.pk)
    labels = [
        CodeLabel(seat, code)
        for seat, code in exam.candidates.exclude(blind_code=None)
        .order_by("seat_no")
        .values_list("seat_no", "blind_code")
    ]
    if not labels:
        messages.error(request, _("尚未抽签确定密号。"))
        return redirect("marking:exam_detail", pk=exam.pk)
    audit_record(actor=request.user, action=AuditEntry.Action.EXPORT, obj=exam, note=_("下载密号条"))
    response = HttpResponse(
        code_labels_docx(exam.title, labels),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = "attachment; filename=code-labels.docx"
    return response


def exam_results(request, pk):
    exam = access_exam(request.user, pk)
    results = selectors.exam_results(exam)
    cands = {c.pk: c for c in exam.candidates.select_related("person__unit")}
    rows = [(cands[s.candidate_id], s) for s in results.scores]
    rows.sort(key=lambda r: (r[1].score is None, -(r[1].score or 0), r[0].seat_no or 0))
    return render(
        request,
        "marking/exam_results.html",
        {
            "exam": exam,
            "results": results,
            "rows": rows,
            "sealed": selectors.paper_outcome_by_code(exam) if not exam.is_key_open else [],
        },
    )
