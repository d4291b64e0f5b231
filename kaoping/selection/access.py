"""Fetch-and-authorize for selection pages and the API: the same NotFound (404) for missing and
not-yours. Campaigns and positions are visible to anyone holding the capability; registrations only
within the unit subtree where the user holds it (a liaison sees the people of their own unit)."""

from __future__ import annotations

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import require_cap, scoped
from kaoping.common.access import get_or_not_found
from kaoping.selection.models import Campaign, OfferedPosition, Registration


def access_campaign(user, pk, cap: str = Cap.SELECTION_VIEW) -> Campaign:
    require_cap(user, cap)
    return get_or_not_found(Campaign.objects.select_related("created_by", "copied_from"), pk)


def access_position(user, pk, cap: str = Cap.SELECTION_VIEW) -> OfferedPosition:
    require_cap(user, cap)
    return get_or_not_found(OfferedPosition.objects.select_related("campaign", "unit"), pk)


def registrations_in_scope(user, cap: str = Cap.SELECTION_VIEW):
    """Registrations of people in the units where ``user`` holds ``cap`` (none without it)."""
    return scoped(Registration.objects.all(), user, cap, "person__unit__path")


def access_registration(user, pk, cap: str = Cap.SELECTION_VIEW) -> Registration:
    require_cap(user, cap)
    qs = registrations_in_scope(user, cap).select_related(
        "campaign", "position", "position__unit", "person", "person__unit", "person__rank"
    )
    return get_or_not_found(qs, pk)


def people_in_scope(user, cap: str = Cap.SELECTION_REGISTER):
    """Active people a user may register (liaison: own unit subtree; organiser: everyone)."""
    from kaoping.org.models import Person

    return scoped(Person.objects.filter(is_active=True), user, cap, "unit__path")
