"""Forms of the attendance pages: widgets and field parsing only. Writes go through ``services``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from kaoping.accounts.models import User
from kaoping.accounts.roles import Role
from kaoping.attendance.models import Half, LeaveRequest
from kaoping.org.forms import BootstrapMixin, DateInput, UnitChoiceField


class _Styled(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs={"step": 1, **(attrs or {})}, format="%H:%M:%S")


class YearCreateForm(_Styled):
    unit = UnitChoiceField(label=_("适用单位"), queryset=None)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


def _dates(text: str, label: str) -> list[str]:
    out = []
    for token in text.replace("，", ",").replace(",", "\n").split():
        try:
            out.append(dt.date.fromisoformat(token.strip()).isoformat())
        except ValueError:
            raise forms.ValidationError(
                _("%(label)s中的“%(t)s”不是日期（应为 2018-10-01）。") % {"label": label, "t": token}
            ) from None
    return sorted(set(out))


class YearSettingsForm(_Styled):
    """The scheme and calendar of one year, field by field (stored as the scheme JSON)."""

    start_date = forms.DateField(label=_("考勤起始日"), widget=DateInput())
    end_date = forms.DateField(label=_("考勤截止日"), widget=DateInput())
    morning_in_by = forms.TimeField(label=_("上午签到截止"), widget=TimeInput())
    morning_out_after = forms.TimeField(label=_("上午签退不早于"), widget=TimeInput())
    afternoon_in_by = forms.TimeField(label=_("下午签到截止"), widget=TimeInput())
    afternoon_out_after = forms.TimeField(label=_("下午签退不早于"), widget=TimeInput())
    approvers = forms.CharField(
        label=_("请假审批权限"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行“最长天数,审批人”，按天数递增；最后一行天数留空表示更长的请假，如“,主席”。"),
    )
    allowance = forms.DecimalField(label=_("考勤津贴（元）"), min_value=0, decimal_places=2)
    deduction_per_half_day = forms.DecimalField(label=_("旷工半天扣款（元）"), min_value=0, decimal_places=2)
    deduction_per_day = forms.DecimalField(label=_("旷工一天扣款（元）"), min_value=0, decimal_places=2)
    forfeit_days = forms.DecimalField(
        label=_("全额扣除的旷工天数"), min_value=Decimal("0.5"), decimal_places=1, help_text=_("含本数。")
    )
    holidays = forms.CharField(
        label=_("节假日"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一个日期。"),
    )
    workdays = forms.CharField(
        label=_("调休上班日"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("周末需上班的日期，每行一个。"),
    )

    SCHEME_KEYS = (
        "morning_in_by",
        "morning_out_after",
        "afternoon_in_by",
        "afternoon_out_after",
        "allowance",
        "deduction_per_half_day",
        "deduction_per_day",
        "forfeit_days",
    )

    @classmethod
    def initial_for(cls, year) -> dict:
        scheme = year.scheme or {}
        initial = {k: scheme.get(k) for k in cls.SCHEME_KEYS}
        initial["approvers"] = "\n".join(
            f"{a.get('max_days') or ''},{a.get('approver')}" for a in scheme.get("approvers", [])
        )
        initial["holidays"] = "\n".join(year.calendar.get("holidays", []))
        initial["workdays"] = "\n".join(year.calendar.get("workdays", []))
        initial["start_date"], initial["end_date"] = year.start_date, year.end_date
        return initial

    def clean_approvers(self) -> list[dict]:
        out = []
        for line in self.cleaned_data["approvers"].splitlines():
            if not line.strip():
                continue
            limit, _sep, name = line.replace("，", ",").partition(",")
            if not name.strip():
                raise forms.ValidationError(_("每行须为“最长天数,审批人”。"))
            out.append({"max_days": limit.strip() or None, "approver": name.strip()})
        if not out:
            raise forms.ValidationError(_("至少需要一级审批人。"))
        return out

    def clean_holidays(self) -> list[str]:
        return _dates(self.cleaned_data["holidays"], _("节假日"))

    def clean_workdays(self) -> list[str]:
        return _dates(self.cleaned_data["workdays"], _("调休上班日"))

    def scheme(self) -> dict:
        d = self.cleaned_data
        scheme = {
            k: str(d[k]) if isinstance(d[k], Decimal) else d[k].strftime("%H:%M:%S") for k in self.SCHEME_KEYS
        }
        scheme["approvers"] = d["approvers"]
        return scheme

    def calendar(self) -> dict:
        return {"holidays": self.cleaned_data["holidays"], "workdays": self.cleaned_data["workdays"]}


class ApproverForm(_Styled):
    level = forms.ChoiceField(label=_("审批级别"))
    user = forms.ModelChoiceField(label=_("审批人"), queryset=None)

    def __init__(self, *args, levels, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [(lv, lv) for lv in levels]
        self.fields["user"].queryset = User.objects.filter(
            roles__role=Role.LEADER, roles__is_active=True, is_active=True
        ).distinct()
        self.fields["units"] = forms.ModelMultipleChoiceField(
            label=_("分管部门"),
            queryset=units,
            required=False,
            help_text=_("只审批所选部门人员的请假；不选表示全部。"),
        )
        self._style()


class LeaveForm(_Styled):
    kind = forms.ChoiceField(
        label=_("类别"),
        choices=LeaveRequest.Kind.choices,
        initial=LeaveRequest.Kind.LEAVE,
        help_text=_(
            "在外开会或公务由办公室登记为“公务外出”；入职前、调离后、借调等期间登记为“不计考勤”。"
            "这两类不需领导审批。"
        ),
    )
    person = forms.ModelChoiceField(label=_("请假人"), queryset=None)
    start_date = forms.DateField(label=_("开始日期"), widget=DateInput())
    start_half = forms.ChoiceField(label=_("开始时段"), choices=Half.choices)
    end_date = forms.DateField(label=_("结束日期"), widget=DateInput())
    end_half = forms.ChoiceField(label=_("结束时段"), choices=Half.choices, initial=Half.AFTERNOON)
    reason = forms.CharField(label=_("请假事由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, people, may_record_business: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_record_business:
            del self.fields["kind"]
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda p: f"{p.name}（{p.unit.name}）"


class DecideForm(_Styled):
    note = forms.CharField(label=_("审批意见"), required=False, max_length=500)


class ImportForm(_Styled):
    file = forms.FileField(label=_("签到表（.xlsx）"))

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("请上传 .xlsx 文件。"))
        if f.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("文件不能超过 10 MB。"))
        return f
