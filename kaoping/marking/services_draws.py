"""Verifiable draws (抽签, R000-22): commit (publish SHA-256 of a fresh seed) → draw (the order is computed
by :func:`kaoping.scoring.draws.draw` over the recorded items and applied) → reveal (publish the seed).

Seat draws and interview-order draws are revealed at once; the blind-code draw's seed and order stay sealed
until the organiser opens the key after marking closes (``services_close.exam_open_key``).
"""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaoping.common.audit import audit_record, save_audited, snapshot
from kaoping.common.errors import DomainError, TransitionBlocked
from kaoping.common.models import AuditEntry
from kaoping.marking.models import Draw, ExamCandidate, InterviewCandidate, Panel, WrittenExam
from kaoping.marking.services import require_manager
from kaoping.scoring import draws as engine

K = Draw.Kind


def commitment_of(seed: str) -> str:
    """The published commitment: SHA-256 (hex) of the seed's UTF-8 bytes."""
    return hashlib.sha256(seed.encode()).hexdigest()


def seat_label(seat_no: int) -> str:
    return f"{seat_no:03d}"


def _target_open(kind: str, exam: WrittenExam | None, panel: Panel | None) -> None:
    if kind in (K.EXAM_SEATS, K.EXAM_CODES):
        if exam is None or exam.status != WrittenExam.Status.SETUP:
            raise DomainError(_("考试已开始阅卷，不能再抽签。"), code="exam_not_setup")
    elif panel is None or panel.interview.status == panel.interview.Status.CLOSED:
        raise DomainError(_("面试已结束，不能再抽签。"), code="interview_closed")


@transaction.atomic
def draw_commit(*, actor, kind: str, exam: WrittenExam | None = None, panel: Panel | None = None) -> Draw:
    """Generate a seed from a cryptographic source and publish its SHA-256 before drawing. A commitment not yet
    drawn is replaced (the old one is kept in the audit trail)."""
    require_manager(actor)
    _target_open(kind, exam, panel)
    existing = Draw.objects.filter(kind=kind, exam=exam, panel=panel)
    if existing.exclude(status=Draw.Status.COMMITTED).exists():
        raise DomainError(_("已抽签，不能重抽。"), code="already_drawn")
    for old in existing:
        audit_record(
            actor=actor, action=AuditEntry.Action.DELETE, obj=old, changes={"commitment": old.commitment}
        )
        old.delete()
    seed = engine.generate_seed()
    draw = Draw(
        kind=kind, exam=exam, panel=panel, commitment=commitment_of(seed), secret_seed=seed, created_by=actor
    )
    save_audited(draw, actor=actor, before=None)
    return draw


def _items_for(draw: Draw) -> tuple[list[str], list[str]]:
    """(items to draw, blocking issues)."""
    if draw.kind == K.EXAM_SEATS:
        return [f"C{pk}" for pk in draw.exam.candidates.order_by("pk").values_list("pk", flat=True)], []
    if draw.kind == K.EXAM_CODES:
        seats = list(draw.exam.candidates.order_by("seat_no").values_list("seat_no", flat=True))
        if not seats or None in seats:
            return [], [_("请先完成座位抽签。")]
        return [seat_label(s) for s in seats], []
    return [f"I{pk}" for pk in draw.panel.candidates.order_by("pk").values_list("pk", flat=True)], []


