"""Eligibility predicates (资格审查), evaluated as of a cut-off date (R000-07 … R000-13).

Each predicate is a frozen dataclass with ``check(person, as_of) -> CheckResult``. Rules are data:
:func:`rule_from_dict` builds a predicate from a dict such as
``{"kind": "any_of", "rule": "R000-07", "items": [{"kind": "rank_in", "ranks": ["副巡视员", "副局级"]},
{"kind": "years_in_rank", "ranks": ["正处级"], "min_years": 3}]}``, and :func:`evaluate` runs a list of
them into an :class:`EligibilityReport` that lists every reason (R000-13).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from .dates import LeapDayRule, add_years, born_on_or_after, completed_years, parse_date
from .errors import SchemeError
from .records import DEFAULT_GRADE_ORDER, GradeOrder, PersonRecord


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one predicate: ``passed``, the rule id, a Chinese ``reason`` and the ``data`` used.
    ``pending``: waiting for a reviewer judgement (then ``passed`` is False). ``flags``: notes that
    travel with a passing registration (e.g. an approved written commitment, R000-10)."""

    passed: bool
    rule: str
    reason: str
    data: tuple[tuple[str, Any], ...] = ()
    pending: bool = False
    flags: tuple[str, ...] = ()


class Predicate(Protocol):
    rule: str

    def check(self, person: PersonRecord, as_of: date) -> CheckResult: ...


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


@dataclass(frozen=True)
class RankIn:
    """The person's current rank code or level is one of ``ranks`` (R000-07)."""

    ranks: tuple[str, ...]
    rule: str = "R000-07"

    def check(self, person: PersonRecord, as_of: date) -> CheckResult:
        hit = person.rank_code in self.ranks or person.rank_level in self.ranks
        data = (("rank_code", person.rank_code), ("rank_level", person.rank_level), ("ranks", self.ranks))
        wanted = "、".join(self.ranks)
        if hit:
            return CheckResult(
                True, self.rule, f"现任{person.rank_code}（{person.rank_level}），属于{wanted}", data
            )
        return CheckResult(
            False, self.rule, f"现任{person.rank_code}（{person.rank_level}），不属于{wanted}", data
        )


@dataclass(frozen=True)
class YearsInRank:
    """Currently in one of ``ranks`` (code or level) with ≥ ``min_years`` full years by ``as_of`` (G-3).
    A match on the level counts from the level start (任职级时间), a match on the code from the rank
    start (任职时间)."""

    ranks: tuple[str, ...]
    min_years: int
    rule: str = "R000-07"
    leap_rule: LeapDayRule = LeapDayRule.FEB_28

    def check(self, person: PersonRecord, as_of: date) -> CheckResult:
        wanted = "、".join(self.ranks)
        if person.rank_code in self.ranks:
            start = person.rank_start
        elif person.rank_level in self.ranks:
            start = person.current_level_start
        else:
            reason = f"现任{person.rank_code}（{person.rank_level}），不属于{wanted}"
            return CheckResult(False, self.rule, reason, (("rank_code", person.rank_code),))
        if start is None:
            return CheckResult(False, self.rule, "缺少任职时间", (("rank_code", person.rank_code),))
        years = completed_years(start, as_of, self.leap_rule)
        due = add_years(start, self.min_years, self.leap_rule)
        data = (("start", start.isoformat()), ("as_of", as_of.isoformat()), ("years", years))
        text = f"{wanted}任职自{start.isoformat()}起，截至{as_of.isoformat()}满{years}年"
        if due <= as_of:
            return CheckResult(True, self.rule, f"{text}（要求满{self.min_years}年）", data)
        reason = f"{text}，不满{self.min_years}年（{due.isoformat()}方满）"
        return CheckResult(False, self.rule, reason, data)


