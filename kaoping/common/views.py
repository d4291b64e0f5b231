"""Home page and the audit trail."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap
from kaoping.common.models import AuditEntry
from kaoping.org.selectors import people_visible, units_visible


def home(request):
    context = {}
    if has_cap(request.user, Cap.ORG_VIEW):
        context["people_count"] = people_visible(request.user).filter(is_active=True).count()
        context["units_count"] = units_visible(request.user).filter(is_active=True).count()
    return render(request, "common/home.html", context)


def audit_list(request):
    """Every recorded change, newest first; filter by object type, action and text."""
    if not has_cap(request.user, Cap.AUDIT_VIEW):
        raise Http404
    qs = AuditEntry.objects.select_related("actor")
    object_type = request.GET.get("type", "").strip()
    action = request.GET.get("action", "").strip()
    q = request.GET.get("q", "").strip()
    if object_type:
        qs = qs.filter(object_type=object_type)
    if action in AuditEntry.Action.values:
        qs = qs.filter(action=action)
    if q:
        qs = qs.filter(object_repr__contains=q)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    types = AuditEntry.objects.order_by().values_list("object_type", flat=True).distinct()
    return render(
        request,
        "common/audit_list.html",
        {"page": page, "types": sorted(types), "actions": AuditEntry.Action.choices, "filters": request.GET},
    )
