"""Hand-entered stage inputs — the permanent fallback when no 民主测评 round or marking exam is linked:
evaluation counts per candidate (R000-15, R000-16, RP-09), exam marks per marker per item (R000-18) and
interview marks per examiner per part with the chief flagged (R000-20).

Each save takes a whole grid (one position, or a whole campaign for evaluation counts), validates every
cell first (Chinese messages naming the candidate), then writes it in one transaction with one audit row
listing the changed cells — nothing is half-saved. Inputs are locked once the campaign moves past the
stage (the stage's results are frozen then).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from kaoping.common.audit import audit_record
from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.selection.models import Campaign, OfferedPosition, Registration
from kaoping.selection.models_stages import EvaluationEntry, ExamMarkEntry, InterviewMarkEntry
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


def _int(value, what: str, errors: list[str]) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        d = Decimal(str(value).strip())
    except InvalidOperation:
        errors.append(_("%(what)s“%(v)s”不是有效的整数") % {"what": what, "v": value})
        return None
    if d != d.to_integral_value() or d < 0:
        errors.append(_("%(what)s应为非负整数（现为 %(v)s）") % {"what": what, "v": value})
        return None
    return int(d)


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


# ------------------------------------------------------------------------------------------ evaluation


@dataclass
class EvaluationInput:
    """One candidate's tally as typed (raw strings or numbers; blanks allowed): ``counts`` group → option
    → n, ``issued``/``returned_by_group`` per table (optional, RP-09)."""

    registration_id: int
    eligible: object = None
    returned: object = None
    counts: dict[str, dict[str, object]] = field(default_factory=dict)
    issued: dict[str, object] = field(default_factory=dict)
    returned_by_group: dict[str, object] = field(default_factory=dict)

    def is_blank(self) -> bool:
        values = [self.eligible, self.returned, *self.issued.values(), *self.returned_by_group.values()]
        values += [v for per in self.counts.values() for v in per.values()]
        return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _clean_evaluation(scheme, reg: Registration, row: EvaluationInput) -> tuple[dict, list[str]]:
    errors: list[str] = []
    eligible = _int(row.eligible, _("应参加人数"), errors)
    returned = _int(row.returned, _("实际参加人数"), errors)
    if not errors and (eligible is None or returned is None):
        errors.append(_("请填写应参加人数和实际参加人数"))
    if eligible is not None and returned is not None and returned > eligible:
        errors.append(_("实际参加人数 %(r)s 超过应参加人数 %(e)s") % {"r": returned, "e": eligible})
    counts: dict[str, dict[str, int]] = {}
    issued: dict[str, int] = {}
    back: dict[str, int] = {}
    for group in scheme.evaluation.groups:
        g = group.key
        per = {}
        for option in scheme.evaluation.options:
            n = _int(row.counts.get(g, {}).get(option.name), f"{g}表“{option.name}”票数", errors)
            per[option.name] = n or 0
        counts[g] = per
        i = _int(row.issued.get(g), _("%(g)s表发出票数") % {"g": g}, errors)
        b = _int(row.returned_by_group.get(g), _("%(g)s表收回票数") % {"g": g}, errors)
        if i is not None:
            issued[g] = i
        if b is not None:
            back[g] = b
        limit = b if b is not None else returned
        if limit is not None and sum(per.values()) > limit:
            errors.append(
                _("%(g)s表各选项票数之和 %(s)s 超过收回票数 %(n)s")
                % {"g": g, "s": sum(per.values()), "n": limit}
            )
    if returned is not None and len(back) == len(scheme.evaluation.groups) and sum(back.values()) != returned:
        errors.append(
            _("各表收回票数之和 %(s)s 应等于实际参加人数 %(r)s") % {"s": sum(back.values()), "r": returned}
        )
    data = {
        "counts": counts,
        "eligible": eligible,
        "returned": returned,
        "issued_by_group": issued,
        "returned_by_group": back,
    }
    return data, [f"{reg.person.name}：{e}" for e in errors]


@transaction.atomic
def evaluation_entries_save(
    *,
    actor,
    campaign: Campaign,
    rows: Sequence[EvaluationInput],
    source: str = EvaluationEntry.Source.MANUAL,
    source_ref: str = "",
) -> int:
    """Save the tellers' tallies of several candidates (R000-15/16). A blank row clears that candidate's
    entry. Returns the number of entries written. All rows are validated before anything is saved."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    require_entry_stage(campaign, Stage.EVALUATION)
    scheme = scheme_of(campaign)
    regs = {r.pk: r for r in stage_participants(campaign, Stage.EVALUATION)}
    existing = {e.registration_id: e for e in EvaluationEntry.objects.filter(registration__in=regs.keys())}
    errors: dict[str, list[str]] = {}
    cleaned: dict[int, dict | None] = {}
    for row in rows:
        reg = regs.get(int(row.registration_id))
        if reg is None:
            errors.setdefault("rows", []).append(
                _("报名编号 %(id)s 不是本次竞争上岗的资格审查合格人员") % {"id": row.registration_id}
            )
            continue
        if row.is_blank():
            cleaned[reg.pk] = None
            continue
        data, problems = _clean_evaluation(scheme, reg, row)
        if problems:
            errors[f"row-{reg.pk}"] = problems
        cleaned[reg.pk] = data
    if errors:
        raise ValidationFailed(errors)
    changes: dict[str, list] = {}
    written = 0
    for reg_pk, data in cleaned.items():
        old = existing.get(reg_pk)
        name = regs[reg_pk].person.name
        if data is None:
            if old is not None:
                changes[name] = [_entry_plain(old), None]
                old.delete()
            continue
        if old is not None and _entry_plain(old) == _data_plain(data) and old.source == source:
            continue
        entry = old or EvaluationEntry(registration=regs[reg_pk])
        for k, v in data.items():
            setattr(entry, k, v)
        entry.source, entry.source_ref, entry.entered_by = source, source_ref, actor
        entry.full_clean(exclude=["registration"])
        entry.save()
        changes[name] = [_entry_plain(old) if old else None, _data_plain(data)]
        written += 1
    if changes:
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=campaign,
            changes=changes,
            note=ENTRY_NOTES[Stage.EVALUATION] + _("（%(n)s 人）") % {"n": len(changes)},
        )
    return written


def _entry_plain(e: EvaluationEntry) -> dict:
    return {
        "counts": e.counts,
        "eligible": e.eligible,
        "returned": e.returned,
        "issued_by_group": e.issued_by_group,
        "returned_by_group": e.returned_by_group,
    }


def _data_plain(data: dict) -> dict:
    return {k: data[k] for k in ("counts", "eligible", "returned", "issued_by_group", "returned_by_group")}


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
