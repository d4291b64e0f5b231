"""Seed 004: 常州市信息中心岗位设置管理实施方案 (R004-01 … R004-06) and the national structure defaults
(RP-10).

``establishment.seed004`` is the plan with its annex-2 distribution table (31 posts: 管理 18 with
highest grade 6 and 4 unit-leadership posts, 专业技术 13 at 5:4:4 with highest grade 5), the phases
of section 七 and the hiring conditions of section 六. The seed's unit is a 管理-led unit whose main
class is 58 %, so no 70 % main-class floor is set there; ``establishment.national_defaults`` is a
structure template with the national ratios, the 工勤 grade limits and the 70 % main-class floor.
"""

from __future__ import annotations

from . import Preset

UNIT = "常州市信息中心"


def _line(name: str, category: str, grade: int, n: int, leader: bool = False) -> dict:
    return {
        "department": UNIT,
        "name": name,
        "category": category,
        "grade": grade,
        "count": n,
        "is_leadership": leader,
    }


SENIOR_MIDDLE_JUNIOR = [
    {"name": "高级", "from": 1, "to": 7},
    {"name": "中级", "from": 8, "to": 10},
    {"name": "初级", "from": 11, "to": 13},
]

_ACH_5 = [
    ("a", "任现职以来，被评为省有突出贡献中青年专家"),
    ("b", "任现职以来，被评为省“333高层次人才培养工程”人选"),
    ("c", "任现职以来，被评为市“831高层次创新创业人才培养工程”第二层次人选或市中青年专业技术拔尖人才"),
    ("d", "任现职以来，获省、部级科技进步三等奖（或同等奖项）或市科学技术杰出贡献奖获得者"),
    ("e", "任现职以来，参与省级科研项目、课题、工程以及技术推广项目者"),
    ("f", "任现职以来，具备以上a至e项相当条件的人员"),
    ("g", "任现职以来，业绩突出，在本学科领域有较高学术造诣，是本行业学术技术带头人，并经评审核准通过的"),
]
_ACH_6 = [
    ("a", "任现职以来，获得市级科技进步一、二等奖（或同等奖项）"),
    ("b", "任现职以来，主持完成市级或县（市、区）级科研项目、课题、工程以及技术推广项目者"),
    ("c", "任现职以来，被评为市级各类优秀科技人才的"),
    ("d", "任现职以来，具备以上a至c项相当条件的人员"),
    ("e", "任现职以来，业绩突出，单位业务骨干，本单位学术技术带头人，同行公认优秀人才，并经评审核准通过的"),
]
_ACH_8 = [
    ("a", "任现职以来，被评为市“831高层次创新创业人才培养工程”第三层次人选"),
    ("b", "任现职以来，被评为县（市、区）级各类优秀科技人才"),
    ("c", "任现职以来，获得市级科技进步一等奖、二等奖（含同等奖项）"),
    ("d", "任现职以来，主持完成市级或县（市、区）级科研项目、课题、工程以及技术推广项目者"),
    ("e", "任现职以来，具备以上a至d项相当条件的人员"),
    ("f", "任现职以来，其它经行业主管部门评选的优秀专业技术工作人员"),
]
_ACH_9 = [
    ("a", "任现职以来，参与完成市级或县（市、区）级科研项目、课题、工程以及技术推广项目者"),
    ("b", "任现职以来，获市级科技进步三等奖、四等奖（含同等奖项）"),
    ("c", "任现职以来，业绩突出，单位业务能手，工作能力较强，技术水平较高，单位同行公认的优秀人才"),
    ("d", "任现职以来，其它经单位评选的优秀专业技术工作人员"),
]
_ACH_11 = [
    ("a", "任现职以来，参与完成市级或县（市、区）级科研项目、课题、工程以及技术推广项目者"),
    ("b", "任现职以来，获市级科技进步三等奖、四等奖（含同等奖项）"),
    ("c", "任现职以来，业绩突出，工作能力较强，技术水平较高"),
    ("d", "任现职以来，其它经行业主管部门、单位评选的优秀专业技术工作人员"),
]


def _pro(
    grade: int, below: int, years: int, ach: list, title: str, first_years: int, merit: bool = True
) -> dict:
    return {
        "category": "专业技术",
        "grade": grade,
        "below_grade": below,
        "min_years_below": years,
        "achievements": [{"code": c, "text": t} for c, t in ach],
        "min_annual_grade": "合格",
        "first_appointment": {"title_level": title, "min_years": first_years, "needs_recent_merit": merit},
    }


def _mgmt(grade: int) -> dict:
    return {
        "category": "管理",
        "grade": grade,
        "below_grade": grade + 1,
        "min_years_below": 3,
        "min_annual_grade": "合格",
    }


