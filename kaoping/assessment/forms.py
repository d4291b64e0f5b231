"""Forms of the assessment pages. They bind and clean input; every rule is checked by the services."""

from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kaoping.assessment.models_pay import LeaderRole
from kaoping.org.forms import BootstrapMixin, UnitChoiceField

SCORE_FIELD = {"max_digits": 7, "decimal_places": 2, "min_value": 0}


class _Form(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class SchemeCreateForm(_Form):
    preset_key = forms.ChoiceField(label=gettext_lazy("预设方案"))
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=gettext_lazy("方案名称"), max_length=200, required=False)

    def __init__(self, *args, presets: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preset_key"].choices = presets


class SchemeEditForm(_Form):
    title = forms.CharField(label=gettext_lazy("方案名称"), max_length=200)
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=2000, max_value=2100)
    scheme = forms.CharField(
        label=gettext_lazy("考核细则（JSON）"),
        widget=forms.Textarea(attrs={"rows": 24, "class": "font-monospace"}),
    )

    def clean_scheme(self):
        try:
            data = json.loads(self.cleaned_data["scheme"])
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("JSON 格式有误：第%(line)s行 %(msg)s") % {"line": exc.lineno, "msg": exc.msg}
            ) from exc
        if not isinstance(data, dict):
            raise forms.ValidationError(_("考核细则须为 JSON 对象。"))
        return data


class UnitAddForm(_Form):
    key = forms.ChoiceField(label=gettext_lazy("细则中的单位/部门"))
    unit = UnitChoiceField(label=gettext_lazy("被考核单位"), queryset=None)

    def __init__(self, *args, keys: list[str], units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = [(k, k) for k in keys]
        self.fields["unit"].queryset = units


class ScoreForm(_Form):
    value = forms.DecimalField(label=gettext_lazy("得分"), required=False, **SCORE_FIELD)
    level = forms.ChoiceField(label=gettext_lazy("完成等级"), required=False)
    docs_incomplete = forms.BooleanField(label=gettext_lazy("资料不全"), required=False)
    note = forms.CharField(label=gettext_lazy("说明"), required=False, max_length=2000)

    def __init__(self, *args, levels: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [("", "—"), *levels]


class SummaryForm(_Form):
    summary = forms.CharField(
        label=gettext_lazy("年度工作总结"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000
    )


class FeedbackForm(_Form):
    note = forms.CharField(
        label=gettext_lazy("对评分意见的反馈"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class EvidenceForm(_Form):
    file = forms.FileField(label=gettext_lazy("佐证材料"))
    score = forms.IntegerField(required=False, widget=forms.HiddenInput)


class BonusForm(_Form):
    code = forms.ChoiceField(label=gettext_lazy("加分项目"))
    points = forms.DecimalField(
        label=gettext_lazy("分值（视情加分）"), required=False, max_digits=6, decimal_places=2, min_value=0.01
    )
    note = forms.CharField(label=gettext_lazy("说明"), required=False, max_length=300)
    evidence = forms.FileField(label=gettext_lazy("佐证材料"), required=False)

    def __init__(self, *args, catalogue: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = catalogue


class TransitionForm(_Form):
    action = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(label=gettext_lazy("说明"), required=False, max_length=400)
    leader_signed = forms.CharField(label=gettext_lazy("分管领导签字"), required=False, max_length=50)
    head_signed = forms.CharField(label=gettext_lazy("部门负责人签字"), required=False, max_length=50)


class LeaderForm(_Form):
    person = forms.ModelChoiceField(label=gettext_lazy("班子成员"), queryset=None)
    role = forms.ChoiceField(label=gettext_lazy("职务"), choices=LeaderRole.choices)
    supervised = forms.ModelMultipleChoiceField(
        label=gettext_lazy("分管部门"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, people, assessments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["supervised"].queryset = assessments
        self.fields["supervised"].label_from_instance = lambda a: a.key
        self.fields["supervised"].widget.attrs["class"] = "form-check-input"


class PayRunForm(_Form):
    band_rounding = forms.ChoiceField(
        label=gettext_lazy("扣发档次取整"),
        choices=[("floor", gettext_lazy("不足一档不扣（默认）")), ("ceil", gettext_lazy("不足一档按一档扣"))],
    )
