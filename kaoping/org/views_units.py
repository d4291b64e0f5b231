"""Unit tree pages: browse, detail, create, edit, move, deactivate/reactivate."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import covers_all_units, require_cap
from kaoping.common.access import not_found
from kaoping.common.errors import DomainError
from kaoping.org import selectors, services
from kaoping.org.access import access_unit
from kaoping.org.forms import UnitForm, UnitMoveForm, apply_service_error
from kaoping.org.models import Unit
from kaoping.org.views import may

UNIT_PEOPLE_SHOWN = 20


def unit_tree(request):
    """The visible unit tree with people counts; ``?all=1`` also shows deactivated units."""
    require_cap(request.user, Cap.ORG_VIEW)
    show_all = request.GET.get("all") == "1"
    units = selectors.unit_tree(request.user, include_inactive=show_all)
    # Presentation only: indentation relative to the top visible level, and subtree totals.
    top = min((u.depth for u in units), default=0)
    totals = {u.pk: u.people_count for u in units}
    for u in reversed(units):  # pre-order reversed: every unit comes after all its descendants
        if u.parent_id in totals:
            totals[u.parent_id] += totals[u.pk]
    rows = [{"unit": u, "level": u.depth - top, "total": totals[u.pk]} for u in units]
    return render(
        request,
        "org/unit_tree.html",
        {
            "rows": rows,
            "show_all": show_all,
            "can_create_root": covers_all_units(request.user, Cap.ORG_UNITS),
            "people_total": sum(u.people_count for u in units),
        },
    )


def unit_detail(request, pk: int):
    unit = access_unit(request.user, pk)
    people = selectors.person_list(request.user, selectors.PersonFilter(unit_id=unit.pk))
    ancestor_ids = [int(x) for x in unit.path.strip("/").split("/")[:-1]]
    ancestors = sorted(
        selectors.units_visible(request.user).filter(pk__in=ancestor_ids), key=lambda u: u.depth
    )
    return render(
        request,
        "org/unit_detail.html",
        {
            "unit": unit,
            "ancestors": ancestors,
            "children": list(unit.children.order_by("-is_active", "order", "name")),
            "people": people[:UNIT_PEOPLE_SHOWN],
            "people_count": people.count(),
            "can_manage": may(request.user, Cap.ORG_UNITS, unit.path),
            "can_add_person": may(request.user, Cap.ORG_EDIT, unit.path) and unit.is_active,
        },
    )


def unit_create(request, parent_pk: int | None = None):
    """A new child unit under ``parent_pk``, or a new top-level unit (only with an all-units scope)."""
    if parent_pk is None:
        if not covers_all_units(request.user, Cap.ORG_UNITS):
            raise not_found()
        parent = None
    else:
        parent = access_unit(request.user, parent_pk, Cap.ORG_UNITS)
    form = UnitForm(request.POST or None, instance=Unit(parent=parent))
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(actor=request.user, parent=parent, **form.cleaned_data)
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("org:unit_detail", pk=unit.pk)
    return render(request, "org/unit_form.html", {"form": form, "parent": parent, "unit": None})


def unit_edit(request, pk: int):
    unit = access_unit(request.user, pk, Cap.ORG_UNITS)
    form = UnitForm(request.POST or None, instance=copy.copy(unit))
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_update(actor=request.user, unit=unit, **form.cleaned_data)
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("org:unit_detail", pk=unit.pk)
    return render(request, "org/unit_form.html", {"form": form, "parent": unit.parent, "unit": unit})


def unit_move(request, pk: int):
    unit = access_unit(request.user, pk, Cap.ORG_UNITS)
    parents = (
        selectors.units_visible(request.user, Cap.ORG_UNITS)
        .filter(is_active=True)
        .exclude(pk=unit.pk)
        .order_by("path")
    )
    form = UnitMoveForm(
        request.POST or None,
        parents=parents,
        allow_root=covers_all_units(request.user, Cap.ORG_UNITS),
        initial={"parent": unit.parent_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_move(actor=request.user, unit=unit, new_parent=form.cleaned_data["parent"])
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("已移动。"))
            return redirect("org:unit_detail", pk=unit.pk)
    return render(request, "org/unit_move.html", {"form": form, "unit": unit})


@require_POST
def unit_deactivate(request, pk: int):
    unit = access_unit(request.user, pk, Cap.ORG_UNITS)
    try:
        services.unit_deactivate(actor=request.user, unit=unit)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("单位已停用。"))
    return redirect("org:unit_detail", pk=unit.pk)


@require_POST
def unit_reactivate(request, pk: int):
    unit = access_unit(request.user, pk, Cap.ORG_UNITS)
    try:
        services.unit_reactivate(actor=request.user, unit=unit)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("单位已启用。"))
    return redirect("org:unit_detail", pk=unit.pk)
