"""Forms of the appointment-round pages (岗位聘用): widgets and field validation only; every write goes through
``services_appointment``, which also validates the model."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kaoping.org.forms import BootstrapMixin, DateInput
from kaoping.org.models import Person
from kaoping.positions.models import Application, Appointment, AppointmentRound, PostLine

YES_NO = (("1", _("通过")), ("0", _("不通过")))
APPOINT = (("1", _("聘用")), ("0", _("不聘用")))


def _as_bool(value: str) -> bool:
    return value == "1"


class RoundForm(BootstrapMixin, forms.ModelForm):
    """A new round on an approved plan."""

    class Meta:
        model = AppointmentRound
        fields = ("title", "as_of", "is_first_appointment", "notice_working_days")
        widgets = {"as_of": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()

    def _post_clean(self) -> None:
        pass  # validated by services_appointment.round_create


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        rank = obj.rank.name if obj.rank else _("无职级")
        return f"{obj.name}（{obj.unit.name}，{rank}）"


class LineChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PostLine) -> str:
        return _("%(name)s（%(category)s%(grade)s级，%(count)s 个）") % {
            "name": obj.name,
            "category": obj.category,
            "grade": obj.grade,
            "count": obj.count,
        }


class ApplicationForm(BootstrapMixin, forms.ModelForm):
    """An application: the person (of the plan's unit subtree), the post, and the facts the person declares."""

    class Meta:
        model = Application
        fields = (
            "person",
            "line",
            "title_level",
            "title_since",
            "achievements",
            "commendation_years",
            "holds_internal_leadership",
        )
        field_classes = {"person": PersonChoiceField, "line": LineChoiceField}
        widgets = {"title_since": DateInput()}

    def __init__(self, *args, people, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["line"].queryset = lines
        self._style()
        self._small()

    def _post_clean(self) -> None:
        pass  # validated by services_appointment.application_create

    def declared(self) -> dict[str, Any]:
        return {n: self.cleaned_data[n] for n in self.Meta.fields if n not in ("person", "line")}


class ReviewForm(forms.Form):
    qualified = forms.TypedChoiceField(label=_("审查结论"), choices=YES_NO, coerce=_as_bool)
    note = forms.CharField(label=_("审查意见"), max_length=500, required=False)


class ScoreForm(forms.Form):
    score = forms.DecimalField(label=_("竞聘成绩"), max_digits=6, decimal_places=2, min_value=0)


class DecideForm(forms.Form):
    appoint = forms.TypedChoiceField(label=_("研究决定"), choices=APPOINT, coerce=_as_bool)


class ObjectionForm(BootstrapMixin, forms.Form):
    application = forms.ModelChoiceField(label=_("涉及人员"), queryset=Application.objects.none())
    received_on = forms.DateField(label=_("收到日期"), widget=DateInput())
    content = forms.CharField(label=_("反映内容"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = applications
        self.fields["application"].label_from_instance = lambda a: f"{a.person.name} → {a.line.name}"
        self._style()
        self._small()


class ResolveForm(forms.Form):
    resolution = forms.CharField(label=_("核查结论"))
    upheld = forms.BooleanField(label=_("属实"), required=False)
    resolved_on = forms.DateField(label=_("办结日期"))


class ContractForm(forms.Form):
    kind = forms.ChoiceField(label=_("合同"), choices=Appointment.ContractKind.choices)
    signed_on = forms.DateField(label=_("签订日期"))