@transaction.atomic
def draw_perform(*, actor, draw: Draw) -> Draw:
    """Draw the order from the committed seed and apply it (seats, codes or interview order)."""
    require_manager(actor)
    draw = (
        Draw.objects.select_for_update(of=("self",))
        .select_related("exam", "panel__interview")
        .get(pk=draw.pk)
    )
    if draw.status != Draw.Status.COMMITTED:
        raise DomainError(_("已抽签，不能重抽。"), code="already_drawn")
    _target_open(draw.kind, draw.exam, draw.panel)
    items, issues = _items_for(draw)
    if not items and not issues:
        issues = [_("没有可抽签的对象。")]
    if issues:
        raise TransitionBlocked(issues)
    result = engine.draw(items, draw.secret_seed)
    before = snapshot(draw, ["status"])
    draw.items, draw.order, draw.digest = items, list(result.order), result.digest
    draw.status, draw.drawn_at = Draw.Status.DRAWN, timezone.now()
    _apply(draw, result)
    if draw.kind != K.EXAM_CODES:
        draw.seed, draw.status, draw.revealed_at, draw.revealed_by = (
            draw.secret_seed,
            Draw.Status.REVEALED,
            timezone.now(),
            actor,
        )
    draw.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=draw,
        changes={"status": [before["status"], draw.status], "digest": draw.digest, "items": len(items)},
        note=_("抽签"),
    )
    return draw


def _apply(draw: Draw, result: engine.DrawResult) -> None:
    if draw.kind == K.EXAM_SEATS:
        cands = {f"C{c.pk}": c for c in draw.exam.candidates.all()}
        ExamCandidate.objects.filter(exam=draw.exam).update(seat_no=None, blind_code=None)
        for c in cands.values():
            c.seat_no = result.position(f"C{c.pk}")
        ExamCandidate.objects.bulk_update(cands.values(), ["seat_no"])
    elif draw.kind == K.EXAM_CODES:
        prefix = draw.exam.code_prefix
        cands = {seat_label(c.seat_no): c for c in draw.exam.candidates.all()}
        ExamCandidate.objects.filter(exam=draw.exam).update(blind_code=None)
        for label, c in cands.items():
            c.blind_code = f"{prefix}{result.position(label):04d}"
        ExamCandidate.objects.bulk_update(cands.values(), ["blind_code"])
    else:
        cands = {f"I{c.pk}": c for c in draw.panel.candidates.all()}
        InterviewCandidate.objects.filter(panel=draw.panel).update(order_no=None)
        for c in cands.values():
            c.order_no = result.position(f"I{c.pk}")
        InterviewCandidate.objects.bulk_update(cands.values(), ["order_no"])


@transaction.atomic
def draw_reveal(*, actor, draw: Draw) -> Draw:
    """Publish the seed (the blind-code draw only after the key is opened)."""
    require_manager(actor)
    draw = Draw.objects.select_for_update(of=("self",)).select_related("exam").get(pk=draw.pk)
    if draw.status != Draw.Status.DRAWN:
        raise DomainError(_("该抽签尚未进行或已公布种子。"), code="not_drawn")
    if draw.kind == K.EXAM_CODES and not draw.exam.is_key_open:
        raise DomainError(_("拆封密号前不能公布密号抽签的种子。"), code="key_sealed")
    before = snapshot(draw, ["status", "seed"])
    draw.seed, draw.status, draw.revealed_at, draw.revealed_by = (
        draw.secret_seed,
        Draw.Status.REVEALED,
        timezone.now(),
        actor,
    )
    save_audited(draw, actor=actor, before=before, note=_("公布抽签种子"))
    return draw


def draw_verify(draw: Draw) -> bool | None:
    """Re-run a revealed draw: the seed matches the commitment and the order matches the record.
    None while the seed is not yet public."""
    if draw.status != Draw.Status.REVEALED:
        return None
    if commitment_of(draw.seed) != draw.commitment:
        return False
    recorded = engine.DrawResult(order=tuple(draw.order), seed=draw.seed, keys=(), digest=draw.digest)
    return engine.verify_draw(recorded, draw.items)


def verify_manual(seed: str, items: list[str], commitment: str = "") -> tuple[engine.DrawResult, bool | None]:
    """The public check anyone may run: the order from a seed and items, and whether the seed matches a
    commitment (None when no commitment given)."""
    result = engine.draw(items, seed)
    return result, (None if not commitment else commitment_of(seed) == commitment.strip().lower())
