"""Template helpers of the assessment pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ names|get_item:code }}`` — a dict lookup by a variable key."""
    return mapping.get(key, "") if mapping else ""


@register.filter
def attr(obj, name):
    """``{{ score|attr:column }}`` — an attribute named by a variable (None when absent)."""
    return getattr(obj, name, None) if name else None
