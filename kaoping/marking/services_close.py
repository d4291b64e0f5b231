"""Ending a written exam's marking and opening the code↔candidate key (拆封). Each transition lists its
blocking issues first (TransitionBlocked), then writes and audits in one transaction."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaoping.common.audit import audit_record, save_audited, snapshot
from kaoping.common.errors import TransitionBlocked
from kaoping.common.models import AuditEntry
from kaoping.marking.models import Draw, WrittenExam
from kaoping.marking.resolution import paper_states, wait_kind
from kaoping.marking.services import require_manager
from kaoping.marking.services_common import lock

S = WrittenExam.Status


def exam_close_blocking_issues(exam: WrittenExam, states: dict | None = None) -> list[str]:
    """Why marking cannot close: marks missing per item, disagreements waiting for a marker or arbitrator."""
    if exam.status != S.MARKING:
        return [_("考试不在阅卷阶段。")]
    missing: dict[str, int] = {}
    disputes: dict[str, int] = {}
    arbitration: dict[str, int] = {}
    labels = {i.key: i.label for i in exam.items.all()}
    for _cid, (outcome, counts) in (paper_states(exam) if states is None else states).items():
        for o in outcome.items:
            kind = wait_kind(exam.marking_mode, o.state, counts.get(o.item, 0))
            bucket = {"missing": missing, "dispute": disputes, "arbitration": arbitration}.get(kind)
            if bucket is not None:
                bucket[o.item] = bucket.get(o.item, 0) + 1
    issues = []
    for key, n in missing.items():
        issues.append(_("试题“%(item)s”尚有 %(n)s 份试卷未评完。") % {"item": labels[key], "n": n})
    for key, n in disputes.items():
        issues.append(
            _("试题“%(item)s”有 %(n)s 份试卷分差超过误差，待加评。") % {"item": labels[key], "n": n}
        )
    for key, n in arbitration.items():
        issues.append(_("试题“%(item)s”有 %(n)s 份试卷待仲裁。") % {"item": labels[key], "n": n})
    return issues


@transaction.atomic
def exam_close(*, actor, exam: WrittenExam) -> WrittenExam:
    """End marking: every paper's every item is final."""
    require_manager(actor)
    exam = lock(exam)
    if issues := exam_close_blocking_issues(exam):
        raise TransitionBlocked(issues)
    before = snapshot(exam)
    exam.status = S.CLOSED
    exam.closed_at = timezone.now()
    save_audited(exam, actor=actor, before=before, note=_("阅卷结束"))
    return exam


@transaction.atomic
def exam_open_key(*, actor, exam: WrittenExam) -> WrittenExam:
    """Open the code↔candidate key (拆封) — only after marking closed; audited; the code draw's seed is
    published so anyone can re-verify the codes."""
    from kaoping.marking.services_draws import draw_reveal

    require_manager(actor)
    exam = lock(exam)
    if exam.status != S.CLOSED:
        raise TransitionBlocked([_("阅卷结束后才能拆封密号。")])
    before = snapshot(exam)
    exam.status = S.KEY_OPENED
    exam.key_opened_at = timezone.now()
    exam.key_opened_by = actor
    save_audited(exam, actor=actor, before=before, note=_("拆封密号"))
    audit_record(
        actor=actor,
        action=AuditEntry.Action.OTHER,
        obj=exam,
        changes={"key_opened": True, "candidates": exam.candidates.count()},
        note=_("拆封密号（密号与考生对应关系）"),
    )
    for draw in exam.draws.filter(kind=Draw.Kind.EXAM_CODES, status=Draw.Status.DRAWN):
        draw_reveal(actor=actor, draw=draw)
    return exam
