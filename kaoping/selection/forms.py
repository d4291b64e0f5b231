"""Forms of the selection pages (S1): widgets and field validation only; writes go through the services.
The scheme form edits the key numbers of the campaign's scheme dict; its values are merged into a copy of
the dict and the whole is validated by ``SelectionScheme.from_dict`` in the service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kaoping.org.forms import BootstrapMixin, DateInput, UnitChoiceField
from kaoping.org.models import Person, Unit
from kaoping.selection.models import AvoidanceDeclaration, Campaign, OfferedPosition


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class StyledForm(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class LinesField(forms.CharField):
    """A list of strings edited one per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value) -> list[str]:
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


# --------------------------------------------------------------------------------------------- campaign


class CampaignForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Campaign
        fields = [
            "title",
            "doc_number",
            "tenure_cutoff",
            "registration_opens",
            "registration_deadline",
            "evaluation_mode",
            "exam_mode",
            "interview_mode",
            "notice_working_days",
        ]
        widgets = {
            "tenure_cutoff": DateInput(),
            "registration_opens": DateTimeInput(),
            "registration_deadline": DateTimeInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("registration_opens", "registration_deadline"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        self.fields["notice_working_days"].min_value = 1
        self._style()


class CampaignCreateForm(CampaignForm):
    SOURCE_PRESET = "preset"
    source = forms.ChoiceField(label=_("创建方式"), choices=())
    copy_from = forms.ModelChoiceField(
        label=_("复制的往次竞争上岗"), queryset=Campaign.objects.none(), required=False
    )

    def __init__(self, *args, presets: dict, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [
            (k, _("使用预设：%(t)s") % {"t": p.title}) for k, p in presets.items()
        ] + [("copy", _("复制往次竞争上岗（含职位，不含报名）"))]
        self.fields["copy_from"].queryset = campaigns
        self._style()

    def clean(self):
        data = super().clean()
        if data.get("source") == "copy" and not data.get("copy_from"):
            self.add_error("copy_from", _("请选择要复制的竞争上岗。"))
        return data

    def campaign_fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("source", "copy_from")}


# --------------------------------------------------------------------------------------------- positions


class PositionForm(BootstrapMixin, forms.ModelForm):
    duties = LinesField(label=_("岗位职责"), required=False, help_text=_("每行一条。"))
    standards = LinesField(label=_("工作标准"), required=False, help_text=_("每行一条。"))
    extra_rule_lists = LinesField(
        label=_("附加资格条件"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("计分方案中附加资格条件列表的名称，每行一个，如“产业工会副主席”。"),
    )
    unit = UnitChoiceField(label=_("所在单位"), queryset=Unit.objects.filter(is_active=True).order_by("path"))

    class Meta:
        model = OfferedPosition
        fields = [
            "order",
            "title",
            "unit",
            "level",
            "kind",
            "extra_rule_lists",
            "duties",
            "standards",
            "requirements",
        ]
        widgets = {"requirements": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, levels: list[str] | None = None, text_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if levels:
            self.fields["level"].widget = forms.Select(choices=[(v, v) for v in levels])
        if text_only:
            for name in ("order", "title", "unit", "level", "kind", "extra_rule_lists"):
                self.fields[name].disabled = True
        self._style()


# ------------------------------------------------------------------------------------------ registration


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        rank = obj.rank.name if obj.rank_id else ""
        return f"{obj.name}（{obj.unit.name} {rank}）"


class RegistrationForm(StyledForm):
    person = PersonChoiceField(label=_("报名人"), queryset=Person.objects.none())
    position = forms.ModelChoiceField(label=_("报名职位"), queryset=OfferedPosition.objects.none())
    obeys_assignment = forms.TypedChoiceField(
        label=_("是否服从组织安排"),
        choices=[("1", _("是")), ("0", _("否"))],
        coerce=lambda v: v == "1",
        initial="1",
    )
    health = forms.CharField(label=_("身体状况"), max_length=50, initial="健康")

    def __init__(self, *args, people, positions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["position"].queryset = positions


class EditForm(StyledForm):
    obeys_assignment = forms.TypedChoiceField(
        label=_("是否服从组织安排"), choices=[("1", _("是")), ("0", _("否"))], coerce=lambda v: v == "1"
    )
    health = forms.CharField(label=_("身体状况"), max_length=50)


class SignForm(StyledForm):
    opinion = forms.CharField(
        label=_("单位意见"), widget=forms.Textarea(attrs={"rows": 2}), initial="同意报名。"
    )
    signed_by = forms.CharField(label=_("负责人签名"), max_length=50)


class ChangeForm(StyledForm):
    to_position = forms.ModelChoiceField(label=_("改报职位"), queryset=OfferedPosition.objects.none())
    request_note = forms.CharField(
        label=_("书面申请说明"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, positions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_position"].queryset = positions


class WithdrawForm(StyledForm):
    reason = forms.CharField(label=_("撤回原因"), max_length=300, required=False)


# ---------------------------------------------------------------------------------------------- review

JUDGEMENT_CHOICES = [("pending", _("待审核")), ("yes", _("符合")), ("no", _("不符合"))]


class ReviewRecordForm(StyledForm):
    """Judgement items (R000-11, one status + note per item) and the exemption record (R000-10)."""

    has_exemption = forms.BooleanField(label=_("本人书面申请两年内接受挂职锻炼或培训安排"), required=False)
    exemption_approved_by = forms.CharField(
        label=_("单位领导班子研究同意情况"), max_length=200, required=False
    )
    exemption_head_signed = forms.BooleanField(label=_("主要负责人已签字认可"), required=False)

    def __init__(self, *args, items: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for i, item in enumerate(items):
            self.fields[f"j{i}_status"] = forms.ChoiceField(label=item, choices=JUDGEMENT_CHOICES)
            self.fields[f"j{i}_note"] = forms.CharField(label=_("说明"), max_length=300, required=False)
        self._style()

    def judgements(self) -> dict[str, dict[str, str]]:
        return {
            item: {"status": self.cleaned_data[f"j{i}_status"], "note": self.cleaned_data[f"j{i}_note"]}
            for i, item in enumerate(self.items)
        }

    def judgement_rows(self):
        return [(self[f"j{i}_status"], self[f"j{i}_note"]) for i in range(len(self.items))]


class AvoidanceForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = AvoidanceDeclaration
        fields = ["kind", "related_person", "description", "resolution"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class DecideForm(StyledForm):
    qualified = forms.TypedChoiceField(
        label=_("审查结论"), choices=[("1", _("合格")), ("0", _("不合格"))], coerce=lambda v: v == "1"
    )
    reasons = forms.CharField(label=_("不合格原因"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DateForm(StyledForm):
    day = forms.DateField(widget=DateInput())
