"""Department target assessment (目标管理考核), R003-01 and R003-02.

A :class:`TargetScheme` holds each department's target items (points summing to 100 — the checker
warns otherwise), the bonus catalogue (加分项目) with its cap of 20 per department, and the attendance
and bonus schemes of the same document (R003-04 … R003-07), so one preset carries seed 003 whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ._validate import dec, num, required
from .attendance import AttendanceScheme
from .bonus import BonusScheme
from .decimals import DEFAULT_ROUNDING, HUNDRED, ZERO, Rounding, round_score
from .errors import SchemeError
from .indicators import TemplateWarning
from .trace import Derivation, incomplete


@dataclass(frozen=True)
class TargetItem:
    """A target item: number (e.g. "8.1"), text and maximum points."""

    no: str
    text: str
    points: Decimal


@dataclass(frozen=True)
class Department:
    """An assessed department and its target items."""

    name: str
    items: tuple[TargetItem, ...]

    @property
    def total_points(self) -> Decimal:
        return sum((it.points for it in self.items), ZERO)


@dataclass(frozen=True)
class BonusItem:
    """A bonus item of the catalogue; ``points`` None means discretionary (视情加分)."""

    code: str
    text: str
    points: Decimal | None


@dataclass(frozen=True)
class BonusAward:
    """One bonus awarded to a department: the catalogue ``code``; ``points`` only for a discretionary item."""

    code: str
    points: Decimal | None = None
    note: str = ""


@dataclass(frozen=True)
class TargetScheme:
    """Seed 003 as data: departments, bonus catalogue and cap, attendance, bonus and leader weights."""

    departments: tuple[Department, ...]
    bonus_items: tuple[BonusItem, ...] = ()
    bonus_cap: Decimal = Decimal("20")
    attendance: AttendanceScheme = field(default_factory=AttendanceScheme)
    bonus: BonusScheme = field(default_factory=BonusScheme)
    rounding: Rounding = DEFAULT_ROUNDING

    @classmethod
    def from_dict(cls, data: dict) -> TargetScheme:
        """Validate ``data`` (see ``presets/targets.py``); :class:`SchemeError` names the field."""
        departments = []
        for i, d in enumerate(required(data, "departments", "")):
            f = f"departments[{i}]"
            items = tuple(
                TargetItem(
                    no=str(required(it, "no", f"{f}.items[{j}]")),
                    text=it.get("text", ""),
                    points=dec(
                        required(it, "points", f"{f}.items[{j}]"), f"{f}.items[{j}].points", allow_zero=False
                    ),
                )
                for j, it in enumerate(required(d, "items", f))
            )
            if len({it.no for it in items}) != len(items):
                raise SchemeError(f"{f}.items", "考核目标序号不能重复")
            departments.append(Department(name=required(d, "name", f), items=items))
        if len({d.name for d in departments}) != len(departments):
            raise SchemeError("departments", "部门名称不能重复")
        bonus_items = tuple(
            BonusItem(
                code=str(required(b, "code", f"bonus_items[{i}]")),
                text=b.get("text", ""),
                points=None
                if b.get("points") is None
                else dec(b["points"], f"bonus_items[{i}].points", allow_zero=False),
            )
            for i, b in enumerate(data.get("bonus_items", []))
        )
        if len({b.code for b in bonus_items}) != len(bonus_items):
            raise SchemeError("bonus_items", "加分项目代码不能重复")
        bonus_data = {**(data.get("target_bonus") or {}), **(data.get("leader_weights") or {})}
        return cls(
            departments=tuple(departments),
            bonus_items=bonus_items,
            bonus_cap=dec(data.get("bonus_cap", "20"), "bonus_cap", allow_zero=False),
            attendance=AttendanceScheme.from_dict(data.get("attendance")),
            bonus=BonusScheme.from_dict(bonus_data),
        )

    def department(self, name: str) -> Department:
        for d in self.departments:
            if d.name == name:
                return d
        raise SchemeError("department", f"没有部门“{name}”")

    def bonus_item(self, code: str) -> BonusItem:
        for b in self.bonus_items:
            if b.code == code:
                return b
        raise SchemeError("bonus_items", f"加分项目“{code}”不在加分目录中")


def check_targets(scheme: TargetScheme) -> tuple[TemplateWarning, ...]:
    """R003-01: a warning for each department whose target points do not add up to 100."""
    warnings = []
    for d in scheme.departments:
        if d.total_points != HUNDRED:
            message = f"{d.name}考核目标分值合计 {num(d.total_points)}，不等于 100"
            warnings.append(TemplateWarning(f"departments.{d.name}", "R003-01", message))
    return tuple(warnings)


def bonus_points(scheme: TargetScheme, awards: Iterable[BonusAward]) -> Derivation:
    """R003-02: the sum of awarded bonus points, capped at ``bonus_cap`` (20) per department."""
    parts = []
    for i, award in enumerate(awards):
        item = scheme.bonus_item(award.code)
        if item.points is None:
            if award.points is None:
                raise SchemeError(f"awards[{i}].points", f"“{item.text or item.code}”为视情加分，须填写分值")
            points = dec(award.points, f"awards[{i}].points", allow_zero=False)
        else:
            points = item.points
        label = f"加分：{item.text or item.code}"
        parts.append(
            Derivation(label, points, num(points), "R003-02", (("code", item.code), ("note", award.note)))
        )
    raw = sum((p.value for p in parts), ZERO)
    detail = " + ".join(num(p.value) for p in parts) or "0"
    capped = raw > scheme.bonus_cap
    formula = f"min({detail}, {num(scheme.bonus_cap)})" if capped else detail
    value = round_score(min(raw, scheme.bonus_cap), scheme.rounding)
    return Derivation(
        "加分", value, formula, "R003-02", (("raw", raw), ("cap", scheme.bonus_cap)), tuple(parts)
    )


def department_score(
    scheme: TargetScheme,
    department: str,
    item_scores: Mapping[str, Decimal | None],
    awards: Iterable[BonusAward] = (),
) -> Derivation:
    """R003-01/02: a department's annual score = the points given per target item (each within its
    maximum) + capped bonus. Incomplete when an item has no score (G-6)."""
    dept = scheme.department(department)
    parts = []
    missing = []
    for it in dept.items:
        given = item_scores.get(it.no)
        if given is None:
            missing.append(f"{dept.name}第{it.no}项未评分")
            continue
        value = dec(given, f"item_scores.{it.no}")
        if value > it.points:
            raise SchemeError(f"item_scores.{it.no}", f"得分 {num(value)} 超过该项分值 {num(it.points)}")
        parts.append(Derivation(f"第{it.no}项", value, f"{num(value)} / {num(it.points)}", "R003-01"))
    extra = bonus_points(scheme, awards)
    label = f"{dept.name}考核得分"
    if missing:
        return incomplete(label, *missing, rule="R003-01", parts=(*tuple(parts), extra))
    items_total = sum((p.value for p in parts), ZERO)
    value = round_score(items_total + extra.value, scheme.rounding)
    formula = f"目标得分 {num(items_total)} + 加分 {num(extra.value)}"
    return Derivation(label, value, formula, "R003-01", (("department", dept.name),), (*tuple(parts), extra))
