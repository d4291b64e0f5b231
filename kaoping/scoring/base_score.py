"""R000-14: base score (基础分) = 职务分 + 年度考核分 + 挂职分, capped at 100.

Default reading of 挂职分: for each secondment of a listed kind, take the part that lies inside
[start of the current level (任职级时间), cut-off], count its completed half-years (floor of
months / 6, the last day of a secondment included) and give 1.5 per half-year (3 per full year);
the sum is capped at 9. ``counting="pooled"`` adds the months of all secondments before flooring.

The selection scheme stores this scheme's dict under the key ``"base_score"``;
:data:`SEED000_BASE_SCORE` is the seed's preset.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ._validate import dec, num, required
from .dates import clip_period, period_months
from .decimals import DEFAULT_ROUNDING, ZERO, Rounding, round_score
from .errors import SchemeError
from .records import PersonRecord
from .trace import Derivation, incomplete

RULE = "R000-14"

SEED000_BASE_SCORE: dict = {
    "position_points": {"副局级": "40", "处长": "30", "调研员": "25", "副处级": "20"},
    "years": [2008, 2009, 2010],
    "grade_points": {"称职": "15", "合格": "15", "优秀": "17"},
    "other_grade_points": "0",
    "secondment": {
        "kinds": ["援疆", "援藏", "挂职", "扶贫", "支教"],
        "points_per_year": "3",
        "points_per_half_year": "1.5",
        "cap": "9",
        "counting": "per_secondment",
    },
    "cap": "100",
    "rounding": {"places": 2, "mode": "half_up"},
}


@dataclass(frozen=True)
class BaseScoreScheme:
    """The numbers of R000-14 as data. ``position_points`` is looked up by rank code first
    (处长, 调研员), then by level (副局级, 副处级)."""

    position_points: tuple[tuple[str, Decimal], ...]
    years: tuple[int, ...]
    grade_points: tuple[tuple[str, Decimal], ...]
    other_grade_points: Decimal = ZERO
    secondment_kinds: tuple[str, ...] = ("援疆", "援藏", "挂职", "扶贫", "支教")
    points_per_year: Decimal = Decimal("3")
    points_per_half_year: Decimal = Decimal("1.5")
    secondment_cap: Decimal = Decimal("9")
    counting: str = "per_secondment"
    cap: Decimal = Decimal("100")
    rounding: Rounding = DEFAULT_ROUNDING

    @classmethod
    def from_dict(cls, data: dict) -> BaseScoreScheme:
        """Validate ``data`` (see :data:`SEED000_BASE_SCORE`); :class:`SchemeError` names the field."""
        positions = required(data, "position_points", "")
        if not isinstance(positions, dict) or not positions:
            raise SchemeError("position_points", "职务分表不能为空")
        years = required(data, "years", "")
        if not isinstance(years, list) or not years:
            raise SchemeError("years", "至少需要一个考核年度")
        if len(set(years)) != len(years):
            raise SchemeError("years", "考核年度不能重复")
        grades = required(data, "grade_points", "")
        if not isinstance(grades, dict) or not grades:
            raise SchemeError("grade_points", "年度考核分表不能为空")
        sec = data.get("secondment") or {}
        counting = sec.get("counting", "per_secondment")
        if counting not in ("per_secondment", "pooled"):
            raise SchemeError("secondment.counting", "挂职计算方式只能是 per_secondment 或 pooled")
        try:
            rounding = Rounding.from_dict(data.get("rounding"))
        except ValueError as exc:
            raise SchemeError("rounding", f"取舍规则无效：{exc}") from None
        return cls(
            position_points=tuple((k, dec(v, f"position_points.{k}")) for k, v in positions.items()),
            years=tuple(int(y) for y in years),
            grade_points=tuple((k, dec(v, f"grade_points.{k}")) for k, v in grades.items()),
            other_grade_points=dec(data.get("other_grade_points", "0"), "other_grade_points"),
            secondment_kinds=tuple(sec.get("kinds", cls.secondment_kinds)),
            points_per_year=dec(sec.get("points_per_year", "3"), "secondment.points_per_year"),
            points_per_half_year=dec(
                sec.get("points_per_half_year", "1.5"), "secondment.points_per_half_year"
            ),
            secondment_cap=dec(sec.get("cap", "9"), "secondment.cap", allow_zero=False),
            counting=counting,
            cap=dec(data.get("cap", "100"), "cap", allow_zero=False),
            rounding=rounding,
        )

    def to_dict(self) -> dict:
        """The dict form (numbers as strings) that :meth:`from_dict` reads back."""
        return {
            "position_points": {k: str(v) for k, v in self.position_points},
            "years": list(self.years),
            "grade_points": {k: str(v) for k, v in self.grade_points},
            "other_grade_points": str(self.other_grade_points),
            "secondment": {
                "kinds": list(self.secondment_kinds),
                "points_per_year": str(self.points_per_year),
                "points_per_half_year": str(self.points_per_half_year),
                "cap": str(self.secondment_cap),
                "counting": self.counting,
            },
            "cap": str(self.cap),
            "rounding": self.rounding.to_dict(),
        }

    def points_for_position(self, person: PersonRecord) -> tuple[str, Decimal] | None:
        """(matched key, points) by rank code, then level; None if neither is in the table."""
        table = dict(self.position_points)
        for key in (person.rank_code, person.rank_level):
            if key in table:
                return key, table[key]
        return None

    def half_year_points(self, half_years: int) -> Decimal:
        """Points for ``half_years`` completed half-years: full years × per-year + a left-over half."""
        full, half = divmod(half_years, 2)
        return self.points_per_year * full + self.points_per_half_year * half


def position_score(person: PersonRecord, scheme: BaseScoreScheme) -> Derivation:
    """职务分 from the rank table; incomplete when the rank is not in it (G-6)."""
    found = scheme.points_for_position(person)
    if found is None:
        reason = f"职务分表中没有“{person.rank_code}”或“{person.rank_level}”"
        return incomplete("职务分", reason, rule=RULE)
    key, points = found
    return Derivation("职务分", points, f"{key} {num(points)}", RULE, (("rank", key),))


def annual_score(person: PersonRecord, scheme: BaseScoreScheme) -> Derivation:
    """年度考核分: the points of each year's grade; a missing year makes it incomplete (G-6)."""
    table = dict(scheme.grade_points)
    parts: list[Derivation] = []
    missing: list[str] = []
    for year in scheme.years:
        grade = person.result_for(year)
        if grade is None:
            missing.append(f"缺少{year}年度考核结果")
            continue
        points = table.get(grade, scheme.other_grade_points)
        parts.append(
            Derivation(f"{year}年度考核分", points, f"{grade} {num(points)}", RULE, (("grade", grade),))
        )
    if missing:
        return incomplete("年度考核分", *missing, rule=RULE, parts=tuple(parts))
    total = round_score(sum((p.value for p in parts), ZERO), scheme.rounding)
    formula = " + ".join(num(p.value) for p in parts)
    return Derivation("年度考核分", total, formula, RULE, parts=tuple(parts))


