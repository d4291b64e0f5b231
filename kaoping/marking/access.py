"""Fetch-and-authorise for the marking pages and API: one NotFound for missing and not-yours alike.

Organisers (MARKING_MANAGE) reach every exam and interview. A marker (MARKING_MARK) reaches only the
exams they are assigned to, and through them only codes; an examiner (MARKING_EXAMINE) only the panels
they sit on and those panels' candidates.
"""

from __future__ import annotations

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import require_cap
from kaoping.common.access import get_or_not_found, not_found
from kaoping.marking.models import (
    Draw,
    ExamCandidate,
    ExamItem,
    Interview,
    InterviewCandidate,
    InterviewMark,
    Mark,
    MarkerAssignment,
    Panel,
    PanelMember,
    WrittenExam,
)


def access_exam(user, pk) -> WrittenExam:
    require_cap(user, Cap.MARKING_MANAGE)
    return get_or_not_found(WrittenExam.objects.all(), pk)


def access_marker_exam(user, pk) -> WrittenExam:
    """An exam the user is assigned to as marker or arbitrator."""
    require_cap(user, Cap.MARKING_MARK)
    assigned = MarkerAssignment.objects.filter(user=user).values("exam_id")
    return get_or_not_found(WrittenExam.objects.filter(pk__in=assigned), pk)


def access_marker_paper(user, exam: WrittenExam, code: str) -> ExamCandidate:
    candidate = ExamCandidate.objects.filter(exam=exam, blind_code=code).first() if code else None
    if candidate is None:
        raise not_found()
    return candidate


def access_exam_item(exam: WrittenExam, pk) -> ExamItem:
    return get_or_not_found(exam.items.all(), pk)


def access_mark(user, pk) -> Mark:
    require_cap(user, Cap.MARKING_MANAGE)
    return get_or_not_found(Mark.objects.select_related("exam", "item", "candidate"), pk)


def access_interview(user, pk) -> Interview:
    require_cap(user, Cap.MARKING_MANAGE)
    return get_or_not_found(Interview.objects.all(), pk)


def access_panel(user, pk) -> Panel:
    require_cap(user, Cap.MARKING_MANAGE)
    return get_or_not_found(Panel.objects.select_related("interview"), pk)


def access_panel_member(user, pk) -> PanelMember:
    """For the organiser removing a member."""
    require_cap(user, Cap.MARKING_MANAGE)
    return get_or_not_found(PanelMember.objects.select_related("panel__interview"), pk)


def access_membership(user, pk) -> PanelMember:
    """The examiner's own seat on a panel."""
    require_cap(user, Cap.MARKING_EXAMINE)
    return get_or_not_found(PanelMember.objects.filter(user=user).select_related("panel__interview"), pk)


def access_member_candidate(member: PanelMember, pk) -> InterviewCandidate:
    """A candidate of the examiner's own panel only."""
    return get_or_not_found(member.panel.candidates.select_related("person"), pk)


def access_interview_mark(user, pk) -> InterviewMark:
    require_cap(user, Cap.MARKING_MANAGE)
    return get_or_not_found(InterviewMark.objects.select_related("candidate__interview", "member"), pk)


def access_draw(user, pk) -> Draw:
    """Any signed-in user may look at a draw (names only for organisers, sealed parts hidden)."""
    if not getattr(user, "is_authenticated", False):
        raise not_found()
    return get_or_not_found(Draw.objects.select_related("exam", "panel__interview"), pk)
