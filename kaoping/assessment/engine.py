"""Adapter between assessment rows and the pure engine (``kaoping.scoring.indicators`` / ``targets`` /
``bonus``): scheme JSON → engine dataclasses, rows → engine inputs, Derivations back. No formula lives
here; every number comes from the engine."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from kaoping.common.errors import DomainError
from kaoping.scoring import bonus as bonus_engine
from kaoping.scoring import indicators as ind_engine
from kaoping.scoring import targets as tgt_engine
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.trace import Derivation

INDICATOR = "indicator"
TARGETS = "targets"


@dataclass(frozen=True)
class Row:
    """One scored line of a unit: indicator name / target item number, its maximum, label and content."""

    key: str
    order: int
    max_points: Decimal
    label: str
    content: tuple[tuple[str, Decimal | None], ...]


def parse(kind: str, data: dict):
    """The engine scheme for ``data``; DomainError (code "bad_scheme") naming the field otherwise.
    Parsed schemes are immutable and cached by their canonical JSON, so a page over many units parses once."""
    try:
        text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    except (TypeError, ValueError) as exc:
        raise DomainError(
            _("考核细则格式不正确：%(e)s") % {"e": exc}, code="bad_scheme", field="scheme"
        ) from exc
    return _parse_text(kind, text)


@functools.lru_cache(maxsize=64)
def _parse_text(kind: str, text: str):
    data = json.loads(text)
    try:
        if kind == INDICATOR:
            return ind_engine.IndicatorScheme.from_dict(data)
        if kind == TARGETS:
            return tgt_engine.TargetScheme.from_dict(data)
    except SchemeError as exc:
        raise DomainError(
            _("考核细则有误：%(field)s %(message)s") % {"field": exc.field, "message": exc.message},
            code="bad_scheme",
            field="scheme",
        ) from exc
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DomainError(
            _("考核细则格式不正确：%(e)s") % {"e": exc}, code="bad_scheme", field="scheme"
        ) from exc
    raise DomainError(_("未知的考核类型。"), code="bad_kind", field="kind")


def warnings(kind: str, data: dict) -> tuple[ind_engine.TemplateWarning, ...]:
    """R001-03 / R003-01 checker warnings (never blocking)."""
    parsed = parse(kind, data)
    if kind == INDICATOR:
        return ind_engine.check_template(parsed)
    return tgt_engine.check_targets(parsed)


def unit_keys(kind: str, data: dict) -> list[str]:
    """Names of the assessed units / departments the scheme carries content for."""
    parsed = parse(kind, data)
    if kind == INDICATOR:
        return [u.unit for u in parsed.units]
    return [d.name for d in parsed.departments]


def rows_for(kind: str, data: dict, key: str) -> list[Row]:
    """The scored lines of unit ``key``: every indicator (with the unit's own content items) or every
    target item of the department."""
    parsed = parse(kind, data)
    if kind == INDICATOR:
        units = {u.unit: u for u in parsed.units}
        unit = units.get(key)
        rows = []
        for i, ind in enumerate(parsed.indicators):
            items = unit.items_for(ind.name) if unit else ()
            label = f"{ind.category} · {ind.name}" if ind.category else ind.name
            rows.append(Row(ind.name, i, ind.weight, label, tuple((it.text, it.points) for it in items)))
        return rows
    try:
        dept = parsed.department(key)
    except SchemeError:
        return []
    return [Row(it.no, i, it.points, it.no, ((it.text, it.points),)) for i, it in enumerate(dept.items)]


def levels(data: dict) -> list[tuple[str, str]]:
    """Completion levels (code, Chinese name) of an indicator scheme."""
    return [(lv.code, lv.name) for lv in parse(INDICATOR, data).levels]


def bonus_catalogue(data: dict) -> list[tuple[str, str, Decimal | None]]:
    return [(b.code, b.text, b.points) for b in parse(TARGETS, data).bonus_items]


def bonus_cap(data: dict) -> Decimal:
    return parse(TARGETS, data).bonus_cap


def level_score(data: dict, indicator: str, level: str, docs_incomplete: bool) -> Derivation:
    """R001-02 for one indicator."""
    parsed = parse(INDICATOR, data)
    try:
        return ind_engine.score_indicator(
            parsed, indicator, ind_engine.IndicatorAssessment(level=level, docs_incomplete=docs_incomplete)
        )
    except SchemeError as exc:
        raise DomainError(exc.message, code="bad_level", field="level") from exc


def check_entered(kind: str, data: dict, key: str, row_key: str, value: Decimal) -> Decimal:
    """R001-04 / R003-01: an entered score lies in [0, the row's maximum]."""
    try:
        if kind == INDICATOR:
            return ind_engine.validate_entered_score(parse(INDICATOR, data), row_key, value)
        dept = parse(TARGETS, data).department(key)
        item = next((it for it in dept.items if it.no == row_key), None)
        if item is None:
            raise SchemeError("item", _("没有第%(no)s项") % {"no": row_key})
        tgt_engine.department_score(parse(TARGETS, data), key, {row_key: value})
        return value
    except SchemeError as exc:
        raise DomainError(exc.message, code="bad_score", field="score") from exc


def sum_derivation(label: str, values: dict[str, Decimal | None], rule: str) -> Derivation:
    """A plain sum of entered scores (self scores), incomplete when one is missing."""
    from kaoping.scoring.trace import incomplete

    missing = [_("“%(k)s”未填写") % {"k": k} for k, v in values.items() if v is None]
    if missing or not values:
        return incomplete(label, *(missing or [_("没有评分项")]), rule=rule)
    total = sum(values.values(), Decimal("0"))
    formula = " + ".join(f"{k} {v}" for k, v in values.items())
    return Derivation(label, total, formula, rule)


def indicator_total(data: dict, key: str, judgements: dict[str, tuple[str, bool] | None]) -> Derivation:
    """R001-02: a unit's total from the office's completion levels (None = not judged yet)."""
    parsed = parse(INDICATOR, data)
    found = {
        name: ind_engine.IndicatorAssessment(level=j[0], docs_incomplete=j[1])
        for name, j in judgements.items()
        if j is not None and j[0]
    }
    try:
        return ind_engine.score_unit(parsed, found, key)
    except SchemeError as exc:
        raise DomainError(exc.message, code="bad_level") from exc


def target_total(
    data: dict,
    key: str,
    item_scores: dict[str, Decimal | None],
    awards: list[tuple[str, Decimal | None, str]],
) -> Derivation:
    """R003-01/02: a department's total with capped bonus."""
    parsed = parse(TARGETS, data)
    try:
        return tgt_engine.department_score(
            parsed,
            key,
            item_scores,
            [tgt_engine.BonusAward(code=c, points=p, note=n) for c, p, n in awards],
        )
    except SchemeError as exc:
        raise DomainError(exc.message, code="bad_score") from exc


def bonus_scheme(data: dict, *, band_rounding: str | None = None) -> bonus_engine.BonusScheme:
    """R003-06/07 numbers of a targets scheme (``band_rounding`` overrides floor/ceil for one run)."""
    merged = {**(data.get("target_bonus") or {}), **(data.get("leader_weights") or {})}
    if band_rounding:
        merged["band_rounding"] = band_rounding
    try:
        return bonus_engine.BonusScheme.from_dict(merged)
    except SchemeError as exc:
        raise DomainError(exc.message, code="bad_scheme", field="band_rounding") from exc
