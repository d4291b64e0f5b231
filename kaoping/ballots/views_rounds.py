"""Organiser pages: round list, create, the round page (settings, groups, subjects, lifecycle, live
progress), credentials and slips."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap, require_cap
from kaoping.ballots import selectors as sel
from kaoping.ballots import services as svc
from kaoping.ballots.forms import CredentialsForm, GroupForm, RoundEditForm, RoundForm, SubjectForm
from kaoping.ballots.models import EvaluationRound
from kaoping.ballots.services_voting import credentials_issue
from kaoping.common.access import get_or_not_found
from kaoping.common.errors import DomainError, TransitionBlocked
from kaoping.documents.slips import Slip, SlipSheet, slips_docx, slips_pdf
from kaoping.org.forms import apply_service_error

Status = EvaluationRound.Status


def index(request):
    """The round list (search by title / purpose / reference, filter by status)."""
    if not (has_cap(request.user, Cap.BALLOTS_VIEW) or has_cap(request.user, Cap.BALLOTS_TALLY)):
        require_cap(request.user, Cap.BALLOTS_VIEW)
    cap = Cap.BALLOTS_VIEW if has_cap(request.user, Cap.BALLOTS_VIEW) else Cap.BALLOTS_TALLY
    q = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    page = sel.rounds_page(request.user, q=q, status=status, page=request.GET.get("page", 1), cap=cap)
    ctx = {
        "page": page,
        "q": q,
        "status": status,
        "statuses": Status.choices,
        "may_manage": has_cap(request.user, Cap.BALLOTS_MANAGE),
        "may_view": cap == Cap.BALLOTS_VIEW,
    }
    return render(request, "ballots/round_list.html", ctx)


def round_create(request):
    require_cap(request.user, Cap.BALLOTS_MANAGE)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rnd = svc.round_create(actor=request.user, **form.service_kwargs())
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("测评轮次已创建，请设置应参加人数并添加测评对象。"))
            return redirect("ballots:round_detail", pk=rnd.pk)
    return render(request, "ballots/round_create.html", {"form": form}, status=422 if form.errors else 200)


def _detail_context(request, rnd: EvaluationRound) -> dict:
    template = sel.ballot_template(rnd)
    may_manage = has_cap(request.user, Cap.BALLOTS_MANAGE)
    ctx = {
        "round": rnd,
        "template": template,
        "groups": sel.groups_of(rnd),
        "subjects": sel.subjects_of(rnd),
        "progress": sel.progress(rnd),
        "may_manage": may_manage,
        "may_tally": has_cap(request.user, Cap.BALLOTS_TALLY),
        "Status": Status,
    }
    if may_manage and not rnd.is_closed:
        target = Status.OPEN if rnd.is_draft else Status.CLOSED
        ctx["issues"] = svc.round_blocking_issues(rnd, target)
        ctx["edit_form"] = RoundEditForm.for_round(rnd)
        ctx["subject_form"] = SubjectForm()
        if rnd.is_draft:
            shown = {k: v for k, v in rnd.template.items() if k in ("label", "rule", "options", "items")}
            ctx["template_json"] = json.dumps(shown, ensure_ascii=False, indent=2)
    return ctx


def round_detail(request, pk: int):
    rnd = sel.access_round(request.user, pk)
    return render(request, "ballots/round_detail.html", _detail_context(request, rnd))


def round_progress(request, pk: int):
    """The live progress table (htmx polls it every few seconds while voting is open)."""
    cap = Cap.BALLOTS_VIEW if has_cap(request.user, Cap.BALLOTS_VIEW) else Cap.BALLOTS_TALLY
    rnd = sel.access_round(request.user, pk, cap)
    return render(request, "ballots/_progress.html", {"round": rnd, "progress": sel.progress(rnd)})


def _run(request, rnd, call, done: str):
    try:
        call()
    except TransitionBlocked as exc:
        for issue in exc.issues:
            messages.error(request, issue)
    except DomainError as exc:
        if hasattr(exc, "errors"):
            for msgs in exc.errors.values():
                for m in msgs:
                    messages.error(request, m)
        else:
            messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("ballots:round_detail", pk=rnd.pk)


@require_POST
def round_edit(request, pk: int):
    rnd = sel.access_round(request.user, pk, Cap.BALLOTS_MANAGE)
    form = RoundEditForm.for_round(rnd, request.POST)
    if not form.is_valid():
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, e)
        return redirect("ballots:round_detail", pk=rnd.pk)
    return _run(
        request,
        rnd,
        lambda: svc.round_update(actor=request.user, round=rnd, **form.service_kwargs(rnd)),
        _("测评设置已保存。"),
    )


@require_POST
def round_template(request, pk: int):
    """Replace the draft round's options and items (JSON, validated by the engine)."""
    rnd = sel.access_round(request.user, pk, Cap.BALLOTS_MANAGE)
    try:
        data = json.loads(request.POST.get("template", ""))
    except ValueError:
        messages.error(request, _("测评票模板不是有效的 JSON。"))
        return redirect("ballots:round_detail", pk=rnd.pk)
    return _run(
        request,
        rnd,
        lambda: svc.round_update(actor=request.user, round=rnd, template=data),
        _("测评票模板已保存。"),
    )


