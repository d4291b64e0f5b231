"""Writes to interviews (面试, R000-20): setup (parts, panels, examiners, candidates), examiner mark entry
locked on submit, audited unlock, the chief examiner's confirmation and closing."""

from __future__ import annotations

import copy
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap
from kaoping.common.audit import audit_record, save_audited, snapshot
from kaoping.common.errors import DomainError, PermissionDenied, TransitionBlocked, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.marking.models_interview import (
    Interview,
    InterviewCandidate,
    InterviewMark,
    InterviewPart,
    Panel,
    PanelMember,
)
from kaoping.marking.services_common import lock
from kaoping.scoring.double_marking import ExamItem as ScoringItem
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.presets.selection import SEED000_SELECTION

I = Interview.Status  # noqa: E741


def _require_manager(actor) -> None:
    if not has_cap(actor, Cap.MARKING_MANAGE):
        raise PermissionDenied(_("您没有组织笔试面试的权限。"))


def _require_setup(interview: Interview) -> None:
    if interview.status != I.SETUP:
        raise DomainError(_("面试已开始评分，不能再修改考官组或考生。"), code="interview_not_setup")


def default_interview_parts() -> list[dict]:
    """The seed-000 preset's parts (个人陈述 40, 竞岗答辩 60) — a copy the caller may edit."""
    return copy.deepcopy(SEED000_SELECTION["interview"]["parts"])


