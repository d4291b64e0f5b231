"""Indicator schemes of the annual work assessment of system unions (R001-01 … R001-04).

A scheme has indicators (序号, 考核指标 category, sub-area name, weight 权重分, scoring method) shared by
all assessed units; each unit may have its own content items under the same indicators, optionally
with points ("(10分)"). Scoring is by completion level (R001-02): 全面完成 100 % of the weight,
基本完成 70 %, 未完成 0; 资料不全 deducts 20 % of the weight on top of the level (floor 0) by default
(``deduction_base="level_score"`` deducts 20 % of the level's score instead).
:func:`check_template` warns — never fails — when item points differ from the weight or the weights
do not add up to 100 (R001-03); the seed's own tables have such mismatches.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from ._validate import dec, num, required, share
from .decimals import DEFAULT_ROUNDING, HUNDRED, ZERO, Rounding, round_score
from .errors import SchemeError
from .trace import Derivation, incomplete


@dataclass(frozen=True)
class TemplateWarning:
    """A non-blocking problem in a template: where (``field``), which rule and a Chinese message."""

    field: str
    rule: str
    message: str


@dataclass(frozen=True)
class CompletionLevel:
    """A completion level: ``code`` (stable key), Chinese ``name`` and the ``share`` of the weight."""

    code: str
    name: str
    share: Decimal


@dataclass(frozen=True)
class ContentItem:
    """A content item (考核内容) with optional ``points``."""

    text: str
    points: Decimal | None = None


@dataclass(frozen=True)
class Indicator:
    """An indicator: 序号 ``no``, 考核指标 ``category``, sub-area ``name``, ``weight`` and the method text."""

    no: int
    category: str
    name: str
    weight: Decimal
    method: str = ""


@dataclass(frozen=True)
class UnitContent:
    """One assessed unit's content items per indicator name."""

    unit: str
    content: tuple[tuple[str, tuple[ContentItem, ...]], ...]

    def items_for(self, indicator: str) -> tuple[ContentItem, ...]:
        return dict(self.content).get(indicator, ())


@dataclass(frozen=True)
class IndicatorAssessment:
    """What the assessor found for one indicator: completion ``level`` code and 资料不全."""

    level: str
    docs_incomplete: bool = False


@dataclass(frozen=True)
class IndicatorScheme:
    """R001-01: an indicator scheme for one year."""

    title: str
    year: int
    indicators: tuple[Indicator, ...]
    levels: tuple[CompletionLevel, ...]
    docs_incomplete_deduction: Decimal = Decimal("0.20")
    deduction_base: str = "weight"
    units: tuple[UnitContent, ...] = ()
    rounding: Rounding = DEFAULT_ROUNDING

    @classmethod
    def from_dict(cls, data: dict) -> IndicatorScheme:
        """Validate ``data`` (see ``presets/union_work.py``); :class:`SchemeError` names the field."""
        raw_levels = required(data, "levels", "")
        levels = tuple(
            CompletionLevel(
                code=required(lv, "code", f"levels[{i}]"),
                name=required(lv, "name", f"levels[{i}]"),
                share=share(required(lv, "share", f"levels[{i}]"), f"levels[{i}].share"),
            )
            for i, lv in enumerate(raw_levels)
        )
        if not levels:
            raise SchemeError("levels", "至少需要一个完成等级")
        if len({lv.code for lv in levels}) != len(levels):
            raise SchemeError("levels", "完成等级代码不能重复")
        indicators = []
        for i, ind in enumerate(required(data, "indicators", "")):
            f = f"indicators[{i}]"
            indicators.append(
                Indicator(
                    no=int(ind.get("no", i + 1)),
                    category=ind.get("category", ""),
                    name=required(ind, "name", f),
                    weight=dec(required(ind, "weight", f), f"{f}.weight", allow_zero=False),
                    method=ind.get("method", ""),
                )
            )
        if not indicators:
            raise SchemeError("indicators", "至少需要一个考核指标")
        names = [ind.name for ind in indicators]
        if len(set(names)) != len(names):
            raise SchemeError("indicators", "考核指标名称不能重复")
        units = []
        for i, unit in enumerate(data.get("units", [])):
            content = []
            for name, items in (unit.get("content") or {}).items():
                if name not in names:
                    raise SchemeError(f"units[{i}].content.{name}", f"“{name}”不是本方案的考核指标")
                parsed = tuple(
                    ContentItem(
                        text=it["text"],
                        points=None
                        if it.get("points") is None
                        else dec(it["points"], f"units[{i}].{name}.points"),
                    )
                    for it in items
                )
                content.append((name, parsed))
            units.append(UnitContent(unit=required(unit, "unit", f"units[{i}]"), content=tuple(content)))
        base = data.get("deduction_base", "weight")
        if base not in ("weight", "level_score"):
            raise SchemeError("deduction_base", "资料不全扣分基数只能是 weight 或 level_score")
        return cls(
            title=data.get("title", ""),
            year=int(data.get("year", 0)),
            indicators=tuple(indicators),
            levels=levels,
            docs_incomplete_deduction=share(
                data.get("docs_incomplete_deduction", "0.20"), "docs_incomplete_deduction"
            ),
            deduction_base=base,
            units=tuple(units),
            rounding=Rounding.from_dict(data.get("rounding")),
        )

    def indicator(self, name: str) -> Indicator:
        for ind in self.indicators:
            if ind.name == name:
                return ind
        raise SchemeError("indicator", f"没有名为“{name}”的考核指标")

    def level(self, code: str) -> CompletionLevel:
        for lv in self.levels:
            if lv.code == code or lv.name == code:
                return lv
        raise SchemeError("level", f"没有完成等级“{code}”")

    def unit(self, name: str) -> UnitContent:
        for unit in self.units:
            if unit.unit == name:
                return unit
        raise SchemeError("unit", f"没有单位“{name}”")


