"""API schemas (django-ninja / pydantic) of the cadre registry. Dates are ISO 8601 (YYYY-MM-DD).

Descriptions are OpenAPI documentation for integrators; the messages users see come from the API's
error handlers and the services (gettext).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.utils.translation import gettext_lazy
from ninja import Field, Schema
from pydantic import ConfigDict

from kaoping.org.choices import Gender, PersonCategory, PoliticalStatus, UnitCategory, UnitKind

ActiveFilter = Literal["true", "false", "all"]


class _In(Schema):
    model_config = ConfigDict(extra="forbid")


# ------------------------------------------------------------------------------------------- common


class ErrorItem(Schema):
    field: str | None = Field(None, description=gettext_lazy("出错的字段名；为空表示整体错误"))
    message: str = Field(..., description=gettext_lazy("中文错误说明"))
    code: str = Field(
        ...,
        description=gettext_lazy(
            "错误代码：missing、date_from_datetime_parsing 等校验类型，invalid，或业务规则代码"
        ),
    )


class ValidationErrorOut(Schema):
    detail: list[ErrorItem]


class MessageOut(Schema):
    detail: str = Field(..., description=gettext_lazy("中文说明"))


class PageParams(Schema):
    limit: int = Field(50, ge=1, le=500, description=gettext_lazy("每页条数，默认 50，最多 500"))
    offset: int = Field(0, ge=0, description=gettext_lazy("跳过的条数（与 page 二选一）"))
    page: int | None = Field(
        None, ge=1, description=gettext_lazy("页码，从 1 开始；给出时 offset = (page-1)×limit")
    )

    def bounds(self) -> tuple[int, int]:
        offset = (self.page - 1) * self.limit if self.page else self.offset
        return offset, offset + self.limit


class Ref(Schema):
    id: int
    name: str


# -------------------------------------------------------------------------------------------- units


class UnitFilters(Schema):
    parent: int | None = Field(None, description=gettext_lazy("只列出该单位的直接下级（单位编号）"))
    active: ActiveFilter = Field(
        "true", description=gettext_lazy("true 在用（默认）；false 已停用；all 全部")
    )
    q: str = Field("", max_length=100, description=gettext_lazy("按名称、简称或代码模糊查找"))


class UnitOut(Schema):
    id: int
    name: str = Field(..., description=gettext_lazy("名称"))
    short_name: str = Field(..., description=gettext_lazy("简称"))
    code: str = Field(..., description=gettext_lazy("代码"))
    kind: str = Field(
        ..., description=gettext_lazy("层级类型：organization 单位 / department 部门 / section 科室")
    )
    category: str = Field(..., description=gettext_lazy("管理类别"))
    parent: int | None = Field(
        None, alias="parent_id", description=gettext_lazy("上级单位编号；顶级单位为空")
    )
    depth: int = Field(..., description=gettext_lazy("层级深度，顶级为 0"))
    order: int = Field(..., description=gettext_lazy("排序"))
    is_active: bool = Field(..., description=gettext_lazy("是否在用"))


class UnitPage(Schema):
    count: int = Field(..., description=gettext_lazy("符合条件的总条数"))
    limit: int
    offset: int
    items: list[UnitOut]


class UnitIn(_In):
    name: str = Field(..., min_length=1, max_length=100, description=gettext_lazy("名称"))
    short_name: str = Field("", max_length=50, description=gettext_lazy("简称"))
    code: str = Field(..., min_length=1, max_length=30, description=gettext_lazy("代码（唯一）"))
    kind: UnitKind = Field(UnitKind.DEPARTMENT, description=gettext_lazy("层级类型"))
    category: UnitCategory = Field(UnitCategory.AGENCY, description=gettext_lazy("管理类别"))
    parent: int | None = Field(
        None, description=gettext_lazy("上级单位编号；为空表示顶级单位（需管辖全部单位）")
    )
    order: int = Field(0, description=gettext_lazy("排序"))


class UnitPatch(_In):
    name: str | None = Field(None, min_length=1, max_length=100, description=gettext_lazy("名称"))
    short_name: str | None = Field(None, max_length=50, description=gettext_lazy("简称"))
    code: str | None = Field(None, min_length=1, max_length=30, description=gettext_lazy("代码（唯一）"))
    kind: UnitKind | None = Field(None, description=gettext_lazy("层级类型"))
    category: UnitCategory | None = Field(None, description=gettext_lazy("管理类别"))
    parent: int | None = Field(
        None, description=gettext_lazy("移动到该上级单位之下；显式传 null 表示移为顶级单位")
    )
    order: int | None = Field(None, description=gettext_lazy("排序"))
    is_active: bool | None = Field(
        None, description=gettext_lazy("false 停用（须无在用下级与在职人员）；true 重新启用")
    )


# ------------------------------------------------------------------------------------------- people


class PersonFilters(Schema):
    q: str = Field(
        "",
        max_length=50,
        description=gettext_lazy("姓名或现任职务包含该文字；以数字开头时按身份证号前缀查找"),
    )
    unit: int | None = Field(None, description=gettext_lazy("单位编号：含该单位及全部下级单位"))
    rank: int | None = Field(None, description=gettext_lazy("职级编号"))
    category: str = Field("", description=gettext_lazy("人员类别代码，如 civil_servant、civil_service_like"))
    active: ActiveFilter = Field(
        "true", description=gettext_lazy("true 在职（默认）；false 不在职；all 全部")
    )
    sort: str = Field(
        "unit", description=gettext_lazy("排序：unit、name、birth、rank、rank_start，前加 - 表示倒序")
    )


class PersonOut(Schema):
    id: int
    name: str = Field(..., description=gettext_lazy("姓名"))
    gender: str = Field(..., description=gettext_lazy("性别：M 男 / F 女"))
    birth_date: dt.date = Field(..., description=gettext_lazy("出生日期"))
    id_number_masked: str = Field(
        ..., alias="masked_id_number", description=gettext_lazy("身份证号（仅显示前 6 位和后 4 位）")
    )
    unit: Ref = Field(..., description=gettext_lazy("所在单位"))
    current_post: str = Field(..., description=gettext_lazy("现任职务"))
    rank: Ref | None = Field(None, description=gettext_lazy("职级"))
    rank_start_date: dt.date | None = Field(None, description=gettext_lazy("任职级时间"))
    post_start_date: dt.date | None = Field(None, description=gettext_lazy("任现职时间"))
    category: str = Field(..., description=gettext_lazy("人员类别代码"))
    is_active: bool = Field(..., description=gettext_lazy("是否在职"))


class PersonPage(Schema):
    count: int = Field(..., description=gettext_lazy("符合条件的总条数"))
    limit: int
    offset: int
    items: list[PersonOut]


class RankHistoryOut(Schema):
    id: int
    rank: Ref
    post_title: str
    unit_name: str
    start_date: dt.date
    end_date: dt.date | None


class AnnualResultOut(Schema):
    id: int
    year: int
    grade: str = Field(..., description=gettext_lazy("考核等次代码，如 excellent 优秀、competent 称职"))
    note: str


class SecondmentOut(Schema):
    id: int
    kind: str
    start_date: dt.date
    end_date: dt.date | None
    place: str


class TrainingOut(Schema):
    id: int
    name: str
    organizer: str
    start_date: dt.date
    end_date: dt.date | None
    hours: int | None


class SanctionOut(Schema):
    id: int
    kind: str
    start_date: dt.date
    end_date: dt.date | None
    authority: str
    note: str


class ResumeLineOut(Schema):
    id: int
    start_date: dt.date
    end_date: dt.date | None
    text: str


class PersonDetailOut(PersonOut):
    id_number: str = Field(..., description=gettext_lazy("身份证号"))
    ethnicity: str = Field(..., description=gettext_lazy("民族"))
    native_place: str = Field(..., description=gettext_lazy("籍贯"))
    political_status: str = Field(..., description=gettext_lazy("政治面貌代码"))
    education: str = Field(..., description=gettext_lazy("全日制学历代码"))
    degree: str = Field(..., description=gettext_lazy("全日制学位代码"))
    education_parttime: str = Field(..., description=gettext_lazy("在职学历代码"))
    degree_parttime: str = Field(..., description=gettext_lazy("在职学位代码"))
    work_start_date: dt.date | None = Field(None, description=gettext_lazy("参加工作时间"))
    health: str = Field(..., description=gettext_lazy("健康状况代码"))
    phone: str = Field(..., description=gettext_lazy("联系电话"))
    notes: str = Field(..., description=gettext_lazy("备注"))
    ranks: list[RankHistoryOut] = Field(..., description=gettext_lazy("任职经历"))
    results: list[AnnualResultOut] = Field(..., description=gettext_lazy("年度考核结果"))
    secondments: list[SecondmentOut] = Field(..., description=gettext_lazy("挂职经历"))
    trainings: list[TrainingOut] = Field(..., description=gettext_lazy("培训经历"))
    sanctions: list[SanctionOut] = Field(..., description=gettext_lazy("处分与审查"))
    resume: list[ResumeLineOut] = Field(..., description=gettext_lazy("简历"))


class PersonIn(_In):
    name: str = Field(..., min_length=1, max_length=50, description=gettext_lazy("姓名"))
    gender: Gender = Field(..., description=gettext_lazy("性别：M 男 / F 女"))
    birth_date: dt.date = Field(..., description=gettext_lazy("出生日期"))
    ethnicity: str = Field("汉族", max_length=20, description=gettext_lazy("民族"))
    native_place: str = Field("", max_length=50, description=gettext_lazy("籍贯"))
    id_number: str = Field(
        "", max_length=18, description=gettext_lazy("身份证号（18 位，校验位按 GB 11643 核对）")
    )
    political_status: PoliticalStatus = Field(PoliticalStatus.CPC, description=gettext_lazy("政治面貌"))
    education: str = Field("", description=gettext_lazy("全日制学历代码，如 bachelor、masters"))
    degree: str = Field("", description=gettext_lazy("全日制学位代码，如 bachelor、master"))
    education_parttime: str = Field("", description=gettext_lazy("在职学历代码"))
    degree_parttime: str = Field("", description=gettext_lazy("在职学位代码"))
    work_start_date: dt.date | None = Field(None, description=gettext_lazy("参加工作时间"))
    unit: int = Field(..., description=gettext_lazy("所在单位编号（须在您的管辖范围内）"))
    current_post: str = Field("", max_length=100, description=gettext_lazy("现任职务"))
    rank: int | None = Field(None, description=gettext_lazy("职级编号"))
    rank_start_date: dt.date | None = Field(None, description=gettext_lazy("任职级时间（填写职级时必填）"))
    post_start_date: dt.date | None = Field(None, description=gettext_lazy("任现职时间"))
    category: PersonCategory = Field(..., description=gettext_lazy("人员类别"))
    health: str = Field("", description=gettext_lazy("健康状况代码：healthy、fair、poor"))
    phone: str = Field("", max_length=30, description=gettext_lazy("联系电话"))
    notes: str = Field("", description=gettext_lazy("备注"))


class PersonPatch(_In):
    """Only the fields sent are changed; ``null`` clears an optional field."""

    name: str | None = Field(None, min_length=1, max_length=50, description=gettext_lazy("姓名"))
    gender: Gender | None = Field(None, description=gettext_lazy("性别"))
    birth_date: dt.date | None = Field(None, description=gettext_lazy("出生日期"))
    ethnicity: str | None = Field(None, max_length=20, description=gettext_lazy("民族"))
    native_place: str | None = Field(None, max_length=50, description=gettext_lazy("籍贯"))
    id_number: str | None = Field(None, max_length=18, description=gettext_lazy("身份证号"))
    political_status: PoliticalStatus | None = Field(None, description=gettext_lazy("政治面貌"))
    education: str | None = Field(None, description=gettext_lazy("全日制学历代码"))
    degree: str | None = Field(None, description=gettext_lazy("全日制学位代码"))
    education_parttime: str | None = Field(None, description=gettext_lazy("在职学历代码"))
    degree_parttime: str | None = Field(None, description=gettext_lazy("在职学位代码"))
    work_start_date: dt.date | None = Field(None, description=gettext_lazy("参加工作时间"))
    unit: int | None = Field(None, description=gettext_lazy("所在单位编号（须在您的管辖范围内）"))
    current_post: str | None = Field(None, max_length=100, description=gettext_lazy("现任职务"))
    rank: int | None = Field(None, description=gettext_lazy("职级编号；null 清除"))
    rank_start_date: dt.date | None = Field(None, description=gettext_lazy("任职级时间"))
    post_start_date: dt.date | None = Field(None, description=gettext_lazy("任现职时间"))
    category: PersonCategory | None = Field(None, description=gettext_lazy("人员类别"))
    health: str | None = Field(None, description=gettext_lazy("健康状况代码"))
    phone: str | None = Field(None, max_length=30, description=gettext_lazy("联系电话"))
    notes: str | None = Field(None, description=gettext_lazy("备注"))
    is_active: bool | None = Field(
        None, description=gettext_lazy("是否在职（false 表示调出、退休等，不删除记录）")
    )


class ImportOut(Schema):
    created: int = Field(..., description=gettext_lazy("新增人数"))
    updated: int = Field(..., description=gettext_lazy("更新人数"))
    unchanged: int = Field(0, description=gettext_lazy("内容未变的人数"))


class ImportProblemOut(Schema):
    row: int | None = Field(
        None, description=gettext_lazy("Excel 行号（1 为表头行）；为空表示整个文件的问题")
    )
    field: str | None = Field(None, description=gettext_lazy("列名（表头文字）"))
    message: str = Field(..., description=gettext_lazy("中文问题说明"))


class ImportErrorOut(Schema):
    detail: list[ImportProblemOut] = Field(..., description=gettext_lazy("全部问题；有问题时不保存任何数据"))
