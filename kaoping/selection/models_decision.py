"""Inspection (考察, R000-23), decision (研究决定, R000-24/25) and the pre-appointment notice (任前公示, RP-08)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kaoping.common.models import TimeStampedModel


class InspectionTeam(TimeStampedModel):
    campaign = models.ForeignKey("selection.Campaign", on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("考察组名称"), max_length=100)

    class Meta:
        verbose_name = _("考察组")
        verbose_name_plural = _("考察组")
        ordering = ["campaign", "name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "name"], name="selection_team_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class InspectionTeamMember(models.Model):
    team = models.ForeignKey(InspectionTeam, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "org.Person", verbose_name=_("成员"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登录账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspection_memberships",
    )
    is_leader = models.BooleanField(_("组长"), default=False)

    class Meta:
        verbose_name = _("考察组成员")
        verbose_name_plural = _("考察组成员")
        ordering = ["team", "-is_leader", "id"]
        constraints = [
            models.UniqueConstraint(fields=["team", "person"], name="selection_team_member_unique"),
            models.UniqueConstraint(
                fields=["team"], condition=Q(is_leader=True), name="selection_team_one_leader"
            ),
        ]

    def __str__(self) -> str:
        return str(self.person)


class InspectionTalk(TimeStampedModel):
    """An individual talk (个别谈话) held while inspecting a candidate."""

    team = models.ForeignKey(InspectionTeam, on_delete=models.CASCADE, related_name="talks")
    registration = models.ForeignKey("selection.Registration", on_delete=models.CASCADE, related_name="talks")
    interviewee = models.CharField(_("谈话对象"), max_length=100)
    interviewee_post = models.CharField(_("谈话对象职务"), max_length=100, blank=True)
    talk_date = models.DateField(_("谈话日期"))
    summary = models.TextField(_("谈话要点"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("谈话记录")
        verbose_name_plural = _("谈话记录")
        ordering = ["registration", "talk_date", "id"]


class InspectionReport(TimeStampedModel):
    """The inspection material on 德、能、勤、绩、廉; it must state shortcomings (R000-23)."""

    class Recommendation(models.TextChoices):
        RECOMMEND = "recommend", _("建议任用")
        NOT_RECOMMEND = "not_recommend", _("不建议任用")

    registration = models.OneToOneField(
        "selection.Registration", on_delete=models.CASCADE, related_name="inspection_report"
    )
    team = models.ForeignKey(InspectionTeam, on_delete=models.PROTECT, related_name="reports")
    morality = models.TextField(_("德"))
    ability = models.TextField(_("能"))
    diligence = models.TextField(_("勤"))
    performance = models.TextField(_("绩"))
    integrity = models.TextField(_("廉"))
    shortcomings = models.TextField(_("缺点和不足"))
    recommendation = models.CharField(_("考察组建议"), max_length=20, choices=Recommendation.choices)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("考察材料")
        verbose_name_plural = _("考察材料")
        constraints = [
            models.CheckConstraint(condition=~Q(shortcomings=""), name="selection_report_has_shortcomings")
        ]


class Proposal(TimeStampedModel):
    """The organisation department's proposal for one position, the comments of 机关党委 and 机关纪委, and
    the leadership's decision (R000-24). ``registration`` empty = propose to leave the post vacant (R000-25)."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("待研究")
        APPOINT = "appoint", _("决定任职")
        VACANT = "vacant", _("暂时空缺")

    position = models.OneToOneField(
        "selection.OfferedPosition", on_delete=models.CASCADE, related_name="proposal"
    )
    registration = models.ForeignKey(
        "selection.Registration",
        verbose_name=_("建议人选"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    rationale = models.TextField(_("建议理由"), blank=True)
    party_committee_comment = models.TextField(_("机关党委意见"), blank=True)
    discipline_committee_comment = models.TextField(_("机关纪委意见"), blank=True)
    decision = models.CharField(
        _("研究决定"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    meeting = models.CharField(_("会议"), max_length=200, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("任职建议与决定")
        verbose_name_plural = _("任职建议与决定")
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision="appoint") | Q(registration__isnull=False),
                name="selection_appoint_needs_person",
            )
        ]


class PublicNotice(TimeStampedModel):
    """任前公示 of the appointees: at least the campaign's working days (weekends and holidays skipped)."""

    campaign = models.OneToOneField("selection.Campaign", on_delete=models.CASCADE, related_name="notice")
    start = models.DateField(_("公示开始日期"))
    end = models.DateField(_("公示结束日期"))
    text = models.TextField(_("公示内容"), blank=True)
    contact = models.CharField(_("受理联系方式"), max_length=200, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("任前公示")
        verbose_name_plural = _("任前公示")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="selection_notice_span")
        ]


class NoticeObjection(TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("待核查")
        UPHELD = "upheld", _("反映属实")
        DISMISSED = "dismissed", _("反映不实")

    notice = models.ForeignKey(PublicNotice, on_delete=models.CASCADE, related_name="objections")
    registration = models.ForeignKey(
        "selection.Registration", on_delete=models.CASCADE, related_name="objections"
    )
    received_on = models.DateField(_("收到日期"))
    content = models.TextField(_("反映内容"))
    status = models.CharField(_("核查结果"), max_length=10, choices=Status.choices, default=Status.OPEN)
    resolution = models.TextField(_("核查情况"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(_("核查时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("公示反映问题")
        verbose_name_plural = _("公示反映问题")
        ordering = ["received_on", "id"]
