"""Helpers for the ``access_<thing>(user, id)`` functions of every app: one NotFound for missing and
not-yours, and primary keys parsed without 500s."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kaoping.common.errors import NotFound


def not_found() -> NotFound:
    """The error every access helper raises, whether the record is missing or outside the user's scope."""
    return NotFound(_("未找到该记录，或您无权访问。"))


def parse_pk(value) -> int:
    """An integer primary key from a URL or payload; anything else is simply not found."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise not_found() from None


def get_or_not_found(queryset, pk):
    """The row of ``queryset`` (already limited to what the user may see) with primary key ``pk``, or the
    shared NotFound — so a missing row and a row outside the user's scope look the same."""
    obj = queryset.filter(pk=parse_pk(pk)).first()
    if obj is None:
        raise not_found()
    return obj
