"""Tier grading (定等): R002-03, R002-06, RP-06 (RP-07 streak flags live in :mod:`.streaks`).

A :class:`GradingScheme` is an ordered list of tiers (the order is the precedence), each with a condition
(see :mod:`kaoping.scoring.conditions`), conditions that block it (一票否决, team grade 一般/差 …), an
optional quota ("不超过 15%", with categories outside the base) and whether it is a real grade or a
"not graded" outcome (不确定等次). The first tier whose condition holds and which is not blocked decides;
``default`` applies when none does. An unknown condition (missing input) stops the walk: the result is
incomplete (G-6), never a guess.

Quota tiers are decided for everyone at once: candidates are ordered by score; those that fit get the
grade, a tie straddling the limit is flagged for the committee (需研究确定) and the others fall back to the
next non-quota tier that holds (or the default).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from . import _schemeparse as sp
from .conditions import Condition, Context, Subject, condition_from_dict
from .errors import SchemeError
from .ranking import PercentRounding, apply_quota, percent_count


class GradeStatus(StrEnum):
    """The state of one grading result."""

    GRADED = "graded"
    NOT_GRADED = "not_graded"  # 不确定等次
    NEEDS_DECISION = "needs_decision"  # quota boundary inside a tie: the committee decides
    INCOMPLETE = "incomplete"  # an input is missing (G-6)


@dataclass(frozen=True)
class Quota:
    """A quota: 不超过 p% of the people in the same ``group_by`` scope; ``exclude_categories`` are outside the base
    and unlimited (团场正职). ``variants`` are alternative percents chosen per scope at grading time
    (RP-06: commended units 25%, poorly rated 15%)."""

    percent: Decimal
    group_by: str = ""
    exclude_categories: tuple[str, ...] = ()
    rounding: PercentRounding = PercentRounding.FLOOR
    variants: tuple[tuple[str, Decimal], ...] = ()

    @classmethod
    def from_dict(cls, data: Any, path: str) -> Quota:
        """Validate ``{"percent", "group_by", "exclude_categories", "rounding", "variants"}``."""
        data = sp.mapping(data, path)
        vpath = sp.path_join(path, "variants")
        variants = sp.mapping(data.get("variants") or {}, vpath)
        return cls(
            percent=sp.dec(
                sp.get(data, "percent", path), sp.path_join(path, "percent"), minimum=0, maximum=100
            ),
            group_by=str(data.get("group_by") or ""),
            exclude_categories=tuple(
                sp.seq(data.get("exclude_categories") or [], sp.path_join(path, "exclude_categories"))
            ),
            rounding=PercentRounding(
                sp.choice(
                    data.get("rounding", "floor"),
                    sp.path_join(path, "rounding"),
                    [r.value for r in PercentRounding],
                )
            ),
            variants=tuple(
                (str(k), sp.dec(v, sp.path_join(vpath, str(k)), minimum=0, maximum=100))
                for k, v in variants.items()
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain form."""
        return {
            "percent": str(self.percent),
            "group_by": self.group_by,
            "exclude_categories": list(self.exclude_categories),
            "rounding": self.rounding.value,
            "variants": {k: str(v) for k, v in self.variants},
        }


@dataclass(frozen=True)
class Tier:
    """One grade in precedence order."""

    grade: str
    when: Condition
    blocked_by: tuple[Condition, ...] = ()
    quota: Quota | None = None
    graded: bool = True

    def to_dict(self) -> dict[str, Any]:
        """Plain form."""
        return {
            "grade": self.grade,
            "when": self.when.to_dict(),
            "blocked_by": [b.to_dict() for b in self.blocked_by],
            "quota": None if self.quota is None else self.quota.to_dict(),
            "graded": self.graded,
        }


