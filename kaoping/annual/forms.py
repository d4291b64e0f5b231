"""Forms of the annual pages: widgets and field validation only; every write goes through the services."""

from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from kaoping.annual.models import AnnualRound, Cadre, TeamType
from kaoping.org.forms import BootstrapMixin, DateInput, UnitChoiceField
from kaoping.org.models import Person, Unit


class _Styled(BootstrapMixin):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class RoundForm(_Styled, forms.Form):
    year = forms.IntegerField(label=_("考核年度"), min_value=1950, max_value=2200)
    title = forms.CharField(label=_("名称"), max_length=200)
    unit = UnitChoiceField(label=_("组织单位"), queryset=Unit.objects.filter(is_active=True))
    grade_set = forms.ChoiceField(label=_("等次序列"), choices=AnnualRound.GradeSet.choices)


class RoundSettingsForm(_Styled, forms.Form):
    title = forms.CharField(label=_("名称"), max_length=200)
    notice_working_days = forms.IntegerField(label=_("公示工作日"), min_value=5, max_value=30)
    holidays = forms.CharField(
        label=_("节假日（每行一个日期）"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    workdays = forms.CharField(
        label=_("调休上班日（每行一个日期）"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    commended = forms.ModelMultipleChoiceField(
        label=_("受表彰单位（提高优秀比例）"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("按定等规则中的比例档次 commended（事业单位预设为 25%）。"),
    )
    poorly_rated = forms.ModelMultipleChoiceField(
        label=_("考核较差单位（降低优秀比例）"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("按定等规则中的比例档次 poorly_rated（事业单位预设为 15%）。"),
    )

    def __init__(self, *args, round: AnnualRound, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(pk__in=round.teams.values("unit_id")).order_by("path")
        self.fields["commended"].queryset = units
        self.fields["poorly_rated"].queryset = units

    def clean(self):
        data = super().clean()
        both = set(data.get("commended") or []) & set(data.get("poorly_rated") or [])
        if both:
            raise forms.ValidationError(_("同一单位不能既受表彰又考核较差。"))
        return data

    def quota_variants(self) -> dict[str, str]:
        out = {str(u.pk): "commended" for u in self.cleaned_data.get("commended") or []}
        out.update({str(u.pk): "poorly_rated" for u in self.cleaned_data.get("poorly_rated") or []})
        return out

    def _dates(self, name: str) -> list[str]:
        import datetime as dt

        out = []
        for line in self.cleaned_data.get(name, "").split():
            try:
                out.append(dt.date.fromisoformat(line.strip()).isoformat())
            except ValueError:
                raise forms.ValidationError(
                    _("日期格式不正确：%(v)s（应为 YYYY-MM-DD）") % {"v": line}
                ) from None
        return out

    def clean_holidays(self):
        return self._dates("holidays")

    def clean_workdays(self):
        return self._dates("workdays")


class SchemeForm(_Styled, forms.Form):
    data = forms.CharField(
        label=_("规则（JSON）"), widget=forms.Textarea(attrs={"rows": 24, "class": "font-monospace"})
    )

    def clean_data(self):
        try:
            value = json.loads(self.cleaned_data["data"])
        except ValueError as exc:
            raise forms.ValidationError(_("JSON 格式不正确：%(e)s") % {"e": exc}) from None
        if not isinstance(value, dict):
            raise forms.ValidationError(_("规则应为 JSON 对象。"))
        return value


class TeamTypeForm(_Styled, forms.Form):
    name = forms.CharField(label=_("类型名称"), max_length=50)
    kind = forms.ChoiceField(label=_("定等口径"), choices=TeamType.Kind.choices)
    order = forms.IntegerField(label=_("排序"), initial=0)


class TeamForm(_Styled, forms.Form):
    unit = UnitChoiceField(label=_("单位"), queryset=Unit.objects.filter(is_active=True))
    team_type = forms.ModelChoiceField(label=_("班子类型"), queryset=TeamType.objects.none())
    name = forms.CharField(label=_("班子名称"), max_length=100, required=False)

    def __init__(self, *args, round: AnnualRound, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team_type"].queryset = round.team_types.all()


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}（{obj.unit.name}{'，' + obj.current_post if obj.current_post else ''}）"


class CadreForm(_Styled, forms.Form):
    person = PersonField(label=_("干部"), queryset=Person.objects.none())
    role = forms.ChoiceField(label=_("班子职务"), choices=Cadre.Role.choices)
    team = forms.ModelChoiceField(label=_("所在班子"), queryset=None, required=False)
    team_type = forms.ModelChoiceField(
        label=_("单位类型"), queryset=None, required=False, help_text=_("没有班子的干部须指定。")
    )
    is_party_secretary = forms.BooleanField(label=_("党委（党组）书记"), required=False)
    is_aid_cadre = forms.BooleanField(label=_("援疆干部（不计入评优基数）"), required=False)

    def __init__(self, *args, round: AnnualRound, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = round.teams.all()
        self.fields["team_type"].queryset = round.team_types.all()
        self.fields["person"].queryset = (
            Person.objects.filter(is_active=True, unit__path__startswith=round.unit.path)
            .exclude(pk__in=round.cadres.values("person_id"))
            .select_related("unit")
            .order_by("unit__path", "name")
        )


class SubItemForm(_Styled, forms.Form):
    team_type = forms.ModelChoiceField(label=_("班子类型"), queryset=None)
    name = forms.CharField(label=_("考核项目"), max_length=100)
    points = forms.DecimalField(label=_("分值"), max_digits=5, decimal_places=2, min_value=0)
    responsible_unit = UnitChoiceField(label=_("责任单位"), queryset=Unit.objects.filter(is_active=True))
    order = forms.IntegerField(label=_("排序"), initial=0)

    def __init__(self, *args, round: AnnualRound, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team_type"].queryset = round.team_types.all()


class CadreInputForm(_Styled, forms.Form):
    """Scores and facts per cadre during 分项考核与民主测评 (R002-04, R002-05, R002-06)."""

    leader_score = forms.DecimalField(label=_("领导评价"), max_digits=5, decimal_places=2, required=False)
    supervisor_score = forms.DecimalField(
        label=_("主管部门成绩"), max_digits=6, decimal_places=2, required=False
    )
    party_building_grade = forms.CharField(label=_("抓基层党建评价"), max_length=20, required=False)
    is_responsible_member = forms.BooleanField(label=_("负有直接责任"), required=False)


class FlagForm(_Styled, forms.Form):
    subject = forms.ChoiceField(label=_("考核对象"))
    name = forms.ChoiceField(label=_("情形"))
    note = forms.CharField(label=_("事实依据"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(label=_("佐证材料"), required=False)

    def __init__(self, *args, subjects: list[tuple[str, str]], names: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = [("", _("请选择")), *subjects]
        self.fields["name"].choices = [("", _("请选择"))] + [(n, n) for n in names]


class DecideForm(_Styled, forms.Form):
    grade = forms.ChoiceField(label=_("确定等次"))
    reason = forms.CharField(label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, grades: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [(g, g) for g in grades]


class NoticeForm(_Styled, forms.Form):
    start_date = forms.DateField(label=_("公示开始日期"), widget=DateInput())
    text = forms.CharField(label=_("公示说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ObjectionForm(_Styled, forms.Form):
    received_on = forms.DateField(label=_("收到日期"), widget=DateInput())
    cadre = forms.ModelChoiceField(label=_("涉及干部"), queryset=None, required=False)
    content = forms.CharField(label=_("反映内容"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, round: AnnualRound, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cadre"].queryset = round.cadres.select_related("person")


class ResolveForm(_Styled, forms.Form):
    resolution = forms.CharField(label=_("处理结果"), widget=forms.Textarea(attrs={"rows": 2}))