def check_template(scheme: IndicatorScheme) -> tuple[TemplateWarning, ...]:
    """R001-03: warnings (not errors) for weights not adding to 100 and, per unit and indicator whose
    items carry points, item points that differ from the indicator weight."""
    warnings: list[TemplateWarning] = []
    total = sum((ind.weight for ind in scheme.indicators), ZERO)
    if total != HUNDRED:
        warnings.append(TemplateWarning("indicators", "R001-03", f"各指标权重合计 {num(total)}，不等于 100"))
    for unit in scheme.units:
        for ind in scheme.indicators:
            items = unit.items_for(ind.name)
            pointed = [it.points for it in items if it.points is not None]
            if not pointed:
                continue
            field = f"units.{unit.unit}.{ind.name}"
            if len(pointed) != len(items):
                warnings.append(
                    TemplateWarning(field, "R001-03", f"{unit.unit} {ind.name}：部分考核内容未标分值")
                )
            points = sum(pointed, ZERO)
            if points != ind.weight:
                message = (
                    f"{unit.unit} {ind.name}：考核内容分值合计 {num(points)}，与权重 {num(ind.weight)} 不一致"
                )
                warnings.append(TemplateWarning(field, "R001-03", message))
    return tuple(warnings)


def score_indicator(scheme: IndicatorScheme, indicator: str, assessment: IndicatorAssessment) -> Derivation:
    """R001-02: weight × level share, minus the 资料不全 deduction when flagged, never below 0."""
    ind = scheme.indicator(indicator)
    level = scheme.level(assessment.level)
    level_score = ind.weight * level.share
    formula = f"{num(ind.weight)} × {level.name} {num(level.share * HUNDRED)}%"
    raw = level_score
    if assessment.docs_incomplete:
        base = ind.weight if scheme.deduction_base == "weight" else level_score
        deduction = base * scheme.docs_incomplete_deduction
        raw = max(level_score - deduction, ZERO)
        pct = num(scheme.docs_incomplete_deduction * HUNDRED)
        formula = f"max({formula} − 资料不全 {num(base)} × {pct}%, 0)"
    inputs = (("weight", ind.weight), ("level", level.name), ("docs_incomplete", assessment.docs_incomplete))
    return Derivation(f"{ind.name}得分", round_score(raw, scheme.rounding), formula, "R001-02", inputs)


def score_unit(
    scheme: IndicatorScheme, assessments: Mapping[str, IndicatorAssessment], unit: str = ""
) -> Derivation:
    """R001-02: a unit's total over every indicator; incomplete when an indicator is not assessed (G-6)."""
    parts = []
    missing = []
    for ind in scheme.indicators:
        if ind.name not in assessments:
            missing.append(f"{ind.name}：尚未评定")
            continue
        parts.append(score_indicator(scheme, ind.name, assessments[ind.name]))
    label = f"{unit}考核得分" if unit else "考核得分"
    if missing:
        return incomplete(label, *missing, rule="R001-02", parts=tuple(parts))
    total = round_score(sum((p.value for p in parts), ZERO), scheme.rounding)
    formula = " + ".join(f"{p.label[:-2]} {num(p.value)}" for p in parts)
    return Derivation(label, total, formula, "R001-02", (("unit", unit),), tuple(parts))


def validate_entered_score(scheme: IndicatorScheme, indicator: str, score: Decimal) -> Decimal:
    """R001-04: a self-assessed (自评分) or reviewed score must lie in [0, weight]."""
    ind = scheme.indicator(indicator)
    value = dec(score, f"scores.{indicator}")
    if value > ind.weight:
        raise SchemeError(f"scores.{indicator}", f"得分 {num(value)} 超过权重 {num(ind.weight)}")
    return value


def score_difference(label: str, self_score: Decimal | None, reviewed_score: Decimal | None) -> Derivation:
    """R001-04: reviewed score − self score (negative when the assessor gave less); incomplete when
    either score is missing."""
    missing = []
    if self_score is None:
        missing.append("缺少自评分")
    if reviewed_score is None:
        missing.append("缺少审核评分")
    if missing:
        return incomplete(f"{label}评分差异", *missing, rule="R001-04")
    diff = reviewed_score - self_score
    formula = f"审核 {num(reviewed_score)} − 自评 {num(self_score)}"
    return Derivation(
        f"{label}评分差异", diff, formula, "R001-04", (("self", self_score), ("reviewed", reviewed_score))
    )


def compare_self_and_reviewed(
    self_scores: Mapping[str, Decimal | None], reviewed: Mapping[str, Decimal | None]
) -> tuple[Derivation, ...]:
    """R001-04: one difference per indicator named in either mapping, in sorted order."""
    names = sorted(set(self_scores) | set(reviewed))
    return tuple(score_difference(n, self_scores.get(n), reviewed.get(n)) for n in names)
