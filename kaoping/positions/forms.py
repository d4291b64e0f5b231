"""Forms of the establishment-plan pages: widgets and field validation only. Writes go through ``services``."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kaoping.org.forms import BootstrapMixin, DateInput, UnitChoiceField
from kaoping.positions.models import CategoryQuota, EstablishmentPlan, PlanPhase, PostDescription, PostLine
from kaoping.positions.services import DESCRIPTION_FIELDS, LINE_FIELDS, PHASE_FIELDS, PLAN_FIELDS

MODE_PRESET, MODE_BLANK = "preset", "blank"

PLAN_HEADER_FIELDS = PLAN_FIELDS


class PlanCreateForm(BootstrapMixin, forms.ModelForm):
    """A new plan: copied from an establishment preset, or blank with its numbers and a structure template."""

    mode = forms.ChoiceField(
        label=_("创建方式"),
        choices=((MODE_PRESET, _("从预设方案复制")), (MODE_BLANK, _("空白方案"))),
        initial=MODE_PRESET,
        widget=forms.RadioSelect,
    )
    preset_key = forms.ChoiceField(label=_("预设方案"), required=False)
    template_key = forms.ChoiceField(label=_("结构比例模板"), required=False)

    class Meta:
        model = EstablishmentPlan
        fields = ("title", "year", "unit", *PLAN_HEADER_FIELDS[2:6])
        field_classes = {"unit": UnitChoiceField}

    # Numbers are required for a blank plan only; a preset brings its own.
    PRESET_SUPPLIED = ("approved_staffing", "approved_posts", "staff_now", "leadership_posts")

    def __init__(self, *args, units, preset_choices, template_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.filter(is_active=True).order_by("path")
        self.fields["preset_key"].choices = list(preset_choices)
        self.fields["template_key"].choices = [("", _("不使用模板")), *template_choices]
        for name in self.PRESET_SUPPLIED:
            self.fields[name].required = False
        self._style()
        self.fields["mode"].widget.attrs["class"] = "form-check-input"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("mode") == MODE_PRESET:
            if not data.get("preset_key"):
                self.add_error("preset_key", _("请选择预设方案。"))
        else:
            for name in ("approved_staffing", "approved_posts"):
                if data.get(name) in (None, ""):
                    self.add_error(name, _("空白方案须填写此项。"))
        return data

    def _post_clean(self) -> None:
        # Model validation happens in the service (plan_create / plan_create_from_preset).
        pass

    def blank_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = {name: data[name] for name in ("title", "year", "approved_staffing", "approved_posts")}
        fields["staff_now"] = data.get("staff_now") or 0
        fields["leadership_posts"] = data.get("leadership_posts")
        return fields


class PlanHeaderForm(BootstrapMixin, forms.ModelForm):
    """The plan's numbers, editable while it is a draft."""

    class Meta:
        model = EstablishmentPlan
        fields = PLAN_HEADER_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()
        self._small()


class CategoryQuotaForm(BootstrapMixin, forms.ModelForm):
    """One category's quota and highest grade (create or change)."""

    class Meta:
        model = CategoryQuota
        fields = ("category", "quota", "highest_grade")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()
        self._small()

    def validate_unique(self) -> None:
        # An existing category is changed, not duplicated: the service updates it in place.
        pass


class LineForm(BootstrapMixin, forms.ModelForm):
    """A row of the distribution table (岗位设置分布表)."""

    class Meta:
        model = PostLine
        fields = LINE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        if self.instance.pk is None:
            self.initial["order"] = None  # the service appends the row at the end
        self.fields["order"].widget.attrs["style"] = "max-width: 5rem"
        self._style()
        self._small()

    def service_fields(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in LINE_FIELDS}
        if data["order"] is None:
            data.pop("order")
        return data


class JsonObjectField(forms.CharField):
    """A JSON object typed into a textarea (scheme data such as a structure template or hiring condition).
    Blank means an empty object; the engine validates the content in the service."""

    widget = forms.Textarea(attrs={"rows": 12, "class": "font-monospace", "spellcheck": "false"})

    def __init__(self, *args, encoder=None, decoder=None, **kwargs):  # as a model JSONField's form field
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, dict):
            return json.dumps(value, ensure_ascii=False, indent=2) if value else ""
        return value

    def to_python(self, value):
        text = (value or "").strip()
        if not text:
            return {}
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("不是有效的 JSON：第 %(line)s 行第 %(col)s 列附近。")
                % {"line": exc.lineno, "col": exc.colno}
            ) from exc
        if not isinstance(data, dict):
            raise forms.ValidationError(_("应为一个 JSON 对象（以 { 开头）。"))
        return data


class TemplateForm(BootstrapMixin, forms.Form):
    """The plan's structure-ratio template (RP-10), editable as data while the plan is a draft."""

    template = JsonObjectField(label=_("结构比例模板"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class DescriptionForm(BootstrapMixin, forms.ModelForm):
    """岗位说明书: duties and standards one per line, education, certificates, other conditions."""

    class Meta:
        model = PostDescription
        fields = DESCRIPTION_FIELDS
        field_classes = {"hiring_condition": JsonObjectField}
        widgets = {
            "duties": forms.Textarea(attrs={"rows": 6}),
            "standards": forms.Textarea(attrs={"rows": 6}),
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "written_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()

    def _post_clean(self) -> None:
        pass  # validated by services.description_save


class ReturnForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("退回原因"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class PhaseForm(BootstrapMixin, forms.ModelForm):
    """A phase of the timeline (R004-06): name and dates."""

    class Meta:
        model = PlanPhase
        fields = PHASE_FIELDS[:3]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()
