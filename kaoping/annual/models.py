"""Annual comprehensive assessment (年度综合考核, seed 002): the round with its editable schemes, team types
(data), teams, cadres, the sub-item catalogue (分项考核) and the scores the responsible departments enter.

Grading, democratic counts, flags, proposals and the notice live in ``models_grading``; probation, training,
reserves and institution staff appraisal in ``models_related``. All are imported here for Django.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kaoping.common.models import TimeStampedModel
from kaoping.org.models import Person, Unit

ZERO = Decimal("0")


class AnnualRound(TimeStampedModel):
    """One year's assessment of leadership teams and cadres. The schemes are copies of the presets the
    organiser may edit until grading starts."""

    class Stage(models.TextChoices):
        SETUP = "setup", _("准备")
        SCORING = "scoring", _("分项考核与民主测评")
        GRADING = "grading", _("研究定等")
        NOTICE = "notice", _("优秀等次公示")
        CONFIRMED = "confirmed", _("已确定等次")

    class GradeSet(models.TextChoices):
        CIVIL_SERVANT = "civil_servant", _("公务员（优秀/称职/基本称职/不称职）")
        INSTITUTION = "institution", _("事业单位（优秀/合格/基本合格/不合格）")

    year = models.PositiveSmallIntegerField(
        _("考核年度"), validators=[MinValueValidator(1950), MaxValueValidator(2200)]
    )
    title = models.CharField(_("名称"), max_length=200)
    unit = models.ForeignKey(Unit, verbose_name=_("组织单位"), on_delete=models.PROTECT, related_name="+")
    grade_set = models.CharField(
        _("等次序列"), max_length=20, choices=GradeSet.choices, default=GradeSet.CIVIL_SERVANT
    )
    stage = models.CharField(_("阶段"), max_length=20, choices=Stage.choices, default=Stage.SETUP)
    team_grading = models.JSONField(_("班子定等规则"), default=dict)
    cadre_grading = models.JSONField(_("干部定等规则"), default=dict)
    team_votes = models.JSONField(_("班子民主测评计分"), default=dict)
    head_votes = models.JSONField(_("正职民主测评计分"), default=dict)
    deputy_votes = models.JSONField(_("副职民主测评计分"), default=dict)
    team_total = models.JSONField(_("班子总分计算"), default=dict)
    head_total = models.JSONField(_("正职得分计算"), default=dict)
    deputy_total = models.JSONField(_("副职得分计算"), default=dict)
    streaks = models.JSONField(_("连续年度提示规则"), default=dict)
    cadre_management = models.JSONField(_("试用期与后备干部规则"), default=dict)
    quota_variants = models.JSONField(
        _("优秀比例调整"),
        default=dict,
        blank=True,
        help_text=_("按名额范围（单位）选择比例档次，如受表彰单位 commended。"),
    )
    notice_working_days = models.PositiveSmallIntegerField(
        _("公示工作日"), default=5, validators=[MinValueValidator(5)]
    )
    holidays = models.JSONField(_("节假日与调休"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("确定时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("年度考核")
        verbose_name_plural = _("年度考核")
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["year"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.stage in (self.Stage.SETUP, self.Stage.SCORING)


class TeamType(TimeStampedModel):
    """A type of leadership team (团场 / 直属企事业单位 / 机关部门): data, one comparison group each.
    ``kind`` tells the grading rules how the type counts (团场 teams need no top-30 % place)."""

    class Kind(models.TextChoices):
        FARM = "farm", _("团场")
        AFFILIATED = "affiliated", _("直属企事业单位")
        AGENCY = "agency", _("机关部门")

    round = models.ForeignKey(AnnualRound, on_delete=models.CASCADE, related_name="team_types")
    name = models.CharField(_("类型名称"), max_length=50)
    kind = models.CharField(_("定等口径"), max_length=20, choices=Kind.choices)
    order = models.IntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("班子类型")
        verbose_name_plural = _("班子类型")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "name"],
                name="uniq_annual_team_type_name",
                violation_error_message=_("本轮已有同名的班子类型。"),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Team(TimeStampedModel):
    """A leadership team assessed in the round (one per unit per round)."""

    round = models.ForeignKey(AnnualRound, on_delete=models.CASCADE, related_name="teams")
    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    team_type = models.ForeignKey(
        TeamType, verbose_name=_("班子类型"), on_delete=models.PROTECT, related_name="teams"
    )
    name = models.CharField(_("班子名称"), max_length=100)

    class Meta:
        verbose_name = _("领导班子")
        verbose_name_plural = _("领导班子")
        ordering = ["team_type__order", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "unit"],
                name="uniq_annual_team_unit",
                violation_error_message=_("该单位的领导班子已在本轮考核中。"),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.team_type_id and self.round_id and self.team_type.round_id != self.round_id:
            raise ValidationError({"team_type": _("班子类型不属于本轮考核。")})


class Cadre(TimeStampedModel):
    """A cadre assessed in the round. Heads (正职) count 30 % of the team total + 70 % of their own
    democratic score (R002-04); deputies and others the leader's evaluation (30) + democratic (70, R002-05)."""

    class Role(models.TextChoices):
        HEAD = "head", _("正职")
        DEPUTY = "deputy", _("副职")
        OTHER = "other", _("其他干部")

    round = models.ForeignKey(AnnualRound, on_delete=models.CASCADE, related_name="cadres")
    person = models.ForeignKey(Person, verbose_name=_("干部"), on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(
        Team,
        verbose_name=_("所在班子"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cadres",
    )
    team_type = models.ForeignKey(
        TeamType, verbose_name=_("单位类型"), on_delete=models.PROTECT, related_name="cadres"
    )
    role = models.CharField(_("班子职务"), max_length=20, choices=Role.choices)
    post_title = models.CharField(_("职务"), max_length=100, blank=True)
    is_party_secretary = models.BooleanField(_("党委（党组）书记"), default=False)
    party_building_grade = models.CharField(
        _("抓基层党建综合评价等次"), max_length=20, blank=True, help_text=_("书记填写，如“优秀”。")
    )
    is_aid_cadre = models.BooleanField(_("援疆干部"), default=False, help_text=_("不计入评优基数。"))
    is_responsible_member = models.BooleanField(
        _("对班子问题负有直接责任"), default=False, help_text=_("班子评为一般或差时不能评为优秀。")
    )
    supervisor_score = models.DecimalField(
        _("主管部门提供成绩"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO), MaxValueValidator(Decimal("100"))],
        help_text=_("没有班子的正职由行业主管部门提供 30% 部分的成绩（百分制）。"),
    )
    leader_score = models.DecimalField(
        _("领导评价"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO), MaxValueValidator(Decimal("30"))],
        help_text=_("副职及其他干部：书记商行政正职按 30 分打分（R002-05）。"),
    )

    class Meta:
        verbose_name = _("考核干部")
        verbose_name_plural = _("考核干部")
        ordering = ["team_type__order", "team__name", "role", "person__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "person"],
                name="uniq_annual_cadre_person",
                violation_error_message=_("该干部已在本轮考核中。"),
            )
        ]

    def __str__(self) -> str:
        return self.person.name

    def clean(self) -> None:
        errors = {}
        if self.team_id and self.round_id and self.team.round_id != self.round_id:
            errors["team"] = _("班子不属于本轮考核。")
        if self.team_type_id and self.round_id and self.team_type.round_id != self.round_id:
            errors["team_type"] = _("单位类型不属于本轮考核。")
        if self.role == self.Role.HEAD and self.leader_score is not None:
            errors["leader_score"] = _("正职不设领导评价分。")
        if self.team_id and self.supervisor_score is not None:
            errors["supervisor_score"] = _("有班子的正职按班子总分计算，不填主管部门成绩。")
        if errors:
            raise ValidationError(errors)


