"""The roster sheet layout shared by the import template, the import parser and the export, so an export
re-imports unchanged. Headers are what users see (Chinese, lazily translated: compare ``str(header)``);
keys are Person field names."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kaoping.org import choices as c

ROSTER_SHEET = _("干部名册")
INSTRUCTIONS_SHEET = _("填写说明")
YEAR_HEADER = _("{year}年度考核")  # str.format template (also matched by YEAR_HEADER_RE)
YEAR_HEADER_RE = re.compile(r"^(\d{4})\s*年(?:度)?(?:年度)?考核(?:结果|等次)?$")
ACTIVE_YES, ACTIVE_NO = _("是"), _("否")  # written labels; parsing accepts more


class Kind:
    TEXT = "text"
    CHOICE = "choice"
    DATE = "date"
    ID_NUMBER = "id_number"
    UNIT_CODE = "unit_code"
    UNIT_NAME = "unit_name"
    RANK = "rank"
    BOOL = "bool"


@dataclass(frozen=True)
class RosterColumn:
    key: str  # Person field (unit_code/unit_name are the two ways to name ``unit``)
    header: str | Promise
    kind: str = Kind.TEXT
    is_required: bool = False
    max_length: int = 0
    choices: type[c.models.TextChoices] | None = None
    width: float = 12
    help: str | Promise = ""


ROSTER_COLUMNS: tuple[RosterColumn, ...] = (
    RosterColumn("name", _("姓名"), is_required=True, max_length=50, width=10),
    RosterColumn("gender", _("性别"), Kind.CHOICE, is_required=True, choices=c.Gender, width=6),
    RosterColumn("birth_date", _("出生日期"), Kind.DATE, is_required=True, help=_("日期，如 1975-03-01")),
    RosterColumn("ethnicity", _("民族"), max_length=20, width=8, help=_("留空按汉族")),
    RosterColumn("native_place", _("籍贯"), max_length=50, width=10),
    RosterColumn("id_number", _("身份证号"), Kind.ID_NUMBER, width=21, help=_("18位，文本格式，末位X大写")),
    RosterColumn("political_status", _("政治面貌"), Kind.CHOICE, is_required=True, choices=c.PoliticalStatus),
    RosterColumn("education", _("全日制学历"), Kind.CHOICE, choices=c.Education, width=14),
    RosterColumn("degree", _("全日制学位"), Kind.CHOICE, choices=c.Degree),
    RosterColumn("education_parttime", _("在职学历"), Kind.CHOICE, choices=c.Education, width=14),
    RosterColumn("degree_parttime", _("在职学位"), Kind.CHOICE, choices=c.Degree),
    RosterColumn("work_start_date", _("参加工作时间"), Kind.DATE),
    RosterColumn(
        "unit_code", _("单位代码"), Kind.UNIT_CODE, width=12, help=_("单位代码与单位名称至少填一项")
    ),
    RosterColumn("unit_name", _("单位名称"), Kind.UNIT_NAME, width=22),
    RosterColumn("current_post", _("现任职务"), max_length=100, width=20),
    RosterColumn("rank", _("职级"), Kind.RANK, width=14),
    RosterColumn("rank_start_date", _("任职级时间"), Kind.DATE, help=_("填写了职级时必填")),
    RosterColumn("post_start_date", _("任现职时间"), Kind.DATE),
    RosterColumn("category", _("人员类别"), Kind.CHOICE, is_required=True, choices=c.PersonCategory),
    RosterColumn("health", _("健康状况"), Kind.CHOICE, choices=c.HealthStatus, width=8),
    RosterColumn("phone", _("联系电话"), max_length=30, width=14),
    RosterColumn("is_active", _("在职"), Kind.BOOL, width=6, help=_("是/否，留空按“是”")),
    RosterColumn("notes", _("备注"), max_length=2000, width=20),
)
COLUMNS_BY_KEY = {col.key: col for col in ROSTER_COLUMNS}


@functools.cache
def _columns_by_header(language: str | None) -> dict[str, RosterColumn]:
    return {str(col.header): col for col in ROSTER_COLUMNS}


def column_by_header(header: str) -> RosterColumn | None:
    """The column whose (translated) header is ``header``."""
    return _columns_by_header(get_language()).get(header)


def header_of(key: str) -> str:
    """The (translated) header text of the column ``key``."""
    return str(COLUMNS_BY_KEY[key].header)


# Headers users commonly type instead of ours (input tokens, matched as typed).
HEADER_ALIASES = {
    "出生年月": "出生日期",
    "身份证号码": "身份证号",
    "公民身份号码": "身份证号",
    "参加工作日期": "参加工作时间",
    "工作单位": "单位名称",
    "单位": "单位名称",
    "职务": "现任职务",
    "职级（职务层次）": "职级",
    "任职级时间（任职时间）": "任职级时间",
    "电话": "联系电话",
    "是否在职": "在职",
}


def normalise_header(value) -> str:
    """A header cell as a lookup key: stripped, without a required-marker (*, ＊, （必填）)."""
    text = "" if value is None else str(value)
    text = text.replace("（必填）", "").replace("(必填)", "").replace("*", "").replace("＊", "")
    text = "".join(text.split())
    return HEADER_ALIASES.get(text, text)


def year_of_header(header: str) -> int | None:
    match = YEAR_HEADER_RE.match(header)
    return int(match.group(1)) if match else None


def choice_labels(choices) -> tuple[str, ...]:
    return tuple(str(label) for label in choices.labels)


def choice_lookup(choices) -> dict[str, str]:
    """Label (and stable code) → stored value, for parsing."""
    table = {str(label): value for value, label in choices.choices}
    table.update({value: value for value in choices.values})
    return table
