"""Forms of the selection pages (S1): widgets and field validation only; writes go through the services.
The scheme form edits the key numbers of the campaign's scheme dict; its values are merged into a copy of
the dict and the whole is validated by ``SelectionScheme.from_dict`` in the service."""

from __future__ import annotations

import copy
import json
import re
from decimal import Decimal
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


# ----------------------------------------------------------------------------------------------- scheme

STAGE_CHOICES = [
    ("base", _("基础分")),
    ("evaluation", _("民主测评")),
    ("exam", _("笔试")),
    ("interview", _("面试")),
]
TIE_POLICIES = [
    ("include_all", _("并列者均进入（标注并列）")),
    ("tie_break", _("按比较顺序决出")),
]
ROUNDING_MODES = [("half_up", _("四舍五入")), ("truncate", _("直接舍去"))]

# form field → (path in the scheme dict, kind)
SCHEME_FIELDS: dict[str, tuple[tuple, str]] = {
    "w_base": (("weights", "base"), "percent"),
    "w_evaluation": (("weights", "evaluation"), "percent"),
    "w_exam": (("weights", "exam"), "percent"),
    "w_interview": (("weights", "interview"), "percent"),
    "ev_points_a": (("evaluation", "groups", 0, "points"), "dec"),
    "ev_points_b": (("evaluation", "groups", 1, "points"), "dec"),
    "participation_threshold": (("evaluation", "participation_threshold"), "percent"),
    "pass_mark": (("evaluation", "pass_mark"), "dec"),
    "exam_max_0": (("exam", "items", 0, "max"), "dec"),
    "exam_max_1": (("exam", "items", 1, "max"), "dec"),
    "iv_max_0": (("interview", "parts", 0, "max"), "dec"),
    "iv_max_1": (("interview", "parts", 1, "max"), "dec"),
    "trim_k": (("interview", "trim_k"), "int"),
    "min_registrants": (("registration", "min_registrants"), "int"),
    "max_changes": (("registration", "max_changes"), "int"),
    "interview_top_n": (("cutoffs", "interview_top_n"), "int"),
    "inspection_top_n": (("cutoffs", "inspection_top_n"), "int"),
    "tie_policy": (("cutoffs", "tie_policy"), "str"),
    "tie_break": (("cutoffs", "tie_break"), "list"),
    "round_places": (("rounding", "total", "places"), "int"),
    "round_mode": (("rounding", "total", "mode"), "str"),
}
# scheme error path (prefix) → form field, to show the engine's message at the right input
PATH_TO_FIELD = {".".join(str(p) for p in path): name for name, (path, _kind) in SCHEME_FIELDS.items()}
PATH_TO_FIELD.update(
    {
        "weights": "w_base",
        "evaluation.groups[0].points": "ev_points_a",
        "evaluation.groups[1].points": "ev_points_b",
        "exam.items[0].max": "exam_max_0",
        "exam.items[1].max": "exam_max_1",
        "interview.parts[0].max": "iv_max_0",
        "interview.parts[1].max": "iv_max_1",
        "cutoffs.tie_break": "tie_break",
        "rounding.total": "round_places",
    }
)


