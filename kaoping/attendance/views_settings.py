"""Year settings (年度考勤设置): the list, a new year from the seed-003 preset, the scheme and calendar
editor, and the leave approvers (ATTENDANCE_MANAGE)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import require_cap
from kaoping.attendance import selectors, services
from kaoping.attendance.engine import scheme_of
from kaoping.attendance.forms import ApproverForm, YearCreateForm, YearSettingsForm
from kaoping.attendance.models import ApproverSetting
from kaoping.common.access import get_or_not_found
from kaoping.common.errors import DomainError
from kaoping.org.forms import apply_service_error
from kaoping.org.selectors import units_visible


def year_list(request):
    require_cap(request.user, Cap.ATTENDANCE_MANAGE)
    form = YearCreateForm(
        request.POST or None,
        initial={"year": timezone.localdate().year},
        units=units_visible(request.user, Cap.ATTENDANCE_MANAGE).filter(is_active=True).order_by("path"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            year = services.attendance_year_create(
                actor=request.user, unit=form.cleaned_data["unit"], year=form.cleaned_data["year"]
            )
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("已按预设创建年度考勤设置，请核对后保存。"))
            return redirect("attendance:year_detail", pk=year.pk)
    years = selectors.years_visible(request.user, Cap.ATTENDANCE_MANAGE).prefetch_related("approvers")
    return render(request, "attendance/year_list.html", {"years": years, "form": form})


def _approver_form(request, year, data=None) -> ApproverForm:
    levels = [name for _limit, name in scheme_of(year).approvers]
    units = units_visible(request.user, Cap.ATTENDANCE_MANAGE).filter(
        path__startswith=year.unit.path, is_active=True
    )
    return ApproverForm(data, levels=levels, units=units.order_by("path"))


def year_detail(request, pk):
    year = selectors.access_year(request.user, pk)
    form = YearSettingsForm(request.POST or None, initial=YearSettingsForm.initial_for(year))
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_year_update(
                actor=request.user,
                attendance_year=year,
                start_date=form.cleaned_data["start_date"],
                end_date=form.cleaned_data["end_date"],
                scheme=form.scheme(),
                calendar=form.calendar(),
            )
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("年度考勤设置已保存。"))
            return redirect("attendance:year_detail", pk=year.pk)
    approvers = list(year.approvers.select_related("user").prefetch_related("units"))
    levels = [name for _limit, name in scheme_of(year).approvers]
    missing = [lv for lv in levels if lv not in {a.level for a in approvers}]
    stray = sorted({a.level for a in approvers} - set(levels))
    return render(
        request,
        "attendance/year_detail.html",
        {
            "year": year,
            "form": form,
            "approvers": approvers,
            "approver_form": _approver_form(request, year),
            "missing_levels": missing,
            "stray_levels": stray,
        },
    )


@require_POST
def approver_add(request, pk):
    year = selectors.access_year(request.user, pk)
    form = _approver_form(request, year, request.POST)
    if form.is_valid():
        try:
            services.approver_set(
                actor=request.user,
                attendance_year=year,
                level=form.cleaned_data["level"],
                user=form.cleaned_data["user"],
                units=list(form.cleaned_data["units"]),
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("审批人已设置。"))
    else:
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    return redirect("attendance:year_detail", pk=year.pk)


@require_POST
def approver_remove(request, pk, setting_pk):
    year = selectors.access_year(request.user, pk)
    setting = get_or_not_found(ApproverSetting.objects.filter(attendance_year=year), setting_pk)
    services.approver_remove(actor=request.user, setting=setting)
    messages.success(request, _("审批人已移除。"))
    return redirect("attendance:year_detail", pk=year.pk)
