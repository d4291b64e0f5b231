"""Examiner pages (考官): only their own panel's candidates, in interview order; mark entry on a tablet,
locked on submit; the chief examiner confirms; each examiner downloads a score sheet to sign."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap, require_cap
from kaoping.common.errors import DomainError, TransitionBlocked, ValidationFailed
from kaoping.documents.score_sheet import ScoreSheet, SheetPart, SheetRow, score_sheet_docx, score_sheet_pdf
from kaoping.marking import selectors_interview as si_sel
from kaoping.marking import services_interview as si
from kaoping.marking.access import access_member_candidate, access_membership
from kaoping.marking.forms import InterviewMarkForm
from kaoping.marking.models import PanelMember


def examiner_home(request):
    require_cap(request.user, Cap.MARKING_EXAMINE)
    return render(
        request,
        "marking/examiner_home.html",
        {
            "memberships": si_sel.examiner_memberships(request.user),
            "can_mark": has_cap(request.user, Cap.MARKING_MARK),
        },
    )


def examiner_panel(request, pk):
    member = access_membership(request.user, pk)
    is_chief = member.role == PanelMember.Role.CHIEF
    mine = si_sel.member_marks(member)
    rows = []
    table = {r.candidate.pk: r for r in si_sel.interview_table(member.panel.interview)} if is_chief else {}
    for c in si_sel.panel_candidates_for(member):
        rows.append({"candidate": c, "mark": mine.get(c.pk), "score": table.get(c.pk)})
    return render(
        request,
        "marking/examiner_panel.html",
        {"member": member, "rows": rows, "is_chief": is_chief, "interview": member.panel.interview},
    )


def examiner_entry(request, pk, candidate_pk):
    member = access_membership(request.user, pk)
    candidate = access_member_candidate(member, candidate_pk)
    parts = list(member.panel.interview.parts.all())
    existing = si_sel.member_marks(member).get(candidate.pk)
    form = InterviewMarkForm(request.POST or None, parts=parts)
    if request.method == "POST" and form.is_valid():
        try:
            si.interview_mark_submit(actor=request.user, candidate=candidate, values=form.cleaned_data)
        except ValidationFailed as exc:
            for field, msgs in exc.errors.items():
                for m in msgs:
                    form.add_error(field if field in form.fields else None, m)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("评分已提交。"))
            return redirect("marking:examiner_panel", pk=member.pk)
    return render(
        request,
        "marking/examiner_entry.html",
        {
            "member": member,
            "candidate": candidate,
            "form": form,
            "existing": existing,
            "existing_rows": [(p.label, existing.values.get(p.key)) for p in parts] if existing else [],
        },
    )


@require_POST
def examiner_confirm(request, pk, candidate_pk):
    member = access_membership(request.user, pk)
    candidate = access_member_candidate(member, candidate_pk)
    try:
        si.interview_confirm(actor=request.user, candidate=candidate)
        messages.success(request, _("已确认该考生的面试分数。"))
    except TransitionBlocked as exc:
        for issue in exc.issues:
            messages.error(request, issue)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("marking:examiner_panel", pk=member.pk)


def score_sheet_data(member: PanelMember) -> ScoreSheet:
    """Plain data for the examiner's score sheet — the stored marks exactly."""
    interview = member.panel.interview
    parts = list(interview.parts.all())
    mine = si_sel.member_marks(member)
    rows = []
    for c in si_sel.panel_candidates_for(member):
        m = mine.get(c.pk)
        values = {p.key: (Decimal(m.values[p.key]) if m and p.key in m.values else None) for p in parts}
        submitted = timezone.localtime(m.submitted_at).strftime("%Y-%m-%d %H:%M") if m else ""
        rows.append(SheetRow(c.order_no, c.person.name, values, m.total if m else None, submitted))
    return ScoreSheet(
        title=interview.title,
        panel=member.panel.name,
        examiner=str(member.user),
        role=member.get_role_display(),
        parts=[SheetPart(p.key, p.label, p.max_score) for p in parts],
        rows=rows,
        date_text=timezone.localdate().isoformat(),
    )


def examiner_score_sheet(request, pk):
    member = access_membership(request.user, pk)
    response = HttpResponse(
        score_sheet_docx(score_sheet_data(member)),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f"attachment; filename=score-sheet-{member.pk}.docx"
    return response


def examiner_score_sheet_pdf(request, pk):
    member = access_membership(request.user, pk)
    try:
        data = score_sheet_pdf(score_sheet_data(member))
    except (ImportError, OSError):
        messages.error(request, _("服务器未安装 PDF 组件，请下载 Word 版评分表。"))
        return redirect("marking:examiner_panel", pk=member.pk)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename=score-sheet-{member.pk}.pdf"
    return response
