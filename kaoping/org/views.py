"""Shared helpers of the registry pages. The pages themselves live in views_units.py, views_people.py,
views_history.py and views_ranks.py."""

from __future__ import annotations

from kaoping.accounts.scoping import has_cap, scope_for
from kaoping.common.access import not_found


def require_cap(user, cap: str) -> None:
    """Pages a user may not use at all look missing (404), like records outside their scope."""
    if not has_cap(user, cap):
        raise not_found()


def may(user, cap: str, path: str) -> bool:
    """Whether ``user`` holds ``cap`` over the unit at ``path`` (to show or hide buttons)."""
    scope = scope_for(user, cap)
    return scope is not None and scope.covers_path(path)
