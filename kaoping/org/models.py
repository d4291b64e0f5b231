"""The cadre registry: unit tree, rank catalogue, people and their history.

Shaped for what reads it: eligibility (R000-07 … R000-11: rank and its start date, annual results by
year, secondments, trainings), grading (R002-06: sanctions and investigations) and establishment (R004:
graded ranks).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kaoping.common.models import TimeStampedModel
from kaoping.org import choices as c
from kaoping.org.idcard import validate_id_number


def _placeholder_path() -> str:
    """A unique stand-in until the services set the real path (which needs the primary key)."""
    return f"~{uuid.uuid4().hex}"


class Unit(TimeStampedModel):
    """A node of the unit tree (单位 / 部门 / 科室). Never hard-deleted once history refers to it.

    ``path`` is a materialised path ("/3/17/") kept by the services, so a subtree is one
    ``path__startswith`` filter.
    """

    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    code = models.CharField(_("代码"), max_length=30, unique=True)
    kind = models.CharField(
        _("层级类型"), max_length=20, choices=c.UnitKind.choices, default=c.UnitKind.DEPARTMENT
    )
    category = models.CharField(
        _("管理类别"), max_length=30, choices=c.UnitCategory.choices, default=c.UnitCategory.AGENCY
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Unique, so ordering people by their unit's path walks this index and each unit's (unit, name) index
    # instead of sorting the whole table (the person list's default order).
    path = models.CharField(max_length=255, unique=True, editable=False, default=_placeholder_path)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    order = models.IntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("在用"), default=True)

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name


class Rank(TimeStampedModel):
    """A post or rank of the catalogue (职务/职级): 副巡视员, 处长, 调研员, 职员6级, 专技5级 …"""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    code = models.CharField(_("代码"), max_length=30, unique=True)
    level = models.CharField(_("职务层次"), max_length=20, choices=c.RankLevel.choices)
    category = models.CharField(_("类别"), max_length=20, choices=c.RankCategory.choices)
    grade = models.PositiveSmallIntegerField(
        _("岗位等级"), null=True, blank=True, help_text=_("事业单位岗位等级（1–13 级），其他职务留空。")
    )
    order = models.IntegerField(_("排序"), default=0, help_text=_("数值越小级别越高。"))
    is_active = models.BooleanField(_("在用"), default=True)

    class Meta:
        verbose_name = _("职务职级")
        verbose_name_plural = _("职务职级")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Person(TimeStampedModel):
    """A cadre record (干部信息)."""

    name = models.CharField(_("姓名"), max_length=50, db_index=True)
    gender = models.CharField(_("性别"), max_length=1, choices=c.Gender.choices)
    birth_date = models.DateField(_("出生日期"))
    ethnicity = models.CharField(_("民族"), max_length=20, default="汉族")
    native_place = models.CharField(_("籍贯"), max_length=50, blank=True)
    id_number = models.CharField(
        _("身份证号"), max_length=18, blank=True, default="", validators=[validate_id_number], db_index=True
    )
    political_status = models.CharField(
        _("政治面貌"), max_length=20, choices=c.PoliticalStatus.choices, default=c.PoliticalStatus.CPC
    )
    education = models.CharField(_("全日制学历"), max_length=20, choices=c.Education.choices, blank=True)
    degree = models.CharField(_("全日制学位"), max_length=20, choices=c.Degree.choices, blank=True)
    education_parttime = models.CharField(
        _("在职学历"), max_length=20, choices=c.Education.choices, blank=True
    )
    degree_parttime = models.CharField(_("在职学位"), max_length=20, choices=c.Degree.choices, blank=True)
    work_start_date = models.DateField(_("参加工作时间"), null=True, blank=True)
    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="people")
    current_post = models.CharField(_("现任职务"), max_length=100, blank=True)
    rank = models.ForeignKey(
        Rank, verbose_name=_("职级"), null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    rank_start_date = models.DateField(_("任职级时间"), null=True, blank=True)
    post_start_date = models.DateField(_("任现职时间"), null=True, blank=True)
    category = models.CharField(_("人员类别"), max_length=30, choices=c.PersonCategory.choices)
    health = models.CharField(_("健康状况"), max_length=10, choices=c.HealthStatus.choices, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    has_grassroots_experience = models.BooleanField(
        _("具有基层工作经历"),
        default=True,
        help_text=_("是否达到选拔任用规定的基层工作经历要求（R000-10）。"),
    )
    meets_training_requirement = models.BooleanField(
        _("达到培训要求"), default=True, help_text=_("是否达到干部教育培训要求（R000-10）。")
    )
    photo = models.ImageField(_("照片"), upload_to="photos/%Y/", blank=True)
    is_active = models.BooleanField(_("在职"), default=True)
    notes = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("干部")
        verbose_name_plural = _("干部")
        ordering = ["unit__path", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number"],
                condition=~Q(id_number=""),
                name="uniq_person_id_number_when_given",
                violation_error_message=_("该身份证号已登记在其他人员名下。"),
            ),
        ]
        indexes = [
            models.Index(fields=["name", "birth_date"]),
            models.Index(fields=["unit", "name"]),
            models.Index(fields=["is_active", "unit"], name="org_person_active_unit_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.rank_start_date and self.birth_date and self.rank_start_date <= self.birth_date:
            errors["rank_start_date"] = _("任职级时间必须晚于出生日期。")
        if self.work_start_date and self.birth_date and self.work_start_date <= self.birth_date:
            errors["work_start_date"] = _("参加工作时间必须晚于出生日期。")
        if self.rank_id and not self.rank_start_date:
            errors["rank_start_date"] = _("填写了职级时，请同时填写任职级时间。")
        if errors:
            raise ValidationError(errors)

    @property
    def masked_id_number(self) -> str:
        """身份证号 for lists: first 6 and last 4 digits only."""
        if not self.id_number:
            return ""
        return f"{self.id_number[:6]}********{self.id_number[-4:]}"


class PersonRecord(TimeStampedModel):
    """Base of the history tables attached to a person."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="%(class)ss")

    class Meta:
        abstract = True


