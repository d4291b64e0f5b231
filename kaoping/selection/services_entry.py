"""Hand-entered stage inputs — the permanent fallback when no 民主测评 round or marking exam is linked:
exam marks per marker per item (R000-18) and interview marks per examiner per part with the chief flagged
(R000-20); the evaluation counts per candidate live in ``services_entry_evaluation``.

Each save takes a whole grid (one position, or a whole campaign for evaluation counts), validates every
cell first (Chinese messages naming the candidate), then writes it in one transaction with one audit row
listing the changed cells — nothing is half-saved. Inputs are locked once the campaign moves past the
stage (the stage's results are frozen then).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from kaoping.common.audit import audit_record
from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.selection.models import Campaign, OfferedPosition, Registration
from kaoping.selection.models_stages import ExamMarkEntry, InterviewMarkEntry
from kaoping.selection.selectors_results import ENTRY_NOTES, scheme_of, stage_closed, stage_participants

Stage = Campaign.Stage


def require_entry_stage(campaign: Campaign, stage: str) -> None:
    """Inputs of ``stage`` may be entered only while the campaign is in it; afterwards they are locked."""
    label = str(Stage(stage).label)
    if stage_closed(campaign, stage):
        raise DomainError(
            _("%(stage)s阶段已结束，成绩已锁定，不能再录入或修改。") % {"stage": label}, code="locked"
        )
    if campaign.stage != stage:
        raise DomainError(_("尚未进入%(stage)s阶段，暂不能录入。") % {"stage": label}, code="wrong_stage")


def _dec(value, what: str, maximum: Decimal, errors: list[str]) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        d = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except InvalidOperation:
        errors.append(_("%(what)s“%(v)s”不是有效的分数") % {"what": what, "v": value})
        return None
    if not d.is_finite() or d < 0:
        errors.append(_("%(what)s不能为负数（现为 %(v)s）") % {"what": what, "v": value})
        return None
    if d > maximum:
        errors.append(
            _("%(what)s %(v)s 超过满分 %(max)s") % {"what": what, "v": _num(d), "max": _num(maximum)}
        )
        return None
    if d != d.quantize(Decimal("0.01")):
        errors.append(_("%(what)s最多保留两位小数（现为 %(v)s）") % {"what": what, "v": value})
        return None
    return d


def _num(d: Decimal) -> str:
    return format(d.normalize(), "f") if d != d.to_integral_value() else str(int(d))


# ------------------------------------------------------------------------------------------ marks grids

MarkKey = tuple[int, str, str]  # (registration pk, marker/examiner, item/part key)


def _clean_raters(names: Sequence[str], what: str) -> tuple[list[str], list[str]]:
    errors, out = [], []
    for raw in names:
        name = (raw or "").strip()
        if not name:
            continue
        if len(name) > 50:
            errors.append(_("%(what)s姓名过长：%(n)s") % {"what": what, "n": name[:20]})
        elif name in out:
            errors.append(_("%(what)s“%(n)s”重复") % {"what": what, "n": name})
        else:
            out.append(name)
    return out, errors


def _clean_marks(
    regs: Mapping[int, Registration],
    raters: list[str],
    items,
    marks: Mapping[MarkKey, object],
    errors: list[str],
) -> dict[MarkKey, Decimal]:
    maxima = {i.key: i.max_score for i in items}
    labels = {i.key: i.label for i in items}
    out: dict[MarkKey, Decimal] = {}
    for (reg_pk, rater, key), raw in marks.items():
        reg = regs.get(int(reg_pk))
        if reg is None:
            errors.append(_("报名编号 %(id)s 不在本职位本阶段名单中") % {"id": reg_pk})
            continue
        if rater not in raters:
            if raw not in (None, ""):
                errors.append(_("%(name)s：未知评分人“%(r)s”") % {"name": reg.person.name, "r": rater})
            continue
        if key not in maxima:
            errors.append(_("%(name)s：未知评分项“%(k)s”") % {"name": reg.person.name, "k": key})
            continue
        what = f"{reg.person.name} {rater} {labels[key]}"
        value = _dec(raw, what, maxima[key], errors)
        if value is not None:
            out[(reg.pk, rater, key)] = value
    return out


def _replace_marks(model, rater_field: str, regs, new: dict[MarkKey, Decimal], actor, extra=None) -> dict:
    """Create / update / delete the marks of ``regs`` so that exactly ``new`` remains; returns the diff."""
    key_field = "item" if model is ExamMarkEntry else "part"
    existing = {
        (m.registration_id, getattr(m, rater_field), getattr(m, key_field)): m
        for m in model.objects.filter(registration__in=list(regs))
    }
    changes: dict[str, list] = {}
    to_create, to_update, to_delete = [], [], []
    for key, old in existing.items():
        if key not in new:
            to_delete.append(old.pk)
            changes["/".join([regs[key[0]].person.name, key[1], key[2]])] = [str(old.value), None]
    for key, value in new.items():
        role = (extra or {}).get(key[1])
        old = existing.get(key)
        label = "/".join([regs[key[0]].person.name, key[1], key[2]])
        if old is None:
            fields = {"registration_id": key[0], rater_field: key[1], key_field: key[2], "value": value}
            if role:
                fields["role"] = role
            to_create.append(model(entered_by=actor, **fields))
            changes[label] = [None, str(value)]
        elif old.value != value or (role and old.role != role):
            if old.value != value:
                changes[label] = [str(old.value), str(value)]
            old.value = value
            old.entered_by = actor
            if role:
                old.role = role
            to_update.append(old)
    if to_delete:
        model.objects.filter(pk__in=to_delete).delete()
    if to_create:
        model.objects.bulk_create(to_create)
    if to_update:
        fields = ["value", "entered_by", "updated_at"] + (["role"] if extra else [])
        for obj in to_update:
            obj.updated_at = _now()
        model.objects.bulk_update(to_update, fields)
    return changes


def _now():
    from django.utils import timezone

    return timezone.now()


@transaction.atomic
def exam_marks_save(
    *, actor, position: OfferedPosition, markers: Sequence[str], marks: Mapping[MarkKey, object]
) -> int:
    """Save the written-exam marks of one position (R000-18): ``marks`` maps (registration pk, marker,
    item key) → mark (blank clears it). Each mark is checked against the item's maximum. Returns the
    number of changed cells."""
    campaign = Campaign.objects.select_for_update().get(pk=position.campaign_id)
    require_entry_stage(campaign, Stage.EXAM)
    scheme = scheme_of(campaign)
    regs = {r.pk: r for r in stage_participants(campaign, Stage.EXAM, position)}
    raters, errors = _clean_raters(markers, _("阅卷人"))
    new = _clean_marks(regs, raters, scheme.exam_items, marks, errors)
    if errors:
        raise ValidationFailed({"marks": errors})
    changes = _replace_marks(ExamMarkEntry, "marker", regs, new, actor)
    if changes:
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=campaign,
            changes=changes,
            note=ENTRY_NOTES[Stage.EXAM]
            + _("：%(p)s（%(n)s 处变更）") % {"p": position.title, "n": len(changes)},
        )
    return len(changes)


@transaction.atomic
def interview_marks_save(
    *,
    actor,
    position: OfferedPosition,
    examiners: Sequence[str],
    chief: str | None,
    marks: Mapping[MarkKey, object],
) -> int:
    """Save the interview marks of one position (R000-20): ``marks`` maps (registration pk, examiner,
    part key) → mark. The panel has the scheme's size (7–9) and, when the scheme leaves the chief's marks
    out, exactly one chief examiner (主考官). Returns the number of changed cells."""
    campaign = Campaign.objects.select_for_update().get(pk=position.campaign_id)
    require_entry_stage(campaign, Stage.INTERVIEW)
    scheme = scheme_of(campaign)
    regs = {r.pk: r for r in stage_participants(campaign, Stage.INTERVIEW, position)}
    raters, errors = _clean_raters(examiners, _("考官"))
    if not scheme.panel_min <= len(raters) <= scheme.panel_max:
        errors.append(
            _("考官组应为 %(a)s–%(b)s 人，现为 %(n)s 人")
            % {"a": scheme.panel_min, "b": scheme.panel_max, "n": len(raters)}
        )
    chief = (chief or "").strip() or None
    if "chief" in scheme.interview_excluded_roles and chief is None:
        errors.append(_("请指定主考官"))
    if chief is not None and chief not in raters:
        errors.append(_("主考官“%(c)s”不在考官名单中") % {"c": chief})
    new = _clean_marks(regs, raters, scheme.interview_parts, marks, errors)
    if errors:
        raise ValidationFailed({"marks": errors})
    roles = {
        r: (InterviewMarkEntry.Role.CHIEF if r == chief else InterviewMarkEntry.Role.EXAMINER) for r in raters
    }
    changes = _replace_marks(InterviewMarkEntry, "examiner", regs, new, actor, extra=roles)
    if changes:
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=campaign,
            changes=changes,
            note=ENTRY_NOTES[Stage.INTERVIEW]
            + _("：%(p)s（%(n)s 处变更）") % {"p": position.title, "n": len(changes)},
        )
    return len(changes)


# ------------------------------------------------------------------------------------------ grid reads


def marks_grid(position: OfferedPosition, stage: str) -> tuple[list[str], str | None, dict[MarkKey, Decimal]]:
    """Raters (in first-entered order), the chief examiner (interview) and the stored marks of a position."""
    if stage == Stage.EXAM:
        rows = ExamMarkEntry.objects.filter(registration__position=position).order_by("id")
        entries = [(m.registration_id, m.marker, m.item, m.value, "") for m in rows]
    else:
        rows = InterviewMarkEntry.objects.filter(registration__position=position).order_by("id")
        entries = [(m.registration_id, m.examiner, m.part, m.value, m.role) for m in rows]
    raters: list[str] = []
    chief = None
    values: dict[MarkKey, Decimal] = {}
    for reg, rater, key, value, role in entries:
        if rater not in raters:
            raters.append(rater)
        if role == InterviewMarkEntry.Role.CHIEF:
            chief = rater
        values[(reg, rater, key)] = value
    return raters, chief, values
