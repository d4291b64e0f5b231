"""Holidays and make-up workdays (节假日与调休), the calendar public notices count working days against
(RP-08). One page (URL ``calendar_list``): the year's days, a form to add or change one day, a bulk paste of
dates, and delete — all posting back here with an ``action``."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import require_cap
from kaoping.common import services_calendar as svc
from kaoping.common.access import get_or_not_found
from kaoping.common.calendar import work_calendar
from kaoping.common.errors import DomainError
from kaoping.common.models import CalendarDay
from kaoping.org.forms import BootstrapMixin, DateInput, apply_service_error

KINDS = (("0", gettext_lazy("节假日（不上班）")), ("1", gettext_lazy("调休上班")))


class DayForm(BootstrapMixin, forms.Form):
    day = forms.DateField(label=gettext_lazy("日期"), widget=DateInput())
    is_workday = forms.TypedChoiceField(label=gettext_lazy("类型"), choices=KINDS, coerce=lambda v: v == "1")
    note = forms.CharField(label=gettext_lazy("说明"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class BulkForm(BootstrapMixin, forms.Form):
    dates = forms.CharField(
        label=gettext_lazy("日期（每行一个，可在日期后加说明）"),
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": "2011-10-01 国庆节\n2011-10-08 国庆调休上班"}),
    )
    is_workday = forms.TypedChoiceField(label=gettext_lazy("类型"), choices=KINDS, coerce=lambda v: v == "1")
    note = forms.CharField(label=gettext_lazy("默认说明"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 1950), 2100)


def _url(year: int) -> str:
    return f"{reverse('calendar_list')}?year={year}"


def _post(request, year: int):
    """Handle one action; return (day_form, bulk_form) to re-render with errors, or None after success."""
    action = request.POST.get("action")
    if action == "delete":
        day = get_or_not_found(CalendarDay.objects.all(), request.POST.get("pk"))
        svc.calendar_day_delete(actor=request.user, day=day)
        messages.success(request, _("%(d)s已删除。") % {"d": day.day.isoformat()})
        return None
    if action == "bulk":
        bulk = BulkForm(request.POST)
        if bulk.is_valid():
            try:
                created, updated = svc.calendar_bulk_save(
                    actor=request.user,
                    text=bulk.cleaned_data["dates"],
                    is_workday=bulk.cleaned_data["is_workday"],
                    note=bulk.cleaned_data["note"],
                )
            except DomainError as exc:
                apply_service_error(bulk, exc)
            else:
                messages.success(
                    request, _("已新增 %(c)s 天，更新 %(u)s 天。") % {"c": created, "u": updated}
                )
                return None
        return DayForm(), bulk
    instance = None
    if request.POST.get("pk"):
        instance = get_or_not_found(CalendarDay.objects.all(), request.POST.get("pk"))
    form = DayForm(request.POST)
    if form.is_valid():
        try:
            svc.calendar_day_save(actor=request.user, instance=instance, **form.cleaned_data)
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("%(d)s已保存。") % {"d": form.cleaned_data["day"].isoformat()})
            return None
    return form, BulkForm(initial={"is_workday": "0"})


def calendar_list(request):
    require_cap(request.user, Cap.CALENDAR_EDIT)
    year = _year(request)
    day_form, bulk_form, editing = (
        DayForm(initial={"is_workday": "0"}),
        BulkForm(initial={"is_workday": "0"}),
        None,
    )
    status = 200
    if request.method == "POST":
        result = _post(request, year)
        if result is None:
            return redirect(_url(year))
        day_form, bulk_form = result
        status = 422
    elif request.GET.get("edit"):
        editing = get_or_not_found(CalendarDay.objects.all(), request.GET["edit"])
        day_form = DayForm(
            initial={
                "day": editing.day,
                "is_workday": "1" if editing.is_workday else "0",
                "note": editing.note,
            }
        )
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    days = list(CalendarDay.objects.filter(day__gte=start, day__lte=end))
    cal = work_calendar(start, end)
    context = {
        "year": year,
        "years": [year - 1, year, year + 1],
        "days": days,
        "holidays": sum(not d.is_workday for d in days),
        "workdays": sum(d.is_workday for d in days),
        "working_days": cal.working_days_between(start, end),
        "day_form": day_form,
        "bulk_form": bulk_form,
        "editing": editing,
    }
    return render(request, "common/calendar_list.html", context, status=status)
