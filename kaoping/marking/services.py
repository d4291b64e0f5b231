"""Writes to written exams (笔试): setup, marker assignment, mark entry and locking, audited corrections,
and arbitration. Every function validates, writes and audits in one transaction; transitions list their
blocking issues first (TransitionBlocked).

Closing marking and opening the code↔candidate key live in ``services_close``, interview services in
``services_interview`` and draws in ``services_draws``; the public names the
selection app calls are re-exported here: :func:`exam_create`, :func:`exam_candidate_add`,
:func:`interview_create`, :func:`interview_candidate_add`.
"""

from __future__ import annotations

import copy
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap
from kaoping.common.audit import audit_record, save_audited, snapshot
from kaoping.common.errors import DomainError, PermissionDenied, TransitionBlocked, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.marking.models import (
    Draw,
    ExamCandidate,
    ExamItem,
    Mark,
    MarkerAssignment,
    MarkingMode,
    WrittenExam,
)
from kaoping.marking.resolution import paper_outcomes, required_markers
from kaoping.marking.services_common import lock
from kaoping.scoring.double_marking import ExamItem as ScoringItem
from kaoping.scoring.double_marking import MarkingState
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.presets.selection import SEED000_SELECTION

S = WrittenExam.Status


def require_manager(actor) -> None:
    if not has_cap(actor, Cap.MARKING_MANAGE):
        raise PermissionDenied(_("您没有组织笔试面试的权限。"))


def parse_score(raw, *, maximum: Decimal, label: str, field: str = "value") -> Decimal:
    """A mark from user input: a number with at most two decimals between 0 and ``maximum``."""
    try:
        value = raw if isinstance(raw, Decimal) else Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise ValidationFailed({field: [_("%(label)s的分数应为数字。") % {"label": label}]}) from None
    if not value.is_finite():
        raise ValidationFailed({field: [_("%(label)s的分数应为数字。") % {"label": label}]})
    if value < 0 or value > maximum:
        raise ValidationFailed(
            {field: [_("%(label)s的分数应在 0 至 %(max)s 之间。") % {"label": label, "max": maximum}]}
        )
    if value != value.quantize(Decimal("0.01")):
        raise ValidationFailed({field: [_("%(label)s的分数最多保留两位小数。") % {"label": label}]})
    return value.quantize(Decimal("0.01"))


# ----------------------------------------------------------------------------------------------- setup


def default_exam_items() -> list[dict]:
    """The seed-000 preset's items (案例分析 60, 写作 40) — a copy the caller may edit."""
    return copy.deepcopy(SEED000_SELECTION["exam"]["items"])


def _require_setup(exam: WrittenExam) -> None:
    if exam.status != S.SETUP:
        raise DomainError(_("考试已开始阅卷，不能再修改设置或考生。"), code="exam_not_setup")


@transaction.atomic
def exam_create(
    *,
    actor,
    title: str,
    items: list[dict] | None = None,
    marking_mode: str = "1评",
    external_ref: str = "",
) -> WrittenExam:
    """Create an exam with its items (default: the seed-000 preset) and marking mode (RP-04)."""
    if marking_mode not in MarkingMode.values:
        raise ValidationFailed({"marking_mode": [_("评分方式无效。")]})
    items = default_exam_items() if items is None else items
    if not items:
        raise ValidationFailed({"items": [_("至少需要一道试题。")]})
    parsed = []
    try:
        for i, data in enumerate(items):
            parsed.append(ScoringItem.from_dict(data, f"items[{i}]"))
    except SchemeError as exc:
        raise ValidationFailed({"items": [f"{exc.field}：{exc.message}"]}) from exc
    if len({p.key for p in parsed}) != len(parsed):
        raise ValidationFailed({"items": [_("题号不能重复。")]})
    exam = WrittenExam(
        title=title.strip(), marking_mode=marking_mode, external_ref=external_ref, created_by=_user(actor)
    )
    save_audited(exam, actor=actor, before=None)
    for order, p in enumerate(parsed, start=1):
        item = ExamItem(
            exam=exam,
            key=p.key,
            label=p.label,
            max_score=p.max_score,
            tolerance=p.tolerance,
            tolerance_kind=p.tolerance_kind.value,
            order=order,
        )
        save_audited(item, actor=actor, before=None)
    return exam


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def exam_item_update(
    *, actor, item: ExamItem, max_score: Decimal, tolerance: Decimal, tolerance_kind: str
) -> ExamItem:
    """Change an item's maximum and tolerance while the exam is being set up."""
    _require_setup(item.exam)
    before = snapshot(item)
    item.max_score, item.tolerance, item.tolerance_kind = max_score, tolerance, tolerance_kind
    save_audited(item, actor=actor, before=before)
    return item


