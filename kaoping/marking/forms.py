"""Forms of the marking pages. Validation of scores against maxima lives in the services (Chinese messages);
these forms only bind and type the input."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kaoping.accounts.models import User
from kaoping.accounts.roles import Role
from kaoping.marking.models import MarkerAssignment, MarkingMode, PanelMember, RoundingChoice, ToleranceKind
from kaoping.marking.models_interview import OverallMeanChoice
from kaoping.org.models import Person


class Styled(forms.Form):
    """Bootstrap classes on every widget (small controls; selects as form-select)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            w = field.widget
            if isinstance(w, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(w, forms.Select):
                css = "form-select form-select-sm"
            else:
                css = w.attrs.get("class") or "form-control form-control-sm"
            w.attrs["class"] = css


def users_with_role(role: str):
    return (
        User.objects.filter(is_active=True, roles__role=role, roles__is_active=True)
        .distinct()
        .order_by("username")
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.display_name or obj.username}（{obj.username}）"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name}（{obj.unit.name}）"


def people():
    return Person.objects.filter(is_active=True).select_related("unit").order_by("unit__path", "name")


def parse_lines(text: str, *, with_tolerance: bool) -> list[dict] | None:
    """Lines "名称,满分[,误差]" → item dicts (keys q1, q2 …); empty text → None (use the preset)."""
    rows = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not rows:
        return None
    out = []
    for n, line in enumerate(rows, start=1):
        cells = [c.strip() for c in line.replace("，", ",").split(",")]
        if len(cells) < 2 or not cells[0] or len(cells) > (3 if with_tolerance else 2):
            shape = _("名称,满分,误差") if with_tolerance else _("名称,满分")
            raise forms.ValidationError(_("第%(n)s行格式应为“%(shape)s”。") % {"n": n, "shape": shape})
        item = {"key": f"q{n}", "label": cells[0], "max": cells[1]}
        if with_tolerance and len(cells) == 3:
            item["tolerance"] = cells[2]
        out.append(item)
    return out


class ExamCreateForm(Styled):
    title = forms.CharField(label=_("考试名称"), max_length=200)
    marking_mode = forms.ChoiceField(
        label=_("评分方式"), choices=MarkingMode.choices, initial=MarkingMode.SINGLE
    )
    items = forms.CharField(
        label=_("试题（可选，每行“名称,满分,误差”，误差可省略；留空按预设）"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 3, "placeholder": "案例分析一,30,3\n案例分析二,30,3\n写作,40,4"}
        ),
    )
    external_ref = forms.CharField(label=_("外部引用"), max_length=100, required=False)

    def clean_items(self):
        return parse_lines(self.cleaned_data.get("items", ""), with_tolerance=True)


class RoundingForm(Styled):
    rounding_places = forms.IntegerField(label=_("保留小数位数"), min_value=0, max_value=6)
    rounding_mode = forms.ChoiceField(label=_("取舍方式"), choices=RoundingChoice.choices)


class ItemForm(Styled):
    max_score = forms.DecimalField(label=_("满分"), max_digits=6, decimal_places=2, min_value=0.01)
    tolerance = forms.DecimalField(label=_("误差"), max_digits=6, decimal_places=2, min_value=0)
    tolerance_kind = forms.ChoiceField(label=_("误差方式"), choices=ToleranceKind.choices)


class CandidateAddForm(Styled):
    person = PersonChoiceField(label=_("考生"), queryset=Person.objects.none())
    external_ref = forms.CharField(label=_("外部引用"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people()


class AssignForm(Styled):
    user = UserChoiceField(label=_("阅卷人"), queryset=User.objects.none())
    item = forms.ModelChoiceField(label=_("试题"), queryset=None, required=False, empty_label=_("整卷"))
    role = forms.ChoiceField(label=_("角色"), choices=MarkerAssignment.Role.choices)

    def __init__(self, *args, exam, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users_with_role(Role.MARKER)
        self.fields["item"].queryset = exam.items.all()


class ReasonForm(Styled):
    reason = forms.CharField(label=_("更正原因"), max_length=300)


class MarkForm(Styled):
    code = forms.CharField(max_length=20)
    item = forms.IntegerField()
    value = forms.CharField(label=_("分数"), max_length=20)
    role = forms.ChoiceField(choices=(("marker", "marker"), ("arbitrator", "arbitrator")), required=False)


class InterviewCreateForm(Styled):
    title = forms.CharField(label=_("面试名称"), max_length=200)
    parts = forms.CharField(
        label=_("评分项或测评要素（可选，每行“名称,满分”；留空按预设）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "综合分析能力,20\n语言表达能力,20"}),
    )
    trim_k = forms.IntegerField(label=_("去掉最高、最低分各几个"), min_value=0, max_value=3, initial=1)
    per_element = forms.BooleanField(label=_("按测评要素分别去高去低（RP-01）"), required=False)
    external_ref = forms.CharField(label=_("外部引用"), max_length=100, required=False)

    def clean_parts(self):
        return parse_lines(self.cleaned_data.get("parts", ""), with_tolerance=False)


class InterviewSettingsForm(RoundingForm):
    trim_k = forms.IntegerField(label=_("去掉最高、最低分各几个"), min_value=0, max_value=3)
    per_element = forms.BooleanField(label=_("按测评要素分别去高去低（RP-01）"), required=False)
    correction_overall = forms.ChoiceField(label=_("修正系数的总平均分"), choices=OverallMeanChoice.choices)
    correction_trim_k = forms.IntegerField(
        label=_("计算组平均分时去掉最高、最低各几名"), min_value=0, max_value=3
    )


class PanelForm(Styled):
    name = forms.CharField(label=_("考官组名称"), max_length=100)


class MemberForm(Styled):
    user = UserChoiceField(label=_("考官"), queryset=User.objects.none())
    role = forms.ChoiceField(
        label=_("身份"), choices=PanelMember.Role.choices, initial=PanelMember.Role.REGULAR
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users_with_role(Role.EXAMINER)


class InterviewCandidateForm(Styled):
    panel = forms.ModelChoiceField(label=_("考官组"), queryset=None)
    person = PersonChoiceField(label=_("考生"), queryset=Person.objects.none())
    group = forms.CharField(label=_("岗位分组"), max_length=100, required=False)
    external_ref = forms.CharField(label=_("外部引用"), max_length=100, required=False)

    def __init__(self, *args, interview, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel"].queryset = interview.panels.all()
        self.fields["person"].queryset = people()


class InterviewMarkForm(Styled):
    """One field per part (or element), named by its key; the service checks the maxima."""

    def __init__(self, *args, parts, **kwargs):
        super().__init__(*args, **kwargs)
        for part in parts:
            self.fields[part.key] = forms.CharField(
                label=f"{part.label}（{part.max_score}）",
                max_length=10,
                widget=forms.TextInput(
                    attrs={"inputmode": "decimal", "class": "form-control form-control-lg"}
                ),
            )


class VerifyForm(Styled):
    seed = forms.CharField(label=_("种子"), max_length=128)
    items = forms.CharField(label=_("抽签对象（每行一个）"), widget=forms.Textarea(attrs={"rows": 6}))
    commitment = forms.CharField(label=_("承诺值（可选）"), max_length=64, required=False)

    def item_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]