@dataclass(frozen=True)
class BornOnOrAfter:
    """Born on or after ``threshold``, that day included (R000-08, G-3)."""

    threshold: date
    rule: str = "R000-08"

    def check(self, person: PersonRecord, as_of: date) -> CheckResult:
        limit = self.threshold.isoformat()
        if person.birth_date is None:
            return CheckResult(False, self.rule, "缺少出生日期", (("threshold", limit),))
        data = (("birth_date", person.birth_date.isoformat()), ("threshold", limit))
        if born_on_or_after(person.birth_date, self.threshold):
            return CheckResult(
                True, self.rule, f"{person.birth_date.isoformat()}出生，符合{limit}以后出生", data
            )
        return CheckResult(False, self.rule, f"{person.birth_date.isoformat()}出生，早于{limit}", data)


@dataclass(frozen=True)
class AnnualResultsAtLeast:
    """Each of ``years`` has a result of at least ``minimum`` (R000-09). A missing year fails."""

    years: tuple[int, ...]
    minimum: str = "称职"
    order: GradeOrder = DEFAULT_GRADE_ORDER
    rule: str = "R000-09"

    def check(self, person: PersonRecord, as_of: date) -> CheckResult:
        problems: list[str] = []
        seen: list[tuple[int, str | None]] = []
        for year in self.years:
            grade = person.result_for(year)
            seen.append((year, grade))
            if grade is None:
                problems.append(f"缺少{year}年度考核结果")
                continue
            ok = self.order.at_least(grade, self.minimum)
            if ok is None:
                problems.append(f"{year}年度考核结果“{grade}”无法识别")
            elif not ok:
                problems.append(f"{year}年度考核为{grade}，低于{self.minimum}")
        data = (("results", tuple(seen)), ("minimum", self.minimum))
        if problems:
            return CheckResult(False, self.rule, "；".join(problems), data)
        listed = "、".join(f"{y}年{g}" for y, g in seen)
        return CheckResult(True, self.rule, f"年度考核{listed}，均为{self.minimum}以上", data)


@dataclass(frozen=True)
class TransferConditions:
    """R000-11: for people of ``unit_kinds`` — born on or after ``born_on_or_after`` and every reviewer
    judgement item recorded "yes". A "no" fails; a missing or "pending" item leaves the check pending."""

    born_on_or_after: date
    items: tuple[str, ...] = ("最低工作年限", "相当的工作经历与任职资历")
    unit_kinds: tuple[str, ...] = ("直属单位",)
    rule: str = "R000-11"

    def check(self, person: PersonRecord, as_of: date) -> CheckResult:
        if person.unit_kind not in self.unit_kinds:
            return CheckResult(
                True, self.rule, f"{person.unit_kind}人员，不适用调任条件", (("unit_kind", person.unit_kind),)
            )
        failed: list[str] = []
        waiting: list[str] = []
        age = BornOnOrAfter(self.born_on_or_after, self.rule).check(person, as_of)
        if not age.passed:
            failed.append(f"调任年龄条件：{age.reason}")
        statuses: list[tuple[str, str, str]] = []
        for item in self.items:
            judgement = person.judgement(item)
            status = judgement.status if judgement else "pending"
            note = judgement.note if judgement else ""
            statuses.append((item, status, note))
            if status == "no":
                failed.append(f"{item}：审核不符合" + (f"（{note}）" if note else ""))
            elif status == "pending":
                waiting.append(f"{item}：待审核")
        data = (("birth_date", _iso(person.birth_date)), ("judgements", tuple(statuses)))
        if failed:
            return CheckResult(False, self.rule, "；".join(failed + waiting), data)
        if waiting:
            return CheckResult(False, self.rule, "；".join(waiting), data, pending=True)
        return CheckResult(True, self.rule, "符合调任条件：" + "、".join(self.items) + "经审核符合", data)


