"""Template helpers of the annual pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ d|get_item:k }}`` — a dict lookup by a variable key (empty list when missing or no dict)."""
    if not isinstance(mapping, dict):
        return []
    return mapping.get(key, [])
