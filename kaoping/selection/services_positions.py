"""Offered positions (竞争职位, R000-01) of a campaign: created and edited in the draft; after publishing
only the wording of the position description (duties, standards, requirements) may be corrected."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kaoping.common.audit import audit_record, save_audited, snapshot
from kaoping.common.errors import DomainError
from kaoping.common.models import AuditEntry
from kaoping.selection.models import Campaign, OfferedPosition

Stage = Campaign.Stage


def _require_draft(campaign: Campaign) -> None:
    if campaign.stage != Stage.DRAFT:
        raise DomainError(_("方案发布后不能再增加或删除职位。"), code="position_locked")


POSITION_FIELDS = (
    "order",
    "title",
    "unit",
    "level",
    "kind",
    "extra_rule_lists",
    "duties",
    "standards",
    "requirements",
)
# After publishing only the wording may be corrected (R000-01 positions are fixed by then).
POSITION_TEXT_FIELDS = ("duties", "standards", "requirements")


def _clean_lines(value) -> list[str]:
    if isinstance(value, str):
        value = value.splitlines()
    return [str(v).strip() for v in (value or []) if str(v).strip()]


def _position_lists(fields: dict[str, Any]) -> dict[str, Any]:
    for name in ("duties", "standards", "extra_rule_lists"):
        if name in fields:
            fields[name] = _clean_lines(fields[name])
    return fields


@transaction.atomic
def position_create(*, actor, campaign: Campaign, **fields: Any) -> OfferedPosition:
    _require_draft(campaign)
    unknown = set(fields) - set(POSITION_FIELDS)
    if unknown:
        raise DomainError(_("不可填写的字段：%(f)s") % {"f": "、".join(sorted(unknown))}, code="bad_field")
    fields = _position_lists(dict(fields))
    if not fields.get("order"):
        fields["order"] = campaign.positions.count() + 1
    position = OfferedPosition(campaign=campaign, **fields)
    save_audited(position, actor=actor, before=None, conflict_message=_("本次竞争上岗已有同名职位。"))
    return position


@transaction.atomic
def position_update(*, actor, position: OfferedPosition, **fields: Any) -> OfferedPosition:
    campaign = position.campaign
    unknown = set(fields) - set(POSITION_FIELDS)
    if unknown:
        raise DomainError(_("不可修改的字段：%(f)s") % {"f": "、".join(sorted(unknown))}, code="bad_field")
    fields = _position_lists(dict(fields))
    if campaign.stage != Stage.DRAFT:
        locked = [
            str(OfferedPosition._meta.get_field(n).verbose_name)
            for n, v in fields.items()
            if n not in POSITION_TEXT_FIELDS and getattr(position, n) != v
        ]
        if locked:
            raise DomainError(
                _("方案发布后职位只能修改职位说明文字，不能修改：%(f)s。") % {"f": "、".join(locked)},
                code="position_locked",
            )
    if campaign.stage == Stage.DONE:
        raise DomainError(_("竞争上岗已完成，不能再修改。"), code="locked")
    before = snapshot(position)
    for name, value in fields.items():
        setattr(position, name, value)
    save_audited(position, actor=actor, before=before, conflict_message=_("本次竞争上岗已有同名职位。"))
    return position


@transaction.atomic
def position_delete(*, actor, position: OfferedPosition) -> None:
    _require_draft(position.campaign)
    audit_record(actor=actor, action=AuditEntry.Action.DELETE, obj=position)
    position.delete()
