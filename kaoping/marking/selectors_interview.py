"""Reads of interviews: lists, an examiner's panel, raw scores (R000-20 / RP-01) and the 修正系数 (RP-03)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from kaoping.marking.models_interview import Interview, InterviewCandidate, InterviewMark, PanelMember
from kaoping.marking.results import CandidateScore, ScoreResults
from kaoping.scoring.aggregates import RaterMark, element_trimmed_sum, trimmed_mean
from kaoping.scoring.correction import CorrectionSettings, OverallMean, correct_panels
from kaoping.scoring.trace import Derivation, incomplete


def interview_list(search: str = ""):
    qs = Interview.objects.annotate(
        n_candidates=Count("candidates", distinct=True), n_panels=Count("panels", distinct=True)
    )
    if search:
        qs = qs.filter(Q(title__icontains=search) | Q(external_ref__icontains=search))
    return qs.order_by("-created_at", "-id")


def examiner_memberships(user):
    """The panels ``user`` sits on, with their interview."""
    return (
        PanelMember.objects.filter(user=user)
        .select_related("panel__interview")
        .order_by("-panel__interview__created_at")
    )


def _raw(interview: Interview, members: list[PanelMember], marks: dict[int, dict]) -> Derivation:
    """marks: member id → {part key: Decimal}."""
    keys = [p.key for p in interview.parts.all()]
    roles = {m.label: ("chief" if m.role == PanelMember.Role.CHIEF else "") for m in members}
    if interview.per_element:
        per = {m.label: {k: marks.get(m.pk, {}).get(k) for k in keys} for m in members}
        labels = {p.key: p.label for p in interview.parts.all()}
        per = {r: {labels[k]: v for k, v in d.items()} for r, d in per.items()}
        return element_trimmed_sum(
            per, [labels[k] for k in keys], k=interview.trim_k, roles=roles, rounding=interview.rounding
        )
    rater = []
    for m in members:
        got = marks.get(m.pk)
        total = None if got is None else sum((got[k] for k in keys), Decimal("0"))
        rater.append(RaterMark(m.label, total, roles[m.label]))
    return trimmed_mean(rater, k=interview.trim_k, rounding=interview.rounding)


def _load(interview: Interview, candidate_ids=None):
    members_by_panel: dict[int, list[PanelMember]] = defaultdict(list)
    for m in PanelMember.objects.filter(panel__interview=interview).order_by("seat", "id"):
        members_by_panel[m.panel_id].append(m)
    marks: dict[int, dict[int, dict]] = defaultdict(dict)
    qs = InterviewMark.objects.filter(candidate__interview=interview, is_superseded=False)
    if candidate_ids is not None:
        qs = qs.filter(candidate_id__in=candidate_ids)
    for cid, mid, values in qs.values_list("candidate_id", "member_id", "values"):
        marks[cid][mid] = {k: Decimal(v) for k, v in values.items()}
    return members_by_panel, marks


def candidate_raw(candidate: InterviewCandidate) -> Derivation:
    members, marks = _load(candidate.interview, [candidate.pk])
    return _raw(candidate.interview, members[candidate.panel_id], marks[candidate.pk])


@dataclass(frozen=True)
class InterviewRow:
    candidate: InterviewCandidate
    raw: Derivation
    coefficient: Decimal | None
    final: Derivation
    submitted: int
    expected: int


def interview_table(interview: Interview) -> list[InterviewRow]:
    """Every candidate: raw score (trimmed mean), 修正系数 within their group across panels, final score."""
    candidates = list(
        interview.candidates.select_related("panel", "person").order_by("panel__order", "order_no", "id")
    )
    members, marks = _load(interview)
    raws = {c.pk: _raw(interview, members[c.panel_id], marks[c.pk]) for c in candidates}
    settings = CorrectionSettings(
        overall=OverallMean(interview.correction_overall),
        trim_k=interview.correction_trim_k,
        result_rounding=interview.rounding,
    )
    groups: dict[str, list[InterviewCandidate]] = defaultdict(list)
    for c in candidates:
        groups[c.group].append(c)
    finals: dict[int, tuple[Decimal | None, Derivation]] = {}
    for members_of in groups.values():
        missing = [c for c in members_of if raws[c.pk].value is None]
        if missing:
            for c in members_of:
                reason = _("同组尚有 %(n)s 名考生的原始分未产生，无法计算修正系数") % {"n": len(missing)}
                finals[c.pk] = (
                    None,
                    incomplete(_("面试最终分数"), reason, rule="RP-03", parts=(raws[c.pk],)),
                )
            continue
        panels: dict[str, dict[str, Decimal]] = defaultdict(dict)
        for c in members_of:
            panels[c.panel.name][str(c.pk)] = raws[c.pk].value
        result = correct_panels(panels, settings).by_candidate()
        for c in members_of:
            r = result[str(c.pk)]
            d = r.derivation
            finals[c.pk] = (
                r.coefficient,
                Derivation(
                    d.label, d.value, d.formula, d.rule, d.inputs, (raws[c.pk],), d.incomplete_reasons
                ),
            )
    rows = []
    for c in candidates:
        expected = sum(1 for m in members[c.panel_id] if m.role != PanelMember.Role.CHIEF)
        submitted = sum(
            1
            for mid in marks[c.pk]
            if any(m.pk == mid and m.role != PanelMember.Role.CHIEF for m in members[c.panel_id])
        )
        coef, final = finals[c.pk]
        rows.append(InterviewRow(c, raws[c.pk], coef, final, submitted, expected))
    return rows


def interview_results(interview: Interview) -> ScoreResults:
    """Final when every non-chief mark is submitted and every score confirmed by the chief (R000-20)."""
    rows = interview_table(interview)
    reasons: list[str] = []
    if not rows:
        reasons.append(_("尚无考生。"))
    unsubmitted = sum(1 for r in rows if r.submitted < r.expected)
    if unsubmitted:
        reasons.append(_("尚有 %(n)s 名考生的评分未全部提交。") % {"n": unsubmitted})
    unconfirmed = sum(1 for r in rows if not r.candidate.confirmed_at)
    if unconfirmed:
        reasons.append(_("尚有 %(n)s 名考生的分数未经主考官确认。") % {"n": unconfirmed})
    scores = tuple(
        CandidateScore(
            candidate_id=r.candidate.pk,
            person_id=r.candidate.person_id,
            external_ref=r.candidate.external_ref,
            score=r.final.value,
            derivation=r.final,
            raw=r.raw.value,
            coefficient=r.coefficient,
        )
        for r in rows
    )
    return ScoreResults(is_final=not reasons, reasons=tuple(reasons), scores=scores)


def panel_candidates_for(member: PanelMember):
    """The candidates an examiner may see: their own panel's, in interview order."""
    return member.panel.candidates.select_related("person").order_by("order_no", "id")


def member_marks(member: PanelMember) -> dict[int, InterviewMark]:
    return {m.candidate_id: m for m in InterviewMark.objects.filter(member=member, is_superseded=False)}
