"""Ballot templates shipped as presets (G-2): copied into a round, where the organiser may edit them.

The numbers come from the rules engine's presets (seed 000 A/B tables, the seed-002 team table). The
seed-002 cadre table (R002-05: 德、能、勤、绩、廉, 70 points) names no option weights; the preset assumes
优秀 1 / 称职 0.8 / 基本称职 0.6 / 不称职 0 by analogy with R002-02 — an editable default, not a rule.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from kaoping.scoring.presets.annual import TEAM_DEMOCRATIC
from kaoping.scoring.presets.selection import SEED000_SELECTION

_OVERALL = [{"key": "overall", "label": "综合评价", "weight": "1"}]


def _seed000() -> dict:
    ev = SEED000_SELECTION["evaluation"]
    return {
        "label": ev["label"],
        "rule": "R000-15",
        "options": copy.deepcopy(ev["options"]),
        "groups": copy.deepcopy(ev["groups"]),
        "items": copy.deepcopy(_OVERALL),
        "participation_threshold": ev["participation_threshold"],
    }


def _team002() -> dict:
    data = copy.deepcopy(TEAM_DEMOCRATIC)
    data["items"] = copy.deepcopy(_OVERALL)
    data["participation_threshold"] = "0.80"
    return data


def _cadre002() -> dict:
    return {
        "label": "民主测评（德能勤绩廉）",
        "rule": "R002-05",
        "options": [
            {"name": "优秀", "weight": "1.0"},
            {"name": "称职", "weight": "0.8"},
            {"name": "基本称职", "weight": "0.6"},
            {"name": "不称职", "weight": "0"},
        ],
        "groups": [{"key": "全体", "label": "参加测评人员", "points": "70"}],
        "items": [{"key": k, "label": k, "weight": "0.2"} for k in ("德", "能", "勤", "绩", "廉")],
        "participation_threshold": "0.80",
    }


@dataclass(frozen=True)
class BallotPreset:
    key: str
    title: str
    source: str

    def data(self) -> dict:
        return _BUILDERS[self.key]()


_BUILDERS = {"seed000.ab": _seed000, "seed002.team": _team002, "seed002.cadre": _cadre002}

PRESETS: tuple[BallotPreset, ...] = (
    BallotPreset("seed000.ab", _("竞争上岗民主测评（A表40分 + B表60分）"), "seed 000 R000-15/16"),
    BallotPreset("seed002.team", _("领导班子民主测评（好/较好/一般/差，30分）"), "seed 002 R002-02"),
    BallotPreset("seed002.cadre", _("领导干部民主测评（德能勤绩廉，70分）"), "seed 002 R002-05"),
)


def preset_choices() -> list[tuple[str, str]]:
    return [(p.key, str(p.title)) for p in PRESETS]


def get_preset(key: str) -> BallotPreset:
    for preset in PRESETS:
        if preset.key == key:
            return preset
    raise KeyError(key)
