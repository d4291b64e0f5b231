"""Marker pages (阅卷人): only codes — never a name, unit, position or anything identifying the candidate.
Tablet-friendly: one large input per paper/item, submitted (and locked) one at a time."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap, require_cap
from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.marking import selectors, services
from kaoping.marking.access import access_exam_item, access_marker_exam, access_marker_paper
from kaoping.marking.forms import MarkForm


def marker_home(request):
    require_cap(request.user, Cap.MARKING_MARK)
    exams = []
    for exam in selectors.exams_for_marker(request.user):
        queue = selectors.marker_queue(exam, request.user)
        exams.append(
            (exam, sum(1 for r in queue if r.needs_me), sum(1 for r in queue if r.my_value is not None))
        )
    return render(
        request,
        "marking/marker_home.html",
        {"exams": exams, "can_examine": has_cap(request.user, Cap.MARKING_EXAMINE)},
    )


def marker_exam(request, pk):
    exam = access_marker_exam(request.user, pk)
    show = request.GET.get("show", "todo")
    q = request.GET.get("q", "").strip().upper()
    rows = selectors.marker_queue(exam, request.user)
    if show == "todo":
        rows = [r for r in rows if r.needs_me]
    elif show == "done":
        rows = [r for r in rows if r.my_value is not None]
    if q:
        rows = [r for r in rows if q in r.code.upper()]
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(request, "marking/marker_exam.html", {"exam": exam, "page": page, "show": show, "q": q})


@require_POST
def marker_submit(request, pk):
    exam = access_marker_exam(request.user, pk)
    form = MarkForm(request.POST)
    back = request.POST.get("next") or ""
    if form.is_valid():
        data = form.cleaned_data
        candidate = access_marker_paper(request.user, exam, data["code"])
        item = access_exam_item(exam, data["item"])
        submit = services.arbitration_submit if data.get("role") == "arbitrator" else services.mark_submit
        try:
            submit(actor=request.user, exam=exam, candidate=candidate, item=item, value=data["value"])
            messages.success(
                request,
                _("密号 %(code)s %(item)s 已提交 %(value)s 分。")
                % {"code": candidate.blind_code, "item": item.label, "value": data["value"]},
            )
        except ValidationFailed as exc:
            messages.error(request, f"{data['code']}：{exc.message}")
        except DomainError as exc:
            messages.error(request, f"{data['code']}：{exc.message}")
    else:
        messages.error(request, _("请填写分数。"))
    url = redirect("marking:marker_exam", pk=exam.pk)
    if back.startswith("?"):
        url["Location"] += back
    return url