def secondment_score(person: PersonRecord, scheme: BaseScoreScheme, as_of: date) -> Derivation:
    """挂职分: completed half-years of secondments inside [current level start, ``as_of``], capped."""
    relevant = [s for s in person.secondments if s.kind in scheme.secondment_kinds]
    lower = person.current_level_start
    if relevant and lower is None:
        return incomplete("挂职分", "缺少任职级时间，无法确定任现职级期间的挂职", rule=RULE)
    parts: list[Derivation] = []
    months_all = 0
    for s in relevant:
        window = clip_period(s.start, s.end, lower, as_of)
        months = period_months(*window) if window else 0
        months_all += months
        halves = months // 6
        span = f"{window[0].isoformat()}—{window[1].isoformat()}" if window else "不在任现职级期间"
        inputs = (("kind", s.kind), ("counted", span), ("months", months), ("half_years", halves))
        if scheme.counting == "per_secondment":
            points = scheme.half_year_points(halves)
            formula = f"计入 {span}，{months} 个月，{halves} 个半年，计 {num(points)}"
            parts.append(
                Derivation(f"挂职分（{s.kind} {s.start.isoformat()}起）", points, formula, RULE, inputs)
            )
        else:
            label = f"挂职月数（{s.kind} {s.start.isoformat()}起）"
            parts.append(Derivation(label, Decimal(months), f"计入 {span}，{months} 个月", RULE, inputs))
    if scheme.counting == "per_secondment":
        raw = sum((p.value for p in parts), ZERO)
        detail = " + ".join(num(p.value) for p in parts) or "0"
    else:
        raw = scheme.half_year_points(months_all // 6)
        detail = f"合计 {months_all} 个月，{months_all // 6} 个半年，计 {num(raw)}"
    value = round_score(min(raw, scheme.secondment_cap), scheme.rounding)
    formula = detail if raw <= scheme.secondment_cap else f"min({detail}, {num(scheme.secondment_cap)})"
    return Derivation("挂职分", value, formula, RULE, (("months", months_all),), tuple(parts))


def compute_base_score(person: PersonRecord, scheme: BaseScoreScheme, as_of: date) -> Derivation:
    """R000-14: the base score as of the cut-off ``as_of``, e.g.
    "基础分 93.50 = 职务分 40 + 年度考核分 49 (2008 称职 15, 2009 优秀 17, 2010 优秀 17) + 挂职分 4.50".
    Incomplete (value None, reasons listed) when a year's result or the rank's points are missing."""
    position = position_score(person, scheme)
    annual = annual_score(person, scheme)
    secondment = secondment_score(person, scheme, as_of)
    parts = (position, annual, secondment)
    reasons = tuple(r for p in parts for r in p.all_incomplete_reasons())
    if reasons:
        return incomplete("基础分", *reasons, rule=RULE, parts=parts)
    raw = position.value + annual.value + secondment.value
    value = round_score(min(raw, scheme.cap), scheme.rounding)
    years = ", ".join(f"{p.label[:4]} {p.formula}" for p in annual.parts)
    sum_text = f"职务分 {num(position.value)} + 年度考核分 {num(annual.value)} ({years}) + 挂职分 {num(secondment.value)}"
    formula = sum_text if raw <= scheme.cap else f"min({sum_text}, {num(scheme.cap)})"
    inputs = (("person", person.person_id), ("as_of", as_of.isoformat()))
    return Derivation("基础分", value, formula, RULE, inputs, parts)
