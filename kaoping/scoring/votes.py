"""Vote-share scores of democratic evaluations (民主测评): R000-15, R000-16, R002-02, RP-09.

A :class:`VoteScheme` lists the options with their weights (胜任 1 / 基本胜任 0.5 / 不胜任 0, or
好 1.0 / 较好 0.8 / 一般 0.6 / 差 0) and the voter groups (tables) with their points (A 40, B 60, or one
table of 30). A group's score = Σ count×weight × points / valid ballots, rounded when formed (G-1); the
total is the sum of the rounded group scores. Zero valid ballots never give zero: the result is incomplete
(G-6).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from . import _schemeparse as sp
from .decimals import DEFAULT_ROUNDING, ZERO, Rounding, fmt, round_score, to_decimal
from .errors import SchemeError
from .trace import Derivation, incomplete


@dataclass(frozen=True)
class VoteOption:
    """One choice on a ballot and the weight it counts with (不胜任 → 0)."""

    name: str
    weight: Decimal


@dataclass(frozen=True)
class VoterGroup:
    """A voter group / table (A 表, B 表) and its points (满分)."""

    key: str
    points: Decimal
    label: str = ""


@dataclass(frozen=True)
class VoteScheme:
    """Options, groups, rounding and the rule id a vote-share score is computed with."""

    options: tuple[VoteOption, ...]
    groups: tuple[VoterGroup, ...]
    label: str = "民主测评分数"
    rule: str = "R000-15"
    group_rounding: Rounding = DEFAULT_ROUNDING
    total_rounding: Rounding = DEFAULT_ROUNDING

    def __post_init__(self) -> None:
        if not self.options:
            raise SchemeError("options", "至少需要一个选项")
        if not self.groups:
            raise SchemeError("groups", "至少需要一个投票组")
        sp.unique((o.name for o in self.options), "options")
        sp.unique((g.key for g in self.groups), "groups")

    @property
    def max_score(self) -> Decimal:
        """Sum of the groups' points (the score when every ballot picks the top option)."""
        return sum((g.points for g in self.groups), ZERO)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "") -> VoteScheme:
        """Validate a plain dict (see presets) into a scheme; errors name the field in Chinese."""
        data = sp.mapping(data, path or "votes")
        options = []
        opath = sp.path_join(path, "options")
        for i, item in enumerate(sp.seq(sp.get(data, "options", path), opath, nonempty=True)):
            ipath = sp.path_join(opath, i)
            item = sp.mapping(item, ipath)
            options.append(
                VoteOption(
                    name=sp.text(sp.get(item, "name", ipath), sp.path_join(ipath, "name")),
                    weight=sp.dec(sp.get(item, "weight", ipath), sp.path_join(ipath, "weight"), minimum=0),
                )
            )
        groups = []
        gpath = sp.path_join(path, "groups")
        for i, item in enumerate(sp.seq(sp.get(data, "groups", path), gpath, nonempty=True)):
            ipath = sp.path_join(gpath, i)
            item = sp.mapping(item, ipath)
            groups.append(
                VoterGroup(
                    key=sp.text(sp.get(item, "key", ipath), sp.path_join(ipath, "key")),
                    points=sp.dec(
                        sp.get(item, "points", ipath), sp.path_join(ipath, "points"), positive=True
                    ),
                    label=str(item.get("label", "")),
                )
            )
        try:
            return cls(
                options=tuple(options),
                groups=tuple(groups),
                label=str(data.get("label", "民主测评分数")),
                rule=str(data.get("rule", "R000-15")),
                group_rounding=sp.rounding(data.get("group_rounding"), sp.path_join(path, "group_rounding")),
                total_rounding=sp.rounding(data.get("total_rounding"), sp.path_join(path, "total_rounding")),
            )
        except SchemeError as exc:
            raise SchemeError(sp.path_join(path, exc.field), exc.message) from None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (inverse of :meth:`from_dict`)."""
        return {
            "label": self.label,
            "rule": self.rule,
            "options": [{"name": o.name, "weight": str(o.weight)} for o in self.options],
            "groups": [{"key": g.key, "label": g.label, "points": str(g.points)} for g in self.groups],
            "group_rounding": self.group_rounding.to_dict(),
            "total_rounding": self.total_rounding.to_dict(),
        }


def _check_counts(scheme: VoteScheme, group: str, counts: Mapping[str, int]) -> None:
    names = {o.name for o in scheme.options}
    for name, count in counts.items():
        if name not in names:
            raise ValueError(f"{group} 组有未知选项：{name}")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"{group} 组 {name} 票数应为非负整数")


def group_score(scheme: VoteScheme, group: VoterGroup, counts: Mapping[str, int]) -> Derivation:
    """One group's score: (Σ count×weight) × points / valid ballots, rounded when formed (G-1)."""
    _check_counts(scheme, group.key, counts)
    valid = sum(counts.values())
    inputs = (("counts", dict(counts)), ("valid", valid), ("points", group.points))
    if valid == 0:
        return Derivation(
            label=group.key,
            value=None,
            rule=scheme.rule,
            inputs=inputs,
            incomplete_reasons=(f"{group.key} 组有效票数为 0，无法计算",),
        )
    weighted = [(o, counts.get(o.name, 0)) for o in scheme.options if o.weight != ZERO]
    numerator = sum((to_decimal(c) * o.weight for o, c in weighted), ZERO)
    value = round_score(numerator * group.points / valid, scheme.group_rounding)
    terms = " + ".join(f"{c}×{sp.num(o.weight)}" for o, c in weighted) or "0"
    formula = f"({terms})×{sp.num(group.points)}/{valid}"
    return Derivation(label=group.key, value=value, formula=formula, rule=scheme.rule, inputs=inputs)


