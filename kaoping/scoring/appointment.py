"""Appointment rounds of an establishment plan: post capacity (R004-05) and phases (R004-06)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from ._validate import count, required
from .dates import parse_date
from .errors import SchemeError
from .establishment import EstablishmentPlan, Violation


def capacity_violations(plan: EstablishmentPlan, appointed: Mapping[str, int]) -> tuple[Violation, ...]:
    """R004-05: no post beyond its count. ``appointed`` maps :attr:`PostLine.key` to people appointed;
    an unknown key is a violation too."""
    out = []
    lines = {ln.key: ln for ln in plan.lines}
    for key in sorted(appointed):
        n = count(appointed[key], f"appointed.{key}")
        line = lines.get(key)
        if line is None:
            out.append(Violation("R004-05", "unknown_post", f"岗位“{key}”不在岗位设置分布表中"))
        elif n > line.count:
            out.append(
                Violation("R004-05", "over_count", f"岗位“{key}”聘用 {n} 人，超过岗位数量 {line.count}")
            )
    return tuple(out)


def can_appoint(plan: EstablishmentPlan, appointed: Mapping[str, int], key: str) -> bool:
    """R004-05: whether one more person can be appointed to post ``key``."""
    for ln in plan.lines:
        if ln.key == key:
            return appointed.get(key, 0) < ln.count
    return False


def first_appointment_grade_ok(current_grade: int, post_grade: int) -> bool:
    """R004-05: a first appointment keeps the person at their current grade (确保现有人员按现聘职务进入)."""
    return current_grade == post_grade


@dataclass(frozen=True)
class Phase:
    """A phase of the plan with inclusive dates."""

    name: str
    start: date
    end: date


@dataclass(frozen=True)
class PhaseStatus:
    """R004-06: as of a date — the current phases, the overdue ones (ended, not done) and the rest."""

    as_of: date
    current: tuple[str, ...]
    overdue: tuple[str, ...]
    upcoming: tuple[str, ...]
    done: tuple[str, ...]

    @property
    def messages(self) -> tuple[str, ...]:
        """Chinese lines for the plan page."""
        lines = [f"当前阶段：{name}" for name in self.current]
        lines += [f"已逾期未完成：{name}" for name in self.overdue]
        return tuple(lines)


def parse_phases(data: Iterable[dict]) -> tuple[Phase, ...]:
    """Phases from ``[{"name", "start", "end"}, ...]`` with dates as ISO strings; end ≥ start."""
    phases = []
    for i, p in enumerate(data):
        f = f"phases[{i}]"
        start = parse_date(required(p, "start", f), f"{f}.start")
        end = parse_date(required(p, "end", f), f"{f}.end")
        if end < start:
            raise SchemeError(f"{f}.end", f"结束日期 {end.isoformat()} 早于开始日期 {start.isoformat()}")
        phases.append(Phase(required(p, "name", f), start, end))
    return tuple(phases)


def phase_status(phases: Iterable[Phase], as_of: date, completed: Iterable[str] = ()) -> PhaseStatus:
    """R004-06: which phases are current on ``as_of`` and which ended before it without being completed."""
    done_set = set(completed)
    current, overdue, upcoming, done = [], [], [], []
    for p in phases:
        if p.name in done_set:
            done.append(p.name)
        elif p.start <= as_of <= p.end:
            current.append(p.name)
        elif p.end < as_of:
            overdue.append(p.name)
        else:
            upcoming.append(p.name)
    return PhaseStatus(as_of, tuple(current), tuple(overdue), tuple(upcoming), tuple(done))
