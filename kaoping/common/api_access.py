"""The first line of every API operation: who is calling, and may they use this endpoint at all."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from kaoping.accounts.scoping import has_cap
from kaoping.common.errors import PermissionDenied


def api_user(request: HttpRequest, *caps: str):
    """The authenticated user if they hold any of ``caps``; else 403 (the endpoint is not for them at all —
    records outside their scope are 404 later, in the access helpers)."""
    user = request.auth
    if not any(has_cap(user, cap) for cap in caps):
        raise PermissionDenied(_("您没有执行此操作的权限。"))
    return user