def vote_score(scheme: VoteScheme, tallies: Mapping[str, Mapping[str, int]]) -> Derivation:
    """Total score = Σ rounded group scores. A missing group or zero valid ballots → incomplete (G-6).

    Text: "民主测评分数 77.00 = A 32.00 [(7×1 + 2×0.5)×40/10] + B 45.00 [(30×1 + 15×0.5)×60/50]".
    """
    unknown = set(tallies) - {g.key for g in scheme.groups}
    if unknown:
        raise ValueError(f"未知投票组：{'、'.join(sorted(unknown))}")
    parts = []
    for group in scheme.groups:
        if group.key not in tallies:
            parts.append(incomplete(group.key, f"缺少 {group.key} 组计票结果", rule=scheme.rule))
        else:
            parts.append(group_score(scheme, group, tallies[group.key]))
    if any(p.value is None for p in parts):
        return Derivation(
            label=scheme.label,
            value=None,
            rule=scheme.rule,
            parts=tuple(parts),
            incomplete_reasons=tuple(r for p in parts for r in p.incomplete_reasons),
        )
    total = round_score(sum((p.value for p in parts), ZERO), scheme.total_rounding)  # type: ignore[misc]
    formula = " + ".join(f"{p.label} {fmt(p.value)} [{p.formula}]" for p in parts)  # type: ignore[arg-type]
    return Derivation(label=scheme.label, value=total, formula=formula, rule=scheme.rule, parts=tuple(parts))


@dataclass(frozen=True)
class Participation:
    """Result of the participation check (R000-16): rate = returned / eligible, ok when rate ≥ threshold."""

    returned: int
    eligible: int
    threshold: Decimal
    ok: bool | None
    derivation: Derivation = field(compare=False)


def check_participation(
    returned: int,
    eligible: int,
    threshold: Decimal = Decimal("0.8"),
    *,
    inclusive: bool = True,
    rule: str = "R000-16",
) -> Participation:
    """Is the evaluation valid? ``returned/eligible ≥ threshold`` (``>`` when not ``inclusive``).

    The comparison is exact (returned ≥ threshold × eligible), so 40 of 50 at 80% passes. No eligible
    voters → ``ok`` is None with an incomplete derivation (G-6).
    """
    if returned < 0 or eligible < 0:
        raise ValueError("人数不能为负")
    if eligible == 0:
        der = incomplete("参加率", "应参加人数为 0，无法判断测评是否有效", rule=rule)
        return Participation(returned, eligible, threshold, None, der)
    lhs = to_decimal(returned)
    rhs = threshold * eligible
    ok = lhs >= rhs if inclusive else lhs > rhs
    rate = round_score(lhs * 100 / eligible)
    sign = "≥" if inclusive else ">"
    verdict = "有效" if ok else "无效"
    der = Derivation(
        label="参加率",
        value=rate,
        formula=f"{returned}/{eligible} = {fmt(rate)}%，要求 {sign} {sp.percent(threshold)}：{verdict}",
        rule=rule,
        inputs=(("returned", returned), ("eligible", eligible), ("threshold", threshold)),
    )
    return Participation(returned, eligible, threshold, ok, der)


@dataclass(frozen=True)
class Reconciliation:
    """RP-09: per table, ballots returned must not exceed credentials issued; otherwise void."""

    ok: bool
    problems: tuple[str, ...]


def reconcile_ballots(issued: Mapping[str, int], returned: Mapping[str, int]) -> Reconciliation:
    """RP-09 ballot reconciliation. A table with returned > issued (or returned without any issued)
    voids the evaluation; each problem is named in Chinese."""
    problems = []
    for table in sorted(set(issued) | set(returned)):
        got, gave = returned.get(table, 0), issued.get(table, 0)
        if got > gave:
            problems.append(f"{table} 表收回 {got} 张，超过发出凭证 {gave} 张，测评无效")
    return Reconciliation(ok=not problems, problems=tuple(problems))


def share_of(counts: Mapping[str, int], options: Iterable[str]) -> Fraction | None:
    """Exact share of ballots choosing any of ``options`` (None when there are no valid ballots)."""
    total = sum(counts.values())
    if total == 0:
        return None
    wanted = set(options)
    return Fraction(sum(c for name, c in counts.items() if name in wanted), total)