@require_POST
def group_edit(request, pk: int, group_pk: int):
    rnd = sel.access_round(request.user, pk, Cap.BALLOTS_MANAGE)
    group = get_or_not_found(rnd.groups.all(), group_pk)
    form = GroupForm(request.POST)
    if not form.is_valid():
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, e)
        return redirect("ballots:round_detail", pk=rnd.pk)
    data = {k: v for k, v in form.cleaned_data.items() if v is not None}
    if not rnd.is_draft:
        data.pop("eligible", None)
        data.pop("points", None)
    return _run(
        request, rnd, lambda: svc.group_update(actor=request.user, group=group, **data), _("投票组已保存。")
    )


@require_POST
def subject_add(request, pk: int):
    rnd = sel.access_round(request.user, pk, Cap.BALLOTS_MANAGE)
    form = SubjectForm(request.POST)
    if not form.is_valid():
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, e)
        return redirect("ballots:round_detail", pk=rnd.pk)
    return _run(
        request,
        rnd,
        lambda: svc.subject_add(actor=request.user, round=rnd, **form.cleaned_data),
        _("测评对象已添加。"),
    )


@require_POST
def subject_remove(request, pk: int, subject_pk: int):
    rnd = sel.access_round(request.user, pk, Cap.BALLOTS_MANAGE)
    subject = get_or_not_found(rnd.subjects.all(), subject_pk)
    return _run(
        request, rnd, lambda: svc.subject_remove(actor=request.user, subject=subject), _("测评对象已移除。")
    )


@require_POST
def round_open(request, pk: int):
    rnd = sel.access_round(request.user, pk, Cap.BALLOTS_MANAGE)
    return _run(request, rnd, lambda: svc.round_open(actor=request.user, round=rnd), _("测评已开始投票。"))


@require_POST
def round_close(request, pk: int):
    rnd = sel.access_round(request.user, pk, Cap.BALLOTS_MANAGE)
    return _run(
        request, rnd, lambda: svc.round_close(actor=request.user, round=rnd), _("投票已结束，结果已锁定。")
    )


@require_POST
def round_wipe(request, pk: int):
    rnd = sel.access_round(request.user, pk, Cap.BALLOTS_MANAGE)
    make_live = request.POST.get("make_live") == "1"
    return _run(
        request,
        rnd,
        lambda: svc.round_wipe_test(actor=request.user, round=rnd, make_live=make_live),
        _("测试数据已清空。"),
    )


def credentials(request, pk: int):
    """Generate codes and download their slips in one step: the file is the only copy of the codes."""
    rnd = sel.access_round(request.user, pk, Cap.BALLOTS_MANAGE)
    groups = sel.groups_of(rnd)
    form = CredentialsForm(request.POST or None, groups=groups)
    if request.method == "POST" and form.is_valid():
        try:
            issued = credentials_issue(actor=request.user, round=rnd, counts=form.counts())
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            labels = {g.key: g.label for g in groups}
            base = request.build_absolute_uri(reverse("ballots:vote"))
            sheet = SlipSheet(
                title=rnd.title,
                slips=[
                    Slip(code=c, group_label=labels[k], url=f"{base}#{c.replace('-', '')}") for k, c in issued
                ],
            )
            fmt = form.cleaned_data["fmt"]
            body = slips_pdf(sheet) if fmt == "pdf" else slips_docx(sheet)
            content_type = (
                "application/pdf"
                if fmt == "pdf"
                else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            )
            response = HttpResponse(body, content_type=content_type)
            response["Content-Disposition"] = f'attachment; filename="slips-{rnd.pk}.{fmt}"'
            response["Cache-Control"] = "no-store"
            return response
    ctx = {"round": rnd, "form": form, "progress": sel.progress(rnd)}
    return render(request, "ballots/credentials.html", ctx, status=422 if form.errors else 200)
