"""Reads of written exams: lists, progress, a marker's queue (codes only), results.

Public for other apps: :func:`exam_results` and :func:`interview_results` (→ :class:`ScoreResults`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from kaoping.marking.models import ExamCandidate, ExamItem, Mark, MarkerAssignment, WrittenExam
from kaoping.marking.resolution import paper_states, wait_kind
from kaoping.marking.results import CandidateScore, ScoreResults
from kaoping.marking.selectors_interview import interview_results
from kaoping.scoring.double_marking import MarkingState

__all__ = ["CandidateScore", "ScoreResults", "exam_results", "interview_results"]


def exam_list(search: str = ""):
    qs = WrittenExam.objects.annotate(n_candidates=Count("candidates", distinct=True))
    if search:
        qs = qs.filter(Q(title__icontains=search) | Q(external_ref__icontains=search))
    return qs.order_by("-created_at", "-id")


def exams_for_marker(user):
    """Exams in which ``user`` is assigned (marker or arbitrator) — titles only."""
    ids = MarkerAssignment.objects.filter(user=user).values("exam_id")
    return WrittenExam.objects.filter(pk__in=ids).order_by("-created_at", "-id")


@dataclass(frozen=True)
class ItemProgress:
    item: ExamItem
    final: int
    missing: int
    disputes: int
    arbitration: int
    papers: int


@dataclass(frozen=True)
class MarkerProgress:
    username: str
    display: str
    item_label: str
    role: str
    marked: int


@dataclass(frozen=True)
class Waiting:
    """A paper/item waiting for an extra marker or the arbitrator (codes only)."""

    code: str
    item: ExamItem
    kind: str
    marks: tuple[Decimal, ...]


def exam_progress(
    exam: WrittenExam, states: dict | None = None
) -> tuple[list[ItemProgress], list[MarkerProgress], list[Waiting]]:
    items = list(exam.items.all())
    by_key = {i.key: i for i in items}
    codes = dict(exam.candidates.values_list("pk", "blind_code"))
    counts = {i.key: defaultdict(int) for i in items}
    waiting = []
    for cid, (outcome, _n) in (paper_states(exam) if states is None else states).items():
        for o in outcome.items:
            kind = wait_kind(exam.marking_mode, o.state, _n.get(o.item, 0)) or "final"
            counts[o.item][kind] += 1
            if kind in ("dispute", "arbitration"):
                marks = tuple(dict(o.derivation.inputs).get("marks", ())) if o.derivation.inputs else ()
                waiting.append(Waiting(codes.get(cid) or "", by_key[o.item], kind, marks))
    papers = len(codes)
    item_rows = [
        ItemProgress(
            i,
            counts[i.key]["final"],
            counts[i.key]["missing"],
            counts[i.key]["dispute"],
            counts[i.key]["arbitration"],
            papers,
        )
        for i in items
    ]
    done = defaultdict(int)
    for uid, item_id, n in (
        Mark.objects.filter(exam=exam, is_superseded=False)
        .values_list("marker_id", "item_id")
        .annotate(n=Count("id"))
    ):
        done[(uid, item_id)] = n
    marker_rows = []
    for a in (
        MarkerAssignment.objects.filter(exam=exam)
        .select_related("user", "item")
        .order_by("role", "user__username")
    ):
        if a.item_id:
            n = done.get((a.user_id, a.item_id), 0)
        else:
            n = sum(v for (u, _i), v in done.items() if u == a.user_id)
        marker_rows.append(
            MarkerProgress(
                a.user.username,
                a.user.get_full_name() or getattr(a.user, "display_name", ""),
                a.item.label if a.item else _("整卷"),
                a.get_role_display(),
                n,
            )
        )
    waiting.sort(key=lambda w: (w.item.order, w.code))
    return item_rows, marker_rows, waiting


def exam_overview(exam: WrittenExam):
    """The organiser's exam page: progress, markers, waiting papers and the close check, resolved once."""
    from kaoping.marking.services_close import exam_close_blocking_issues

    states = paper_states(exam)
    items, markers, waiting = exam_progress(exam, states)
    close_issues = (
        exam_close_blocking_issues(exam, states) if exam.status == WrittenExam.Status.MARKING else []
    )
    return items, markers, waiting, close_issues


