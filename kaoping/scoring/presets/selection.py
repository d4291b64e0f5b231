"""Seed 000 (工组字[2011]369号 全总机关竞争上岗实施方案) preset for :class:`SelectionScheme` (G-2)."""

from __future__ import annotations

import copy

from ..base_score import SEED000_BASE_SCORE
from . import Preset

# R000-07 … R000-12 as data (seed 000), read by kaoping.scoring.eligibility.rule_from_dict. A campaign picks
# the list for each post's level; the extra lists apply to the posts and applicants they name.
SEED000_ELIGIBILITY: dict[str, list[dict]] = {
    "副局级": [
        {
            "kind": "any_of",
            "rule": "R000-07",
            "label": "副局级职位任职资格",
            "items": [
                {"kind": "rank_in", "ranks": ["副巡视员", "副局级"]},
                {"kind": "years_in_rank", "ranks": ["正处级"], "min_years": 3},
            ],
        },
        {"kind": "annual_results", "years": [2008, 2009, 2010], "minimum": "称职"},
        {"kind": "exemption"},
        {"kind": "avoidance", "mode": "block"},
    ],
    "正处级": [
        {
            "kind": "any_of",
            "rule": "R000-07",
            "label": "正处级职位任职资格",
            "items": [
                {"kind": "rank_in", "ranks": ["正处级"]},
                {"kind": "years_in_rank", "ranks": ["副处级"], "min_years": 2},
            ],
        },
        {"kind": "annual_results", "years": [2008, 2009, 2010], "minimum": "称职"},
        {"kind": "exemption"},
        {"kind": "avoidance", "mode": "block"},
    ],
    # added for the vice-chair posts of the national industrial unions
    "产业工会副主席": [{"kind": "born_on_or_after", "date": "1953-10-01"}],
    # added for 直属单位 people applying to 副局级 posts in 参照公务员法管理的部门
    "调任": [{"kind": "transfer", "born_on_or_after": "1956-10-01"}],
}


SEED000_SELECTION: dict = {
    "name": "全总机关2011年竞争上岗",
    # R000-14, R000-15, R000-18, R000-20, R000-21
    "weights": {"base": "0.20", "evaluation": "0.20", "exam": "0.30", "interview": "0.30"},
    "evaluation": {
        "label": "民主测评分数",
        "options": [
            {"name": "胜任", "weight": "1"},
            {"name": "基本胜任", "weight": "0.5"},
            {"name": "不胜任", "weight": "0"},
        ],
        "groups": [
            {"key": "A", "label": "领导班子成员、局级干部", "points": "40"},
            {"key": "B", "label": "其他人员", "points": "60"},
        ],
        "participation_threshold": "0.80",  # R000-16: 须达到应参加人数的80%以上 (inclusive)
        "participation_inclusive": True,
        "pass_mark": "60",  # R000-17: 60分（含）以上进入笔试
    },
    "exam": {
        "items": [
            {"key": "case", "label": "案例分析", "max": "60", "tolerance": "0", "tolerance_kind": "absolute"},
            {"key": "essay", "label": "写作", "max": "40", "tolerance": "0", "tolerance_kind": "absolute"},
        ],
        "marking_mode": "1评",  # 多人判分取平均分 (R000-18); 2+1 / 2+1+1 are RP-04 options
    },
    "interview": {
        "parts": [
            {"key": "statement", "label": "个人陈述", "max": "40"},
            {"key": "answers", "label": "竞岗答辩", "max": "60"},
        ],
        "trim_k": 1,  # 去掉一个最高分和一个最低分
        "excluded_roles": ["chief"],  # 主考官评分以外的分数
        "trim_mode": "total",
        "panel_min": 7,
        "panel_max": 9,
    },
    "registration": {"min_registrants": 3, "max_changes": 1},  # R000-05, R000-03
    "cutoffs": {
        "interview_top_n": 3,  # R000-19
        "inspection_top_n": 2,  # R000-21
        "tie_policy": "include_all",  # G-5 default: 并列 all go through
        "tie_break": ["exam", "interview"],  # RP-05 chain, used when tie_policy = tie_break
    },
    "rounding": {
        "stage": {"places": 2, "mode": "half_up"},
        "part": {"places": 2, "mode": "half_up"},
        "total": {"places": 2, "mode": "half_up"},
        "full_precision": False,
    },
    "base_score": copy.deepcopy(SEED000_BASE_SCORE),
    "eligibility": copy.deepcopy(SEED000_ELIGIBILITY),
}

# R000-23: 考察组组长由机关正局级干部担任，每组成员4-6人 (read as 4–6 people including the leader).
SEED000_INSPECTION_TEAM: dict = {
    "leader_levels": ["正局级"],
    "min_members": 4,
    "max_members": 6,
    "count_includes_leader": True,
}

PRESETS: tuple[Preset, ...] = (
    Preset(
        key="selection.seed000",
        kind="selection",
        title="竞争上岗（全总机关2011年实施方案）",
        source="seed 000 工组字[2011]369号",
        data=SEED000_SELECTION,
    ),
    Preset(
        key="selection.seed000.inspection_team",
        kind="inspection_team",
        title="考察组组成（全总机关2011年实施方案）",
        source="seed 000 工组字[2011]369号",
        data=SEED000_INSPECTION_TEAM,
    ),
)
