"""Domain errors. Services raise these (never a bare Exception); views turn them into messages / 4xx."""

from __future__ import annotations

from django.utils.translation import gettext as _


class DomainError(Exception):
    """A business rule refused an operation. ``code`` is stable (for the API and tests);
    ``message`` is a Chinese sentence for the user; ``field`` names a form/API field when one is at fault."""

    code = "domain_error"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.field = field


class NotFound(DomainError):
    """Missing *or* not visible to this user: the two are deliberately indistinguishable."""

    code = "not_found"


class PermissionDenied(DomainError):
    code = "permission_denied"


class ValidationFailed(DomainError):
    """Input failed validation; ``errors`` maps field → list of Chinese messages."""

    code = "validation_failed"

    def __init__(self, errors: dict[str, list[str]], message: str = "") -> None:
        self.errors = errors
        first = next((m for msgs in errors.values() for m in msgs), "")
        super().__init__(message or first or _("输入有误"))


class TransitionBlocked(DomainError):
    """A state transition was refused; ``issues`` lists every blocking issue."""

    code = "transition_blocked"

    def __init__(self, issues: list[str]) -> None:
        self.issues = issues
        super().__init__("；".join(issues))
