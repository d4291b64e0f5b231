"""Seed 002 (年度综合考核) presets: team and cadre grading, democratic tables, totals, streak flags (G-2),
plus the 事业单位 grade set of RP-06.

Subjects given to these grading schemes use (names the adapters fill in):
* categories: 团场, 企事业单位 (teams); 团场正职, 机关正职, 直属单位正职, 副职, 其他干部, 党委书记, 援疆干部 (cadres)
* groups: ``type`` (同类班子 / 同类干部, for percentiles), ``unit`` (本单位, for the 优秀 quota)
* votes: ``main`` (the person's democratic evaluation), ``party_building`` (抓基层党建工作民主测评)
* related: ``team`` (所在班子等次), ``party_building`` (书记抓基层党建综合评价等次)
* flags: the record flags named in the conditions below.
"""

from __future__ import annotations

from . import Preset


def _flag(name: str) -> dict:
    return {"type": "flag", "name": name}


def _any_flag(*names: str) -> dict:
    return {"type": "any", "of": [_flag(n) for n in names]}


def _score(op: str, value: str) -> dict:
    return {"type": "score", "op": op, "value": value}


def _pct(side: str, percent: str) -> dict:
    return {"type": "percentile", "side": side, "percent": percent, "group_by": "type", "rounding": "floor"}


def _share(options: list[str], op: str, ratio: str, tally: str = "main") -> dict:
    return {"type": "vote_share", "tally": tally, "options": options, "op": op, "ratio": ratio}


def _cat(*names: str) -> dict:
    return {"type": "category", "any_of": list(names)}


VETO = _flag("一票否决")

# R002-03: precedence 差, 一般, 好, 较好, else 一般.
TEAM_GRADING: dict = {
    "name": "领导班子年度考核定等",
    "rule": "R002-03",
    "grades": ["好", "较好", "一般", "差"],
    "tiers": [
        {
            "grade": "差",
            "when": {
                "type": "any",
                "of": [
                    {"type": "all", "of": [_score("<", "60"), _pct("bottom", "15")]},
                    _flag("重大违法行政案件"),
                    {
                        "type": "all",
                        "of": [_share(["差"], ">", "1/3", "party_building"), _flag("经组织认定确实存在问题")],
                    },
                ],
            },
        },
        {
            "grade": "一般",
            "when": {
                "type": "any",
                "of": [
                    _flag("受到师市以上通报批评"),
                    _flag("发生重大事件或事故"),
                    {
                        "type": "all",
                        "of": [
                            _share(["好", "较好"], "<", "2/3", "party_building"),
                            _share(["差"], "<=", "1/3", "party_building"),
                        ],
                    },
                ],
            },
        },
        {
            "grade": "好",
            "when": {
                "type": "all",
                "of": [
                    _score(">=", "90"),
                    {"type": "any", "of": [_cat("团场"), _pct("top", "30")]},
                ],
            },
            "blocked_by": [VETO],
        },
        {"grade": "较好", "when": _score(">=", "80"), "blocked_by": [VETO]},
    ],
    "default": "一般",
}

HEADS = ("团场正职", "机关正职", "直属单位正职")

# R002-06: precedence 不确定等次, 不称职, 基本称职, 优秀 (within quota, by score), 称职.
CADRE_GRADING: dict = {
    "name": "领导干部年度考核定等（公务员）",
    "rule": "R002-06",
    "grades": ["优秀", "称职", "基本称职", "不称职", "不确定等次"],
    "tiers": [
        {
            "grade": "不确定等次",
            "graded": False,
            "when": _any_flag(
                "因职务行为以外的错误受到严重警告处分",
                "处分影响期内",
                "受记过、记大过、降级、撤职处分",
                "涉嫌违纪违法被立案调查尚未结案",
            ),
        },
        {
            "grade": "不称职",
            "when": {
                "type": "any",
                "of": [
                    {"type": "all", "of": [_score("<", "40"), _pct("bottom", "1")]},
                    _share(["不称职"], ">", "1/3"),
                    _flag("违反政治纪律"),
                    _flag("有其他不适宜担任现职情形"),
                ],
            },
        },
        {
            "grade": "基本称职",
            "when": {
                "type": "any",
                "of": [
                    {"type": "all", "of": [_score("<", "50"), _score(">=", "40"), _pct("bottom", "3")]},
                    {
                        "type": "all",
                        "of": [_share(["优秀", "称职"], "<", "2/3"), _share(["不称职"], "<=", "1/3")],
                    },
                    _flag("分管工作受到师市通报批评"),
                    _flag("对工作人员严重违纪违法负有领导责任"),
                    _flag("有问责情形"),
                ],
            },
        },
        {
            "grade": "优秀",
            "when": {
                "type": "any",
                "of": [
                    {"type": "all", "of": [_cat("团场正职"), _score(">=", "80")]},
                    {
                        "type": "all",
                        "of": [_cat("机关正职", "直属单位正职"), _score(">=", "75"), _pct("top", "40")],
                    },
                    {"type": "all", "of": [_cat("副职", "其他干部"), _score(">=", "60")]},
                ],
            },
            "blocked_by": [
                VETO,
                _flag("在线学习任务未完成"),
                {
                    "type": "all",
                    "of": [
                        {"type": "any", "of": [_cat(*HEADS), _flag("负有直接责任")]},
                        {"type": "related_grade", "name": "team", "any_of": ["一般", "差"]},
                    ],
                },
                {
                    "type": "all",
                    "of": [
                        _cat("党委书记"),
                        {
                            "type": "not",
                            "of": {"type": "related_grade", "name": "party_building", "any_of": ["优秀"]},
                        },
                    ],
                },
            ],
            "quota": {
                "percent": "15",
                "group_by": "unit",
                "exclude_categories": ["团场正职", "援疆干部"],
                "rounding": "floor",
            },
        },
    ],
    "default": "称职",
}

