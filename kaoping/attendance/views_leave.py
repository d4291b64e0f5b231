"""Leave pages: my requests, requests to approve, all requests in scope; a new request; one request with the
approve / reject buttons for its approver (R003-04)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap, require_cap
from kaoping.attendance import selectors, services
from kaoping.attendance.forms import DecideForm, LeaveForm
from kaoping.attendance.models import LeaveRequest
from kaoping.common.access import not_found
from kaoping.common.errors import DomainError
from kaoping.org.forms import apply_service_error

PAGE_SIZE = 30
TABS = ("approve", "mine", "all")


def _may_use(user) -> bool:
    return has_cap(user, Cap.ATTENDANCE_VIEW) or has_cap(user, Cap.LEAVE_APPROVE)


def leave_list(request):
    if not _may_use(request.user):
        raise not_found()
    can_approve = has_cap(request.user, Cap.LEAVE_APPROVE)
    can_view = has_cap(request.user, Cap.ATTENDANCE_VIEW)
    tab = request.GET.get("tab") or ("approve" if can_approve else "mine")
    if tab not in TABS:
        tab = "mine"
    if tab == "approve":
        qs = selectors.leaves_to_approve(request.user).filter(status=LeaveRequest.Status.PENDING)
    elif tab == "all" and can_view:
        qs = selectors.leaves_visible(request.user)
    else:
        tab = "mine"
        qs = LeaveRequest.objects.filter(requested_by=request.user).select_related(
            "person", "person__unit", "decided_by"
        )
    q = request.GET.get("q", "").strip()[:50]
    if q:
        qs = qs.filter(Q(person__name__contains=q) | Q(reason__contains=q))
    page = Paginator(qs.order_by("-start_date", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "attendance/leave_list.html",
        {
            "page": page,
            "tab": tab,
            "q": q,
            "can_approve": can_approve,
            "can_view": can_view,
            "can_manage": has_cap(request.user, Cap.ATTENDANCE_MANAGE),
        },
    )


def leave_create(request):
    """A leave request for a person in the user's attendance scope (a liaison: their own unit's people);
    attendance managers may also record official business (公务外出) for people they manage."""
    require_cap(request.user, Cap.ATTENDANCE_VIEW)
    people = selectors.people_visible(request.user).filter(is_active=True).order_by("unit__path", "name")
    may_record_business = has_cap(request.user, Cap.ATTENDANCE_MANAGE)
    form = LeaveForm(request.POST or None, people=people, may_record_business=may_record_business)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        office_kind = d.get("kind", LeaveRequest.Kind.LEAVE) != LeaveRequest.Kind.LEAVE
        fields = {
            "actor": request.user,
            "person": d["person"],
            "start": d["start_date"],
            "start_half": d["start_half"],
            "end": d["end_date"],
            "end_half": d["end_half"],
            "reason": d["reason"],
        }
        try:
            if office_kind:
                selectors.access_person(request.user, d["person"].pk, Cap.ATTENDANCE_MANAGE)
                leave = services.office_record(kind=d["kind"], **fields)
            else:
                leave = services.leave_request_create(**fields)
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            if office_kind:
                messages.success(
                    request,
                    _("%(kind)s已登记：%(days)s天。")
                    % {"kind": leave.get_kind_display(), "days": leave.days},
                )
            else:
                messages.success(
                    request,
                    _("请假申请已提交：%(days)s天，由%(level)s审批。")
                    % {"days": leave.days, "level": leave.approver_level},
                )
            return redirect("attendance:leave_detail", pk=leave.pk)
    return render(request, "attendance/leave_form.html", {"form": form})


def leave_detail(request, pk):
    leave = selectors.access_leave(request.user, pk)
    may_decide = leave.status == LeaveRequest.Status.PENDING and selectors.may_decide(request.user, leave)
    return render(
        request,
        "attendance/leave_detail.html",
        {"leave": leave, "may_decide": may_decide, "form": DecideForm()},
    )


@require_POST
def leave_decide(request, pk):
    leave = selectors.access_leave(request.user, pk)
    form = DecideForm(request.POST)
    approve = request.POST.get("decision") == "approve"
    if form.is_valid():
        try:
            services.leave_request_decide(
                actor=request.user, request=leave, approve=approve, note=form.cleaned_data["note"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已批准。") if approve else _("已作不批准处理。"))
    return redirect("attendance:leave_detail", pk=leave.pk)