@transaction.atomic
def exam_settings_update(
    *, actor, exam: WrittenExam, rounding_places: int, rounding_mode: str
) -> WrittenExam:
    """RP-02: places and rounding mode of the exam score (before marking starts)."""
    _require_setup(exam)
    before = snapshot(exam)
    exam.rounding_places, exam.rounding_mode = rounding_places, rounding_mode
    save_audited(exam, actor=actor, before=before)
    return exam


@transaction.atomic
def exam_candidate_add(*, actor, exam: WrittenExam, person, external_ref: str = "") -> ExamCandidate:
    """Add a candidate (only while the exam is being set up, before the draws)."""
    _require_setup(exam)
    if exam.draws.filter(kind=Draw.Kind.EXAM_SEATS).exclude(status=Draw.Status.COMMITTED).exists():
        raise DomainError(_("座位已抽签，不能再增加考生。"), code="seats_drawn")
    candidate = ExamCandidate(exam=exam, person=person, external_ref=external_ref)
    save_audited(candidate, actor=actor, before=None, conflict_message=_("该人员已是本场考试的考生。"))
    return candidate


@transaction.atomic
def exam_candidate_remove(*, actor, candidate: ExamCandidate) -> None:
    """Remove a candidate added by mistake — only before the seat draw."""
    exam = candidate.exam
    _require_setup(exam)
    if exam.draws.filter(kind=Draw.Kind.EXAM_SEATS).exclude(status=Draw.Status.COMMITTED).exists():
        raise DomainError(_("座位已抽签，不能再删除考生。"), code="seats_drawn")
    audit_record(
        actor=actor, action=AuditEntry.Action.DELETE, obj=candidate, object_repr=str(candidate.person)
    )
    candidate.delete()


@transaction.atomic
def marker_assign(*, actor, exam: WrittenExam, user, item: ExamItem | None = None, role: str = "marker"):
    """Assign a marker (or arbitrator) to one item or to the whole paper."""
    if exam.status not in (S.SETUP, S.MARKING):
        raise DomainError(_("阅卷已结束，不能再调整分工。"), code="exam_closed")
    if not has_cap(user, Cap.MARKING_MARK):
        raise ValidationFailed({"user": [_("该账号没有阅卷人角色。")]})
    if item is not None and item.exam_id != exam.pk:
        raise ValidationFailed({"item": [_("试题不属于本场考试。")]})
    assignment = MarkerAssignment(exam=exam, user=user, item=item, role=role)
    save_audited(assignment, actor=actor, before=None, conflict_message=_("该阅卷人已有此分工。"))
    return assignment


@transaction.atomic
def marker_unassign(*, actor, assignment: MarkerAssignment) -> None:
    if Mark.objects.filter(exam=assignment.exam, marker=assignment.user, is_superseded=False).exists():
        raise DomainError(_("该阅卷人已提交评分，不能取消分工。"), code="marker_has_marks")
    audit_record(actor=actor, action=AuditEntry.Action.DELETE, obj=assignment)
    assignment.delete()


def exam_start_blocking_issues(exam: WrittenExam) -> list[str]:
    issues = []
    if exam.status != S.SETUP:
        issues.append(_("考试不在准备阶段。"))
    count = exam.candidates.count()
    if not count:
        issues.append(_("尚无考生。"))
    if exam.candidates.filter(blind_code__isnull=True).exists():
        issues.append(_("尚未抽签确定密号。"))
    need = required_markers(exam)
    for item in exam.items.all():
        if need.get(item.key, 0) < (1 if exam.marking_mode == MarkingMode.SINGLE else 2):
            issues.append(_("试题“%(item)s”的阅卷人不足。") % {"item": item.label})
    return issues


@transaction.atomic
def exam_start_marking(*, actor, exam: WrittenExam) -> WrittenExam:
    exam = lock(exam)
    if issues := exam_start_blocking_issues(exam):
        raise TransitionBlocked(issues)
    before = snapshot(exam)
    exam.status = S.MARKING
    save_audited(exam, actor=actor, before=before, note=_("开始阅卷"))
    return exam


# ------------------------------------------------------------------------------------------------ marks


def assigned_items(exam: WrittenExam, user, role: str = "marker") -> list[ExamItem]:
    """The items ``user`` marks in ``exam`` (every item for a whole-paper assignment)."""
    rows = list(
        MarkerAssignment.objects.filter(exam=exam, user=user, role=role).values_list("item_id", flat=True)
    )
    items = list(exam.items.all())
    if None in rows:
        return items
    return [i for i in items if i.pk in set(rows)]


