"""Reads of the cadre registry, scoped to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import scoped
from kaoping.org.models import Person, Rank, Unit

PERSON_SORTS = {
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    "birth": ("birth_date", "id"),
    "-birth": ("-birth_date", "-id"),
    "unit": ("unit__path", "name", "id"),
    "-unit": ("-unit__path", "name", "id"),
    "rank": ("rank__order", "name", "id"),
    "-rank": ("-rank__order", "name", "id"),
    "rank_start": ("rank_start_date", "id"),
    "-rank_start": ("-rank_start_date", "-id"),
}
DEFAULT_PERSON_SORT = "unit"


@dataclass(frozen=True)
class PersonFilter:
    q: str = ""  # name, or 身份证号 prefix
    unit_id: int | None = None  # this unit and its subtree
    rank_id: int | None = None
    category: str = ""
    is_active: bool | None = True
    sort: str = DEFAULT_PERSON_SORT


def units_visible(user, cap: str = Cap.ORG_VIEW) -> QuerySet[Unit]:
    return scoped(Unit.objects.all(), user, cap, "path")


def unit_tree(user, *, include_inactive: bool = False) -> list[Unit]:
    """Visible units in tree order (by path), each with ``people_count`` of active people directly in it."""
    qs = units_visible(user)
    if not include_inactive:
        qs = qs.filter(is_active=True)
    qs = qs.annotate(people_count=Count("people", filter=Q(people__is_active=True)))
    units = list(qs.order_by("path"))
    # Order siblings by (order, name) while keeping parents before children.
    by_parent: dict[int | None, list[Unit]] = {}
    ids = {u.pk for u in units}
    for u in units:
        by_parent.setdefault(u.parent_id if u.parent_id in ids else None, []).append(u)
    ordered: list[Unit] = []

    def walk(parent_id: int | None) -> None:
        for child in sorted(by_parent.get(parent_id, []), key=lambda u: (u.order, u.name)):
            ordered.append(child)
            walk(child.pk)

    walk(None)
    return ordered


def people_visible(user, cap: str = Cap.ORG_VIEW) -> QuerySet[Person]:
    return scoped(Person.objects.all(), user, cap, "unit__path")


def person_list(user, flt: PersonFilter, cap: str = Cap.ORG_VIEW) -> QuerySet[Person]:
    """The filtered, sorted people ``user`` may see, with unit and rank joined (one query per page)."""
    qs = people_visible(user, cap).select_related("unit", "rank")
    if flt.is_active is not None:
        qs = qs.filter(is_active=flt.is_active)
    q = flt.q.strip()
    if q:
        if q[:1].isdigit():
            qs = qs.filter(id_number__startswith=q.upper())
        else:
            qs = qs.filter(Q(name__contains=q) | Q(current_post__contains=q))
    if flt.unit_id:
        unit = Unit.objects.filter(pk=flt.unit_id).only("path").first()
        qs = qs.filter(unit__path__startswith=unit.path) if unit else qs.none()
    if flt.rank_id:
        qs = qs.filter(rank_id=flt.rank_id)
    if flt.category:
        qs = qs.filter(category=flt.category)
    return qs.order_by(*PERSON_SORTS.get(flt.sort, PERSON_SORTS[DEFAULT_PERSON_SORT]))


def person_detail(person: Person) -> dict[str, list]:
    """Every history record of a person, grouped by kind."""
    return {
        "ranks": list(person.rankhistorys.select_related("rank")),
        "results": list(person.annualresults.all()),
        "secondments": list(person.secondments.all()),
        "trainings": list(person.trainings.all()),
        "sanctions": list(person.sanctions.all()),
        "resume": list(person.resumelines.all()),
    }


def ranks_active() -> QuerySet[Rank]:
    return rank_catalogue(include_inactive=False)


def rank_catalogue(*, include_inactive: bool = True) -> QuerySet[Rank]:
    qs = Rank.objects.all() if include_inactive else Rank.objects.filter(is_active=True)
    return qs.order_by("order", "name")
