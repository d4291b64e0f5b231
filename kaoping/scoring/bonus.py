"""Target bonus (目标管理奖金) and leaders' scores, R003-06 and R003-07.

R003-06 default reading: a total ≥ 100 gets the whole 4000; below, bands = floor((100 − total) / 5)
and each band deducts 200 (a shortfall under 5 points deducts nothing); ``band_rounding="ceil"``
counts a started band. The bonus never goes below 0 and is 0 when forfeited for attendance (R003-05).
R003-07: the chair's score is the mean of all departments; another leader's is
30 % × that mean + 70 % × the mean of the departments they supervise. Both means are named scores
and are rounded when formed (G-1); the leader's score is formed from the rounded means.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from ._validate import dec, num, share
from .decimals import DEFAULT_ROUNDING, HUNDRED, MONEY_ROUNDING, ONE, ZERO, Rounding, round_score
from .errors import SchemeError
from .trace import Derivation, incomplete


@dataclass(frozen=True)
class BonusScheme:
    """R003-06/07 numbers."""

    full_amount: Decimal = Decimal("4000")
    full_score: Decimal = HUNDRED
    band_size: Decimal = Decimal("5")
    per_band: Decimal = Decimal("200")
    band_rounding: str = "floor"
    all_share: Decimal = Decimal("0.30")
    supervised_share: Decimal = Decimal("0.70")
    money_rounding: Rounding = MONEY_ROUNDING
    score_rounding: Rounding = DEFAULT_ROUNDING

    @classmethod
    def from_dict(cls, data: dict | None) -> BonusScheme:
        """Validate ``data`` (the ``"target_bonus"`` and ``"leader_weights"`` sections of ``targets.seed003``
        merged into one dict)."""
        data = data or {}
        rounding = data.get("band_rounding", "floor")
        if rounding not in ("floor", "ceil"):
            raise SchemeError(
                "band_rounding", "扣发档次取整方式只能是 floor（不足一档不扣）或 ceil（不足一档按一档）"
            )
        all_share = share(data.get("all_share", "0.30"), "all_share")
        sup_share = share(data.get("supervised_share", "0.70"), "supervised_share")
        if all_share + sup_share != ONE:
            raise SchemeError(
                "supervised_share", f"两部分比例之和必须为 1（现为 {num(all_share + sup_share)}）"
            )
        return cls(
            full_amount=dec(data.get("full_amount", "4000"), "full_amount"),
            full_score=dec(data.get("full_score", "100"), "full_score", allow_zero=False),
            band_size=dec(data.get("band_size", "5"), "band_size", allow_zero=False),
            per_band=dec(data.get("per_band", "200"), "per_band"),
            band_rounding=rounding,
            all_share=all_share,
            supervised_share=sup_share,
        )


def target_bonus(total: Decimal, scheme: BonusScheme, *, forfeited: bool = False) -> Derivation:
    """R003-06: the target bonus for a department (or leader) ``total``; 0 when ``forfeited`` (R003-05)."""
    score = dec(total, "total")
    inputs = (("total", score), ("forfeited", forfeited))
    if forfeited:
        value = round_score(ZERO, scheme.money_rounding)
        return Derivation(
            "目标管理奖金", value, "全年累计旷工满规定天数，扣除全额目标管理奖金", "R003-06", inputs
        )
    if score >= scheme.full_score:
        value = round_score(scheme.full_amount, scheme.money_rounding)
        return Derivation(
            "目标管理奖金",
            value,
            f"总分 {num(score)} ≥ {num(scheme.full_score)}，全额兑现",
            "R003-06",
            inputs,
        )
    shortfall = scheme.full_score - score
    mode = ROUND_FLOOR if scheme.band_rounding == "floor" else ROUND_CEILING
    bands = (shortfall / scheme.band_size).to_integral_value(rounding=mode)
    raw = scheme.full_amount - bands * scheme.per_band
    value = round_score(max(raw, ZERO), scheme.money_rounding)
    word = "⌊" if scheme.band_rounding == "floor" else "⌈"
    close = "⌋" if scheme.band_rounding == "floor" else "⌉"
    band_text = (
        f"{word}({num(scheme.full_score)} − {num(score)}) / {num(scheme.band_size)}{close} = {num(bands)} 档"
    )
    formula = f"{num(scheme.full_amount)} − {num(bands)} × {num(scheme.per_band)}（{band_text}）"
    if raw < ZERO:
        formula = f"max({formula}, 0)"
    return Derivation("目标管理奖金", value, formula, "R003-06", (*inputs, ("bands", bands)))


def _mean(
    label: str, scores: Mapping[str, Decimal | None], names: list[str], scheme: BonusScheme
) -> Derivation:
    missing = [f"缺少“{n}”的考核得分" for n in names if scores.get(n) is None]
    if not names:
        return incomplete(label, "没有可计算平均分的部门", rule="R003-07")
    if missing:
        return incomplete(label, *missing, rule="R003-07")
    values = [dec(scores[n], f"scores.{n}", allow_negative=True) for n in names]
    mean = round_score(sum(values, ZERO) / len(values), scheme.score_rounding)
    formula = f"({' + '.join(num(v) for v in values)}) / {len(values)}"
    return Derivation(label, mean, formula, "R003-07", (("departments", tuple(names)),))


def chair_score(scores: Mapping[str, Decimal | None], scheme: BonusScheme) -> Derivation:
    """R003-07: the chair's score = mean of all departments' scores (sorted by name for the formula)."""
    part = _mean("全部部门平均得分", scores, sorted(scores), scheme)
    if part.value is None:
        return incomplete("主席考核得分", rule="R003-07", parts=(part,))
    return Derivation(
        "主席考核得分", part.value, f"全部部门平均得分 {num(part.value)}", "R003-07", parts=(part,)
    )


def leader_score(
    scores: Mapping[str, Decimal | None], supervised: Iterable[str], scheme: BonusScheme
) -> Derivation:
    """R003-07: 30 % × mean of all departments + 70 % × mean of the supervised departments."""
    sup = sorted(set(supervised))
    all_mean = _mean("全部部门平均得分", scores, sorted(scores), scheme)
    sup_mean = _mean("分管部门平均得分", scores, sup, scheme)
    parts = (all_mean, sup_mean)
    if all_mean.value is None or sup_mean.value is None:
        return incomplete("班子成员考核得分", rule="R003-07", parts=parts)
    raw = scheme.all_share * all_mean.value + scheme.supervised_share * sup_mean.value
    value = round_score(raw, scheme.score_rounding)
    formula = (
        f"{num(scheme.all_share * HUNDRED)}% × {num(all_mean.value)}"
        f" + {num(scheme.supervised_share * HUNDRED)}% × {num(sup_mean.value)}"
    )
    return Derivation("班子成员考核得分", value, formula, "R003-07", (("supervised", tuple(sup)),), parts)