def _item_state(exam: WrittenExam, candidate: ExamCandidate, item: ExamItem):
    outcome = paper_outcomes(exam, candidate_ids=[candidate.pk])[candidate.pk]
    return next(o for o in outcome.items if o.item == item.key)


@transaction.atomic
def mark_submit(*, actor, exam: WrittenExam, candidate: ExamCandidate, item: ExamItem, value) -> Mark:
    """A marker submits a mark; it is locked at once. The item must still need this marker."""
    exam = lock(exam)
    if exam.status != S.MARKING:
        raise DomainError(_("当前不在阅卷阶段。"), code="not_marking")
    if candidate.exam_id != exam.pk or item.exam_id != exam.pk or item not in assigned_items(exam, actor):
        raise PermissionDenied(_("您未被分配评阅此题。"))
    value = parse_score(value, maximum=item.max_score, label=item.label)
    live = Mark.objects.filter(candidate=candidate, item=item, kind=Mark.Kind.REGULAR, is_superseded=False)
    if live.filter(marker=actor).exists():
        raise DomainError(_("您已提交此题评分，如需更正请联系组织者解锁。"), code="already_marked")
    state = _item_state(exam, candidate, item)
    if state.state is not MarkingState.NEEDS_MARKER:
        raise DomainError(_("此题已无需再评。"), code="not_needed")
    last = (
        Mark.objects.filter(candidate=candidate, item=item, kind=Mark.Kind.REGULAR).order_by("-round").first()
    )
    mark = Mark(
        exam=exam,
        candidate=candidate,
        item=item,
        marker=actor,
        value=value,
        round=(last.round + 1) if last else 1,
    )
    save_audited(
        mark, actor=actor, before=None, conflict_message=_("此题评分已由他人同时提交，请刷新后重试。")
    )
    return mark


@transaction.atomic
def arbitration_submit(*, actor, exam: WrittenExam, candidate: ExamCandidate, item: ExamItem, value) -> Mark:
    """The arbitrator (仲裁) gives the final mark of an item whose marks all disagree (RP-04)."""
    exam = lock(exam)
    if exam.status != S.MARKING:
        raise DomainError(_("当前不在阅卷阶段。"), code="not_marking")
    if candidate.exam_id != exam.pk or item not in assigned_items(exam, actor, role="arbitrator"):
        raise PermissionDenied(_("您未被指定为此题的仲裁人。"))
    value = parse_score(value, maximum=item.max_score, label=item.label)
    if _item_state(exam, candidate, item).state is not MarkingState.NEEDS_ARBITRATOR:
        raise DomainError(_("此题不需要仲裁。"), code="not_needed")
    last = (
        Mark.objects.filter(candidate=candidate, item=item, kind=Mark.Kind.ARBITRATION)
        .order_by("-round")
        .first()
    )
    mark = Mark(
        exam=exam,
        candidate=candidate,
        item=item,
        marker=actor,
        value=value,
        kind=Mark.Kind.ARBITRATION,
        round=(last.round + 1) if last else 1,
    )
    save_audited(mark, actor=actor, before=None, conflict_message=_("仲裁分数已由他人提交。"))
    return mark


@transaction.atomic
def mark_unlock(*, actor, mark: Mark, reason: str) -> Mark:
    """The organiser unlocks a submitted mark for correction: the row is kept (superseded, with the reason)
    and the marker may enter a new one. Audited with the old value."""
    require_manager(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed({"reason": [_("请填写更正原因。")]})
    mark = Mark.objects.select_for_update().select_related("exam", "item").get(pk=mark.pk)
    if mark.exam.status != S.MARKING:
        raise DomainError(_("阅卷已结束，不能再更正评分。"), code="exam_closed")
    if mark.is_superseded:
        raise DomainError(_("该评分已解锁。"), code="already_unlocked")
    before = snapshot(mark)
    mark.is_superseded = True
    mark.superseded_at = timezone.now()
    mark.superseded_by = actor
    mark.superseded_reason = reason[:300]
    save_audited(mark, actor=actor, before=before, note=_("解锁更正：%(reason)s") % {"reason": reason})
    return mark


# ------------------------------------------------------------------------------------ re-exports (API)

from kaoping.marking.services_interview import interview_candidate_add, interview_create  # noqa: E402

__all__ = [
    "exam_candidate_add",
    "exam_create",
    "interview_candidate_add",
    "interview_create",
]
