"""What a user may do and over which units — read from role assignments (data), cached per request."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from kaoping.accounts.roles import ROLE_CAPABILITIES, Role


@dataclass(frozen=True)
class Scope:
    """The units a capability reaches: everything, or the subtrees under ``unit_paths``."""

    all_units: bool
    unit_paths: tuple[str, ...] = ()

    def unit_q(self, path_field: str = "path") -> Q:
        """A filter for rows whose unit path lies in this scope (``path_field`` e.g. "unit__path")."""
        if self.all_units:
            return Q()
        if not self.unit_paths:
            return Q(pk__in=[])
        q = Q()
        for path in self.unit_paths:
            q |= Q(**{f"{path_field}__startswith": path})
        return q

    def covers_path(self, path: str) -> bool:
        return self.all_units or any(path.startswith(p) for p in self.unit_paths)


@dataclass(frozen=True)
class _Grant:
    role: str
    unit_path: str | None  # None = all units


def _grants(user) -> tuple[_Grant, ...]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    cached = getattr(user, "_kaoping_grants", None)
    if cached is not None:
        return cached
    grants = [
        _Grant(role=a.role, unit_path=a.unit.path if a.unit_id else None)
        for a in user.roles.filter(is_active=True).select_related("unit")
        if not a.unit_id or a.unit.is_active
    ]
    if user.is_superuser:
        grants.append(_Grant(role=Role.SYSADMIN, unit_path=None))
    user._kaoping_grants = tuple(grants)
    return user._kaoping_grants


def roles_of(user) -> frozenset[str]:
    return frozenset(g.role for g in _grants(user))


def capabilities(user) -> frozenset[str]:
    caps: set[str] = set()
    for grant in _grants(user):
        caps |= ROLE_CAPABILITIES.get(grant.role, frozenset())
    return frozenset(caps)


def has_cap(user, cap: str) -> bool:
    return cap in capabilities(user)


def scope_for(user, cap: str) -> Scope | None:
    """The unit scope in which ``user`` holds ``cap``; None when they don't hold it at all."""
    paths: list[str] = []
    held = False
    for grant in _grants(user):
        if cap not in ROLE_CAPABILITIES.get(grant.role, frozenset()):
            continue
        held = True
        if grant.unit_path is None:
            return Scope(all_units=True)
        paths.append(grant.unit_path)
    if not held:
        return None
    return Scope(all_units=False, unit_paths=tuple(sorted(set(paths))))


def forget(user) -> None:
    """Drop the cached grants (after a role change in the same request/test)."""
    if hasattr(user, "_kaoping_grants"):
        del user._kaoping_grants


def scoped(queryset, user, cap: str, path_field: str):
    """``queryset`` limited to rows whose unit path (``path_field``, e.g. "unit__path") lies in the scope
    where ``user`` holds ``cap``; empty when they do not hold it at all."""
    scope = scope_for(user, cap)
    if scope is None:
        return queryset.none()
    return queryset.filter(scope.unit_q(path_field))


def covers_all_units(user, cap: str) -> bool:
    """Whether ``user`` holds ``cap`` over every unit (e.g. to create a top-level unit)."""
    scope = scope_for(user, cap)
    return scope is not None and scope.all_units


def require_cap(user, cap: str) -> None:
    """Pages and operations a user may not use at all look missing (404), like records outside their scope."""
    if not has_cap(user, cap):
        from kaoping.common.access import not_found

        raise not_found()
