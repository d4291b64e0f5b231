"""Small helpers shared by the marking services."""

from __future__ import annotations


def lock(obj):
    """Lock ``obj``'s row for the current transaction and refresh the caller's instance, so a status
    changed by an earlier call is never read stale."""
    type(obj).objects.select_for_update().filter(pk=obj.pk).exists()
    obj.refresh_from_db()
    return obj
