"""Default schemes a new annual round copies (and the organiser may edit): the engine's seed-002 presets
plus the cadre democratic tables, which the seed names (德、能、勤、绩、廉, 优秀/称职/基本称职/不称职) without
giving option weights. The cadre weights below mirror the team table's 100/80/60/0 % (R002-02) and are an
editable assumption, documented in docs/annual.md."""

from __future__ import annotations

import copy

from kaoping.scoring.presets.annual import (
    CADRE_GRADING,
    CADRE_MANAGEMENT,
    DEPUTY_TOTAL,
    HEAD_TOTAL,
    INSTITUTION_GRADING,
    STREAKS,
    TEAM_DEMOCRATIC,
    TEAM_GRADING,
    TEAM_TOTAL,
)

CADRE_OPTIONS = [
    {"name": "优秀", "weight": "1.0"},
    {"name": "称职", "weight": "0.8"},
    {"name": "基本称职", "weight": "0.6"},
    {"name": "不称职", "weight": "0"},
]
INSTITUTION_OPTIONS = [
    {"name": "优秀", "weight": "1.0"},
    {"name": "合格", "weight": "0.8"},
    {"name": "基本合格", "weight": "0.6"},
    {"name": "不合格", "weight": "0"},
]

# R002-04: the head's democratic score is out of 100 (70 % of it counts).
HEAD_DEMOCRATIC: dict = {
    "label": "民主测评总分",
    "rule": "R002-04",
    "options": CADRE_OPTIONS,
    "groups": [{"key": "全体", "label": "参加测评人员", "points": "100"}],
}
# R002-05: deputies' and other cadres' democratic evaluation is out of 70.
DEPUTY_DEMOCRATIC: dict = {
    "label": "民主测评（德能勤绩廉）",
    "rule": "R002-05",
    "options": CADRE_OPTIONS,
    "groups": [{"key": "全体", "label": "参加测评人员", "points": "70"}],
}

# The party-building evaluation of a team (抓基层党建工作考核民主测评, R002-03) uses the team options.
PARTY_BUILDING_OPTIONS = [o["name"] for o in TEAM_DEMOCRATIC["options"]]

CIVIL_SERVANT = "civil_servant"
INSTITUTION = "institution"


def round_defaults(grade_set: str = CIVIL_SERVANT) -> dict:
    """Every scheme a new round starts with (deep copies: editing a round never changes a preset)."""
    cadre_grading = INSTITUTION_GRADING if grade_set == INSTITUTION else CADRE_GRADING
    head_votes = copy.deepcopy(HEAD_DEMOCRATIC)
    deputy_votes = copy.deepcopy(DEPUTY_DEMOCRATIC)
    if grade_set == INSTITUTION:
        head_votes["options"] = copy.deepcopy(INSTITUTION_OPTIONS)
        deputy_votes["options"] = copy.deepcopy(INSTITUTION_OPTIONS)
    return {
        "team_grading": copy.deepcopy(TEAM_GRADING),
        "cadre_grading": copy.deepcopy(cadre_grading),
        "team_votes": copy.deepcopy(TEAM_DEMOCRATIC),
        "head_votes": head_votes,
        "deputy_votes": deputy_votes,
        "team_total": copy.deepcopy(TEAM_TOTAL),
        "head_total": copy.deepcopy(HEAD_TOTAL),
        "deputy_total": copy.deepcopy(DEPUTY_TOTAL),
        "streaks": copy.deepcopy(STREAKS),
        "cadre_management": {
            **copy.deepcopy(CADRE_MANAGEMENT),
            "staff_appraisal": copy.deepcopy(STAFF_APPRAISAL),
        },
    }


SCHEME_FIELDS = (
    "team_grading",
    "cadre_grading",
    "team_votes",
    "head_votes",
    "deputy_votes",
    "team_total",
    "head_total",
    "deputy_total",
    "streaks",
    "cadre_management",
)

# Seed-002 sub-items (分项考核, 70 points) by team kind; the points split is an editable default.
SUB_ITEMS: dict[str, list[tuple[str, str]]] = {
    "farm": [
        ("党风廉政建设责任制考核", "10"),
        ("社会治安综合治理考核", "10"),
        ("组织建设考核", "10"),
        ("意识形态考核", "10"),
        ("安全生产与环境保护考核", "10"),
        ("团场目标管理考核", "20"),
    ],
    "affiliated": [
        ("党风廉政建设责任制考核", "10"),
        ("社会治安综合治理考核", "10"),
        ("组织建设考核", "10"),
        ("意识形态考核", "10"),
        ("履行工作职责及重点工作完成情况", "30"),
    ],
    "agency": [
        ("党风廉政建设责任制考核", "15"),
        ("组织建设考核", "15"),
        ("意识形态考核", "10"),
        ("履行工作职责及重点工作完成情况", "30"),
    ],
}

# R002-10: the nine aspects of the institution staff appraisal (weights differ; the seed gives none, so
# this split is an editable default) plus special bonus points (honours, awards), capped at 10.
STAFF_APPRAISAL: dict = {
    "label": "事业单位工作人员考核得分",
    "rule": "R002-10",
    "components": [
        {"key": "k1", "label": "政治思想", "weight": "0.10"},
        {"key": "k2", "label": "职业道德", "weight": "0.10"},
        {"key": "k3", "label": "团结协作", "weight": "0.10"},
        {"key": "k4", "label": "工作态度", "weight": "0.10"},
        {"key": "k5", "label": "专业水平", "weight": "0.10"},
        {"key": "k6", "label": "业务能力", "weight": "0.10"},
        {"key": "k7", "label": "履行岗位职责", "weight": "0.15"},
        {"key": "k8", "label": "完成工作量及任期目标", "weight": "0.15"},
        {"key": "k9", "label": "完成任务质量和效率", "weight": "0.10"},
        {"key": "bonus", "label": "特殊加分", "optional": True, "cap": "10"},
    ],
}
