"""Forms of the 考察 / 研究决定 / 任前公示 tabs: widgets and field checks only; every write goes through
services_inspection / services_decision / services_notice, which validate the models again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kaoping.accounts.models import User
from kaoping.accounts.roles import Role
from kaoping.org.forms import BootstrapMixin, DateInput
from kaoping.org.models import Person
from kaoping.selection.models import InspectionReport, NoticeObjection, Proposal, Registration


class _Styled(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        rank = obj.rank.name if obj.rank_id else _("无职级")
        return f"{obj.name}（{obj.unit.name}，{rank}）"


class RegistrationField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.person.name}（{obj.person.unit.name}）"


class TeamForm(_Styled):
    name = forms.CharField(label=_("考察组名称"), max_length=100)


class MemberForm(_Styled):
    person = PersonField(
        label=_("成员"), queryset=Person.objects.filter(is_active=True).select_related("unit", "rank")
    )
    user = forms.ModelChoiceField(
        label=_("登录账号"),
        required=False,
        queryset=User.objects.filter(is_active=True, roles__role=Role.INSPECTOR, roles__is_active=True)
        .distinct()
        .order_by("username"),
        help_text=_("具有“考察组成员”角色的账号；关联后，该成员可登录查看并填写本组的考察记录。"),
    )
    is_leader = forms.BooleanField(label=_("组长"), required=False)


class AssignForm(_Styled):
    team = forms.ModelChoiceField(label=_("考察组"), queryset=None, required=False, empty_label=_("不指定"))

    def __init__(self, *args, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams


class TalkForm(_Styled):
    registration = RegistrationField(label=_("考察对象"), queryset=None)
    interviewee = forms.CharField(label=_("谈话对象"), max_length=100)
    interviewee_post = forms.CharField(label=_("谈话对象职务"), max_length=100, required=False)
    talk_date = forms.DateField(label=_("谈话日期"), widget=DateInput())
    summary = forms.CharField(label=_("谈话要点"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, registrations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = (
            registrations if registrations is not None else Registration.objects.none()
        )


class ReportForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = InspectionReport
        fields = (
            "morality",
            "ability",
            "diligence",
            "performance",
            "integrity",
            "shortcomings",
            "recommendation",
        )
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("morality", "ability", "diligence", "performance", "integrity", "shortcomings")
        }
        error_messages = {"shortcomings": {"required": _("考察材料必须写明该同志的缺点和不足（R000-23）。")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()

    def clean_shortcomings(self) -> str:
        value = (self.cleaned_data.get("shortcomings") or "").strip()
        if not value:
            raise forms.ValidationError(_("考察材料必须写明该同志的缺点和不足（R000-23）。"))
        return value

    def _post_clean(self) -> None:
        pass  # the service validates the model


class ProposalForm(_Styled):
    registration = RegistrationField(
        label=_("建议人选"), queryset=None, required=False, empty_label=_("建议暂时空缺")
    )
    rationale = forms.CharField(label=_("建议理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, registrations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = registrations


class CommentForm(_Styled):
    party_committee_comment = forms.CharField(
        label=_("机关党委意见"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    discipline_committee_comment = forms.CharField(
        label=_("机关纪委意见"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecideForm(_Styled):
    decision = forms.ChoiceField(
        label=_("研究决定"),
        choices=[(Proposal.Decision.APPOINT, _("决定任职")), (Proposal.Decision.VACANT, _("暂时空缺"))],
    )
    meeting = forms.CharField(label=_("会议"), max_length=200)


class NoticeForm(_Styled):
    start = forms.DateField(label=_("公示开始日期"), widget=DateInput())
    end = forms.DateField(
        label=_("公示结束日期"),
        widget=DateInput(),
        required=False,
        help_text=_("留空则按工作日自动计算，不得早于计算出的最早结束日期。"),
    )
    contact = forms.CharField(label=_("受理联系方式"), max_length=200, required=False)
    text = forms.CharField(label=_("公示内容"), widget=forms.Textarea(attrs={"rows": 6}))


class ObjectionForm(_Styled):
    registration = RegistrationField(label=_("被反映人"), queryset=None)
    received_on = forms.DateField(label=_("收到日期"), widget=DateInput())
    content = forms.CharField(label=_("反映内容"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, registrations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = registrations


class ResolveForm(_Styled):
    status = forms.ChoiceField(
        label=_("核查结果"),
        choices=[
            (NoticeObjection.Status.DISMISSED, _("反映不实")),
            (NoticeObjection.Status.UPHELD, _("反映属实")),
        ],
    )
    resolution = forms.CharField(label=_("核查情况"), widget=forms.Textarea(attrs={"rows": 2}))
