"""Forms of the account pages. They bind and type input; every rule lives in accounts.services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kaoping.accounts.roles import Role
from kaoping.org.models import Unit


class _Styled(forms.Form):
    """Bootstrap classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = css


class TokenCreateForm(_Styled):
    name = forms.CharField(
        label=_("令牌名称"),
        max_length=100,
        help_text=_("写明用途，例如“人事系统同步”。"),
    )


class _PasswordPair(_Styled):
    password1 = forms.CharField(
        label=_("密码"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("确认密码"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("两次输入的密码不一致。"))
        return data


class UserCreateForm(_PasswordPair):
    username = forms.CharField(label=_("用户名"), max_length=150)
    display_name = forms.CharField(label=_("姓名"), max_length=50, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)

    field_order = ["username", "display_name", "phone", "password1", "password2"]


class UserEditForm(_Styled):
    display_name = forms.CharField(label=_("姓名"), max_length=50, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    is_active = forms.BooleanField(label=_("启用"), required=False)


class PasswordResetForm(_PasswordPair):
    pass


class RoleAssignForm(_Styled):
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)
    unit = forms.ModelChoiceField(
        label=_("管辖单位"),
        queryset=Unit.objects.filter(is_active=True).order_by("path"),
        required=False,
        empty_label=_("（全部单位）"),
        help_text=_("单位联络员必须指定单位，权限覆盖该单位及其下级。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].label_from_instance = lambda u: "　" * u.depth + u.name


def apply_errors(form: forms.Form, errors: dict[str, list[str]]) -> None:
    """Attach a service's ValidationFailed errors to the form (unknown fields become form errors)."""
    aliases = {"password": "password1"}
    for field, messages in errors.items():
        name = aliases.get(field, field)
        for message in messages:
            form.add_error(name if name in form.fields else None, message)
