"""Roster export and the import template: the same columns (``importing_columns``), so an export
re-imports unchanged. Rows are built here from the ORM; the workbook is written by
``kaoping.documents.xlsx`` (which neutralises formula-like text in every cell)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kaoping.accounts.roles import Cap
from kaoping.common.audit import audit_record
from kaoping.common.models import AuditEntry
from kaoping.documents.xlsx import Column, TableSheet, TextSheet, workbook_bytes
from kaoping.org import choices as c
from kaoping.org.importing_columns import (
    ACTIVE_NO,
    ACTIVE_YES,
    INSTRUCTIONS_SHEET,
    ROSTER_COLUMNS,
    ROSTER_SHEET,
    YEAR_HEADER,
    Kind,
    choice_labels,
)
from kaoping.org.models import AnnualResult, Person, Rank
from kaoping.org.selectors import PersonFilter, person_list, units_visible

TEMPLATE_VALIDATION_ROWS = 20_000
UNITS_SHEET = gettext_lazy("单位列表")
EXPORT_CHUNK = 2000
_GRADES = choice_labels(c.AnnualGrade)


def _sheet_columns(
    years: list[int], *, rank_names: tuple[str, ...], unit_names: tuple[str, ...]
) -> list[Column]:
    columns = []
    for col in ROSTER_COLUMNS:
        choices: tuple[str, ...] = ()
        if col.kind == Kind.CHOICE:
            choices = choice_labels(col.choices)
        elif col.kind == Kind.RANK:
            choices = rank_names
        elif col.kind == Kind.BOOL:
            choices = (str(ACTIVE_YES), str(ACTIVE_NO))
        elif col.kind == Kind.UNIT_NAME:
            choices = unit_names
        columns.append(
            Column(
                header=str(col.header),
                width=col.width,
                is_required=col.is_required,
                is_date=col.kind == Kind.DATE,
                is_text=col.kind in (Kind.ID_NUMBER, Kind.UNIT_CODE) or col.key == "phone",
                choices=choices,
                comment=str(col.help),
            )
        )
    year_header = str(YEAR_HEADER)
    columns += [Column(year_header.format(year=y), width=13, choices=_GRADES) for y in years]
    return columns


def _rank_names() -> tuple[str, ...]:
    return tuple(Rank.objects.filter(is_active=True).order_by("order", "name").values_list("name", flat=True))


def template_years() -> list[int]:
    """Result years the template offers: every year on file plus the last three."""
    this_year = timezone.localdate().year
    years = set(AnnualResult.objects.order_by().values_list("year", flat=True).distinct())
    years |= {this_year - 3, this_year - 2, this_year - 1}
    return sorted(years)


# --------------------------------------------------------------------------------------------- template


def instructions(years: list[int]) -> list[str]:
    required = "、".join(str(col.header) for col in ROSTER_COLUMNS if col.is_required)
    grades = "、".join(_GRADES)
    example = str(YEAR_HEADER).format(year=years[0] if years else 2010)
    return [
        _("干部名册导入模板 · 填写说明"),
        _(
            "一、在“干部名册”工作表中每行填写一名干部；第1行为表头，请勿修改表头文字。不需要的非必填列可以整列删除；"
            "增加的其他列会被视为错误（“序号”列除外）。"
        ),
        _(
            "二、红色表头为必填项：%(required)s；“单位代码”与“单位名称”至少填写一项，同时填写时两者必须对应同一单位"
            "（单位代码见“单位列表”工作表；同名单位请填写单位代码）。"
        )
        % {"required": required},
        _(
            "三、日期请填写为日期格式或文本“1975-03-01”（也可写作 1975.03.01、1975/3/1、1975年3月1日、19750301；"
            "只写到月份如“1975.03”时按当月1日处理）。日期不能晚于今天；参加工作时间、任职级时间、任现职时间必须晚于出生日期。"
        ),
        _(
            "四、身份证号为18位，请把该列设置为文本格式（数字格式会丢失末位），末位 X 大写；系统核对校验位，"
            "并核对身份证号中的出生日期、性别与“出生日期”“性别”两列一致。"
        ),
        _(
            "五、带下拉箭头的列（性别、政治面貌、学历、学位、职级、人员类别、健康状况、在职、考核等次）请从下拉列表中选择；"
            "职级须为系统“职务职级”中已有的名称。填写了职级时必须填写任职级时间。"
        ),
        _(
            "六、导入规则：有身份证号的行按身份证号匹配已有人员并更新；没有身份证号（或该身份证号尚未登记）的行按"
            "“姓名 + 出生日期 + 单位”匹配；匹配不到的新增人员。文件中出现的列会覆盖原有内容（留空即清空该项，"
            "但身份证号留空不会清除已登记的身份证号）；文件中没有的列保持不变。“民族”留空按汉族，“在职”留空按“是”。"
        ),
        _(
            "七、年度考核：“%(example)s”这类列填写该年度的考核等次（%(grades)s）。可以增加年度列，列名格式为"
            "“YYYY年度考核”；留空表示不修改该年度已有结果。"
        )
        % {"example": example, "grades": grades},
        _("八、同一文件中身份证号不能重复；没有身份证号时，姓名、出生日期、单位均相同的两行视为重复。"),
        _("九、单位联络员只能导入本单位及下级单位的人员；不在权限范围内的单位会逐行报错。"),
        _(
            "十、系统会先校验全部行：只要有一处错误就不保存任何数据，并列出全部问题（行号、列名、说明），"
            "修改后重新上传即可。全部通过后一次性保存，并记入审计记录。"
        ),
        _("十一、从“干部名册”页面导出的 Excel 与本模板格式相同，修改后可直接重新导入。"),
    ]


def roster_template_bytes(user) -> bytes:
    """The import template for ``user``: roster sheet with dropdowns, 填写说明, and the units they may
    import into."""
    units = list(
        units_visible(user, Cap.ORG_IMPORT).filter(is_active=True).select_related("parent").order_by("path")
    )
    names = [u.name for u in units]
    unit_names = tuple(dict.fromkeys(n for n in names if names.count(n) == 1)) if len(units) <= 2000 else ()
    years = template_years()
    return workbook_bytes(
        [
            TableSheet(
                str(ROSTER_SHEET),
                _sheet_columns(years, rank_names=_rank_names(), unit_names=unit_names),
                validation_rows=TEMPLATE_VALIDATION_ROWS,
            ),
            TextSheet(str(INSTRUCTIONS_SHEET), instructions(years)),
            TableSheet(
                str(UNITS_SHEET),
                [
                    Column(_("单位代码"), width=14, is_text=True),
                    Column(_("单位名称"), width=30),
                    Column(_("上级单位"), width=30),
                ],
                rows=[(u.code, u.name, u.parent.name if u.parent else "") for u in units],
            ),
        ]
    )


# ----------------------------------------------------------------------------------------------- export

_LABELS = {col.key: dict(col.choices.choices) for col in ROSTER_COLUMNS if col.kind == Kind.CHOICE}


def _person_row(person: Person, years: list[int], active_labels: dict[bool, str]) -> list[Any]:
    row: list[Any] = []
    for col in ROSTER_COLUMNS:
        key = col.key
        if key == "unit_code":
            value = person.unit.code
        elif key == "unit_name":
            value = person.unit.name
        elif key == "rank":
            value = person.rank.name if person.rank_id else None
        elif key == "is_active":
            value = active_labels[person.is_active]
        else:
            value = getattr(person, key)
            if key in _LABELS:
                value = str(_LABELS[key].get(value, value)) if value else None
        row.append(value if value != "" else None)
    grades = {r.year: r.grade for r in person.annualresults.all()}
    labels = _LABELS_GRADE
    row += [str(labels[grades[y]]) if y in grades else None for y in years]
    return row


_LABELS_GRADE = dict(c.AnnualGrade.choices)


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    count: int
    file_name: str


def export_people(*, actor, flt: PersonFilter, filters: dict[str, str]) -> ExportFile:
    """The people ``actor`` may export (Cap.ORG_EXPORT scope) filtered like the list page, as the
    roster .xlsx (full 身份证号: exporting is a privileged, audited action)."""
    qs: QuerySet[Person] = person_list(actor, flt, Cap.ORG_EXPORT)
    years = sorted(
        AnnualResult.objects.filter(person__in=qs.order_by().values("pk"))
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )
    count = [0]
    active_labels = {True: str(ACTIVE_YES), False: str(ACTIVE_NO)}

    def rows() -> Iterator[list[Any]]:
        results = Prefetch("annualresults", queryset=AnnualResult.objects.only("person_id", "year", "grade"))
        for person in qs.prefetch_related(results).iterator(chunk_size=EXPORT_CHUNK):
            count[0] += 1
            yield _person_row(person, years, active_labels)

    content = workbook_bytes(
        [TableSheet(str(ROSTER_SHEET), _sheet_columns(years, rank_names=(), unit_names=()), rows=rows())]
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.EXPORT,
        object_type="org.person",
        object_repr=_("导出干部名册"),
        changes={"count": count[0], "filters": {k: v for k, v in filters.items() if v}},
    )
    stamp = timezone.localtime().strftime("%Y%m%d%H%M")
    return ExportFile(
        content=content, count=count[0], file_name=_("干部名册_%(stamp)s.xlsx") % {"stamp": stamp}
    )
