"""Reads of the selection app: campaign lists, positions with counts, registrations in scope, the review
queue and the qualified list. List selectors return querysets with everything their page shows."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from kaoping.accounts.roles import Cap
from kaoping.selection.access import registrations_in_scope
from kaoping.selection.models import Campaign, OfferedPosition, Registration, StageResult

Status = Registration.Status
COUNTED = (Status.UNIT_REVIEW, Status.SUBMITTED, Status.QUALIFIED, Status.REJECTED)


def campaign_list(search: str = "") -> QuerySet[Campaign]:
    qs = Campaign.objects.annotate(
        n_positions=Count("positions", distinct=True),
        n_registrations=Count("registrations", filter=Q(registrations__is_active=True), distinct=True),
    )
    if search:
        qs = qs.filter(Q(title__icontains=search) | Q(doc_number__icontains=search))
    return qs.order_by("-created_at", "-id")


def positions_with_counts(campaign: Campaign) -> QuerySet[OfferedPosition]:
    """Positions with ``n_registered`` (active registrations) and ``n_qualified``."""
    return (
        campaign.positions.select_related("unit")
        .annotate(
            n_registered=Count("registrations", filter=Q(registrations__is_active=True)),
            n_submitted=Count(
                "registrations",
                filter=Q(registrations__is_active=True) & ~Q(registrations__status=Status.UNIT_REVIEW),
            ),
            n_qualified=Count("registrations", filter=Q(registrations__status=Status.QUALIFIED)),
        )
        .order_by("order", "id")
    )


def _registration_rows(qs: QuerySet[Registration]) -> QuerySet[Registration]:
    return qs.select_related(
        "position", "position__unit", "person", "person__unit", "person__rank", "review"
    ).order_by("position__order", "position_id", "person__name", "id")


def active_registrations(campaign: Campaign) -> QuerySet[Registration]:
    """Every active (not withdrawn) registration of the campaign."""
    return _registration_rows(campaign.registrations.filter(is_active=True))


def qualified_registrations(campaign: Campaign, position: OfferedPosition | None = None):
    """Qualified registrations (R000-13), of one position or of the whole campaign, on open positions."""
    qs = campaign.registrations.filter(
        is_active=True, status=Status.QUALIFIED, position__status=OfferedPosition.Status.OPEN
    )
    if position is not None:
        qs = qs.filter(position=position)
    return _registration_rows(qs)


def registrations_visible(
    user, campaign: Campaign, *, search: str = "", status: str = "", position_id: int | None = None
) -> QuerySet[Registration]:
    """The registrations of ``campaign`` the user may see (liaison: own unit subtree)."""
    qs = registrations_in_scope(user, Cap.SELECTION_VIEW).filter(campaign=campaign)
    if search:
        qs = qs.filter(Q(person__name__icontains=search) | Q(person__unit__name__icontains=search))
    if status == "active":
        qs = qs.filter(is_active=True)
    elif status:
        qs = qs.filter(status=status)
    if position_id:
        qs = qs.filter(position_id=position_id)
    return _registration_rows(qs).prefetch_related("changes")


def base_results(campaign: Campaign) -> dict[int, StageResult]:
    """Stored base scores (R000-14) by registration id."""
    rows = StageResult.objects.filter(campaign=campaign, stage=StageResult.Stage.BASE)
    return {r.registration_id: r for r in rows}


@dataclass(frozen=True)
class ReviewProgress:
    total: int
    checked: int
    decided: int

    @property
    def percent(self) -> int:
        return round(100 * self.decided / self.total) if self.total else 100


def review_progress(campaign: Campaign) -> ReviewProgress:
    qs = campaign.registrations.filter(is_active=True, position__status=OfferedPosition.Status.OPEN).exclude(
        status=Status.UNIT_REVIEW
    )
    agg = qs.aggregate(
        total=Count("id"),
        checked=Count("id", filter=Q(review__evaluated_at__isnull=False)),
        decided=Count("id", filter=Q(status__in=(Status.QUALIFIED, Status.REJECTED))),
    )
    return ReviewProgress(agg["total"], agg["checked"], agg["decided"])
