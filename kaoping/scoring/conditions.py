"""Conditions of tier grading (used by :mod:`kaoping.scoring.grading`), expressed as data.

Each condition evaluates to True / False / None (unknown: an input is missing, G-6) with a Chinese text
saying why. Dict forms (``type`` selects the kind):

* ``{"type": "score", "op": ">=", "value": "90"}``
* ``{"type": "percentile", "side": "top" | "bottom", "percent": "30", "group_by": "type", "rounding": "floor"}``
* ``{"type": "vote_share", "tally": "main", "options": ["好", "较好"], "op": "<", "ratio": "2/3"}``
* ``{"type": "flag", "name": "一票否决"}``  — a flag from the person's records
* ``{"type": "category", "any_of": ["团场正职"]}``
* ``{"type": "related_grade", "name": "team", "any_of": ["一般", "差"]}``  — e.g. the team's grade
* ``{"type": "all" | "any", "of": [...]}``, ``{"type": "not", "of": {...}}``
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from . import _schemeparse as sp
from .ranking import PercentRounding, bottom_ranks, competition_ranks, percent_count
from .votes import share_of

OPS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}
OP_TEXT = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}


@dataclass(frozen=True)
class Subject:
    """A person or team to grade.

    ``groups``: grouping values by name (e.g. {"type": "直属单位正职", "unit": "一师"}) for percentiles
    and quotas; ``votes``: named tallies (option → count); ``related``: grades of related things
    (e.g. {"team": "一般", "party_building": "好"}); ``flags``/``categories``: from records.
    """

    id: Hashable
    score: Decimal | None = None
    categories: frozenset[str] = frozenset()
    groups: Mapping[str, Hashable] = field(default_factory=dict)
    flags: frozenset[str] = frozenset()
    votes: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    related: Mapping[str, str] = field(default_factory=dict)


Result = tuple[bool | None, str]


class Context:
    """Ranks within comparison groups, computed once for all subjects."""

    def __init__(self, subjects: list[Subject]) -> None:
        self.subjects = subjects
        self._cache: dict[tuple[str, str], tuple[dict, dict, set]] = {}

    def group_ranks(self, group_by: str, side: str) -> tuple[dict, dict, set]:
        """(ranks by id, group size by id, ids whose group has a missing score)."""
        key = (group_by, side)
        if key not in self._cache:
            groups: dict[Hashable, list[Subject]] = {}
            for s in self.subjects:
                groups.setdefault(s.groups.get(group_by) if group_by else "", []).append(s)
            ranks: dict = {}
            sizes: dict = {}
            broken: set = set()
            for members in groups.values():
                scores = {s.id: s.score for s in members if s.score is not None}
                if len(scores) < len(members):
                    broken |= {s.id for s in members}
                rank = competition_ranks(scores) if side == "top" else bottom_ranks(scores)
                ranks.update(rank)
                sizes.update({s.id: len(members) for s in members})
            self._cache[key] = (ranks, sizes, broken)
        return self._cache[key]


class Condition:
    """Base class: ``evaluate`` returns (True/False/None, text)."""

    def evaluate(self, subject: Subject, ctx: Context) -> Result:  # pragma: no cover - abstract
        raise NotImplementedError

    def to_dict(self) -> dict[str, Any]:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass(frozen=True)
class ScoreCond(Condition):
    """Score compared with a threshold (≥ 90, < 60 …); exact thresholds follow ``op``."""

    op: str
    value: Decimal

    def evaluate(self, subject: Subject, ctx: Context) -> Result:
        """Compare the subject's score."""
        if subject.score is None:
            return None, "缺少考核得分"
        ok = OPS[self.op](subject.score, self.value)
        return ok, f"得分 {subject.score} {OP_TEXT[self.op]} {sp.num(self.value)}" + (
            "" if ok else "（不满足）"
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain form."""
        return {"type": "score", "op": self.op, "value": str(self.value)}


@dataclass(frozen=True)
class PercentileCond(Condition):
    """Top/bottom p% within the comparison group ``group_by`` (G-4: r ≤ floor(p·n))."""

    side: str
    percent: Decimal
    group_by: str = ""
    rounding: PercentRounding = PercentRounding.FLOOR

    def evaluate(self, subject: Subject, ctx: Context) -> Result:
        """Rank the subject within its group."""
        ranks, sizes, broken = ctx.group_ranks(self.group_by, self.side)
        if subject.id in broken:
            return None, "同类组中有人缺少得分，无法排名"
        n = sizes[subject.id]
        limit = percent_count(self.percent, n, self.rounding)
        ok = ranks[subject.id] <= limit
        side = "前" if self.side == "top" else "后"
        text = f"同类{side} {sp.num(self.percent)}%（{side}数第 {ranks[subject.id]} 名，共 {n} 名，限 {limit} 名）"
        return ok, text + ("" if ok else "（不满足）")

    def to_dict(self) -> dict[str, Any]:
        """Plain form."""
        return {
            "type": "percentile",
            "side": self.side,
            "percent": str(self.percent),
            "group_by": self.group_by,
            "rounding": self.rounding.value,
        }


@dataclass(frozen=True)
class VoteShareCond(Condition):
    """Share of ballots for ``options`` in tally ``tally`` compared with an exact ratio (e.g. < 2/3)."""

    options: tuple[str, ...]
    op: str
    ratio: Fraction
    tally: str = "main"

    def evaluate(self, subject: Subject, ctx: Context) -> Result:
        """Compare the exact share."""
        counts = subject.votes.get(self.tally)
        names = "+".join(self.options)
        share = None if counts is None else share_of(counts, self.options)
        if share is None:
            return None, f"缺少“{names}”得票率（无有效票）"
        ok = OPS[self.op](share, self.ratio)
        total = sum(counts.values())  # type: ignore[union-attr]
        count = sum(c for n, c in counts.items() if n in self.options)  # type: ignore[union-attr]
        text = f"“{names}”得票率 {count}/{total} {OP_TEXT[self.op]} {sp.fraction_text(self.ratio)}"
        return ok, text + ("" if ok else "（不满足）")

    def to_dict(self) -> dict[str, Any]:
        """Plain form."""
        return {
            "type": "vote_share",
            "tally": self.tally,
            "options": list(self.options),
            "op": self.op,
            "ratio": f"{self.ratio.numerator}/{self.ratio.denominator}",
        }


@dataclass(frozen=True)
class FlagCond(Condition):
    """A flag from the records (一票否决, 通报批评, 立案调查 …)."""

    name: str

    def evaluate(self, subject: Subject, ctx: Context) -> Result:
        """Is the flag set?"""
        ok = self.name in subject.flags
        return ok, f"{self.name}" if ok else f"无“{self.name}”"

    def to_dict(self) -> dict[str, Any]:
        """Plain form."""
        return {"type": "flag", "name": self.name}


@dataclass(frozen=True)
class CategoryCond(Condition):
    """The subject belongs to any of the categories (团场正职, 副职 …)."""

    any_of: tuple[str, ...]

    def evaluate(self, subject: Subject, ctx: Context) -> Result:
        """Membership test."""
        hit = [c for c in self.any_of if c in subject.categories]
        return (True, "、".join(hit)) if hit else (False, f"不属于{'/'.join(self.any_of)}")

    def to_dict(self) -> dict[str, Any]:
        """Plain form."""
        return {"type": "category", "any_of": list(self.any_of)}


@dataclass(frozen=True)
class RelatedGradeCond(Condition):
    """A related grade (the team's grade, the party-building evaluation) is one of ``any_of``."""

    name: str
    any_of: tuple[str, ...]

    def evaluate(self, subject: Subject, ctx: Context) -> Result:
        """Look the related grade up; missing → unknown."""
        grade = subject.related.get(self.name)
        if grade is None:
            return None, f"缺少{self.name}等次"
        ok = grade in self.any_of
        return ok, f"{self.name}等次为{grade}" + ("" if ok else f"（非{'/'.join(self.any_of)}）")

    def to_dict(self) -> dict[str, Any]:
        """Plain form."""
        return {"type": "related_grade", "name": self.name, "any_of": list(self.any_of)}


@dataclass(frozen=True)
class AllCond(Condition):
    """All must hold (False wins over unknown)."""

    of: tuple[Condition, ...]

    def evaluate(self, subject: Subject, ctx: Context) -> Result:
        """Three-valued AND."""
        results = [c.evaluate(subject, ctx) for c in self.of]
        for ok, text in results:
            if ok is False:
                return False, text
        unknown = [t for ok, t in results if ok is None]
        if unknown:
            return None, "；".join(unknown)
        return True, "，且".join(t for _, t in results)

    def to_dict(self) -> dict[str, Any]:
        """Plain form."""
        return {"type": "all", "of": [c.to_dict() for c in self.of]}


@dataclass(frozen=True)
class AnyCond(Condition):
    """One must hold (True wins over unknown)."""

    of: tuple[Condition, ...]

    def evaluate(self, subject: Subject, ctx: Context) -> Result:
        """Three-valued OR."""
        results = [c.evaluate(subject, ctx) for c in self.of]
        for ok, text in results:
            if ok is True:
                return True, text
        unknown = [t for ok, t in results if ok is None]
        if unknown:
            return None, "；".join(unknown)
        return False, "均不满足"

    def to_dict(self) -> dict[str, Any]:
        """Plain form."""
        return {"type": "any", "of": [c.to_dict() for c in self.of]}


@dataclass(frozen=True)
class NotCond(Condition):
    """Negation (unknown stays unknown)."""

    of: Condition

    def evaluate(self, subject: Subject, ctx: Context) -> Result:
        """Three-valued NOT."""
        ok, text = self.of.evaluate(subject, ctx)
        return (None, text) if ok is None else (not ok, f"非（{text}）")

    def to_dict(self) -> dict[str, Any]:
        """Plain form."""
        return {"type": "not", "of": self.of.to_dict()}


def _names(value: Any, path: str) -> tuple[str, ...]:
    return tuple(sp.text(v, sp.path_join(path, i)) for i, v in enumerate(sp.seq(value, path, nonempty=True)))


def condition_from_dict(data: Any, path: str) -> Condition:
    """Parse a condition dict; errors name the field (e.g. ``tiers[2].when.of[0].op``) in Chinese."""
    data = sp.mapping(data, path)
    kind = sp.choice(
        sp.get(data, "type", path),
        sp.path_join(path, "type"),
        ["score", "percentile", "vote_share", "flag", "category", "related_grade", "all", "any", "not"],
    )

    def field_(name: str) -> Any:
        return sp.get(data, name, path)

    def at(name: str) -> str:
        return sp.path_join(path, name)

    if kind == "score":
        return ScoreCond(
            op=sp.choice(field_("op"), at("op"), OPS), value=sp.dec(field_("value"), at("value"))
        )
    if kind == "percentile":
        return PercentileCond(
            side=sp.choice(field_("side"), at("side"), ["top", "bottom"]),
            percent=sp.dec(field_("percent"), at("percent"), minimum=0, maximum=100),
            group_by=str(data.get("group_by") or ""),
            rounding=PercentRounding(
                sp.choice(data.get("rounding", "floor"), at("rounding"), [r.value for r in PercentRounding])
            ),
        )
    if kind == "vote_share":
        return VoteShareCond(
            options=_names(field_("options"), at("options")),
            op=sp.choice(field_("op"), at("op"), OPS),
            ratio=sp.ratio(field_("ratio"), at("ratio")),
            tally=str(data.get("tally") or "main"),
        )
    if kind == "flag":
        return FlagCond(name=sp.text(field_("name"), at("name")))
    if kind == "category":
        return CategoryCond(any_of=_names(field_("any_of"), at("any_of")))
    if kind == "related_grade":
        return RelatedGradeCond(
            name=sp.text(field_("name"), at("name")), any_of=_names(field_("any_of"), at("any_of"))
        )
    if kind == "not":
        return NotCond(of=condition_from_dict(field_("of"), at("of")))
    items = sp.seq(field_("of"), at("of"), nonempty=True)
    subs = tuple(condition_from_dict(c, sp.path_join(at("of"), i)) for i, c in enumerate(items))
    return AllCond(of=subs) if kind == "all" else AnyCond(of=subs)
