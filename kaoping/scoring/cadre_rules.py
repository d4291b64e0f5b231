"""Cadre-management rules with a computable core: inspection teams (R000-23), probation outcomes (R002-07),
grassroots-training confirmation (R002-08) and reserve-cadre numbers (R002-09).

Numbers (team size, the leader's level, reserve ratios, probation length) are data: each rule is a frozen
dataclass built by ``from_dict`` from a preset the user may edit (G-2).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal
from typing import Any

from . import _validate as v
from .dates import add_months
from .errors import SchemeError
from .trace import Derivation

# ---------------------------------------------------------------------------------------- R000-23


@dataclass(frozen=True)
class TeamMember:
    """A member of an inspection team (考察组). ``level`` is the rank level, e.g. "正局级"."""

    person_id: str
    name: str
    level: str
    is_leader: bool = False


@dataclass(frozen=True)
class InspectionTeamRule:
    """R000-23: the leader holds one of ``leader_levels``; the team has ``min_members``–``max_members``
    people (counting the leader when ``count_includes_leader``); nobody on it has a declared conflict with
    the people inspected (回避)."""

    leader_levels: tuple[str, ...] = ("正局级",)
    min_members: int = 4
    max_members: int = 6
    count_includes_leader: bool = True

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> InspectionTeamRule:
        levels = data.get("leader_levels", ["正局级"])
        if not isinstance(levels, (list, tuple)) or not levels:
            raise SchemeError("leader_levels", "至少指定一个组长职级")
        low = v.count(data.get("min_members", 4), "min_members", allow_zero=False)
        high = v.count(data.get("max_members", 6), "max_members", allow_zero=False)
        if high < low:
            raise SchemeError("max_members", "人数上限不能小于下限")
        return cls(tuple(str(x) for x in levels), low, high, bool(data.get("count_includes_leader", True)))


def inspection_team_issues(
    rule: InspectionTeamRule, members: Sequence[TeamMember], conflicts: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """Every reason the team cannot inspect yet (empty when it may). ``conflicts`` maps a member's
    ``person_id`` to the declared conflict (e.g. "与考察对象系近亲属")."""
    issues: list[str] = []
    leaders = [m for m in members if m.is_leader]
    if len(leaders) != 1:
        issues.append(f"R000-23 考察组应有且只有一名组长（现有 {len(leaders)} 名）")
    for leader in leaders:
        if leader.level not in rule.leader_levels:
            allowed = "、".join(rule.leader_levels)
            issues.append(f"R000-23 组长{leader.name}为{leader.level}，应由{allowed}干部担任")
    size = len(members) if rule.count_includes_leader else len(members) - len(leaders)
    if not rule.min_members <= size <= rule.max_members:
        issues.append(f"R000-23 考察组成员应为 {rule.min_members}–{rule.max_members} 人（现有 {size} 人）")
    for member in members:
        reason = (conflicts or {}).get(member.person_id)
        if reason:
            issues.append(f"R000-23 {member.name}应当回避：{reason}")
    return tuple(issues)


# ---------------------------------------------------------------------------------- R002-07, R002-08


@dataclass(frozen=True)
class ProbationRule:
    """R002-07: a probation (试用期) of ``months``; a result in ``pass_grades`` leads to formal appointment,
    any other result to removal from the trial post and return to the former level."""

    months: int = 12
    pass_grades: tuple[str, ...] = ("合格",)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ProbationRule:
        grades = data.get("pass_grades", ["合格"])
        if not isinstance(grades, (list, tuple)) or not grades:
            raise SchemeError("pass_grades", "至少指定一个通过等次")
        return cls(v.count(data.get("months", 12), "months", allow_zero=False), tuple(str(g) for g in grades))


@dataclass(frozen=True)
class ProbationOutcome:
    formal: bool | None  # None while the probation has not been assessed
    due: date  # the day the probation ends
    text: str


def probation_outcome(rule: ProbationRule, start: date, result: str | None) -> ProbationOutcome:
    """R002-07: the decision a probation result leads to."""
    due = add_months(start, rule.months)
    if result is None:
        return ProbationOutcome(None, due, f"R002-07 试用期至 {due.isoformat()} 期满，尚未考核")
    if result in rule.pass_grades:
        return ProbationOutcome(True, due, f"R002-07 试用期考核{result}，办理正式任职")
    return ProbationOutcome(False, due, f"R002-07 试用期考核{result}，免去试任职务，按试用前原职级安排工作")


@dataclass(frozen=True)
class GrassrootsTrainingRule:
    """R002-08: new civil servants may be confirmed (转正定级) only after grassroots training (基层锻炼)
    assessed at one of ``confirm_grades``."""

    grades: tuple[str, ...] = ("优秀", "合格", "不合格")
    confirm_grades: tuple[str, ...] = ("优秀", "合格")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> GrassrootsTrainingRule:
        grades = tuple(str(g) for g in data.get("grades", cls.grades))
        confirm = tuple(str(g) for g in data.get("confirm_grades", cls.confirm_grades))
        unknown = [g for g in confirm if g not in grades]
        if unknown:
            raise SchemeError("confirm_grades", f"未知的等次：{'、'.join(unknown)}")
        return cls(grades, confirm)


def training_allows_confirmation(rule: GrassrootsTrainingRule, result: str | None) -> tuple[bool, str]:
    """R002-08: (may be confirmed, reason). No training at all blocks confirmation like a failing result."""
    if result is None:
        return False, "R002-08 试用期间未经基层锻炼，不能办理转正定级"
    if result not in rule.grades:
        raise SchemeError("result", f"未知的基层锻炼考核等次：{result}")
    if result in rule.confirm_grades:
        return True, f"R002-08 基层锻炼考核{result}，可以办理转正定级"
    return False, f"R002-08 基层锻炼考核{result}，不能办理转正定级"


# ---------------------------------------------------------------------------------------- R002-09


@dataclass(frozen=True)
class ReserveRule:
    """R002-09: reserve cadres (后备干部) recommended at ``head_ratio`` per head post and ``deputy_ratio``
    per deputy post (1:1 in the seed); a fractional requirement rounds up."""

    head_ratio: Decimal = Decimal("1")
    deputy_ratio: Decimal = Decimal("1")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ReserveRule:
        return cls(
            v.dec(data.get("head_ratio", "1"), "head_ratio"),
            v.dec(data.get("deputy_ratio", "1"), "deputy_ratio"),
        )


def reserve_requirement(rule: ReserveRule, head_posts: int, deputy_posts: int) -> Derivation:
    """How many reserve cadres a unit recommends for its head and deputy posts."""
    if head_posts < 0 or deputy_posts < 0:
        raise SchemeError("posts", "职数不能为负数")
    heads = (rule.head_ratio * head_posts).to_integral_value(rounding=ROUND_CEILING)
    deputies = (rule.deputy_ratio * deputy_posts).to_integral_value(rounding=ROUND_CEILING)
    return Derivation(
        label="后备干部推荐人数",
        value=heads + deputies,
        formula=f"正职 {head_posts}×{rule.head_ratio} + 副职 {deputy_posts}×{rule.deputy_ratio} = {heads} + {deputies}",
        rule="R002-09",
        inputs=(("head_posts", head_posts), ("deputy_posts", deputy_posts)),
    )
