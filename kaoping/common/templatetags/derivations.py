"""Render a scoring Derivation (or its stored dict form) as a nested, readable explanation."""

from __future__ import annotations

from django import template

from kaoping.scoring.trace import Derivation

register = template.Library()


@register.inclusion_tag("common/derivation.html")
def derivation(value, open_levels: int = 1):
    """``{% derivation result.trace %}`` — accepts a Derivation or the dict stored with a result."""
    if isinstance(value, dict):
        value = Derivation.from_dict(value)
    return {"d": value, "open_levels": open_levels, "level": 0}


@register.inclusion_tag("common/derivation.html")
def derivation_part(value, level: int, open_levels: int):
    return {"d": value, "open_levels": open_levels, "level": level + 1}
