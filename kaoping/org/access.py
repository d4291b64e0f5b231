"""Fetch-and-authorise in one call. Missing and not-yours give the same NotFound (→ 404)."""

from __future__ import annotations

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import scope_for
from kaoping.common.access import not_found, parse_pk
from kaoping.org.models import HISTORY_MODELS, Person, PersonRecord, Unit


def access_unit(user, unit_id, cap: str = Cap.ORG_VIEW) -> Unit:
    scope = scope_for(user, cap)
    if scope is None:
        raise not_found()
    unit = Unit.objects.select_related("parent").filter(pk=parse_pk(unit_id)).first()
    if unit is None or not scope.covers_path(unit.path):
        raise not_found()
    return unit


def access_person(user, person_id, cap: str = Cap.ORG_VIEW) -> Person:
    scope = scope_for(user, cap)
    if scope is None:
        raise not_found()
    person = (
        Person.objects.select_related("unit", "rank")
        .filter(scope.unit_q("unit__path"), pk=parse_pk(person_id))
        .first()
    )
    if person is None:
        raise not_found()
    return person


def access_history(user, kind: str, record_id, cap: str = Cap.ORG_EDIT) -> PersonRecord:
    model = HISTORY_MODELS.get(kind)
    scope = scope_for(user, cap)
    if model is None or scope is None:
        raise not_found()
    record = (
        model.objects.select_related("person", "person__unit")
        .filter(scope.unit_q("person__unit__path"), pk=parse_pk(record_id))
        .first()
    )
    if record is None:
        raise not_found()
    return record
