"""Reads of accounts, and the fetch-and-authorise helpers for them (NotFound for missing and not-yours)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from kaoping.accounts.models import ApiToken, RoleAssignment, User
from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap
from kaoping.common.access import get_or_not_found, not_found, parse_pk

# ---------------------------------------------------------------------------------------------- access


def access_user(actor, user_id) -> User:
    """A user account, for someone who may manage accounts (users.manage)."""
    if not has_cap(actor, Cap.USERS_MANAGE):
        raise not_found()
    return get_or_not_found(User.objects, user_id)


def access_role_assignment(actor, assignment_id) -> RoleAssignment:
    if not has_cap(actor, Cap.USERS_MANAGE):
        raise not_found()
    assignment = (
        RoleAssignment.objects.select_related("user", "unit").filter(pk=parse_pk(assignment_id)).first()
    )
    if assignment is None:
        raise not_found()
    return assignment


def access_api_token(actor, token_id) -> ApiToken:
    """One of the actor's own tokens (nobody sees another user's tokens)."""
    if not has_cap(actor, Cap.API_TOKENS):
        raise not_found()
    return get_or_not_found(ApiToken.objects.filter(user=actor), token_id)


# ------------------------------------------------------------------------------------------------ reads


def _roles_prefetch() -> Prefetch:
    return Prefetch(
        "roles",
        queryset=RoleAssignment.objects.select_related("unit").order_by("role", "unit__path"),
    )


def user_list(*, q: str = "", is_active: bool | None = None) -> QuerySet[User]:
    """Accounts with their role assignments (two queries per page), by username."""
    qs = User.objects.prefetch_related(_roles_prefetch()).order_by("username")
    q = q.strip()
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(display_name__contains=q))
    if is_active is not None:
        qs = qs.filter(is_active=is_active)
    return qs


def user_roles(user: User) -> list[RoleAssignment]:
    return list(user.roles.select_related("unit").order_by("role", "unit__path"))


def api_tokens_of(user) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first (revoked ones too, marked as such)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")