@transaction.atomic
def interview_create(
    *,
    actor,
    title: str,
    parts: list[dict] | None = None,
    trim_k: int = 1,
    per_element: bool = False,
    external_ref: str = "",
) -> Interview:
    """Create an interview with its parts or elements (default: the seed-000 preset), k and RP-01 option."""
    parts = default_interview_parts() if parts is None else parts
    if not parts:
        raise ValidationFailed({"parts": [_("至少需要一个评分项。")]})
    if trim_k < 0:
        raise ValidationFailed({"trim_k": [_("去掉的分数个数不能为负。")]})
    try:
        parsed = [ScoringItem.from_dict(p, f"parts[{i}]") for i, p in enumerate(parts)]
    except SchemeError as exc:
        raise ValidationFailed({"parts": [f"{exc.field}：{exc.message}"]}) from exc
    if len({p.key for p in parsed}) != len(parsed):
        raise ValidationFailed({"parts": [_("评分项代码不能重复。")]})
    interview = Interview(
        title=title.strip(),
        trim_k=trim_k,
        per_element=per_element,
        external_ref=external_ref,
        panel_min=SEED000_SELECTION["interview"]["panel_min"],
        panel_max=SEED000_SELECTION["interview"]["panel_max"],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    save_audited(interview, actor=actor, before=None)
    for order, p in enumerate(parsed, start=1):
        part = InterviewPart(
            interview=interview, key=p.key, label=p.label, max_score=p.max_score, order=order
        )
        save_audited(part, actor=actor, before=None)
    return interview


@transaction.atomic
def interview_settings_update(
    *,
    actor,
    interview: Interview,
    trim_k: int,
    per_element: bool,
    correction_overall: str,
    correction_trim_k: int,
    rounding_places: int = 2,
    rounding_mode: str = "half_up",
) -> Interview:
    """k (R000-20), per element (RP-01), the 修正系数 options (RP-03) and rounding (RP-02), before scoring."""
    _require_setup(interview)
    before = snapshot(interview)
    interview.trim_k, interview.per_element = trim_k, per_element
    interview.correction_overall, interview.correction_trim_k = correction_overall, correction_trim_k
    interview.rounding_places, interview.rounding_mode = rounding_places, rounding_mode
    save_audited(interview, actor=actor, before=before)
    return interview


@transaction.atomic
def panel_create(*, actor, interview: Interview, name: str) -> Panel:
    _require_setup(interview)
    panel = Panel(interview=interview, name=name.strip(), order=interview.panels.count() + 1)
    save_audited(panel, actor=actor, before=None, conflict_message=_("考官组名称重复。"))
    return panel


@transaction.atomic
def panel_member_add(*, actor, panel: Panel, user, role: str = PanelMember.Role.REGULAR) -> PanelMember:
    """Put an examiner on a panel (chief 主考官 / outside 外单位 / regular)."""
    _require_setup(panel.interview)
    if not has_cap(user, Cap.MARKING_EXAMINE):
        raise ValidationFailed({"user": [_("该账号没有考官角色。")]})
    if role == PanelMember.Role.CHIEF and panel.members.filter(role=role).exists():
        raise ValidationFailed({"role": [_("每个考官组只能有一名主考官。")]})
    if PanelMember.objects.filter(panel__interview=panel.interview, user=user).exists():
        raise ValidationFailed({"user": [_("该考官已在本次面试的考官组中。")]})
    seat = (panel.members.order_by("-seat").values_list("seat", flat=True).first() or 0) + 1
    member = PanelMember(panel=panel, user=user, role=role, seat=seat)
    save_audited(member, actor=actor, before=None, conflict_message=_("该考官已在本组。"))
    return member


@transaction.atomic
def panel_member_remove(*, actor, member: PanelMember) -> None:
    _require_setup(member.panel.interview)
    audit_record(actor=actor, action=AuditEntry.Action.DELETE, obj=member)
    member.delete()


@transaction.atomic
def interview_candidate_add(
    *, actor, interview: Interview, panel: Panel, person, external_ref: str = "", group: str = ""
) -> InterviewCandidate:
    """Add a candidate to a panel. ``group`` (岗位) gathers one position's candidates across panels for the
    修正系数 (RP-03); empty = the whole interview is one group."""
    _require_setup(interview)
    if panel.interview_id != interview.pk:
        raise ValidationFailed({"panel": [_("考官组不属于本次面试。")]})
    candidate = InterviewCandidate(
        interview=interview, panel=panel, person=person, external_ref=external_ref, group=group
    )
    save_audited(candidate, actor=actor, before=None, conflict_message=_("该人员已是本次面试的考生。"))
    return candidate


@transaction.atomic
def interview_candidate_remove(*, actor, candidate: InterviewCandidate) -> None:
    """Remove a candidate added by mistake — only before the panel's order draw."""
    from kaoping.marking.models import Draw

    _require_setup(candidate.interview)
    if Draw.objects.filter(panel=candidate.panel_id).exclude(status=Draw.Status.COMMITTED).exists():
        raise DomainError(_("面试顺序已抽签，不能再删除考生。"), code="order_drawn")
    audit_record(
        actor=actor, action=AuditEntry.Action.DELETE, obj=candidate, object_repr=str(candidate.person)
    )
    candidate.delete()


def panel_blocking_issues(panel: Panel) -> list[str]:
    """R000-20: 7–9 examiners (the interview's setting), exactly one chief, at least one from outside; the
    interview order drawn; enough non-chief examiners for the trim."""
    interview = panel.interview
    members = list(panel.members.all())
    roles = [m.role for m in members]
    issues = []
    name = panel.name
    if not interview.panel_min <= len(members) <= interview.panel_max:
        issues.append(
            _("考官组“%(p)s”有 %(n)s 名考官，应为 %(a)s 至 %(b)s 名。")
            % {"p": name, "n": len(members), "a": interview.panel_min, "b": interview.panel_max}
        )
    if roles.count(PanelMember.Role.CHIEF) != 1:
        issues.append(_("考官组“%(p)s”应有且只有一名主考官。") % {"p": name})
    if PanelMember.Role.OUTSIDE not in roles:
        issues.append(_("考官组“%(p)s”至少应有一名外单位考官。") % {"p": name})
    if len(members) - roles.count(PanelMember.Role.CHIEF) < 2 * interview.trim_k + 1:
        issues.append(_("考官组“%(p)s”计分考官人数不足以去掉最高、最低分。") % {"p": name})
    if panel.candidates.filter(order_no__isnull=True).exists():
        issues.append(_("考官组“%(p)s”尚未抽签确定面试顺序。") % {"p": name})
    return issues


def interview_start_blocking_issues(interview: Interview) -> list[str]:
    issues = [] if interview.status == I.SETUP else [_("面试不在准备阶段。")]
    if not interview.candidates.exists():
        issues.append(_("尚无考生。"))
    for panel in interview.panels.all():
        if panel.candidates.exists():
            issues.extend(panel_blocking_issues(panel))
    return issues


@transaction.atomic
def interview_start(*, actor, interview: Interview) -> Interview:
    _require_manager(actor)
    interview = lock(interview)
    if issues := interview_start_blocking_issues(interview):
        raise TransitionBlocked(issues)
    before = snapshot(interview)
    interview.status = I.SCORING
    save_audited(interview, actor=actor, before=before, note=_("开始面试评分"))
    return interview


# ------------------------------------------------------------------------------------------------ marks


@transaction.atomic
def interview_mark_submit(*, actor, candidate: InterviewCandidate, values: dict) -> InterviewMark:
    """An examiner submits marks for each part (statement ≤ 40, answers ≤ 60, or per element); locked."""
    from kaoping.marking.services import parse_score

    candidate = lock(candidate)
    interview = candidate.interview
    if interview.status != I.SCORING:
        raise DomainError(_("当前不在面试评分阶段。"), code="not_scoring")
    member = PanelMember.objects.filter(panel=candidate.panel_id, user=actor).first()
    if member is None:
        raise PermissionDenied(_("您不是该考生所在考官组的考官。"))
    if candidate.confirmed_at:
        raise DomainError(_("主考官已确认该考生的分数。"), code="confirmed")
    if InterviewMark.objects.filter(candidate=candidate, member=member, is_superseded=False).exists():
        raise DomainError(_("您已提交该考生的评分，如需更正请联系组织者解锁。"), code="already_marked")
    clean: dict[str, str] = {}
    errors: dict[str, list[str]] = {}
    total = Decimal("0")
    for part in interview.parts.all():
        raw = values.get(part.key)
        if raw is None or str(raw).strip() == "":
            errors.setdefault(part.key, []).append(_("请填写%(label)s的分数。") % {"label": part.label})
            continue
        try:
            v = parse_score(raw, maximum=part.max_score, label=part.label, field=part.key)
        except ValidationFailed as exc:
            for f, msgs in exc.errors.items():
                errors.setdefault(f, []).extend(msgs)
            continue
        clean[part.key] = str(v)
        total += v
    if errors:
        raise ValidationFailed(errors)
    mark = InterviewMark(candidate=candidate, member=member, values=clean, total=total)
    save_audited(mark, actor=actor, before=None, conflict_message=_("评分已提交。"))
    return mark


@transaction.atomic
def interview_mark_unlock(*, actor, mark: InterviewMark, reason: str) -> InterviewMark:
    """The organiser unlocks an examiner's submitted marks; the old row is kept; the chief must confirm again."""
    _require_manager(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed({"reason": [_("请填写更正原因。")]})
    mark = InterviewMark.objects.select_for_update().select_related("candidate__interview").get(pk=mark.pk)
    if mark.candidate.interview.status != I.SCORING:
        raise DomainError(_("面试评分已结束，不能再更正。"), code="interview_closed")
    if mark.is_superseded:
        raise DomainError(_("该评分已解锁。"), code="already_unlocked")
    before = snapshot(mark)
    mark.is_superseded, mark.superseded_at, mark.superseded_by = True, timezone.now(), actor
    mark.superseded_reason = reason[:300]
    save_audited(mark, actor=actor, before=before, note=_("解锁更正：%(reason)s") % {"reason": reason})
    cand = mark.candidate
    if cand.confirmed_at:
        cbefore = snapshot(cand)
        cand.confirmed_at, cand.confirmed_by = None, None
        save_audited(cand, actor=actor, before=cbefore, note=_("评分更正，撤销主考官确认"))
    return mark


def confirm_blocking_issues(candidate: InterviewCandidate) -> list[str]:
    from kaoping.marking.selectors_interview import candidate_raw

    issues = []
    marked = set(
        InterviewMark.objects.filter(candidate=candidate, is_superseded=False).values_list(
            "member_id", flat=True
        )
    )
    for m in candidate.panel.members.exclude(role=PanelMember.Role.CHIEF):
        if m.pk not in marked:
            issues.append(_("%(who)s尚未提交评分。") % {"who": m.label})
    if not issues and candidate_raw(candidate).value is None:
        issues.append(_("分数无法计算。"))
    return issues


@transaction.atomic
def interview_confirm(*, actor, candidate: InterviewCandidate) -> InterviewCandidate:
    """The chief examiner (主考官) confirms the candidate's score (R000-20)."""
    candidate = lock(candidate)
    if not candidate.panel.members.filter(user=actor, role=PanelMember.Role.CHIEF).exists():
        raise PermissionDenied(_("只有本组主考官可以确认分数。"))
    if candidate.interview.status != I.SCORING:
        raise DomainError(_("当前不在面试评分阶段。"), code="not_scoring")
    if candidate.confirmed_at:
        raise DomainError(_("已确认。"), code="confirmed")
    if issues := confirm_blocking_issues(candidate):
        raise TransitionBlocked(issues)
    before = snapshot(candidate)
    candidate.confirmed_at, candidate.confirmed_by = timezone.now(), actor
    save_audited(candidate, actor=actor, before=before, note=_("主考官确认分数"))
    return candidate


def interview_close_blocking_issues(interview: Interview) -> list[str]:
    if interview.status != I.SCORING:
        return [_("面试不在评分阶段。")]
    n = interview.candidates.filter(confirmed_at__isnull=True).count()
    return [_("尚有 %(n)s 名考生的分数未经主考官确认。") % {"n": n}] if n else []


@transaction.atomic
def interview_close(*, actor, interview: Interview) -> Interview:
    _require_manager(actor)
    interview = lock(interview)
    if issues := interview_close_blocking_issues(interview):
        raise TransitionBlocked(issues)
    before = snapshot(interview)
    interview.status = I.CLOSED
    save_audited(interview, actor=actor, before=before, note=_("面试评分结束"))
    return interview
