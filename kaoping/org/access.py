"""Fetch-and-authorise in one call. Missing and not-yours give the same NotFound (→ 404)."""

from __future__ import annotations

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import scoped
from kaoping.common.access import get_or_not_found, not_found
from kaoping.org.models import HISTORY_MODELS, Person, PersonRecord, Unit


def access_unit(user, unit_id, cap: str = Cap.ORG_VIEW) -> Unit:
    return get_or_not_found(scoped(Unit.objects.select_related("parent"), user, cap, "path"), unit_id)


def access_person(user, person_id, cap: str = Cap.ORG_VIEW) -> Person:
    return get_or_not_found(
        scoped(Person.objects.select_related("unit", "rank"), user, cap, "unit__path"), person_id
    )


def access_history(user, kind: str, record_id, cap: str = Cap.ORG_EDIT) -> PersonRecord:
    model = HISTORY_MODELS.get(kind)
    if model is None:
        raise not_found()
    records = model.objects.select_related("person", "person__unit")
    return get_or_not_found(scoped(records, user, cap, "person__unit__path"), record_id)
