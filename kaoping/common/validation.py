"""Model validation for services: ``full_clean`` with Django's errors turned into ValidationFailed."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from kaoping.common.errors import ValidationFailed


def validate_model(obj: models.Model, *, exclude: list[str] | None = None) -> None:
    """Run ``obj.full_clean()``; raise ValidationFailed mapping each field to its Chinese messages."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        errors = (
            {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
            if hasattr(exc, "error_dict")
            else {"__all__": [str(m) for m in exc.messages]}
        )
        raise ValidationFailed(errors) from exc