@dataclass(frozen=True)
class QueueRow:
    """One paper/item in a marker's queue: the code only, never the candidate."""

    candidate_id: int
    code: str
    item_id: int
    item_key: str
    item_label: str
    max_score: Decimal
    my_value: Decimal | None
    needs_me: bool
    role: str  # marker | arbitrator


def marker_queue(exam: WrittenExam, user) -> list[QueueRow]:
    """Papers of the items ``user`` is assigned to, by code: whether they still need this user's mark."""
    from kaoping.marking.services import assigned_items

    mark_items = assigned_items(exam, user, "marker")
    arb_items = assigned_items(exam, user, "arbitrator")
    if not mark_items and not arb_items:
        return []
    mine = {
        (cid, item_id, kind): v
        for cid, item_id, kind, v in Mark.objects.filter(
            exam=exam, marker=user, is_superseded=False
        ).values_list("candidate_id", "item_id", "kind", "value")
    }
    cands = list(
        ExamCandidate.objects.filter(exam=exam).exclude(blind_code=None).values_list("pk", "blind_code")
    )
    wanted_keys = [(i.pk, Mark.Kind.REGULAR) for i in mark_items]
    wanted_keys += [(i.pk, Mark.Kind.ARBITRATION) for i in arb_items]
    # only papers still missing one of this user's marks need the engine (the rest show as done)
    open_ids = [cid for cid, _code in cands if any((cid, i, k) not in mine for i, k in wanted_keys)]
    states = paper_states(exam, candidate_ids=open_ids) if open_ids else {}
    rows = []
    cands.sort(key=lambda c: c[1])
    for role, items, kind, wanted in (
        ("marker", mark_items, Mark.Kind.REGULAR, MarkingState.NEEDS_MARKER),
        ("arbitrator", arb_items, Mark.Kind.ARBITRATION, MarkingState.NEEDS_ARBITRATOR),
    ):
        for item in items:
            for cid, code in cands:
                my = mine.get((cid, item.pk, kind))
                needs = False
                if my is None and exam.status == WrittenExam.Status.MARKING:
                    outcome = states[cid][0]
                    needs = next(o.state for o in outcome.items if o.item == item.key) is wanted
                if role == "arbitrator" and my is None and not needs:
                    continue
                rows.append(
                    QueueRow(cid, code, item.pk, item.key, item.label, item.max_score, my, needs, role)
                )
    return rows


def exam_results(exam: WrittenExam) -> ScoreResults:
    """Final only when marking closed and the key is opened; before that no candidate is named at all."""
    exam.refresh_from_db(fields=["status"])
    reasons: list[str] = []
    if exam.status in (WrittenExam.Status.SETUP, WrittenExam.Status.MARKING):
        reasons.append(_("阅卷尚未结束。"))
    if exam.status != WrittenExam.Status.KEY_OPENED:
        reasons.append(_("密号尚未拆封。"))
        return ScoreResults(is_final=False, reasons=tuple(reasons), scores=())
    states = paper_states(exam)
    scores = tuple(
        CandidateScore(
            candidate_id=c.pk,
            person_id=c.person_id,
            external_ref=c.external_ref,
            score=states[c.pk][0].total.value,
            derivation=states[c.pk][0].total,
        )
        for c in exam.candidates.order_by("seat_no", "pk")
    )
    return ScoreResults(is_final=True, reasons=(), scores=scores)


def paper_outcome_by_code(exam: WrittenExam):
    """code → outcome for the organiser's table while sealed (no names)."""
    states = paper_states(exam)
    return sorted(
        ((code, states[cid][0]) for cid, code in exam.candidates.values_list("pk", "blind_code")),
        key=lambda r: r[0] or "",
    )
