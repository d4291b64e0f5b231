"""Hand-entered 民主测评 tallies (R000-15, R000-16, RP-09): the evaluation counts per candidate, saved
for a whole campaign at once — the fallback when no evaluation round is linked. Every row is validated
first (Chinese messages naming the candidate), then written in one transaction with one audit row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from kaoping.common.audit import audit_record
from kaoping.common.errors import ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.selection.models import Campaign, Registration
from kaoping.selection.models_stages import EvaluationEntry
from kaoping.selection.selectors_results import ENTRY_NOTES, scheme_of, stage_participants
from kaoping.selection.services_entry import require_entry_stage

Stage = Campaign.Stage


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