def _check_span(start, end) -> None:
    if start and end and end < start:
        raise ValidationError({"end_date": _("结束日期不能早于开始日期。")})


class RankHistory(PersonRecord):
    """A past or current post/rank (任职经历), the basis of 'years in rank'."""

    rank = models.ForeignKey(Rank, verbose_name=_("职级"), on_delete=models.PROTECT, related_name="+")
    post_title = models.CharField(_("职务"), max_length=100, blank=True)
    unit_name = models.CharField(_("任职单位"), max_length=100, blank=True)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("任职经历")
        verbose_name_plural = _("任职经历")
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"{self.person} {self.rank} {self.start_date}"

    def clean(self) -> None:
        _check_span(self.start_date, self.end_date)


class AnnualResult(PersonRecord):
    """The annual assessment result of one year (年度考核结果)."""

    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(1950)])
    grade = models.CharField(_("考核等次"), max_length=20, choices=c.AnnualGrade.choices)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("年度考核结果")
        verbose_name_plural = _("年度考核结果")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year"],
                name="uniq_annual_result_per_year",
                violation_error_message=_("该人员该年度的考核结果已存在。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.year} {self.get_grade_display()}"


class Secondment(PersonRecord):
    """援疆 / 援藏 / 挂职 / 扶贫 / 支教 / 下基层 (R000-14 挂职分)."""

    kind = models.CharField(_("类型"), max_length=20, choices=c.SecondmentKind.choices)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    place = models.CharField(_("地点/单位"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("挂职经历")
        verbose_name_plural = _("挂职经历")
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"{self.person} {self.get_kind_display()} {self.start_date}"

    def clean(self) -> None:
        _check_span(self.start_date, self.end_date)


class Training(PersonRecord):
    name = models.CharField(_("培训名称"), max_length=200)
    organizer = models.CharField(_("主办单位"), max_length=100, blank=True)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    hours = models.PositiveIntegerField(_("学时"), null=True, blank=True)

    class Meta:
        verbose_name = _("培训经历")
        verbose_name_plural = _("培训经历")
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"{self.person} {self.name}"

    def clean(self) -> None:
        _check_span(self.start_date, self.end_date)


class Sanction(PersonRecord):
    """A sanction or an open investigation (处分 / 立案审查调查), with its period of effect."""

    kind = models.CharField(_("类型"), max_length=30, choices=c.SanctionKind.choices)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"), null=True, blank=True, help_text=_("影响期或调查结束日期。"))
    authority = models.CharField(_("决定机关"), max_length=100, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("处分与审查")
        verbose_name_plural = _("处分与审查")
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"{self.person} {self.get_kind_display()} {self.start_date}"

    def clean(self) -> None:
        _check_span(self.start_date, self.end_date)


class ResumeLine(PersonRecord):
    """One line of the 简历 (start – end, what)."""

    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    text = models.CharField(_("经历"), max_length=300)

    class Meta:
        verbose_name = _("简历")
        verbose_name_plural = _("简历")
        ordering = ["start_date"]

    def __str__(self) -> str:
        return f"{self.person} {self.start_date} {self.text}"

    def clean(self) -> None:
        _check_span(self.start_date, self.end_date)


HISTORY_MODELS = {
    "rank": RankHistory,
    "result": AnnualResult,
    "secondment": Secondment,
    "training": Training,
    "sanction": Sanction,
    "resume": ResumeLine,
}


class ImportJob(TimeStampedModel):
    """A roster import run in the background (large files): progress for the polling page, then the
    result (counts, or every problem found). The uploaded file is deleted once the job has finished."""

    class Status(models.TextChoices):
        PENDING = "pending", _("排队中")
        RUNNING = "running", _("处理中")
        SAVED = "saved", _("已导入")
        REJECTED = "rejected", _("有错误，未导入")
        FAILED = "failed", _("处理失败")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导入人"), on_delete=models.CASCADE, related_name="+"
    )
    file = models.FileField(_("文件"), upload_to="imports/%Y/%m/", blank=True)
    file_name = models.CharField(_("文件名"), max_length=200)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField(_("总行数"), default=0)
    done = models.PositiveIntegerField(_("已处理行数"), default=0)
    result = models.JSONField(_("结果"), default=dict, blank=True)
    message = models.CharField(_("说明"), max_length=500, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name}（{self.get_status_display()}）"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.SAVED, self.Status.REJECTED, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.is_finished:
            return 100
        return min(99, int(self.done * 100 / self.total)) if self.total else 0
