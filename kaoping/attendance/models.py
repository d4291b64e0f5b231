"""Attendance (平时考勤) and leave (请假), seed 003, R003-04 and R003-05.

An ``AttendanceYear`` holds one year's settings for a unit subtree: the scheme (sign windows, approvers by
duration, allowance and deductions — a copy of the ``targets.seed003`` preset's ``"attendance"`` part that
the user edits) and the calendar (holidays and make-up workdays). Sign-in rows and leave requests belong to
people; the year that covers a person is the deepest ``AttendanceYear`` whose unit is the person's unit or
one of its ancestors.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kaoping.common.models import TimeStampedModel


class Half(models.TextChoices):
    """Half-days; the values are the engine's names (kaoping.scoring.attendance.HALVES)."""

    MORNING = "上午", _("上午")
    AFTERNOON = "下午", _("下午")


class AttendanceYear(TimeStampedModel):
    """One year's attendance settings for a unit and its subtree."""

    year = models.PositiveSmallIntegerField(
        _("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("适用单位"),
        on_delete=models.PROTECT,
        related_name="attendance_years",
        help_text=_("设置适用于该单位及其下级部门的全体人员。"),
    )
    start_date = models.DateField(_("考勤起始日"))
    end_date = models.DateField(_("考勤截止日"))
    scheme = models.JSONField(
        _("考勤规则"), default=dict, blank=True, help_text=_("签到时间、请假审批权限、考勤津贴与扣款标准。")
    )
    scheme_source = models.CharField(_("规则来源"), max_length=100, blank=True)
    calendar = models.JSONField(
        _("节假日与调休"), default=dict, blank=True, help_text=_("节假日和调休上班日（日期列表）。")
    )

    class Meta:
        verbose_name = _("年度考勤设置")
        verbose_name_plural = _("年度考勤设置")
        ordering = ["-year", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "unit"],
                name="uniq_attendance_year_unit",
                violation_error_message=_("该单位本年度的考勤设置已存在。"),
            ),
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="attyear_span"),
        ]

    def __str__(self) -> str:
        return f"{self.year}年度 {self.unit}"

    def clean(self) -> None:
        errors = {}
        for name in ("start_date", "end_date"):
            value = getattr(self, name)
            if value and self.year and value.year != self.year:
                errors[name] = _("日期必须在%(year)s年内。") % {"year": self.year}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("截止日不能早于起始日。")
        if errors:
            raise ValidationError(errors)