@dataclass(frozen=True)
class Exemption:
    """R000-10: each requirement (name, flag) is met by the flag, or — exceptionally — by an approved
    and signed written commitment, which passes with a flag carrying the approval record."""

    requirements: tuple[tuple[str, str], ...] = (
        ("基层工作经历", "has_grassroots_experience"),
        ("培训", "has_required_training"),
    )
    rule: str = "R000-10"

    def check(self, person: PersonRecord, as_of: date) -> CheckResult:
        failed: list[str] = []
        flags: list[str] = []
        records: list[tuple[str, str]] = []
        for name, flag in self.requirements:
            if flag in person.flags:
                records.append((name, "具备"))
                continue
            found = [c for c in person.commitments if c.requirement == name]
            good = [c for c in found if c.is_approved and c.is_signed_by_head]
            if good:
                c = good[0]
                when = f"，{c.approved_on.isoformat()}批准" if c.approved_on else ""
                flags.append(f"书面承诺两年内接受{name}安排（领导班子同意、主要负责人签字{when}）")
                records.append((name, "书面承诺"))
            elif found:
                failed.append(f"未达到{name}要求，书面承诺未经领导班子研究同意并由主要负责人签字")
                records.append((name, "承诺未批准"))
            else:
                failed.append(f"未达到{name}要求，且无书面承诺")
                records.append((name, "不具备"))
        data = (("requirements", tuple(records)),)
        if failed:
            return CheckResult(False, self.rule, "；".join(failed), data)
        reason = (
            "具备" + "、".join(n for n, _ in self.requirements) + "要求" if not flags else "；".join(flags)
        )
        return CheckResult(True, self.rule, reason, data, flags=tuple(flags))


@dataclass(frozen=True)
class Avoidance:
    """R000-12: a declared conflict (of ``kinds``, or any when empty) blocks (``mode="block"``) or passes
    with a reassignment flag (``mode="reassign"``)."""

    mode: str = "block"
    kinds: tuple[str, ...] = ()
    rule: str = "R000-12"

    def __post_init__(self) -> None:
        if self.mode not in ("block", "reassign"):
            raise SchemeError("mode", f"回避处理方式只能是 block 或 reassign，而不是 {self.mode!r}")

    def check(self, person: PersonRecord, as_of: date) -> CheckResult:
        hits = [c for c in person.conflicts if not self.kinds or c.kind in self.kinds]
        data = (("conflicts", tuple((c.kind, c.description) for c in hits)), ("mode", self.mode))
        if not hits:
            return CheckResult(True, self.rule, "无回避情形", data)
        listed = "；".join(c.kind + (f"（{c.description}）" if c.description else "") for c in hits)
        if self.mode == "block":
            return CheckResult(False, self.rule, f"存在回避情形：{listed}", data)
        return CheckResult(
            True, self.rule, f"存在回避情形，需调整安排：{listed}", data, flags=(f"回避调整：{listed}",)
        )


@dataclass(frozen=True)
class AnyOf:
    """Passes when at least one item passes (e.g. the two routes of R000-07)."""

    items: tuple[Predicate, ...]
    rule: str = ""
    label: str = ""

    def check(self, person: PersonRecord, as_of: date) -> CheckResult:
        results = [item.check(person, as_of) for item in self.items]
        rule = self.rule or (results[0].rule if results else "")
        data = (("items", tuple((r.passed, r.reason) for r in results)),)
        prefix = f"{self.label}：" if self.label else ""
        for r in results:
            if r.passed:
                return CheckResult(True, rule, prefix + r.reason, data, flags=r.flags)
        pending = any(r.pending for r in results)
        return CheckResult(
            False, rule, prefix + "以下条件均不满足：" + "；".join(r.reason for r in results), data, pending
        )


@dataclass(frozen=True)
class AllOf:
    """Passes when every item passes."""

    items: tuple[Predicate, ...]
    rule: str = ""
    label: str = ""

    def check(self, person: PersonRecord, as_of: date) -> CheckResult:
        results = [item.check(person, as_of) for item in self.items]
        rule = self.rule or (results[0].rule if results else "")
        data = (("items", tuple((r.passed, r.reason) for r in results)),)
        prefix = f"{self.label}：" if self.label else ""
        bad = [r for r in results if not r.passed]
        flags = tuple(f for r in results for f in r.flags)
        if bad:
            pending = all(r.pending for r in bad)
            return CheckResult(False, rule, prefix + "；".join(r.reason for r in bad), data, pending, flags)
        return CheckResult(True, rule, prefix + "；".join(r.reason for r in results), data, flags=flags)


