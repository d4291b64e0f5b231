"""Writes to the cadre registry. Every write: validate (full_clean), save, audit — in one transaction."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from kaoping.common.audit import audit_record, save_audited, snapshot
from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.common.validation import validate_model
from kaoping.org.idcard import normalize_id_number
from kaoping.org.models import HISTORY_MODELS, Person, PersonRecord, Rank, Unit

# ---------------------------------------------------------------------------------------------- helpers


def _apply(obj, fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationFailed({name: [_("该字段不可修改。")] for name in sorted(unknown)})
    for name, value in fields.items():
        setattr(obj, name, value)


# ------------------------------------------------------------------------------------------------ units

UNIT_FIELDS = ("name", "short_name", "code", "kind", "category", "order")


def _path_for(unit: Unit) -> tuple[str, int]:
    if unit.parent_id is None:
        return f"/{unit.pk}/", 0
    parent = Unit.objects.only("path", "depth").get(pk=unit.parent_id)
    return f"{parent.path}{unit.pk}/", parent.depth + 1


@transaction.atomic
def unit_create(*, actor, parent: Unit | None, **fields: Any) -> Unit:
    """Create a unit under ``parent`` (None = a root)."""
    if parent is not None and not parent.is_active:
        raise DomainError(_("上级单位已停用，不能在其下新增单位。"), code="parent_inactive", field="parent")
    unit = Unit(parent=parent)
    _apply(unit, fields, UNIT_FIELDS)
    validate_model(unit, exclude=["path"])
    unit.save()
    unit.path, unit.depth = _path_for(unit)
    unit.save(update_fields=["path", "depth"])
    audit_record(actor=actor, action=AuditEntry.Action.CREATE, obj=unit, changes=snapshot(unit))
    return unit


@transaction.atomic
def unit_update(*, actor, unit: Unit, **fields: Any) -> Unit:
    before = snapshot(unit)
    _apply(unit, fields, UNIT_FIELDS)
    save_audited(unit, actor=actor, before=before)
    return unit


@transaction.atomic
def unit_move(*, actor, unit: Unit, new_parent: Unit | None) -> Unit:
    """Move ``unit`` (with its subtree) under ``new_parent``; refuses cycles."""
    if new_parent is not None:
        if new_parent.path.startswith(unit.path):
            raise DomainError(
                _("不能把单位移动到它自己或其下级单位之下。"), code="move_cycle", field="parent"
            )
        if not new_parent.is_active:
            raise DomainError(_("目标上级单位已停用。"), code="parent_inactive", field="parent")
    old_parent = unit.parent
    old_path, old_depth = unit.path, unit.depth
    unit.parent = new_parent
    new_path, new_depth = _path_for(unit)
    unit.path, unit.depth = new_path, new_depth
    unit.save(update_fields=["parent", "path", "depth", "updated_at"])
    # Re-root every descendant: replace the old prefix and shift the depth.
    Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + (new_depth - old_depth),
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.MOVE,
        obj=unit,
        changes={"parent": [str(old_parent or ""), str(new_parent or "")]},
    )
    return unit


def unit_blocking_issues_for_deactivation(unit: Unit) -> list[str]:
    issues = []
    if Unit.objects.filter(path__startswith=unit.path, is_active=True).exclude(pk=unit.pk).exists():
        issues.append(_("该单位下还有在用的下级单位，请先停用或移走。"))
    if Person.objects.filter(unit__path__startswith=unit.path, is_active=True).exists():
        issues.append(_("该单位（含下级）还有在职人员，请先调整人员所在单位。"))
    return issues


@transaction.atomic
def unit_deactivate(*, actor, unit: Unit) -> Unit:
    """Deactivate (never delete) a unit; refused while active sub-units or people remain."""
    issues = unit_blocking_issues_for_deactivation(unit)
    if issues:
        raise DomainError("；".join(issues), code="unit_in_use")
    unit.is_active = False
    unit.save(update_fields=["is_active", "updated_at"])
    audit_record(actor=actor, action=AuditEntry.Action.DEACTIVATE, obj=unit)
    return unit


@transaction.atomic
def unit_reactivate(*, actor, unit: Unit) -> Unit:
    if unit.parent_id and not unit.parent.is_active:
        raise DomainError(_("上级单位已停用，请先启用上级单位。"), code="parent_inactive")
    unit.is_active = True
    unit.save(update_fields=["is_active", "updated_at"])
    audit_record(actor=actor, action=AuditEntry.Action.UPDATE, obj=unit, changes={"is_active": [False, True]})
    return unit


# ------------------------------------------------------------------------------------------------ ranks

RANK_FIELDS = ("name", "code", "level", "category", "grade", "order", "is_active")


@transaction.atomic
def rank_create(*, actor, **fields: Any) -> Rank:
    rank = Rank()
    _apply(rank, fields, RANK_FIELDS)
    save_audited(rank, actor=actor, before=None)
    return rank


@transaction.atomic
def rank_update(*, actor, rank: Rank, **fields: Any) -> Rank:
    before = snapshot(rank)
    _apply(rank, fields, RANK_FIELDS)
    save_audited(rank, actor=actor, before=before)
    return rank


# ----------------------------------------------------------------------------------------------- people

PERSON_FIELDS = (
    "name",
    "gender",
    "birth_date",
    "ethnicity",
    "native_place",
    "id_number",
    "political_status",
    "education",
    "degree",
    "education_parttime",
    "degree_parttime",
    "work_start_date",
    "unit",
    "current_post",
    "rank",
    "rank_start_date",
    "post_start_date",
    "category",
    "health",
    "phone",
    "has_grassroots_experience",
    "meets_training_requirement",
    "photo",
    "notes",
)


def _check_unit_usable(unit: Unit | None) -> None:
    if unit is not None and not unit.is_active:
        raise ValidationFailed({"unit": [_("所选单位已停用。")]})


def _normalise_person(person: Person) -> None:
    person.name = (person.name or "").strip()
    person.id_number = normalize_id_number(person.id_number)


@transaction.atomic
def person_create(*, actor, **fields: Any) -> Person:
    """Create a cadre record. ``fields`` are Person fields (``unit`` and ``rank`` as objects)."""
    person = Person()
    _apply(person, fields, PERSON_FIELDS)
    _normalise_person(person)
    _check_unit_usable(fields.get("unit"))
    save_audited(person, actor=actor, before=None)
    return person


@transaction.atomic
def person_update(*, actor, person: Person, **fields: Any) -> Person:
    before = snapshot(person)
    if "unit" in fields and fields["unit"] != person.unit:
        _check_unit_usable(fields["unit"])
    _apply(person, fields, PERSON_FIELDS)
    _normalise_person(person)
    save_audited(person, actor=actor, before=before)
    return person


@transaction.atomic
def person_set_active(*, actor, person: Person, is_active: bool, note: str = "") -> Person:
    """Mark a person as no longer (or again) in service. People are never hard-deleted."""
    if person.is_active == is_active:
        return person
    person.is_active = is_active
    person.save(update_fields=["is_active", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE if is_active else AuditEntry.Action.DEACTIVATE,
        obj=person,
        changes={"is_active": [not is_active, is_active]},
        note=note,
    )
    return person


# ---------------------------------------------------------------------------------------------- history


def history_model(kind: str) -> type[PersonRecord]:
    try:
        return HISTORY_MODELS[kind]
    except KeyError as exc:
        raise DomainError(_("未知的记录类型。"), code="unknown_history_kind") from exc


def _history_fields(model: type[PersonRecord]) -> tuple[str, ...]:
    skip = {"id", "person", "created_at", "updated_at"}
    return tuple(f.name for f in model._meta.concrete_fields if f.name not in skip)


def _history_audit_repr(record: PersonRecord) -> str:
    return f"{record.person}：{record._meta.verbose_name} {record}"


def _save_history(record: PersonRecord, *, actor, before: dict | None) -> None:
    save_audited(
        record,
        actor=actor,
        before=before,
        object_repr=_history_audit_repr(record),
        conflict_message=_("该记录与已有记录重复。"),
    )


@transaction.atomic
def history_add(*, actor, person: Person, record_kind: str, **fields: Any) -> PersonRecord:
    """Add a history entry to ``person``. ``record_kind`` is a key of HISTORY_MODELS (rank, result,
    secondment, training, sanction, resume); ``fields`` are that model's fields (which may include its own
    ``kind``, e.g. 援疆)."""
    model = history_model(record_kind)
    record = model(person=person)
    _apply(record, fields, _history_fields(model))
    _save_history(record, actor=actor, before=None)
    return record


@transaction.atomic
def history_update(*, actor, record: PersonRecord, **fields: Any) -> PersonRecord:
    before = snapshot(record)
    _apply(record, fields, _history_fields(type(record)))
    _save_history(record, actor=actor, before=before)
    return record


@transaction.atomic
def history_delete(*, actor, record: PersonRecord) -> None:
    audit_record(
        actor=actor,
        action=AuditEntry.Action.DELETE,
        obj=record,
        object_repr=_history_audit_repr(record),
        changes=snapshot(record),
    )
    record.delete()
