"""Turn domain errors that escape a view into the right HTTP answer."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404

from kaoping.common.errors import NotFound, PermissionDenied


class DomainErrorMiddleware:
    """NotFound → 404 (same page for missing and not-yours); PermissionDenied → 403."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotFound):
            raise Http404(exception.message) from exception
        if isinstance(exception, PermissionDenied):
            raise DjangoPermissionDenied(exception.message) from exception
        return None
