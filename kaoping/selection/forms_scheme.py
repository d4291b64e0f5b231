"""The scheme form: the key numbers of a 竞争上岗 scheme dict. Its values are merged into a copy of the dict
and the whole is validated by ``SelectionScheme.from_dict`` in the service; ``PATH_TO_FIELD`` maps the
engine's SchemeError field path back to the input it concerns."""

from __future__ import annotations

import copy
import json
import re
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kaoping.selection.forms import StyledForm

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