@dataclass(frozen=True)
class GradingScheme:
    """A complete grading scheme: allowed grades, tiers in precedence order, default grade, rule id."""

    name: str
    grades: tuple[str, ...]
    tiers: tuple[Tier, ...]
    default: str
    rule: str = ""

    def __post_init__(self) -> None:
        sp.unique(self.grades, "grades")
        for i, tier in enumerate(self.tiers):
            if tier.grade not in self.grades:
                raise SchemeError(f"tiers[{i}].grade", f"等次“{tier.grade}”不在等次列表中")
        if self.default not in self.grades:
            raise SchemeError("default", f"默认等次“{self.default}”不在等次列表中")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "") -> GradingScheme:
        """Validate a plain dict (see presets/annual.py); errors name the field in Chinese."""
        data = sp.mapping(data, path or "grading")
        grades = tuple(
            sp.text(g, sp.path_join(sp.path_join(path, "grades"), i))
            for i, g in enumerate(
                sp.seq(sp.get(data, "grades", path), sp.path_join(path, "grades"), nonempty=True)
            )
        )
        tiers = []
        tpath = sp.path_join(path, "tiers")
        for i, t in enumerate(sp.seq(sp.get(data, "tiers", path), tpath)):
            ipath = sp.path_join(tpath, i)
            t = sp.mapping(t, ipath)
            bpath = sp.path_join(ipath, "blocked_by")
            quota = t.get("quota")
            tiers.append(
                Tier(
                    grade=sp.text(sp.get(t, "grade", ipath), sp.path_join(ipath, "grade")),
                    when=condition_from_dict(sp.get(t, "when", ipath), sp.path_join(ipath, "when")),
                    blocked_by=tuple(
                        condition_from_dict(b, sp.path_join(bpath, j))
                        for j, b in enumerate(sp.seq(t.get("blocked_by") or [], bpath))
                    ),
                    quota=None if quota is None else Quota.from_dict(quota, sp.path_join(ipath, "quota")),
                    graded=bool(t.get("graded", True)),
                )
            )
        try:
            return cls(
                name=str(data.get("name", "")),
                grades=grades,
                tiers=tuple(tiers),
                default=sp.text(sp.get(data, "default", path), sp.path_join(path, "default")),
                rule=str(data.get("rule", "")),
            )
        except SchemeError as exc:
            raise SchemeError(sp.path_join(path, exc.field), exc.message) from None

    def to_dict(self) -> dict[str, Any]:
        """Plain form (inverse of :meth:`from_dict`)."""
        return {
            "name": self.name,
            "rule": self.rule,
            "grades": list(self.grades),
            "tiers": [t.to_dict() for t in self.tiers],
            "default": self.default,
        }


@dataclass(frozen=True)
class GradeResult:
    """A subject's outcome: status, grade (None unless graded / not graded), the grades the committee
    chooses between (NEEDS_DECISION) and the reasons in Chinese."""

    subject: Hashable
    status: GradeStatus
    grade: str | None
    reasons: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    rule: str = ""


@dataclass
class _Walk:
    result: GradeResult | None = None
    quota_tier: int | None = None
    quota_reason: str = ""
    fallback: GradeResult | None = None
    notes: list[str] = field(default_factory=list)


def _walk(scheme: GradingScheme, s: Subject, ctx: Context, start: int = 0, skip_quota: bool = False) -> _Walk:
    walk = _Walk()
    for index in range(start, len(scheme.tiers)):
        tier = scheme.tiers[index]
        if skip_quota and tier.quota is not None:
            continue
        ok, text = tier.when.evaluate(s, ctx)
        if ok is None:
            walk.result = GradeResult(
                s.id, GradeStatus.INCOMPLETE, None, (f"无法判断是否{tier.grade}：{text}",), rule=scheme.rule
            )
            return walk
        if not ok:
            continue
        blocked = None
        for b in tier.blocked_by:
            bok, btext = b.evaluate(s, ctx)
            if bok is None:
                walk.result = GradeResult(
                    s.id,
                    GradeStatus.INCOMPLETE,
                    None,
                    (f"无法判断能否评为{tier.grade}：{btext}",),
                    rule=scheme.rule,
                )
                return walk
            if bok:
                blocked = btext
                break
        if blocked is not None:
            walk.notes.append(f"不能评为{tier.grade}：{blocked}")
            continue
        if tier.quota is not None:
            walk.quota_tier, walk.quota_reason = index, f"{tier.grade}：{text}"
            return walk
        status = GradeStatus.GRADED if tier.graded else GradeStatus.NOT_GRADED
        walk.result = GradeResult(
            s.id, status, tier.grade, (*walk.notes, f"{tier.grade}：{text}"), rule=scheme.rule
        )
        return walk
    walk.result = GradeResult(
        s.id,
        GradeStatus.GRADED,
        scheme.default,
        (*walk.notes, f"{scheme.default}：其他情形"),
        rule=scheme.rule,
    )
    return walk


