"""Audit rows, written by services inside their transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from kaoping.common.errors import DomainError
from kaoping.common.models import AuditEntry
from kaoping.common.validation import validate_model


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """Plain values of a model's concrete fields (FKs as their display text), for diffs."""
    names = fields or [
        f.name for f in obj._meta.concrete_fields if f.name not in ("created_at", "updated_at")
    ]
    return {name: _plain(getattr(obj, name)) for name in names}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for fields whose value changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    changes: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEntry:
    """Write one audit row. Call inside the service's ``transaction.atomic()``."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:200]
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:200],
        changes=changes or {},
        note=note[:500],
    )


def audit_change(
    obj: models.Model, *, actor, before: dict[str, Any] | None, note: str = "", object_repr: str = ""
) -> None:
    """Audit a create (``before`` is None: the full snapshot) or an update (only the fields that changed)."""
    after = snapshot(obj)
    if before is None:
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            obj=obj,
            changes=after,
            note=note,
            object_repr=object_repr,
        )
    elif changes := diff(before, after):
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            obj=obj,
            changes=changes,
            note=note,
            object_repr=object_repr,
        )


def save_audited(
    obj: models.Model,
    *,
    actor,
    before: dict[str, Any] | None,
    note: str = "",
    object_repr: str = "",
    conflict_message: str = "",
) -> None:
    """Validate (``full_clean``), save and audit ``obj`` — call inside the service's transaction. A unique
    constraint that still fails at the database (a race) becomes DomainError code "conflict"."""
    validate_model(obj)
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise DomainError(conflict_message or _("数据与已有记录冲突（可能重复）。"), code="conflict") from exc
    audit_change(obj, actor=actor, before=before, note=note, object_repr=object_repr)
