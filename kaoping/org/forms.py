"""Forms of the registry UI: widgets and field validation only. Writes go through ``services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.org import choices as c
from kaoping.org.models import HISTORY_MODELS, Person, Rank, Unit
from kaoping.org.selectors import DEFAULT_PERSON_SORT, PERSON_SORTS

# ------------------------------------------------------------------------------------------- helpers


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class BootstrapMixin:
    """Give every widget its Bootstrap class, so templates can render fields uniformly."""

    def _style(self) -> None:
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                if field.empty_label == "---------":
                    field.empty_label = _("请选择")
            elif isinstance(field, forms.ChoiceField):
                field.choices = [(v, _("请选择") if lbl == "---------" else lbl) for v, lbl in field.choices]
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def _small(self) -> None:
        for field in self.fields.values():
            css = field.widget.attrs["class"]
            field.widget.attrs["class"] = css + (
                " form-select-sm" if "form-select" in css else " form-control-sm"
            )

    def add_error(self, field, error) -> None:
        super().add_error(field, error)
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                if "is-invalid" not in attrs.get("class", ""):
                    attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()


def apply_service_error(form: forms.BaseForm, exc: DomainError) -> None:
    """Show a service's ValidationFailed/DomainError (Chinese messages) on ``form``."""
    if isinstance(exc, ValidationFailed):
        for field, messages in exc.errors.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
        return
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


class UnitChoiceField(forms.ModelChoiceField):
    """Units indented by depth, so the select reads like the tree."""

    def label_from_instance(self, obj: Unit) -> str:
        label = "\u3000" * obj.depth + obj.name
        if not obj.is_active:
            label += _("（已停用）")
        return label


# --------------------------------------------------------------------------------------------- units


class UnitForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Unit
        fields = ("name", "short_name", "code", "kind", "category", "order")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class UnitMoveForm(BootstrapMixin, forms.Form):
    parent = UnitChoiceField(label=_("新的上级单位"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, parents, allow_root: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["parent"]
        field.queryset = parents
        field.required = not allow_root
        field.empty_label = _("（无上级，作为顶层单位）") if allow_root else _("请选择")
        self._style()


# --------------------------------------------------------------------------------------------- ranks


class RankForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Rank
        fields = ("name", "code", "level", "category", "grade", "order", "is_active")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


# -------------------------------------------------------------------------------------------- people

PERSON_FORM_FIELDS = (
    "name",
    "gender",
    "birth_date",
    "ethnicity",
    "native_place",
    "id_number",
    "political_status",
    "health",
    "phone",
    "education",
    "degree",
    "education_parttime",
    "degree_parttime",
    "unit",
    "category",
    "current_post",
    "rank",
    "rank_start_date",
    "post_start_date",
    "work_start_date",
    "has_grassroots_experience",
    "meets_training_requirement",
    "photo",
    "notes",
)

PERSON_FIELD_GROUPS = (
    (
        _("基本信息"),
        (
            "name",
            "gender",
            "birth_date",
            "ethnicity",
            "native_place",
            "id_number",
            "political_status",
            "health",
            "phone",
        ),
    ),
    (_("学历学位"), ("education", "degree", "education_parttime", "degree_parttime")),
    (
        _("工作信息"),
        (
            "unit",
            "category",
            "current_post",
            "rank",
            "rank_start_date",
            "post_start_date",
            "work_start_date",
            "has_grassroots_experience",
            "meets_training_requirement",
        ),
    ),
    (_("照片与备注"), ("photo", "notes")),
)


class PersonForm(BootstrapMixin, forms.ModelForm):
    """Person fields. ``units`` limits the unit choice to the user's edit scope."""

    class Meta:
        model = Person
        fields = PERSON_FORM_FIELDS
        field_classes = {"unit": UnitChoiceField}
        widgets = {
            "birth_date": DateInput(),
            "work_start_date": DateInput(),
            "rank_start_date": DateInput(),
            "post_start_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "photo": forms.ClearableFileInput(attrs={"accept": "image/*"}),
            "id_number": forms.TextInput(attrs={"maxlength": 18, "autocomplete": "off"}),
        }

    def __init__(self, *args, units, ranks, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.unit_id if self.instance.pk else None
        unit_qs = units.filter(is_active=True)
        if current:
            unit_qs = units.filter(is_active=True) | units.filter(pk=current)
        self.fields["unit"].queryset = unit_qs.order_by("path")
        rank_qs = ranks
        if self.instance.rank_id:
            rank_qs = ranks | Rank.objects.filter(pk=self.instance.rank_id)
        self.fields["rank"].queryset = rank_qs.order_by("order", "name")
        self._style()

    def clean_id_number(self) -> str:
        return (self.cleaned_data.get("id_number") or "").strip().upper()

    def groups(self):
        """(title, [bound fields]) for the template's fieldsets."""
        return [(title, [self[name] for name in names]) for title, names in PERSON_FIELD_GROUPS]

    def service_fields(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in PERSON_FORM_FIELDS}
        if data["photo"] is False:  # "clear" ticked
            data["photo"] = ""
        return data


STATUS_ACTIVE, STATUS_LEFT, STATUS_ALL = "active", "left", "all"


class PersonFilterForm(BootstrapMixin, forms.Form):
    """The person list's search box and filters (GET)."""

    q = forms.CharField(label=_("姓名或身份证号"), required=False, max_length=50)
    unit = UnitChoiceField(label=_("单位（含下级）"), queryset=Unit.objects.none(), required=False)
    rank = forms.ModelChoiceField(label=_("职级"), queryset=Rank.objects.none(), required=False)
    category = forms.ChoiceField(label=_("人员类别"), required=False)
    status = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=((STATUS_ACTIVE, _("在职")), (STATUS_LEFT, _("离职")), (STATUS_ALL, _("全部"))),
    )
    sort = forms.ChoiceField(required=False, choices=[(k, k) for k in PERSON_SORTS])

    def __init__(self, *args, units, ranks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = _("全部单位")
        self.fields["rank"].queryset = ranks
        self.fields["rank"].empty_label = _("全部职级")
        self.fields["category"].choices = [("", _("全部类别")), *c.PersonCategory.choices]
        self.fields["q"].widget.attrs["placeholder"] = _("姓名 / 身份证号前几位")
        self._style()
        self._small()

    def cleaned(self) -> dict[str, Any]:
        """Cleaned values, falling back to defaults for anything invalid (a bad link shows the full list)."""
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or STATUS_ACTIVE
        return {
            "q": data.get("q", ""),
            "unit_id": data["unit"].pk if data.get("unit") else None,
            "rank_id": data["rank"].pk if data.get("rank") else None,
            "category": data.get("category", ""),
            "is_active": {STATUS_ACTIVE: True, STATUS_LEFT: False}.get(status),
            "sort": data.get("sort") or DEFAULT_PERSON_SORT,
        }


# ------------------------------------------------------------------------------------------- history

_HISTORY_SKIP = {"id", "person", "created_at", "updated_at"}


def history_field_names(kind: str) -> list[str]:
    model = HISTORY_MODELS[kind]
    return [f.name for f in model._meta.concrete_fields if f.name not in _HISTORY_SKIP]


class HistoryForm(BootstrapMixin, forms.ModelForm):
    """Base of the per-kind history forms: compact widgets, active ranks (plus the current one)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "rank" in self.fields:
            qs = Rank.objects.filter(is_active=True)
            current = getattr(self.instance, "rank_id", None)
            if current:
                qs = qs | Rank.objects.filter(pk=current)
            self.fields["rank"].queryset = qs.order_by("order", "name")
        self._style()
        self._small()


def history_form_class(kind: str) -> type[HistoryForm]:
    """A ModelForm for one kind of history record (任职经历, 年度考核结果 …)."""
    model = HISTORY_MODELS[kind]
    dates = {f.name: DateInput() for f in model._meta.concrete_fields if f.get_internal_type() == "DateField"}
    return forms.modelform_factory(model, form=HistoryForm, fields=history_field_names(kind), widgets=dates)
