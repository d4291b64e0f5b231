"""Registration rules of a competitive selection (R000-02 … R000-05), as pure checks.

Datetimes must be timezone-aware; comparing naive datetimes raises :class:`SchemeError`.
Deadline reading (R000-04): the seed says "报名时间截至2011年10月9日17:00", so a registration stamped
exactly at the deadline is accepted (``inclusive=True``, default); ``inclusive=False`` reads
"17:00 前" strictly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from .errors import SchemeError


@dataclass(frozen=True)
class RegistrationCheck:
    """Outcome of one registration rule: ``allowed``, the rule id and a Chinese reason."""

    allowed: bool
    rule: str
    reason: str


def _aware(value: datetime, field: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise SchemeError(field, "时间必须带时区")


def check_deadline(now: datetime, deadline: datetime, *, inclusive: bool = True) -> RegistrationCheck:
    """R000-04: registration (or a change) at ``now`` is in time for ``deadline``."""
    _aware(now, "now")
    _aware(deadline, "deadline")
    in_time = now <= deadline if inclusive else now < deadline
    stamp = deadline.isoformat(timespec="minutes")
    if in_time:
        return RegistrationCheck(True, "R000-04", f"在报名截止时间 {stamp} 之前")
    return RegistrationCheck(False, "R000-04", f"报名已于 {stamp} 截止")


def check_single_position(
    existing_positions: tuple[str, ...] | list[str], *, limit: int = 1
) -> RegistrationCheck:
    """R000-02: a person may hold at most ``limit`` registrations per campaign (每人限报一个职位).
    ``existing_positions``: the positions the person is already registered for in this campaign."""
    if limit < 1:
        raise SchemeError("limit", "每人可报职位数必须至少为 1")
    if len(existing_positions) >= limit:
        held = "、".join(existing_positions)
        return RegistrationCheck(False, "R000-02", f"每人限报{limit}个职位，已报名：{held}")
    return RegistrationCheck(True, "R000-02", "尚未报名其他职位")


def check_change(
    changes_made: int,
    now: datetime,
    deadline: datetime,
    *,
    counts_published_at: datetime | None,
    max_changes: int = 1,
    is_written: bool = True,
    inclusive: bool = True,
) -> RegistrationCheck:
    """R000-03: a change of position is allowed after the counts are published, by written request,
    before the deadline, and at most ``max_changes`` times."""
    if changes_made < 0:
        raise SchemeError("changes_made", "调整次数不能为负数")
    if counts_published_at is None:
        return RegistrationCheck(False, "R000-03", "组织部尚未发布各职位报名情况，暂不能调整")
    _aware(counts_published_at, "counts_published_at")
    late = check_deadline(now, deadline, inclusive=inclusive)
    if not late.allowed:
        return RegistrationCheck(False, "R000-03", late.reason)
    if now < counts_published_at:
        return RegistrationCheck(False, "R000-03", "组织部尚未发布各职位报名情况，暂不能调整")
    if not is_written:
        return RegistrationCheck(False, "R000-03", "调整报名职位须书面申请")
    if changes_made >= max_changes:
        return RegistrationCheck(False, "R000-03", f"最多书面申请调整{max_changes}次，已调整{changes_made}次")
    return RegistrationCheck(
        True, "R000-03", f"可调整报名职位（已调整{changes_made}次，最多{max_changes}次）"
    )


@dataclass(frozen=True)
class OpeningDecision:
    """R000-05: whether a position opens, with its registrant count and the reason."""

    position: str
    registrants: int
    is_opened: bool
    reason: str


def positions_opening(counts: Mapping[str, int], *, minimum: int = 3) -> tuple[OpeningDecision, ...]:
    """R000-05: each position with fewer than ``minimum`` registrants at the deadline is not opened
    (不列入竞争上岗范围); its registrants may apply in writing to switch. Sorted by position key."""
    if minimum < 1:
        raise SchemeError("minimum", "开考最低报名人数必须至少为 1")
    decisions = []
    for position in sorted(counts):
        n = counts[position]
        if n < 0:
            raise SchemeError(f"counts.{position}", "报名人数不能为负数")
        if n >= minimum:
            decisions.append(OpeningDecision(position, n, True, f"报名{n}人，达到{minimum}人"))
        else:
            reason = f"报名{n}人，达不到{minimum}人，不列入竞争上岗范围，报名人员可书面申请改报其他职位"
            decisions.append(OpeningDecision(position, n, False, reason))
    return tuple(decisions)


def positions_not_opened(counts: Mapping[str, int], *, minimum: int = 3) -> tuple[str, ...]:
    """R000-05: the keys of the positions that do not open."""
    return tuple(d.position for d in positions_opening(counts, minimum=minimum) if not d.is_opened)
