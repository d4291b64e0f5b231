"""竞争上岗 campaigns (seed 000): the campaign and its scheme, offered positions, registrations and the
eligibility review. Stage inputs and results live in models_stages.py; inspection, decision and the
public notice in models_decision.py.

The scheme (weights, points, thresholds, quotas, tie-breaks, rounding, eligibility rules, base-score
points) is data: a JSON copy of a preset, validated into ``kaoping.scoring.selection.SelectionScheme``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kaoping.common.models import TimeStampedModel


class Campaign(TimeStampedModel):
    class Stage(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")
        REGISTRATION = "registration", _("报名")
        REVIEW = "review", _("资格审查")
        EVALUATION = "evaluation", _("民主测评")
        EXAM = "exam", _("笔试")
        INTERVIEW = "interview", _("面试")
        INSPECTION = "inspection", _("考察")
        DECISION = "decision", _("研究决定")
        NOTICE = "notice", _("任前公示")
        DONE = "done", _("已完成")

    class InputMode(models.TextChoices):
        MANUAL = "manual", _("人工录入")
        LINKED = "linked", _("关联测评/阅卷结果")

    title = models.CharField(_("名称"), max_length=200)
    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    stage = models.CharField(_("阶段"), max_length=20, choices=Stage.choices, default=Stage.DRAFT)
    scheme = models.JSONField(_("计分方案"), default=dict)
    preset_key = models.CharField(_("所用预设"), max_length=100, blank=True)
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("复制自"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    tenure_cutoff = models.DateField(_("任职年限计算截止日期"))
    registration_opens = models.DateTimeField(_("报名开始时间"), null=True, blank=True)
    registration_deadline = models.DateTimeField(_("报名截止时间"))
    counts_published_at = models.DateTimeField(_("报名情况公布时间"), null=True, blank=True)
    evaluation_mode = models.CharField(
        _("民主测评数据来源"), max_length=10, choices=InputMode.choices, default=InputMode.MANUAL
    )
    exam_mode = models.CharField(
        _("笔试成绩来源"), max_length=10, choices=InputMode.choices, default=InputMode.MANUAL
    )
    interview_mode = models.CharField(
        _("面试成绩来源"), max_length=10, choices=InputMode.choices, default=InputMode.MANUAL
    )
    notice_working_days = models.PositiveSmallIntegerField(_("任前公示工作日数"), default=5)
    inspection_team_rule = models.JSONField(_("考察组组成规则"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("竞争上岗")
        verbose_name_plural = _("竞争上岗")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def stage_index(self) -> int:
        return list(self.Stage.values).index(self.stage)

    def stage_reached(self, stage: str) -> bool:
        """True once the campaign is at ``stage`` or later."""
        return self.stage_index >= list(self.Stage.values).index(stage)


class OfferedPosition(TimeStampedModel):
    """A 竞争职位 with its 职位说明书 (R000-01)."""

    class Kind(models.TextChoices):
        AGENCY = "agency", _("参照公务员法管理的部门")
        INSTITUTION = "institution", _("直属单位")

    class Status(models.TextChoices):
        OPEN = "open", _("开考")
        NOT_OPENED = "not_opened", _("报名不足未开考")
        VACANT = "vacant", _("暂时空缺")
        FILLED = "filled", _("已任职")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="positions")
    order = models.PositiveSmallIntegerField(_("序号"), default=0)
    title = models.CharField(_("职位名称"), max_length=200)
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("所在单位"), on_delete=models.PROTECT, related_name="offered_positions"
    )
    level = models.CharField(
        _("职位层级"), max_length=20, help_text=_("如副局级、正处级，对应资格条件列表。")
    )
    kind = models.CharField(_("单位类别"), max_length=20, choices=Kind.choices, default=Kind.AGENCY)
    extra_rule_lists = models.JSONField(
        _("附加资格条件"),
        default=list,
        blank=True,
        help_text=_("计分方案中附加资格条件列表的名称，如“产业工会副主席”。"),
    )
    duties = models.JSONField(_("岗位职责"), default=list, blank=True)
    standards = models.JSONField(_("工作标准"), default=list, blank=True)
    requirements = models.TextField(_("任职条件"), blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.OPEN)
    inspection_team = models.ForeignKey(
        "selection.InspectionTeam",
        verbose_name=_("考察组"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="positions",
    )

    class Meta:
        verbose_name = _("竞争职位")
        verbose_name_plural = _("竞争职位")
        ordering = ["campaign", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "title"], name="selection_position_title_unique")
        ]

    def __str__(self) -> str:
        return self.title


class Registration(TimeStampedModel):
    """One person's registration for one position (R000-02 … R000-06, R000-13)."""

    class Status(models.TextChoices):
        UNIT_REVIEW = "unit_review", _("待单位审核")
        SUBMITTED = "submitted", _("已报送组织部")
        QUALIFIED = "qualified", _("资格审查合格")
        REJECTED = "rejected", _("资格审查不合格")
        WITHDRAWN = "withdrawn", _("已撤回")

    class Outcome(models.TextChoices):
        NONE = "", _("—")
        APPOINTED = "appointed", _("已任职")
        NOT_APPOINTED = "not_appointed", _("未任职")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        "org.Person", verbose_name=_("报名人"), on_delete=models.PROTECT, related_name="registrations"
    )
    position = models.ForeignKey(
        OfferedPosition, verbose_name=_("报名职位"), on_delete=models.PROTECT, related_name="registrations"
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.UNIT_REVIEW)
    is_active = models.BooleanField(_("有效"), default=True)
    obeys_assignment = models.BooleanField(_("是否服从组织安排"), default=True)
    health = models.CharField(_("身体状况"), max_length=50, blank=True, default="健康")
    unit_opinion = models.TextField(_("单位意见"), blank=True)
    unit_signed_by = models.CharField(_("单位负责人"), max_length=50, blank=True)
    unit_signed_at = models.DateTimeField(_("单位签署时间"), null=True, blank=True)
    changes_made = models.PositiveSmallIntegerField(_("已调整职位次数"), default=0)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("报送人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.CharField(_("任用结果"), max_length=20, choices=Outcome.choices, blank=True, default="")
    # R000-25: scores of inspected but not appointed candidates are not kept for later campaigns.
    are_scores_kept = models.BooleanField(_("成绩保留"), default=True)

    class Meta:
        verbose_name = _("报名")
        verbose_name_plural = _("报名")
        ordering = ["campaign", "position__order", "id"]
        constraints = [
            # R000-02: one active registration per person per campaign.
            models.UniqueConstraint(
                fields=["campaign", "person"],
                condition=Q(is_active=True),
                name="selection_one_active_registration",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.position}"


class RegistrationChange(models.Model):
    """A written request to change position: the one allowed change (R000-03) or a move away from a
    position that was not opened (R000-05)."""

    class Kind(models.TextChoices):
        CHANGE = "change", _("调整报名职位")
        MOVE = "move", _("未开考职位改报")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    from_position = models.ForeignKey(
        OfferedPosition, verbose_name=_("原职位"), on_delete=models.PROTECT, related_name="+"
    )
    to_position = models.ForeignKey(
        OfferedPosition, verbose_name=_("新职位"), on_delete=models.PROTECT, related_name="+"
    )
    request_note = models.CharField(_("书面申请说明"), max_length=500)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("报名职位调整")
        verbose_name_plural = _("报名职位调整")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_position} → {self.to_position}"


class EligibilityReview(TimeStampedModel):
    """The organisation department's review of one registration (R000-07 … R000-13).

    ``report`` is the engine's evaluation (every rule: passed, reason, data) as of the tenure cut-off;
    ``judgements`` holds the reviewer's yes/no + note per judgement item (R000-11); the exemption
    approval (R000-10) and the decision with its reasons are recorded here.
    """

    class Decision(models.TextChoices):
        PENDING = "pending", _("待审查")
        QUALIFIED = "qualified", _("合格")
        REJECTED = "rejected", _("不合格")

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="review")
    report = models.JSONField(_("规则检查结果"), default=list, blank=True)
    evaluated_at = models.DateTimeField(_("检查时间"), null=True, blank=True)
    judgements = models.JSONField(_("审查判断事项"), default=dict, blank=True)
    has_exemption = models.BooleanField(_("书面承诺两年内接受挂职锻炼或培训"), default=False)
    exemption_approved_by = models.CharField(_("单位领导班子研究同意情况"), max_length=200, blank=True)
    exemption_head_signed = models.BooleanField(_("主要负责人已签字认可"), default=False)
    decision = models.CharField(
        _("审查结论"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    reasons = models.TextField(_("不合格原因"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("审查时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("资格审查")
        verbose_name_plural = _("资格审查")
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision="rejected") | ~Q(reasons=""),
                name="selection_rejection_has_reasons",
            )
        ]


class AvoidanceDeclaration(TimeStampedModel):
    """A declared conflict of interest (回避, R000-12)."""

    class Kind(models.TextChoices):
        RELATIVE_IN_LINE = "relative_line", _("近亲属在竞争职位领导关系内")
        RELATIVE_EXAMINER = "relative_examiner", _("近亲属为考官或考察组成员")
        OTHER = "other", _("其他应当回避的情形")

    class Resolution(models.TextChoices):
        BLOCK = "block", _("不得报名该职位")
        REASSIGN = "reassign", _("调整考官或考察组成员")
        CLEARED = "cleared", _("经审查无需回避")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="avoidances")
    kind = models.CharField(_("回避情形"), max_length=20, choices=Kind.choices)
    related_person = models.CharField(_("相关人员"), max_length=100)
    description = models.CharField(_("说明"), max_length=500, blank=True)
    resolution = models.CharField(_("处理方式"), max_length=10, choices=Resolution.choices)

    class Meta:
        verbose_name = _("回避申报")
        verbose_name_plural = _("回避申报")
        ordering = ["id"]


from kaoping.selection.models_decision import (  # noqa: E402,F401
    InspectionReport,
    InspectionTalk,
    InspectionTeam,
    InspectionTeamMember,
    NoticeObjection,
    Proposal,
    PublicNotice,
)
from kaoping.selection.models_stages import (  # noqa: E402,F401
    EvaluationEntry,
    ExamMarkEntry,
    InterviewMarkEntry,
    StageCut,
    StageResult,
)