@dataclass(frozen=True)
class EligibilityReport:
    """R000-13: every check of one person, the overall outcome and every reason for a rejection."""

    person_id: str
    as_of: date
    results: tuple[CheckResult, ...]

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.results)

    @property
    def pending(self) -> bool:
        """Not passed, but only because reviewer judgements are outstanding."""
        bad = [r for r in self.results if not r.passed]
        return bool(bad) and all(r.pending for r in bad)

    @property
    def reasons(self) -> tuple[str, ...]:
        """The reasons of every failed or pending check, prefixed with the rule id."""
        return tuple(f"{r.rule} {r.reason}".strip() for r in self.results if not r.passed)

    @property
    def flags(self) -> tuple[str, ...]:
        return tuple(f for r in self.results for f in r.flags)


def evaluate(
    person: PersonRecord, rules: tuple[Predicate, ...] | list[Predicate], as_of: date
) -> EligibilityReport:
    """R000-13: run every rule (never stopping at the first failure) as of ``as_of``."""
    return EligibilityReport(person.person_id, as_of, tuple(rule.check(person, as_of) for rule in rules))


def rule_from_dict(data: dict, field: str = "rules") -> Predicate:
    """Build a predicate from its dict form (see the module docstring); :class:`SchemeError` if invalid."""
    if not isinstance(data, dict) or "kind" not in data:
        raise SchemeError(field, "资格条件必须包含 kind")
    kind = data["kind"]
    extra: dict[str, Any] = {"rule": data["rule"]} if data.get("rule") else {}
    try:
        if kind in ("any_of", "all_of"):
            items = tuple(
                rule_from_dict(d, f"{field}.items[{i}]") for i, d in enumerate(data.get("items", []))
            )
            if not items:
                raise SchemeError(f"{field}.items", "组合条件至少需要一项")
            cls = AnyOf if kind == "any_of" else AllOf
            return cls(items=items, label=data.get("label", ""), **extra)
        if kind == "rank_in":
            return RankIn(ranks=tuple(data["ranks"]), **extra)
        if kind == "years_in_rank":
            years = int(data["min_years"])
            if years < 0:
                raise SchemeError(f"{field}.min_years", "任职年限不能为负数")
            return YearsInRank(ranks=tuple(data["ranks"]), min_years=years, **extra)
        if kind == "born_on_or_after":
            return BornOnOrAfter(parse_date(data["date"], f"{field}.date"), **extra)
        if kind == "annual_results":
            order = GradeOrder.from_list(data["order"]) if data.get("order") else DEFAULT_GRADE_ORDER
            minimum = data.get("minimum", "称职")
            if order.level(minimum) is None:
                raise SchemeError(f"{field}.minimum", f"等次“{minimum}”不在等次顺序中")
            years = tuple(int(y) for y in data["years"])
            return AnnualResultsAtLeast(years=years, minimum=minimum, order=order, **extra)
        if kind == "transfer":
            born = parse_date(data["born_on_or_after"], f"{field}.born_on_or_after")
            opts = {k: tuple(data[k]) for k in ("items", "unit_kinds") if k in data}
            return TransferConditions(born_on_or_after=born, **opts, **extra)
        if kind == "exemption":
            reqs = (
                tuple((r["name"], r["flag"]) for r in data["requirements"])
                if "requirements" in data
                else None
            )
            return Exemption(requirements=reqs, **extra) if reqs else Exemption(**extra)
        if kind == "avoidance":
            return Avoidance(mode=data.get("mode", "block"), kinds=tuple(data.get("kinds", ())), **extra)
    except KeyError as exc:
        raise SchemeError(f"{field}.{exc.args[0]}", "缺少必填项") from exc
    raise SchemeError(f"{field}.kind", f"未知的资格条件类型：{kind}")