class SubItem(TimeStampedModel):
    """A sub-item assessment (分项考核) for teams of one type, scored by its responsible department."""

    round = models.ForeignKey(AnnualRound, on_delete=models.CASCADE, related_name="sub_items")
    team_type = models.ForeignKey(
        TeamType, verbose_name=_("班子类型"), on_delete=models.CASCADE, related_name="sub_items"
    )
    name = models.CharField(_("考核项目"), max_length=100)
    points = models.DecimalField(
        _("分值"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    responsible_unit = models.ForeignKey(
        Unit, verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="+"
    )
    order = models.IntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("分项考核项目")
        verbose_name_plural = _("分项考核项目")
        ordering = ["team_type__order", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["team_type", "name"],
                name="uniq_annual_subitem_name",
                violation_error_message=_("该班子类型已有同名的考核项目。"),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.team_type_id and self.round_id and self.team_type.round_id != self.round_id:
            raise ValidationError({"team_type": _("班子类型不属于本轮考核。")})


class SubItemScore(TimeStampedModel):
    """The score one responsible department gives one team on one sub-item (0 … the item's points)."""

    sub_item = models.ForeignKey(SubItem, on_delete=models.CASCADE, related_name="scores")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="sub_item_scores")
    score = models.DecimalField(
        _("得分"), max_digits=5, decimal_places=2, validators=[MinValueValidator(ZERO)]
    )
    note = models.CharField(_("说明"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("分项考核得分")
        verbose_name_plural = _("分项考核得分")
        constraints = [
            models.UniqueConstraint(
                fields=["sub_item", "team"],
                name="uniq_annual_subitem_score",
                violation_error_message=_("该班子此项已有得分。"),
            ),
            models.CheckConstraint(condition=Q(score__gte=0), name="annual_subitem_score_nonneg"),
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.sub_item} {self.score}"

    def clean(self) -> None:
        if self.sub_item_id and self.score is not None and self.score > self.sub_item.points:
            raise ValidationError(
                {
                    "score": _("得分不能超过该项分值 %(p)s。")
                    % {"p": format(self.sub_item.points.normalize(), "f")}
                }
            )
        if self.sub_item_id and self.team_id and self.team.team_type_id != self.sub_item.team_type_id:
            raise ValidationError({"team": _("该班子不属于此考核项目的班子类型。")})


from kaoping.annual.models_grading import (  # noqa: E402,F401
    DemocraticTally,
    Flag,
    Notice,
    NoticeObjection,
    Proposal,
)
from kaoping.annual.models_related import (  # noqa: E402,F401
    GrassrootsTraining,
    Probation,
    ReserveCandidate,
    StaffAppraisal,
)