HIRING_CONDITIONS: list[dict] = [
    _mgmt(6),
    _mgmt(7),
    _mgmt(8),
    _mgmt(9),
    _pro(5, 6, 3, _ACH_5, "副高", 6),
    _pro(6, 7, 3, _ACH_6, "副高", 3),
    {"category": "专业技术", "grade": 7, "title_rule": "按现行各专业系列副高级职称评审条件执行"},
    _pro(8, 9, 2, _ACH_8, "中级", 4),
    _pro(9, 10, 2, _ACH_9, "中级", 2),
    {"category": "专业技术", "grade": 10, "title_rule": "按现行各专业系列中级职称评审条件执行"},
    _pro(11, 12, 2, _ACH_11, "助理", 2, merit=False),
    {"category": "专业技术", "grade": 12, "title_rule": "按现行各专业系列初级职称评审条件执行"},
]

SEED004_PLAN: dict = {
    "unit": UNIT,
    "approved_staffing": 31,
    "approved_posts": 31,
    "staff_now": 24,
    "leadership_posts": 4,
    "categories": [
        {"category": "管理", "quota": 18, "highest_grade": 6, "declared_percent": "58"},
        {"category": "专业技术", "quota": 13, "highest_grade": 5, "declared_percent": "42"},
    ],
    "lines": [
        _line("主任", "管理", 6, 1, leader=True),
        _line("副主任", "管理", 7, 2, leader=True),
        _line("总工程师", "管理", 7, 1, leader=True),
        _line("科长", "管理", 8, 5),
        _line("科员", "管理", 9, 9),
        _line("高级工程师、经济师", "专业技术", 5, 1),
        _line("高级工程师、经济师", "专业技术", 6, 2),
        _line("高级工程师、经济师", "专业技术", 7, 2),
        _line("工程师、经济师", "专业技术", 8, 1),
        _line("工程师、经济师", "专业技术", 9, 2),
        _line("工程师、经济师", "专业技术", 10, 1),
        _line("助理工程师、经济师", "专业技术", 11, 2),
        _line("助理工程师、经济师", "专业技术", 12, 2),
    ],
    "template": {
        "structure_ratios": [
            {"category": "专业技术", "bands": SENIOR_MIDDLE_JUNIOR, "ratio": [5, 4, 4], "mode": "exact"},
        ],
    },
    "phases": [
        {"name": "实施准备", "start": "2012-03-10", "end": "2012-03-20"},
        {"name": "编写岗位说明书", "start": "2012-03-21", "end": "2012-04-30"},
        {"name": "个人申请、资格评议、确定人选", "start": "2012-05-01", "end": "2012-05-20"},
        {"name": "聘用结果公示", "start": "2012-05-21", "end": "2012-05-31"},
        {"name": "签订聘用合同", "start": "2012-06-01", "end": "2012-06-30"},
    ],
    "notice_days": 7,
    "hiring_conditions": HIRING_CONDITIONS,
}

NATIONAL_DEFAULTS: dict = {
    "structure_ratios": [
        {"category": "专业技术", "bands": SENIOR_MIDDLE_JUNIOR, "ratio": [1, 3, 6], "mode": "max"},
        {
            "category": "专业技术",
            "bands": [
                {"name": "二级", "grades": [2]},
                {"name": "三级", "grades": [3]},
                {"name": "四级", "grades": [4]},
            ],
            "ratio": [1, 3, 6],
            "mode": "max",
        },
        {
            "category": "专业技术",
            "bands": [
                {"name": "五级", "grades": [5]},
                {"name": "六级", "grades": [6]},
                {"name": "七级", "grades": [7]},
            ],
            "ratio": [2, 4, 4],
            "mode": "max",
        },
        {
            "category": "专业技术",
            "bands": [
                {"name": "八级", "grades": [8]},
                {"name": "九级", "grades": [9]},
                {"name": "十级", "grades": [10]},
            ],
            "ratio": [3, 4, 3],
            "mode": "max",
        },
        {
            "category": "专业技术",
            "bands": [{"name": "十一级", "grades": [11]}, {"name": "十二级", "grades": [12]}],
            "ratio": [5, 5],
            "mode": "max",
        },
    ],
    "grade_share_limits": [
        {"category": "工勤技能", "from": 1, "to": 3, "max_share": "0.25", "label": "一至三级"},
        {"category": "工勤技能", "from": 1, "to": 2, "max_share": "0.05", "label": "一至二级"},
    ],
    "main_category": "专业技术",
    "main_min_share": "0.70",
}

PRESETS = (
    Preset(
        key="establishment.seed004",
        kind="establishment",
        title="常州市信息中心岗位设置管理实施方案",
        source="seed 004 常信发[2012]3号，附件1、附件2",
        data=SEED004_PLAN,
    ),
    Preset(
        key="establishment.national_defaults",
        kind="establishment_template",
        title="事业单位岗位结构比例（全国指导标准）",
        source="RP-10 事业单位岗位设置管理 通行做法",
        data=NATIONAL_DEFAULTS,
    ),
)