class SignIn(TimeStampedModel):
    """One person's four sign times on one day (empty = not signed)."""

    class Source(models.TextChoices):
        DIRECT = "direct", _("直接录入")
        IMPORT = "import", _("表格导入")
        API = "api", _("接口")

    person = models.ForeignKey(
        "org.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="sign_ins"
    )
    day = models.DateField(_("日期"))
    morning_in = models.TimeField(_("上午签到"), null=True, blank=True)
    morning_out = models.TimeField(_("上午签退"), null=True, blank=True)
    afternoon_in = models.TimeField(_("下午签到"), null=True, blank=True)
    afternoon_out = models.TimeField(_("下午签退"), null=True, blank=True)
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices, default=Source.DIRECT)

    class Meta:
        verbose_name = _("签到记录")
        verbose_name_plural = _("签到记录")
        ordering = ["day", "person_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "day"],
                name="uniq_signin_person_day",
                violation_error_message=_("该人员当天已有签到记录。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.day:%Y-%m-%d}"

    def clean(self) -> None:
        errors = {}
        if self.morning_in and self.morning_out and self.morning_out < self.morning_in:
            errors["morning_out"] = _("上午签退时间不能早于签到时间。")
        if self.afternoon_in and self.afternoon_out and self.afternoon_out < self.afternoon_in:
            errors["afternoon_out"] = _("下午签退时间不能早于签到时间。")
        if errors:
            raise ValidationError(errors)


class LeaveRequest(TimeStampedModel):
    """A leave (请假) from a half-day to a half-day, routed to the approver its length requires; or an
    official absence (公务外出: meetings, official business) that the office records as notified."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已批准")
        REJECTED = "rejected", _("未批准")

    class Kind(models.TextChoices):
        LEAVE = "leave", _("请假")
        BUSINESS = "business", _("公务外出")  # 在外开会或公务，向办公室通报即可，不需领导审批
        EXEMPT = "exempt", _("不计考勤")  # 入职前、调离后、借调等不参加本单位考勤的期间，由办公室登记

    attendance_year = models.ForeignKey(
        AttendanceYear, verbose_name=_("考勤年度"), on_delete=models.PROTECT, related_name="leave_requests"
    )
    person = models.ForeignKey(
        "org.Person", verbose_name=_("请假人"), on_delete=models.PROTECT, related_name="leave_requests"
    )
    start_date = models.DateField(_("开始日期"))
    start_half = models.CharField(_("开始时段"), max_length=2, choices=Half.choices, default=Half.MORNING)
    end_date = models.DateField(_("结束日期"))
    end_half = models.CharField(_("结束时段"), max_length=2, choices=Half.choices, default=Half.AFTERNOON)
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices, default=Kind.LEAVE)
    days = models.DecimalField(_("请假天数"), max_digits=6, decimal_places=1)
    reason = models.CharField(_("请假事由"), max_length=500)
    approver_level = models.CharField(_("审批人"), max_length=30)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.CharField(_("审批意见"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("请假申请")
        verbose_name_plural = _("请假申请")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(days__gt=0), name="leave_days_positive"),
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="leave_span"),
            models.CheckConstraint(
                condition=Q(status="pending", decided_at__isnull=True)
                | (~Q(status="pending") & Q(decided_at__isnull=False)),
                name="leave_decided_when_not_pending",
            ),
        ]
        indexes = [models.Index(fields=["person", "status", "start_date"])]

    def __str__(self) -> str:
        return f"{self.person} {self.start_date:%Y-%m-%d}{self.start_half}–{self.end_date:%Y-%m-%d}{self.end_half}"

    def clean(self) -> None:
        if self.start_date and self.end_date:
            if (self.end_date, self.end_half != Half.MORNING) < (
                self.start_date,
                self.start_half != Half.MORNING,
            ):
                raise ValidationError({"end_date": _("结束时间不能早于开始时间。")})
            if self.start_date.year != self.end_date.year:
                raise ValidationError({"end_date": _("请假不能跨年度，请按年度分开申请。")})

    def half_days(self) -> list[tuple[dt.date, str]]:
        """Every (day, half) from the start half to the end half, calendar days included."""
        out = []
        day = self.start_date
        while day <= self.end_date:
            for half in (Half.MORNING, Half.AFTERNOON):
                if day == self.start_date and half == Half.MORNING and self.start_half == Half.AFTERNOON:
                    continue
                if day == self.end_date and half == Half.AFTERNOON and self.end_half == Half.MORNING:
                    continue
                out.append((day, str(half)))
            day += dt.timedelta(days=1)
        return out


class ApproverSetting(TimeStampedModel):
    """Who approves leaves at one approver level (e.g. 分管领导) in one attendance year; a 分管领导 is
    limited to the units they supervise (no units = every unit of the year)."""

    attendance_year = models.ForeignKey(
        AttendanceYear, verbose_name=_("考勤年度"), on_delete=models.CASCADE, related_name="approvers"
    )
    level = models.CharField(_("审批级别"), max_length=30)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("审批人"), on_delete=models.CASCADE, related_name="+"
    )
    units = models.ManyToManyField(
        "org.Unit",
        verbose_name=_("分管部门"),
        blank=True,
        related_name="+",
        help_text=_("只审批这些部门（含下级）人员的请假；留空表示本年度设置范围内的全部人员。"),
    )

    class Meta:
        verbose_name = _("请假审批人")
        verbose_name_plural = _("请假审批人")
        ordering = ["attendance_year", "level", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["attendance_year", "level", "user"],
                name="uniq_approver_level_user",
                violation_error_message=_("该审批人已在此级别中。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.user}"