def grade_all(
    scheme: GradingScheme,
    subjects: Sequence[Subject],
    *,
    quota_variant: Mapping[Hashable, str] | None = None,
    base_counts: Mapping[Hashable, int] | None = None,
) -> dict[Hashable, GradeResult]:
    """Grade every subject. ``quota_variant`` chooses a quota variant per scope (unit → "commended");
    ``base_counts`` overrides the quota base per scope (default: subjects in scope outside the excluded
    categories). Deterministic: the result does not depend on the order of ``subjects``."""
    subjects = sorted(subjects, key=lambda s: str(s.id))
    if len({s.id for s in subjects}) != len(subjects):
        raise ValueError("被考核对象重复")
    ctx = Context(subjects)
    results: dict[Hashable, GradeResult] = {}
    pending: dict[int, list[tuple[Subject, _Walk]]] = {}
    for s in subjects:
        walk = _walk(scheme, s, ctx)
        if walk.result is not None:
            results[s.id] = walk.result
        else:
            assert walk.quota_tier is not None
            walk.fallback = _walk(scheme, s, ctx, walk.quota_tier + 1, skip_quota=True).result
            pending.setdefault(walk.quota_tier, []).append((s, walk))
    for index, items in pending.items():
        results.update(
            _decide_quota(
                scheme, scheme.tiers[index], items, subjects, quota_variant or {}, base_counts or {}
            )
        )
    return {s.id: results[s.id] for s in subjects}


def _decide_quota(
    scheme: GradingScheme,
    tier: Tier,
    items: list[tuple[Subject, _Walk]],
    subjects: Sequence[Subject],
    variants: Mapping[Hashable, str],
    base_counts: Mapping[Hashable, int],
) -> dict[Hashable, GradeResult]:
    quota = tier.quota
    assert quota is not None
    excluded = set(quota.exclude_categories)
    out: dict[Hashable, GradeResult] = {}
    scopes: dict[Hashable, list[tuple[Subject, _Walk]]] = {}
    for s, walk in items:
        if s.categories & excluded:
            out[s.id] = GradeResult(
                s.id,
                GradeStatus.GRADED,
                tier.grade,
                (*walk.notes, walk.quota_reason, "不计入评优基数，比例不受限制"),
                rule=scheme.rule,
            )
        elif s.score is None:
            out[s.id] = GradeResult(
                s.id,
                GradeStatus.INCOMPLETE,
                None,
                (f"缺少得分，无法按名额评定{tier.grade}",),
                rule=scheme.rule,
            )
        else:
            scopes.setdefault(s.groups.get(quota.group_by) if quota.group_by else "", []).append((s, walk))
    for scope, members in scopes.items():
        in_scope = [s for s in subjects if (s.groups.get(quota.group_by) if quota.group_by else "") == scope]
        base = base_counts.get(scope, sum(1 for s in in_scope if not s.categories & excluded))
        percent = dict(quota.variants).get(variants.get(scope, ""), quota.percent)
        limit = percent_count(percent, base, quota.rounding)
        decided = apply_quota({s.id: s.score for s, _ in members}, limit)  # type: ignore[misc]
        head = f"{tier.grade}名额 {limit} 名（{sp.num(percent)}% × {base} 人）"
        for s, walk in members:
            fallback = walk.fallback
            assert fallback is not None
            if s.id in decided.granted:
                out[s.id] = GradeResult(
                    s.id,
                    GradeStatus.GRADED,
                    tier.grade,
                    (*walk.notes, walk.quota_reason, f"{head}，在名额内"),
                    rule=scheme.rule,
                )
            elif s.id in decided.flagged:
                out[s.id] = GradeResult(
                    s.id,
                    GradeStatus.NEEDS_DECISION,
                    None,
                    (*walk.notes, walk.quota_reason, f"{head}，名额边界并列，需研究确定"),
                    choices=(tier.grade, *([fallback.grade] if fallback.grade else [])),
                    rule=scheme.rule,
                )
            else:
                out[s.id] = GradeResult(
                    s.id,
                    fallback.status,
                    fallback.grade,
                    (*walk.notes, walk.quota_reason, f"{head}，超出名额", *fallback.reasons),
                    rule=scheme.rule,
                )
    return out
