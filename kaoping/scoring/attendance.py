"""Attendance (平时考勤) and the attendance allowance (考勤津贴), R003-04 and R003-05.

Sign-in windows are data. Reading of the seed ("上午9点15分前 … 下班签名时间：上午11点后"): a sign-in at
exactly 09:15 is on time and a sign-out at exactly 11:00 is not early (both boundaries inclusive).
A half-day with neither a sign-in nor a sign-out and no approved leave or official business is an
unexcused absence (旷工半天); a missing or late sign-in is 迟到, a missing or early sign-out 早退.
Money is Decimal rounded to 0.01 yuan and never below 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from ._validate import count, dec, num
from .decimals import MONEY_ROUNDING, ZERO, Rounding, round_score
from .errors import SchemeError
from .trace import Derivation

HALVES = ("上午", "下午")


def _time(value: object, field: str) -> time:
    if isinstance(value, time):
        return value
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        raise SchemeError(field, f"时间格式不正确：{value!r}（应为 HH:MM）") from None


@dataclass(frozen=True)
class AttendanceScheme:
    """R003-04/05 numbers: sign windows, leave approvers by duration, allowance and deductions."""

    morning_in_by: time = time(9, 15)
    afternoon_in_by: time = time(15, 0)
    morning_out_after: time = time(11, 0)
    afternoon_out_after: time = time(17, 0)
    # (max days, approver) ascending; the last has max None (anything longer)
    approvers: tuple[tuple[Decimal | None, str], ...] = (
        (Decimal("0.5"), "分管领导"),
        (Decimal("1"), "常务副主席"),
        (None, "主席"),
    )
    allowance: Decimal = Decimal("2000")
    deduction_per_half_day: Decimal = Decimal("20")
    deduction_per_day: Decimal = Decimal("40")
    forfeit_days: Decimal = Decimal("15")
    rounding: Rounding = MONEY_ROUNDING

    @classmethod
    def from_dict(cls, data: dict | None) -> AttendanceScheme:
        """Validate ``data`` (see the ``targets.seed003`` preset, key ``"attendance"``)."""
        data = data or {}
        approvers = []
        raw = data.get("approvers") or [
            {"max_days": "0.5", "approver": "分管领导"},
            {"max_days": "1", "approver": "常务副主席"},
            {"max_days": None, "approver": "主席"},
        ]
        for i, a in enumerate(raw):
            limit = a.get("max_days")
            limit = None if limit is None else dec(limit, f"approvers[{i}].max_days", allow_zero=False)
            approvers.append((limit, a["approver"]))
        limits = [lim for lim, _ in approvers]
        if limits[-1] is not None or None in limits[:-1] or limits[:-1] != sorted(limits[:-1]):
            raise SchemeError("approvers", "审批权限须按天数递增排列，且最后一级不设上限")
        return cls(
            morning_in_by=_time(data.get("morning_in_by", "09:15"), "morning_in_by"),
            afternoon_in_by=_time(data.get("afternoon_in_by", "15:00"), "afternoon_in_by"),
            morning_out_after=_time(data.get("morning_out_after", "11:00"), "morning_out_after"),
            afternoon_out_after=_time(data.get("afternoon_out_after", "17:00"), "afternoon_out_after"),
            approvers=tuple(approvers),
            allowance=dec(data.get("allowance", "2000"), "allowance"),
            deduction_per_half_day=dec(data.get("deduction_per_half_day", "20"), "deduction_per_half_day"),
            deduction_per_day=dec(data.get("deduction_per_day", "40"), "deduction_per_day"),
            forfeit_days=dec(data.get("forfeit_days", "15"), "forfeit_days", allow_zero=False),
        )


@dataclass(frozen=True)
class DayRecord:
    """One day's sign-in/out times (None = not signed) and the halves excused by approved leave or
    official business (``excused`` ⊆ {"上午", "下午"})."""

    day: date
    morning_in: time | None = None
    morning_out: time | None = None
    afternoon_in: time | None = None
    afternoon_out: time | None = None
    excused: frozenset[str] = frozenset()


@dataclass(frozen=True)
class DayJudgement:
    """R003-04: the halves of a day that were late, early, unexcused absent or excused."""

    day: date
    late: tuple[str, ...] = ()
    early: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    excused: tuple[str, ...] = ()

    @property
    def absent_half_days(self) -> int:
        return len(self.absent)


def judge_day(record: DayRecord, scheme: AttendanceScheme) -> DayJudgement:
    """R003-04: judge one day's records against the sign windows."""
    late, early, absent, excused = [], [], [], []
    halves = (
        ("上午", record.morning_in, record.morning_out, scheme.morning_in_by, scheme.morning_out_after),
        (
            "下午",
            record.afternoon_in,
            record.afternoon_out,
            scheme.afternoon_in_by,
            scheme.afternoon_out_after,
        ),
    )
    for name, came, left, by, after in halves:
        if name in record.excused:
            excused.append(name)
            continue
        if came is None and left is None:
            absent.append(name)
            continue
        if came is None or came > by:
            late.append(name)
        if left is None or left < after:
            early.append(name)
    return DayJudgement(record.day, tuple(late), tuple(early), tuple(absent), tuple(excused))


def unexcused_half_days(judgements: Iterable[DayJudgement]) -> int:
    """Total unexcused half-days over a set of judged days."""
    return sum(j.absent_half_days for j in judgements)


def leave_approver(days: Decimal, scheme: AttendanceScheme) -> str:
    """R003-04: who approves a leave of ``days`` (半天内 分管领导, 一天内 常务副主席, 一天以上 主席)."""
    length = dec(days, "days", allow_zero=False)
    for limit, approver in scheme.approvers:
        if limit is None or length <= limit:
            return approver
    raise AssertionError("unreachable: the last approver has no limit")  # pragma: no cover


@dataclass(frozen=True)
class AllowanceResult:
    """R003-05: the allowance (a money derivation) and whether the target bonus is forfeited too."""

    allowance: Derivation
    forfeits_target_bonus: bool


def attendance_allowance(half_days: int, scheme: AttendanceScheme) -> AllowanceResult:
    """R003-05: allowance minus 40 per whole day and 20 per remaining half-day of unexcused absence;
    ``forfeit_days`` (15) or more days forfeit the whole allowance and the target bonus. Never below 0."""
    halves = count(half_days, "half_days")
    days, rest = divmod(halves, 2)
    total_days = Decimal(halves) / 2
    inputs = (("unexcused_half_days", halves), ("allowance", scheme.allowance))
    if total_days >= scheme.forfeit_days:
        formula = f"全年累计旷工 {num(total_days)} 天（≥ {num(scheme.forfeit_days)} 天），扣除全额考勤津贴"
        value = round_score(ZERO, scheme.rounding)
        return AllowanceResult(Derivation("考勤津贴", value, formula, "R003-05", inputs), True)
    deduction = scheme.deduction_per_day * days + scheme.deduction_per_half_day * rest
    value = round_score(max(scheme.allowance - deduction, ZERO), scheme.rounding)
    formula = (
        f"{num(scheme.allowance)} − 旷工 {days} 天 × {num(scheme.deduction_per_day)}"
        f" − {rest} 个半天 × {num(scheme.deduction_per_half_day)}"
    )
    if scheme.allowance - deduction < ZERO:
        formula = f"max({formula}, 0)"
    return AllowanceResult(Derivation("考勤津贴", value, formula, "R003-05", inputs), False)
