"""Shared helpers of the registry pages. The pages themselves live in views_units.py, views_people.py,
views_history.py and views_ranks.py."""

from __future__ import annotations

from kaoping.accounts.scoping import scope_for


def may(user, cap: str, path: str) -> bool:
    """Whether ``user`` holds ``cap`` over the unit at ``path`` (to show or hide buttons)."""
    scope = scope_for(user, cap)
    return scope is not None and scope.covers_path(path)