# RP-06: 事业单位 grade set (2023 rules); 优秀 20% (commended units 25%, poorly rated at most 15%).
INSTITUTION_GRADING: dict = {
    "name": "事业单位工作人员年度考核定等",
    "rule": "RP-06",
    "grades": ["优秀", "合格", "基本合格", "不合格", "不确定等次"],
    "tiers": [
        {
            "grade": "不确定等次",
            "graded": False,
            "when": _any_flag("病假事假累计超过半年", "初次就业不满半年", "涉嫌违纪违法被立案调查尚未结案"),
        },
        {"grade": "不合格", "when": _flag("不合格情形")},
        {"grade": "基本合格", "when": _flag("基本合格情形")},
        {
            "grade": "优秀",
            "when": _flag("推荐优秀"),
            "blocked_by": [VETO],
            "quota": {
                "percent": "20",
                "group_by": "unit",
                "rounding": "floor",
                "variants": {"commended": "25", "poorly_rated": "15"},
            },
        },
    ],
    "default": "合格",
}

# R002-02: 好 100%, 较好 80%, 一般 60%, 差 0, out of 30.
TEAM_DEMOCRATIC: dict = {
    "label": "民主测评得分",
    "rule": "R002-02",
    "options": [
        {"name": "好", "weight": "1.0"},
        {"name": "较好", "weight": "0.8"},
        {"name": "一般", "weight": "0.6"},
        {"name": "差", "weight": "0"},
    ],
    "groups": [{"key": "全体", "label": "参加测评人员", "points": "30"}],
}

TEAM_TOTAL: dict = {  # R002-01
    "label": "领导班子综合考核得分",
    "rule": "R002-01",
    "components": [
        {"key": "sub_items", "label": "分项考核得分", "weight": "1"},
        {"key": "democratic", "label": "民主测评得分", "weight": "1"},
    ],
}

HEAD_TOTAL: dict = {  # R002-04
    "label": "正职考核得分",
    "rule": "R002-04",
    "components": [
        {"key": "team", "label": "班子总分", "weight": "0.30", "weighted_label": "班子总分×30%"},
        {"key": "democratic", "label": "民主测评总分", "weight": "0.70", "weighted_label": "民主测评×70%"},
    ],
}

DEPUTY_TOTAL: dict = {  # R002-05
    "label": "副职及其他干部考核得分",
    "rule": "R002-05",
    "components": [
        {"key": "leader", "label": "领导评价", "weight": "1"},
        {"key": "democratic", "label": "民主测评（德能勤绩廉）", "weight": "1"},
    ],
}

STREAKS: dict = {  # RP-07
    "rules": [
        {
            "grades": ["基本称职", "基本合格"],
            "years": 2,
            "flag": "连续两年基本称职（基本合格），进行组织调整",
        },
        {"grades": ["不称职", "不合格"], "years": 2, "flag": "连续两年不称职（不合格）"},
        {"grades": ["优秀"], "years": 3, "flag": "连续三年优秀，记三等功"},
    ],
}

# R002-07 … R002-09: probation, grassroots training of new civil servants, reserve cadres.
CADRE_MANAGEMENT: dict = {
    "probation": {"months": 12, "pass_grades": ["合格"]},
    "grassroots_training": {"grades": ["优秀", "合格", "不合格"], "confirm_grades": ["优秀", "合格"]},
    "reserve": {"head_ratio": "1", "deputy_ratio": "1"},
}

_SRC = "seed 002 年度综合考核实施方案"
PRESETS: tuple[Preset, ...] = (
    Preset("annual.team.seed002", "grading", "领导班子年度考核定等", _SRC, TEAM_GRADING),
    Preset("annual.cadre.civil_servant", "grading", "领导干部年度考核定等（公务员）", _SRC, CADRE_GRADING),
    Preset(
        "annual.cadre.institution",
        "grading",
        "事业单位工作人员年度考核定等",
        "RP-06 事业单位工作人员考核规定（2023）",
        INSTITUTION_GRADING,
    ),
    Preset("annual.team.democratic", "votes", "领导班子民主测评（好/较好/一般/差）", _SRC, TEAM_DEMOCRATIC),
    Preset("annual.team.total", "total", "领导班子综合考核得分（分项70+测评30）", _SRC, TEAM_TOTAL),
    Preset("annual.cadre.head.total", "total", "正职考核得分（班子30%+测评70%）", _SRC, HEAD_TOTAL),
    Preset("annual.cadre.deputy.total", "total", "副职考核得分（领导评价30+测评70）", _SRC, DEPUTY_TOTAL),
    Preset("annual.streaks", "streaks", "连续年度考核结果提示", "RP-07", STREAKS),
    Preset(
        "annual.cadre_management", "cadre_management", "试用期、基层锻炼与后备干部", _SRC, CADRE_MANAGEMENT
    ),
)