def _get(data: Any, path: tuple) -> Any:
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _set(data: Any, path: tuple, value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


class SchemeForm(StyledForm):
    """The key numbers of a 竞争上岗 scheme; other settings stay as they are in the JSON."""

    w_base = forms.DecimalField(label=_("基础分权重（%）"), min_value=0, max_value=100)
    w_evaluation = forms.DecimalField(label=_("民主测评权重（%）"), min_value=0, max_value=100)
    w_exam = forms.DecimalField(label=_("笔试权重（%）"), min_value=0, max_value=100)
    w_interview = forms.DecimalField(label=_("面试权重（%）"), min_value=0, max_value=100)
    ev_points_a = forms.DecimalField(label=_("A表（领导班子成员、局级干部）满分"), min_value=0)
    ev_points_b = forms.DecimalField(label=_("B表（其他人员）满分"), min_value=0)
    participation_threshold = forms.DecimalField(
        label=_("参加测评人数最低比例（%）"), min_value=0, max_value=100
    )
    pass_mark = forms.DecimalField(label=_("进入笔试的民主测评分数线"), min_value=0)
    exam_max_0 = forms.DecimalField(label=_("笔试第一部分满分"), min_value=0)
    exam_max_1 = forms.DecimalField(label=_("笔试第二部分满分"), min_value=0)
    iv_max_0 = forms.DecimalField(label=_("面试第一部分满分"), min_value=0)
    iv_max_1 = forms.DecimalField(label=_("面试第二部分满分"), min_value=0)
    trim_k = forms.IntegerField(label=_("面试去掉最高分、最低分各几个"), min_value=0)
    min_registrants = forms.IntegerField(label=_("职位开考最低报名人数"), min_value=1)
    max_changes = forms.IntegerField(label=_("每人最多调整报名职位次数"), min_value=0)
    interview_top_n = forms.IntegerField(label=_("每个职位进入面试人数"), min_value=1)
    inspection_top_n = forms.IntegerField(label=_("每个职位考察人选数"), min_value=1)
    tie_policy = forms.ChoiceField(label=_("名次并列时"), choices=TIE_POLICIES)
    tie_break = forms.CharField(
        label=_("并列时依次比较"),
        required=False,
        help_text=_("按顺序填写成绩项，用顿号分隔，如“笔试、面试”；可选：基础分、民主测评、笔试、面试。"),
    )
    round_places = forms.IntegerField(label=_("各项成绩保留小数位数"), min_value=0, max_value=4)
    round_mode = forms.ChoiceField(label=_("各项成绩取舍方式"), choices=ROUNDING_MODES)

    def __init__(self, *args, scheme: dict, **kwargs):
        self.scheme = scheme
        initial = {}
        for name, (path, kind) in SCHEME_FIELDS.items():
            value = _get(scheme, path)
            if kind == "percent" and value is not None:
                value = (Decimal(str(value)) * 100).normalize()
            elif kind == "list" and isinstance(value, list):
                labels = dict(STAGE_CHOICES)
                value = "、".join(str(labels.get(v, v)) for v in value)
            initial[name] = value
        super().__init__(*args, initial=initial, **kwargs)
        for name, label_path in (
            ("exam_max_0", ("exam", "items", 0, "label")),
            ("exam_max_1", ("exam", "items", 1, "label")),
            ("iv_max_0", ("interview", "parts", 0, "label")),
            ("iv_max_1", ("interview", "parts", 1, "label")),
        ):
            label = _get(scheme, label_path)
            if label:
                self.fields[name].label = _("%(l)s满分") % {"l": label}
            elif name.endswith("_1"):
                self.fields[name].required = False

    def clean_tie_break(self) -> list[str]:
        by_name = {str(label): key for key, label in STAGE_CHOICES} | {key: key for key, _l in STAGE_CHOICES}
        chain = []
        for token in re.split(r"[,，、\s]+", self.cleaned_data.get("tie_break") or ""):
            if not token:
                continue
            if token not in by_name:
                raise forms.ValidationError(_("无法识别的成绩项：%(t)s。") % {"t": token})
            chain.append(by_name[token])
        return chain

    def merged(self) -> dict:
        """A copy of the scheme with the form's numbers written in."""
        data = copy.deepcopy(self.scheme)
        for name, (path, kind) in SCHEME_FIELDS.items():
            value = self.cleaned_data.get(name)
            if value is None or _get(data, path[:-1]) is None:
                continue
            if kind == "percent":
                value = str((value / 100).normalize())
            elif kind == "dec":
                value = str(value.normalize())
            if path[0] == "rounding":  # one rounding for every stage score, part and total (RP-02)
                for level in ("stage", "part", "total"):
                    if isinstance(data["rounding"].get(level), dict):
                        data["rounding"][level][path[-1]] = value
                continue
            _set(data, path, value)
        return data


class SchemeJsonForm(StyledForm):
    scheme_json = forms.CharField(
        label=_("计分方案（JSON）"),
        widget=forms.Textarea(attrs={"rows": 24, "class": "font-monospace small"}),
    )

    def clean_scheme_json(self) -> dict:
        try:
            data = json.loads(self.cleaned_data["scheme_json"])
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("JSON 格式错误：第 %(line)s 行第 %(col)s 列。") % {"line": exc.lineno, "col": exc.colno}
            ) from None
        if not isinstance(data, dict):
            raise forms.ValidationError(_("计分方案必须是 JSON 对象。"))
        return data


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
