"""View helpers every app's pages share: service errors as messages, and the POST-action pattern."""

from __future__ import annotations

from django.contrib import messages

from kaoping.common.errors import DomainError, TransitionBlocked


def flash_error(request, exc: DomainError) -> None:
    """Show a service error as messages: one per blocking issue, or the error's own message."""
    if isinstance(exc, TransitionBlocked):
        for issue in exc.issues:
            messages.error(request, issue)
    else:
        messages.error(request, exc.message)


def form_action(request, form, action, *, success: str, invalid: str | None = None) -> None:
    """The POST-action pattern: if ``form`` is valid run ``action(**cleaned_data)`` and flash
    ``success`` or the service error; otherwise flash ``invalid`` (when given). The caller redirects."""
    if form.is_valid():
        try:
            action(**form.cleaned_data)
            messages.success(request, success)
        except DomainError as exc:
            flash_error(request, exc)
    elif invalid is not None:
        messages.error(request, invalid)
