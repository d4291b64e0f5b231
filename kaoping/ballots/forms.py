"""Forms of the organiser's and teller's pages (the voter's page reads its POST directly)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from kaoping.ballots.models import EvaluationRound, VoterGroup
from kaoping.ballots.presets import preset_choices


class RoundForm(forms.Form):
    title = forms.CharField(label=_("测评名称"), max_length=200)
    purpose = forms.CharField(label=_("用途"), max_length=200, required=False)
    preset_key = forms.ChoiceField(label=_("测评票模板"), choices=())
    is_test = forms.BooleanField(label=_("测试轮次（正式测评前演练，可清空）"), required=False)
    participation_percent = forms.DecimalField(
        label=_("参加率要求（%）"), min_value=0, max_value=100, decimal_places=2, initial=Decimal("80")
    )
    min_group_size = forms.IntegerField(label=_("分组明细最少票数"), min_value=1, initial=5)
    allow_abstain = forms.BooleanField(label=_("允许对个别对象弃权"), required=False)
    paper_double_entry = forms.BooleanField(label=_("纸质票双人录入核对"), required=False)
    external_ref = forms.CharField(label=_("外部引用"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preset_key"].choices = preset_choices()

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["participation_threshold"] = data.pop("participation_percent") / 100
        return data


class RoundEditForm(forms.Form):
    title = forms.CharField(label=_("测评名称"), max_length=200)
    purpose = forms.CharField(label=_("用途"), max_length=200, required=False)
    participation_percent = forms.DecimalField(
        label=_("参加率要求（%）"), min_value=0, max_value=100, decimal_places=2
    )
    min_group_size = forms.IntegerField(label=_("分组明细最少票数"), min_value=1)
    allow_abstain = forms.BooleanField(label=_("允许对个别对象弃权"), required=False)
    paper_double_entry = forms.BooleanField(label=_("纸质票双人录入核对"), required=False)

    @classmethod
    def for_round(cls, rnd: EvaluationRound, data=None) -> RoundEditForm:
        initial = {
            "title": rnd.title,
            "purpose": rnd.purpose,
            "participation_percent": rnd.participation_threshold * 100,
            "min_group_size": rnd.min_group_size,
            "allow_abstain": rnd.allow_abstain,
            "paper_double_entry": rnd.paper_double_entry,
        }
        form = cls(data, initial=initial)
        if not rnd.is_draft:
            for name in ("participation_percent", "min_group_size", "allow_abstain", "paper_double_entry"):
                form.fields[name].disabled = True
        return form

    def service_kwargs(self, rnd: EvaluationRound) -> dict:
        data = {"title": self.cleaned_data["title"], "purpose": self.cleaned_data["purpose"]}
        if rnd.is_draft:
            data["participation_threshold"] = self.cleaned_data["participation_percent"] / 100
            for name in ("min_group_size", "allow_abstain", "paper_double_entry"):
                data[name] = self.cleaned_data[name]
        return data


class SubjectForm(forms.Form):
    label = forms.CharField(label=_("测评对象"), max_length=200)
    external_ref = forms.CharField(label=_("外部引用"), max_length=100, required=False)


class GroupForm(forms.Form):
    points = forms.DecimalField(label=_("分值"), min_value=Decimal("0.01"), decimal_places=2, required=False)
    eligible = forms.IntegerField(label=_("应参加人数"), min_value=0, required=False)
    paper_issued = forms.IntegerField(label=_("发出纸质票数"), min_value=0, required=False)


class CredentialsForm(forms.Form):
    fmt = forms.ChoiceField(
        label=_("格式"), choices=[("pdf", _("PDF（A4 裁切卡片）")), ("docx", _("Word 文档"))], initial="pdf"
    )

    def __init__(self, *args, groups: list[VoterGroup], **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = groups
        for g in groups:
            self.fields[f"n_{g.key}"] = forms.IntegerField(
                label=_("%(g)s 凭证数") % {"g": g.label},
                min_value=0,
                max_value=5000,
                initial=0,
                required=False,
            )

    def counts(self) -> dict[str, int]:
        return {g.key: self.cleaned_data.get(f"n_{g.key}") or 0 for g in self.groups}
